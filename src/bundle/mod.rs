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
pub mod kanon;
pub mod profile;
pub mod render;
pub mod words;

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
    /// Speaker role of each context line before (`null` where none).
    pub context_before_roles: Vec<Option<String>>,
    /// Speaker role of each context line after.
    pub context_after_roles: Vec<Option<String>>,
    /// Where the excerpt is in its document.
    pub location: Place,
    /// Language of the text (a guess from its letters: `en`, `ru`, `az`, `hy`, `ka`…).
    pub lang: String,
    /// The section it is shown under (`codebook:code`), once; `null` in a
    /// bundle organised by document.
    pub section: Option<String>,
}

/// Where an excerpt is: paragraph, page, time.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Place {
    /// Paragraph number in the document.
    pub paragraph: u64,
    /// Page (PDF).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u64>,
    /// Start time (`hh:mm:ss`, transcripts).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
}

/// A section of a bundle: a code (its children nested below it), or a
/// document in a bundle of whole documents.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Section {
    /// `codebook:code`, or the pseudonymous document id.
    pub id: String,
    /// Code name, or the document id.
    pub name: String,
    /// Nesting: 0 for a profile's code, 1 for its child…
    pub depth: usize,
    /// Excerpts shown here, in document order (each excerpt in one section).
    pub excerpts: Vec<String>,
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
    /// Language of the bundle's own words (`en` or `ru`).
    pub language: String,
    /// What the bundle is organised by: `codes` or `documents`.
    pub organised_by: String,
    /// Sections in reading order: the profile's codes in its order (children
    /// after their parent), or the documents; each excerpt in exactly one.
    pub sections: Vec<Section>,
    /// How the released attributes were made k-anonymous (`null`: the
    /// bundle releases no attribute).
    pub k_anonymity: Option<kanon::Summary>,
    /// Whether ids and pseudonyms are the project's or this bundle's own.
    pub link: String,
}

impl Bundle {
    /// How many documents the excerpts come from.
    pub fn documents(&self) -> usize {
        self.excerpts
            .iter()
            .map(|e| e.document.as_str())
            .collect::<std::collections::BTreeSet<_>>()
            .len()
    }

    /// The names of the codes an excerpt carries besides the one it is shown
    /// under (its id where a code has no entry).
    pub fn other_code_names(&self, e: &Excerpt) -> Vec<String> {
        e.codes
            .iter()
            .filter(|c| Some(*c) != e.section.as_ref())
            .map(|c| {
                self.codes
                    .iter()
                    .find(|x| x.id == *c)
                    .map_or_else(|| c.clone(), |x| x.name.clone())
            })
            .collect()
    }

    /// Excerpts of section `i` and of the sections nested below it.
    pub fn section_total(&self, i: usize) -> usize {
        let depth = self.sections[i].depth;
        self.sections[i].excerpts.len()
            + self.sections[i + 1..]
                .iter()
                .take_while(|s| s.depth > depth)
                .map(|s| s.excerpts.len())
                .sum::<usize>()
    }
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
    /// The k-anonymity of the released attributes (`null`: none released).
    pub k_anonymity: Option<kanon::Summary>,
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
    /// Title (`None`: the selection in words).
    pub title: Option<&'a str>,
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
    /// Further generalisations of each released attribute.
    pub hierarchies: &'a BTreeMap<String, Vec<profile::Level>>,
    /// Smallest class of released attribute values.
    pub k: usize,
    /// How ids and pseudonyms link to other bundles.
    pub link: profile::Link,
    /// Language of the bundle's own words (`en` or `ru`).
    pub language: &'a str,
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
    // The attributes each document shows: k-anonymous over the corpus.
    let in_bundle: std::collections::BTreeSet<String> =
        inputs.hits.iter().map(|h| h.segment.doc.clone()).collect();
    let released = kanon::release(
        inputs.attrs,
        &in_bundle,
        inputs.rules,
        inputs.hierarchies,
        inputs.k,
        inputs.doc_ids,
    );
    let k_anonymity = (!inputs.rules.is_empty()).then_some(released.summary);
    report.k_anonymity.clone_from(&k_anonymity);
    let mut excerpts = Vec::with_capacity(inputs.hits.len());
    for (i, hit) in inputs.hits.iter().enumerate() {
        if i % 64 == 0 {
            progress(inputs.hits.len() + i, steps);
        }
        let s = &hit.segment;
        let id = format!("E{:04}", i + 1);
        let attributes = released
            .attributes
            .get(&s.doc)
            .cloned()
            .unwrap_or_default()
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
            context_before_roles: hit.before.iter().map(|c| c.role.clone()).collect(),
            context_after_roles: hit.after.iter().map(|c| c.role.clone()).collect(),
            location: Place {
                paragraph: s.loc.paragraph,
                page: s.loc.page,
                time: s.loc.start_ms.map(crate::model::timestamp),
            },
            lang: s.lang.clone(),
            section: None,
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
    // The selection is published with the bundle (its record, its title and
    // preface): its words go through the anonymiser like any text, so that a
    // name someone searched for is no more in the bundle than in an excerpt.
    let mut selection = inputs.selection.clone();
    selection.query = selection
        .query
        .as_deref()
        .map(|q| clean(q, "selection", &mut report));
    selection.wheres = selection
        .wheres
        .iter()
        .map(|w| match w.split_once('=') {
            Some((k, v)) => format!("{k}={}", clean(v, "selection", &mut report)),
            None => clean(w, "selection", &mut report),
        })
        .collect();
    let (organised_by, sections) = sections(inputs, &mut excerpts);
    let bundle = Bundle {
        schema: SCHEMA.into(),
        name: inputs.name.to_string(),
        title: inputs.title.unwrap_or_default().to_string(),
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
        selection,
        codes,
        excerpts,
        language: inputs.language.to_string(),
        organised_by: organised_by.into(),
        sections,
        k_anonymity,
        link: inputs.link.name().into(),
    };
    let mut bundle = bundle;
    if inputs.title.is_none() {
        bundle.title = words::words(inputs.language).title_of(&bundle);
    }
    (bundle, report)
}

/// The sections of a bundle, and each excerpt's: by document for a bundle of
/// whole documents; else the profile's codes in the profile's order, each
/// followed by its children (every code of the codebooks in their order when
/// the profile names none), each excerpt under the first section whose code
/// it carries (exactly, else as a descendant). Empty sections are left out.
fn sections(inputs: &Inputs, excerpts: &mut [Excerpt]) -> (&'static str, Vec<Section>) {
    if inputs.selection.all {
        let mut by_doc: Vec<Section> = Vec::new();
        for e in excerpts.iter() {
            match by_doc.iter_mut().find(|s| s.id == e.document) {
                Some(s) => s.excerpts.push(e.id.clone()),
                None => by_doc.push(Section {
                    id: e.document.clone(),
                    name: e.document.clone(),
                    depth: 0,
                    excerpts: vec![e.id.clone()],
                }),
            }
        }
        by_doc.sort_by(|a, b| a.id.cmp(&b.id));
        return ("documents", by_doc);
    }
    // Every code of the codebooks, `book:code` with its depth, in order.
    let all: Vec<(String, String, usize)> = inputs
        .books
        .iter()
        .flat_map(|b| {
            b.codes.iter().map(move |c| {
                (
                    format!("{}:{}", b.id, c.id),
                    c.name.clone(),
                    c.id.matches('/').count(),
                )
            })
        })
        .collect();
    let matches_spec = |id: &str, name: &str, spec: &str| {
        id == spec
            || id.split_once(':').is_some_and(|(_, c)| c == spec)
            || crate::fold::fold(name) == crate::fold::fold(spec)
    };
    let mut order: Vec<(String, String, usize)> = Vec::new();
    if inputs.selection.codes.is_empty() {
        order = all.clone();
    } else {
        for spec in &inputs.selection.codes {
            for (id, name, depth) in &all {
                if !matches_spec(id, name, spec) {
                    continue;
                }
                let child = format!("{id}/");
                for (cid, cname, cdepth) in &all {
                    if (cid == id || cid.starts_with(&child))
                        && !order.iter().any(|(o, _, _)| o == cid)
                    {
                        order.push((cid.clone(), cname.clone(), cdepth - depth));
                    }
                }
            }
        }
    }
    let mut sections: Vec<Section> = order
        .into_iter()
        .map(|(id, name, depth)| Section {
            id,
            name,
            depth,
            excerpts: Vec::new(),
        })
        .collect();
    for e in excerpts.iter_mut() {
        let exact = sections.iter().position(|s| e.codes.contains(&s.id));
        let within = || {
            sections.iter().position(|s| {
                let child = format!("{}/", s.id);
                e.codes.iter().any(|c| c.starts_with(&child))
            })
        };
        if let Some(i) = exact.or_else(within) {
            sections[i].excerpts.push(e.id.clone());
            e.section = Some(sections[i].id.clone());
        }
    }
    // Excerpts that carry none of the sections' codes (a bundle selected by
    // a query alone) are never dropped: they go to a last section.
    let rest: Vec<String> = excerpts
        .iter_mut()
        .filter(|e| e.section.is_none())
        .map(|e| {
            e.section = Some("other".into());
            e.id.clone()
        })
        .collect();
    if !rest.is_empty() {
        sections.push(Section {
            id: "other".into(),
            name: String::new(),
            depth: 0,
            excerpts: rest,
        });
    }
    // A parent stays when a child below it holds excerpts (it heads them).
    let keep: Vec<bool> = (0..sections.len())
        .map(|i| {
            let child = format!("{}/", sections[i].id);
            !sections[i].excerpts.is_empty()
                || sections[i + 1..]
                    .iter()
                    .any(|s| s.id.starts_with(&child) && !s.excerpts.is_empty())
        })
        .collect();
    let mut k = keep.into_iter();
    sections.retain(|_| k.next().unwrap_or(false));
    ("codes", sections)
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

/// `D001`, `D002`, … for every document path in an order of the bundle's
/// own (`link = "bundle"`): SHA-256 of the bundle's name and the path, so
/// that the same document has unrelated ids in two bundles.
pub fn document_ids_of_bundle(paths: &[String], bundle: &str) -> HashMap<String, String> {
    use sha2::{Digest, Sha256};
    let mut keyed: Vec<([u8; 32], &String)> = paths
        .iter()
        .map(|p| {
            let mut h = Sha256::new();
            h.update(bundle.as_bytes());
            h.update([0]);
            h.update(p.as_bytes());
            (h.finalize().into(), p)
        })
        .collect();
    keyed.sort();
    keyed
        .into_iter()
        .enumerate()
        .map(|(i, (_, p))| (p.clone(), format!("D{:03}", i + 1)))
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
