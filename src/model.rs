//! The data the stages hand each other: segments as stored (with where they
//! are), retrieved hits, codings. Plain types, no I/O, so that the pure core
//! (coding, statistics, bundle building) depends on no store; `index`,
//! `retrieve` and `code` re-export them where they were.

use crate::metadata::Attributes;
use crate::segment::{Segment, SegmentKind};
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A segment as stored in the index.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredSegment {
    /// Segment id.
    pub id: String,
    /// Document id.
    pub doc: String,
    /// Kind.
    pub kind: SegmentKind,
    /// Position among the document's segments of this kind.
    pub ordinal: u32,
    /// Text.
    pub text: String,
    /// Speaker label.
    pub speaker: Option<String>,
    /// Role name.
    pub role: Option<String>,
    /// Language guess.
    pub lang: String,
    /// Offsets, page, times, paragraph, turn, block.
    pub loc: Location,
    /// Document attributes.
    pub attrs: Option<Attributes>,
    /// Code facets (`/codebook/code/child`).
    pub codes: Vec<String>,
}

impl StoredSegment {
    /// Where the segment is, as people cite it: `p. 3, 00:12:34, ¶ 4`.
    pub fn location_label(&self) -> String {
        let mut parts = Vec::new();
        if let Some(p) = self.loc.page {
            parts.push(format!("p. {p}"));
        }
        if let Some(ms) = self.loc.start_ms {
            parts.push(timestamp(ms));
        }
        parts.push(format!("¶ {}", self.loc.paragraph));
        parts.join(", ")
    }

    /// Who speaks: `Leyla (respondent)`, `Leyla`, or nothing.
    pub fn who(&self) -> String {
        match (&self.speaker, &self.role) {
            (Some(sp), Some(r)) => format!("{sp} ({r})"),
            (Some(sp), None) => sp.clone(),
            _ => String::new(),
        }
    }

    /// The codes on the segment as `codebook:code` ids.
    pub fn code_ids(&self) -> Vec<String> {
        self.codes
            .iter()
            .map(|f| f.trim_start_matches('/').replacen('/', ":", 1))
            .collect()
    }

    /// A freshly segmented segment, without codes.
    pub fn of(doc: &str, seg: &Segment, attrs: Option<&Attributes>) -> StoredSegment {
        StoredSegment {
            id: seg.id.clone(),
            doc: doc.to_string(),
            kind: seg.kind,
            ordinal: seg.ordinal,
            text: seg.text.clone(),
            speaker: seg.speaker.clone(),
            role: seg.role.map(|r| r.name().to_string()),
            lang: seg.lang.to_string(),
            loc: Location::of(seg),
            attrs: attrs.cloned(),
            codes: Vec::new(),
        }
    }
}

/// Where a segment is, stored as one compact field (`loc`): character offsets,
/// page, start and end time, paragraph and turn ordinals, and block kind.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Location {
    /// Start offset (characters) into the document text.
    pub start: u64,
    /// End offset (characters).
    pub end: u64,
    /// Page.
    pub page: Option<u64>,
    /// Start time, ms.
    pub start_ms: Option<u64>,
    /// End time, ms.
    pub end_ms: Option<u64>,
    /// Paragraph ordinal holding the segment.
    pub paragraph: u64,
    /// Turn ordinal holding the segment.
    pub turn: Option<u64>,
    /// `body`, `heading`, `table` or `note`.
    pub block: String,
}

impl Location {
    /// The location of a segment.
    pub fn of(seg: &Segment) -> Location {
        Location {
            start: seg.start as u64,
            end: seg.end as u64,
            page: seg.page.map(u64::from),
            start_ms: seg.start_ms,
            end_ms: seg.end_ms,
            paragraph: seg.paragraph as u64,
            turn: seg.turn.map(u64::from),
            block: seg.block.to_string(),
        }
    }

    /// `start end page start_ms end_ms paragraph turn block`, `-` for none.
    pub fn encode(&self) -> String {
        use std::fmt::Write;
        let mut out = String::with_capacity(32 + self.block.len());
        let mut num = |v: Option<u64>| {
            match v {
                Some(v) => write!(out, "{v}").expect("writing to a String"),
                None => out.push('-'),
            }
            out.push(' ');
        };
        num(Some(self.start));
        num(Some(self.end));
        num(self.page);
        num(self.start_ms);
        num(self.end_ms);
        num(Some(self.paragraph));
        num(self.turn);
        out.push_str(&self.block);
        out
    }

    /// Parses [`Location::encode`]'s output.
    pub fn decode(s: &str) -> Option<Location> {
        let mut it = s.split(' ');
        let mut num = || -> Option<Option<u64>> {
            let v = it.next()?;
            Some(if v == "-" {
                None
            } else {
                Some(v.parse().ok()?)
            })
        };
        let start = num()??;
        let end = num()??;
        let page = num()?;
        let start_ms = num()?;
        let end_ms = num()?;
        let paragraph = num()??;
        let turn = num()?;
        let block = it.next()?.to_string();
        Some(Location {
            start,
            end,
            page,
            start_ms,
            end_ms,
            paragraph,
            turn,
            block,
        })
    }
}

/// One retrieved segment.
#[derive(Debug, Clone)]
pub struct Hit {
    /// The segment.
    pub segment: StoredSegment,
    /// BM25 score (0 when sorting by document).
    pub score: f32,
    /// Byte spans in the segment text that matched the query.
    pub highlights: Vec<Range<usize>>,
    /// Segments of the same kind before it (nearest last).
    pub before: Vec<StoredSegment>,
    /// Segments of the same kind after it.
    pub after: Vec<StoredSegment>,
}

/// One code applied to one segment.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Coding {
    /// Codebook id.
    pub codebook: String,
    /// Codebook version.
    pub version: String,
    /// Code id (path).
    pub code: String,
    /// Document id.
    pub doc: String,
    /// Segment id.
    pub segment: String,
    /// Segment kind (the code's unit).
    pub unit: SegmentKind,
    /// Matched spans, character offsets into the document text.
    pub spans: Vec<(usize, usize)>,
    /// The editor who coded it by hand (or confirmed the rule's coding);
    /// absent for a rule's coding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// When the editor coded it (RFC 3339, UTC); absent for a rule's coding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
}

impl Coding {
    /// The facet path of this coding: `/codebook/code/child`.
    pub fn facet(&self) -> String {
        format!("/{}/{}", self.codebook, self.code)
    }
}

/// `hh:mm:ss` of a time in milliseconds.
pub fn timestamp(ms: u64) -> String {
    let s = ms / 1000;
    format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// `text` with each byte span in `spans` (in order, not overlapping) put
/// between `open` and `close`: highlights for a terminal, Markdown or HTML
/// (the caller escapes the text for HTML first).
pub fn marked(text: &str, spans: &[Range<usize>], open: &str, close: &str) -> String {
    let mut out = String::with_capacity(text.len() + spans.len() * 8);
    let mut at = 0;
    for r in spans {
        if r.start < at {
            continue;
        }
        out.push_str(&text[at..r.start]);
        out.push_str(open);
        out.push_str(&text[r.clone()]);
        out.push_str(close);
        at = r.end;
    }
    out.push_str(&text[at..]);
    out
}

/// A byte span of `text` as character offsets (the unit of every offset
/// users see, and of REFI-QDA).
pub fn char_span(text: &str, r: &Range<usize>) -> [usize; 2] {
    [
        text[..r.start].chars().count(),
        text[..r.end].chars().count(),
    ]
}
