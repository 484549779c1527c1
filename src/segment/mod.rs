//! Structure and segments: extracted blocks → normalised text, speaker turns,
//! paragraphs and sentences with stable ids and character offsets.
//!
//! This is pure: no I/O. The normalised text of a document is its paragraphs in
//! order (NFC, horizontal whitespace collapsed, joined by blank lines), speaker
//! labels included as written. Every segment points into it with character
//! (Unicode scalar value) offsets, the unit REFI-QDA uses, and carries the page
//! or timestamp it starts at.
//!
//! Speaker labels are recognised at the start of a line: role labels
//! (`Interviewer:`, `I:`, `R:`, `Q:`/`A:`, `Respondent 2:`, `Интервьюер:`, …)
//! always; other names (`Leyla:`, `Mr. Hasanov:`, `[id1]`) only when the same
//! label starts at least two lines of the document, so that `Note:` or
//! `Recommendation:` in a report does not become a speaker. A `[00:12:34]`
//! timestamp before a label anchors the turn in time. Lines without a label
//! continue the current turn. Roles come from the label, or from the names
//! listed as interviewers for the document (metadata column `interviewer`).
//!
//! Sentences come from unicode-segmentation's sentence bounds followed by a merge
//! pass for what it gets wrong: titles and initials (`Mr. Aliyev`, `А. С. Пушкин`),
//! Russian abbreviations (`1799 г. В Москве`, `ул. Низами`), and a bound followed
//! by a lower-case word or a digit.

mod lang;
mod sentences;
mod speakers;

pub use lang::guess_lang;
pub use sentences::sentences;
use speakers::{accepted_labels, parse_label, parse_leading_timestamp, role_of_label};

use crate::extract::{Block, BlockKind, Extracted};
use crate::fold::fold;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use unicode_normalization::UnicodeNormalization;

/// Segment granularity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SegmentKind {
    /// A speaker turn: consecutive paragraphs of one speaker.
    Turn,
    /// A paragraph.
    Paragraph,
    /// A sentence.
    Sentence,
}

impl SegmentKind {
    /// Lower-case name.
    pub fn name(self) -> &'static str {
        match self {
            SegmentKind::Turn => "turn",
            SegmentKind::Paragraph => "paragraph",
            SegmentKind::Sentence => "sentence",
        }
    }

    /// Parses a lower-case name.
    pub fn parse(s: &str) -> Option<SegmentKind> {
        match s {
            "turn" => Some(SegmentKind::Turn),
            "paragraph" => Some(SegmentKind::Paragraph),
            "sentence" => Some(SegmentKind::Sentence),
            _ => None,
        }
    }

    fn letter(self) -> char {
        match self {
            SegmentKind::Turn => 't',
            SegmentKind::Paragraph => 'p',
            SegmentKind::Sentence => 's',
        }
    }
}

/// Speaker role in an interview.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Asks the questions.
    Interviewer,
    /// Answers them.
    Respondent,
    /// A labelled speaker whose role is not known (`Speaker 2`).
    Other,
}

impl Role {
    /// Lower-case name.
    pub fn name(self) -> &'static str {
        match self {
            Role::Interviewer => "interviewer",
            Role::Respondent => "respondent",
            Role::Other => "other",
        }
    }
}

/// One segment of a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Segment {
    /// Stable id: `{doc}#{t|p|s}{ordinal}`.
    pub id: String,
    /// Granularity.
    pub kind: SegmentKind,
    /// 1-based position among the document's segments of this kind.
    pub ordinal: u32,
    /// The text (a slice of the document text).
    pub text: String,
    /// Start offset in characters into the document text.
    pub start: usize,
    /// End offset (exclusive) in characters.
    pub end: usize,
    /// Speaker label as written, if any.
    pub speaker: Option<String>,
    /// Role of the speaker.
    pub role: Option<Role>,
    /// Page the segment starts on.
    pub page: Option<u32>,
    /// Time the segment starts at, in milliseconds.
    pub start_ms: Option<u64>,
    /// Time the segment ends at, in milliseconds (captions).
    pub end_ms: Option<u64>,
    /// Ordinal of the paragraph holding this segment (its own for a paragraph;
    /// the first one for a turn).
    pub paragraph: u32,
    /// Ordinal of the turn holding this segment, if the document has turns.
    pub turn: Option<u32>,
    /// `body`, `heading`, `table` or `note`.
    pub block: &'static str,
    /// Script-based language guess: `en`, `az`, `ru`, `hy`, `ka`, or `und`.
    pub lang: &'static str,
}

/// A segmented document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Segmented {
    /// The normalised text all offsets point into.
    pub text: String,
    /// Turns, paragraphs and sentences, in document order within each kind.
    pub segments: Vec<Segment>,
}

/// Settings for structure detection.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Speaker names (folded) that are interviewers in this document.
    pub interviewers: HashSet<String>,
}

/// A paragraph before sentence splitting.
#[derive(Debug, Default)]
struct Para {
    prefix: String,
    content: String,
    speaker: Option<String>,
    /// Anchors: (byte offset in content, page, ms).
    anchors: Vec<(usize, Option<u32>, Option<u64>)>,
    end_ms: Option<u64>,
    kind: Option<BlockKind>,
}

/// Segments an extracted document whose id is `doc_id`.
pub fn segment(doc_id: &str, extracted: &Extracted, settings: &Settings) -> Segmented {
    let blocks: Vec<Block> = extracted
        .blocks
        .iter()
        .map(|b| Block {
            text: b.text.nfc().collect(),
            ..b.clone()
        })
        .collect();
    let accepted = accepted_labels(&blocks);
    let paras = build_paragraphs(&blocks, &accepted);
    assemble(doc_id, paras, settings)
}

fn is_page_number_line(line: &str) -> bool {
    let t = line
        .trim()
        .trim_matches(|c| c == '-' || c == '–' || c == ' ');
    let t = t
        .strip_prefix("Page ")
        .or_else(|| t.strip_prefix("page "))
        .unwrap_or(t);
    let t = t
        .split(" of ")
        .next()
        .unwrap_or(t)
        .split('/')
        .next()
        .unwrap_or(t)
        .trim();
    !t.is_empty() && t.len() <= 4 && t.chars().all(|c| c.is_ascii_digit())
}

fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c == '\n' {
            while out.ends_with(' ') {
                out.pop();
            }
            out.push('\n');
            space = false;
        } else if c.is_whitespace() || c == '\u{200b}' {
            space = true;
        } else {
            if space && !out.is_empty() && !out.ends_with('\n') {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out.trim().to_string()
}

fn ends_sentence(s: &str) -> bool {
    s.trim_end()
        .ends_with(['.', '!', '?', ':', '…', '"', '»', '”', ')', '։', '։'])
}

fn build_paragraphs(blocks: &[Block], accepted: &HashSet<String>) -> Vec<Para> {
    let mut paras: Vec<Para> = Vec::new();
    let mut current: Option<Para> = None;
    let label_of = |line: &str| parse_label(line).filter(|l| accepted.contains(&fold(&l.name)));
    let flush = |current: &mut Option<Para>, paras: &mut Vec<Para>| {
        if let Some(mut p) = current.take() {
            p.content = collapse_ws(&p.content);
            if !p.content.is_empty() || p.speaker.is_some() {
                paras.push(p);
            }
        }
    };
    for block in blocks {
        match block.kind {
            BlockKind::Flow => {
                let lines: Vec<&str> = block.text.lines().collect();
                let last_idx = lines.len().saturating_sub(1);
                let mut first_content_line = true;
                for (i, line) in lines.iter().enumerate() {
                    if line.trim().is_empty() {
                        flush(&mut current, &mut paras);
                        continue;
                    }
                    if block.page.is_some()
                        && (i <= 1 || i + 1 >= last_idx)
                        && is_page_number_line(line)
                    {
                        continue;
                    }
                    let label = label_of(line);
                    let (time, ts_len) = if label.is_none() {
                        parse_leading_timestamp(line)
                    } else {
                        (None, 0)
                    };
                    let continues_across_page = first_content_line
                        && block.page.is_some_and(|p| p > 1)
                        && current.as_ref().is_some_and(|c| !ends_sentence(&c.content))
                        && line
                            .trim_start()
                            .chars()
                            .next()
                            .is_some_and(|c| c.is_lowercase());
                    first_content_line = false;
                    if label.is_some()
                        || time.is_some()
                        || (current.is_none())
                        || (block.page.is_some() && i == 0 && !continues_across_page)
                    {
                        flush(&mut current, &mut paras);
                        let mut p = Para {
                            kind: Some(BlockKind::Flow),
                            ..Para::default()
                        };
                        let skip = if let Some(l) = &label {
                            p.speaker = Some(l.name.clone());
                            l.prefix_len
                        } else {
                            ts_len
                        };
                        p.prefix = line[..skip].to_string();
                        p.anchors.push((
                            0,
                            block.page,
                            label.as_ref().and_then(|l| l.time_ms).or(time),
                        ));
                        p.content.push_str(&line[skip..]);
                        current = Some(p);
                    } else if let Some(p) = current.as_mut() {
                        if !p.content.is_empty() {
                            p.content.push(' ');
                        }
                        if continues_across_page && i == 0 {
                            p.anchors.push((p.content.len(), block.page, None));
                        }
                        p.content.push_str(line);
                    }
                }
                if block.page.is_none() {
                    flush(&mut current, &mut paras);
                }
            }
            BlockKind::Cue => {
                let label = block.text.lines().next().and_then(label_of);
                let speaker = block
                    .speaker
                    .clone()
                    .or_else(|| label.as_ref().map(|l| l.name.clone()));
                let body_start = label.as_ref().map_or(0, |l| l.prefix_len);
                let body = block.text[body_start..].replace('\n', " ");
                let same_turn = current.as_ref().is_some_and(|c| {
                    c.kind == Some(BlockKind::Cue) && (speaker.is_none() || speaker == c.speaker)
                });
                if !same_turn {
                    flush(&mut current, &mut paras);
                    current = Some(Para {
                        kind: Some(BlockKind::Cue),
                        prefix: if block.speaker.is_some() || label.is_none() {
                            String::new()
                        } else {
                            block.text[..body_start].to_string()
                        },
                        speaker: speaker.clone(),
                        ..Para::default()
                    });
                }
                let p = current.as_mut().expect("set above");
                if !p.content.is_empty() {
                    p.content.push(' ');
                }
                p.anchors.push((p.content.len(), None, block.start_ms));
                p.content.push_str(body.trim());
                p.end_ms = block.end_ms.or(p.end_ms);
            }
            kind => {
                flush(&mut current, &mut paras);
                let label = if kind == BlockKind::Heading {
                    None
                } else {
                    label_of(&block.text)
                };
                let skip = label.as_ref().map_or(0, |l| l.prefix_len);
                paras.push(Para {
                    prefix: block.text[..skip].to_string(),
                    content: collapse_ws(&block.text[skip..]),
                    speaker: label.as_ref().map(|l| l.name.clone()),
                    anchors: vec![(
                        0,
                        block.page,
                        label.and_then(|l| l.time_ms).or(block.start_ms),
                    )],
                    end_ms: block.end_ms,
                    kind: Some(kind),
                });
                paras.retain(|p| !p.content.is_empty() || p.speaker.is_some());
            }
        }
    }
    flush(&mut current, &mut paras);
    paras
}

fn role_for(speaker: &str, settings: &Settings) -> Role {
    let folded = fold(speaker);
    if settings.interviewers.contains(&folded) {
        return Role::Interviewer;
    }
    role_of_label(&folded).unwrap_or(Role::Respondent)
}

fn block_name(kind: Option<BlockKind>) -> &'static str {
    match kind {
        Some(BlockKind::Heading) => "heading",
        Some(BlockKind::TableCell) => "table",
        Some(BlockKind::Note) => "note",
        _ => "body",
    }
}

fn assemble(doc_id: &str, paras: Vec<Para>, settings: &Settings) -> Segmented {
    let mut text = String::new();
    let mut chars = 0usize; // char length of `text`
    let mut segments = Vec::new();
    let mut turns: Vec<Segment> = Vec::new();
    let mut counters = [0u32; 3];
    let next_id = |kind: SegmentKind, counters: &mut [u32; 3]| {
        let slot = kind as usize;
        counters[slot] += 1;
        (
            counters[slot],
            format!("{doc_id}#{}{}", kind.letter(), counters[slot]),
        )
    };
    let mut current_turn: Option<usize> = None;
    for para in paras {
        if !text.is_empty() {
            text.push_str("\n\n");
            chars += 2;
        }
        let is_body_block = matches!(
            para.kind,
            Some(BlockKind::Flow | BlockKind::Paragraph | BlockKind::Cue)
        );
        let role = para.speaker.as_deref().map(|s| role_for(s, settings));
        // Turn bookkeeping: a label starts a new turn unless the same speaker
        // is already talking (`R: … \n\n R: …` is one turn of two paragraphs).
        let same_speaker = current_turn.is_some_and(|t| turns[t].speaker == para.speaker);
        if para.speaker.is_some() && !same_speaker {
            let (ordinal, id) = next_id(SegmentKind::Turn, &mut counters);
            turns.push(Segment {
                id,
                kind: SegmentKind::Turn,
                ordinal,
                text: String::new(),
                start: 0,
                end: 0,
                speaker: para.speaker.clone(),
                role,
                page: None,
                start_ms: None,
                end_ms: None,
                paragraph: counters[SegmentKind::Paragraph as usize] + 1,
                turn: Some(ordinal),
                block: "body",
                lang: "und",
            });
            current_turn = Some(turns.len() - 1);
        } else if !is_body_block && para.speaker.is_none() {
            current_turn = None;
        }
        let prefix = para.prefix.nfc().collect::<String>();
        text.push_str(&prefix);
        chars += prefix.chars().count();
        let content_start = chars;
        text.push_str(&para.content);
        let content_chars = para.content.chars().count();
        chars += content_chars;
        if para.content.is_empty() {
            continue;
        }
        let (turn_ordinal, speaker, role) = match current_turn {
            Some(t) => (
                Some(turns[t].ordinal),
                turns[t].speaker.clone(),
                turns[t].role,
            ),
            None => (None, None, None),
        };
        let anchor_at = |byte: usize| {
            let mut page = None;
            let mut ms = None;
            for &(off, p, t) in &para.anchors {
                if off <= byte {
                    page = p.or(page);
                    ms = t.or(ms);
                }
            }
            (page, ms)
        };
        let (page, start_ms) = anchor_at(0);
        let (p_ordinal, p_id) = next_id(SegmentKind::Paragraph, &mut counters);
        if let Some(t) = current_turn {
            let turn = &mut turns[t];
            if turn.text.is_empty() {
                turn.start = content_start;
                turn.page = page;
                turn.start_ms = start_ms;
                turn.paragraph = p_ordinal;
            } else {
                turn.text.push_str("\n\n");
            }
            turn.text.push_str(&para.content);
            turn.end = content_start + content_chars;
            turn.end_ms = para.end_ms.or(turn.end_ms);
        }
        let block = block_name(para.kind);
        segments.push(Segment {
            id: p_id,
            kind: SegmentKind::Paragraph,
            ordinal: p_ordinal,
            text: para.content.clone(),
            start: content_start,
            end: content_start + content_chars,
            speaker: speaker.clone(),
            role,
            page,
            start_ms,
            end_ms: para.end_ms,
            paragraph: p_ordinal,
            turn: turn_ordinal,
            block,
            lang: guess_lang(&para.content),
        });
        for (b_start, b_end) in sentences(&para.content) {
            let s_text = &para.content[b_start..b_end];
            let start = content_start + para.content[..b_start].chars().count();
            let (page, start_ms) = anchor_at(b_start);
            let (s_ordinal, s_id) = next_id(SegmentKind::Sentence, &mut counters);
            segments.push(Segment {
                id: s_id,
                kind: SegmentKind::Sentence,
                ordinal: s_ordinal,
                text: s_text.to_string(),
                start,
                end: start + s_text.chars().count(),
                speaker: speaker.clone(),
                role,
                page,
                start_ms,
                end_ms: None,
                paragraph: p_ordinal,
                turn: turn_ordinal,
                block,
                lang: guess_lang(s_text),
            });
        }
    }
    for mut turn in turns {
        if turn.text.is_empty() {
            continue;
        }
        turn.lang = guess_lang(&turn.text);
        segments.push(turn);
    }
    segments.sort_by_key(|s| (s.kind, s.ordinal));
    Segmented { text, segments }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Extracted;

    fn flow(text: &str) -> Extracted {
        Extracted {
            blocks: vec![Block::new(BlockKind::Flow, text)],
            ..Extracted::default()
        }
    }

    fn of_kind(s: &Segmented, kind: SegmentKind) -> Vec<&Segment> {
        s.segments.iter().filter(|x| x.kind == kind).collect()
    }

    #[test]
    fn turns_roles_and_offsets() {
        let text = "Interviewer: Where did you live\nbefore 1993?\n\nR: In Şuşa. Mr. Əliyev was our neighbour.\nWe left in May.\n\nI: And then?\n[00:12:34] R: The dormitory in Gəncə.";
        let s = segment("d.txt", &flow(text), &Settings::default());
        let turns = of_kind(&s, SegmentKind::Turn);
        assert_eq!(turns.len(), 4);
        assert_eq!(turns[0].role, Some(Role::Interviewer));
        assert_eq!(turns[0].text, "Where did you live before 1993?");
        assert_eq!(turns[1].role, Some(Role::Respondent));
        assert_eq!(turns[3].start_ms, Some(754_000));
        let sents = of_kind(&s, SegmentKind::Sentence);
        let texts: Vec<&str> = sents.iter().map(|x| x.text.as_str()).collect();
        assert!(
            texts.contains(&"Mr. Əliyev was our neighbour."),
            "{texts:?}"
        );
        for seg in &s.segments {
            let slice: String = s
                .text
                .chars()
                .skip(seg.start)
                .take(seg.end - seg.start)
                .collect();
            if seg.kind != SegmentKind::Turn {
                assert_eq!(slice, seg.text, "offsets of {}", seg.id);
            }
        }
        assert_eq!(sents[0].id, "d.txt#s1");
    }

    #[test]
    fn report_colons_are_not_speakers() {
        let text = "Summary\n\nNote: figures are rounded.\n\nRecommendation: fund legal aid.\n\nRecommendation: repair roofs.";
        let s = segment("r", &flow(text), &Settings::default());
        assert!(of_kind(&s, SegmentKind::Turn).is_empty());
        assert!(s.segments.iter().all(|x| x.speaker.is_none()));
    }

    #[test]
    fn named_speakers_need_two_lines() {
        let text = "Leyla: We lived in Ağdam.\nNigar: And you?\nLeyla: Since 1993 in Bərdə.\nNigar: Thank you.\nKamran: once only.";
        let settings = Settings {
            interviewers: ["nigar".to_string()].into_iter().collect(),
        };
        let s = segment("x", &flow(text), &settings);
        let turns = of_kind(&s, SegmentKind::Turn);
        assert_eq!(turns.len(), 4, "{turns:?}");
        assert_eq!(turns[0].speaker.as_deref(), Some("Leyla"));
        assert_eq!(turns[0].role, Some(Role::Respondent));
        assert_eq!(turns[1].role, Some(Role::Interviewer));
        assert_eq!(turns[3].text, "Thank you. Kamran: once only.");
    }

    #[test]
    fn same_speaker_twice_is_one_turn() {
        let s = segment(
            "x",
            &flow("R: One.\n\nR: Two.\n\nI: Three?"),
            &Settings::default(),
        );
        let turns = of_kind(&s, SegmentKind::Turn);
        assert_eq!(turns.len(), 2);
        assert_eq!(turns[0].text, "One.\n\nTwo.");
        assert_eq!(of_kind(&s, SegmentKind::Paragraph).len(), 3);
    }

    #[test]
    fn russian_abbreviations_and_initials() {
        let p = "В 1993 г. В Москве жил А. С. Петросян, ул. Низами. Потом уехал.";
        let s: Vec<&str> = sentences(p).into_iter().map(|(a, b)| &p[a..b]).collect();
        assert_eq!(
            s,
            [
                "В 1993 г. В Москве жил А. С. Петросян, ул. Низами.",
                "Потом уехал."
            ]
        );
    }

    #[test]
    fn language_guess() {
        assert_eq!(guess_lang("Мы жили в общежитии"), "ru");
        assert_eq!(guess_lang("Biz yataqxanada yaşayırdıq"), "az");
        assert_eq!(guess_lang("Մենք ապրում էինք"), "hy");
        assert_eq!(guess_lang("ჩვენ ვცხოვრობდით"), "ka");
        assert_eq!(guess_lang("We lived in a dormitory"), "en");
    }
}
