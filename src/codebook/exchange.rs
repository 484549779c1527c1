//! Codebook exchange: REFI-QDA `.qdc` import and export (Codebook.xsd 1.0),
//! CSV import, and writing TOML.
//!
//! `.qdc` carries codes, hierarchy, descriptions, colours and GUIDs, not rules:
//! imported codes are categories until an editor adds `match` rules, and
//! exported rules are not part of the file. GUIDs read from a `.qdc` are kept in
//! the TOML (`guid`) and written back unchanged, so codes keep their identity
//! across tools; codes without one get a GUID derived from the codebook and code
//! ids (SHA-256, formatted as a UUID), stable across runs.

use super::{Code, Codebook};
use crate::fold::fold;
use crate::segment::SegmentKind;
use quick_xml::Reader;
use quick_xml::escape::escape;
use quick_xml::events::Event;
use std::collections::HashSet;
use std::fmt::Write;

/// A codebook read from another format, before it becomes TOML.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Imported {
    /// Codes in document order (parents before children).
    pub codes: Vec<ImportedCode>,
    /// `origin` attribute of a `.qdc`.
    pub origin: Option<String>,
}

/// One imported code.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportedCode {
    /// Path id, made from the names.
    pub id: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// Colour.
    pub color: Option<String>,
    /// GUID.
    pub guid: Option<String>,
    /// Rule (CSV only).
    pub rule: Option<String>,
    /// Exclusion rule (CSV only).
    pub exclude: Option<String>,
}

/// Why an import failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ImportError(pub String);

/// Makes a code id part from a name: folded, `-` for anything not a-z0-9.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in fold(name).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() { "code".into() } else { out }
}

fn unique(id: String, used: &mut HashSet<String>) -> String {
    if used.insert(id.clone()) {
        return id;
    }
    (2..)
        .map(|n| format!("{id}-{n}"))
        .find(|c| used.insert(c.clone()))
        .expect("infinite")
}

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
            let (line, column) = super::line_col(xml, reader.error_position() as usize);
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
                let Some(c) = crate::extract::docx::resolve_entity(&r.decode().unwrap_or_default())
                else {
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

/// An attribute's value by local name, entities resolved, trimmed.
pub(crate) fn attr(e: &quick_xml::events::BytesStart, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.trim().to_string())
        })
}

/// Reads a CSV codebook: columns `id` (or `code`), `name`, and optionally
/// `description`, `color`, `match`, `exclude`, `parent`.
pub fn import_csv(text: &str) -> Result<Imported, ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| ImportError(format!("line 1: {e}")))?
        .iter()
        .map(|h| h.to_lowercase())
        .collect();
    let col = |name: &str| headers.iter().position(|h| h == name);
    let id_col = col("id").or_else(|| col("code"));
    let name_col = col("name").ok_or_else(|| ImportError("line 1: no `name` column".into()))?;
    let mut out = Imported::default();
    let mut used = HashSet::new();
    for (i, row) in reader.records().enumerate() {
        let row = row.map_err(|e| ImportError(format!("line {}: {e}", i + 2)))?;
        let get = |c: Option<usize>| {
            c.and_then(|c| row.get(c))
                .map(str::to_string)
                .filter(|s| !s.is_empty())
        };
        let name = get(Some(name_col))
            .ok_or_else(|| ImportError(format!("line {}: empty name", i + 2)))?;
        let mut id = get(id_col).unwrap_or_else(|| slug(&name));
        if let Some(parent) = get(col("parent")) {
            id = format!(
                "{}/{}",
                parent.trim_matches('/'),
                id.rsplit('/').next().unwrap_or(&id)
            );
        }
        if !used.insert(id.clone()) {
            return Err(ImportError(format!(
                "line {}: duplicate code id `{id}`",
                i + 2
            )));
        }
        out.codes.push(ImportedCode {
            id,
            name,
            description: get(col("description")),
            color: get(col("color")).or_else(|| get(col("colour"))),
            guid: get(col("guid")),
            rule: get(col("match")),
            exclude: get(col("exclude")),
        });
    }
    Ok(out)
}

/// TOML text of an imported codebook.
pub fn to_toml(imported: &Imported, id: &str, title: &str) -> String {
    use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, value};
    let mut doc = DocumentMut::new();
    let mut head = Table::new();
    head["id"] = value(id);
    head["title"] = value(title);
    head["version"] = value("1.0");
    head["unit"] = value(SegmentKind::Sentence.name());
    if let Some(origin) = &imported.origin {
        head["description"] = value(format!(
            "Imported from a REFI-QDA codebook (origin: {origin})."
        ));
    }
    doc["codebook"] = Item::Table(head);
    let mut codes = ArrayOfTables::new();
    for c in &imported.codes {
        let mut t = Table::new();
        t["id"] = value(&c.id);
        t["name"] = value(&c.name);
        if let Some(d) = &c.description {
            t["description"] = value(d);
        }
        if let Some(col) = &c.color {
            t["color"] = value(col);
        }
        if let Some(r) = &c.rule {
            t["match"] = value(r);
        }
        if let Some(r) = &c.exclude {
            t["exclude"] = value(r);
        }
        if let Some(g) = &c.guid {
            t["guid"] = value(g);
        }
        codes.push(t);
    }
    doc["code"] = Item::ArrayOfTables(codes);
    doc.to_string()
}

/// Whether `s` is a GUID as Codebook.xsd defines it.
pub fn is_guid(s: &str) -> bool {
    let inner = s
        .strip_prefix('{')
        .and_then(|x| x.strip_suffix('}'))
        .unwrap_or(s);
    let parts: Vec<&str> = inner.split('-').collect();
    parts.len() == 5
        && parts
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(p, n)| p.len() == n && p.chars().all(|c| c.is_ascii_hexdigit()))
}

/// A GUID derived from the codebook and code ids.
pub fn derived_guid(codebook: &str, code: &str) -> String {
    crate::interop::guid("code", &format!("{codebook}/{code}"))
}

/// The GUID written for a code.
pub fn guid_of(book: &Codebook, code: &Code) -> String {
    code.guid
        .clone()
        .filter(|g| is_guid(g))
        .unwrap_or_else(|| derived_guid(&book.id, &code.id))
}

/// A REFI-QDA `.qdc` for a codebook.
pub fn export_qdc(book: &Codebook) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        out,
        "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\" origin=\"pipeline {}\">",
        escape(&book.title)
    );
    out.push_str("  <Codes>\n");
    write_children(book, None, 2, &mut out);
    out.push_str("  </Codes>\n</CodeBook>\n");
    out
}

fn write_children(book: &Codebook, parent: Option<&str>, depth: usize, out: &mut String) {
    for code in book.codes.iter().filter(|c| c.parent() == parent) {
        let pad = "  ".repeat(depth);
        let _ = write!(
            out,
            "{pad}<Code guid=\"{}\" name=\"{}\" isCodable=\"true\"",
            guid_of(book, code),
            escape(&code.name)
        );
        if let Some(c) = code.color.as_ref().filter(|c| super::valid_colour(c)) {
            let _ = write!(out, " color=\"{c}\"");
        }
        let has_children = book
            .codes
            .iter()
            .any(|c| c.parent() == Some(code.id.as_str()));
        if code.description.is_none() && !has_children {
            out.push_str("/>\n");
            continue;
        }
        out.push_str(">\n");
        if let Some(d) = &code.description {
            let _ = writeln!(out, "{pad}  <Description>{}</Description>", escape(d));
        }
        write_children(book, Some(&code.id), depth + 1, out);
        let _ = writeln!(out, "{pad}</Code>");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("Negativ/Aufgeregt"), "negativ-aufgeregt");
        assert_eq!(slug("Qaçqın statusu"), "qacqin-statusu");
        assert_eq!(slug("Жильё"), "code");
    }

    #[test]
    fn guids() {
        assert!(is_guid("0a1b2c3d-0000-4000-8000-00000000abcd"));
        assert!(is_guid("{0A1B2C3D-0000-4000-8000-00000000ABCD}"));
        assert!(!is_guid("c001"));
        assert!(is_guid(&derived_guid("displacement", "housing")));
        assert_eq!(derived_guid("a", "b"), derived_guid("a", "b"));
    }

    #[test]
    fn csv_with_parents() {
        let imp = import_csv(
            "code,name,parent,match\nhousing,Housing,,\ncc,Collective centre,housing,dormitor*\n",
        )
        .unwrap();
        assert_eq!(imp.codes[1].id, "housing/cc");
        assert_eq!(imp.codes[1].rule.as_deref(), Some("dormitor*"));
        assert!(
            import_csv("name\nA\nA\n")
                .unwrap_err()
                .0
                .contains("line 3: duplicate")
        );
    }
}
