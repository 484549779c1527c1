//! The leak gate: before a bundle is published, every rendered file is scanned
//! for every form of every register identifier and for every detector hit
//! (phones, e-mails, URLs, dates, ID numbers, ages, addresses). Anything found
//! stops the publication. Strings the bundle itself generates (its creation
//! date) are the only ones allowed to look like a detector hit.

use crate::anonymise::{Anonymiser, Kind, Pseudonyms, Source};

/// One identifier found in a rendered file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leak {
    /// The file.
    pub file: String,
    /// What kind of identifier.
    pub kind: Kind,
    /// Register or detector.
    pub source: Source,
    /// The excerpt it is in (`E0001`), when it can be told.
    pub excerpt: Option<String>,
    /// Byte offset in the file.
    pub offset: usize,
}

/// Scans one file's text; `allowed` are exact strings the bundle generates.
pub fn scan(file: &str, text: &str, anon: &Anonymiser, allowed: &[&str]) -> Vec<Leak> {
    let mut scratch = Pseudonyms::default();
    let out = anon.anonymise(text, &mut scratch);
    out.replacements
        .iter()
        .filter(|r| matches!(r.source, Source::Register | Source::Detector))
        .filter(|r| !allowed.contains(&&text[r.start..r.end]))
        .map(|r| Leak {
            file: file.to_string(),
            kind: r.kind,
            source: r.source,
            excerpt: excerpt_at(text, r.start),
            offset: r.start,
        })
        .collect()
}

/// The last excerpt id (`E` and four digits) in `text`.
pub fn last_excerpt(text: &str) -> Option<String> {
    excerpt_at(text, text.len())
}

/// The last excerpt id (`E` and four digits) before `at`.
fn excerpt_at(text: &str, at: usize) -> Option<String> {
    let before = &text[..at];
    let bytes = before.as_bytes();
    let mut i = bytes.len();
    while i >= 5 {
        i -= 1;
        if bytes[i - 4] == b'E'
            && bytes[i - 3..=i].iter().all(u8::is_ascii_digit)
            && (i + 1 >= bytes.len() || !bytes[i + 1].is_ascii_digit())
        {
            return Some(before[i - 4..=i].to_string());
        }
    }
    None
}
