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
    if !next.exists() {
        return Ok(());
    }
    let committed = store.codings_commit()?;
    if committed.is_some() && crate::workflow::codings::is_committed(&next, committed.as_ref())? {
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
    if keep_old && !crate::workflow::codings::is_committed(&path, store.codings_commit()?.as_ref())?
    {
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
    let stamp = std::fs::metadata(&next)
        .map(|m| crate::workflow::codings::file_stamp(&m))
        .map_err(|e| Error::io(&next, e))?;
    tx.commit(Some(crate::index::CodingsCommit {
        hash: hash.clone(),
        stamp: Some(stamp),
    }))?;
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
        if let Some(only) = only {
            // Some documents re-coded (the desk): their new lines, by
            // (codebook, document), replace their old ones; every other
            // byte of the old file is copied as it is.
            let mut new: BTreeMap<(String, String), Vec<(Coding, String)>> = BTreeMap::new();
            for (_, (p, mut w)) in std::mem::take(&mut self.files) {
                w.flush().map_err(|e| Error::io(p.as_path(), e))?;
                drop(w);
                let f = std::fs::File::open(&p).map_err(|e| Error::io(p.as_path(), e))?;
                for line in std::io::BufReader::new(f).lines() {
                    let line = line.map_err(|e| Error::io(p.as_path(), e))?;
                    if let Ok(c) = serde_json::from_str::<Coding>(&line) {
                        new.entry((c.codebook.clone(), c.doc.clone()))
                            .or_default()
                            .push((c, line));
                    }
                }
                let _ = std::fs::remove_file(&p);
            }
            // Every re-coded (codebook, document) is replaced, those that
            // lost all their codings too.
            let mut blocks: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
            for book in recoded {
                for doc in only {
                    blocks.insert((book.to_string(), doc.to_string()), Vec::new());
                }
            }
            for (key, mut lines) in new {
                lines.sort_by(|a, b| sort_key(&a.0).cmp(&sort_key(&b.0)));
                blocks.insert(key, lines.into_iter().map(|(_, l)| l).collect());
            }
            let hash = splice(old, &tmp, &blocks)?;
            std::fs::rename(&tmp, target).map_err(io)?;
            return Ok(hash);
        }
        let mut out = std::io::BufWriter::new(std::fs::File::create(&tmp).map_err(io)?);
        let mut hash = Sha256::new();
        let mut emit = |line: &[u8], out: &mut std::io::BufWriter<std::fs::File>| {
            hash.update(line);
            hash.update(b"\n");
            out.write_all(line).and_then(|_| out.write_all(b"\n"))
        };
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

/// Writes `old` to `target` (fsynced) with the lines of each (codebook,
/// document) of `blocks` replaced by the block's lines, and returns the new
/// file's hash. `old` is sorted by (codebook, document), so each block's old
/// lines are one run of bytes, found by binary search; everything between is
/// copied without being parsed. What keeps a hand coding at 10,000
/// documents well under a second: only the hash and the copy touch every
/// byte.
fn splice(
    old: Option<&std::path::Path>,
    target: &std::path::Path,
    blocks: &BTreeMap<(String, String), Vec<String>>,
) -> Result<String> {
    use std::io::Write;
    let io = |e| Error::io(target, e);
    let mut out =
        std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(target).map_err(io)?);
    let mut hash = Sha256::new();
    let mut sorted = match old {
        Some(old) => Some(SortedLines::open(old)?),
        None => None,
    };
    let mut copied = 0u64;
    for ((book, doc), lines) in blocks {
        if let Some(sorted) = sorted.as_mut() {
            let key = (book.as_str(), doc.as_str());
            let start = sorted.first_at_least(copied, |h| h >= key)?;
            let end = sorted.first_at_least(start, |h| h > key)?;
            sorted.copy(copied, start, &mut out, &mut hash, target)?;
            copied = end;
        }
        for line in lines {
            hash.update(line.as_bytes());
            hash.update(b"\n");
            out.write_all(line.as_bytes()).map_err(io)?;
            out.write_all(b"\n").map_err(io)?;
        }
    }
    if let Some(sorted) = sorted.as_mut() {
        let len = sorted.len;
        sorted.copy(copied, len, &mut out, &mut hash, target)?;
    }
    let f = out.into_inner().map_err(|e| io(e.into_error()))?;
    f.sync_all().map_err(io)?;
    Ok(hex(&hash.finalize()))
}

/// A codings file sorted by (codebook, document), read at byte offsets.
struct SortedLines<'a> {
    path: &'a std::path::Path,
    file: std::fs::File,
    len: u64,
}

impl<'a> SortedLines<'a> {
    fn open(path: &'a std::path::Path) -> Result<SortedLines<'a>> {
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        let len = file.metadata().map_err(|e| Error::io(path, e))?.len();
        Ok(SortedLines { path, file, len })
    }

    /// The line that starts at `at` (a line start): its bytes without the
    /// newline, and where the next line starts.
    fn line(&self, at: u64) -> Result<(Vec<u8>, u64)> {
        use std::os::unix::fs::FileExt;
        let mut line = Vec::new();
        let mut block = [0u8; 4096];
        let mut pos = at;
        while pos < self.len {
            let n = self
                .file
                .read_at(&mut block, pos)
                .map_err(|e| Error::io(self.path, e))?;
            if n == 0 {
                break;
            }
            if let Some(i) = block[..n].iter().position(|&b| b == b'\n') {
                line.extend_from_slice(&block[..i]);
                return Ok((line, pos + i as u64 + 1));
            }
            line.extend_from_slice(&block[..n]);
            pos += n as u64;
        }
        Ok((line, self.len))
    }

    /// The first line start at or after `at`.
    fn line_start_from(&self, at: u64) -> Result<u64> {
        if at == 0 {
            return Ok(0);
        }
        // The line that holds byte `at - 1` ends at or after `at`.
        Ok(self.line(at - 1)?.1)
    }

    /// The (codebook, document) of the line starting at `at`.
    fn head_at(&self, at: u64) -> Result<((String, String), u64)> {
        let (line, next) = self.line(at)?;
        let head: Head = serde_json::from_slice(&line).map_err(|e| {
            Error::Outdated(format!(
                "{}: byte {at}: not a coding ({e}): run `pipeline code` without arguments",
                self.path.display()
            ))
        })?;
        Ok(((head.codebook.into_owned(), head.doc.into_owned()), next))
    }

    /// The start of the first line at or after `from` (a line start) whose
    /// (codebook, document) satisfies `pred` (false for a prefix of the
    /// lines, true for the rest), or the file's length.
    fn first_at_least(&self, from: u64, pred: impl Fn((&str, &str)) -> bool) -> Result<u64> {
        // Every line starting before `lo` fails; the answer is a line start
        // in [lo, hi].
        let (mut lo, mut hi) = (from, self.len);
        while hi - lo > 8192 {
            let mid = self.line_start_from(lo + (hi - lo) / 2)?;
            if mid >= hi {
                break;
            }
            let ((book, doc), next) = self.head_at(mid)?;
            if pred((&book, &doc)) {
                hi = mid;
            } else {
                lo = next;
            }
        }
        while lo < hi {
            let ((book, doc), next) = self.head_at(lo)?;
            if pred((&book, &doc)) {
                return Ok(lo);
            }
            lo = next;
        }
        Ok(hi)
    }

    /// Copies bytes `from..to` to `out`, hashing them.
    fn copy(
        &mut self,
        from: u64,
        to: u64,
        out: &mut impl std::io::Write,
        hash: &mut Sha256,
        target: &std::path::Path,
    ) -> Result<()> {
        use std::os::unix::fs::FileExt;
        let mut block = vec![0u8; 1 << 20];
        let mut pos = from;
        while pos < to {
            let want = ((to - pos) as usize).min(block.len());
            let n = self
                .file
                .read_at(&mut block[..want], pos)
                .map_err(|e| Error::io(self.path, e))?;
            if n == 0 {
                return Err(Error::Outdated(format!(
                    "{} shrank while it was copied",
                    self.path.display()
                )));
            }
            hash.update(&block[..n]);
            out.write_all(&block[..n])
                .map_err(|e| Error::io(target, e))?;
            pos += n as u64;
        }
        Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn line(book: &str, doc: &str, n: usize) -> String {
        format!(
            r#"{{"codebook":"{book}","doc":"{doc}","n":{n},"pad":"{}"}}"#,
            "x".repeat(n % 37)
        )
    }

    /// The splice against the obvious rewrite, on a file long enough for
    /// the binary search (blocks first, last, absent, emptied, between).
    #[test]
    fn splice_replaces_exactly_the_blocks_it_is_given() {
        let dir = tempfile::tempdir().unwrap();
        let mut old = Vec::new();
        for book in ["a", "b"] {
            for d in 0..300 {
                for n in 0..(d % 4) {
                    old.push((
                        (book.to_string(), format!("doc{d:03}")),
                        line(book, &format!("doc{d:03}"), n),
                    ));
                }
            }
        }
        let old_path = dir.path().join("old");
        let text: String = old.iter().map(|(_, l)| format!("{l}\n")).collect();
        std::fs::write(&old_path, &text).unwrap();
        assert!(text.len() > 8192 * 4, "long enough to be searched");
        let mut blocks: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
        for (book, doc, lines) in [
            ("a", "doc001", 2), // the first lines of the file
            ("a", "doc100", 0), // (absent before: none)
            ("a", "doc101", 0), // its one line removed
            ("a", "doc150", 3), // absent before: inserted
            ("b", "doc000", 1), // between the two codebooks
            ("b", "doc203", 5), // replaced
            ("b", "doc299", 2), // the last lines of the file
            ("c", "doc000", 1), // after everything
        ] {
            let new: Vec<String> = (0..lines).map(|n| line(book, doc, 100 + n)).collect();
            blocks.insert((book.into(), doc.into()), new);
        }
        let out = dir.path().join("out");
        let hash = splice(Some(&old_path), &out, &blocks).unwrap();
        // The obvious way: every line, sorted by key, blocks replacing.
        let mut expected: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
        for (key, l) in &old {
            expected.entry(key.clone()).or_default().push(l.clone());
        }
        for (key, lines) in &blocks {
            expected.insert(key.clone(), lines.clone());
        }
        let expected: String = expected
            .values()
            .flatten()
            .map(|l| format!("{l}\n"))
            .collect();
        let got = std::fs::read_to_string(&out).unwrap();
        assert_eq!(got, expected);
        assert_eq!(hash, hex(&Sha256::digest(expected.as_bytes())));
        // No old file: the blocks alone.
        let fresh = splice(None, &out, &blocks).unwrap();
        let alone: String = blocks
            .values()
            .flatten()
            .map(|l| format!("{l}\n"))
            .collect();
        assert_eq!(std::fs::read_to_string(&out).unwrap(), alone);
        assert_eq!(fresh, hex(&Sha256::digest(alone.as_bytes())));
    }
}
