//! Auto-coding: codebook rules applied to segments (pure; no I/O).
//!
//! A [`Coder`] compiles every code of every codebook once. For speed it indexes
//! the rules by their anchor words (a word one of which must occur for the rule
//! to match, see [`crate::query::Query::anchors`]) in one Aho-Corasick
//! automaton: each segment is folded once and scanned in a single pass; only a
//! segment with an anchor at a word boundary is tokenised, and only the rules
//! whose anchors occur are evaluated in full. Rules without anchors (only
//! filters or `NOT`) are evaluated on every segment of their unit.
//!
//! Semantics, as in DESIGN §5: a code is applied to segments of its unit
//! (sentence, paragraph or turn; a turn-unit code on a document without turns
//! codes paragraphs); its `match` rule must match and its `exclude` rule must
//! not, both evaluated on the unit's whole text; `speakers` restricts it to
//! those roles or speaker names. A child coding counts for its parent in
//! queries and statistics but is stored once, under the child.

pub mod store;

use crate::codebook::Codebook;
use crate::metadata::Attributes;
pub use crate::model::Coding;
use crate::query::{Query, SegmentView, Tokens};
use crate::segment::SegmentKind;
use std::collections::HashMap;
use std::ops::Range;

/// What the coder sees of a segment.
#[derive(Debug, Clone, Copy)]
pub struct SegmentInput<'a> {
    /// Segment id.
    pub id: &'a str,
    /// Document id.
    pub doc: &'a str,
    /// Kind.
    pub kind: SegmentKind,
    /// Text.
    pub text: &'a str,
    /// Character offset of the text's start in the document.
    pub start: usize,
    /// Speaker label.
    pub speaker: Option<&'a str>,
    /// Role name.
    pub role: Option<&'a str>,
    /// Language guess.
    pub lang: &'a str,
    /// Document attributes.
    pub attrs: Option<&'a Attributes>,
}

impl<'a> From<&'a crate::model::StoredSegment> for SegmentInput<'a> {
    fn from(s: &'a crate::model::StoredSegment) -> Self {
        SegmentInput {
            id: &s.id,
            doc: &s.doc,
            kind: s.kind,
            text: &s.text,
            start: s.loc.start as usize,
            speaker: s.speaker.as_deref(),
            role: s.role.as_deref(),
            lang: &s.lang,
            attrs: s.attrs.as_ref(),
        }
    }
}

struct Rule {
    codebook: usize,
    code: String,
    unit: SegmentKind,
    speakers: Vec<String>,
    matcher: Query,
    exclude: Option<Query>,
    /// Anchor groups: (pattern, as a prefix); one of each group must occur.
    groups: Vec<Vec<(usize, bool)>>,
}

/// Compiled codebooks.
pub struct Coder {
    books: Vec<(String, String)>,
    rules: Vec<Rule>,
    /// Anchor automaton over folded text; pattern i is `anchors[i]`.
    automaton: Option<aho_corasick::AhoCorasick>,
    /// Rules of each anchor pattern: (as a prefix `word*`, as a whole word).
    anchors: Vec<(Vec<usize>, Vec<usize>)>,
    /// For each pattern, the prefix patterns it starts with (they match wherever it does).
    implied: Vec<Vec<usize>>,
    always: Vec<usize>,
    units: [bool; 3],
    /// Whether any rule filters on the speaker (else speaker labels are not tokenised).
    needs_speaker: bool,
}

impl Coder {
    /// Compiles `books`.
    pub fn new(books: &[Codebook]) -> Coder {
        let mut coder = Coder {
            books: books
                .iter()
                .map(|b| (b.id.clone(), b.version.clone()))
                .collect(),
            rules: Vec::new(),
            automaton: None,
            anchors: Vec::new(),
            implied: Vec::new(),
            always: Vec::new(),
            units: [false; 3],
            needs_speaker: false,
        };
        // How many rules need each word: a word many rules share ("winter",
        // "about") is a poor trigger; the rarest group triggers a rule.
        let mut uses: HashMap<&str, usize> = HashMap::new();
        for book in books {
            for code in &book.codes {
                if let Some(rule) = &code.rule {
                    let mut seen = std::collections::HashSet::new();
                    for w in rule.query.words() {
                        if seen.insert(w.text.as_str()) {
                            *uses.entry(w.text.as_str()).or_default() += 1;
                        }
                    }
                }
            }
        }
        let cost = |w: &crate::query::Word| uses.get(w.text.as_str()).copied().unwrap_or(0);
        let mut patterns: HashMap<String, usize> = HashMap::new();
        let mut used_as_prefix: Vec<bool> = Vec::new();
        for (bi, book) in books.iter().enumerate() {
            for code in &book.codes {
                let Some(rule) = &code.rule else { continue };
                let index = coder.rules.len();
                let unit = code.unit.unwrap_or(book.unit);
                coder.units[unit as usize] = true;
                let mut groups = Vec::new();
                match rule.query.anchor_groups(&cost) {
                    Some(word_groups) => {
                        // Every group is checked against the words found;
                        // the one whose words fewest rules share triggers it.
                        let trigger = word_groups
                            .iter()
                            .enumerate()
                            .min_by_key(|(_, g)| {
                                (
                                    g.iter().map(|w| uses[w.text.as_str()]).sum::<usize>(),
                                    g.len(),
                                )
                            })
                            .map_or(0, |(i, _)| i);
                        for (gi, group) in word_groups.iter().enumerate() {
                            let mut g = Vec::new();
                            for w in group {
                                let next = coder.anchors.len();
                                let p = *patterns.entry(w.text.clone()).or_insert(next);
                                if p == next {
                                    coder.anchors.push((Vec::new(), Vec::new()));
                                    used_as_prefix.push(false);
                                }
                                used_as_prefix[p] |= w.prefix;
                                g.push((p, w.prefix));
                                if gi != trigger {
                                    continue;
                                }
                                let (as_prefix, as_word) = &mut coder.anchors[p];
                                let list = if w.prefix { as_prefix } else { as_word };
                                if list.last() != Some(&index) {
                                    list.push(index);
                                }
                            }
                            groups.push(g);
                        }
                    }
                    None => coder.always.push(index),
                }
                let uses_speaker = |q: &Query| q.fields().contains(&"speaker");
                coder.needs_speaker |= uses_speaker(&rule.query)
                    || code
                        .exclude
                        .as_ref()
                        .is_some_and(|e| uses_speaker(&e.query));
                coder.rules.push(Rule {
                    codebook: bi,
                    code: code.id.clone(),
                    unit,
                    speakers: code.speakers.clone(),
                    matcher: rule.query.clone(),
                    exclude: code.exclude.as_ref().map(|e| e.query.clone()),
                    groups,
                });
            }
        }
        let mut texts: Vec<(&String, usize)> = patterns.iter().map(|(t, &i)| (t, i)).collect();
        texts.sort_by_key(|&(_, i)| i);
        // Leftmost-longest finds, at each word start, the longest anchor there;
        // the shorter prefix anchors it starts with are implied.
        let prefix_patterns: HashMap<&str, usize> = patterns
            .iter()
            .filter(|&(_, &i)| used_as_prefix[i])
            .map(|(t, &i)| (t.as_str(), i))
            .collect();
        coder.implied = texts
            .iter()
            .map(|(t, _)| {
                t.char_indices()
                    .skip(1)
                    .filter_map(|(b, _)| prefix_patterns.get(&t[..b]).copied())
                    .collect()
            })
            .collect();
        if !texts.is_empty() {
            coder.automaton = Some(
                aho_corasick::AhoCorasick::builder()
                    .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                    .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                    .ascii_case_insensitive(true)
                    .build(texts.iter().map(|(t, _)| t.as_str()))
                    .expect("anchor automaton"),
            );
        }
        coder
    }

    /// Rules triggered by anchors in `folded` at word boundaries; every
    /// pattern found is marked in `hits` (bit 1: at a word start, bit 2: as a
    /// whole word) and listed in `touched`.
    fn anchored(&self, folded: &str, found: &mut Found, out: &mut Vec<usize>) {
        let Some(ac) = &self.automaton else { return };
        for m in ac.find_iter(folded) {
            if folded[..m.start()]
                .chars()
                .next_back()
                .is_some_and(crate::fold::is_word_char)
            {
                continue; // not at a word start
            }
            let p = m.pattern().as_usize();
            let whole = !folded[m.end()..]
                .chars()
                .next()
                .is_some_and(crate::fold::is_word_char);
            found.mark(p, if whole { 3 } else { 1 });
            let (as_prefix, as_word) = &self.anchors[p];
            out.extend_from_slice(as_prefix);
            if whole {
                out.extend_from_slice(as_word);
            }
            for &q in &self.implied[p] {
                found.mark(q, 1);
                out.extend_from_slice(&self.anchors[q].0);
            }
        }
    }

    /// Number of auto-coding rules.
    pub fn rules(&self) -> usize {
        self.rules.len()
    }

    /// Codes the segments of one document (all kinds), in a stable order.
    pub fn code_document(&self, segments: &[SegmentInput]) -> Vec<Coding> {
        let has_turns = segments.iter().any(|s| s.kind == SegmentKind::Turn);
        let mut out = Vec::new();
        let mut candidates: Vec<usize> = Vec::new();
        let mut folded = String::new();
        let mut tokens = Tokens::default();
        let mut found = Found {
            hits: vec![0; self.anchors.len()],
            touched: Vec::new(),
        };
        for seg in segments {
            // Which rule units this segment serves.
            let serves = |unit: SegmentKind| {
                unit == seg.kind
                    || (!has_turns
                        && unit == SegmentKind::Turn
                        && seg.kind == SegmentKind::Paragraph)
            };
            let relevant = self.units[seg.kind as usize]
                || (!has_turns
                    && seg.kind == SegmentKind::Paragraph
                    && self.units[SegmentKind::Turn as usize]);
            if !relevant {
                continue;
            }
            candidates.clear();
            candidates.extend_from_slice(&self.always);
            found.clear();
            if seg.text.is_ascii() {
                // ASCII folding is lower-casing, which the automaton does itself.
                self.anchored(seg.text, &mut found, &mut candidates);
            } else {
                crate::fold::fold_into(seg.text, &mut folded);
                self.anchored(&folded, &mut found, &mut candidates);
            }
            if candidates.is_empty() {
                continue;
            }
            candidates.sort_unstable();
            candidates.dedup();
            // A rule needs one word of each of its groups.
            candidates.retain(|&ri| {
                self.rules[ri].groups.iter().all(|g| {
                    g.iter()
                        .any(|&(p, prefix)| found.hits[p] & if prefix { 1 } else { 2 } != 0)
                })
            });
            if candidates.is_empty() {
                continue;
            }
            tokens.fill(seg.text);
            let speaker_tokens = if self.needs_speaker {
                seg.speaker.map(Tokens::new)
            } else {
                None
            };
            let view = SegmentView {
                tokens: &tokens,
                speaker: speaker_tokens.as_ref(),
                role: seg.role,
                lang: seg.lang,
                kind: seg.kind.name(),
                doc: seg.doc,
                attrs: seg.attrs,
            };
            let mut spans = Vec::new();
            for &ri in &candidates {
                let rule = &self.rules[ri];
                if !serves(rule.unit) || !in_scope(&rule.speakers, seg) {
                    continue;
                }
                spans.clear();
                if !rule.matcher.matches(&view, &mut spans) {
                    continue;
                }
                if rule
                    .exclude
                    .as_ref()
                    .is_some_and(|e| e.matches(&view, &mut Vec::new()))
                {
                    continue;
                }
                let (book, version) = &self.books[rule.codebook];
                out.push(Coding {
                    codebook: book.clone(),
                    version: version.clone(),
                    code: rule.code.clone(),
                    doc: seg.doc.to_string(),
                    segment: seg.id.to_string(),
                    unit: seg.kind,
                    spans: char_spans(seg.text, seg.start, &spans),
                    by: None,
                    at: None,
                });
            }
        }
        out
    }
}

/// Anchor patterns found in one segment.
struct Found {
    hits: Vec<u8>,
    touched: Vec<usize>,
}

impl Found {
    fn mark(&mut self, p: usize, bits: u8) {
        if self.hits[p] == 0 {
            self.touched.push(p);
        }
        self.hits[p] |= bits;
    }

    fn clear(&mut self) {
        for &p in &self.touched {
            self.hits[p] = 0;
        }
        self.touched.clear();
    }
}

fn in_scope(speakers: &[String], seg: &SegmentInput) -> bool {
    if speakers.is_empty() {
        return true;
    }
    let role = seg.role.map(crate::fold::fold);
    let speaker = seg.speaker.map(crate::fold::fold);
    speakers
        .iter()
        .any(|s| Some(s) == role.as_ref() || Some(s) == speaker.as_ref())
}

/// Byte spans in `text` → sorted, merged character spans in the document.
fn char_spans(text: &str, start: usize, spans: &[Range<usize>]) -> Vec<(usize, usize)> {
    let mut sorted: Vec<Range<usize>> = spans.to_vec();
    sorted.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::new();
    for r in sorted {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    let to_char = |b: usize| start + text[..b].chars().count();
    merged
        .into_iter()
        .map(|r| (to_char(r.start), to_char(r.end)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn book(codes: &str) -> Codebook {
        let text = format!("[codebook]\nid = \"t\"\ntitle = \"T\"\nversion = \"2\"\n{codes}");
        crate::codebook::parse(&text, Path::new("t.toml")).unwrap()
    }

    fn seg<'a>(
        id: &'a str,
        kind: SegmentKind,
        text: &'a str,
        role: Option<&'a str>,
    ) -> SegmentInput<'a> {
        SegmentInput {
            id,
            doc: "d",
            kind,
            text,
            start: 10,
            speaker: role,
            role,
            lang: "en",
            attrs: None,
        }
    }

    /// Rules are triggered by their rarest group and checked against every
    /// group: a prefix in a group that does not trigger still counts when a
    /// longer pattern (another rule's word) is what the automaton reports.
    #[test]
    fn every_anchor_group_is_checked_whichever_triggers() {
        let b = book(
            r#"
[[code]]
id = "a"
name = "A"
unit = "sentence"
match = 'kalo* AND zebra'

[[code]]
id = "b"
name = "B"
unit = "sentence"
match = 'kalomi'

[[code]]
id = "c"
name = "C"
unit = "sentence"
match = 'kalo* AND "about nothing"'

[[code]]
id = "d"
name = "D"
unit = "sentence"
match = '(winter OR about) AND yak'

[[code]]
id = "e"
name = "E"
unit = "sentence"
match = 'kalo* AND gnu'

[[code]]
id = "f"
name = "F"
unit = "sentence"
match = 'zebu OR "about yak"'
"#,
        );
        let coder = Coder::new(std::slice::from_ref(&b));
        let coded = |text: &str| -> Vec<String> {
            let mut codes: Vec<String> = coder
                .code_document(&[seg("s1", SegmentKind::Sentence, text, None)])
                .into_iter()
                .map(|c| c.code)
                .collect();
            codes.sort();
            codes
        };
        // `kalo*` never triggers (three rules share it); `kalomi`, another
        // rule's word, is what the automaton reports for it.
        assert_eq!(coded("The kalomi zebra ate."), ["a", "b"]);
        assert_eq!(coded("Kalomile and a gnu."), ["e"]);
        assert_eq!(coded("A kalo and a zebra, about winter yak."), ["a", "d"]);
        assert_eq!(coded("Zebra only."), Vec::<String>::new());
        assert_eq!(coded("We talked about nothing, kalomi."), ["b", "c"]);
        assert_eq!(coded("About the yak."), ["d"]);
        // `about` is shared, so F's OR takes `yak` from its phrase.
        assert_eq!(coded("It was about yak."), ["d", "f"]);
        assert_eq!(coded("A zebu."), ["f"]);
    }

    #[test]
    fn units_scope_exclusion_and_spans() {
        let b = book(
            r#"
[[code]]
id = "housing"
name = "Housing"
match = 'dormitor* OR "collective centre"'
exclude = '"school fees"'
speakers = ["respondent"]

[[code]]
id = "work"
name = "Work"
unit = "paragraph"
match = 'bazaar'
"#,
        );
        let coder = Coder::new(&[b]);
        let segs = [
            seg(
                "d#s1",
                SegmentKind::Sentence,
                "The Dormitory was cold.",
                Some("respondent"),
            ),
            seg(
                "d#s2",
                SegmentKind::Sentence,
                "The dormitory and school fees.",
                Some("respondent"),
            ),
            seg(
                "d#s3",
                SegmentKind::Sentence,
                "Was the dormitory cold?",
                Some("interviewer"),
            ),
            seg(
                "d#s4",
                SegmentKind::Sentence,
                "He worked at the bazaar.",
                Some("respondent"),
            ),
            seg(
                "d#p1",
                SegmentKind::Paragraph,
                "He worked at the bazaar. Ağır iş.",
                Some("respondent"),
            ),
        ];
        let codings = coder.code_document(&segs);
        let got: Vec<(&str, &str)> = codings
            .iter()
            .map(|c| (c.segment.as_str(), c.code.as_str()))
            .collect();
        assert_eq!(got, [("d#s1", "housing"), ("d#p1", "work")]);
        assert_eq!(
            codings[0].spans,
            [(14, 23)],
            "Dormitory at chars 4..13 of the segment, which starts at 10"
        );
        assert_eq!(codings[0].version, "2");
        assert_eq!(codings[0].facet(), "/t/housing");
    }

    #[test]
    fn turn_unit_falls_back_to_paragraphs_without_turns() {
        let b = book("[[code]]\nid = \"x\"\nname = \"X\"\nunit = \"turn\"\nmatch = 'legal'\n");
        let coder = Coder::new(&[b]);
        let segs = [seg("d#p1", SegmentKind::Paragraph, "legal aid", None)];
        assert_eq!(coder.code_document(&segs).len(), 1);
        let with_turn = [
            seg("d#t1", SegmentKind::Turn, "legal aid", None),
            seg("d#p1", SegmentKind::Paragraph, "legal aid", None),
        ];
        let got: Vec<String> = coder
            .code_document(&with_turn)
            .into_iter()
            .map(|c| c.segment)
            .collect();
        assert_eq!(got, ["d#t1"]);
    }

    #[test]
    fn overlapping_anchors_are_all_found() {
        let b = book(
            "[[code]]\nid = \"a\"\nname = \"A\"\nmatch = 'dorm*'\n\n[[code]]\nid = \"b\"\nname = \"B\"\nmatch = 'dormitory'\n\n[[code]]\nid = \"c\"\nname = \"C\"\nmatch = 'dormitor*'\n\n[[code]]\nid = \"d\"\nname = \"D\"\nmatch = 'dorm'\n\n[[code]]\nid = \"e\"\nname = \"E\"\nmatch = 'itory'\n",
        );
        let coder = Coder::new(&[b]);
        let codes = |text: &str| -> Vec<String> {
            coder
                .code_document(&[seg("d#s1", SegmentKind::Sentence, text, None)])
                .into_iter()
                .map(|c| c.code)
                .collect()
        };
        assert_eq!(codes("the DORMITORY"), ["a", "b", "c"]);
        assert_eq!(codes("dormitories, a dorm"), ["a", "c", "d"]);
        assert!(
            codes("condormitory xdorm").is_empty(),
            "anchors only at word starts"
        );
    }

    #[test]
    fn rules_without_anchors_are_always_evaluated() {
        let b = book("[[code]]\nid = \"ru\"\nname = \"Russian\"\nmatch = 'lang:ru'\n");
        let coder = Coder::new(&[b]);
        let mut s = seg("d#s1", SegmentKind::Sentence, "Мы жили в общежитии.", None);
        s.lang = "ru";
        assert_eq!(coder.code_document(&[s]).len(), 1);
    }
}
