//! Evaluation of a [`Query`] against one segment.

use super::{Query, Word};
use crate::fold::{fold_append, fold_into, word_spans};
use crate::metadata::Attributes;
use std::ops::Range;

/// The folded words of a text with their byte spans. The folded words share
/// one buffer (this runs for every candidate segment of the coder).
#[derive(Debug, Clone, Default)]
pub struct Tokens {
    folded: String,
    bounds: Vec<(u32, u32)>,
    /// Byte span of each word in the original text.
    pub spans: Vec<Range<usize>>,
}

impl Tokens {
    /// Tokenises and folds `text`.
    pub fn new(text: &str) -> Tokens {
        let mut t = Tokens::default();
        t.fill(text);
        t
    }

    /// Tokenises and folds `text` into this buffer, reusing its allocations
    /// (the coder tokenises many segments one after the other).
    pub fn fill(&mut self, text: &str) {
        self.folded.clear();
        self.bounds.clear();
        self.spans.clear();
        if text.is_ascii() {
            // ASCII folding is lower-casing, which keeps every offset.
            self.folded.push_str(text);
            self.folded.make_ascii_lowercase();
            for (a, b) in word_spans(text) {
                self.bounds.push((a as u32, b as u32));
                self.spans.push(a..b);
            }
            return;
        }
        for (a, b) in word_spans(text) {
            let start = self.folded.len();
            fold_append(&text[a..b], &mut self.folded);
            if self.folded.len() > start {
                self.bounds.push((start as u32, self.folded.len() as u32));
                self.spans.push(a..b);
            }
        }
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.bounds.len()
    }

    /// Whether there are no words.
    pub fn is_empty(&self) -> bool {
        self.bounds.is_empty()
    }

    /// The `i`-th folded word.
    pub fn word(&self, i: usize) -> &str {
        let (a, b) = self.bounds[i];
        &self.folded[a as usize..b as usize]
    }

    /// The folded words, in order.
    pub fn words(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.word(i))
    }

    /// Whether the `i`-th word matches `w` (bytes compared, lengths first:
    /// this is the coder's innermost loop).
    fn is(&self, i: usize, w: &Word) -> bool {
        let (a, b) = self.bounds[i];
        let (a, b) = (a as usize, b as usize);
        let pattern = w.text.as_bytes();
        let word = &self.folded.as_bytes()[a..b];
        if w.prefix {
            word.len() >= pattern.len() && &word[..pattern.len()] == pattern
        } else {
            word == pattern
        }
    }

    fn positions<'a>(&'a self, w: &'a Word) -> impl Iterator<Item = usize> + 'a {
        (0..self.len()).filter(move |&i| self.is(i, w))
    }
}

fn word_matches(w: &Word, token: &str) -> bool {
    if w.prefix {
        token.starts_with(&w.text)
    } else {
        token == w.text
    }
}

/// What a query sees of a segment.
#[derive(Debug, Clone, Copy)]
pub struct SegmentView<'a> {
    /// Words of the segment text.
    pub tokens: &'a Tokens,
    /// Words of the speaker label.
    pub speaker: Option<&'a Tokens>,
    /// Role name.
    pub role: Option<&'a str>,
    /// Language guess.
    pub lang: &'a str,
    /// Segment kind name.
    pub kind: &'a str,
    /// Document id (path).
    pub doc: &'a str,
    /// Document attributes (original values; compared folded).
    pub attrs: Option<&'a Attributes>,
}

impl Query {
    /// Whether the query matches; the byte spans of matching words are
    /// appended to `spans` (not for words under `NOT`).
    pub fn matches(&self, view: &SegmentView, spans: &mut Vec<Range<usize>>) -> bool {
        match self {
            Query::All => true,
            Query::Term(w) => {
                let before = spans.len();
                spans.extend(
                    view.tokens
                        .positions(w)
                        .map(|i| view.tokens.spans[i].clone()),
                );
                spans.len() > before
            }
            Query::Phrase { words, slop } => phrase_matches(words, *slop, view.tokens, spans),
            Query::Field { name, value, .. } => field_matches(name, value, view),
            Query::And(qs) => {
                let before = spans.len();
                for q in qs {
                    if !q.matches(view, spans) {
                        spans.truncate(before);
                        return false;
                    }
                }
                true
            }
            Query::Or(qs) => {
                let mut any = false;
                for q in qs {
                    any |= q.matches(view, spans);
                }
                any
            }
            Query::Not(q) => !q.matches(view, &mut Vec::new()),
        }
    }
}

fn phrase_matches(
    words: &[Word],
    slop: Option<u32>,
    tokens: &Tokens,
    spans: &mut Vec<Range<usize>>,
) -> bool {
    let n = tokens.len();
    let k = words.len();
    let mut found = false;
    match slop {
        None => {
            if k > n {
                return false;
            }
            for start in 0..=n - k {
                if words
                    .iter()
                    .enumerate()
                    .all(|(j, w)| tokens.is(start + j, w))
                {
                    spans.push(tokens.spans[start].start..tokens.spans[start + k - 1].end);
                    found = true;
                }
            }
        }
        Some(slop) => {
            // Every word somewhere in a window of k + slop words, any order.
            let window = k + slop as usize;
            let lists: Vec<Vec<usize>> = words
                .iter()
                .map(|w| tokens.positions(w).collect())
                .collect();
            if lists.iter().any(Vec::is_empty) {
                return false;
            }
            for &first in &lists[0] {
                let lo = first.saturating_sub(window - 1);
                let hi = first + window - 1;
                let mut chosen = vec![first];
                let ok = lists[1..]
                    .iter()
                    .all(|l| match l.iter().find(|&&p| p >= lo && p <= hi) {
                        Some(&p) => {
                            chosen.push(p);
                            true
                        }
                        None => false,
                    });
                if ok {
                    let (min, max) = (
                        *chosen.iter().min().expect("k>0"),
                        *chosen.iter().max().expect("k>0"),
                    );
                    if max - min < window {
                        spans.extend(chosen.iter().map(|&p| tokens.spans[p].clone()));
                        found = true;
                    }
                }
            }
        }
    }
    found
}

fn value_matches(value: &Word, candidate: &str) -> bool {
    let mut folded = String::new();
    fold_into(candidate.trim(), &mut folded);
    word_matches(value, &folded)
}

fn field_matches(name: &str, value: &Word, view: &SegmentView) -> bool {
    match name {
        "speaker" => view.speaker.is_some_and(|s| {
            // Any word of the speaker label, or the whole label.
            let whole = s.words().collect::<Vec<_>>().join(" ");
            word_matches(value, &whole) || s.words().any(|t| word_matches(value, t))
        }),
        "role" => view.role.is_some_and(|r| value_matches(value, r)),
        "lang" => value_matches(value, view.lang),
        "kind" => value_matches(value, view.kind),
        "doc" => {
            let mut folded = String::new();
            fold_into(view.doc, &mut folded);
            folded.starts_with(&value.text)
        }
        attr => view
            .attrs
            .and_then(|a| a.get(attr))
            .is_some_and(|v| value_matches(value, v)),
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::*;

    fn check(query: &str, text: &str) -> Option<Vec<String>> {
        let tokens = Tokens::new(text);
        let speaker = Tokens::new("Leyla Məmmədova");
        let attrs: Attributes = [("region".to_string(), "Gəncə".to_string())]
            .into_iter()
            .collect();
        let view = SegmentView {
            tokens: &tokens,
            speaker: Some(&speaker),
            role: Some("respondent"),
            lang: "en",
            kind: "sentence",
            doc: "interviews/az-ganja-01.txt",
            attrs: Some(&attrs),
        };
        let mut spans = Vec::new();
        parse(query)
            .unwrap()
            .matches(&view, &mut spans)
            .then(|| spans.iter().map(|r| text[r.clone()].to_string()).collect())
    }

    #[test]
    fn terms_prefixes_phrases() {
        assert_eq!(
            check("DORMITOR*", "We lived in the Dormitory."),
            Some(vec!["Dormitory".into()])
        );
        assert_eq!(
            check("\"collective centre\"", "a Collective  Centre in Gəncə"),
            Some(vec!["Collective  Centre".into()])
        );
        assert_eq!(
            check("\"collective centre\"", "collective farms and a centre"),
            None
        );
        assert_eq!(
            check("gence", "a Collective Centre in Gəncə"),
            Some(vec!["Gəncə".into()])
        );
    }

    #[test]
    fn proximity() {
        assert!(check("\"school live\"~2", "we live near the school").is_some());
        assert!(check("\"school live\"~1", "we live near the school").is_none());
        assert!(check("\"school live\"~0", "school live").is_some());
    }

    #[test]
    fn boolean_and_not() {
        assert!(check("school AND NOT fees", "the school was cold").is_some());
        assert!(check("school AND NOT fees", "the school fees").is_none());
        assert!(check("school -fees", "the school fees").is_none());
        assert!(check("(fees OR cold) school", "the school was cold").is_some());
    }

    #[test]
    fn fields() {
        assert!(check("speaker:leyla", "x").is_some());
        assert!(check("speaker:\"leyla memmedova\"", "x").is_some());
        assert!(check("speaker:nino", "x").is_none());
        assert!(check("role:respondent", "x").is_some());
        assert!(check("region:gence", "x").is_some());
        assert!(check("region:GƏNCƏ", "x").is_some());
        assert!(check("region:baku", "x").is_none());
        assert!(check("doc:interviews/az", "x").is_some());
        assert!(check("gender:female", "x").is_none());
    }
}
