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
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::io(path, e));
    }
    Ok(())
}
