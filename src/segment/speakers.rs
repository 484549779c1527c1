//! Speaker labels at the start of a line: role labels (`Interviewer:`, `I:`,
//! `Q:`/`A:`, `Интервьюер:`) always, other names only when the same label
//! starts two lines or more (`Note:` in a report is no speaker), with an
//! optional timestamp before the label.

use super::Role;
use crate::extract::{Block, BlockKind};
use crate::fold::fold;
use std::collections::{HashMap, HashSet};

/// A speaker label found at the start of a line.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Label {
    /// The label as written (without colon or brackets).
    pub(super) name: String,
    /// Timestamp before the label, in ms.
    pub(super) time_ms: Option<u64>,
    /// Byte length of the prefix (timestamp, label, colon, spaces).
    pub(super) prefix_len: usize,
}

/// Labels that count as speakers in this document.
pub(super) fn accepted_labels(blocks: &[Block]) -> HashSet<String> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for block in blocks {
        if block.kind == BlockKind::Heading {
            continue;
        }
        for line in block.text.lines() {
            if let Some(label) = parse_label(line) {
                *counts.entry(fold(&label.name)).or_default() += 1;
            }
        }
    }
    counts
        .into_iter()
        .filter(|(name, n)| {
            role_of_label(name).is_some() || (*n >= 2 && !NOT_SPEAKERS.contains(&name.as_str()))
        })
        .map(|(name, _)| name)
        .collect()
}

/// Words that end in a colon in reports but are not speakers.
const NOT_SPEAKERS: &[&str] = &[
    "note",
    "notes",
    "source",
    "sources",
    "table",
    "figure",
    "fig",
    "recommendation",
    "recommendations",
    "summary",
    "example",
    "date",
    "location",
    "place",
    "time",
    "title",
    "subject",
    "re",
    "conclusion",
    "conclusions",
    "key findings",
    "finding",
    "findings",
    "question",
    "answer",
    "methodology",
    "background",
    "purpose",
    "objective",
    "objectives",
    "tel",
    "phone",
    "email",
    "e-mail",
    "fax",
    "website",
    "www",
    "http",
    "https",
    "step",
    "warning",
    "important",
    "to",
    "from",
    "cc",
    "attachment",
    "keywords",
    "abstract",
    "примечание",
    "источник",
    "таблица",
    "рисунок",
    "дата",
    "место",
    "вывод",
    "выводы",
];

/// Role a label names by itself, or `None` for a personal name.
pub(super) fn role_of_label(folded: &str) -> Option<Role> {
    let word = folded.trim_end_matches('.');
    let head = word.split_whitespace().next().unwrap_or("");
    let numbered = word.split_whitespace().count() == 2
        && word.split_whitespace().nth(1).is_some_and(|n| {
            n.chars()
                .all(|c| c.is_ascii_digit() || c.is_ascii_alphabetic())
                && n.len() <= 3
        });
    let single = word.split_whitespace().count() == 1;
    let interviewer = [
        "interviewer",
        "int",
        "i",
        "q",
        "moderator",
        "facilitator",
        "researcher",
        "интервьюер",
        "и",
        "в",
        "вопрос",
        "musahibeci",
        "intervyuer",
    ];
    let respondent = [
        "respondent",
        "resp",
        "r",
        "a",
        "interviewee",
        "participant",
        "респондент",
        "р",
        "о",
        "ответ",
        "respondent",
    ];
    if interviewer.contains(&head) && (single || numbered) {
        return Some(Role::Interviewer);
    }
    if respondent.contains(&head) && (single || numbered) {
        return Some(Role::Respondent);
    }
    if ["speaker", "спикер", "голос", "voice"].contains(&head) && numbered {
        return Some(Role::Other);
    }
    None
}

/// Parses a speaker label (and optional timestamp) at the start of a line.
pub(super) fn parse_label(line: &str) -> Option<Label> {
    let (time_ms, after_time) = parse_leading_timestamp(line);
    let rest = &line[after_time..];
    let trimmed_start = rest.len() - rest.trim_start().len();
    let rest_t = &rest[trimmed_start..];
    // `[id1] text` style.
    if let Some(inner) = rest_t.strip_prefix('[') {
        let close = inner.find(']')?;
        let name = &inner[..close];
        let after = &inner[close + 1..];
        if !name.is_empty()
            && name.len() <= 30
            && !name.contains(char::is_whitespace)
            && after.starts_with(' ')
            && parse_time_str(name).is_none()
        {
            let prefix_len = after_time
                + trimmed_start
                + 1
                + close
                + 1
                + (after.len() - after.trim_start().len());
            return Some(Label {
                name: name.to_string(),
                time_ms,
                prefix_len,
            });
        }
        return None;
    }
    let colon = rest_t.find(':')?;
    let name = rest_t[..colon].trim();
    let after = &rest_t[colon + 1..];
    if name.is_empty()
        || name.chars().count() > 40
        || !(after.is_empty() || after.starts_with(char::is_whitespace))
    {
        return None;
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() > 4 {
        return None;
    }
    let first = words[0].chars().next()?;
    if !(first.is_uppercase()
        || (first.is_alphabetic() && words.len() == 1 && words[0].chars().count() <= 2))
    {
        return None;
    }
    // Every word capitalised, a number, or a short particle (`de`, `oğlu`, `qızı`).
    let ok = words.iter().all(|w| {
        let c = w.chars().next().unwrap_or(' ');
        c.is_uppercase() || c.is_ascii_digit() || ["oğlu", "qızı", "de", "van", "von"].contains(w)
    });
    if !ok || words.iter().all(|w| w.chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    if name
        .chars()
        .any(|c| !(c.is_alphanumeric() || matches!(c, ' ' | '.' | '-' | '\'' | '’')))
    {
        return None;
    }
    let prefix_len =
        after_time + trimmed_start + colon + 1 + (after.len() - after.trim_start().len());
    Some(Label {
        name: name.to_string(),
        time_ms,
        prefix_len,
    })
}

/// `[00:12:34]`, `(00:12:34)` or `00:12:34` followed by a space.
pub(super) fn parse_leading_timestamp(line: &str) -> (Option<u64>, usize) {
    let t = line.trim_start();
    let lead = line.len() - t.len();
    let (open, close) = match t.chars().next() {
        Some('[') => (1, Some(']')),
        Some('(') => (1, Some(')')),
        _ => (0, None),
    };
    let body = &t[open..];
    let end = match close {
        Some(c) => match body.find(c) {
            Some(e) => e,
            None => return (None, 0),
        },
        None => body.find(' ').unwrap_or(body.len()),
    };
    match parse_time_str(&body[..end]) {
        Some(ms) => {
            let consumed = lead + open + end + close.map_or(0, |_| 1);
            let rest = &line[consumed..];
            (Some(ms), consumed + (rest.len() - rest.trim_start().len()))
        }
        None => (None, 0),
    }
}

/// `hh:mm:ss` or `mm:ss`, optional fraction.
pub(super) fn parse_time_str(s: &str) -> Option<u64> {
    if s.len() < 4 || !s.contains(':') {
        return None;
    }
    crate::extract::subtitles::parse_time(s)
}
