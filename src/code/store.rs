//! Running the coder over the index and storing its codings.
//!
//! Codings are stored twice, for two readers: as `codes` facets on the segment
//! documents of the index (so that filtering by code is an index operation, and
//! `/housing` also matches `/housing/collective-centre`), and as
//! `outputs/codings.jsonl` for people and other tools. Re-coding a codebook
//! replaces all of its codings; a code removed from the codebook loses them.

use super::{Coder, Coding, SegmentInput};
use crate::codebook::Codebook;
use crate::error::{Error, Result};
use crate::index::{IndexStore, StoredSegment};
use crate::lock::ProjectLock;
use crate::metadata::hex;
use crate::project::{Project, write_atomic};
use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::Mutex;

/// Per-code counts after coding.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct CodeSummary {
    /// Codebook id.
    pub codebook: String,
    /// Code id.
    pub code: String,
    /// Code name.
    pub name: String,
    /// Segments coded with this code itself.
    pub segments: usize,
    /// Documents with at least one such segment.
    pub documents: usize,
    /// Segments coded with this code or a descendant.
    pub segments_with_children: usize,
    /// Documents with this code or a descendant.
    pub documents_with_children: usize,
}

/// The result of a coding run.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    /// Codebooks applied, `id@version`.
    pub codebooks: Vec<String>,
    /// Documents coded.
    pub documents: usize,
    /// Codings made by this run.
    pub codings: usize,
    /// Segment documents rewritten in the index.
    pub updated_segments: usize,
    /// Per-code counts.
    pub summary: Vec<CodeSummary>,
}

/// `outputs/codings.jsonl.next`: the codings of a run between its index
/// commit and its rename into place.
fn pending_path(project: &Project) -> std::path::PathBuf {
    project.outputs.join("codings.jsonl.next")
}

/// Finishes or discards the codings of an interrupted run: the pending file
/// replaces `codings.jsonl` when the index commit recorded its hash (the run
/// committed, then died), and is removed otherwise (it died before).
pub fn recover_codings(project: &Project, store: &IndexStore) -> Result<()> {
    let next = pending_path(project);
    let Ok(bytes) = std::fs::read(&next) else {
        return Ok(());
    };
    if store.codings_hash()?.as_deref() == Some(hex(&Sha256::digest(&bytes)).as_str()) {
        let path = project.outputs.join("codings.jsonl");
        match std::fs::rename(&next, &path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(&path, e)),
            _ => Ok(()),
        }
    } else {
        match std::fs::remove_file(&next) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(&next, e)),
            _ => Ok(()),
        }
    }
}

/// Applies `books` to every ingested document. With `replace_all`, codings of
/// codebooks not in `books` are removed too (the codebook was deleted).
pub fn run(
    project: &Project,
    books: &[Codebook],
    replace_all: bool,
    jobs: usize,
) -> Result<Outcome> {
    let _lock = ProjectLock::acquire(&project.outputs)?;
    let store = IndexStore::open(&project.index_dir())?;
    recover_codings(project, &store)?;
    let docs: Vec<String> = store.ingested_docs()?;
    let coder = Coder::new(books);
    let recoded: HashSet<&str> = books.iter().map(|b| b.id.as_str()).collect();
    let reader = store.index.reader()?;
    let searcher = reader.searcher();
    let mut writer = store.writer(jobs.min(4))?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.max(1))
        .build()
        .map_err(|e| Error::BadIndex {
            path: store.dir.clone(),
            reason: e.to_string(),
        })?;
    let updated = Mutex::new(0usize);
    let results: Vec<Result<Vec<Coding>>> = pool.install(|| {
        docs.par_iter()
            .map(|doc| {
                let segments = store.doc_segments(&searcher, doc)?;
                let inputs: Vec<SegmentInput> = segments.iter().map(SegmentInput::from).collect();
                let codings = coder.code_document(&inputs);
                let mut new_facets: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
                for c in &codings {
                    new_facets
                        .entry(c.segment.as_str())
                        .or_default()
                        .insert(c.facet());
                }
                let mut n = 0;
                for seg in &segments {
                    let keep = seg.codes.iter().filter(|f| {
                        let book = f.trim_start_matches('/').split('/').next().unwrap_or("");
                        !recoded.contains(book) && !replace_all
                    });
                    let mut facets: BTreeSet<String> = keep.cloned().collect();
                    if let Some(new) = new_facets.get(seg.id.as_str()) {
                        facets.extend(new.iter().cloned());
                    }
                    let old: BTreeSet<String> = seg.codes.iter().cloned().collect();
                    if facets != old {
                        let rewritten = StoredSegment {
                            codes: facets.into_iter().collect(),
                            ..seg.clone()
                        };
                        store.delete_doc_segment(&writer, &seg.id);
                        writer.add_document(store.stored_document(&rewritten))?;
                        n += 1;
                    }
                }
                *updated.lock().expect("not poisoned") += n;
                Ok(codings)
            })
            .collect()
    });
    let mut codings = Vec::new();
    for r in results {
        codings.extend(r?);
    }
    // codings.jsonl: this run's codings plus, unless replacing all, the lines
    // of codebooks not re-coded now. It is prepared before the commit and its
    // hash recorded in it, so a reader can tell when the two disagree.
    let path = project.outputs.join("codings.jsonl");
    let mut all = codings.clone();
    if !replace_all && let Ok(text) = std::fs::read(&path) {
        if store.codings_hash()?.as_deref() != Some(hex(&Sha256::digest(&text)).as_str()) {
            return Err(Error::Outdated(format!(
                "{} does not match the index (documents were re-ingested, or a run was interrupted): run `pipeline code` without arguments",
                path.display()
            )));
        }
        let present: HashSet<&str> = docs.iter().map(String::as_str).collect();
        all.extend(
            String::from_utf8_lossy(&text)
                .lines()
                .filter_map(|l| serde_json::from_str::<Coding>(l).ok())
                .filter(|c| {
                    !recoded.contains(c.codebook.as_str()) && present.contains(c.doc.as_str())
                }),
        );
    }
    all.sort_by(|a, b| sort_key(a).cmp(&sort_key(b)));
    let mut jsonl = Vec::new();
    for c in &all {
        serde_json::to_writer(&mut jsonl, c).expect("serialisable");
        jsonl.push(b'\n');
    }
    // The new codings.jsonl is written beside the old one before the commit
    // and renamed into place after it; a crash in between is rolled forward by
    // `recover_codings` (the commit records the hash of the pending file).
    let next = pending_path(project);
    write_atomic(&next, &jsonl)?;
    IndexStore::commit_with_codings(&mut writer, Some(hex(&Sha256::digest(&jsonl))))?;
    writer.wait_merging_threads()?;
    std::fs::rename(&next, &path).map_err(|e| Error::io(&path, e))?;

    Ok(Outcome {
        codebooks: books
            .iter()
            .map(|b| format!("{}@{}", b.id, b.version))
            .collect(),
        documents: docs.len(),
        codings: codings.len(),
        updated_segments: updated.into_inner().expect("not poisoned"),
        summary: summarise(books, &codings),
    })
}

fn sort_key(c: &Coding) -> (&str, &str, crate::segment::SegmentKind, u64, &str) {
    let ordinal = c
        .segment
        .rsplit('#')
        .next()
        .and_then(|s| s.get(1..))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    (&c.codebook, &c.doc, c.unit, ordinal, &c.code)
}

/// Per-code counts, direct and with descendants, in codebook order.
pub fn summarise(books: &[Codebook], codings: &[Coding]) -> Vec<CodeSummary> {
    let mut out = Vec::new();
    for book in books {
        for code in &book.codes {
            let child_prefix = format!("{}/", code.id);
            let mut seg = HashSet::new();
            let mut docs = HashSet::new();
            let mut seg_all = HashSet::new();
            let mut docs_all = HashSet::new();
            for c in codings.iter().filter(|c| c.codebook == book.id) {
                if c.code == code.id {
                    seg.insert(&c.segment);
                    docs.insert(&c.doc);
                }
                if c.code == code.id || c.code.starts_with(&child_prefix) {
                    seg_all.insert(&c.segment);
                    docs_all.insert(&c.doc);
                }
            }
            out.push(CodeSummary {
                codebook: book.id.clone(),
                code: code.id.clone(),
                name: code.name.clone(),
                segments: seg.len(),
                documents: docs.len(),
                segments_with_children: seg_all.len(),
                documents_with_children: docs_all.len(),
            });
        }
    }
    out
}
