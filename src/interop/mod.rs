//! Interoperability with other tools: REFI-QDA projects (`qdpx`) for NVivo,
//! ATLAS.ti, MAXQDA and QualCoder; NDJSON for Quickwit and
//! Elasticsearch/OpenSearch; and the offset alignment that lets codings made
//! on another tool's copy of a text land on our segments.
//!
//! Format code (reading and writing bytes) is pure; `export` gathers what the
//! index holds into the pure models.

pub mod align;
pub mod export;
pub mod ndjson;
pub mod qdc;
pub mod qdpx;

use crate::metadata::hex;
use sha2::{Digest, Sha256};

/// A GUID derived from a kind and a key (SHA-256, formatted as a UUID), so the
/// same project gives the same GUIDs on every export.
pub fn guid(kind: &str, key: &str) -> String {
    let h = hex(&Sha256::digest(format!("pipeline-{kind}:{key}").as_bytes()));
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// The normalised text `pipeline ingest` will make of a plain-text file holding
/// `text` (the text all segment offsets point into).
pub fn ingested_text(text: &str) -> Option<String> {
    use crate::extract::{Format, Limits, extract_bytes};
    let extracted = extract_bytes(text.as_bytes(), Format::Text, &Limits::default()).ok()?;
    Some(crate::segment::segment("", &extracted, &crate::segment::Settings::default()).text)
}
