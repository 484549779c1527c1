//! The one query language of `pipeline`: codebook rules (`match`, `exclude`)
//! and `pipeline query` use it alike.
//!
//! ```text
//! dormitor* AND ("collective centre" OR "former school") NOT "school fees"
//! "school live"~5  speaker:leyla  role:respondent  region:ganja  lang:ru
//! ```
//!
//! - a word matches a word of the segment, case- and diacritic-insensitively
//!   (see [`crate::fold`]); `word*` matches words starting with `word`;
//! - `"a phrase"` matches consecutive words; `"a b"~N` matches when all its
//!   words occur, in any order, with at most N other words between the first
//!   and the last;
//! - `AND` (or nothing: juxtaposition), `OR`, `NOT` (or a leading `-`), and
//!   parentheses; `NOT` binds tightest, then `AND`, then `OR`;
//! - `field:value` filters on `speaker`, `role`, `lang`, `kind`, `doc` (path
//!   prefix), or any document attribute of `metadata.csv` (`region:ganja`,
//!   `settlement_type:"collective centre"`); values are folded too and may end
//!   in `*`.
//!
//! Parsing never panics and reports the character column of the first problem.
//! Evaluation is pure: a compiled [`Query`] is matched against a
//! [`SegmentView`], returning the byte spans of the words that matched.

mod eval;
mod parse;

pub use eval::{SegmentView, Tokens};
pub use parse::{QueryError, parse};

use std::ops::Range;

/// A word of a query, folded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Folded text.
    pub text: String,
    /// `word*`: matches words starting with `text`.
    pub prefix: bool,
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Query {
    /// Matches every segment (the empty query).
    All,
    /// One word.
    Term(Word),
    /// Consecutive words, or words within `slop` of each other.
    Phrase {
        /// The words, in order.
        words: Vec<Word>,
        /// `~N`.
        slop: Option<u32>,
    },
    /// `field:value`.
    Field {
        /// Field or attribute name, lower case.
        name: String,
        /// Folded value.
        value: Word,
        /// Position in the query text (characters), for messages.
        at: Range<usize>,
    },
    /// All must match.
    And(Vec<Query>),
    /// Any must match.
    Or(Vec<Query>),
    /// Must not match.
    Not(Box<Query>),
}

/// Fields every segment has; anything else is a document attribute.
pub const BUILTIN_FIELDS: &[&str] = &["speaker", "role", "lang", "kind", "doc"];

impl Query {
    /// Field names this query filters on.
    pub fn fields(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.walk(&mut |q| {
            if let Query::Field { name, .. } = q {
                out.push(name.as_str());
            }
        });
        out
    }

    fn walk<'a>(&'a self, f: &mut impl FnMut(&'a Query)) {
        f(self);
        match self {
            Query::And(qs) | Query::Or(qs) => qs.iter().for_each(|q| q.walk(f)),
            Query::Not(q) => q.walk(f),
            _ => {}
        }
    }

    /// The words of the query (terms and phrase words, `NOT`s included).
    pub fn words(&self) -> Vec<&Word> {
        let mut out = Vec::new();
        self.walk(&mut |q| match q {
            Query::Term(w) => out.push(w),
            Query::Phrase { words, .. } => out.extend(words),
            _ => {}
        });
        out
    }

    /// Groups of words the query needs: it can match a segment only if, for
    /// every group, one of the group's words occurs. `None` when it needs no
    /// word (only filters or `NOT`s). `a AND (b OR c)` needs `[a]` and
    /// `[b, c]`; a phrase needs each of its words; `OR` needs one word of any
    /// branch, taking from each branch its group of least `cost` (the coder
    /// counts how many rules share a word, so `"about X"` contributes `X`,
    /// not the common `about`). The coder evaluates a rule only on segments
    /// that have all its groups.
    pub fn anchor_groups(&self, cost: &dyn Fn(&Word) -> usize) -> Option<Vec<Vec<&Word>>> {
        let group_cost = |g: &Vec<&Word>| (g.iter().map(|w| cost(w)).sum::<usize>(), g.len());
        match self {
            Query::All | Query::Field { .. } | Query::Not(_) => None,
            Query::Term(w) => Some(vec![vec![w]]),
            Query::Phrase { words, .. } => {
                (!words.is_empty()).then(|| words.iter().map(|w| vec![w]).collect())
            }
            Query::Or(qs) => {
                let mut union = Vec::new();
                for q in qs {
                    union.extend(q.anchor_groups(cost)?.into_iter().min_by_key(group_cost)?);
                }
                Some(vec![union])
            }
            Query::And(qs) => {
                let groups: Vec<Vec<&Word>> = qs
                    .iter()
                    .filter_map(|q| q.anchor_groups(cost))
                    .flatten()
                    .collect();
                (!groups.is_empty()).then_some(groups)
            }
        }
    }

    /// Words one of which must occur in a segment for the query to match, or
    /// `None` when no such set exists (a query of only filters or `NOT`s).
    pub fn anchors(&self) -> Option<Vec<&Word>> {
        match self {
            Query::All | Query::Field { .. } | Query::Not(_) => None,
            Query::Term(w) => Some(vec![w]),
            Query::Phrase { words, .. } => words.first().map(|w| vec![w]),
            Query::Or(qs) => {
                let mut all = Vec::new();
                for q in qs {
                    all.extend(q.anchors()?);
                }
                Some(all)
            }
            Query::And(qs) => qs.iter().filter_map(Query::anchors).min_by_key(Vec::len),
        }
    }
}
