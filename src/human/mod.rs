//! Human work: what editors add by hand — codings, confirmations and
//! rejections of auto-codings, memos.
//!
//! It is research data, not output. It lives in `corpus/desk.sqlite` beside
//! the documents ([`store::HumanStore`]), never under `outputs/`, so deleting
//! `outputs/`, `ingest --force` or a rebuilt index cannot touch it; `pipeline
//! export --format desk` writes it as plain text for version control.
//!
//! Every `pipeline code` run applies it on top of the codebooks' rules
//! ([`apply`], pure): a hand coding becomes a [`Coding`] with the editor in
//! `by` on every segment of the code's unit that the passage overlaps, a
//! confirmation does the same for the passage of an auto-coding (so it stays
//! when the rule changes), a rejection removes the rule's coding of that
//! code from that passage. So hand codings count wherever codings count —
//! query by code, stats, matrices, bundles, the REFI-QDA export, agreement.
//!
//! A passage is anchored by its character offsets and its text. When a
//! document is re-ingested with changes, [`anchor`] finds the quote again
//! (nearest its old place); a passage whose text is gone is reported as
//! unanchored by the run that meets it, and kept in the store — never
//! silently dropped.

pub mod store;

use crate::model::{Coding, StoredSegment};
use crate::segment::SegmentKind;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

pub use store::HumanStore;

/// What an editor did with a code on a passage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// Coded the passage by hand.
    Add,
    /// Confirmed the auto-coding of the passage.
    Confirm,
    /// Rejected the auto-coding of the passage.
    Reject,
}

impl Action {
    /// The stored name.
    pub fn name(self) -> &'static str {
        match self {
            Action::Add => "add",
            Action::Confirm => "confirm",
            Action::Reject => "reject",
        }
    }

    /// The action of a stored name.
    pub fn parse(s: &str) -> Option<Action> {
        match s {
            "add" => Some(Action::Add),
            "confirm" => Some(Action::Confirm),
            "reject" => Some(Action::Reject),
            _ => None,
        }
    }
}

/// A passage of a document: character offsets into its normalised text, and
/// the text itself (the anchor that survives a re-ingest).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Passage {
    /// Document id (corpus-relative path).
    pub doc: String,
    /// Start, in characters.
    pub start: usize,
    /// End, in characters.
    pub end: usize,
    /// The text between them when it was recorded.
    pub quote: String,
}

/// One hand coding, confirmation or rejection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandCoding {
    /// Row id in the store.
    pub id: i64,
    /// The passage.
    pub passage: Passage,
    /// Codebook id.
    pub codebook: String,
    /// Code id (path).
    pub code: String,
    /// What was done.
    pub action: Action,
    /// Who did it.
    pub editor: String,
    /// When (RFC 3339, UTC).
    pub created: String,
}

impl HandCoding {
    /// The facet path of the code: `/codebook/code`.
    pub fn facet(&self) -> String {
        format!("/{}/{}", self.codebook, self.code)
    }
}

/// What a memo is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum MemoTarget {
    /// A whole document.
    Document {
        /// Document id.
        doc: String,
    },
    /// A code of a codebook.
    Code {
        /// Codebook id.
        codebook: String,
        /// Code id.
        code: String,
    },
    /// A passage of a document.
    Passage(Passage),
}

/// A memo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Memo {
    /// Row id in the store.
    pub id: i64,
    /// What it is about.
    pub target: MemoTarget,
    /// The memo.
    pub text: String,
    /// Who wrote it.
    pub editor: String,
    /// When it was written (RFC 3339, UTC).
    pub created: String,
    /// When it was last changed.
    pub updated: String,
}

/// The characters `start..end` of `text`, if both are in range.
pub fn char_slice(text: &str, start: usize, end: usize) -> Option<&str> {
    if start > end {
        return None;
    }
    let mut indices = text.char_indices().map(|(i, _)| i).chain([text.len()]);
    let from = indices.nth(start)?;
    let to = if end == start {
        from
    } else {
        indices.nth(end - start - 1)?
    };
    Some(&text[from..to])
}

/// Where a passage is in the document's current text: its old offsets when
/// the text there is unchanged, else the occurrence of its quote nearest its
/// old start, else `None` (the passage's text is gone).
pub fn anchor(text: &str, passage: &Passage) -> Option<(usize, usize)> {
    if passage.quote.is_empty() {
        return None;
    }
    if char_slice(text, passage.start, passage.end) == Some(passage.quote.as_str()) {
        return Some((passage.start, passage.end));
    }
    let len = passage.quote.chars().count();
    let mut best: Option<usize> = None;
    let mut chars_before = 0usize;
    let mut last = 0usize;
    for (byte, _) in text.match_indices(passage.quote.as_str()) {
        chars_before += text[last..byte].chars().count();
        last = byte;
        let distance = |c: usize| c.abs_diff(passage.start);
        if best.is_none_or(|b| distance(chars_before) < distance(b)) {
            best = Some(chars_before);
        }
    }
    best.map(|s| (s, s + len))
}

/// A hand coding that could not be applied, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotApplied {
    /// Row id in the store.
    pub id: i64,
    /// Document id.
    pub doc: String,
    /// Code facet.
    pub code: String,
    /// Why.
    pub reason: String,
}

/// The codes a run knows: `(codebook, code)` → (codebook version, unit).
pub type KnownCodes = std::collections::HashMap<(String, String), (String, SegmentKind)>;

/// Applies a document's hand codings to the rules' codings of that document:
/// adds hand codings and confirmations (with `by` = the editor), removes
/// rejected auto-codings. `text` is the document's current text (`None`
/// when it is no longer ingested), `segments` its segments. Only codebooks
/// in `books` are touched. Returns what could not be applied.
pub fn apply(
    codings: &mut Vec<Coding>,
    hand: &[HandCoding],
    text: Option<&str>,
    segments: &[StoredSegment],
    known: &KnownCodes,
) -> Vec<NotApplied> {
    let mut missing = Vec::new();
    let mut rejected: HashSet<(String, String)> = HashSet::new();
    let mut added: Vec<Coding> = Vec::new();
    for h in hand {
        let not = |reason: &str| NotApplied {
            id: h.id,
            doc: h.passage.doc.clone(),
            code: h.facet(),
            reason: reason.to_string(),
        };
        let Some((version, unit)) = known.get(&(h.codebook.clone(), h.code.clone())) else {
            missing.push(not("the code is not in the codebooks"));
            continue;
        };
        let Some(text) = text else {
            missing.push(not("the document is not ingested"));
            continue;
        };
        let Some((start, end)) = anchor(text, &h.passage) else {
            missing.push(not(
                "the passage's text is no longer in the document (it changed since)",
            ));
            continue;
        };
        let covered = segments.iter().filter(|s| {
            s.kind == *unit && (s.loc.start as usize) < end && (s.loc.end as usize) > start
        });
        let mut any = false;
        for seg in covered {
            any = true;
            match h.action {
                Action::Reject => {
                    rejected.insert((h.facet(), seg.id.clone()));
                }
                Action::Add | Action::Confirm => {
                    let from = start.max(seg.loc.start as usize);
                    let to = end.min(seg.loc.end as usize);
                    added.push(Coding {
                        codebook: h.codebook.clone(),
                        version: version.clone(),
                        code: h.code.clone(),
                        doc: h.passage.doc.clone(),
                        segment: seg.id.clone(),
                        unit: *unit,
                        spans: vec![(from, to)],
                        by: Some(h.editor.clone()),
                        at: Some(h.created.clone()),
                    });
                }
            }
        }
        if !any {
            missing.push(not("no segment of the code's unit holds the passage"));
        }
    }
    if !rejected.is_empty() {
        codings.retain(|c| c.by.is_some() || !rejected.contains(&(c.facet(), c.segment.clone())));
    }
    // One coding per (code, segment, editor): two selections of one editor
    // in one sentence are one coding with both spans.
    for a in added {
        match codings.iter_mut().find(|c| {
            c.by == a.by && c.codebook == a.codebook && c.code == a.code && c.segment == a.segment
        }) {
            Some(c) => {
                c.spans.extend(a.spans);
                c.spans.sort_unstable();
                c.spans.dedup();
                if a.at < c.at {
                    c.at = a.at;
                }
            }
            None => codings.push(a),
        }
    }
    missing
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passage(text: &str, start: usize, end: usize) -> Passage {
        Passage {
            doc: "d.txt".into(),
            start,
            end,
            quote: char_slice(text, start, end).unwrap().into(),
        }
    }

    #[test]
    fn char_slices_count_characters_not_bytes() {
        let t = "Gəncə və Bərdə";
        assert_eq!(char_slice(t, 0, 5), Some("Gəncə"));
        assert_eq!(char_slice(t, 9, 14), Some("Bərdə"));
        assert_eq!(char_slice(t, 14, 14), Some(""));
        assert_eq!(char_slice(t, 9, 15), None);
        assert_eq!(char_slice(t, 5, 4), None);
    }

    #[test]
    fn a_passage_follows_its_text_and_is_lost_only_when_the_text_is() {
        let old = "We lived in the dormitory. The roof leaked in winter.";
        let p = passage(old, 27, 53);
        assert_eq!(p.quote, "The roof leaked in winter.");
        assert_eq!(anchor(old, &p), Some((27, 53)));
        // Text inserted before it: found again at its new place.
        let new =
            "First we stayed with cousins. We lived in the dormitory. The roof leaked in winter.";
        let (s, e) = anchor(new, &p).unwrap();
        assert_eq!(char_slice(new, s, e), Some("The roof leaked in winter."));
        // Two occurrences: the nearest the old place wins.
        let twice =
            "Yes. The roof leaked in winter. We lived in the dormitory. The roof leaked in winter.";
        assert_eq!(anchor(twice, &p), Some((5, 31)));
        // The passage edited away: lost, and said so.
        let gone = "We lived in the dormitory. The roof held.";
        assert_eq!(anchor(gone, &p), None);
    }
}
