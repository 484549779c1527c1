//! The leak gate: before a bundle is published, every rendered file is scanned
//! for every form of every register identifier and for every detector hit
//! (phones, e-mails, URLs, dates, ID numbers, ages, addresses). Anything found
//! stops the publication. Strings the bundle itself generates (its creation
//! date) are the only ones allowed to look like a detector hit.
//!
//! The register check shares no matching code with the anonymiser: when both
//! used the anonymiser's own matcher, an alias it could not see (`School #7`
//! written `School №7`) passed both, because the gate was the same code run a
//! second time. Here every register form and every rendered text are brought
//! to one normal form of the gate's own — lower case, diacritics removed,
//! Turkic `İ/ı` and `ə` unified, every run of punctuation, symbols (`#`, `№`)
//! and whitespace one space, a numbering word (`No.`, `Nr`, `номер`) before a
//! number dropped — and the forms are searched as whole words with
//! aho-corasick; a form's last word of four letters or more may carry up to
//! three more letters (Russian and Azerbaijani case endings: `Гасановым`,
//! `Həsənovun`), or the Azerbaijani plural of a family with its case
//! (`Həsənovların`), or `-dakı` (`Qaraçaladakı`, the one in Qaraçala). An Azerbaijani form is also searched as English and Russian
//! sources spell it in Latin letters (`Rashad Guliyev`, `Kuliev`) and in
//! Cyrillic (`Рашад Гулиев`; a Russian form's last vowel may give way to a
//! case ending: `в Гарачале`), from spelling tables written here apart from
//! the anonymiser's; and every form and text are searched once more in a
//! looser form where those spellings meet (`q`/`g`, `ə`/`a`, `x`/`kh`,
//! doubled letters), so that a name registered in English letters is found
//! written in Azerbaijani ones (`Vagif Hasanov`, `Vaqif Həsənov`).

use crate::anonymise::detect;
use crate::anonymise::{Kind, Register, Source};
use aho_corasick::{AhoCorasick, MatchKind};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// One identifier found in a rendered file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leak {
    /// The file.
    pub file: String,
    /// What kind of identifier.
    pub kind: Kind,
    /// Register or detector.
    pub source: Source,
    /// The excerpt it is in (`E0001`), when it can be told.
    pub excerpt: Option<String>,
    /// Byte offset in the file.
    pub offset: usize,
}

/// The register, compiled for the gate.
pub struct Gate {
    /// Normalised forms, each with a leading space: ` rauf hesenov`.
    forms: Vec<(String, Kind, bool)>,
    searcher: Option<AhoCorasick>,
    /// The forms made looser (see [`loosen`]), and their searcher.
    loose: Vec<(String, Kind, bool)>,
    loose_searcher: Option<AhoCorasick>,
}

/// Text in the gate's normal form, with the byte offset in the original of
/// each normalised byte.
struct Normal {
    text: String,
    origin: Vec<usize>,
}

fn numbering_word(w: &str) -> bool {
    matches!(w, "no" | "nr" | "n" | "number" | "номер" | "nomre")
}

/// A word mixing Latin and Cyrillic or Greek letters, folded, with the
/// letters that look Latin read as Latin: `rаshаd` with two Cyrillic `а`
/// is `rashad` (a name disguised, or a keyboard switched mid-word).
fn latin_lookalikes(word: String) -> String {
    let latin = word.chars().any(|c| c.is_ascii_lowercase());
    let other = word
        .chars()
        .any(|c| ('\u{370}'..='\u{3ff}').contains(&c) || ('\u{400}'..='\u{4ff}').contains(&c));
    if !(latin && other) {
        return word;
    }
    word.chars()
        .map(|c| match c {
            'а' | 'α' => 'a',
            'в' | 'β' => 'b',
            'с' | 'ϲ' => 'c',
            'е' | 'ε' => 'e',
            'һ' | 'н' | 'η' => 'h',
            'і' | 'ι' => 'i',
            'ј' => 'j',
            'к' | 'κ' => 'k',
            'м' | 'μ' => 'm',
            'о' | 'ο' => 'o',
            'р' | 'ρ' => 'p',
            'ѕ' => 's',
            'т' | 'τ' => 't',
            'у' | 'υ' => 'y',
            'х' | 'χ' => 'x',
            'ν' => 'v',
            'ԁ' => 'd',
            'ԛ' => 'q',
            'ԝ' => 'w',
            _ => c,
        })
        .collect()
}

fn normalise(input: &str) -> Normal {
    // Words: runs of letters and digits, folded.
    let mut words: Vec<(String, usize)> = Vec::new();
    let mut current = String::new();
    let mut start = 0;
    for (i, c) in input.char_indices() {
        // A soft hyphen, a zero-width space or joiner, a byte-order mark
        // show nothing: the word goes on across them (`Tu\u{ad}ral`).
        if matches!(
            c,
            '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
        ) {
            continue;
        }
        if c.is_alphanumeric() || is_combining_mark(c) {
            if current.is_empty() {
                start = i;
            }
            // (Compatibility forms too: the full-width `Ｒａｓｈａｄ` is
            // `Rashad`.)
            for d in std::iter::once(c).nfkd() {
                if is_combining_mark(d) {
                    continue;
                }
                match d {
                    'İ' | 'I' | 'ı' => current.push('i'),
                    // The turned e (`ǝ`, U+01DD) some keyboards write for `ə`.
                    'ə' | 'Ə' | 'ǝ' | 'Ǝ' => current.push('e'),
                    // Russian spellings of one name differ in these
                    // (`Эльчин`, `Елчин`).
                    'э' | 'Э' => current.push('е'),
                    'ь' | 'Ь' | 'ъ' | 'Ъ' => {}
                    // The ordinal `º` of `Nº 7` is an `o`: `No 7`.
                    'º' => current.push('o'),
                    _ => current.extend(d.to_lowercase()),
                }
            }
        } else if !current.is_empty() {
            words.push((latin_lookalikes(std::mem::take(&mut current)), start));
        }
    }
    if !current.is_empty() {
        words.push((latin_lookalikes(current), start));
    }
    // A numbering sign glued to its number (`N7`, `No7`, `№7` is already
    // two words) is the number alone.
    for (w, _) in &mut words {
        if let Some(digits) = ["no", "nr", "n"].iter().find_map(|p| {
            w.strip_prefix(p)
                .filter(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
        }) {
            *w = digits.to_string();
        }
    }
    let mut text = String::from(" ");
    let mut origin = vec![0];
    for (k, (w, at)) in words.iter().enumerate() {
        let before_number = words
            .get(k + 1)
            .is_some_and(|(n, _)| n.chars().all(|c| c.is_ascii_digit()));
        if numbering_word(w) && before_number && k > 0 {
            continue;
        }
        for _ in 0..w.len() {
            origin.push(*at);
        }
        text.push_str(w);
        text.push(' ');
        origin.push(*at);
    }
    Normal { text, origin }
}

impl Gate {
    /// Compiles every form (canonical and aliases) of every registered entity.
    pub fn new(register: &Register) -> Gate {
        let mut forms = Vec::new();
        for e in &register.entities {
            let written = std::iter::once(&e.canonical).chain(&e.aliases);
            let respelled: Vec<String> = written
                .clone()
                .flat_map(|n| {
                    respellings(n)
                        .into_iter()
                        .chain(in_cyrillic(n))
                        .chain(american_or_british(n))
                })
                .collect();
            for name in written.chain(&respelled) {
                let n = normalise(name);
                let form = n.text.trim_end().to_string();
                if form.trim().is_empty() {
                    continue;
                }
                let last = form.rsplit(' ').next().unwrap_or("");
                let inflects =
                    last.chars().count() >= 4 && !last.chars().all(|c| c.is_ascii_digit());
                // A person's first name and surname alone are theirs too
                // (the anonymiser replaces them alone): four letters or more.
                let words: Vec<&str> = form.split_whitespace().collect();
                let mut parts = Vec::new();
                if e.kind == Kind::Person && words.len() >= 2 {
                    for part in [words[0], words[words.len() - 1]] {
                        if part.chars().count() >= 4 {
                            parts.push(format!(" {part}"));
                        }
                    }
                }
                // Letters and a number written apart (`CC 4`, `CC-4` for
                // `CC4`).
                let split: Vec<String> = words
                    .iter()
                    .map(|w| {
                        let digits =
                            w.len() - w.trim_end_matches(|c: char| c.is_ascii_digit()).len();
                        if digits > 0
                            && digits < w.len()
                            && w[..w.len() - digits].chars().all(char::is_alphabetic)
                        {
                            format!("{} {}", &w[..w.len() - digits], &w[w.len() - digits..])
                        } else {
                            w.to_string()
                        }
                    })
                    .collect();
                if split.iter().zip(&words).any(|(a, b)| a != b) {
                    parts.push(format!(" {}", split.join(" ")));
                }
                // A place of two or three words written as one
                // (`Böyükbəhmənli` for `Böyük Bəhmənli`).
                if e.kind == Kind::Place
                    && (2..=3).contains(&words.len())
                    && words.iter().all(|w| w.chars().all(char::is_alphabetic))
                {
                    parts.push(format!(" {}", words.concat()));
                }
                forms.extend(parts.iter().map(|p| (p.clone(), e.kind, true)));
                // Each word spelled out letter by letter (`R-A-U-F` is
                // ` r a u f` in the normal form).
                for word in &words {
                    if word.chars().count() >= 4 && word.chars().all(char::is_alphabetic) {
                        let mut spelled = String::new();
                        for c in word.chars() {
                            spelled.push(' ');
                            spelled.push(c);
                        }
                        forms.push((spelled, e.kind, false));
                    }
                }
                // A Russian word's last vowel gives way to the case ending
                // (`Гарачала`: `в Гарачале`; `Петрова`: `Петровой`).
                for f in [&form].into_iter().chain(&parts) {
                    if let Some(stem) = f.strip_suffix(['а', 'я', 'о', 'е', 'и', 'ы'])
                        && stem
                            .rsplit(' ')
                            .next()
                            .is_some_and(|w| w.chars().count() >= 4)
                        && stem.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c))
                    {
                        forms.push((stem.to_string(), e.kind, true));
                    }
                }
                forms.push((form, e.kind, inflects));
            }
        }
        forms.sort();
        forms.dedup();
        let compile = |forms: &[(String, Kind, bool)]| {
            (!forms.is_empty()).then(|| {
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .build(forms.iter().map(|f| f.0.as_str()))
                    .expect("register forms compile")
            })
        };
        // (Not a single word of four letters or fewer: `Qala` is no `gala`.)
        let mut loose: Vec<(String, Kind, bool)> = forms
            .iter()
            .filter(|(f, _, _)| f.trim().contains(' ') || f.trim().chars().count() >= 5)
            .map(|(f, kind, inflects)| (loosen(f).text, *kind, *inflects))
            .collect();
        loose.sort();
        loose.dedup();
        Gate {
            searcher: compile(&forms),
            loose_searcher: compile(&loose),
            forms,
            loose,
        }
    }

    /// Register forms in `text`: (byte offset, kind).
    fn register_hits(&self, text: &str) -> Vec<(usize, Kind)> {
        let (Some(searcher), Some(loose_searcher)) = (&self.searcher, &self.loose_searcher) else {
            return Vec::new();
        };
        let n = normalise(text);
        let mut out = hits(searcher, &self.forms, &n);
        out.extend(hits(
            loose_searcher,
            &self.loose,
            &loosen(&n.text).remap(&n),
        ));
        out
    }

    /// Scans one file's text; `allowed` are exact strings the bundle generates
    /// (its date, its document and excerpt ids), sorted.
    pub fn scan(&self, file: &str, text: &str, allowed: &[&str]) -> Vec<Leak> {
        let mut leaks: Vec<Leak> = self
            .register_hits(text)
            .into_iter()
            .map(|(offset, kind)| Leak {
                file: file.to_string(),
                kind,
                source: Source::Register,
                excerpt: excerpt_at(text, offset),
                offset,
            })
            .collect();
        leaks.extend(
            detect::detect(text)
                .into_iter()
                // Our own pseudonyms (`[Place 3]` is a place only by name).
                .filter(|h| !matches!(h.kind, Kind::Place))
                .filter(|h| allowed.binary_search(&&text[h.start..h.end]).is_err())
                .filter(|h| !text[..h.start].ends_with("[Age "))
                .map(|h| Leak {
                    file: file.to_string(),
                    kind: h.kind,
                    source: Source::Detector,
                    excerpt: excerpt_at(text, h.start),
                    offset: h.start,
                }),
        );
        leaks.sort_by_key(|l| l.offset);
        leaks.dedup_by_key(|l| l.offset);
        leaks
    }
}

/// Forms of `searcher` (compiled from `forms`) found as whole words in
/// `n`: a form's last word may carry up to three letters of a case ending,
/// or the Azerbaijani plural with its case (`Həsənovların`).
fn hits(searcher: &AhoCorasick, forms: &[(String, Kind, bool)], n: &Normal) -> Vec<(usize, Kind)> {
    let bytes = n.text.as_bytes();
    let mut out = Vec::new();
    for m in searcher.find_overlapping_iter(&n.text) {
        let (_, kind, inflects) = &forms[m.pattern().as_usize()];
        let rest = &n.text[m.end()..];
        let whole = rest.starts_with(' ');
        let inflected = *inflects && {
            let extra: String = rest.chars().take_while(|c| *c != ' ').collect();
            let plural = (extra.starts_with("lar") || extra.starts_with("ler"))
                && extra.chars().count() <= 6;
            // The one in a place (`Güneylidəki`).
            let in_it = matches!(extra.as_str(), "daki" | "deki" | "taki" | "teki");
            (extra.chars().count() <= 3 || plural || in_it)
                && extra.chars().all(char::is_alphabetic)
        };
        if bytes[m.start()] == b' ' && (whole || inflected) {
            out.push((n.origin[m.start() + 1], *kind));
        }
    }
    out
}

/// Text in the normal form made looser, word by word: the letters in which
/// the Latin spellings of one name differ between Azerbaijani, English and
/// Russian sources made one (`q`/`g`, `ə`/`e`/`a`, `x`/`kh`, `c`/`j`,
/// `ş`/`sh`, `ç`/`ch`, `iy`/`i`, doubled letters), so that `Vaqif Həsənov`
/// meets a registered `Vagif Hasanov` and `Mamedova` a `Məmmədova`. Written
/// apart from the anonymiser's skeleton. Origins are indices into the
/// normal text's bytes (see [`Normal::remap`]).
fn loosen(normal: &str) -> Normal {
    let mut text = String::with_capacity(normal.len());
    let mut origin = Vec::with_capacity(normal.len());
    let mut at = 0;
    for piece in normal.split_inclusive(' ') {
        let word = piece.trim_end_matches(' ');
        let mapped = if !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase()) {
            let w = word
                .replace("dzh", "c")
                .replace("sh", "s")
                .replace("ch", "c")
                .replace("zh", "c")
                .replace("kh", "x")
                .replace("gh", "g")
                .replace("iy", "i")
                .replace(['j'], "c")
                .replace(['q'], "g")
                .replace(['e'], "a");
            single_letters(&w)
        } else {
            word.to_string()
        };
        for _ in 0..mapped.len() {
            origin.push(at);
        }
        text.push_str(&mapped);
        if piece.ends_with(' ') {
            origin.push(at + word.len());
            text.push(' ');
        }
        at += piece.len();
    }
    Normal { text, origin }
}

/// Doubled letters once (`mammadov`: `mamadov`).
fn single_letters(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

impl Normal {
    /// This text's origins, when they are byte indices into `base`'s text,
    /// made into `base`'s own origins (offsets in the original).
    fn remap(mut self, base: &Normal) -> Normal {
        for o in &mut self.origin {
            *o = base.origin[*o];
        }
        self
    }
}

/// The last excerpt id (`E` and four digits) in `text`.
pub fn last_excerpt(text: &str) -> Option<String> {
    excerpt_at(text, text.len())
}

/// The last excerpt id (`E` and four digits) before `at`.
fn excerpt_at(text: &str, at: usize) -> Option<String> {
    let before = &text[..at];
    let bytes = before.as_bytes();
    let mut i = bytes.len();
    while i >= 5 {
        i -= 1;
        if bytes[i - 4] == b'E'
            && bytes[i - 3..=i].iter().all(u8::is_ascii_digit)
            && (i + 1 >= bytes.len() || !bytes[i + 1].is_ascii_digit())
        {
            return Some(before[i - 4..=i].to_string());
        }
    }
    None
}

/// A name with a word English spells two ways (`Centre`, `Center`;
/// `Organisation`, `Organization`), in the other spelling.
fn american_or_british(name: &str) -> Option<String> {
    const TWO_WAYS: &[(&str, &str)] = &[
        ("centre", "center"),
        ("organisation", "organization"),
        ("theatre", "theater"),
        ("programme", "program"),
    ];
    let lower = name.to_lowercase();
    let mut changed = false;
    let words: Vec<&str> = lower
        .split(' ')
        .map(|w| {
            for &(a, b) in TWO_WAYS {
                if w == a || w == b {
                    changed = true;
                    return if w == a { b } else { a };
                }
            }
            w
        })
        .collect();
    changed.then(|| words.join(" "))
}

/// An Azerbaijani name as English and Russian sources spell it in Latin
/// letters (`Rəşad Quliyev`: `Rashad Guliyev`, `Rashad Kuliev`), written here
/// apart from the anonymiser's own list of spellings: a spelling it forgets
/// is not forgotten here by the same code.
fn respellings(name: &str) -> Vec<String> {
    const TABLE: &[(char, &str, &str)] = &[
        // letter, English sources, Russian sources
        ('ə', "a", "a"),
        ('ş', "sh", "sh"),
        ('ç', "ch", "ch"),
        ('ğ', "gh", "g"),
        ('x', "kh", "kh"),
        ('q', "g", "k"),
        ('c', "j", "dzh"),
        ('ı', "i", "y"),
        ('ö', "o", "yo"),
        ('ü', "u", "yu"),
    ];
    // `İ` lower-cases to `i` with a combining dot: dropped.
    let lower = name.to_lowercase().replace('\u{307}', "");
    if !lower.chars().any(|c| TABLE.iter().any(|t| t.0 == c)) {
        return Vec::new();
    }
    let spell = |column: usize| -> String {
        lower
            .chars()
            .map(|c| match TABLE.iter().find(|t| t.0 == c) {
                Some(t) if column == 1 => t.1.to_string(),
                Some(t) => t.2.to_string(),
                None => c.to_string(),
            })
            .collect()
    };
    let english = spell(1);
    let russian = spell(2);
    let mut out = vec![
        english.replace("iyev", "iev"),
        russian.replace("iyev", "iev"),
        english.replace("q", "k").replace("iyev", "iev"),
        english,
        russian,
    ];
    // A short name respelled may be an English word (`Qala`, `gala`).
    out.retain(|s| s.contains(' ') || s.chars().count() >= 5);
    out
}

/// A name written in Latin letters as Russian sources write it in Cyrillic
/// (`Rəşad Quliyev`: `Рашад Гулиев`, `Решад Кулиев`; `Vagif Hasanov`:
/// `Вагиф Гасанов`, `Вагиф Хасанов`), from a table written here apart from
/// the anonymiser's. Letters rendered two ways (`ə`, `q`, `h`, `ü`) give
/// every combination. The normal form drops `ь` and reads `э` as `е`, and
/// `й`, `ё` lose their marks, so those need no table entries of their own.
fn in_cyrillic(name: &str) -> Vec<String> {
    const PAIRS: &[(&str, &str)] = &[
        ("sh", "ш"),
        ("ch", "ч"),
        ("kh", "х"),
        ("zh", "ж"),
        ("gh", "г"),
        ("ts", "ц"),
        ("dzh", "дж"),
        ("ya", "я"),
        ("yu", "ю"),
        ("yo", "е"),
        ("ye", "е"),
        ("iye", "ие"),
        ("iya", "ия"),
    ];
    const LETTERS: &[(char, &str, &str)] = &[
        // letter, one rendering, the other
        ('ə', "а", "е"),
        ('q', "г", "к"),
        ('h', "г", "х"),
        ('ü', "ю", "у"),
        ('a', "а", "а"),
        ('b', "б", "б"),
        ('c', "дж", "дж"),
        ('ç', "ч", "ч"),
        ('d', "д", "д"),
        ('e', "е", "е"),
        ('f', "ф", "ф"),
        ('g', "г", "г"),
        ('ğ', "г", "г"),
        ('x', "х", "х"),
        ('ı', "ы", "ы"),
        ('i', "и", "и"),
        ('j', "ж", "ж"),
        ('k', "к", "к"),
        ('l', "л", "л"),
        ('m', "м", "м"),
        ('n', "н", "н"),
        ('o', "о", "о"),
        ('ö', "е", "е"),
        ('p', "п", "п"),
        ('r', "р", "р"),
        ('s', "с", "с"),
        ('ş', "ш", "ш"),
        ('t', "т", "т"),
        ('u', "у", "у"),
        ('v', "в", "в"),
        ('w', "в", "в"),
        ('y', "и", "и"),
        ('z', "з", "з"),
    ];
    let lower: Vec<char> = name.to_lowercase().replace('\u{307}', "").chars().collect();
    if !lower.iter().any(|c| c.is_alphabetic())
        || lower
            .iter()
            .any(|c| c.is_alphabetic() && !LETTERS.iter().any(|l| l.0 == *c))
    {
        return Vec::new();
    }
    let mut out = Vec::new();
    for choice in 0..16u32 {
        let mut cyr = String::new();
        let mut i = 0;
        'letters: while i < lower.len() {
            // The table's three-letter groups are last: tried first.
            for (latin, russian) in PAIRS.iter().rev() {
                let n = latin.chars().count();
                if lower
                    .get(i..i + n)
                    .is_some_and(|s| s.iter().copied().eq(latin.chars()))
                {
                    cyr.push_str(russian);
                    i += n;
                    continue 'letters;
                }
            }
            match LETTERS.iter().position(|l| l.0 == lower[i]) {
                // The four letters of two renderings are the table's first.
                Some(k) if k < 4 && choice & (1 << k) != 0 => cyr.push_str(LETTERS[k].2),
                Some(k) => cyr.push_str(LETTERS[k].1),
                None => cyr.push(lower[i]),
            }
            i += 1;
        }
        out.push(cyr);
    }
    out.sort();
    out.dedup();
    // A short name may be a Russian word (`Mir`, `мир`).
    out.retain(|s| s.contains(' ') || s.chars().count() >= 5);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registered_azerbaijani_names_in_other_latin_spellings_are_found() {
        let g = gate("person,Rəşad Quliyev,,\nplace,Qaraçala,,\n");
        finds_register_forms(
            &g,
            &[
                "then Rashad Guliyev spoke",
                "then Rashad Guliev spoke",
                "then Rashad Kuliev spoke",
                "we lived in Garachala",
                "spelled R-E-S-A-D, as in the passport",
            ],
        );
        // Armenian with its article, and the surname alone.
        let g = gate("person,Aram Hovhannisyan,Արամ Հովհաննիսյան,\n");
        finds_register_forms(
            &g,
            &[
                "Արամ Հովհաննիսյանը եկավ",
                "Հովհաննիսյանը խոստացավ",
                "then Hovhannisyan's car",
            ],
        );
        // English spelled the other way.
        let g = gate("place,Kürdəmir Collective Centre,,\n");
        finds_register_forms(&g, &["then in the Kurdamir collective center"]);
        // Letters and a number written apart.
        let g = gate("place,CC4,,\n");
        finds_register_forms(&g, &["we lived in CC-4", "in cc 4 then"]);
        // A village of two words written as one.
        let g = gate("place,Böyük Bəhmənli,,\n");
        finds_register_forms(&g, &["Böyükbəhmənli kəndində", "from Boyukbahmanli"]);
        // Written with the turned e (`ǝ`, U+01DD) for the schwa.
        let g = gate("person,Səbinə Cəfərova,,\n");
        finds_register_forms(&g, &["then Sǝbinǝ Cǝfǝrova spoke"]);
        // A short name respelled is no form: `Qala` is not `gala`.
        let g = gate("place,Qala,,\n");
        assert!(g.scan("f", "a gala dinner", &[]).is_empty());
    }

    #[test]
    fn registered_latin_names_are_found_in_russian_cyrillic() {
        let g = gate(
            "person,Rəşad Quliyev,,\nperson,Elçin Həsənov,,\nperson,Tsiuri Akhalaia,,\nplace,Qaraçala,,\n",
        );
        finds_register_forms(
            &g,
            &[
                "мы знали Рашада Гулиева",
                "письмо Кулиеву",
                "с Эльчином Гасановым",
                "Ельчин Хасанов пришёл",
                "Циури Ахалаия",
                "жили в Гарачале",
                // And a family in the Azerbaijani plural, one from a place
                // and the one in it.
                "Quliyevlərin evi",
                "Həsənovlardan",
                "Qaraçalalı qonşu",
                "Qaraçaladakı məktəb",
            ],
        );
        // Registered in English letters, written in Azerbaijani ones.
        let g2 = gate("person,Vagif Hasanov,,\nperson,Nərgiz Məmmədova,,\n");
        finds_register_forms(
            &g2,
            &[
                "Vaqif Həsənov gəldi",
                "Həsənovun evi",
                "Nargiz Mamedova",
                "Mammadovanın",
            ],
        );
        assert!(g2.scan("f", "Orxan Əliyev gəldi", &[]).is_empty());
        // A Cyrillic form's last vowel gives way to the case ending.
        let g = gate("person,Зарина Петрова,,\n");
        finds_register_forms(&g, &["с Зариной Петровой", "у Зарины"]);
        assert!(g.scan("f", "мы жили в Баку", &[]).is_empty());
    }

    fn gate(register: &str) -> Gate {
        Gate::new(
            &Register::parse(&format!("kind,canonical,aliases,pseudonym\n{register}")).unwrap(),
        )
    }

    /// Each text has a register hit.
    fn finds_register_forms(g: &Gate, texts: &[&str]) {
        for text in texts {
            assert!(
                g.scan("f", text, &[])
                    .iter()
                    .any(|l| l.source == Source::Register),
                "missed in {text:?}"
            );
        }
    }

    #[test]
    fn every_notation_of_a_registered_form_is_found() {
        let g =
            gate("place,School #7,школа № 7,\nperson,Rauf Həsənov,Rauf Hasanov|Рауф Гасанов,\n");
        finds_register_forms(
            &g,
            &[
                "they lived in School #7",
                "they lived in school no. 7 then",
                "they lived in SCHOOL №7",
                "they lived in School   Number 7.",
                "they lived in school N7",
                "and School No7 later",
                "they lived in School N° 7",
                "they lived in School Nº 7",
                "жили в школа №7",
                "<p>rauf HASANOV</p>",
                "Rauf\nHəsənov's house",
                "встретили Рауф Гасановым",
                "rauf-hasanov",
                "only Həsənovun house",
                // A soft hyphen or a zero-width space inside a word.
                "Rauf Hə\u{ad}sənov came",
                "Ra\u{200b}uf Hasanov came",
                // Cyrillic or Greek letters that look Latin inside a Latin
                // word, and full-width letters.
                "R\u{430}uf H\u{430}s\u{430}nov came",
                "R\u{3b1}uf Hasan\u{3bf}v came",
                "\u{ff32}\u{ff41}\u{ff55}\u{ff46} Hasanov came",
            ],
        );
        for text in [
            "they lived in School 70",
            "a raufhasanov handle",
            "the [Place 1] of [Person 2]",
        ] {
            assert!(
                g.scan("f", text, &[])
                    .iter()
                    .all(|l| l.source != Source::Register),
                "false hit in {text:?}"
            );
        }
    }

    #[test]
    fn the_bundle_s_own_ids_are_no_leak_however_many_digits() {
        let g = gate("");
        let text =
            "{\"document\": \"D12345\", \"id\": \"E10234\", \"text\": \"passport AZE12345678\"}";
        let kinds = |allowed: &[&str]| -> Vec<String> {
            g.scan("bundle.json", text, allowed)
                .iter()
                .map(|l| text[l.offset..].chars().take(6).collect())
                .collect()
        };
        // A detector takes `D12345` for an ID number…
        assert!(
            kinds(&[]).contains(&"D12345".to_string()),
            "{:?}",
            kinds(&[])
        );
        // …but the bundle's own ids are not, and a real ID still is.
        let own = ["2026-12-01", "D12345", "E10234"];
        assert_eq!(kinds(&own), vec!["AZE123".to_string()]);
    }
}
