//! Where a project keeps its inputs and outputs (DESIGN §2), and the one helper
//! that writes output files atomically.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The folders of a project.
#[derive(Debug, Clone)]
pub struct Project {
    /// Source documents, `metadata.csv`, `register.csv`.
    pub corpus: PathBuf,
    /// Codebooks.
    pub codebooks: PathBuf,
    /// Everything generated.
    pub outputs: PathBuf,
}

impl Project {
    /// A project with the three folders.
    pub fn new(
        corpus: impl Into<PathBuf>,
        codebooks: impl Into<PathBuf>,
        outputs: impl Into<PathBuf>,
    ) -> Project {
        Project {
            corpus: corpus.into(),
            codebooks: codebooks.into(),
            outputs: outputs.into(),
        }
    }

    /// `outputs/index`.
    pub fn index_dir(&self) -> PathBuf {
        self.outputs.join("index")
    }

    /// `outputs/ingest-manifest.json`.
    pub fn manifest_path(&self) -> PathBuf {
        self.outputs.join("ingest-manifest.json")
    }

    /// `corpus/metadata.csv`.
    pub fn metadata_path(&self) -> PathBuf {
        self.corpus.join("metadata.csv")
    }
}

/// Writes `bytes` to `path` through a temporary file, fsync and rename, so that
/// readers see the old or the new file, never a half-written one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    stage(path, bytes)?.publish()
}

/// A file written in full and synced beside its final path, renamed into
/// place by [`Staged::publish`]. Staging before a commit makes a full disk
/// fail before anything has changed; the rename after it needs no space.
/// Dropped unpublished, the staged file is removed.
#[derive(Debug)]
pub struct Staged {
    tmp: PathBuf,
    path: PathBuf,
    published: bool,
}

/// Writes `bytes` to a hidden sibling of `path`, to be published later.
pub fn stage(path: &Path, bytes: &[u8]) -> Result<Staged> {
    stage_with(path, |w| w.write_all(bytes))
}

/// Like [`stage`], with the content written by `write` (buffered), so that a
/// large file (the manifest of 100,000 documents) is never held whole.
pub fn stage_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<Staged> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let staged = Staged {
        tmp: dir.join(format!(".{name}.tmp-{}", std::process::id())),
        path: path.to_path_buf(),
        published: false,
    };
    let result = (|| {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&staged.tmp)?);
        write(&mut f)?;
        f.into_inner().map_err(|e| e.into_error())?.sync_all()
    })();
    result.map_err(|e| Error::io(path, e))?;
    Ok(staged)
}

impl Staged {
    /// Renames the staged file into place.
    pub fn publish(mut self) -> Result<()> {
        std::fs::rename(&self.tmp, &self.path).map_err(|e| Error::io(&self.path, e))?;
        self.published = true;
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.published {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Puts the complete folder `staged` in place of `target` so that a reader (or
/// a crash at any instant) sees the old folder or the new one, never none and
/// never a mixture: an atomic exchange (`renameat2(RENAME_EXCHANGE)`) when
/// `target` exists, then the old copy is removed. Where the file system cannot
/// exchange, the old folder is first renamed to a `.NAME.old-PID` sibling that
/// [`recover_dir`] puts back after a crash.
pub fn swap_dir_into(staged: &Path, target: &Path) -> Result<()> {
    if !target.exists() {
        return std::fs::rename(staged, target).map_err(|e| Error::io(target, e));
    }
    if exchange(staged, target).is_ok() {
        // `staged` now holds the old folder.
        return std::fs::remove_dir_all(staged).map_err(|e| Error::io(staged, e));
    }
    let old = sibling(target, "old");
    std::fs::rename(target, &old).map_err(|e| Error::io(target, e))?;
    std::fs::rename(staged, target).map_err(|e| Error::io(target, e))?;
    std::fs::remove_dir_all(&old).map_err(|e| Error::io(&old, e))
}

/// Cleans up after a crash around `target`: staged folders (`.NAME.tmp-*`)
/// are removed; an old folder (`.NAME.old-*`) is put back when `target` is
/// missing, else removed. Call it holding the project lock.
pub fn recover_dir(target: &Path) -> Result<()> {
    let Some(dir) = target.parent() else {
        return Ok(());
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    let mut leftovers: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name().is_some_and(|n| {
                let n = n.to_string_lossy();
                n.starts_with(&format!(".{name}.tmp-")) || n.starts_with(&format!(".{name}.old-"))
            })
        })
        .collect();
    leftovers.sort();
    for p in leftovers {
        let is_old = p
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with(&format!(".{name}.old-")));
        if is_old && !target.exists() {
            std::fs::rename(&p, target).map_err(|e| Error::io(target, e))?;
        } else {
            std::fs::remove_dir_all(&p).map_err(|e| Error::io(&p, e))?;
        }
    }
    Ok(())
}

/// A staging sibling of `target`: `.NAME.KIND-PID`.
pub fn sibling(target: &Path, kind: &str) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.{kind}-{}", std::process::id()))
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let ca = CString::new(a.as_os_str().as_bytes())?;
    let cb = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: two valid NUL-terminated paths, relative to the working directory.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}
