//! Extraction: bytes of one source file → [`Extracted`] blocks of text.
//!
//! One module per format. Extractors are pure functions of the file's bytes and
//! the [`Limits`]; they never write anything and never resolve anything outside
//! the file (no external entities, no URLs). They may still panic or loop on
//! hostile input inside third-party parsers, which is why the ingest command runs
//! them in child processes (see `isolate`). Their output is the input of
//! `segment`, which finds turns, paragraphs and sentences.

pub mod docx;
pub mod pdf;
pub mod subtitles;
pub mod text;

use serde::{Deserialize, Serialize};
use std::path::Path;

/// Source formats `pipeline` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text or Markdown in any common encoding.
    Text,
    /// Office Open XML word-processing document.
    Docx,
    /// Portable Document Format.
    Pdf,
    /// WebVTT captions.
    Vtt,
    /// SubRip captions.
    Srt,
    /// Anything else: recorded, never read.
    Unsupported,
}

impl Format {
    /// The format of a file, from its extension.
    pub fn of(path: &Path) -> Format {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "txt" | "md" | "text" => Format::Text,
            "docx" => Format::Docx,
            "pdf" => Format::Pdf,
            "vtt" => Format::Vtt,
            "srt" => Format::Srt,
            _ => Format::Unsupported,
        }
    }

    /// Lower-case name, as written in manifests.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
            Format::Vtt => "vtt",
            Format::Srt => "srt",
            Format::Unsupported => "unsupported",
        }
    }
}

/// What a block of text is in its source document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    /// Running text whose single line breaks are soft wraps (plain text, PDF pages):
    /// the segmenter re-flows it into paragraphs.
    Flow,
    /// One paragraph (DOCX `w:p`): its line breaks are hard.
    Paragraph,
    /// A heading paragraph.
    Heading,
    /// A paragraph inside a table cell.
    TableCell,
    /// A footnote or endnote paragraph.
    Note,
    /// One caption cue (VTT/SRT).
    Cue,
}

/// A piece of body text with where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Block {
    /// What kind of block this is.
    pub kind: BlockKind,
    /// The text (any normal form; `segment` normalises).
    pub text: String,
    /// 1-based page number (PDF).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Start time in milliseconds (captions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_ms: Option<u64>,
    /// End time in milliseconds (captions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_ms: Option<u64>,
    /// Speaker given by the format itself (a VTT voice tag).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
}

impl Block {
    /// A block of `kind` with `text` and no location.
    pub fn new(kind: BlockKind, text: impl Into<String>) -> Block {
        Block {
            kind,
            text: text.into(),
            page: None,
            start_ms: None,
            end_ms: None,
            speaker: None,
        }
    }
}

/// Text that is not body text: headers, footers, comments, document properties.
/// Kept apart so that it is never coded as interview content, but it is still
/// scanned by anonymisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Part {
    /// `header`, `footer`, `comment`, `property:NAME`.
    pub kind: String,
    /// The text.
    pub text: String,
}

/// The result of extracting one file.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Extracted {
    /// Body text in document order.
    pub blocks: Vec<Block>,
    /// Non-body text.
    pub parts: Vec<Part>,
    /// Number of pages, for paged formats.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<u32>,
    /// Source encoding, for text formats.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// Things a person may want to know (pages that failed, repaired structure).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

impl Extracted {
    /// Number of characters of body text.
    pub fn body_chars(&self) -> usize {
        self.blocks
            .iter()
            .map(|b| b.text.trim().chars().count())
            .sum()
    }
}

/// Resource limits for one file.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct Limits {
    /// Largest source file read, in bytes.
    pub max_file_bytes: u64,
    /// Largest amount of decompressed data read from one archive (DOCX), in bytes.
    pub max_inflated_bytes: u64,
    /// Largest extracted text kept, in bytes.
    pub max_text_bytes: u64,
    /// Wall-clock seconds one file may take (enforced by `isolate`).
    pub timeout_secs: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 256 << 20,
            max_inflated_bytes: 512 << 20,
            max_text_bytes: 128 << 20,
            timeout_secs: 60,
        }
    }
}

/// Why a file yields no text. Each is one clear line for the person running ingest.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum ExtractError {
    /// Extension not handled.
    #[error("unsupported format (extension .{0})")]
    Unsupported(String),
    /// File is empty or holds no text.
    #[error("no text: {0}")]
    Empty(String),
    /// File is larger than allowed.
    #[error("too large: {0}")]
    TooLarge(String),
    /// File is password protected.
    #[error("encrypted: {0}")]
    Encrypted(String),
    /// File is damaged or not what its extension says.
    #[error("corrupt: {0}")]
    Corrupt(String),
    /// I/O failure reading the file.
    #[error("cannot read: {0}")]
    Io(String),
    /// The extractor panicked (caught).
    #[error("extractor crashed: {0}")]
    Panic(String),
    /// The extractor exceeded its time limit and was killed.
    #[error("timed out after {0} s (extractor killed)")]
    Timeout(u64),
    /// The extractor process died (out of memory, stack overflow, signal).
    #[error("extractor process died: {0}")]
    Died(String),
}

/// Extracts the file at `path` in `format`, reading at most `limits.max_file_bytes`.
pub fn extract_path(
    path: &Path,
    format: Format,
    limits: &Limits,
) -> Result<Extracted, ExtractError> {
    if format == Format::Unsupported {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().into_owned())
            .unwrap_or_default();
        return Err(ExtractError::Unsupported(ext));
    }
    let meta = std::fs::metadata(path).map_err(|e| ExtractError::Io(e.to_string()))?;
    if !meta.is_file() {
        return Err(ExtractError::Io("not a regular file".into()));
    }
    if meta.len() > limits.max_file_bytes {
        return Err(ExtractError::TooLarge(format!(
            "{} bytes, limit {} bytes",
            meta.len(),
            limits.max_file_bytes
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| ExtractError::Io(e.to_string()))?;
    extract_bytes(&bytes, format, limits)
}

/// Extracts `bytes` in `format`, catching panics of the parsers.
pub fn extract_bytes(
    bytes: &[u8],
    format: Format,
    limits: &Limits,
) -> Result<Extracted, ExtractError> {
    if bytes.is_empty() {
        return Err(ExtractError::Empty("empty file".into()));
    }
    let result = std::panic::catch_unwind(|| match format {
        Format::Text => text::extract(bytes, limits),
        Format::Docx => docx::extract(bytes, limits),
        Format::Pdf => pdf::extract(bytes, limits),
        Format::Vtt => subtitles::extract_vtt(bytes, limits),
        Format::Srt => subtitles::extract_srt(bytes, limits),
        Format::Unsupported => Err(ExtractError::Unsupported(String::new())),
    });
    let extracted = match result {
        Ok(r) => r?,
        Err(payload) => return Err(ExtractError::Panic(panic_message(&payload))),
    };
    if extracted.body_chars() == 0 {
        return Err(ExtractError::Empty(match format {
            Format::Pdf => {
                "the PDF has no extractable text (scanned images or fonts without a text map)"
                    .into()
            }
            _ => "the file holds no body text".into(),
        }));
    }
    let text_bytes: usize = extracted.blocks.iter().map(|b| b.text.len()).sum();
    if text_bytes as u64 > limits.max_text_bytes {
        return Err(ExtractError::TooLarge(format!(
            "{text_bytes} bytes of text, limit {}",
            limits.max_text_bytes
        )));
    }
    Ok(extracted)
}

/// The message of a caught panic.
pub fn panic_message(payload: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".to_string()
    }
}
