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
use crate::project::Project;
use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

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
    /// Hand codings, confirmations and rejections of `corpus/desk.sqlite`
    /// applied by this run.
    pub hand_applied: usize,
    /// Those that could not be applied, with the reason (kept in the store).
    pub hand_not_applied: Vec<crate::human::NotApplied>,
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
    // Part files of a run that died are of no use.
    if let Ok(entries) = std::fs::read_dir(&project.outputs) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with(".codings-") || name == "codings.jsonl.next.tmp" {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
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

/// Applies `books` to every ingested document, with the editors' hand
/// codings of those codebooks on top (`corpus/desk.sqlite`, see
/// [`crate::human`]). With `replace_all`, codings of codebooks not in `books`
/// are removed too (the codebook was deleted). `progress(done, total)` is
/// called as documents are coded.
pub fn run(
    project: &Project,
    books: &[Codebook],
    replace_all: bool,
    jobs: usize,
    progress: &dyn Fn(usize, usize),
) -> Result<Outcome> {
    let _lock = ProjectLock::acquire(&project.outputs)?;
    run_locked(project, books, replace_all, None, jobs, progress)
}

/// Re-codes only the documents `only` with every codebook of `books` (their
/// rules and hand codings), keeping every other document's codings: what the
/// desk runs after an editor's change, under the project lock the caller
/// holds. The codings file stays whole and in order.
pub fn recode_documents(
    project: &Project,
    books: &[Codebook],
    only: &BTreeSet<String>,
    _lock: &ProjectLock,
) -> Result<Outcome> {
    run_locked(project, books, false, Some(only), 1, &|_, _| {})
}

fn run_locked(
    project: &Project,
    books: &[Codebook],
    replace_all: bool,
    only: Option<&BTreeSet<String>>,
    jobs: usize,
    progress: &dyn Fn(usize, usize),
) -> Result<Outcome> {
    let store = IndexStore::open(&project.index_dir())?;
    recover_codings(project, &store)?;
    let searcher = store.snapshot()?;
    let ingested: Vec<String> = match only {
        // A few documents (the desk): each asked of the index by its term,
        // not every file record read (each holds its document's text).
        Some(only) => {
            let mut docs = Vec::new();
            for d in only {
                if store.document_text(&searcher, d)?.is_some() {
                    docs.push(d.clone());
                }
            }
            docs
        }
        None => store.ingested_docs()?,
    };
    let docs: Vec<String> = ingested.clone();
    let coder = Coder::new(books);
    // Hand codings of the codebooks applied now, by document.
    let known: crate::human::KnownCodes = books
        .iter()
        .flat_map(|b| {
            b.codes.iter().map(move |c| {
                (
                    (b.id.clone(), c.id.clone()),
                    (b.version.clone(), c.unit.unwrap_or(b.unit)),
                )
            })
        })
        .collect();
    let mut hand: HashMap<String, Vec<crate::human::HandCoding>> = HashMap::new();
    if let Some(human) = crate::human::HumanStore::open_existing(&project.corpus)? {
        for h in human.codings()? {
            if books.iter().any(|b| b.id == h.codebook)
                && only.is_none_or(|o| o.contains(&h.passage.doc))
            {
                hand.entry(h.passage.doc.clone()).or_default().push(h);
            }
        }
    }
    let mut hand_not_applied: Vec<crate::human::NotApplied> = Vec::new();
    {
        let ingested_set: HashSet<&str> = ingested.iter().map(String::as_str).collect();
        for (doc, rows) in &hand {
            if !ingested_set.contains(doc.as_str()) {
                hand_not_applied.extend(crate::human::apply(
                    &mut Vec::new(),
                    rows,
                    None,
                    &[],
                    &known,
                ));
            }
        }
    }
    let hand_total: usize = hand.values().map(Vec::len).sum();
    let recoded: HashSet<&str> = books.iter().map(|b| b.id.as_str()).collect();
    let tx = store.begin(jobs.min(4))?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.max(1))
        .build()
        .map_err(|e| Error::BadIndex {
            path: store.dir().to_path_buf(),
            reason: e.to_string(),
        })?;
    // The old codings.jsonl must match the index before its lines are kept.
    let path = project.outputs.join("codings.jsonl");
    let keep_old = !replace_all && path.exists();
    // The hash is remembered per file identity: a desk that re-codes one
    // document after another does not read the whole file each time.
    if keep_old && store.codings_hash()? != crate::workflow::codings::file_hash(&path)? {
        return Err(Error::Outdated(format!(
            "{} does not match the index (documents were re-ingested, or a run was interrupted): run `pipeline code` without arguments",
            path.display()
        )));
    }
    // Documents are coded in chunks, in document order, so memory holds one
    // chunk's codings, not the corpus's: each chunk's lines go to one part
    // file per codebook, already in the final order.
    let mut parts = Parts::new(&project.outputs);
    let mut summary = Summary::new(books);
    let mut updated = 0usize;
    let mut total = 0usize;
    let mut done = 0usize;
    progress(0, docs.len());
    for chunk in docs.chunks(256) {
        let results: Vec<Result<Coded>> = pool.install(|| {
            chunk
                .par_iter()
                .map(|doc| {
                    let (segments, record) = store.doc_segments_and_record(&searcher, doc)?;
                    let inputs: Vec<SegmentInput> =
                        segments.iter().map(SegmentInput::from).collect();
                    let mut codings = coder.code_document(&inputs);
                    let mut missed = Vec::new();
                    if let Some(rows) = hand.get(doc.as_str()) {
                        let text = store.document_text(&searcher, doc)?;
                        missed = crate::human::apply(
                            &mut codings,
                            rows,
                            text.as_deref(),
                            &segments,
                            &known,
                        );
                    }
                    let mut new_facets: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
                    for c in &codings {
                        new_facets
                            .entry(c.segment.as_str())
                            .or_default()
                            .insert(c.facet());
                    }
                    // New code facets of every segment; a document with any
                    // change is rewritten whole under one delete of its
                    // `doc` term (its file record re-added too), so the
                    // writer holds one delete per document, not one per
                    // segment: memory stays flat however many segments a
                    // codebook touches.
                    let mut n = 0;
                    let mut rewritten: Vec<StoredSegment> = Vec::with_capacity(segments.len());
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
                            n += 1;
                        }
                        rewritten.push(StoredSegment {
                            codes: facets.into_iter().collect(),
                            ..seg.clone()
                        });
                    }
                    if n > 0 {
                        tx.delete_doc(doc)?;
                        for seg in &rewritten {
                            tx.add_stored(seg)?;
                        }
                        if let Some(record) = &record {
                            tx.re_add_file(record, doc)?;
                        }
                    }
                    drop(new_facets);
                    codings.sort_by(|a, b| sort_key(a).cmp(&sort_key(b)));
                    Ok((codings, n, missed))
                })
                .collect()
        });
        for r in results {
            let (codings, n, missed) = r?;
            hand_not_applied.extend(missed);
            updated += n;
            total += codings.len();
            summary.add_document(&codings);
            parts.write(&codings)?;
        }
        done += chunk.len();
        progress(done, docs.len());
    }
    // codings.jsonl: this run's codings plus, unless replacing all, the lines
    // of codebooks not re-coded now, in (codebook, document, unit, ordinal,
    // code) order. It is written beside the old one before the commit, its
    // hash recorded in the commit, and renamed into place after it; a crash in
    // between is rolled forward by `recover_codings`.
    // Lines of documents no longer ingested are dropped; a run over a few
    // documents keeps every other line (the codings matched the index, so
    // their documents are all there).
    let present: HashSet<&str> = ingested.iter().map(String::as_str).collect();
    let present = if only.is_some() { None } else { Some(&present) };
    let next = pending_path(project);
    let only_docs: Option<HashSet<&str>> = only.map(|o| o.iter().map(String::as_str).collect());
    let hash = parts.assemble(
        &next,
        if keep_old { Some(path.as_path()) } else { None },
        &recoded,
        present,
        only_docs.as_ref(),
    )?;
    tx.commit(Some(hash.clone()))?;
    std::fs::rename(&next, &path).map_err(|e| Error::io(&path, e))?;
    crate::workflow::codings::remember_hash(&path, &hash);

    Ok(Outcome {
        codebooks: books
            .iter()
            .map(|b| format!("{}@{}", b.id, b.version))
            .collect(),
        documents: docs.len(),
        codings: total,
        updated_segments: updated,
        summary: summary.rows,
        hand_applied: hand_total - hand_not_applied.len(),
        hand_not_applied,
    })
}

/// One document's codings, its segments rewritten, and the hand codings
/// that could not be applied to it.
type Coded = (Vec<Coding>, usize, Vec<crate::human::NotApplied>);

/// The two fields of a codings line that say where it goes, read without
/// building the whole coding.
#[derive(serde::Deserialize)]
struct Head<'a> {
    #[serde(borrow)]
    codebook: std::borrow::Cow<'a, str>,
    #[serde(borrow)]
    doc: std::borrow::Cow<'a, str>,
}

/// This run's codings as JSON lines, one part file per codebook.
struct Parts {
    dir: std::path::PathBuf,
    files: BTreeMap<String, (std::path::PathBuf, std::io::BufWriter<std::fs::File>)>,
}

impl Parts {
    fn new(outputs: &std::path::Path) -> Parts {
        Parts {
            dir: outputs.to_path_buf(),
            files: BTreeMap::new(),
        }
    }

    fn write(&mut self, codings: &[Coding]) -> Result<()> {
        use std::io::Write;
        for c in codings {
            if !self.files.contains_key(&c.codebook) {
                let p = self.dir.join(format!(
                    ".codings-{}.part-{}",
                    &hex(&Sha256::digest(c.codebook.as_bytes()))[..12],
                    std::process::id()
                ));
                let f = std::fs::File::create(&p).map_err(|e| Error::io(&p, e))?;
                self.files
                    .insert(c.codebook.clone(), (p, std::io::BufWriter::new(f)));
            }
            let (p, w) = self.files.get_mut(&c.codebook).expect("inserted");
            serde_json::to_writer(&mut *w, c).expect("serialisable");
            w.write_all(b"\n").map_err(|e| Error::io(p.as_path(), e))?;
        }
        Ok(())
    }

    /// Writes the whole codings file to `target` (fsynced) and returns its
    /// hash; the part files are removed.
    fn assemble(
        mut self,
        target: &std::path::Path,
        old: Option<&std::path::Path>,
        recoded: &HashSet<&str>,
        present: Option<&HashSet<&str>>,
        only: Option<&HashSet<&str>>,
    ) -> Result<String> {
        let present = |doc: &str| present.is_none_or(|p| p.contains(doc));
        use std::io::{BufRead, Write};
        let io = |e| Error::io(target, e);
        let tmp = target.with_extension("next.tmp");
        let mut out = std::io::BufWriter::new(std::fs::File::create(&tmp).map_err(io)?);
        let mut hash = Sha256::new();
        let mut emit = |line: &[u8], out: &mut std::io::BufWriter<std::fs::File>| {
            hash.update(line);
            hash.update(b"\n");
            out.write_all(line).and_then(|_| out.write_all(b"\n"))
        };
        if let Some(only) = only {
            // Some documents re-coded (the desk): one pass over the old file
            // (sorted by codebook, then document), their new lines merged in
            // where their old ones were, every other line kept as it is.
            let mut new: Vec<(Coding, String)> = Vec::new();
            for (_, (p, mut w)) in std::mem::take(&mut self.files) {
                w.flush().map_err(|e| Error::io(p.as_path(), e))?;
                drop(w);
                let f = std::fs::File::open(&p).map_err(|e| Error::io(p.as_path(), e))?;
                for line in std::io::BufReader::new(f).lines() {
                    let line = line.map_err(|e| Error::io(p.as_path(), e))?;
                    if let Ok(c) = serde_json::from_str::<Coding>(&line) {
                        new.push((c, line));
                    }
                }
                let _ = std::fs::remove_file(&p);
            }
            new.sort_by(|a, b| sort_key(&a.0).cmp(&sort_key(&b.0)));
            let mut new = new.into_iter().peekable();
            if let Some(old) = old {
                let f = std::fs::File::open(old).map_err(|e| Error::io(old, e))?;
                for line in std::io::BufReader::new(f).lines() {
                    let line = line.map_err(|e| Error::io(old, e))?;
                    let Ok(h) = serde_json::from_str::<Head>(&line) else {
                        continue;
                    };
                    if !present(h.doc.as_ref())
                        || (recoded.contains(h.codebook.as_ref()) && only.contains(h.doc.as_ref()))
                    {
                        continue;
                    }
                    while let Some((n, l)) = new.peek() {
                        if (n.codebook.as_str(), n.doc.as_str())
                            < (h.codebook.as_ref(), h.doc.as_ref())
                        {
                            emit(l.as_bytes(), &mut out).map_err(io)?;
                            new.next();
                        } else {
                            break;
                        }
                    }
                    emit(line.as_bytes(), &mut out).map_err(io)?;
                }
            }
            for (_, l) in new {
                emit(l.as_bytes(), &mut out).map_err(io)?;
            }
            let f = out.into_inner().map_err(|e| io(e.into_error()))?;
            f.sync_all().map_err(io)?;
            std::fs::rename(&tmp, target).map_err(io)?;
            return Ok(hex(&hash.finalize()));
        }
        // Codebooks whose old lines stay.
        let mut kept: BTreeSet<String> = BTreeSet::new();
        if let Some(old) = old {
            let f = std::fs::File::open(old).map_err(|e| Error::io(old, e))?;
            for line in std::io::BufReader::new(f).lines() {
                let line = line.map_err(|e| Error::io(old, e))?;
                if let Ok(h) = serde_json::from_str::<Head>(&line)
                    && !recoded.contains(h.codebook.as_ref())
                {
                    kept.insert(h.codebook.into_owned());
                }
            }
        }
        let mut books: BTreeSet<String> = self.files.keys().cloned().collect();
        books.extend(kept.iter().cloned());
        for book in &books {
            if let Some((p, mut w)) = self.files.remove(book) {
                w.flush().map_err(|e| Error::io(p.as_path(), e))?;
                drop(w);
                let f = std::fs::File::open(&p).map_err(|e| Error::io(p.as_path(), e))?;
                for line in std::io::BufReader::new(f).lines() {
                    let line = line.map_err(|e| Error::io(p.as_path(), e))?;
                    emit(line.as_bytes(), &mut out).map_err(io)?;
                }
                let _ = std::fs::remove_file(&p);
            } else if let Some(old) = old {
                let f = std::fs::File::open(old).map_err(|e| Error::io(old, e))?;
                for line in std::io::BufReader::new(f).lines() {
                    let line = line.map_err(|e| Error::io(old, e))?;
                    if let Ok(h) = serde_json::from_str::<Head>(&line)
                        && h.codebook == book.as_str()
                        && present(h.doc.as_ref())
                    {
                        emit(line.as_bytes(), &mut out).map_err(io)?;
                    }
                }
            }
        }
        let f = out.into_inner().map_err(|e| io(e.into_error()))?;
        f.sync_all().map_err(io)?;
        std::fs::rename(&tmp, target).map_err(io)?;
        Ok(hex(&hash.finalize()))
    }
}

impl Drop for Parts {
    fn drop(&mut self) {
        for (p, _) in self.files.values() {
            let _ = std::fs::remove_file(p);
        }
    }
}

/// Per-code counts accumulated document by document (a segment belongs to one
/// document, so per-document distinct counts add up).
struct Summary {
    rows: Vec<CodeSummary>,
    index: HashMap<(String, String), usize>,
}

impl Summary {
    fn new(books: &[Codebook]) -> Summary {
        let mut rows = Vec::new();
        let mut index = HashMap::new();
        for book in books {
            for code in &book.codes {
                index.insert((book.id.clone(), code.id.clone()), rows.len());
                rows.push(CodeSummary {
                    codebook: book.id.clone(),
                    code: code.id.clone(),
                    name: code.name.clone(),
                    segments: 0,
                    documents: 0,
                    segments_with_children: 0,
                    documents_with_children: 0,
                });
            }
        }
        Summary { rows, index }
    }

    fn add_document(&mut self, codings: &[Coding]) {
        let mut direct: HashSet<(usize, &str)> = HashSet::new();
        let mut all: HashSet<(usize, &str)> = HashSet::new();
        for c in codings {
            let mut code = c.code.as_str();
            let mut first = true;
            loop {
                if let Some(&i) = self.index.get(&(c.codebook.clone(), code.to_string())) {
                    if first {
                        direct.insert((i, c.segment.as_str()));
                    }
                    all.insert((i, c.segment.as_str()));
                }
                first = false;
                match code.rsplit_once('/') {
                    Some((parent, _)) => code = parent,
                    None => break,
                }
            }
        }
        let mut docs_direct = HashSet::new();
        let mut docs_all = HashSet::new();
        for (i, _) in &direct {
            self.rows[*i].segments += 1;
            docs_direct.insert(*i);
        }
        for (i, _) in &all {
            self.rows[*i].segments_with_children += 1;
            docs_all.insert(*i);
        }
        for i in docs_direct {
            self.rows[i].documents += 1;
        }
        for i in docs_all {
            self.rows[i].documents_with_children += 1;
        }
    }
}

fn sort_key(
    c: &Coding,
) -> (
    &str,
    &str,
    crate::segment::SegmentKind,
    u64,
    &str,
    Option<&str>,
) {
    let ordinal = c
        .segment
        .rsplit('#')
        .next()
        .and_then(|s| s.get(1..))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    (
        &c.codebook,
        &c.doc,
        c.unit,
        ordinal,
        &c.code,
        c.by.as_deref(),
    )
}
