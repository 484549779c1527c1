//! Codebooks and codings as the other workflows need them: loaded together,
//! and never stale (`outputs/codings.jsonl` must match the index, or
//! everything built from it would describe documents that changed).

use crate::code::Coding;
use crate::codebook::{self, Codebook};
use crate::error::{Error, Result};
use crate::index::{IndexStore, StoredSegment};
use crate::metadata::Metadata;
use crate::project::Project;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

/// Every codebook of the project's folder, validated together.
pub fn codebooks(project: &Project) -> Result<Vec<Codebook>> {
    codebook::load_dir(&project.codebooks)
        .map_err(|problems| Error::Codebooks(problems.iter().map(ToString::to_string).collect()))
}

/// Every codebook of the folder, or those named by id or path.
pub fn select_codebooks(
    project: &Project,
    names: &[String],
) -> std::result::Result<Vec<Codebook>, Vec<codebook::Diagnostic>> {
    let all = codebook::load_dir(&project.codebooks)?;
    if names.is_empty() {
        return Ok(all);
    }
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for name in names {
        let path = PathBuf::from(name);
        if let Some(b) = all.iter().find(|b| &b.id == name || b.path == path) {
            out.push(b.clone());
        } else if path.extension().is_some_and(|e| e == "toml") && path.exists() {
            match codebook::load(&path) {
                Ok(b) => out.push(b),
                Err(mut d) => problems.append(&mut d),
            }
        } else {
            let ids: Vec<&str> = all.iter().map(|b| b.id.as_str()).collect();
            let hint = codebook::closest(name, &ids)
                .map(|c| format!(" (did you mean `{c}`?)"))
                .unwrap_or_default();
            problems.push(codebook::Diagnostic {
                path,
                line: 0,
                column: 0,
                message: format!(
                    "no codebook `{name}` in {}{hint}",
                    project.codebooks.display()
                ),
            });
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// What identifies one written file on disk: inode, length and modification
/// time to the nanosecond. A rename keeps it; a rewrite (our writers write
/// a new file and rename it) or a copy changes it. Recorded in the index
/// commit with the codings file's hash, so that a reader learns that the
/// file is the one committed without hashing it (seconds at 100,000
/// documents); a file that was copied or restored is hashed instead.
pub fn file_stamp(meta: &std::fs::Metadata) -> String {
    use std::os::unix::fs::MetadataExt;
    format!(
        "{}-{}-{}.{:09}",
        meta.ino(),
        meta.len(),
        meta.mtime(),
        meta.mtime_nsec()
    )
}

type HashKey = (u64, u64, u64, i64, i64);

static HASHES: std::sync::Mutex<Vec<(std::path::PathBuf, HashKey, String)>> =
    std::sync::Mutex::new(Vec::new());

fn hash_key(meta: &std::fs::Metadata) -> HashKey {
    use std::os::unix::fs::MetadataExt;
    (
        meta.dev(),
        meta.ino(),
        meta.len(),
        meta.mtime(),
        meta.mtime_nsec(),
    )
}

/// Remembers the hash of a file this process has just written (a `code`
/// run knows it from writing it), so that no reader of this process reads
/// it again to learn it.
pub(crate) fn remember_hash(path: &std::path::Path, hash: &str) {
    if let Ok(meta) = std::fs::metadata(path) {
        let mut hashes = HASHES.lock().expect("hashes");
        hashes.retain(|(p, _, _)| p != path);
        hashes.push((path.to_path_buf(), hash_key(&meta), hash.to_string()));
    }
}

/// SHA-256 of a file, read in blocks (memory stays flat however large it
/// is), remembered per (device, inode, length, mtime): the codings file is
/// only ever replaced by a rename (a new inode), so a reader that asks
/// again — every page of the desk — does not hash it again. `None` when
/// the file does not exist.
pub(crate) fn file_hash(path: &std::path::Path) -> Result<Option<String>> {
    use sha2::Digest;
    use std::io::Read;
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io(path, e)),
    };
    let meta = file.metadata().map_err(|e| Error::io(path, e))?;
    let key = hash_key(&meta);
    if let Some((_, _, h)) = HASHES
        .lock()
        .expect("hashes")
        .iter()
        .find(|(p, k, _)| p == path && *k == key)
    {
        return Ok(Some(h.clone()));
    }
    let mut hasher = sha2::Sha256::new();
    let mut block = vec![0u8; 1 << 20];
    loop {
        match file.read(&mut block) {
            Ok(0) => break,
            Ok(n) => hasher.update(&block[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(Error::io(path, e)),
        }
    }
    let hash = crate::metadata::hex(&hasher.finalize());
    let mut hashes = HASHES.lock().expect("hashes");
    hashes.retain(|(p, _, _)| p != path);
    hashes.push((path.to_path_buf(), key, hash.clone()));
    Ok(Some(hash))
}

/// Whether the file at `path` is the codings file of `commit`: by its stamp
/// when the commit recorded one and the file still has it, else by its
/// hash. `commit` `None` (nothing coded) matches a missing file only.
pub(crate) fn is_committed(
    path: &std::path::Path,
    commit: Option<&crate::index::CodingsCommit>,
) -> Result<bool> {
    if let Some(stamp) = commit.and_then(|c| c.stamp.as_deref())
        && std::fs::metadata(path).is_ok_and(|m| file_stamp(&m) == stamp)
    {
        return Ok(true);
    }
    Ok(file_hash(path)? == commit.map(|c| c.hash.clone()))
}

/// The codings file that matches the index's last commit: `codings.jsonl`,
/// or — between a `code` run's commit and its rename, or after a run that
/// died there — the `codings.jsonl.next` that commit recorded. Readers
/// never move or delete files (a writer may be mid-run: that is the
/// writer's to finish, or the next writer's to recover). `Ok(None)`: nothing
/// coded and nothing expected.
fn fresh_codings_file(project: &Project, store: &IndexStore) -> Result<Option<std::path::PathBuf>> {
    let committed = store.codings_commit()?;
    let path = project.outputs.join("codings.jsonl");
    if is_committed(&path, committed.as_ref())? {
        return Ok(committed.map(|_| path));
    }
    let next = project.outputs.join("codings.jsonl.next");
    if committed.is_some() && is_committed(&next, committed.as_ref())? {
        return Ok(Some(next));
    }
    Err(Error::Outdated(format!(
        "{} does not match the index (documents were ingested since `pipeline code`, or it was interrupted): run `pipeline code` first",
        path.display()
    )))
}

/// Calls `each` with every line of the codings file that matches the
/// index's last commit, read in blocks (for counts over a large project,
/// where [`codings`] would hold every coding at once). The file is checked
/// once opened — a rename into place after the check leaves the opened file
/// as it was — and refused when it is not the one committed. A line `each`
/// refuses is an error naming the file and the line. `Ok(false)`: nothing
/// coded.
pub(crate) fn for_each_committed_line(
    project: &Project,
    store: &IndexStore,
    mut each: impl FnMut(&str) -> std::result::Result<(), String>,
) -> Result<bool> {
    use std::io::{BufRead, Seek};
    let commit = store.codings_commit()?;
    let mut attempts = 0;
    let (path, mut file) = loop {
        let Some(path) = fresh_codings_file(project, store)? else {
            return Ok(false);
        };
        match std::fs::File::open(&path) {
            Ok(f) => break (path, f),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && attempts < 3 => attempts += 1,
            Err(e) => return Err(Error::io(&path, e)),
        }
    };
    let meta = file.metadata().map_err(|e| Error::io(&path, e))?;
    let stamped = commit
        .as_ref()
        .and_then(|c| c.stamp.as_deref())
        .is_some_and(|s| s == file_stamp(&meta));
    if !stamped {
        // No stamp to trust (a copied project): hash what was opened.
        use sha2::Digest;
        let mut hasher = sha2::Sha256::new();
        std::io::copy(&mut file, &mut hasher).map_err(|e| Error::io(&path, e))?;
        if Some(crate::metadata::hex(&hasher.finalize())) != commit.map(|c| c.hash) {
            return Err(Error::Outdated(format!(
                "{} changed while it was read (a `pipeline code` finished): run the command again",
                path.display()
            )));
        }
        file.rewind().map_err(|e| Error::io(&path, e))?;
    }
    let mut reader = std::io::BufReader::with_capacity(1 << 20, file);
    let mut line = String::new();
    for number in 1.. {
        line.clear();
        let n = reader
            .read_line(&mut line)
            .map_err(|e| Error::io(&path, e))?;
        if n == 0 {
            break;
        }
        each(line.trim_end_matches('\n')).map_err(|reason| Error::Csv {
            path: path.clone(),
            reason: format!("line {number}: {reason}"),
        })?;
    }
    Ok(true)
}

/// Refuses ([`Error::Outdated`]) when outputs/codings.jsonl and the index's
/// codings are out of step: documents ingested since `pipeline code`, a
/// forced rebuild, or an interrupted `code`. Nothing coded at all is in step.
/// Reads only: safe beside a running writer.
pub fn ensure_fresh(project: &Project, store: &IndexStore) -> Result<()> {
    fresh_codings_file(project, store).map(|_| ())
}

/// The codings of `books` from outputs/codings.jsonl (`None` when there is no
/// such file), refused when they do not match the index.
pub fn codings(
    project: &Project,
    store: &IndexStore,
    books: &[Codebook],
) -> Result<Option<Vec<Coding>>> {
    // Read as the committed file it was checked to be (a writer that
    // renames a new one into place meanwhile changes nothing read).
    let ids: std::collections::HashSet<&str> = books.iter().map(|b| b.id.as_str()).collect();
    let mut codings = Vec::new();
    let coded = for_each_committed_line(project, store, |line| {
        let c: Coding = serde_json::from_str(line).map_err(|e| format!("not a coding: {e}"))?;
        if ids.contains(c.codebook.as_str()) {
            codings.push(c);
        }
        Ok(())
    })?;
    if !coded {
        return Ok(None);
    }
    Ok(Some(codings))
}

/// Codings, segments and attributes for statistics and matrices.
pub struct Loaded {
    /// Codebooks.
    pub books: Vec<Codebook>,
    /// Codings of those codebooks.
    pub codings: Vec<Coding>,
    /// Segments of coded documents.
    pub segments: HashMap<String, StoredSegment>,
    /// Attributes of every ingested document.
    pub attrs: HashMap<String, BTreeMap<String, String>>,
    /// Ingested documents.
    pub documents: usize,
}

impl Loaded {
    /// The pure view the statistics work on.
    pub fn coded(&self) -> crate::stats::Coded<'_> {
        crate::stats::Coded {
            books: &self.books,
            codings: &self.codings,
            segments: &self.segments,
            documents: self.documents,
            attrs: &self.attrs,
        }
    }
}

/// Reads codebooks, fresh codings, the coded segments and metadata.csv.
pub fn load_coded(project: &Project) -> Result<Loaded> {
    let books = codebooks(project)?;
    let store = IndexStore::open(&project.index_dir())?;
    let codings = codings(project, &store, &books)?.ok_or_else(|| {
        Error::Outdated(format!(
            "no codings at {}: run `pipeline code` first",
            project.outputs.join("codings.jsonl").display()
        ))
    })?;
    let docs: Vec<String> = store.ingested_docs()?;
    let meta = Metadata::load(&project.metadata_path())?;
    let attrs = docs
        .iter()
        .map(|d| (d.clone(), meta.get(d).unwrap_or_default()))
        .collect();
    let coded_docs: std::collections::BTreeSet<&str> =
        codings.iter().map(|c| c.doc.as_str()).collect();
    let segments = store
        .segments_of(coded_docs)?
        .into_iter()
        .map(|s| (s.id.clone(), s))
        .collect();
    Ok(Loaded {
        books,
        codings,
        segments,
        attrs,
        documents: docs.len(),
    })
}

/// Applies the codebooks named (every codebook of the folder when none is)
/// to every ingested document; `progress(done, total)` per chunk.
pub fn code(
    project: &Project,
    names: &[String],
    jobs: usize,
    progress: &dyn Fn(usize, usize),
) -> Result<crate::code::store::Outcome> {
    let books = select_codebooks(project, names)
        .map_err(|problems| Error::Codebooks(problems.iter().map(ToString::to_string).collect()))?;
    if books.is_empty() {
        return Err(Error::Invalid(format!(
            "no codebook in {}",
            project.codebooks.display()
        )));
    }
    crate::code::store::run(project, &books, names.is_empty(), jobs, progress)
}
