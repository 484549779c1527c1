//! Quasi-identifiers in the text (DESIGN §10): words that single a person out
//! without naming them. "The head of the school", "the only female tractor
//! driver in our village", "my brother who was taken prisoner in 1993" name
//! no one, yet in a small displaced community each points at one person.
//! They are not replaced — what is identifying depends on the community, and
//! an occupation is often the point of an excerpt — but flagged for review,
//! with the reason, so the review gate holds a bundle until a person decides.
//!
//! The lists are data (`data/quasi-identifiers.txt`, English, Russian and
//! Azerbaijani; a project adds its own in `corpus/quasi-identifiers.txt`):
//! - `role`: a position one person holds (head of the school, imam): flagged;
//! - `occupation`: flagged in the singular (the English lists have no
//!   plurals; Russian and Azerbaijani stems match every case);
//! - `unique`: uniqueness and superlatives (the only, самая старшая, yeganə):
//!   flagged with the rest of their clause;
//! - `kin` with `event`: a family position is flagged when its sentence also
//!   has an event (taken prisoner, погиб, şəhid), a year, or a place the
//!   anonymiser replaced.
//!
//! A decision to keep a flagged text (`pipeline review --keep`) or a line of
//! the project's allow-list silences the flag for that text everywhere.

use super::{Flag, Tok};
use crate::fold::fold;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// The kinds of quasi-identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum QKind {
    Role,
    Occupation,
    Unique,
    Kin,
    Event,
}

impl QKind {
    fn of(name: &str) -> Option<QKind> {
        Some(match name {
            "role" => QKind::Role,
            "occupation" => QKind::Occupation,
            "unique" => QKind::Unique,
            "kin" => QKind::Kin,
            "event" => QKind::Event,
            _ => return None,
        })
    }
}

/// One phrase: its words, each exact or a stem (`*`).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Pattern {
    words: Vec<(String, bool)>,
    kind: QKind,
}

/// The lists, indexed by first word (exact) and by the first three letters of
/// a first word that is a stem.
#[derive(Debug, Clone, Default)]
pub struct Lists {
    exact: HashMap<String, Vec<Pattern>>,
    stems: HashMap<String, Vec<Pattern>>,
    /// Folded texts kept by a person: never flagged.
    pub(super) kept: HashSet<String>,
}

const STEM_KEY: usize = 3;

/// The first [`STEM_KEY`] letters of a word (all of it when shorter).
fn stem_key(w: &str) -> &str {
    match w.char_indices().nth(STEM_KEY) {
        Some((i, _)) => &w[..i],
        None => w,
    }
}

impl Lists {
    /// Adds the phrases of a list file (see `data/quasi-identifiers.txt`);
    /// `-phrase` removes one. Errors name the line.
    pub fn add(&mut self, text: &str) -> Result<(), String> {
        let mut kind = None;
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(header) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                let name = header.split_whitespace().next().unwrap_or("");
                kind = Some(QKind::of(name).ok_or_else(|| {
                    format!(
                        "line {}: `[{header}]` is not role, occupation, unique, kin or event",
                        i + 1
                    )
                })?);
                continue;
            }
            let Some(kind) = kind else {
                return Err(format!(
                    "line {}: a phrase before any `[kind language]` header",
                    i + 1
                ));
            };
            let (remove, phrase) = match line.strip_prefix('-') {
                Some(rest) => (true, rest),
                None => (false, line),
            };
            let mut words = Vec::new();
            for piece in phrase.split_whitespace() {
                let star = piece.ends_with('*');
                let piece = piece.trim_end_matches('*');
                let parts: Vec<String> = crate::fold::word_spans(piece)
                    .map(|(a, b)| fold(&piece[a..b]))
                    .collect();
                let n = parts.len();
                for (j, w) in parts.into_iter().enumerate() {
                    words.push((w, star && j + 1 == n));
                }
            }
            let Some((first, star)) = words.first().cloned() else {
                continue;
            };
            if star && first.chars().count() < STEM_KEY {
                return Err(format!(
                    "line {}: a stem needs {STEM_KEY} letters or more before `*`",
                    i + 1
                ));
            }
            let pattern = Pattern { words, kind };
            let list = if star {
                self.stems.entry(stem_key(&first).to_string()).or_default()
            } else {
                self.exact.entry(first).or_default()
            };
            if remove {
                list.retain(|p| p.words != pattern.words);
            } else if !list.contains(&pattern) {
                list.push(pattern);
            }
        }
        Ok(())
    }

    /// The built-in lists.
    pub fn builtin() -> Lists {
        let mut l = Lists::default();
        l.add(include_str!("data/quasi-identifiers.txt"))
            .expect("the built-in quasi-identifier list parses");
        l
    }

    /// How many phrases the lists hold.
    pub fn len(&self) -> usize {
        self.exact
            .values()
            .chain(self.stems.values())
            .map(Vec::len)
            .sum()
    }

    /// Whether the lists are empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether `text`, read alone, holds a quasi-identifier: a kept text
    /// that does is a decision about a quasi-identifier, and must not join
    /// the allow-list of names (keeping "my brother Elchin was taken
    /// prisoner" keeps the clause, not the name in it).
    pub fn identifies(&self, text: &str) -> bool {
        let mut buf = String::new();
        let toks = super::tokens(text, &mut buf);
        !self.flags(text, &toks, &[], false).is_empty()
    }

    /// Whether a role or an occupation starts at token `i` (`nurse`, `head
    /// of the village`): what a person in apposition is (`Grace, the
    /// nurse, came`).
    pub(super) fn occupation_at(&self, text: &str, toks: &[Tok], i: usize) -> bool {
        self.at(text, toks, i)
            .iter()
            .any(|(k, _)| matches!(k, QKind::Role | QKind::Occupation))
    }

    /// The longest phrase of each kind starting at token `i`: (kind, end).
    fn at(&self, text: &str, toks: &[Tok], i: usize) -> Vec<(QKind, usize)> {
        let mut found: Vec<(QKind, usize)> = Vec::new();
        let first = toks[i].folded;
        let candidates = self
            .exact
            .get(first)
            .into_iter()
            .chain(self.stems.get(stem_key(first)))
            .flatten();
        for p in candidates {
            let fits = p.words.iter().enumerate().all(|(j, (w, star))| {
                let Some(t) = toks.get(i + j) else {
                    return false;
                };
                // Words of one phrase: nothing but spaces or a hyphen between.
                let joined = j == 0
                    || text[toks[i + j - 1].end..t.start]
                        .chars()
                        .all(|c| c.is_whitespace() || c == '-');
                joined
                    && if *star {
                        t.folded.starts_with(w.as_str())
                    } else {
                        t.folded == *w
                    }
            });
            if fits {
                let end = i + p.words.len();
                match found.iter_mut().find(|(k, _)| *k == p.kind) {
                    Some((_, e)) => *e = (*e).max(end),
                    None => found.push((p.kind, end)),
                }
            }
        }
        found
    }

    /// Review flags for the quasi-identifiers of `text`; `places` are the
    /// byte spans of places the anonymiser replaced.
    pub(super) fn find(&self, text: &str, toks: &[Tok], places: &[(usize, usize)]) -> Vec<Flag> {
        self.flags(text, toks, places, true)
    }

    /// [`Lists::find`], with or without the kept texts silencing flags.
    fn flags(
        &self,
        text: &str,
        toks: &[Tok],
        places: &[(usize, usize)],
        honour_kept: bool,
    ) -> Vec<Flag> {
        if toks.is_empty() || self.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<(QKind, usize, usize)> = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            let found = self.at(text, toks, i);
            // A role holds its occupation (`head doctor` over `doctor`).
            let role_end = found
                .iter()
                .find(|(k, _)| *k == QKind::Role)
                .map(|&(_, e)| e);
            for &(k, e) in &found {
                if k == QKind::Occupation && role_end.is_some_and(|r| r >= e) {
                    continue;
                }
                hits.push((k, i, e));
            }
            i += 1;
        }
        // Drop a hit inside a longer one of the same kind.
        let all = hits.clone();
        hits.retain(|&(k, a, b)| {
            !all.iter()
                .any(|&(k2, a2, b2)| k2 == k && a2 <= a && b <= b2 && (a2, b2) != (a, b))
        });
        // The sentence of each token, when a family position needs one.
        let sentence = if hits.iter().any(|h| h.0 == QKind::Kin) {
            sentences(text, toks)
        } else {
            Vec::new()
        };
        let mut flags = Vec::new();
        let mut push = |start: usize, end: usize, trigger: (usize, usize), reason: String| {
            let kept =
                |a: usize, b: usize| honour_kept && self.kept.contains(&fold(text[a..b].trim()));
            if !kept(start, end) && !kept(trigger.0, trigger.1) {
                flags.push(Flag { start, end, reason });
            }
        };
        for &(k, a, b) in &hits {
            let (start, end) = (toks[a].start, toks[b - 1].end);
            match k {
                QKind::Role => push(
                    start,
                    end,
                    (start, end),
                    "quasi-identifier: a role one person holds".into(),
                ),
                QKind::Occupation => push(
                    start,
                    end,
                    (start, end),
                    "quasi-identifier: an occupation".into(),
                ),
                QKind::Unique => {
                    // The rest of the clause: up to a comma, a sentence end
                    // or eight more words.
                    let mut j = b;
                    while j < toks.len()
                        && j < b + 8
                        && !text[toks[j - 1].end..toks[j].start].contains([
                            ',', ';', ':', '.', '!', '?', '…', '(', ')', '—', '–', '"', '«', '»',
                            '\n',
                        ])
                    {
                        j += 1;
                    }
                    push(
                        start,
                        toks[j - 1].end,
                        (start, end),
                        "quasi-identifier: uniqueness (`the only`, `the first`…)".into(),
                    );
                }
                QKind::Kin => {
                    // Evidence in the same sentence: an event, a year, a
                    // replaced place; the nearest one.
                    let same = |t: usize| sentence[t] == sentence[a];
                    let mut evidence: Vec<(usize, usize, &str)> = hits
                        .iter()
                        .filter(|&&(k2, a2, _)| k2 == QKind::Event && same(a2))
                        .map(|&(_, a2, b2)| (toks[a2].start, toks[b2 - 1].end, "an event"))
                        .collect();
                    evidence.extend(
                        toks.iter()
                            .enumerate()
                            .filter(|(t, tok)| same(*t) && is_year(tok.folded))
                            .map(|(_, tok)| (tok.start, tok.end, "a year")),
                    );
                    let (s_start, s_end) = sentence_span(toks, &sentence, a);
                    evidence.extend(
                        places
                            .iter()
                            .filter(|&&(ps, pe)| ps >= s_start && pe <= s_end)
                            .map(|&(ps, pe)| (ps, pe, "a place")),
                    );
                    if !evidence.is_empty() {
                        let from = evidence.iter().map(|e| e.0).min().unwrap_or(start);
                        let to = evidence.iter().map(|e| e.1).max().unwrap_or(end);
                        let mut what: Vec<&str> = Vec::new();
                        for w in ["an event", "a year", "a place"] {
                            if evidence.iter().any(|e| e.2 == w) {
                                what.push(w);
                            }
                        }
                        push(
                            start.min(from),
                            end.max(to),
                            (start, end),
                            format!(
                                "quasi-identifier: a family position with {}",
                                what.join(" and ")
                            ),
                        );
                    }
                }
                QKind::Event => {}
            }
        }
        flags.sort_by_key(|f| (f.start, f.end));
        flags.dedup_by_key(|f| (f.start, f.end));
        flags
    }
}

/// The sentence of each token: a new one after . ! ? … or a blank line.
fn sentences(text: &str, toks: &[Tok]) -> Vec<usize> {
    let mut out = Vec::with_capacity(toks.len());
    let mut s = 0usize;
    for (i, t) in toks.iter().enumerate() {
        if i > 0 {
            let gap = &text[toks[i - 1].end..t.start];
            if gap.contains(['.', '!', '?', '…']) || gap.contains("\n\n") {
                s += 1;
            }
        }
        out.push(s);
    }
    out
}

/// A year of living memory (1900–2099) written in digits.
fn is_year(w: &str) -> bool {
    w.len() == 4
        && (w.starts_with("19") || w.starts_with("20"))
        && w.bytes().all(|b| b.is_ascii_digit())
}

/// Byte span of the sentence token `a` is in.
fn sentence_span(toks: &[Tok], sentence: &[usize], a: usize) -> (usize, usize) {
    let first = sentence.partition_point(|&s| s < sentence[a]);
    let last = sentence.partition_point(|&s| s <= sentence[a]) - 1;
    (toks[first].start, toks[last].end)
}

#[cfg(test)]
mod tests {
    use super::super::{Anonymiser, Pseudonyms, Register, Resources};

    fn flags(text: &str) -> Vec<(String, String)> {
        flags_with(text, "")
    }

    fn flags_with(text: &str, allow: &str) -> Vec<(String, String)> {
        let a = Anonymiser::new(Register::default(), Resources::builtin(allow, ""));
        let out = a.anonymise(text, &mut Pseudonyms::default());
        out.flags
            .iter()
            .filter(|f| f.reason.starts_with("quasi-identifier"))
            .map(|f| (text[f.start..f.end].to_string(), f.reason.clone()))
            .collect()
    }

    fn flagged(text: &str, want: &str, reason: &str) {
        let got = flags(text);
        assert!(
            got.iter().any(|(t, r)| t == want && r.contains(reason)),
            "{text:?}: want {want:?} ({reason}), got {got:?}"
        );
    }

    #[test]
    fn roles_in_three_languages() {
        flagged(
            "He was the head of the school until the war.",
            "head of the school",
            "role",
        );
        flagged("The imam of the mosque came too.", "imam", "role");
        flagged(
            "Она работала директором школы в селе.",
            "директором школы",
            "role",
        );
        flagged(
            "Atam kolxoz sədri idi, hamı onu tanıyırdı.",
            "kolxoz sədri",
            "role",
        );
    }

    #[test]
    fn occupations_in_the_singular_in_three_languages() {
        flagged(
            "I worked as a tractor driver for ten years.",
            "tractor driver",
            "occupation",
        );
        flagged("My wife is a nurse at the clinic.", "nurse", "occupation");
        // The plural names no one.
        assert!(flags("The teachers were kind to the children.").is_empty());
        flagged(
            "Я была учительницей русского языка.",
            "учительницей",
            "occupation",
        );
        flagged(
            "Mən müəllimə idim, uşaqlara dərs deyirdim.",
            "müəllimə",
            "occupation",
        );
        // Words that begin like an occupation are none (`поэтому`,
        // therefore; `судьба`, fate; `icra hakimiyyəti`, the executive
        // authority; `elektrik yox idi`, there was no electricity).
        assert!(
            flags("Поэтому судьба такая. Продавать было нечего, торговля встала.").is_empty(),
            "{:?}",
            flags("Поэтому судьба такая. Продавать было нечего, торговля встала.")
        );
        assert!(flags("Rayon icra hakimiyyəti kömək etdi, elektrik yox idi.").is_empty());
        flagged("Мой сосед был поэтом.", "поэтом", "occupation");
        flagged("Atam hakim idi.", "hakim", "occupation");
    }

    #[test]
    fn uniqueness_takes_the_rest_of_its_clause() {
        flagged(
            "I was the only female tractor driver in our village, you know.",
            "the only female tractor driver in our village",
            "uniqueness",
        );
        flagged(
            "She became the first woman who drove a bus here.",
            "the first woman who drove a bus here",
            "uniqueness",
        );
        flagged(
            "Она была единственной женщиной-трактористкой в районе.",
            "единственной женщиной-трактористкой в районе",
            "uniqueness",
        );
        flagged(
            "O, kənddə yeganə qadın sürücü idi.",
            "yeganə qadın sürücü idi",
            "uniqueness",
        );
    }

    #[test]
    fn family_positions_with_an_event_a_year_or_a_place() {
        flagged(
            "My brother who was taken prisoner in 1993 never spoke of it.",
            "My brother who was taken prisoner in 1993",
            "event",
        );
        flagged(
            "My son was born there in 1994.",
            "My son was born there in 1994",
            "year",
        );
        flagged(
            "Мой брат попал в плен под Агдамом.",
            "брат попал в плен",
            "event",
        );
        flagged(
            "Qardaşım 1992-ci ildə şəhid oldu.",
            "Qardaşım 1992-ci ildə şəhid",
            "event",
        );
        // A family position alone is no flag.
        assert!(flags("My mother cooked for all of us.").is_empty());
        // Nor an event without one.
        assert!(flags("Many were taken prisoner in those years.").is_empty());
    }

    #[test]
    fn a_kept_text_is_not_flagged_and_projects_add_their_own() {
        assert!(flags_with("My wife is a nurse at the clinic.", "nurse").is_empty());
        let mut lists = super::Lists::builtin();
        let before = lists.len();
        lists.add("[occupation en]\nsilk weaver\n-nurse\n").unwrap();
        assert_eq!(lists.len(), before);
        assert!(lists.add("silk weaver\n").unwrap_err().contains("line 1"));
        assert!(lists.add("[jobs en]\nx\n").unwrap_err().contains("line 1"));
        let mut own = super::Lists::builtin();
        own.add("[occupation en]\nsilk weaver\n").unwrap();
        assert!(own.identifies("a silk weaver"));
        assert!(!own.identifies("Rose"));
        let a = Anonymiser::new(
            Register::default(),
            Resources::builtin("", "").with_quasi_identifiers(own, &[]),
        );
        let out = a.anonymise("She was a silk weaver.", &mut Pseudonyms::default());
        assert_eq!(out.flags.len(), 1, "{out:?}");
    }
}
