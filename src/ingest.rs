//! The ingest stage: discover → extract (isolated) → segment → index, incrementally.
//!
//! Incremental by content: a file whose SHA-256 and metadata row are unchanged
//! since the last commit and that was ingested successfully is skipped; a changed
//! one is replaced; a file that disappeared is removed; a file that failed before
//! is tried again. Everything of one run lands in one index commit together
//! with the file records (the manifest), so a crash at any moment leaves the
//! previous consistent state. Per-file failures are data: a record with a reason.

use crate::discover::{self, Candidate};
use crate::error::{Error, Result};
use crate::extract::{ExtractError, Format, Limits};
use crate::index::{IndexStore, Transaction};
use crate::isolate::{Extractor, Mode};
use crate::lock::ProjectLock;
use crate::manifest::{Counts, FileRecord, Manifest, Status};
use crate::metadata::{self, Metadata};
use crate::project::{Project, stage_with};
use crate::segment::{self, SegmentKind, Settings};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// How to ingest.
#[derive(Debug, Clone)]
pub struct Options {
    /// Rebuild from scratch.
    pub force: bool,
    /// Limit to these files or folders (relative to the corpus); empty: all.
    pub only: Vec<PathBuf>,
    /// Parallel workers.
    pub jobs: usize,
    /// Per-file limits.
    pub limits: Limits,
    /// Where extraction runs.
    pub mode: Mode,
}

/// What changed for one file in this run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    /// Not in the index before.
    New,
    /// Content or metadata changed (or failed before).
    Changed,
    /// Skipped: same content, same metadata.
    Unchanged,
}

/// The summary of a run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    /// Files indexed for the first time.
    pub new: usize,
    /// Files re-indexed.
    pub changed: usize,
    /// Files skipped as unchanged.
    pub unchanged: usize,
    /// Files removed from the index.
    pub removed: usize,
    /// Files that failed (including unsupported formats).
    pub failed: usize,
    /// Segments (turns + paragraphs + sentences) in the index after the run.
    pub segments: u64,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// `(path, reason)` of every failure, sorted by path.
    pub failures: Vec<(String, String)>,
    /// `(path, warning)` of files ingested with warnings.
    pub warnings: Vec<(String, String)>,
    /// Things about the run as a whole (an index rebuilt, metadata rows unmatched).
    pub notes: Vec<String>,
}

/// Progress callback: (files done, files total, current path).
pub type Progress<'a> = &'a (dyn Fn(usize, usize, &str) + Sync);

/// Runs ingest on `project`.
pub fn run(project: &Project, options: &Options, progress: Progress) -> Result<Report> {
    let started = Instant::now();
    // Checked before anything is created: outside a project, nothing is left behind.
    if !project.corpus.is_dir() {
        return Err(Error::io(
            &project.corpus,
            std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "no corpus folder: run pipeline in a project folder (with corpus/, codebooks/, outputs/) or give --corpus DIR",
            ),
        ));
    }
    let _lock = ProjectLock::acquire(&project.outputs)?;
    let index_dir = project.index_dir();
    crate::index::recover(&index_dir)?;
    let meta = Metadata::load(&project.metadata_path())?;

    let mut report = Report::default();
    let opened = if options.force || !IndexStore::exists(&index_dir) {
        None
    } else {
        match IndexStore::open(&index_dir) {
            Ok(store) => Some(store),
            Err(Error::BadIndex { reason, .. }) => {
                report
                    .notes
                    .push(format!("the index was rebuilt from scratch: {reason}"));
                None
            }
            Err(e) => return Err(e),
        }
    };
    let rebuild = opened.is_none();
    let store = match opened {
        Some(store) => store,
        None => IndexStore::create_staged(&index_dir)?,
    };
    let previous: HashMap<String, FileRecord> = if rebuild {
        HashMap::new()
    } else {
        store
            .file_records()?
            .into_iter()
            .map(|r| (r.path.clone(), r))
            .collect()
    };

    let found = discover::discover(&project.corpus, &options.only)
        .map_err(|e| Error::io(&project.corpus, e))?;
    let tx = store.begin(options.jobs.min(4))?;

    // Files that vanished (within the scope of this run).
    let scope: Vec<String> = options
        .only
        .iter()
        .map(|p| {
            p.strip_prefix(&project.corpus)
                .unwrap_or(p)
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    let in_scope = |path: &str| {
        scope.is_empty()
            || scope
                .iter()
                .any(|s| path == s || path.starts_with(&format!("{}/", s.trim_end_matches('/'))))
    };
    let present: HashSet<&str> = found
        .files
        .iter()
        .map(|c| c.rel.as_str())
        .chain(found.problems.iter().map(|p| p.rel.as_str()))
        .collect();
    let mut records: HashMap<String, FileRecord> = previous.clone();
    for path in previous.keys() {
        if in_scope(path) && !present.contains(path.as_str()) {
            tx.delete_doc(path)?;
            records.remove(path);
            report.removed += 1;
        }
    }

    // Entries that are not usable files are failures with a reason.
    for problem in &found.problems {
        forget(&tx, &previous, &problem.rel)?;
        let record = failed_record(
            &problem.rel,
            String::new(),
            String::new(),
            0,
            Format::of(problem.rel.as_ref()),
            problem.reason.clone(),
        );
        tx.add_file(&record, None)?;
        records.insert(problem.rel.clone(), record);
    }

    // Extract, segment and index in parallel.
    let total = found.files.len();
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let outcomes: Mutex<Vec<(FileRecord, Change)>> = Mutex::new(Vec::with_capacity(total));
    let first_error: Mutex<Option<Error>> = Mutex::new(None);
    let workers = options.jobs.max(1).min(total.max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                let mut extractor = Extractor::new(options.mode.clone());
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(candidate) = found.files.get(i) else {
                        break;
                    };
                    progress(done.load(Ordering::SeqCst), total, &candidate.rel);
                    let result = process(candidate, &previous, &meta, &tx, &mut extractor, options);
                    match result {
                        Ok(outcome) => outcomes.lock().expect("not poisoned").push(outcome),
                        Err(e) => {
                            first_error.lock().expect("not poisoned").get_or_insert(e);
                        }
                    }
                    let d = done.fetch_add(1, Ordering::SeqCst) + 1;
                    progress(d, total, &candidate.rel);
                }
            });
        }
    });
    if let Some(e) = first_error.into_inner().expect("not poisoned") {
        return Err(e);
    }
    for (record, change) in outcomes.into_inner().expect("not poisoned") {
        match change {
            Change::New => report.new += 1,
            Change::Changed => report.changed += 1,
            Change::Unchanged => report.unchanged += 1,
        }
        records.insert(record.path.clone(), record);
    }

    let manifest = Manifest::new(records.into_values().collect());
    for r in &manifest.files {
        match r.status {
            Status::Ok => report.segments += r.segments.total() as u64,
            Status::Failed => {
                report.failed += 1;
                report
                    .failures
                    .push((r.path.clone(), r.reason.clone().unwrap_or_default()));
            }
        }
        for w in &r.warnings {
            report.warnings.push((r.path.clone(), w.clone()));
        }
    }
    let paths: Vec<&str> = manifest.files.iter().map(|r| r.path.as_str()).collect();
    for row in meta.unmatched(&paths) {
        report.notes.push(format!(
            "metadata.csv lists {row}, which is not in the corpus"
        ));
    }
    // The manifest is written out before the commit (a full disk fails here,
    // with the previous state intact) and renamed into place after it; the
    // index's file records are the truth, and a run that dies in between
    // rewrites the manifest next time.
    let staged = stage_with(&project.manifest_path(), |w| {
        serde_json::to_writer_pretty(w, &manifest).map_err(std::io::Error::other)
    })?;
    drop(manifest);
    tx.commit(None)?;
    if rebuild {
        store.swap_into(&index_dir)?;
    }
    staged.publish()?;
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// Deletes what the index holds of `rel` before it is written again. The
/// index holds documents only for paths in its file records (`previous`): a
/// new path has nothing to delete, and 100,000 needless deletes queued on a
/// rebuild cost memory until the commit and a lookup in every segment.
fn forget(tx: &Transaction, previous: &HashMap<String, FileRecord>, rel: &str) -> Result<()> {
    if previous.contains_key(rel) {
        tx.delete_doc(rel)?;
    }
    Ok(())
}

fn failed_record(
    path: &str,
    hash: String,
    meta_hash: String,
    size: u64,
    format: Format,
    reason: String,
) -> FileRecord {
    FileRecord {
        path: path.to_string(),
        hash,
        meta_hash,
        size,
        format,
        status: Status::Failed,
        reason: Some(reason),
        segments: Counts::default(),
        pages: None,
        encoding: None,
        warnings: Vec::new(),
        parts: Vec::new(),
    }
}

/// Ingests one file; returns its record and what changed. Errors are fatal
/// index errors only; anything wrong with the file itself is a failed record.
fn process(
    candidate: &Candidate,
    previous: &HashMap<String, FileRecord>,
    meta: &Metadata,
    tx: &Transaction,
    extractor: &mut Extractor,
    options: &Options,
) -> Result<(FileRecord, Change)> {
    let rel = candidate.rel.as_str();
    let format = Format::of(&candidate.path);
    let attrs = meta.get(rel);
    let attrs = attrs.as_ref();
    let meta_hash = metadata::attributes_hash(attrs);
    let (hash, size) = match hash_file(&candidate.path, options.limits.max_file_bytes) {
        Ok(x) => x,
        Err(reason) => {
            let record = failed_record(rel, String::new(), meta_hash, 0, format, reason);
            forget(tx, previous, rel)?;
            tx.add_file(&record, None)?;
            return Ok((
                record,
                if previous.contains_key(rel) {
                    Change::Changed
                } else {
                    Change::New
                },
            ));
        }
    };
    let change = match previous.get(rel) {
        Some(p) if p.hash == hash && p.meta_hash == meta_hash && p.status == Status::Ok => {
            return Ok((p.clone(), Change::Unchanged));
        }
        Some(_) => Change::Changed,
        None => Change::New,
    };
    forget(tx, previous, rel)?;
    let extracted = if size > options.limits.max_file_bytes {
        Err(ExtractError::TooLarge(format!(
            "{size} bytes, limit {} bytes",
            options.limits.max_file_bytes
        )))
    } else {
        extractor.extract(&candidate.path, format, &options.limits)
    };
    let extracted = match extracted {
        Ok(x) => x,
        Err(e) => {
            let record = failed_record(rel, hash, meta_hash, size, format, e.to_string());
            tx.add_file(&record, None)?;
            return Ok((record, change));
        }
    };
    let settings = Settings {
        interviewers: metadata::interviewers(attrs),
    };
    let segmented = segment::segment(rel, &extracted, &settings);
    let mut counts = Counts::default();
    for seg in &segmented.segments {
        match seg.kind {
            SegmentKind::Turn => counts.turns += 1,
            SegmentKind::Paragraph => counts.paragraphs += 1,
            SegmentKind::Sentence => counts.sentences += 1,
        }
        tx.add_segment(rel, seg, attrs)?;
    }
    let record = FileRecord {
        path: rel.to_string(),
        hash,
        meta_hash,
        size,
        format,
        status: Status::Ok,
        reason: None,
        segments: counts,
        pages: extracted.pages,
        encoding: extracted.encoding.clone(),
        warnings: extracted.warnings.clone(),
        parts: extracted.parts.clone(),
    };
    tx.add_file(&record, Some(&segmented.text))?;
    Ok((record, change))
}

/// SHA-256 (hex) and size of a file, read in a stream.
fn hash_file(path: &std::path::Path, max_bytes: u64) -> std::result::Result<(String, u64), String> {
    use std::io::Read;
    let mut file = std::fs::File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut size = 0u64;
    loop {
        let n = file
            .read(&mut buf)
            .map_err(|e| format!("cannot read: {e}"))?;
        if n == 0 {
            break;
        }
        size += n as u64;
        hasher.update(&buf[..n]);
        if size > max_bytes.saturating_mul(4) {
            // Far beyond the limit: stop reading; the size check reports it.
            break;
        }
    }
    Ok((metadata::hex(&hasher.finalize()), size))
}
