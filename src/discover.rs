//! Discovery: which files under `corpus/` are documents.
//!
//! Walks the folder (any depth, sorted, symlinks followed once with loops
//! detected), skips hidden entries and the project files `metadata.csv` and
//! `register.csv` (and the anonymisation lists `allow-list.txt`, `settlements.txt`,
//! `quasi-identifiers.txt` and the review decisions `review.csv`) at the top, and reports every entry it cannot use (unreadable
//! folder, name that is not UTF-8, special file) as a failure with a reason, so
//! nothing is skipped silently.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// A file to ingest.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Candidate {
    /// Path relative to the corpus, `/`-separated: the document id.
    pub rel: String,
    /// Path on disk.
    pub path: PathBuf,
}

/// An entry that cannot be ingested, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// Relative path (lossy for non-UTF-8 names).
    pub rel: String,
    /// Why.
    pub reason: String,
}

/// Files found and problems met.
#[derive(Debug, Default)]
pub struct Found {
    /// Files, sorted by `rel`.
    pub files: Vec<Candidate>,
    /// Problems, sorted by `rel`.
    pub problems: Vec<Problem>,
}

const PROJECT_FILES: &[&str] = &[
    "metadata.csv",
    "register.csv",
    "allow-list.txt",
    "settlements.txt",
    "review.csv",
    "quasi-identifiers.txt",
    "desk.sqlite",
    "desk.sqlite-wal",
    "desk.sqlite-shm",
    "desk.sqlite-journal",
];

/// Finds the documents under `corpus`, limited to `only` (corpus-relative or
/// absolute paths of files or folders) when it is not empty.
pub fn discover(corpus: &Path, only: &[PathBuf]) -> std::io::Result<Found> {
    let mut found = Found::default();
    let mut seen = HashSet::new();
    if only.is_empty() {
        walk(corpus, corpus, &mut found, &mut seen)?;
    } else {
        for p in only {
            let path = if p.is_absolute() || p.starts_with(corpus) {
                p.clone()
            } else {
                corpus.join(p)
            };
            if path.is_dir() {
                walk(corpus, &path, &mut found, &mut seen)?;
            } else {
                add_file(corpus, &path, &mut found);
            }
        }
    }
    found.files.sort();
    found.files.dedup();
    found.problems.sort();
    Ok(found)
}

fn rel_of(corpus: &Path, path: &Path) -> Result<String, String> {
    let rel = path.strip_prefix(corpus).unwrap_or(path);
    let mut parts = Vec::new();
    for c in rel.components() {
        match c.as_os_str().to_str() {
            Some(s) => parts.push(s.to_string()),
            None => {
                parts.push(c.as_os_str().to_string_lossy().into_owned());
                return Err(parts.join("/"));
            }
        }
    }
    Ok(parts.join("/"))
}

fn add_file(corpus: &Path, path: &Path, found: &mut Found) {
    match rel_of(corpus, path) {
        Ok(rel) if rel.contains('\n') || rel.contains('\r') => found.problems.push(Problem {
            rel: rel.replace(['\n', '\r'], "?"),
            reason: "file name contains a line break; rename the file".into(),
        }),
        Ok(rel) => found.files.push(Candidate {
            rel,
            path: path.to_path_buf(),
        }),
        Err(lossy) => found.problems.push(Problem {
            rel: lossy,
            reason: "file name is not valid UTF-8; rename the file".into(),
        }),
    }
}

fn walk(
    corpus: &Path,
    dir: &Path,
    found: &mut Found,
    seen: &mut HashSet<PathBuf>,
) -> std::io::Result<()> {
    let canonical = match dir.canonicalize() {
        Ok(c) => c,
        Err(e) if dir == corpus => return Err(e),
        Err(e) => {
            found.problems.push(Problem {
                rel: rel_of(corpus, dir).unwrap_or_else(|l| l),
                reason: format!("cannot open folder: {e}"),
            });
            return Ok(());
        }
    };
    if !seen.insert(canonical) {
        found.problems.push(Problem {
            rel: rel_of(corpus, dir).unwrap_or_else(|l| l),
            reason: "folder already visited (symbolic link loop); skipped".into(),
        });
        return Ok(());
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if dir == corpus => return Err(e),
        Err(e) => {
            found.problems.push(Problem {
                rel: rel_of(corpus, dir).unwrap_or_else(|l| l),
                reason: format!("cannot read folder: {e}"),
            });
            return Ok(());
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        if dir == corpus && PROJECT_FILES.contains(&name.as_str()) {
            continue;
        }
        match std::fs::metadata(&path) {
            Ok(m) if m.is_dir() => walk(corpus, &path, found, seen)?,
            Ok(m) if m.is_file() => add_file(corpus, &path, found),
            Ok(_) => found.problems.push(Problem {
                rel: rel_of(corpus, &path).unwrap_or_else(|l| l),
                reason: "not a regular file (device, socket or pipe); skipped".into(),
            }),
            Err(e) => found.problems.push(Problem {
                rel: rel_of(corpus, &path).unwrap_or_else(|l| l),
                reason: format!("cannot read: {e}"),
            }),
        }
    }
    Ok(())
}
