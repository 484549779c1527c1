//! Sentences: unicode-segmentation's sentence bounds, then a merge pass for
//! what it gets wrong: titles and initials (`Mr. Aliyev`, `А. С. Пушкин`),
//! Russian abbreviations (`1799 г. В Москве`, `ул. Низами`), and a bound
//! followed by a lower-case word or a digit.

use crate::fold::fold;
use unicode_segmentation::UnicodeSegmentation;

/// Abbreviations after which a sentence bound is not a sentence end (folded, without the dot).
const ABBREVIATIONS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "st",
    "no",
    "nr",
    "vs",
    "e.g",
    "i.e",
    "cf",
    "approx",
    "ca",
    "jr",
    "sr",
    "gen",
    "col",
    "lt",
    "capt",
    "rev",
    "hon",
    "mt",
    "ave",
    "rd",
    "ft",
    "dept",
    "est",
    "fig",
    "vol",
    "pp",
    "tel",
    "г",
    "гг",
    "ул",
    "им",
    "см",
    "табл",
    "рис",
    "т",
    "д",
    "кв",
    "с",
    "пос",
    "обл",
    "тел",
    "стр",
    "в",
    "вв",
    "пр",
    "т.е",
    "т.к",
    "напр",
    "проф",
    "акад",
    "р-н",
    "пер",
    "просп",
    "ş",
    "küç",
    "r",
    "m",
];

/// Byte ranges of the sentences of a paragraph (whitespace trimmed).
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut raw: Vec<(usize, usize)> = Vec::new();
    for (start, piece) in text.split_sentence_bound_indices() {
        let end = start + piece.len();
        let merge = raw.last().is_some_and(|&(ps, pe)| {
            let prev = text[ps..pe].trim_end();
            let next = piece.trim_start();
            should_merge(prev, next)
        });
        if merge {
            raw.last_mut().expect("checked").1 = end;
        } else {
            raw.push((start, end));
        }
    }
    raw.into_iter()
        .filter_map(|(s, e)| {
            let piece = &text[s..e];
            let lead = piece.len() - piece.trim_start().len();
            let trimmed = piece.trim();
            (!trimmed.is_empty()).then(|| (s + lead, s + lead + trimmed.len()))
        })
        .collect()
}

fn should_merge(prev: &str, next: &str) -> bool {
    if prev.is_empty() {
        return false;
    }
    let Some(first) = next.chars().next() else {
        return false;
    };
    if prev.ends_with('\n') {
        return false;
    }
    if !prev.ends_with('.') {
        return false;
    }
    if first.is_lowercase() || first.is_ascii_digit() {
        return true;
    }
    let last_word = prev[..prev.len() - 1]
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .next()
        .unwrap_or("");
    let folded = fold(last_word);
    // A single letter: an initial.
    if last_word.chars().count() == 1 && last_word.chars().all(char::is_uppercase) {
        return true;
    }
    ABBREVIATIONS.contains(&folded.as_str())
}
