//! Agreement of the auto-coding with a gold standard (human coding).
//!
//! Reads the gold (a `.qdpx` or a CSV), finds its documents among the ingested
//! ones (by document id, else by identical text), maps its codes onto ours (by
//! GUID, else id, else name), and hands both sides to the pure
//! [`crate::agreement::compare`]. What could not be compared is a warning in
//! the report, never dropped silently.

use crate::agreement::{Report, Span, Unit, compare};
use crate::codebook::Codebook;
use crate::codebook::exchange::guid_of;
use crate::error::{Error, Result};
use crate::extract::Limits;
use crate::fold::fold;
use crate::index::{IndexStore, Snapshot};
use crate::interop::{align::offset_map, qdpx};
use crate::project::Project;
use crate::segment::SegmentKind;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

/// A gold coding in our coordinates: document, span, `book:code`.
struct GoldSpan {
    doc: String,
    start: usize,
    end: usize,
    code: String,
}

/// Whose codings are compared with the gold standard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Against {
    /// The codebooks' rules (rule codings an editor rejected are no longer
    /// in the project, and so not counted).
    Rules,
    /// An editor's hand codings and confirmations (`corpus/desk.sqlite`).
    Editor(String),
}

/// Where the gold standard comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gold {
    /// A `.qdpx` project or a CSV (document, start, end, code).
    File(std::path::PathBuf),
    /// An editor's hand codings and confirmations in the desk.
    Editor(String),
}

/// Compares the project's fresh codings with the gold standard at `gold`,
/// unit by unit (`sentence`, `paragraph` or `turn`).
pub fn agreement(project: &Project, gold_path: &Path, unit: SegmentKind) -> Result<Report> {
    compare_sides(
        project,
        &Gold::File(gold_path.to_path_buf()),
        &Against::Rules,
        unit,
    )
}

/// Compares `against` with `gold` — the rules or an editor with a file or
/// another editor — unit by unit. Only the documents the gold codes are
/// compared.
pub fn compare_sides(
    project: &Project,
    gold: &Gold,
    against: &Against,
    unit: SegmentKind,
) -> Result<Report> {
    if !matches!(
        unit,
        SegmentKind::Sentence | SegmentKind::Paragraph | SegmentKind::Turn
    ) {
        return Err(Error::Invalid(
            "--unit must be sentence, paragraph or turn".into(),
        ));
    }
    let books = super::codebooks(project)?;
    let store = IndexStore::open(&project.index_dir())?;
    let codings = super::codings(project, &store, &books)?.ok_or_else(|| {
        Error::Outdated(
            "no codings: run `pipeline code` before comparing with a gold standard".into(),
        )
    })?;
    let searcher = store.snapshot()?;
    let docs = store.ingested_docs()?;
    let mut warnings = Vec::new();
    let (gold, compared) = match gold {
        Gold::File(gold_path)
            if gold_path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("qdpx")) =>
        {
            read_qdpx(gold_path, &books, &store, &searcher, &docs, &mut warnings)?
        }
        Gold::File(gold_path) => read_csv(gold_path, &books, &docs, &mut warnings)?,
        Gold::Editor(name) => {
            let spans: Vec<GoldSpan> = codings
                .iter()
                .filter(|c| c.by.as_deref() == Some(name.as_str()))
                .flat_map(|c| {
                    c.spans.iter().map(move |&(start, end)| GoldSpan {
                        doc: c.doc.clone(),
                        start,
                        end,
                        code: format!("{}:{}", c.codebook, c.code),
                    })
                })
                .collect();
            if spans.is_empty() {
                return Err(Error::Invalid(format!(
                    "`{name}` has no hand coding in the project (corpus/desk.sqlite), or `pipeline code` has not run since"
                )));
            }
            // Every code of the codebooks the editor's documents could hold.
            let compared = books
                .iter()
                .flat_map(|b| b.codes.iter().map(move |c| format!("{}:{}", b.id, c.id)))
                .collect();
            (spans, compared)
        }
    };
    if let Against::Editor(name) = against
        && !codings
            .iter()
            .any(|c| c.by.as_deref() == Some(name.as_str()))
    {
        return Err(Error::Invalid(format!(
            "`{name}` has no hand coding in the project (corpus/desk.sqlite), or `pipeline code` has not run since"
        )));
    }
    // Compared codes and, for each of our codes, the compared codes it counts for.
    let codes: Vec<(String, String)> = compared
        .iter()
        .map(|id| {
            let name = lookup(&books, id)
                .map(|(_, c)| c.name.clone())
                .unwrap_or_default();
            (id.clone(), name)
        })
        .collect();
    let index: HashMap<&str, usize> = codes
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (id.as_str(), i))
        .collect();
    let counts_for = |id: &str| -> Vec<usize> {
        let mut out = Vec::new();
        let mut p = id;
        loop {
            if let Some(&i) = index.get(p) {
                out.push(i);
            }
            match p.rsplit_once('/') {
                Some((parent, _)) if parent.contains(':') => p = parent,
                _ => break,
            }
        }
        out
    };
    let gold_docs: BTreeSet<&str> = gold.iter().map(|g| g.doc.as_str()).collect();
    let mut units = Vec::new();
    let mut spans_of_segment: HashMap<String, (usize, usize)> = HashMap::new();
    for d in &gold_docs {
        for s in store.doc_segments(&searcher, d)? {
            spans_of_segment.insert(s.id.clone(), (s.loc.start as usize, s.loc.end as usize));
            if s.kind == unit {
                units.push(Unit {
                    doc: d.to_string(),
                    start: s.loc.start as usize,
                    end: s.loc.end as usize,
                });
            }
        }
    }
    let gold_spans: Vec<Span> = gold
        .iter()
        .flat_map(|g| {
            counts_for(&g.code).into_iter().map(|code| Span {
                doc: g.doc.clone(),
                start: g.start,
                end: g.end,
                code,
            })
        })
        .collect();
    let auto_spans: Vec<Span> = codings
        .iter()
        .filter(|c| gold_docs.contains(c.doc.as_str()))
        .filter(|c| match against {
            Against::Rules => c.by.is_none(),
            Against::Editor(name) => c.by.as_deref() == Some(name.as_str()),
        })
        .flat_map(|c| {
            let (start, end) = spans_of_segment.get(&c.segment).copied().unwrap_or((0, 0));
            counts_for(&format!("{}:{}", c.codebook, c.code))
                .into_iter()
                .map(move |code| Span {
                    doc: c.doc.clone(),
                    start,
                    end,
                    code,
                })
        })
        .collect();
    let mut report = compare(unit.name(), &units, &codes, &gold_spans, &auto_spans);
    report.warnings = warnings;
    Ok(report)
}

fn lookup<'a>(
    books: &'a [Codebook],
    id: &str,
) -> Option<(&'a Codebook, &'a crate::codebook::Code)> {
    let (b, c) = id.split_once(':')?;
    let book = books.iter().find(|x| x.id == b)?;
    Some((book, book.code(c)?))
}

/// Our code for a gold code: by GUID, else `book:id` or id, else name.
fn resolve(books: &[Codebook], guid: Option<&str>, id: &str, name: &str) -> Option<String> {
    if let Some(g) = guid.map(qdpx::norm_guid) {
        for b in books {
            for c in &b.codes {
                if qdpx::norm_guid(&guid_of(b, c)) == g {
                    return Some(format!("{}:{}", b.id, c.id));
                }
            }
        }
    }
    if lookup(books, id).is_some() {
        return Some(id.to_string());
    }
    let by = |f: &dyn Fn(&crate::codebook::Code) -> bool| -> Option<String> {
        let found: Vec<String> = books
            .iter()
            .flat_map(|b| {
                b.codes
                    .iter()
                    .filter(|c| f(c))
                    .map(move |c| format!("{}:{}", b.id, c.id))
            })
            .collect();
        (found.len() == 1).then(|| found[0].clone())
    };
    by(&|c| c.id == id).or_else(|| by(&|c| fold(&c.name) == fold(name)))
}

#[allow(clippy::type_complexity)]
fn read_qdpx(
    path: &Path,
    books: &[Codebook],
    store: &IndexStore,
    searcher: &Snapshot,
    docs: &[String],
    warnings: &mut Vec<String>,
) -> Result<(Vec<GoldSpan>, BTreeSet<String>)> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let qda = qdpx::read(&bytes, Limits::default().max_inflated_bytes).map_err(|e| Error::Csv {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    warnings.extend(qda.problems.iter().cloned());
    // Gold code GUID → our code.
    let mut ours: HashMap<String, String> = HashMap::new();
    let mut compared = BTreeSet::new();
    for c in &qda.codebook.codes {
        let Some(g) = c.guid.as_deref() else { continue };
        match resolve(books, Some(g), &c.id, &c.name) {
            Some(id) => {
                ours.insert(qdpx::norm_guid(g), id.clone());
                compared.insert(id);
            }
            None => warnings.push(format!(
                "gold code `{}` has no counterpart in the codebooks; not compared",
                c.name
            )),
        }
    }
    // Documents: by id, else by identical visible text.
    // The visible characters: ingest drops whitespace differences, control and
    // zero-width characters, and composes (NFC).
    let fingerprint = |t: &str| -> String {
        use unicode_normalization::UnicodeNormalization;
        t.nfc()
            .filter(|&c| {
                !c.is_whitespace()
                    && !c.is_control()
                    && !matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}')
            })
            .collect()
    };
    let mut texts: Option<HashMap<String, (String, String)>> = None;
    let mut gold = Vec::new();
    for s in &qda.sources {
        let Some(text) = &s.text else { continue };
        if s.selections.is_empty() {
            continue;
        }
        let doc_text = if docs.contains(&s.name) {
            store
                .document_text(searcher, &s.name)?
                .map(|t| (s.name.clone(), t))
        } else {
            if texts.is_none() {
                let mut m = HashMap::new();
                for d in docs {
                    if let Some(t) = store.document_text(searcher, d)? {
                        m.insert(fingerprint(&t), (d.clone(), t));
                    }
                }
                texts = Some(m);
            }
            texts
                .as_ref()
                .and_then(|m| m.get(&fingerprint(text)).cloned())
        };
        let Some((doc, norm)) = doc_text else {
            warnings.push(format!(
                "source `{}` is not among the ingested documents (import and ingest it first); its {} selection(s) are not compared",
                s.name,
                s.selections.len()
            ));
            continue;
        };
        let Some(map) = offset_map(text, &norm) else {
            warnings.push(format!(
                "source `{}`: its text differs from {doc}; not compared",
                s.name
            ));
            continue;
        };
        for sel in &s.selections {
            for g in &sel.codes {
                if let Some(code) = ours.get(g) {
                    gold.push(GoldSpan {
                        doc: doc.clone(),
                        start: map[sel.start],
                        end: map[sel.end],
                        code: code.clone(),
                    });
                }
            }
        }
    }
    Ok((gold, compared))
}

fn read_csv(
    path: &Path,
    books: &[Codebook],
    docs: &[String],
    warnings: &mut Vec<String>,
) -> Result<(Vec<GoldSpan>, BTreeSet<String>)> {
    let bad = |reason: String| Error::Csv {
        path: path.to_path_buf(),
        reason,
    };
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_path(path)
        .map_err(|e| bad(format!("cannot read: {e}")))?;
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| bad(format!("line 1: {e}")))?
        .iter()
        .map(str::to_lowercase)
        .collect();
    let col = |n: &str| {
        headers
            .iter()
            .position(|h| h == n)
            .ok_or_else(|| bad(format!("no `{n}` column (need document, start, end, code)")))
    };
    let (dc, sc, ec, cc) = (col("document")?, col("start")?, col("end")?, col("code")?);
    let known: BTreeSet<&str> = docs.iter().map(String::as_str).collect();
    let mut gold = Vec::new();
    let mut compared = BTreeSet::new();
    let mut unknown_docs: BTreeMap<String, usize> = BTreeMap::new();
    let mut unknown_codes: BTreeMap<String, usize> = BTreeMap::new();
    for (i, row) in reader.records().enumerate() {
        let line = i + 2;
        let row = row.map_err(|e| bad(format!("line {line}: {e}")))?;
        let get = |c: usize| row.get(c).unwrap_or("");
        let num = |c: usize| -> Result<usize> {
            get(c)
                .parse()
                .map_err(|_| bad(format!("line {line}: `{}` is not a position", get(c))))
        };
        let (start, end) = (num(sc)?, num(ec)?);
        if end < start {
            return Err(bad(format!(
                "line {line}: end {end} is before start {start}"
            )));
        }
        let doc = get(dc).to_string();
        if !known.contains(doc.as_str()) {
            *unknown_docs.entry(doc).or_default() += 1;
            continue;
        }
        let spec = get(cc);
        let Some(code) = resolve(books, None, spec, spec) else {
            *unknown_codes.entry(spec.to_string()).or_default() += 1;
            continue;
        };
        compared.insert(code.clone());
        gold.push(GoldSpan {
            doc,
            start,
            end,
            code,
        });
    }
    for (d, n) in unknown_docs {
        warnings.push(format!(
            "document `{d}` is not ingested; {n} coding(s) not compared"
        ));
    }
    for (c, n) in unknown_codes {
        warnings.push(format!(
            "code `{c}` is not in the codebooks; {n} coding(s) not compared"
        ));
    }
    Ok((gold, compared))
}
