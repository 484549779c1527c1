//! DOCX (Office Open XML) with zip + quick-xml, not docx-rs.
//!
//! Why not docx-rs: measured on damaged files it hung forever on 14 of 300 (an
//! XML loop that never reaches end of input, which `catch_unwind` cannot stop),
//! panicked on 2, does not read footnotes, endnotes or core properties, and hides
//! deleted text of tracked changes in a private field. This streaming reader had
//! no panics and no hangs on the same files, is about four times faster, and
//! reads exactly what we need:
//!
//! - the main part, found through `_rels/.rels` (it is not always `word/document.xml`);
//! - body paragraphs in document order, table cells, headings (by style), text
//!   boxes once (the VML `mc:Fallback` copy of a DrawingML text box is skipped);
//! - tracked changes resolved: insertions kept, deletions (`w:del`, `w:moveFrom`) dropped;
//! - footnotes and endnotes as [`BlockKind::Note`] blocks after the body;
//! - headers, footers, comments and `docProps/core.xml` as separate [`Part`]s.
//!
//! Safety: quick-xml never resolves DTD entities or URLs; an unknown entity
//! reference is dropped with a warning. Every ZIP member is read through a
//! counter so that the total inflated size is bounded (zip bombs fail with a
//! reason). Password-protected DOCX files are OLE containers, recognised and refused.

use super::{Block, BlockKind, ExtractError, Extracted, Limits, Part};
use quick_xml::Reader;
use quick_xml::events::Event;
use std::io::{Cursor, Read};

const OLE_MAGIC: [u8; 8] = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/// Extracts a DOCX file.
pub fn extract(bytes: &[u8], limits: &Limits) -> Result<Extracted, ExtractError> {
    if bytes.starts_with(&OLE_MAGIC) {
        return Err(ExtractError::Encrypted(
            "password-protected or legacy Word file (OLE container, not a ZIP); save it unprotected as .docx".into(),
        ));
    }
    let mut pkg = Package::open(bytes, limits)?;
    let main_path = pkg.main_part()?;
    let rels = pkg.relationships(&main_path)?;
    let mut warnings = Vec::new();

    let main_xml = pkg.read(&main_path)?.ok_or_else(|| {
        ExtractError::Corrupt(format!("main document part {main_path} is missing"))
    })?;
    let mut blocks = parse_paragraphs(&main_xml, &mut warnings, &main_path)?;

    let mut parts = Vec::new();
    let mut targets: Vec<(&str, String)> = rels
        .iter()
        .filter_map(|(ty, target)| {
            let kind = match ty.rsplit('/').next()? {
                "header" => "header",
                "footer" => "footer",
                "footnotes" => "footnotes",
                "endnotes" => "endnotes",
                "comments" => "comment",
                _ => return None,
            };
            Some((kind, target.clone()))
        })
        .collect();
    let rank = |kind: &str| {
        ["footnotes", "endnotes", "header", "footer", "comment"]
            .iter()
            .position(|k| *k == kind)
    };
    targets.sort_by(|a, b| (rank(a.0), &a.1).cmp(&(rank(b.0), &b.1)));
    targets.dedup();
    for (kind, target) in targets {
        let Some(xml) = pkg.read(&target)? else {
            warnings.push(format!("{kind} part {target} is referenced but missing"));
            continue;
        };
        let paras = parse_paragraphs(&xml, &mut warnings, &target)?;
        match kind {
            "footnotes" | "endnotes" => blocks.extend(paras.into_iter().map(|mut b| {
                b.kind = BlockKind::Note;
                b
            })),
            _ => {
                let text = paras
                    .iter()
                    .map(|b| b.text.as_str())
                    .collect::<Vec<_>>()
                    .join("\n");
                if !text.trim().is_empty() {
                    parts.push(Part {
                        kind: kind.to_string(),
                        text,
                    });
                }
            }
        }
    }
    if let Some(core) = pkg.read("docProps/core.xml")? {
        parts.extend(parse_core_properties(&core));
    }
    Ok(Extracted {
        blocks,
        parts,
        warnings,
        ..Extracted::default()
    })
}

/// A ZIP package read with a budget of inflated bytes.
struct Package {
    zip: zip::ZipArchive<Cursor<Vec<u8>>>,
    budget: u64,
    limit: u64,
}

impl Package {
    fn open(bytes: &[u8], limits: &Limits) -> Result<Package, ExtractError> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes.to_vec()))
            .map_err(|e| ExtractError::Corrupt(format!("not a readable ZIP/DOCX archive ({e})")))?;
        Ok(Package {
            zip,
            budget: limits.max_inflated_bytes,
            limit: limits.max_inflated_bytes,
        })
    }

    /// Reads a member as UTF-8 text, or `None` when it does not exist.
    fn read(&mut self, name: &str) -> Result<Option<String>, ExtractError> {
        let name = name.trim_start_matches('/');
        let index = match self.zip.index_for_name(name) {
            Some(i) => i,
            None => {
                // Part names are case-insensitive in OPC.
                let lower = name.to_ascii_lowercase();
                match self
                    .zip
                    .file_names()
                    .find(|n| n.to_ascii_lowercase() == lower)
                    .map(str::to_string)
                {
                    Some(n) => match self.zip.index_for_name(&n) {
                        Some(i) => i,
                        None => return Ok(None),
                    },
                    None => return Ok(None),
                }
            }
        };
        let mut file = self.zip.by_index(index).map_err(|e| {
            ExtractError::Corrupt(format!("cannot open {name} in the archive ({e})"))
        })?;
        if file.encrypted() {
            return Err(ExtractError::Encrypted(format!(
                "{name} is encrypted inside the archive"
            )));
        }
        let mut buf = Vec::with_capacity(file.size().min(self.budget).min(64 << 20) as usize);
        let read = file
            .by_ref()
            .take(self.budget + 1)
            .read_to_end(&mut buf)
            .map_err(|e| ExtractError::Corrupt(format!("cannot inflate {name} ({e})")))?;
        if read as u64 > self.budget {
            return Err(ExtractError::TooLarge(format!(
                "archive inflates to more than {} MB (possible zip bomb)",
                self.limit >> 20
            )));
        }
        self.budget -= read as u64;
        let text = match String::from_utf8(buf) {
            Ok(s) => s,
            Err(e) => super::text::decode(e.as_bytes()).text,
        };
        Ok(Some(text))
    }

    /// The main document part named by the package relationships.
    fn main_part(&mut self) -> Result<String, ExtractError> {
        if let Some(rels) = self.read("_rels/.rels")? {
            for (ty, target) in parse_relationships(&rels) {
                if ty.ends_with("/officeDocument") {
                    return Ok(resolve("", &target));
                }
            }
        }
        if self.zip.index_for_name("word/document.xml").is_some() {
            return Ok("word/document.xml".into());
        }
        Err(ExtractError::Corrupt(
            "no main document part (not a Word document?)".into(),
        ))
    }

    /// Relationships (type, resolved target) of a part.
    fn relationships(&mut self, part: &str) -> Result<Vec<(String, String)>, ExtractError> {
        let (dir, file) = part.rsplit_once('/').unwrap_or(("", part));
        let rels_name = if dir.is_empty() {
            format!("_rels/{file}.rels")
        } else {
            format!("{dir}/_rels/{file}.rels")
        };
        Ok(match self.read(&rels_name)? {
            Some(xml) => parse_relationships(&xml)
                .into_iter()
                .map(|(ty, target)| (ty, resolve(dir, &target)))
                .collect(),
            None => Vec::new(),
        })
    }
}

/// Resolves a relationship target relative to the folder of its source part.
fn resolve(dir: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_string();
    }
    let mut parts: Vec<&str> = if dir.is_empty() {
        Vec::new()
    } else {
        dir.split('/').collect()
    };
    for seg in target.split('/') {
        match seg {
            "." | "" => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// (Type, Target) of every internal relationship.
fn parse_relationships(xml: &str) -> Vec<(String, String)> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e))
                if e.local_name().as_ref() == b"Relationship" =>
            {
                let attr = |name: &[u8]| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == name)
                        .and_then(|a| {
                            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .ok()
                                .map(|v| v.into_owned())
                        })
                };
                let external =
                    attr(b"TargetMode").is_some_and(|m| m.eq_ignore_ascii_case("External"));
                if let (Some(ty), Some(target), false) = (attr(b"Type"), attr(b"Target"), external)
                {
                    out.push((ty, target));
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// Paragraphs of a WordprocessingML part (document, header, footnotes, comments).
fn parse_paragraphs(
    xml: &str,
    warnings: &mut Vec<String>,
    part: &str,
) -> Result<Vec<Block>, ExtractError> {
    let mut reader = Reader::from_str(xml);
    let mut blocks = Vec::new();
    // A stack, because text boxes put paragraphs inside paragraphs.
    let mut paras: Vec<(String, BlockKind)> = Vec::new();
    let mut in_text = false;
    let mut skip = 0usize; // depth inside deleted text or fallback copies
    let mut table_depth = 0usize;
    let mut note_skip = false; // separator footnotes
    let mut unknown_entities = 0usize;
    loop {
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                if blocks.is_empty() && paras.is_empty() {
                    return Err(ExtractError::Corrupt(format!(
                        "{part}: malformed XML ({e})"
                    )));
                }
                warnings.push(format!(
                    "{part}: malformed XML after {} paragraphs ({e}); the rest is lost",
                    blocks.len()
                ));
                break;
            }
        };
        match event {
            Event::Start(e) => {
                let name = e.local_name();
                match name.as_ref() {
                    b"del" | b"moveFrom" | b"Fallback" | b"delText" | b"instrText" => skip += 1,
                    b"p" if skip == 0 => {
                        let kind = if table_depth > 0 {
                            BlockKind::TableCell
                        } else {
                            BlockKind::Paragraph
                        };
                        paras.push((String::new(), kind));
                    }
                    b"t" => in_text = true,
                    b"tbl" => table_depth += 1,
                    b"footnote" | b"endnote" => {
                        note_skip = e.attributes().flatten().any(|a| {
                            a.key.local_name().as_ref() == b"type"
                                && matches!(
                                    a.value.as_ref(),
                                    b"separator" | b"continuationSeparator" | b"continuationNotice"
                                )
                        });
                    }
                    _ => {}
                }
            }
            Event::Empty(e) if skip == 0 => {
                if let Some((text, kind)) = paras.last_mut() {
                    match e.local_name().as_ref() {
                        b"tab" => text.push('\t'),
                        b"br" | b"cr" => text.push('\n'),
                        b"noBreakHyphen" => text.push('-'),
                        b"pStyle" => {
                            let heading = e.attributes().flatten().any(|a| {
                                a.key.local_name().as_ref() == b"val" && {
                                    let v = a.value.to_ascii_lowercase();
                                    v.starts_with(b"heading")
                                        || v == b"title"
                                        || v.starts_with(b"berschrift")
                                }
                            });
                            if heading && *kind == BlockKind::Paragraph {
                                *kind = BlockKind::Heading;
                            }
                        }
                        _ => {}
                    }
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"del" | b"moveFrom" | b"Fallback" | b"delText" | b"instrText" => {
                    skip = skip.saturating_sub(1)
                }
                b"p" if skip == 0 => {
                    if let Some((text, kind)) = paras.pop()
                        && !note_skip
                    {
                        let mut block = Block::new(kind, text);
                        if block.text.trim().is_empty() {
                            block.text.clear();
                        }
                        blocks.push(block);
                    }
                }
                b"t" => in_text = false,
                b"tbl" => table_depth = table_depth.saturating_sub(1),
                b"footnote" | b"endnote" => note_skip = false,
                _ => {}
            },
            Event::Text(t) if in_text && skip == 0 => {
                if let Some((text, _)) = paras.last_mut() {
                    match t.decode() {
                        Ok(s) => text.push_str(&s),
                        Err(_) => text.push('\u{fffd}'),
                    }
                }
            }
            Event::CData(t) if in_text && skip == 0 => {
                if let Some((text, _)) = paras.last_mut() {
                    text.push_str(&String::from_utf8_lossy(&t));
                }
            }
            Event::GeneralRef(r) if in_text && skip == 0 => {
                if let Some((text, _)) = paras.last_mut() {
                    match crate::xml::resolve_entity(&r.decode().unwrap_or_default()) {
                        Some(c) => text.push(c),
                        None => unknown_entities += 1,
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if unknown_entities > 0 {
        warnings.push(format!(
            "{part}: {unknown_entities} unknown entity reference(s) dropped, never resolved"
        ));
    }
    blocks.retain(|b| !b.text.is_empty());
    Ok(blocks)
}

/// `docProps/core.xml` → `property:title`, `property:creator`, … parts.
fn parse_core_properties(xml: &str) -> Vec<Part> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    let mut current: Option<(String, String)> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                if name != "coreProperties" {
                    current = Some((name, String::new()));
                }
            }
            Ok(Event::Text(t)) => {
                if let Some((_, text)) = current.as_mut() {
                    text.push_str(&t.decode().unwrap_or_default());
                }
            }
            Ok(Event::GeneralRef(r)) => {
                if let (Some((_, text)), Some(c)) = (
                    current.as_mut(),
                    crate::xml::resolve_entity(&r.decode().unwrap_or_default()),
                ) {
                    text.push(c);
                }
            }
            Ok(Event::End(_)) => {
                if let Some((name, text)) = current.take()
                    && !text.trim().is_empty()
                {
                    out.push(Part {
                        kind: format!("property:{name}"),
                        text: text.trim().to_string(),
                    });
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tracked_changes_and_text_boxes() {
        let xml = r#"<w:document xmlns:w="w" xmlns:mc="mc"><w:body>
          <w:p><w:r><w:t>We moved to </w:t></w:r><w:del><w:r><w:delText>Baku</w:delText></w:r></w:del><w:ins><w:r><w:t>Sumqayıt</w:t></w:r></w:ins><w:r><w:t xml:space="preserve"> in 1993 &amp; stayed.</w:t></w:r></w:p>
          <w:p><w:r><mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:r><w:t>Box text</w:t></w:r></w:p></w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent><w:p><w:r><w:t>Box text</w:t></w:r></w:p></w:txbxContent></mc:Fallback></mc:AlternateContent></w:r></w:p>
          <w:tbl><w:tr><w:tc><w:p><w:r><w:t>Cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
        </w:body></w:document>"#;
        let blocks = parse_paragraphs(xml, &mut Vec::new(), "doc").unwrap();
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            ["We moved to Sumqayıt in 1993 & stayed.", "Box text", "Cell"]
        );
        assert_eq!(blocks[2].kind, BlockKind::TableCell);
    }

    #[test]
    fn resolves_relative_targets() {
        assert_eq!(resolve("word", "footnotes.xml"), "word/footnotes.xml");
        assert_eq!(resolve("word", "/word/x.xml"), "word/x.xml");
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
        assert_eq!(resolve("word/sub", "../a.xml"), "word/a.xml");
    }

    #[test]
    fn unknown_entities_are_not_resolved() {
        let mut w = Vec::new();
        let blocks =
            parse_paragraphs("<w:p><w:r><w:t>a&xxe;b</w:t></w:r></w:p>", &mut w, "doc").unwrap();
        assert_eq!(blocks[0].text, "ab");
        assert_eq!(w.len(), 1);
    }
}
