//! WebVTT and SubRip captions from transcription tools.
//!
//! Each cue becomes one [`BlockKind::Cue`] block with its start and end time.
//! A WebVTT voice tag (`<v Leyla>`, `<v.loud Leyla>`) becomes the block's speaker;
//! every other tag (`<i>`, `<c.yellow>`, karaoke timestamps, SRT `{\an8}`) is
//! dropped and character references are decoded. Merging cues into speaker turns
//! is the segmenter's job, so that `Name:` labels inside cue text are handled the
//! same way as in any other transcript. Parsing is lenient like browsers are: a
//! block without a valid timing line is skipped with a warning, never fatal.

use super::text::decode;
use super::{Block, BlockKind, ExtractError, Extracted, Limits};

/// Extracts a WebVTT file.
pub fn extract_vtt(bytes: &[u8], limits: &Limits) -> Result<Extracted, ExtractError> {
    let decoded = decode(bytes);
    let mut warnings = Vec::new();
    let first_line = decoded
        .text
        .lines()
        .next()
        .unwrap_or("")
        .trim_start_matches('\u{feff}');
    let signature_ok = first_line == "WEBVTT"
        || first_line.starts_with("WEBVTT ")
        || first_line.starts_with("WEBVTT\t");
    if !signature_ok {
        return Err(ExtractError::Corrupt(
            "not a WebVTT file: the first line must be `WEBVTT` (save it as .srt if it is SubRip)"
                .into(),
        ));
    }
    // The signature line is never a cue, whatever follows it.
    let body = decoded.text.split_once('\n').map_or("", |(_, rest)| rest);
    let mut out = match extract_cues(body, Dialect::Vtt, &mut warnings, limits) {
        Err(ExtractError::Empty(_)) => {
            // Tools that write `00:01:39` or `00:02:04.08` produce files browsers
            // reject; rather than lose the transcript, read them leniently.
            let out = extract_cues(body, Dialect::VttLenient, &mut warnings, limits)?;
            warnings.push(
                "timestamps do not follow WebVTT (missing or short milliseconds); read leniently"
                    .into(),
            );
            out
        }
        other => other?,
    };
    out.encoding = Some(decoded.encoding.to_string());
    out.warnings = warnings;
    Ok(out)
}

/// Extracts a SubRip file.
pub fn extract_srt(bytes: &[u8], limits: &Limits) -> Result<Extracted, ExtractError> {
    let decoded = decode(bytes);
    let mut warnings = Vec::new();
    let mut out = extract_cues(&decoded.text, Dialect::Srt, &mut warnings, limits)?;
    out.encoding = Some(decoded.encoding.to_string());
    out.warnings = warnings;
    Ok(out)
}

/// How timing lines are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dialect {
    /// WebVTT as browsers parse it.
    Vtt,
    /// WebVTT with `hh:mm:ss` or 1–2 digit fractions accepted.
    VttLenient,
    /// SubRip: `,` or `.` before the fraction.
    Srt,
}

fn extract_cues(
    text: &str,
    dialect: Dialect,
    warnings: &mut Vec<String>,
    _limits: &Limits,
) -> Result<Extracted, ExtractError> {
    let mut blocks = Vec::new();
    let mut skipped = 0usize;
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        // Find the timing line of the next cue.
        let line = lines[i].trim();
        let vtt = dialect != Dialect::Srt;
        let Some((start, end)) = parse_timing(line, dialect) else {
            if vtt
                && (line.starts_with("NOTE")
                    || line.starts_with("STYLE")
                    || line.starts_with("REGION"))
            {
                // A block ends at a blank line, or where a cue timing starts.
                i += 1;
                while i < lines.len() && !lines[i].trim().is_empty() && !lines[i].contains("-->") {
                    i += 1;
                }
                continue;
            } else if !line.is_empty()
                && !line.starts_with("WEBVTT")
                && !is_cue_id(&lines, i, dialect)
            {
                skipped += 1;
            }
            i += 1;
            continue;
        };
        i += 1;
        let mut payload = Vec::new();
        while i < lines.len()
            && !lines[i].trim().is_empty()
            && parse_timing(lines[i].trim(), dialect).is_none()
        {
            payload.push(lines[i]);
            i += 1;
        }
        let (speaker, body) = clean_payload(&payload.join("\n"));
        if body.trim().is_empty() {
            continue;
        }
        let mut block = Block::new(BlockKind::Cue, body);
        block.start_ms = Some(start);
        block.end_ms = Some(end);
        block.speaker = speaker;
        blocks.push(block);
    }
    if skipped > 0 {
        warnings.push(format!("{skipped} line(s) outside any cue were skipped"));
    }
    if blocks.is_empty() {
        return Err(ExtractError::Empty(
            "no caption cue with text and a valid timing line".into(),
        ));
    }
    Ok(Extracted {
        blocks,
        ..Extracted::default()
    })
}

/// A line that is a cue identifier: the next line is a timing line.
fn is_cue_id(lines: &[&str], i: usize, dialect: Dialect) -> bool {
    lines
        .get(i + 1)
        .is_some_and(|next| parse_timing(next.trim(), dialect).is_some())
}

/// `00:01:02.500 --> 00:01:04.000 align:start` → (62500, 64000). WebVTT
/// timestamps are strict (`mm:ss.ttt` or `hh:mm:ss.ttt`, whitespace around the
/// arrow) as browsers parse them; SubRip ones are lenient (`,` or `.`).
fn parse_timing(line: &str, dialect: Dialect) -> Option<(u64, u64)> {
    let (a, b) = line.split_once("-->")?;
    if dialect != Dialect::Srt && (!a.ends_with([' ', '\t']) || !b.starts_with([' ', '\t'])) {
        return None;
    }
    let parse = |t: &str| match dialect {
        Dialect::Vtt => parse_vtt_time(t),
        Dialect::VttLenient if t.contains(',') => None,
        _ => parse_time(t),
    };
    let start = parse(a.trim())?;
    // Settings may follow the end time without a space (`00:01.000line:40%`).
    let b = b.trim_start();
    let time_len = b
        .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.' || c == ','))
        .unwrap_or(b.len());
    if dialect == Dialect::VttLenient
        && !(b[time_len..].is_empty() || b[time_len..].starts_with([' ', '\t']))
    {
        return None;
    }
    let end = parse(&b[..time_len])?;
    Some((start, end.max(start)))
}

/// A WebVTT timestamp: `mm:ss.ttt` or `hh:mm:ss.ttt`, exactly two digits for
/// minutes and seconds, three for the fraction.
fn parse_vtt_time(s: &str) -> Option<u64> {
    let (hms, frac) = s.split_once('.')?;
    let parts: Vec<&str> = hms.split(':').collect();
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    let shape_ok = match parts.as_slice() {
        [m, s] => m.len() == 2 && s.len() == 2,
        [h, m, s] => !h.is_empty() && m.len() == 2 && s.len() == 2,
        _ => false,
    };
    if !shape_ok || !parts.iter().all(|p| digits(p)) || frac.len() != 3 || !digits(frac) {
        return None;
    }
    parse_time(s)
}

/// `hh:mm:ss.mmm`, `mm:ss.mmm`, with `.` or `,` before the milliseconds.
pub fn parse_time(s: &str) -> Option<u64> {
    let (hms, frac) = match s.find(['.', ',']) {
        Some(p) => (&s[..p], &s[p + 1..]),
        None => (s, "0"),
    };
    let parts: Vec<&str> = hms.split(':').collect();
    if parts.len() < 2
        || parts.len() > 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    if frac.is_empty() || frac.len() > 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let nums: Vec<u64> = parts
        .iter()
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let (h, m, sec) = if nums.len() == 3 {
        (nums[0], nums[1], nums[2])
    } else {
        (0, nums[0], nums[1])
    };
    if m > 59 || sec > 59 {
        return None;
    }
    let ms: u64 = format!("{frac:0<3}").parse().ok()?;
    Some(((h * 60 + m) * 60 + sec) * 1000 + ms)
}

/// Removes markup from a cue payload; returns the voice (if any) and the text.
fn clean_payload(payload: &str) -> (Option<String>, String) {
    let mut speaker = None;
    let mut out = String::with_capacity(payload.len());
    let mut rest = payload;
    while let Some(pos) = rest.find(['<', '{']) {
        out.push_str(&rest[..pos]);
        let close = if rest[pos..].starts_with('<') {
            '>'
        } else {
            '}'
        };
        match rest[pos..].find(close) {
            Some(end) => {
                let tag = &rest[pos + 1..pos + end];
                if close == '>'
                    && (tag.starts_with("v ") || tag.starts_with("v."))
                    && speaker.is_none()
                {
                    let name = tag.split_once(' ').map(|(_, n)| n.trim()).unwrap_or("");
                    if !name.is_empty() {
                        speaker = Some(decode_entities(name));
                    }
                } else if close == '}' && !tag.starts_with('\\') {
                    // Not an SRT override tag: keep the braces as text.
                    out.push_str(&rest[pos..pos + end + 1]);
                }
                rest = &rest[pos + end + 1..];
            }
            None => {
                out.push_str(&rest[pos..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    (speaker, decode_entities(&out))
}

/// Decodes the character references captions use.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(pos) = rest.find('&') {
        out.push_str(&rest[..pos]);
        let tail = &rest[pos..];
        // A reference is short: look for its `;` within 12 bytes (on a
        // character boundary: the text after `&` may be any script).
        let mut window = tail.len().min(12);
        while !tail.is_char_boundary(window) {
            window -= 1;
        }
        let end = tail[..window].find(';');
        let decoded = end.and_then(|e| {
            let name = &tail[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                "lrm" => Some('\u{200e}'),
                "rlm" => Some('\u{200f}'),
                _ if name.starts_with("#x") || name.starts_with("#X") => {
                    u32::from_str_radix(&name[2..], 16)
                        .ok()
                        .and_then(char::from_u32)
                }
                _ if name.starts_with('#') => name[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &tail[e + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vtt_voice_tags_and_times() {
        let vtt = "WEBVTT\n\nNOTE a note\nover lines\n\n1\n00:00:01.000 --> 00:00:04.500 align:start\n<v Interviewer>How long have you lived here?</v>\n\n00:05.000 --> 00:09.000\n\n00:00:00,000 --> 00:00:01,000\nnot vtt\n\n00:05.000 --> 00:09.000\n<v.loud Leyla Məmmədova>Since 1994, <i>in</i> the dormitory &amp; school.\n";
        let out = extract_vtt(vtt.as_bytes(), &Limits::default()).unwrap();
        assert_eq!(out.blocks.len(), 2);
        assert_eq!(out.blocks[0].speaker.as_deref(), Some("Interviewer"));
        assert_eq!(out.blocks[0].start_ms, Some(1000));
        assert_eq!(out.blocks[0].end_ms, Some(4500));
        assert_eq!(out.blocks[1].speaker.as_deref(), Some("Leyla Məmmədova"));
        assert_eq!(out.blocks[1].text, "Since 1994, in the dormitory & school.");
        assert_eq!(out.blocks[1].start_ms, Some(5000));
    }

    #[test]
    fn srt_with_override_tags() {
        let srt = "1\r\n00:00:01,600 --> 00:00:04,200\r\n{\\an8}<i>Respondent: We left Kəlbəcər in April.</i>\r\n\r\n2\r\n00:00:05,900 --> 00:00:07,999\r\nEverything stayed there.\r\n";
        let out = extract_srt(srt.as_bytes(), &Limits::default()).unwrap();
        assert_eq!(out.blocks.len(), 2);
        assert_eq!(out.blocks[0].text, "Respondent: We left Kəlbəcər in April.");
        assert_eq!(out.blocks[1].start_ms, Some(5900));
    }

    #[test]
    fn vtt_signature_is_required_and_never_a_cue() {
        assert!(matches!(
            extract_vtt(b"WEBVT\n\n00:01.000 --> 00:02.000\nx\n", &Limits::default()),
            Err(ExtractError::Corrupt(_))
        ));
        assert!(
            extract_vtt(
                b"WEBVTT 00:00:00.000 --> 00:00:01.000\ntext\n",
                &Limits::default()
            )
            .is_err()
        );
        let out = extract_vtt(b"WEBVTT\nSTYLE\n::cue { color: red }\n00:00.000 --> 00:01.000line:40%\n<v A>one\n00:01.000 --> 00:02.000\ntwo\n", &Limits::default()).unwrap();
        let texts: Vec<&str> = out.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["one", "two"]);
    }

    #[test]
    fn sloppy_vtt_timestamps_are_read_leniently_with_a_warning() {
        let out = extract_vtt(b"WEBVTT\n\n00:01:39 --> 00:01:41.04\n(rumbling)\n\n00:02:04.08 --> 00:02:07.12\nHow did we end up here?\n", &Limits::default()).unwrap();
        assert_eq!(out.blocks.len(), 2);
        assert_eq!(out.blocks[1].start_ms, Some(124_080));
        assert!(out.warnings.iter().any(|w| w.contains("leniently")));
    }

    #[test]
    fn no_cues_is_an_error() {
        assert!(extract_srt(b"hello\nworld\n", &Limits::default()).is_err());
    }
}
