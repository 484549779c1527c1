//! Case and diacritic folding shared by the index, the coder and the anonymiser.
//!
//! Every comparison of words in `pipeline` goes through [`fold`], so that a rule,
//! a query and a register entry all see text the same way. Unicode's default
//! lower-casing is wrong for Azerbaijani (`İ` becomes `i̇` with a stray combining
//! dot, `I` becomes `i` while Azerbaijani writes `ı`), so the Turkic dotted and
//! dotless i are mapped to plain `i` before anything else. Diacritics are removed
//! after canonical decomposition (`ş`→`s`, `ё`→`е`, `й`→`и`), schwa `ə` folds to
//! `e` (how Azerbaijani names are usually typed on a Latin keyboard), and the
//! Armenian ligature `և` expands to `եվ` (as capitals spell it, `ԵՎ`). The result is lower case and NFC.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds `text` for comparison: lower case, no diacritics, Turkic i unified.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// Folds `text` into `out` (cleared first); the allocation-free form of [`fold`].
pub fn fold_into(text: &str, out: &mut String) {
    out.clear();
    fold_append(text, out);
}

/// [`fold_into`] appending to `out` instead of replacing it.
pub fn fold_append(text: &str, out: &mut String) {
    if text.is_ascii() {
        let len = out.len();
        out.push_str(text);
        out.as_mut_str()[len..].make_ascii_lowercase();
        return;
    }
    let mut rest = text;
    while !rest.is_empty() {
        // ASCII runs are copied and lower-cased in bulk.
        let ascii = rest.bytes().position(|b| b >= 0x80).unwrap_or(rest.len());
        if ascii > 0 {
            let len = out.len();
            out.push_str(&rest[..ascii]);
            out.as_mut_str()[len..].make_ascii_lowercase();
            rest = &rest[ascii..];
            continue;
        }
        let c = rest.chars().next().expect("not empty");
        rest = &rest[c.len_utf8()..];
        if is_invisible(c) {
            continue;
        }
        if let Some(f) = fast_fold(c) {
            out.push(f);
            continue;
        }
        // Canonical decomposition of each character; its combining marks
        // (diacritics) are dropped.
        unicode_normalization::char::decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                push_folded_char(d, out);
            }
        });
    }
}

/// The fold of the frequent letters of our scripts without the Unicode tables:
/// Cyrillic (but й, ё and the like, which decompose), the Azerbaijani letters,
/// Armenian (but the ligature և) and Georgian Mkhedruli. `None`: use the slow path.
fn fast_fold(c: char) -> Option<char> {
    let u = c as u32;
    let lower = |x: u32| char::from_u32(x);
    match c {
        'й' | 'Й' | 'ё' | 'Ё' => None,
        'а'..='я' => Some(c),
        'А'..='Я' => lower(u + 0x20),
        // GeoNames and some keyboards write the schwa as the turned e `ǝ`
        // (U+01DD): `Ağcabǝdi` is `Ağcabədi`.
        'ə' | 'Ə' | 'ǝ' | 'Ǝ' => Some('e'),
        'ı' | 'İ' => Some('i'),
        'ş' | 'Ş' => Some('s'),
        'ç' | 'Ç' => Some('c'),
        'ğ' | 'Ğ' => Some('g'),
        'ö' | 'Ö' => Some('o'),
        'ü' | 'Ü' => Some('u'),
        '\u{561}'..='\u{586}' => Some(c),
        '\u{531}'..='\u{556}' => lower(u + 0x30),
        '\u{10d0}'..='\u{10fa}' => Some(c),
        _ => None,
    }
}

fn push_folded_char(c: char, out: &mut String) {
    match c {
        'İ' | 'I' | 'ı' | 'i' => out.push('i'),
        'Ə' | 'ə' | 'ǝ' | 'Ǝ' => out.push('e'),
        'և' => out.push_str("եվ"),
        'ß' => out.push_str("ss"),
        // The ordinal indicator of `Nº 7`: `No 7`.
        'º' => out.push('o'),
        _ if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        _ => out.extend(c.to_lowercase()),
    }
}

/// Folds one character; characters that fold to nothing (combining marks) or
/// to several characters are returned as a string.
pub fn fold_char(c: char) -> String {
    let mut s = String::new();
    fold_into(c.encode_utf8(&mut [0; 4]), &mut s);
    s
}

/// Characters that show nothing and join or split a word for layout only:
/// the soft hyphen of a DOCX or PDF (`Tu\u{ad}ral`), zero-width spaces and
/// joiners, the byte-order mark. Part of the word they stand in; dropped
/// by [`fold`].
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}' | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}'
    )
}

/// Characters that make up words: letters, digits and combining marks (so that
/// a decomposed `й` or a stray dot above does not split a word).
pub fn is_word_char(c: char) -> bool {
    // Fast paths for the scripts of our corpora; the general Unicode tables
    // are slow enough to show in indexing profiles.
    match c as u32 {
        0..=0x7f => c.is_ascii_alphanumeric(),
        0xc0..=0x24f => c != '×' && c != '÷',
        0x400..=0x4ff => c != '\u{482}',
        0x531..=0x556 | 0x560..=0x588 => true,
        0x10a0..=0x10c5 | 0x10d0..=0x10fa | 0x1c90..=0x1cba => true,
        _ => c.is_alphanumeric() || is_combining_mark(c) || is_invisible(c),
    }
}

/// Byte ranges of the words of `text`, in order.
pub fn word_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let start = loop {
            let (i, c) = chars.next()?;
            // (A word starts at a letter one sees: `capitalised` asks it.)
            if is_word_char(c) && !is_invisible(c) {
                break i;
            }
        };
        let mut end = text.len();
        while let Some(&(i, c)) = chars.peek() {
            if !is_word_char(c) {
                end = i;
                break;
            }
            chars.next();
        }
        Some((start, end))
    })
}

/// Unicode NFC, the normal form of every text `pipeline` stores.
pub fn nfc(text: &str) -> String {
    text.nfc().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn azerbaijani_capitals_match_lower_case() {
        assert_eq!(fold("İLHAM"), fold("ilham"));
        assert_eq!(fold("ISIQLI"), fold("işıqlı"));
        assert_eq!(fold("Gəncə"), "gence");
        assert_eq!(fold("ŞƏKİ"), fold("Şəki"));
        // The turned e some keyboards and GeoNames write for the schwa.
        assert_eq!(fold("Ağcabǝdi"), fold("Ağcabədi"));
        assert_eq!(fold("ƎLÇİN"), fold("Əlçin"));
        assert!(!fold("İLHAM").contains('\u{307}'));
    }

    #[test]
    fn cyrillic_armenian_georgian() {
        assert_eq!(fold("ГАСАНОВ"), "гасанов");
        assert_eq!(fold("Ёлка"), "елка");
        assert_eq!(fold("ԵՐԵՎԱՆ"), fold("երևան"));
        assert_eq!(fold("ᲗᲑᲘᲚᲘᲡᲘ"), "თბილისი");
    }

    #[test]
    fn fast_fold_agrees_with_the_slow_path() {
        for c in (0x80u32..0x2000).filter_map(char::from_u32) {
            if let Some(f) = fast_fold(c) {
                let mut slow = String::new();
                unicode_normalization::char::decompose_canonical(c, |d| {
                    if !is_combining_mark(d) {
                        push_folded_char(d, &mut slow);
                    }
                });
                assert_eq!(f.to_string(), slow, "{c:?}");
            }
        }
    }

    #[test]
    fn fast_paths_agree_with_unicode() {
        for c in (0u32..0x2000).filter_map(char::from_u32) {
            assert_eq!(
                is_word_char(c),
                c.is_alphanumeric() || is_combining_mark(c) || is_invisible(c),
                "{c:?} U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn words_keep_combining_marks() {
        let t = "i\u{307}lham's dormitory, Гасанову!";
        let w: Vec<&str> = word_spans(t).map(|(a, b)| &t[a..b]).collect();
        assert_eq!(w, ["i\u{307}lham", "s", "dormitory", "Гасанову"]);
    }

    #[test]
    fn decomposed_input_folds_like_composed() {
        assert_eq!(fold("и\u{306}"), fold("й"));
        assert_eq!(fold("s\u{327}"), "s");
    }
}
