//! REFI-QDA codebooks: `.qdc` files (Codebook.xsd 1.0) and the `<CodeBook>`
//! of a project, read and written.
//!
//! A `.qdc` carries codes, hierarchy, descriptions, colours and GUIDs, not
//! rules: imported codes are categories until an editor adds `match` rules,
//! and exported rules are not part of the file. The `<Code>` elements are
//! written by the same function as a project's ([`super::qdpx::write_codes`]).

use crate::codebook::Codebook;
use crate::codebook::exchange::{ImportError, Imported, ImportedCode, slug, unique};
use crate::xml::{attr, resolve_entity};
use quick_xml::Reader;
use quick_xml::events::Event;
use std::collections::HashSet;

/// Reads a REFI-QDA `.qdc` codebook.
pub fn import_qdc(xml: &str) -> Result<Imported, ImportError> {
    read_codes(xml, false)
}

/// Reads the codebook of a REFI-QDA project (`project.qde`); a project without
/// one has no codes.
pub fn import_project_codes(xml: &str) -> Result<Imported, ImportError> {
    read_codes(xml, true)
}

/// Levels of nested `<Code>` elements an import accepts (NVivo, ATLAS.ti and
/// MAXQDA codebooks rarely go beyond five).
pub const MAX_CODE_DEPTH: usize = 64;

fn read_codes(xml: &str, project: bool) -> Result<Imported, ImportError> {
    let mut reader = Reader::from_str(xml);
    let mut out = Imported::default();
    let mut stack: Vec<String> = Vec::new(); // ids of open <Code> elements
    let mut used = HashSet::new();
    let mut in_description = false;
    let mut saw_root = false;
    loop {
        let event = reader.read_event().map_err(|e| {
            let (line, column) = crate::codebook::line_col(xml, reader.error_position() as usize);
            ImportError(format!(
                "malformed XML at line {line}, column {column}: {e}"
            ))
        })?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                match e.local_name().as_ref() {
                    b"CodeBook" => {
                        saw_root = true;
                        out.origin = attr(e, b"origin");
                    }
                    b"Project" if project => out.origin = attr(e, b"origin"),
                    b"Code" => {
                        if !saw_root {
                            return Err(ImportError(
                                "not a REFI-QDA codebook: <Code> outside <CodeBook>".into(),
                            ));
                        }
                        let name = attr(e, b"name")
                            .ok_or_else(|| ImportError("a <Code> has no name".into()))?;
                        let guid = attr(e, b"guid")
                            .ok_or_else(|| ImportError(format!("code `{name}` has no guid")))?;
                        // Each level lengthens every id below it: 100,000
                        // nested codes asked for gigabytes of ids.
                        if stack.len() >= MAX_CODE_DEPTH {
                            return Err(ImportError(format!(
                                "codes nested too deeply: more than {MAX_CODE_DEPTH} levels (at code `{name}`)"
                            )));
                        }
                        let part = slug(&name);
                        let id = unique(
                            match stack.last() {
                                Some(parent) => format!("{parent}/{part}"),
                                None => part,
                            },
                            &mut used,
                        );
                        out.codes.push(ImportedCode {
                            id: id.clone(),
                            name,
                            color: attr(e, b"color"),
                            guid: Some(guid),
                            ..ImportedCode::default()
                        });
                        if !empty {
                            stack.push(id);
                        }
                    }
                    b"Description" if !empty => in_description = true,
                    _ => {}
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"Code" => {
                    stack.pop();
                }
                b"Description" => in_description = false,
                _ => {}
            },
            Event::Text(t) if in_description => {
                let text = t.decode().map_err(|e| ImportError(e.to_string()))?;
                if let Some(code) = out.codes.last_mut().filter(|c| Some(&c.id) == stack.last()) {
                    code.description
                        .get_or_insert_with(String::new)
                        .push_str(&text);
                }
            }
            Event::GeneralRef(r) if in_description => {
                let Some(c) = resolve_entity(&r.decode().unwrap_or_default()) else {
                    continue;
                };
                if let Some(code) = out.codes.last_mut().filter(|c| Some(&c.id) == stack.last()) {
                    code.description.get_or_insert_with(String::new).push(c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !saw_root && !project {
        return Err(ImportError(
            "not a REFI-QDA codebook: no <CodeBook> element".into(),
        ));
    }
    if !stack.is_empty() {
        return Err(ImportError(
            "the file ends inside a <Code> element (truncated?)".into(),
        ));
    }
    for c in &mut out.codes {
        c.description = c
            .description
            .as_ref()
            .map(|d| d.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|d| !d.is_empty());
    }
    Ok(out)
}

/// A REFI-QDA `.qdc` for a codebook.
pub fn export_qdc(book: &Codebook) -> String {
    let mut w = super::qdpx::xml_document();
    let origin = format!("pipeline {}", book.title);
    w.create_element("CodeBook")
        .with_attribute(("xmlns", "urn:QDA-XML:codebook:1.0"))
        .with_attribute(("origin", origin.as_str()))
        .write_inner_content(|w| {
            w.create_element("Codes").write_inner_content(|w| {
                super::qdpx::write_codes(w, &super::export::code_tree(std::slice::from_ref(book)))
            })?;
            Ok(())
        })
        .expect("writing to memory");
    super::qdpx::xml_text(w)
}
