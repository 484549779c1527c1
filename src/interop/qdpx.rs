//! REFI-QDA projects (`.qdpx`, Project.xsd 1.0): reading other tools' projects
//! and writing ours.
//!
//! A `.qdpx` is a ZIP with `project.qde` (XML) and the sources' texts under
//! `sources/` (NVivo for Windows writes `Sources/`; we read either, write the
//! lower-case one). A `PlainTextSelection` points into a source's plain text
//! with `startPosition`/`endPosition`.
//!
//! **Positions.** The standard counts characters. Measured on the real exports in
//! `../shared/corpora/external/`:
//! - qc 1.3.2 (`qualitative-coding/demo.qdpx`): ASCII text with LF line ends, so
//!   bytes, UTF-16 units and code points agree.
//! - NVivo 12.6 for Windows (`pyqdpx/oltas0517.qdpx`, UTF-8 text with BOM, CRLF,
//!   emoji): positions count **UTF-16 code units**, CRLF as two, BOM not counted —
//!   295 of 303 selections start and end on word boundaries that way, 27 of 303
//!   when counted in code points (the emoji shift everything after them).
//! - NVivo for Mac and ATLAS.ti exports in the corpus carry no selections.
//!
//! So we read positions as code points, except from an `origin` starting with
//! `NVivo`, where they are UTF-16 units. We write code points of a text that is
//! UTF-8 without BOM with LF line ends only, so CRLF counting cannot differ;
//! astral characters (emoji) are the one case where NVivo for Windows may place
//! our selections a few characters late. Read texts are normalised to LF and
//! their positions converted, so everything downstream counts code points of
//! LF text.
//!
//! Nothing external is ever resolved: `plainTextPath` must point inside the
//! archive (`internal://…` or a bare name); `file://` and absolute paths are
//! reported, not followed. The archive is inflated under a byte budget.

use super::qdc::import_project_codes;
use crate::codebook::exchange::{ImportError, Imported};
use crate::xml::attr;
use quick_xml::Reader;
use quick_xml::events::BytesText;
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;
use std::io::{Cursor, Read};

/// How a project counts positions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PositionUnit {
    /// Unicode code points (the standard; qc, ATLAS.ti, ours).
    CodePoints,
    /// UTF-16 code units (NVivo).
    Utf16,
}

/// A project read from a `.qdpx`.
#[derive(Debug, Clone, Default)]
pub struct QdaProject {
    /// Project name.
    pub name: String,
    /// Tool that wrote it.
    pub origin: Option<String>,
    /// Users: GUID (lower case) → name.
    pub users: HashMap<String, String>,
    /// The codebook (codes carry their GUIDs).
    pub codebook: Imported,
    /// Text sources in file order.
    pub sources: Vec<Source>,
    /// Problems that cost part of the project (one line each).
    pub problems: Vec<String>,
}

/// One text source.
#[derive(Debug, Clone, Default)]
pub struct Source {
    /// GUID.
    pub guid: String,
    /// Name as the tool shows it.
    pub name: String,
    /// Plain text, LF line ends, no BOM (`None` when unreadable or empty).
    pub text: Option<String>,
    /// Coded selections, positions in code points of `text`.
    pub selections: Vec<Selection>,
}

/// A coded stretch of a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// GUID of the selection.
    pub guid: String,
    /// Start (code points into the source text).
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// GUIDs (lower case) of the codes applied.
    pub codes: Vec<String>,
    /// GUID of the user who made it, if given.
    pub user: Option<String>,
}

/// A GUID in one spelling: lower case, no braces.
pub fn norm_guid(g: &str) -> String {
    g.trim()
        .trim_start_matches('{')
        .trim_end_matches('}')
        .to_ascii_lowercase()
}

/// A source's raw selection, before positions are converted.
struct RawSelection {
    guid: String,
    start: usize,
    end: usize,
    codes: Vec<String>,
    user: Option<String>,
}

struct RawSource {
    guid: String,
    name: String,
    plain_path: Option<String>,
    content: Option<String>,
    selections: Vec<RawSelection>,
}

/// Reads a `.qdpx` (a ZIP), inflating at most `max_inflated` bytes.
pub fn read(bytes: &[u8], max_inflated: u64) -> Result<QdaProject, ImportError> {
    let mut budget = max_inflated;
    // A bare `project.qde` (some tools export only the XML) has no texts.
    let bare = {
        let head = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
        head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<')
    };
    let (mut zip, names, xml_bytes) = if bare {
        (None, Vec::new(), bytes.to_vec())
    } else {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| ImportError(format!("not a readable ZIP archive ({e})")))?;
        let names: Vec<String> = zip.file_names().map(str::to_string).collect();
        let qde = names
            .iter()
            .find(|n| n.eq_ignore_ascii_case("project.qde"))
            .cloned()
            .ok_or_else(|| {
                ImportError("no project.qde in the archive (not a REFI-QDA project)".into())
            })?;
        let xml_bytes = read_member(&mut zip, &qde, &mut budget)?;
        (Some(zip), names, xml_bytes)
    };
    let xml =
        String::from_utf8(xml_bytes).map_err(|_| ImportError("project.qde is not UTF-8".into()))?;
    let xml = xml.trim_start_matches('\u{feff}');
    let mut project = parse_qde(xml)?;
    let unit = if project
        .out
        .origin
        .as_deref()
        .is_some_and(|o| o.trim_start().starts_with("NVivo"))
    {
        PositionUnit::Utf16
    } else {
        PositionUnit::CodePoints
    };
    let raw_sources = std::mem::take(&mut project.sources_raw);
    for raw in raw_sources {
        let text = match (&raw.content, &raw.plain_path) {
            (Some(c), _) => Ok(c.clone()),
            (None, Some(_)) if zip.is_none() => Err(ImportError(
                "only project.qde was given; the source texts are in the .qdpx archive".into(),
            )),
            (None, Some(p)) => match member_for(p, &names) {
                Ok(member) => read_member(zip.as_mut().expect("an archive"), &member, &mut budget)
                    .and_then(|b| {
                        String::from_utf8(b).map_err(|_| {
                            ImportError(format!("{member} is not UTF-8 (REFI-QDA texts are UTF-8)"))
                        })
                    }),
                Err(e) => Err(e),
            },
            (None, None) => Err(ImportError(
                "no plainTextPath and no PlainTextContent".into(),
            )),
        };
        let label = if raw.name.is_empty() {
            raw.guid.clone()
        } else {
            raw.name.clone()
        };
        // qc writes no name; its text file's name is the best one.
        let name = if raw.name.trim().is_empty() {
            raw.plain_path
                .as_deref()
                .map(|p| p.trim_start_matches("internal://"))
                .and_then(|p| p.rsplit(['/', '\\']).next())
                .map(|p| p.trim_end_matches(".txt").to_string())
                .unwrap_or_default()
        } else {
            raw.name.clone()
        };
        let mut source = Source {
            guid: raw.guid.clone(),
            name,
            ..Source::default()
        };
        match text {
            Err(e) => {
                let lost = match raw.selections.len() {
                    0 => String::new(),
                    n => format!("; its {n} coded selection(s) are not imported"),
                };
                project
                    .out
                    .problems
                    .push(format!("source `{label}`: {e}{lost}"));
            }
            Ok(t) => {
                let t = t.strip_prefix('\u{feff}').unwrap_or(&t);
                if t.trim().is_empty() {
                    let lost = match raw.selections.len() {
                        0 => String::new(),
                        n => format!("; its {n} coded selection(s) are not imported"),
                    };
                    project.out.problems.push(format!(
                        "source `{label}`: the plain text is empty (the tool exported no text){lost}"
                    ));
                } else {
                    let (text, map) = to_lf(t, unit);
                    let whole = map.len() - 1;
                    for s in raw.selections {
                        // A coding of the whole source has no positions.
                        let (from, to) = if s.end == usize::MAX {
                            (0, whole)
                        } else {
                            (s.start, s.end)
                        };
                        let (Some(&start), Some(&end)) = (map.get(from), map.get(to)) else {
                            project.out.problems.push(format!(
                                "source `{label}`: selection {} ({}–{}) lies outside the text; skipped",
                                s.guid, s.start, s.end
                            ));
                            continue;
                        };
                        if start == usize::MAX || end == usize::MAX || end < start {
                            project.out.problems.push(format!(
                                "source `{label}`: selection {} ({}–{}) does not fall on character boundaries; skipped",
                                s.guid, s.start, s.end
                            ));
                            continue;
                        }
                        source.selections.push(Selection {
                            guid: s.guid,
                            start,
                            end,
                            codes: s.codes,
                            user: s.user,
                        });
                    }
                    source.text = Some(text);
                }
            }
        }
        project.out.sources.push(source);
    }
    let known: std::collections::HashSet<String> = project
        .out
        .codebook
        .codes
        .iter()
        .filter_map(|c| c.guid.as_deref().map(norm_guid))
        .collect();
    let mut unknown: Vec<String> = project
        .out
        .sources
        .iter()
        .flat_map(|s| s.selections.iter().flat_map(|x| x.codes.iter()))
        .filter(|g| !known.contains(*g))
        .cloned()
        .collect();
    unknown.sort();
    unknown.dedup();
    for g in unknown {
        project
            .out
            .problems
            .push(format!("codings refer to code {g}, which is not in the codebook; those codings are not imported"));
    }
    for s in &mut project.out.sources {
        for sel in &mut s.selections {
            sel.codes.retain(|g| known.contains(g));
        }
        s.selections.retain(|sel| !sel.codes.is_empty());
    }
    Ok(project.out)
}

/// The text with CRLF and lone CR turned into LF, and a map from positions in
/// `unit` of the original to code points of the result. A position between a
/// CR and its LF maps to the LF; one inside a UTF-16 surrogate pair maps to
/// `usize::MAX`.
fn to_lf(text: &str, unit: PositionUnit) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    let mut n = 0usize; // code points written
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let width = match unit {
            PositionUnit::CodePoints => 1,
            PositionUnit::Utf16 => c.len_utf16(),
        };
        map.push(n);
        for _ in 1..width {
            map.push(usize::MAX);
        }
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                // The CR and the LF become one LF: a position between them is
                // the LF's.
                continue;
            }
            out.push('\n');
        } else {
            out.push(c);
        }
        n += 1;
    }
    map.push(n);
    (out, map)
}

/// The archive member a `plainTextPath` names.
fn member_for(path: &str, names: &[String]) -> Result<String, ImportError> {
    let rel = if let Some(rest) = path.strip_prefix("internal://") {
        rest
    } else if path.contains("://") || path.starts_with('/') || path.contains(":\\") {
        return Err(ImportError(format!(
            "the text is outside the project ({path}); only texts inside the .qdpx are read"
        )));
    } else {
        path
    };
    if rel.split(['/', '\\']).any(|p| p == "..") {
        return Err(ImportError(format!(
            "the text path {path} leaves the archive"
        )));
    }
    let wanted = format!("sources/{}", rel.trim_start_matches(['/', '\\'])).to_lowercase();
    names
        .iter()
        .find(|n| n.to_lowercase() == wanted)
        .cloned()
        .ok_or_else(|| ImportError(format!("the text {path} is missing from the archive")))
}

fn read_member(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    budget: &mut u64,
) -> Result<Vec<u8>, ImportError> {
    let mut file = zip
        .by_name(name)
        .map_err(|e| ImportError(format!("cannot open {name} in the archive ({e})")))?;
    if file.encrypted() {
        return Err(ImportError(format!("{name} is encrypted")));
    }
    let mut buf = Vec::new();
    let read = file
        .by_ref()
        .take(*budget + 1)
        .read_to_end(&mut buf)
        .map_err(|e| ImportError(format!("cannot inflate {name} ({e})")))?;
    if read as u64 > *budget {
        return Err(ImportError(format!(
            "{name} inflates beyond the limit (a decompression bomb?)"
        )));
    }
    *budget -= read as u64;
    Ok(buf)
}

struct Parsed {
    out: QdaProject,
    sources_raw: Vec<RawSource>,
}

fn position(e: &BytesStart, name: &[u8], guid: &str) -> Result<usize, ImportError> {
    let v = attr(e, name).ok_or_else(|| {
        ImportError(format!(
            "selection {guid} has no {}",
            String::from_utf8_lossy(name)
        ))
    })?;
    v.trim().parse().map_err(|_| {
        ImportError(format!(
            "selection {guid}: {} `{v}` is not a position",
            String::from_utf8_lossy(name)
        ))
    })
}

/// Parses `project.qde`.
fn parse_qde(xml: &str) -> Result<Parsed, ImportError> {
    let codebook = import_project_codes(xml)?;
    let mut out = QdaProject {
        codebook,
        ..QdaProject::default()
    };
    let mut sources: Vec<RawSource> = Vec::new();
    let mut reader = Reader::from_str(xml);
    let mut saw_project = false;
    let mut in_source = false;
    let mut selection: Option<RawSelection> = None;
    let mut in_coding = false;
    let mut content: Option<String> = None;
    loop {
        let event = reader.read_event().map_err(|e| {
            let (line, column) = crate::codebook::line_col(xml, reader.error_position() as usize);
            ImportError(format!(
                "project.qde: malformed XML at line {line}, column {column}: {e}"
            ))
        })?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                match e.local_name().as_ref() {
                    b"Project" => {
                        saw_project = true;
                        out.name = attr(e, b"name").unwrap_or_default();
                        out.origin = attr(e, b"origin");
                    }
                    b"User" => {
                        if let Some(g) = attr(e, b"guid") {
                            out.users.insert(
                                norm_guid(&g),
                                attr(e, b"name").or(attr(e, b"id")).unwrap_or_default(),
                            );
                        }
                    }
                    b"TextSource" if !in_source => {
                        let guid = attr(e, b"guid")
                            .ok_or_else(|| ImportError("a <TextSource> has no guid".into()))?;
                        sources.push(RawSource {
                            guid: norm_guid(&guid),
                            name: attr(e, b"name").unwrap_or_default(),
                            plain_path: attr(e, b"plainTextPath"),
                            content: None,
                            selections: Vec::new(),
                        });
                        in_source = !empty;
                    }
                    b"PictureSource" | b"PDFSource" | b"AudioSource" | b"VideoSource" => {
                        let kind = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                        out.problems.push(format!(
                            "{kind} `{}` is not imported (only text sources are)",
                            attr(e, b"name")
                                .unwrap_or_else(|| attr(e, b"guid").unwrap_or_default())
                        ));
                    }
                    b"PlainTextContent" if in_source && !empty => content = Some(String::new()),
                    b"PlainTextSelection" if in_source => {
                        let guid = attr(e, b"guid").map(|g| norm_guid(&g)).unwrap_or_default();
                        let sel = RawSelection {
                            start: position(e, b"startPosition", &guid)?,
                            end: position(e, b"endPosition", &guid)?,
                            guid,
                            codes: Vec::new(),
                            user: attr(e, b"creatingUser").map(|g| norm_guid(&g)),
                        };
                        if empty {
                            // A selection without codings codes nothing.
                        } else {
                            selection = Some(sel);
                        }
                    }
                    b"Coding" if in_source => {
                        in_coding = !empty;
                        if let (Some(sel), Some(u)) = (selection.as_mut(), attr(e, b"creatingUser"))
                        {
                            sel.user.get_or_insert(norm_guid(&u));
                        }
                        if selection.is_none() && in_coding {
                            // A coding of the whole source.
                            selection = Some(RawSelection {
                                guid: attr(e, b"guid").map(|g| norm_guid(&g)).unwrap_or_default(),
                                start: 0,
                                end: usize::MAX,
                                codes: Vec::new(),
                                user: attr(e, b"creatingUser").map(|g| norm_guid(&g)),
                            });
                        }
                    }
                    b"CodeRef" if in_coding => {
                        if let (Some(sel), Some(g)) = (selection.as_mut(), attr(e, b"targetGUID")) {
                            sel.codes.push(norm_guid(&g));
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) => {
                if let Some(c) = content.as_mut() {
                    c.push_str(&t.decode().map_err(|e| ImportError(e.to_string()))?);
                }
            }
            Event::CData(t) => {
                if let Some(c) = content.as_mut() {
                    c.push_str(&String::from_utf8_lossy(&t));
                }
            }
            Event::GeneralRef(r) => {
                if let Some(c) = content.as_mut()
                    && let Some(ch) = crate::xml::resolve_entity(&r.decode().unwrap_or_default())
                {
                    c.push(ch);
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"TextSource" => in_source = false,
                b"PlainTextContent" => {
                    if let (Some(c), Some(s)) = (content.take(), sources.last_mut()) {
                        s.content = Some(c);
                    }
                }
                b"PlainTextSelection" => {
                    if let (Some(sel), Some(s)) = (selection.take(), sources.last_mut())
                        && !sel.codes.is_empty()
                    {
                        s.selections.push(sel);
                    }
                }
                b"Coding" => {
                    in_coding = false;
                    // A whole-source coding ends with its element.
                    if selection.as_ref().is_some_and(|s| s.end == usize::MAX)
                        && let (Some(sel), Some(s)) = (selection.take(), sources.last_mut())
                        && !sel.codes.is_empty()
                    {
                        s.selections.push(sel);
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    if !saw_project {
        return Err(ImportError(
            "project.qde has no <Project> element (not a REFI-QDA project)".into(),
        ));
    }
    Ok(Parsed {
        out,
        sources_raw: sources,
    })
}

/// A code to write, with its children.
#[derive(Debug, Clone)]
pub struct ExportCode {
    /// GUID.
    pub guid: String,
    /// Name.
    pub name: String,
    /// `#RRGGBB`.
    pub color: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Whether segments can be coded with it (a codebook's wrapper cannot).
    pub codable: bool,
    /// Child codes.
    pub children: Vec<ExportCode>,
    /// GUIDs of the notes (memos) on this code.
    pub notes: Vec<String>,
}

/// A variable (a metadata column).
#[derive(Debug, Clone)]
pub struct ExportVariable {
    /// GUID.
    pub guid: String,
    /// Column name.
    pub name: String,
    /// `Text`, `Integer` or `Date`.
    pub kind: &'static str,
}

/// A case (one document and its attributes).
#[derive(Debug, Clone)]
pub struct ExportCase {
    /// GUID.
    pub guid: String,
    /// Name (the document id).
    pub name: String,
    /// (variable index, value).
    pub values: Vec<(usize, String)>,
    /// GUID of the document's source.
    pub source: String,
}

/// A source to write.
#[derive(Debug, Clone)]
pub struct ExportSource {
    /// GUID (also the text's file name).
    pub guid: String,
    /// Name (the document id).
    pub name: String,
    /// Plain text (written to `sources/GUID.txt`).
    pub text: String,
    /// Coded selections, in document order.
    pub selections: Vec<ExportSelection>,
    /// GUIDs of the notes (memos) on the whole document.
    pub notes: Vec<String>,
}

/// A coded selection to write.
#[derive(Debug, Clone)]
pub struct ExportSelection {
    /// GUID.
    pub guid: String,
    /// Name (the segment id).
    pub name: String,
    /// Start, code points.
    pub start: usize,
    /// End, code points.
    pub end: usize,
    /// (coding GUID, code GUID, GUID of the user who coded, when: RFC 3339
    /// for a hand coding).
    pub codings: Vec<(String, String, String, Option<String>)>,
    /// GUID of the user who made the selection.
    pub user: String,
    /// GUIDs of the notes (memos) on this passage.
    pub notes: Vec<String>,
}

/// A note (a memo) to write.
#[derive(Debug, Clone)]
pub struct ExportNote {
    /// GUID.
    pub guid: String,
    /// Name (what it is about).
    pub name: String,
    /// GUID of its writer.
    pub user: String,
    /// When it was written (RFC 3339).
    pub created: String,
    /// The memo.
    pub text: String,
}

/// A whole project to write.
#[derive(Debug, Clone)]
pub struct ExportProject {
    /// Project name.
    pub name: String,
    /// `origin` attribute.
    pub origin: String,
    /// The project's creating user (the auto-coder): GUID and name.
    pub user: (String, String),
    /// Editors who coded by hand or wrote memos: GUID and name.
    pub editors: Vec<(String, String)>,
    /// Memos.
    pub notes: Vec<ExportNote>,
    /// Top-level codes.
    pub codes: Vec<ExportCode>,
    /// Variables.
    pub variables: Vec<ExportVariable>,
    /// Cases.
    pub cases: Vec<ExportCase>,
    /// Sources.
    pub sources: Vec<ExportSource>,
}

/// An XML writer indenting by two spaces.
pub(crate) type Xml = quick_xml::Writer<Vec<u8>>;

/// A new XML document with its declaration.
pub(crate) fn xml_document() -> Xml {
    use quick_xml::events::{BytesDecl, Event};
    let mut w = quick_xml::Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))
        .expect("writing to memory");
    w
}

/// The document as text, ending with a line break.
pub(crate) fn xml_text(w: Xml) -> String {
    let mut s = String::from_utf8(w.into_inner()).expect("quick-xml writes UTF-8");
    s.push('\n');
    s
}

/// `<Code>` elements of a code tree: the one writer of codes for `.qdc`
/// codebooks and `.qdpx` projects.
pub(crate) fn write_codes(w: &mut Xml, codes: &[ExportCode]) -> std::io::Result<()> {
    for c in codes {
        let codable = if c.codable { "true" } else { "false" };
        let mut e = w
            .create_element("Code")
            .with_attribute(("guid", c.guid.as_str()))
            .with_attribute(("name", c.name.as_str()))
            .with_attribute(("isCodable", codable));
        if let Some(col) = &c.color {
            e = e.with_attribute(("color", col.as_str()));
        }
        if c.description.is_none() && c.children.is_empty() && c.notes.is_empty() {
            e.write_empty()?;
            continue;
        }
        e.write_inner_content(|w| {
            if let Some(d) = &c.description {
                w.create_element("Description")
                    .write_text_content(BytesText::new(d))?;
            }
            write_note_refs(w, &c.notes)?;
            write_codes(w, &c.children)
        })?;
    }
    Ok(())
}

/// `<NoteRef>` elements.
fn write_note_refs(w: &mut Xml, notes: &[String]) -> std::io::Result<()> {
    for n in notes {
        w.create_element("NoteRef")
            .with_attribute(("targetGUID", n.as_str()))
            .write_empty()?;
    }
    Ok(())
}

/// `project.qde` of a project.
pub fn project_xml(p: &ExportProject) -> String {
    let mut w = xml_document();
    let user = p.user.0.as_str();
    w.create_element("Project")
        .with_attribute(("xmlns", "urn:QDA-XML:project:1.0"))
        .with_attribute(("name", p.name.as_str()))
        .with_attribute(("origin", p.origin.as_str()))
        .with_attribute(("creatingUserGUID", user))
        .write_inner_content(|w| {
            w.create_element("Users").write_inner_content(|w| {
                w.create_element("User")
                    .with_attribute(("guid", user))
                    .with_attribute(("name", p.user.1.as_str()))
                    .write_empty()?;
                for (guid, name) in &p.editors {
                    w.create_element("User")
                        .with_attribute(("guid", guid.as_str()))
                        .with_attribute(("name", name.as_str()))
                        .write_empty()?;
                }
                Ok(())
            })?;
            if !p.codes.is_empty() {
                w.create_element("CodeBook").write_inner_content(|w| {
                    w.create_element("Codes")
                        .write_inner_content(|w| write_codes(w, &p.codes))?;
                    Ok(())
                })?;
            }
            if !p.variables.is_empty() {
                w.create_element("Variables").write_inner_content(|w| {
                    for v in &p.variables {
                        w.create_element("Variable")
                            .with_attribute(("guid", v.guid.as_str()))
                            .with_attribute(("name", v.name.as_str()))
                            .with_attribute(("typeOfVariable", v.kind))
                            .write_empty()?;
                    }
                    Ok(())
                })?;
            }
            if !p.cases.is_empty() {
                w.create_element("Cases").write_inner_content(|w| {
                    for c in &p.cases {
                        w.create_element("Case")
                            .with_attribute(("guid", c.guid.as_str()))
                            .with_attribute(("name", c.name.as_str()))
                            .write_inner_content(|w| {
                                for (i, value) in &c.values {
                                    let v = &p.variables[*i];
                                    let element = match v.kind {
                                        "Integer" => "IntegerValue",
                                        "Date" => "DateValue",
                                        _ => "TextValue",
                                    };
                                    w.create_element("VariableValue").write_inner_content(|w| {
                                        w.create_element("VariableRef")
                                            .with_attribute(("targetGUID", v.guid.as_str()))
                                            .write_empty()?;
                                        w.create_element(element)
                                            .write_text_content(BytesText::new(value))?;
                                        Ok(())
                                    })?;
                                }
                                w.create_element("SourceRef")
                                    .with_attribute(("targetGUID", c.source.as_str()))
                                    .write_empty()?;
                                Ok(())
                            })?;
                    }
                    Ok(())
                })?;
            }
            if !p.sources.is_empty() {
                w.create_element("Sources").write_inner_content(|w| {
                    for s in &p.sources {
                        let path = format!("internal://{}.txt", s.guid);
                        let e = w
                            .create_element("TextSource")
                            .with_attribute(("guid", s.guid.as_str()))
                            .with_attribute(("name", s.name.as_str()))
                            .with_attribute(("plainTextPath", path.as_str()))
                            .with_attribute(("creatingUser", user));
                        if s.selections.is_empty() && s.notes.is_empty() {
                            e.write_empty()?;
                            continue;
                        }
                        e.write_inner_content(|w| {
                            for sel in &s.selections {
                                let (start, end) = (sel.start.to_string(), sel.end.to_string());
                                w.create_element("PlainTextSelection")
                                    .with_attribute(("guid", sel.guid.as_str()))
                                    .with_attribute(("name", sel.name.as_str()))
                                    .with_attribute(("startPosition", start.as_str()))
                                    .with_attribute(("endPosition", end.as_str()))
                                    .with_attribute(("creatingUser", sel.user.as_str()))
                                    .write_inner_content(|w| {
                                        for (guid, code, by, at) in &sel.codings {
                                            let mut e = w
                                                .create_element("Coding")
                                                .with_attribute(("guid", guid.as_str()))
                                                .with_attribute(("creatingUser", by.as_str()));
                                            if let Some(at) = at {
                                                e = e.with_attribute((
                                                    "creationDateTime",
                                                    at.as_str(),
                                                ));
                                            }
                                            e.write_inner_content(|w| {
                                                w.create_element("CodeRef")
                                                    .with_attribute(("targetGUID", code.as_str()))
                                                    .write_empty()?;
                                                Ok(())
                                            })?;
                                        }
                                        write_note_refs(w, &sel.notes)
                                    })?;
                            }
                            write_note_refs(w, &s.notes)
                        })?;
                    }
                    Ok(())
                })?;
            }
            if !p.notes.is_empty() {
                w.create_element("Notes").write_inner_content(|w| {
                    for n in &p.notes {
                        w.create_element("Note")
                            .with_attribute(("guid", n.guid.as_str()))
                            .with_attribute(("name", n.name.as_str()))
                            .with_attribute(("creatingUser", n.user.as_str()))
                            .with_attribute(("creationDateTime", n.created.as_str()))
                            .write_inner_content(|w| {
                                w.create_element("PlainTextContent")
                                    .write_text_content(BytesText::new(&n.text))?;
                                Ok(())
                            })?;
                    }
                    Ok(())
                })?;
            }
            Ok(())
        })
        .expect("writing to memory");
    xml_text(w)
}

/// The `.qdpx` bytes of a project: `project.qde` and `sources/GUID.txt`, with
/// fixed timestamps so the same project gives the same bytes.
pub fn write(p: &ExportProject) -> std::io::Result<Vec<u8>> {
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    zip.start_file("project.qde", options)?;
    zip.write_all(project_xml(p).as_bytes())?;
    for s in &p.sources {
        zip.start_file(format!("sources/{}.txt", s.guid), options)?;
        zip.write_all(s.text.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}
