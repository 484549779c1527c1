//! The ingest manifest: what happened to every source file.
//!
//! One [`FileRecord`] per file, stored in the index itself (a `file` document)
//! so that it is committed atomically with the file's segments. After each
//! commit a readable copy is written to `outputs/ingest-manifest.json`
//! (replaced atomically); the copy in the index is the authoritative one.

use crate::extract::{Format, Part};
use serde::{Deserialize, Serialize};

/// Outcome of ingesting one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Text extracted and indexed.
    Ok,
    /// Not indexed; `reason` says why.
    Failed,
}

/// Segment counts of one file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Speaker turns.
    pub turns: u32,
    /// Paragraphs.
    pub paragraphs: u32,
    /// Sentences.
    pub sentences: u32,
}

impl Counts {
    /// All segments.
    pub fn total(&self) -> u32 {
        self.turns + self.paragraphs + self.sentences
    }
}

/// The manifest entry of one file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileRecord {
    /// Path relative to the corpus folder, `/`-separated; also the document id.
    pub path: String,
    /// SHA-256 of the file's bytes (hex).
    pub hash: String,
    /// SHA-256 of the file's metadata row, so a metadata edit re-indexes it.
    pub meta_hash: String,
    /// Size in bytes.
    pub size: u64,
    /// Format by extension.
    pub format: Format,
    /// Outcome.
    pub status: Status,
    /// Why it failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Segments indexed.
    pub segments: Counts,
    /// Pages (PDF).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<u32>,
    /// Source encoding (text formats).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// Non-fatal problems.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// Headers, footers, comments, properties: kept apart from the body.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<Part>,
}

/// The readable manifest file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    /// Format marker.
    pub schema: String,
    /// Every file, sorted by path.
    pub files: Vec<FileRecord>,
}

impl Manifest {
    /// A manifest of `files`, sorted by path.
    pub fn new(mut files: Vec<FileRecord>) -> Manifest {
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Manifest {
            schema: "pipeline.ingest-manifest/v1".into(),
            files,
        }
    }
}
