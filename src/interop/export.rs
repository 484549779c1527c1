//! Gathering what the index holds into the export models: every ingested
//! document with its normalised text, attributes and auto-codings.

use super::guid;
use super::qdpx::{
    ExportCase, ExportCode, ExportNote, ExportProject, ExportSelection, ExportSource,
    ExportVariable,
};
use crate::code::Coding;
use crate::codebook::Codebook;
use crate::codebook::exchange::guid_of;
use crate::error::{Error, Result};
use crate::human::{Memo, MemoTarget};
use crate::index::{IndexStore, StoredSegment};
use crate::metadata::Metadata;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Codes applied to one segment: (codebook, code).
type CodeSet<'a> = BTreeSet<(&'a str, &'a str)>;

/// GUID of the auto-coder user in our projects.
pub fn auto_coder() -> (String, String) {
    (
        guid("user", "auto-coder"),
        "pipeline auto-coder".to_string(),
    )
}

/// GUID of a document's source.
pub fn source_guid(doc: &str) -> String {
    guid("source", doc)
}

/// The code tree of the codebooks: one codebook's codes at the top; several
/// codebooks each under a non-codable code named after it.
pub fn code_tree(books: &[Codebook]) -> Vec<ExportCode> {
    fn children(book: &Codebook, parent: Option<&str>) -> Vec<ExportCode> {
        book.codes
            .iter()
            .filter(|c| c.parent() == parent)
            .map(|c| ExportCode {
                guid: guid_of(book, c),
                name: c.name.clone(),
                color: c
                    .color
                    .clone()
                    .filter(|col| crate::codebook::valid_colour(col)),
                description: c.description.clone(),
                codable: true,
                children: children(book, Some(&c.id)),
                notes: Vec::new(),
            })
            .collect()
    }
    if books.len() == 1 {
        return children(&books[0], None);
    }
    books
        .iter()
        .map(|b| ExportCode {
            guid: guid("codebook", &b.id),
            name: b.title.clone(),
            color: None,
            description: b.description.clone(),
            codable: false,
            children: children(b, None),
            notes: Vec::new(),
        })
        .collect()
}

/// The REFI-QDA type of a metadata column: `Integer` or `Date` when every value
/// is one, else `Text`.
fn variable_kind(values: &[String]) -> &'static str {
    let is_date = |v: &str| {
        let b = v.as_bytes();
        b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && v.chars()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
            && (1..=12).contains(&v[5..7].parse::<u32>().unwrap_or(0))
            && (1..=31).contains(&v[8..10].parse::<u32>().unwrap_or(0))
    };
    if values.is_empty() {
        "Text"
    } else if values.iter().all(|v| v.parse::<i64>().is_ok()) {
        "Integer"
    } else if values.iter().all(|v| is_date(v)) {
        "Date"
    } else {
        "Text"
    }
}

/// GUID of an editor (a user of the desk).
pub fn editor_guid(name: &str) -> String {
    guid("user", &format!("editor:{name}"))
}

/// Builds the REFI-QDA project of the ingested corpus, its codings (the
/// rules' by the auto-coder, hand codings by their editor, at the passage
/// the editor chose) and the memos as notes.
pub fn qdpx_project(
    store: &IndexStore,
    books: &[Codebook],
    meta: &Metadata,
    codings: &[Coding],
    memos: &[Memo],
    name: &str,
) -> Result<ExportProject> {
    let searcher = store.snapshot()?;
    let docs = store.ingested_docs()?;
    let user = auto_coder();
    let mut editors: BTreeSet<&str> = codings.iter().filter_map(|c| c.by.as_deref()).collect();
    editors.extend(memos.iter().map(|m| m.editor.as_str()));
    let note_guid = |m: &Memo| guid("note", &m.id.to_string());
    let mut doc_notes: HashMap<&str, Vec<String>> = HashMap::new();
    let mut code_notes: HashMap<String, Vec<String>> = HashMap::new();
    let mut passage_notes: HashMap<&str, Vec<&Memo>> = HashMap::new();
    let mut notes = Vec::new();
    for m in memos {
        let about = match &m.target {
            MemoTarget::Document { doc } => {
                doc_notes.entry(doc).or_default().push(note_guid(m));
                format!("Memo on {doc}")
            }
            MemoTarget::Code { codebook, code } => {
                if let Some(b) = books.iter().find(|b| &b.id == codebook)
                    && let Some(c) = b.codes.iter().find(|c| &c.id == code)
                {
                    code_notes
                        .entry(guid_of(b, c))
                        .or_default()
                        .push(note_guid(m));
                }
                format!("Memo on code {codebook}:{code}")
            }
            MemoTarget::Passage(p) => {
                passage_notes.entry(&p.doc).or_default().push(m);
                format!("Memo on {} ({}–{})", p.doc, p.start, p.end)
            }
        };
        notes.push(ExportNote {
            guid: note_guid(m),
            name: about,
            user: editor_guid(&m.editor),
            created: m.created.clone(),
            text: m.text.clone(),
        });
    }
    let code_guids: HashMap<(&str, &str), String> = books
        .iter()
        .flat_map(|b| {
            b.codes
                .iter()
                .map(move |c| ((b.id.as_str(), c.id.as_str()), guid_of(b, c)))
        })
        .collect();
    let mut by_doc: HashMap<&str, Vec<&Coding>> = HashMap::new();
    for c in codings {
        if code_guids.contains_key(&(c.codebook.as_str(), c.code.as_str())) {
            by_doc.entry(c.doc.as_str()).or_default().push(c);
        }
    }
    // Variables: every metadata column of an ingested document.
    let mut columns: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for d in &docs {
        if let Some(attrs) = meta.get(d) {
            for (k, v) in attrs {
                if k != "file" && !v.is_empty() {
                    columns.entry(k).or_default().push(v);
                }
            }
        }
    }
    let variables: Vec<ExportVariable> = columns
        .iter()
        .map(|(name, values)| ExportVariable {
            guid: guid("variable", name),
            name: name.clone(),
            kind: variable_kind(values),
        })
        .collect();
    let var_index: HashMap<&str, usize> = variables
        .iter()
        .enumerate()
        .map(|(i, v)| (v.name.as_str(), i))
        .collect();
    let mut sources = Vec::new();
    let mut cases = Vec::new();
    for d in &docs {
        let text = store
            .document_text(&searcher, d)?
            .ok_or_else(|| Error::BadIndex {
                path: store.dir().to_path_buf(),
                reason: format!("the text of {d} is missing"),
            })?;
        let source = source_guid(d);
        let mut selections = Vec::new();
        for m in passage_notes.get(d.as_str()).into_iter().flatten() {
            if let MemoTarget::Passage(p) = &m.target {
                selections.push(ExportSelection {
                    guid: guid("selection", &format!("memo|{}", m.id)),
                    name: format!("Memo by {}", m.editor),
                    start: p.start,
                    end: p.end,
                    codings: Vec::new(),
                    user: editor_guid(&m.editor),
                    notes: vec![note_guid(m)],
                });
            }
        }
        if let Some(list) = by_doc.get(d.as_str()) {
            let segments: HashMap<String, StoredSegment> = store
                .doc_segments(&searcher, d)?
                .into_iter()
                .map(|s| (s.id.clone(), s))
                .collect();
            // (start, end, segment) → {(codebook, code)}, in document order.
            let mut by_segment: BTreeMap<(u64, u64, &str), CodeSet> = BTreeMap::new();
            // Hand codings: (start, end, editor) → {(codebook, code)}, and when.
            let mut by_passage: BTreeMap<(usize, usize, &str), CodeSet> = BTreeMap::new();
            let mut when: HashMap<(usize, usize, &str, &str, &str), &str> = HashMap::new();
            for c in list {
                if let Some(editor) = c.by.as_deref() {
                    for &(s, e) in &c.spans {
                        by_passage
                            .entry((s, e, editor))
                            .or_default()
                            .insert((c.codebook.as_str(), c.code.as_str()));
                        if let Some(at) = c.at.as_deref() {
                            when.insert((s, e, editor, c.codebook.as_str(), c.code.as_str()), at);
                        }
                    }
                    continue;
                }
                let Some(seg) = segments.get(&c.segment) else {
                    return Err(Error::Outdated(format!(
                        "coding of {} points at a segment the index does not have: run `pipeline code`",
                        c.segment
                    )));
                };
                by_segment
                    .entry((seg.loc.start, seg.loc.end, c.segment.as_str()))
                    .or_default()
                    .insert((c.codebook.as_str(), c.code.as_str()));
            }
            for ((start, end, seg), codes) in by_segment {
                selections.push(ExportSelection {
                    guid: guid("selection", seg),
                    name: seg.to_string(),
                    start: start as usize,
                    end: end as usize,
                    codings: codes
                        .into_iter()
                        .map(|(b, c)| {
                            (
                                guid("coding", &format!("{seg}|{b}:{c}")),
                                code_guids[&(b, c)].clone(),
                                user.0.clone(),
                                None,
                            )
                        })
                        .collect(),
                    user: user.0.clone(),
                    notes: Vec::new(),
                });
            }
            for ((start, end, editor), codes) in by_passage {
                let key = format!("{d}|{start}-{end}|{editor}");
                selections.push(ExportSelection {
                    guid: guid("selection", &key),
                    name: format!("Coded by {editor}"),
                    start,
                    end,
                    codings: codes
                        .into_iter()
                        .map(|(b, c)| {
                            (
                                guid("coding", &format!("{key}|{b}:{c}")),
                                code_guids[&(b, c)].clone(),
                                editor_guid(editor),
                                when.get(&(start, end, editor, b, c)).map(|t| t.to_string()),
                            )
                        })
                        .collect(),
                    user: editor_guid(editor),
                    notes: Vec::new(),
                });
            }
        }
        selections.sort_by(|a, b| (a.start, a.end, &a.guid).cmp(&(b.start, b.end, &b.guid)));
        if let Some(attrs) = meta.get(d) {
            let values: Vec<(usize, String)> = attrs
                .iter()
                .filter_map(|(k, v)| var_index.get(k.as_str()).map(|&i| (i, v.clone())))
                .filter(|(_, v)| !v.is_empty())
                .collect();
            cases.push(ExportCase {
                guid: guid("case", d),
                name: d.clone(),
                values,
                source: source.clone(),
            });
        }
        sources.push(ExportSource {
            guid: source,
            name: d.clone(),
            text,
            selections,
            notes: doc_notes.remove(d.as_str()).unwrap_or_default(),
        });
    }
    let mut codes = code_tree(books);
    attach_code_notes(&mut codes, &mut code_notes);
    Ok(ExportProject {
        name: name.to_string(),
        origin: format!("pipeline {}", env!("CARGO_PKG_VERSION")),
        user,
        editors: editors
            .into_iter()
            .map(|e| (editor_guid(e), e.to_string()))
            .collect(),
        notes,
        codes,
        variables,
        cases,
        sources,
    })
}

/// Puts each code's notes on it, wherever it is in the tree.
fn attach_code_notes(codes: &mut [ExportCode], notes: &mut HashMap<String, Vec<String>>) {
    for c in codes {
        if let Some(n) = notes.remove(&c.guid) {
            c.notes = n;
        }
        attach_code_notes(&mut c.children, notes);
    }
}
