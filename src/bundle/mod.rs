//! Anonymised excerpt bundles for the contact group (DESIGN §7).
//!
//! Building is pure: selected hits + codebooks + the anonymiser → a [`Bundle`]
//! (the content of every file) and a [`Report`]. Rendering turns it into
//! `bundle.json` and a self-contained `bundle.html`; [`gate`] scans every
//! rendered file for register identifiers and detector hits before anything is
//! published. The command writes it all to a temporary folder and renames it
//! into place only when the gate passes.
//!
//! What never reaches a bundle: file names (documents are `D001`, `D002`, … in
//! path order over the whole corpus, the same in every bundle), speaker names
//! (only roles), DOCX properties, headers and comments, interviewers' names,
//! exact interview dates (attributes are kept only as a profile says).

pub mod docx;
pub mod gate;
pub mod profile;
pub mod render;

use crate::anonymise::{Anonymiser, Pseudonyms};
use crate::codebook::Codebook;
use crate::model::Hit;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// Schema identifier of `bundle.json`.
pub const SCHEMA: &str = "pipeline.bundle/v1";

/// A codebook a bundle's codes come from.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct BookRef {
    /// Id.
    pub id: String,
    /// Version.
    pub version: String,
    /// Title.
    pub title: String,
}

/// What was selected.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Selection {
    /// Codes (a parent includes its children).
    pub codes: Vec<String>,
    /// Query.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// Attribute filters.
    #[serde(rename = "where")]
    pub wheres: Vec<String>,
    /// Every segment.
    pub all: bool,
    /// Context segments before and after.
    pub context: usize,
}

/// A code with the number of excerpts under it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CodeRef {
    /// `codebook:code`.
    pub id: String,
    /// Name.
    pub name: String,
    /// Colour.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// Excerpts coded with it or a child.
    pub excerpts: usize,
}

/// One anonymised excerpt.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Excerpt {
    /// `E0001`, in document order.
    pub id: String,
    /// Pseudonymous document id, `D001`.
    pub document: String,
    /// Segment kind.
    pub kind: String,
    /// Speaker role (never the name).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Generalised document attributes.
    pub attributes: BTreeMap<String, String>,
    /// Codes (`codebook:code`).
    pub codes: Vec<String>,
    /// Anonymised text.
    pub text: String,
    /// Anonymised context before (nearest last).
    pub context_before: Vec<String>,
    /// Anonymised context after.
    pub context_after: Vec<String>,
}

/// The content of a bundle.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Bundle {
    /// [`SCHEMA`].
    pub schema: String,
    /// Name.
    pub name: String,
    /// Title.
    pub title: String,
    /// Creation date (`YYYY-MM-DD`).
    pub created: String,
    /// Codebooks.
    pub codebooks: Vec<BookRef>,
    /// Selection.
    pub selection: Selection,
    /// Codes with excerpts, in codebook order.
    pub codes: Vec<CodeRef>,
    /// Excerpts, in document order.
    pub excerpts: Vec<Excerpt>,
}

/// A review flag without the original text.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ReportFlag {
    /// Excerpt id.
    pub excerpt: String,
    /// Why.
    pub reason: String,
}

/// `anonymisation-report.json`: counts per kind and review flags, never originals.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Report {
    /// Schema identifier.
    pub schema: String,
    /// Replacements per kind.
    pub replacements: BTreeMap<String, usize>,
    /// Replacements per source (register, detector, heuristic).
    pub sources: BTreeMap<String, usize>,
    /// Items for human review.
    pub flags: Vec<ReportFlag>,
    /// The flagged texts with their context, for `pipeline review` on this
    /// machine only: never written into the bundle.
    #[serde(skip)]
    pub flagged: Vec<Flagged>,
}

/// A flagged text and where it is (originals: local use only).
#[derive(Debug, Clone, PartialEq)]
pub struct Flagged {
    /// Excerpt id.
    pub excerpt: String,
    /// The flagged text.
    pub text: String,
    /// Why.
    pub reason: String,
    /// Up to 60 characters either side, original text.
    pub context: String,
}

/// Everything a bundle is built from.
pub struct Inputs<'a> {
    /// Name.
    pub name: &'a str,
    /// Title.
    pub title: &'a str,
    /// Creation date.
    pub created: &'a str,
    /// Selection, as recorded.
    pub selection: Selection,
    /// Codebooks.
    pub books: &'a [Codebook],
    /// Selected hits, in document order.
    pub hits: &'a [Hit],
    /// Document path → `D001`.
    pub doc_ids: &'a HashMap<String, String>,
    /// Document path → attributes.
    pub attrs: &'a HashMap<String, BTreeMap<String, String>>,
    /// Attribute rules.
    pub rules: &'a BTreeMap<String, profile::Generalise>,
}

/// Builds a bundle, anonymising every text with `anon` and `table`;
/// `progress(done, total)` counts excerpts (twice over: learning, then writing).
pub fn build(
    inputs: &Inputs,
    anon: &Anonymiser,
    table: &mut Pseudonyms,
    progress: &dyn Fn(usize, usize),
) -> (Bundle, Report) {
    let steps = inputs.hits.len() * 2;
    let mut report = Report {
        schema: "pipeline.anonymisation-report/v1".into(),
        ..Report::default()
    };
    // First pass: learn the names of every text of the bundle, so that a
    // name found in one excerpt is replaced wherever it appears, in any
    // case, also in excerpts before it (`Zemfira Aliyeva` … `zemfira`).
    let mut scratch = table.clone();
    let texts = || {
        inputs.hits.iter().flat_map(|hit| {
            hit.before
                .iter()
                .chain(std::iter::once(&hit.segment))
                .chain(&hit.after)
                .map(|c| c.text.as_str())
        })
    };
    for text in texts() {
        anon.note_lower_case(text, &mut scratch);
    }
    for (i, hit) in inputs.hits.iter().enumerate() {
        for c in hit
            .before
            .iter()
            .chain(std::iter::once(&hit.segment))
            .chain(&hit.after)
        {
            anon.anonymise(&c.text, &mut scratch);
        }
        if i % 64 == 0 {
            progress(i, steps);
        }
    }
    table.seen_lower = std::mem::take(&mut scratch.seen_lower);
    table.learned = std::mem::take(&mut scratch.learned);
    let mut clean = |text: &str, excerpt: &str, report: &mut Report| -> String {
        let out = anon.anonymise(text, table);
        for r in &out.replacements {
            *report
                .replacements
                .entry(r.kind.name().to_string())
                .or_default() += 1;
            *report
                .sources
                .entry(format!("{:?}", r.source).to_lowercase())
                .or_default() += 1;
        }
        report.flags.extend(out.flags.iter().map(|f| ReportFlag {
            excerpt: excerpt.to_string(),
            reason: f.reason.clone(),
        }));
        report.flagged.extend(out.flags.iter().map(|f| {
            let from = text[..f.start]
                .char_indices()
                .rev()
                .nth(59)
                .map_or(0, |(i, _)| i);
            let to = text[f.end..]
                .char_indices()
                .nth(60)
                .map_or(text.len(), |(i, _)| f.end + i);
            Flagged {
                excerpt: excerpt.to_string(),
                text: text[f.start..f.end].to_string(),
                reason: f.reason.clone(),
                context: text[from..to].replace('\n', " "),
            }
        }));
        out.text
    };
    let mut excerpts = Vec::with_capacity(inputs.hits.len());
    for (i, hit) in inputs.hits.iter().enumerate() {
        if i % 64 == 0 {
            progress(inputs.hits.len() + i, steps);
        }
        let s = &hit.segment;
        let id = format!("E{:04}", i + 1);
        let attributes = profile::generalise(
            inputs.attrs.get(&s.doc).unwrap_or(&BTreeMap::new()),
            inputs.rules,
        )
        .into_iter()
        .map(|(k, v)| {
            let v = clean(&v, &id, &mut report);
            (k, v)
        })
        .collect();
        let codes = s
            .codes
            .iter()
            .map(|f| f.trim_start_matches('/').replacen('/', ":", 1))
            .collect();
        excerpts.push(Excerpt {
            document: inputs
                .doc_ids
                .get(&s.doc)
                .cloned()
                .unwrap_or_else(|| "D000".into()),
            kind: s.kind.name().to_string(),
            role: s.role.clone(),
            attributes,
            codes,
            text: clean(&s.text, &id, &mut report),
            context_before: hit
                .before
                .iter()
                .map(|c| clean(&c.text, &id, &mut report))
                .collect(),
            context_after: hit
                .after
                .iter()
                .map(|c| clean(&c.text, &id, &mut report))
                .collect(),
            id,
        });
    }
    let mut codes = Vec::new();
    for book in inputs.books {
        for code in &book.codes {
            let id = format!("{}:{}", book.id, code.id);
            let child = format!("{id}/");
            let n = excerpts
                .iter()
                .filter(|e| e.codes.iter().any(|c| *c == id || c.starts_with(&child)))
                .count();
            if n > 0 {
                codes.push(CodeRef {
                    id,
                    name: code.name.clone(),
                    color: code.color.clone(),
                    excerpts: n,
                });
            }
        }
    }
    let bundle = Bundle {
        schema: SCHEMA.into(),
        name: inputs.name.to_string(),
        title: inputs.title.to_string(),
        created: inputs.created.to_string(),
        codebooks: inputs
            .books
            .iter()
            .map(|b| BookRef {
                id: b.id.clone(),
                version: b.version.clone(),
                title: b.title.clone(),
            })
            .collect(),
        selection: inputs.selection.clone(),
        codes,
        excerpts,
    };
    (bundle, report)
}

/// `D001`, `D002`, … for every document path, in path order.
pub fn document_ids(paths: &[String]) -> HashMap<String, String> {
    let mut sorted: Vec<&String> = paths.iter().collect();
    sorted.sort();
    sorted
        .into_iter()
        .enumerate()
        .map(|(i, p)| (p.clone(), format!("D{:03}", i + 1)))
        .collect()
}

/// `YYYY-MM-DD` of a Unix time (UTC).
pub fn date_of(unix: i64) -> String {
    jiff::Timestamp::from_second(unix)
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_document_ids() {
        assert_eq!(date_of(0), "1970-01-01");
        assert_eq!(date_of(1_795_000_000), "2026-11-18");
        let ids = document_ids(&["b.txt".into(), "a.txt".into()]);
        assert_eq!(ids["a.txt"], "D001");
        assert_eq!(ids["b.txt"], "D002");
    }
}
