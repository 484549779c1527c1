//! The register's forms and how they are found in a text: every form of an
//! entity (canonical, aliases, the surname and the first name alone,
//! initials), indexed by its first word and the first letters of its second,
//! matched across case, diacritics, possessives and suffixes, Russian case
//! endings (in every word of a Cyrillic form), `No.`/`#`/`№` before a number,
//! and hyphenated line breaks.

use super::{Anonymiser, Candidate, Source, Tok, is_cyrillic, name_gap};
use crate::fold::fold;

/// A form to find: a sequence of folded words.
#[derive(Debug, Clone)]
pub(super) struct Form {
    pub(super) words: Vec<String>,
    pub(super) entity: usize,
    /// Initials: the single-letter words must be followed by a dot.
    pub(super) initials: bool,
    /// A short form an editor did not list, made of words that are also
    /// ordinary (`Bright Future` of `Bright Future Legal Clinic`) or an
    /// acronym (`BFLC`): found only where every word has its capital (an
    /// acronym: in capitals), never in `a bright future`.
    pub(super) capitals: bool,
}

/// The words that say what an organisation is rather than which one it is
/// (`Legal Clinic` of `Bright Future Legal Clinic`, `ictimai birliyi`): left
/// off a registered organisation's name, the rest is how a text names it
/// short (`the Bright Future clinic`).
const ORGANISATION_WORDS: &[&str] = &[
    "clinic",
    "club",
    "association",
    "centre",
    "center",
    "foundation",
    "fund",
    "union",
    "society",
    "organisation",
    "organization",
    "ngo",
    "network",
    "initiative",
    "group",
    "committee",
    "council",
    "coalition",
    "alliance",
    "legal",
    "law",
    "youth",
    "women",
    "womens",
    "children",
    "childrens",
    "aid",
    "support",
    "rights",
    "human",
    "community",
    "public",
    "charitable",
    "humanitarian",
    "development",
    "resource",
    "information",
    "social",
    "mutual",
    "assistance",
    "help",
    "protection",
    "advocacy",
    "cooperative",
    "co",
    "op",
    "ltd",
    "llc",
    "inc",
    "mmc",
    "ictimai",
    "birliyi",
    "birlik",
    "birliyinin",
    "klubu",
    "klub",
    "merkezi",
    "merkez",
    "fondu",
    "fond",
    "qurumu",
    "teskilati",
    "assosiasiyasi",
    "gencler",
    "qadin",
    "qadinlar",
    "huquq",
    "huquqi",
    "фонд",
    "клуб",
    "центр",
    "ассоциация",
    "общество",
    "союз",
    "организация",
    "объединение",
    "инициатива",
    "молодежный",
    "женский",
    "правовой",
    "общественный",
];

/// Short forms of a registered organisation's name that a text may use
/// though nobody listed them: the name without the words that say what it
/// is (`Bright Future` of `Bright Future Legal Clinic`), when what is left
/// is two words or more, or one word no dictionary has (`Umid` of `Umid
/// Youth Club`); and its acronym of three letters or more (`BFLC`). Each
/// is matched with capitals only ([`Form::capitals`]).
pub(super) fn organisation_short_forms(words: &[String]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let function = |w: &str| {
        matches!(
            w,
            "the" | "of" | "for" | "and" | "s" | "ve" | "и" | "в" | "по"
        )
    };
    let core: Vec<&String> = words.iter().skip_while(|w| w.as_str() == "the").collect();
    if core.len() < 2 || !core.iter().all(|w| w.chars().all(char::is_alphabetic)) {
        return out;
    }
    let named = core
        .iter()
        .rposition(|w| !ORGANISATION_WORDS.contains(&w.as_str()) && !function(w))
        .map_or(0, |k| k + 1);
    let rest: Vec<String> = core[..named].iter().map(|w| w.to_string()).collect();
    if !rest.is_empty() && rest.len() < core.len() {
        let lone_word = rest.len() == 1
            && (rest[0].chars().count() < 4 || super::lexicon::lexicon().is_common(&rest[0]));
        if !lone_word && !rest.iter().any(|w| function(w)) {
            out.push(rest);
        }
    }
    let acronym: String = core
        .iter()
        .filter(|w| !function(w))
        .filter_map(|w| w.chars().next())
        .collect();
    if acronym.chars().count() >= 3 {
        out.push(vec![acronym]);
    }
    out
}

const RUSSIAN_ENDINGS: &[&str] = &[
    "", "а", "у", "ом", "ым", "е", "ой", "ою", "ых", "ы", "ыми", "и", "ей", "ю", "я", "ем", "ам",
    "ами", "ах",
];
const LATIN_ENDINGS: &[&str] = &[
    "", "s", "es", "un", "ün", "in", "ın", "nun", "nün", "nin", "nın", "a", "ə", "ya", "yə", "da",
    // After a possessive `-ı` (`Novruz bayramında`, `bayramına`).
    "nda", "ndə", "na", "nə", "ndan", "ndən", "də", "dan", "dən", "u", "ü", "i", "ı", "yu", "yü",
    "yi", "yı", "la", "lə", "gil", "ov", "ova",
    // After a vowel (`Leylanı`, `Leylayla`); plural of a family (`Quliyevlər`,
    // `Quliyevlərin evi`), with its cases.
    "nı", "ni", "nu", "nü", "yla", "ylə", "lar", "lər", "ların", "lərin", "lara", "lərə", "larda",
    "lərdə", "lardan", "lərdən", "ları", "ləri", "larla", "lərlə", "gilə", "gildə", "gildən",
    // Of a place: one from it, the one in it (`Qaraçalalı`, `Qaraçaladakı`).
    "lı", "li", "lu", "lü", "dakı", "dəki", "takı", "təki",
];

pub(super) fn prefix_n(w: &str, n: usize) -> &str {
    match w.char_indices().nth(n) {
        Some((i, _)) => &w[..i],
        None => w,
    }
}

/// The first three characters of a word.
pub(super) fn prefix3(w: &str) -> &str {
    match w.char_indices().nth(3) {
        Some((i, _)) => &w[..i],
        None => w,
    }
}

fn folded_endings(cyrillic: bool) -> &'static rustc_hash::FxHashSet<String> {
    type Set = rustc_hash::FxHashSet<String>;
    static RU: std::sync::OnceLock<Set> = std::sync::OnceLock::new();
    static LAT: std::sync::OnceLock<Set> = std::sync::OnceLock::new();
    if cyrillic {
        RU.get_or_init(|| RUSSIAN_ENDINGS.iter().map(|e| fold(e)).collect())
    } else {
        LAT.get_or_init(|| LATIN_ENDINGS.iter().map(|e| fold(e)).collect())
    }
}

/// The spellings of an Azerbaijani name in the Latin alphabets of English and
/// Russian sources: `Rəşad Quliyev` is written `Rashad Guliyev`, `Rashad
/// Guliev` and `Rashad Kuliev`; `Xəlilov` is `Khalilov`, `Cavid` is `Javid`.
/// (Folding already equates `Rəşad` with `Resad` and `Rəsad`: it drops the
/// diacritics; these are the spellings that change letters.) Empty for a name
/// with none of the letters that change.
pub(super) fn latin_spellings(name: &str) -> Vec<String> {
    const CHANGING: &[char] = &[
        'ə', 'Ə', 'ş', 'Ş', 'ç', 'Ç', 'ğ', 'Ğ', 'ı', 'İ', 'ö', 'Ö', 'ü', 'Ü', 'q', 'Q', 'x', 'X',
    ];
    if !name.contains(CHANGING) {
        return Vec::new();
    }
    let english = |q: &str, big_q: &str| {
        let mut out = String::with_capacity(name.len() + 4);
        for c in name.chars() {
            match c {
                'ə' => out.push('a'),
                'Ə' => out.push('A'),
                'ş' => out.push_str("sh"),
                'Ş' => out.push_str("Sh"),
                'ç' => out.push_str("ch"),
                'Ç' => out.push_str("Ch"),
                'ğ' => out.push_str("gh"),
                'Ğ' => out.push_str("Gh"),
                'x' => out.push_str("kh"),
                'X' => out.push_str("Kh"),
                'q' => out.push_str(q),
                'Q' => out.push_str(big_q),
                'c' => out.push('j'),
                'C' => out.push('J'),
                'ı' => out.push('i'),
                'İ' => out.push('I'),
                'ö' => out.push('o'),
                'Ö' => out.push('O'),
                'ü' => out.push('u'),
                'Ü' => out.push('U'),
                c => out.push(c),
            }
        }
        out
    };
    // Russian sources write -iyev(a) as -iev(a) and q as k: `Kuliev`, `Kasimov`.
    let russian = |s: String| s.replace("iyev", "iev");
    let mut out = vec![english("g", "G")];
    out.push(russian(out[0].clone()));
    out.push(russian(english("k", "K")));
    out.sort();
    out.dedup();
    // A short name respelled may be an English word (`Qala`, `gala`).
    out.retain(|s| s != name && (s.contains(' ') || s.chars().count() >= 5));
    out
}

/// The spellings of a name written in Latin letters (Azerbaijani, or the
/// English transliteration of an Azerbaijani, Georgian or Armenian name) in
/// the Cyrillic of Russian sources: `Rəşad Quliyev` is `Рашад Гулиев` or
/// `Рашад Кулиев`, `Həsənov` is `Гасанов` or `Хасанов`, `Məmmədov` may be
/// `Маммадов` or `Меммедов`, `Elçin` is `Эльчин`. The three letters Russian
/// sources render two ways (`ə`, `q`, `h`) give up to eight spellings;
/// Russian case endings are matched on them as on any Cyrillic form.
/// Empty for a name with letters outside the Latin alphabets of the region.
pub(super) fn cyrillic_spellings(name: &str) -> Vec<String> {
    let lower: Vec<char> = name.to_lowercase().chars().collect();
    if lower
        .iter()
        .any(|c| c.is_alphabetic() && !LATIN_OF_REGION.contains(*c))
        || !lower.iter().any(|c| c.is_alphabetic())
    {
        return Vec::new();
    }
    let mut out = Vec::new();
    // A fourth bit: the first `ə` of a word as `а`, the others as `е`
    // (`Məmmədova`: `Мамедова`, with the doubled `м` once, below).
    for variant in 0..16u8 {
        let mixed = variant & 8 != 0;
        let mut schwas_in_word = 0;
        let (schwa, q, h) = (
            if variant & 1 == 0 { "а" } else { "е" },
            if variant & 2 == 0 { "г" } else { "к" },
            if variant & 4 == 0 { "г" } else { "х" },
        );
        let word_start = |i: usize| i == 0 || !lower[i - 1].is_alphabetic();
        let vowel = |c: Option<&char>| c.is_some_and(|c| "aeiouəıöüy".contains(*c));
        let mut cyr = String::with_capacity(name.len() * 2);
        let mut i = 0;
        while i < lower.len() {
            let c = lower[i];
            let next = lower.get(i + 1);
            let pair = |a: char, b: char| c == a && next == Some(&b);
            let (text, used) = if pair('s', 'h') {
                ("ш", 2)
            } else if pair('c', 'h') {
                ("ч", 2)
            } else if pair('k', 'h') {
                ("х", 2)
            } else if pair('z', 'h') {
                ("ж", 2)
            } else if pair('g', 'h') {
                ("г", 2)
            } else if pair('t', 's') {
                ("ц", 2)
            } else if pair('i', 'y') && vowel(lower.get(i + 2)) {
                // Quliyev → Гулиев, Səmiyyə → Самия.
                ("и", 2)
            } else if pair('i', 'a') && lower.get(i + 2).is_none_or(|c| !c.is_alphabetic()) {
                // Akhalaia → Ахалаия, Beria → Берия.
                ("ия", 2)
            } else if c == 'y' && vowel(next) {
                // Before a vowel: Yelena → Елена, Ayan → Аян (Hüseyn → Гюсейн).
                match next {
                    Some('a') => ("я", 2),
                    Some('u') => ("ю", 2),
                    Some('o') => ("ё", 2),
                    Some('e') => ("е", 2),
                    _ => ("й", 1),
                }
            } else {
                let t = match c {
                    'a' => "а",
                    'b' => "б",
                    'c' => "дж",
                    'ç' => "ч",
                    'd' => "д",
                    'e' if word_start(i) => "э",
                    'e' => "е",
                    'ə' if mixed => {
                        schwas_in_word += 1;
                        if schwas_in_word == 1 { "а" } else { "е" }
                    }
                    'ə' => schwa,
                    'f' => "ф",
                    'g' | 'ğ' => "г",
                    'h' => h,
                    'x' => "х",
                    'ı' => "ы",
                    'i' => "и",
                    'j' => "ж",
                    'k' => "к",
                    'q' if i + 1 == lower.len() || !lower[i + 1].is_alphabetic() => "к",
                    'q' => q,
                    // A soft `l` before a consonant: Elçin → Эльчин.
                    'l' if next.is_some_and(|n| n.is_alphabetic() && !vowel(Some(n))) => "ль",
                    'l' => "л",
                    'm' => "м",
                    'n' => "н",
                    'o' => "о",
                    'ö' => "ё",
                    'p' => "п",
                    'r' => "р",
                    's' => "с",
                    'ş' => "ш",
                    't' => "т",
                    'u' => "у",
                    'ü' => "ю",
                    'v' | 'w' => "в",
                    'y' => "й",
                    'z' => "з",
                    _ => "",
                };
                if t.is_empty() {
                    cyr.push(c);
                    i += 1;
                    continue;
                }
                (t, 1)
            };
            cyr.push_str(text);
            i += used;
            if !lower.get(i).is_some_and(|c| c.is_alphabetic()) {
                schwas_in_word = 0;
            }
        }
        if mixed && !lower.contains(&'ə') {
            continue;
        }
        // Each word capitalised, as a name is.
        let mut cased = String::with_capacity(cyr.len());
        let mut at_start = true;
        for c in cyr.chars() {
            if at_start && c.is_alphabetic() {
                cased.extend(c.to_uppercase());
            } else {
                cased.push(c);
            }
            at_start = !c.is_alphabetic() && c != 'ь';
        }
        // Russian writes a doubled consonant once in many such names
        // (`Məmmədov`: `Мамедов`).
        if mixed {
            let mut single = String::with_capacity(cased.len());
            for c in cased.chars() {
                if single.ends_with(c) && !"аеиоуыэюяё".contains(c) {
                    continue;
                }
                single.push(c);
            }
            if single != cased {
                out.push(single);
            }
        }
        out.push(cased);
    }
    out.sort();
    out.dedup();
    // A short name transliterated may be a Russian word (`Mir`, `Мир`).
    out.retain(|s| s.contains(' ') || s.chars().count() >= 5);
    out
}

/// The skeleton of a folded Latin word, where the spellings of one name in
/// the Latin alphabets of Azerbaijani, English and Russian sources meet:
/// `Həsənov`, `Hasanov`; `Vaqif`, `Vagif`; `Cavid`, `Javid`; `Elşən`,
/// `Elshan`; `Məmmədov`, `Mammadov`, `Mamedov`; `Əliyeva`, `Aliyeva`,
/// `Alieva`; `Hovhannisyan`, `Hovhannisian`; `Hüseynov`, `Guseinov` (not
/// the German `Gusejnov`: a `j` is `c`). (Folding has already made `ə` an
/// `e`, `ş` an `s`, `ı` an `i`.)
/// Used for registered names only: it is too loose to say what a name is,
/// not to say which registered name a name is.
pub(super) fn skeleton(folded: &str) -> String {
    let mut out = String::with_capacity(folded.len());
    skeleton_into(folded, &mut out, usize::MAX);
    out
}

/// [`skeleton`] into `out` (emptied first), its first `limit` letters only.
fn skeleton_into(folded: &str, out: &mut String, limit: usize) {
    out.clear();
    let b = folded.as_bytes();
    let mut i = 0;
    let mut letters = 0;
    while i < b.len() && letters < limit {
        let c = b[i];
        if !c.is_ascii() {
            // Folded Latin is ASCII; anything else is copied as it is.
            let ch = folded[i..].chars().next().expect("a char at a boundary");
            out.push(ch);
            letters += 1;
            i += ch.len_utf8();
            continue;
        }
        let next = b.get(i + 1).copied();
        let (mapped, used) = match (c, next) {
            (b's', Some(b'h')) => ('s', 2),
            (b'c' | b'z', Some(b'h')) => ('c', 2),
            // `h`, `x`, `q`, `g` and their digraphs are one letter: Russian
            // writes `h` as `г` and `x` as `х`, which English sources of
            // Russian ones write `g` and `kh` (`Həsənov`, `Gasanov`;
            // `Əhmədov`, `Akhmedov`; `Hüseynov`, `Guseinov`; `Xəlilov`,
            // `Khalilov`; `Quliyev`, `Guliev`).
            (b'k' | b'g', Some(b'h')) => ('h', 2),
            (b'd', Some(b'z')) if b.get(i + 2) == Some(&b'h') => ('c', 3),
            (b'i', Some(b'y')) => ('i', 2),
            // `Hovhannisyan`, `Hovhannisian`; `Mariya`, `Maria`.
            (b'y', _) => ('i', 1),
            (b'j', _) => ('c', 1),
            (b'h' | b'x' | b'q' | b'g', _) => ('h', 1),
            // German sources: `Hasanow`.
            (b'w', _) => ('v', 1),
            (b'e', _) => ('a', 1),
            _ => (char::from(c), 1),
        };
        // Doubled letters once: `Məmmədov`, `Mamedov`.
        if !out.ends_with(mapped) {
            out.push(mapped);
            letters += 1;
        }
        i += used;
    }
}

/// The number of a numbering sign glued to it (`N7`, `No7`, `Nr.7` is two
/// words): `7`.
fn glued_number(folded: &str) -> Option<&str> {
    ["no", "nr", "n"].iter().find_map(|p| {
        folded
            .strip_prefix(p)
            .filter(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
    })
}

/// The Latin endings in skeleton.
fn skeleton_endings() -> &'static rustc_hash::FxHashSet<String> {
    static ENDINGS: std::sync::OnceLock<rustc_hash::FxHashSet<String>> = std::sync::OnceLock::new();
    ENDINGS.get_or_init(|| LATIN_ENDINGS.iter().map(|e| skeleton(&fold(e))).collect())
}

/// Matches a skeleton form (see [`skeleton`]) at token `i`: the same words
/// in skeleton, the last with an ending; returns the last token index.
fn match_skeleton(text: &str, toks: &[Tok], i: usize, form: &Form) -> Option<usize> {
    let endings = skeleton_endings();
    for (k, word) in form.words.iter().enumerate() {
        let t = i + k;
        let tok = toks.get(t)?;
        if k > 0 && !name_gap(&text[toks[t - 1].end..tok.start]) {
            return None;
        }
        let sk = skeleton(tok.folded);
        let ok = if k + 1 == form.words.len() {
            sk.strip_prefix(word.as_str())
                .is_some_and(|rest| endings.contains(rest))
        } else {
            sk == *word
        };
        if !ok {
            return None;
        }
    }
    Some(i + form.words.len() - 1)
}

/// The letters of the Latin alphabets of the region's names, lower case.
const LATIN_OF_REGION: &str = "abcçdeəfgğhxıijkqlmnoöprsştuüvwyz";

/// Whether `token` is `word` with an allowed case or possessive ending.
pub(super) fn inflected(word: &str, token: &str) -> bool {
    if token == word {
        return true;
    }
    // A Russian noun of three letters ending in a consonant declines too
    // (`Туг`: `в Туге`, `из Туга`; `Ким`: `Киму`).
    let letters = word.chars().count();
    if letters == 3 && is_cyrillic(word) {
        return !word.ends_with(['а', 'е', 'и', 'о', 'у', 'ы', 'э', 'ю', 'я', 'ь'])
            && token
                .strip_prefix(word)
                .is_some_and(|rest| matches!(rest, "а" | "у" | "ом" | "е" | "ы"));
    }
    if letters < 4 {
        return false;
    }
    if is_cyrillic(word) {
        // Adjectives (folded, `й` is `и`): `детский сад` → `в детском саду`,
        // `Новый Двор` → `в Новом Дворе`.
        if let Some(stem) = ["ии", "ыи", "ои"].iter().find_map(|e| word.strip_suffix(e))
            && token.strip_prefix(stem).is_some_and(|rest| {
                matches!(
                    rest,
                    "ии" | "ыи"
                        | "ои"
                        | "ого"
                        | "его"
                        | "ому"
                        | "ему"
                        | "им"
                        | "ым"
                        | "ом"
                        | "ем"
                        | "ая"
                        | "яя"
                        | "ую"
                        | "юю"
                        | "еи"
                        | "ое"
                        | "ее"
                        | "ые"
                        | "ие"
                        | "ых"
                        | "их"
                        | "ыми"
                        | "ими"
                )
            })
        {
            return true;
        }
        // Feminine and masculine stems: Гасанова → Гасанов-; neuter and
        // soft stems: общежитие → общежити-и, Георгий → Георги-я.
        let stem = word
            .strip_suffix('а')
            .or_else(|| word.strip_suffix('я'))
            .or_else(|| word.strip_suffix('е'))
            .or_else(|| word.strip_suffix('о'))
            .or_else(|| word.strip_suffix('ь'))
            .or_else(|| word.strip_suffix('и'))
            .unwrap_or(word);
        let stem = stem.strip_suffix('ы').unwrap_or(stem);
        token.strip_prefix(stem).is_some_and(|rest| {
            folded_endings(true).contains(rest) || rest == "ов" || rest == "ова"
        })
    } else if matches!(word.as_bytes().first(), Some(0xD4..=0xD6)) {
        // (The first byte of an Armenian letter, U+0531 to U+058F.)
        // Armenian: the article and the case endings (`Հովհաննիսյանը`,
        // `Երևանում`), and the plural's (`Հովհաննիսյանները`).
        token.strip_prefix(word).is_some_and(|rest| {
            super::resources::ARMENIAN_ENDINGS.contains(&rest)
                || matches!(rest, "ները" | "ների" | "ներին" | "ներից" | "ց")
        })
    } else if super::names::georgian(word) {
        // Georgian: case endings and postpositions after the name
        // (`კაპანაძეს`, `კაპანაძემ`, `ნინოს`), or after its stem without a
        // final vowel (`კაპანაძის`, `ზურაბმა` of `ზურაბი`); the plural.
        const ENDINGS: &[&str] = &[
            "ს",
            "მ",
            "მა",
            "ის",
            "ით",
            "ად",
            "დ",
            "ში",
            "ზე",
            "თან",
            "დან",
            "სთვის",
            "ისთვის",
            "ები",
            "ებმა",
            "ებს",
            "ების",
            "ებთან",
        ];
        let stem = word
            .strip_suffix(['ი', 'ე', 'ა'])
            .filter(|s| s.chars().count() >= 2)
            .unwrap_or(word);
        [word, stem].iter().any(|base| {
            token
                .strip_prefix(base)
                .is_some_and(|rest| ENDINGS.contains(&rest))
        })
    } else {
        token
            .strip_prefix(word)
            .is_some_and(|rest| folded_endings(false).contains(rest))
    }
}

/// Whether two tokens with `gap` between them may be one word of a form
/// written in two parts: a hyphenated line break (`Hasa-⏎nov`), a hyphen
/// (`Arab-Shalbash`, `CC-4`), or a space before a number (`CC 4`).
/// (Before a number, only after a code of four letters at most.)
fn split_word(first: &str, gap: &str, next: &str) -> bool {
    (gap.starts_with('-') && gap.contains('\n'))
        || gap == "-"
        || (gap == " "
            && first.len() <= 4
            && !next.is_empty()
            && next.bytes().all(|b| b.is_ascii_digit())
            && first.bytes().all(|b| b.is_ascii_alphabetic()))
}

impl Anonymiser {
    /// Register and gazetteer forms found; returns the token indices each covers.
    pub(super) fn register_matches(
        &self,
        text: &str,
        toks: &[Tok],
        cands: &mut Vec<Candidate>,
    ) -> (Vec<bool>, Vec<bool>) {
        let mut covered = vec![false; toks.len()];
        let mut gazetteer = vec![false; toks.len()];
        let mut key = String::new();
        let mut lookups: Vec<&Form> = Vec::new();
        let mut pushed: Vec<(usize, bool)> = Vec::new();
        let mut sk = String::new();
        for i in 0..toks.len() {
            lookups.clear();
            // The second word, or the number after `No.` (`School No. 7`).
            let seconds = [i + 1, i + 2].into_iter().filter(|&s| {
                s == i + 1
                    || toks
                        .get(i + 1)
                        .is_some_and(|x| matches!(x.folded, "no" | "nr" | "n" | "number" | "номер"))
            });
            for second in seconds {
                if let Some(next) = toks.get(second) {
                    key.clear();
                    key.push_str(toks[i].folded);
                    key.push('\0');
                    key.push_str(prefix3(glued_number(next.folded).unwrap_or(next.folded)));
                    if let Some(list) = self.forms_by_pair.get(key.as_str()) {
                        lookups.extend(list);
                    }
                    if !self.forms_by_pair_stem.is_empty() && is_cyrillic(toks[i].folded) {
                        key.clear();
                        key.push_str(prefix3(toks[i].folded));
                        key.push('\0');
                        key.push_str(prefix3(next.folded));
                        if let Some(list) = self.forms_by_pair_stem.get(key.as_str()) {
                            lookups.extend(list.iter().filter(|f| f.words[0] != toks[i].folded));
                        }
                    }
                }
            }
            self.first_word_candidates(toks[i].folded, &mut lookups);
            // A first word broken at a line's end (`Rə-⏎şad Quliyev`), or
            // written in two parts (`Arab-Shalbash` for `Arabshalbash`, `CC-4`
            // and `CC 4` for `CC4`).
            if let Some(next) = toks.get(i + 1)
                && split_word(toks[i].folded, &text[toks[i].end..next.start], next.folded)
            {
                let joined = format!("{}{}", toks[i].folded, next.folded);
                self.first_word_candidates(&joined, &mut lookups);
                if let Some(after) = toks.get(i + 2) {
                    key.clear();
                    key.push_str(&joined);
                    key.push('\0');
                    key.push_str(prefix3(after.folded));
                    if let Some(list) = self.forms_by_pair.get(key.as_str()) {
                        lookups.extend(list);
                    }
                }
            }
            // One candidate per span and source: a first name many
            // registered people share (`Rashad`) matches each of them, and
            // the first listed wins anyway.
            pushed.clear();
            let mut matched: Vec<(&Form, usize)> = lookups
                .iter()
                .filter_map(|&form| Some((form, self.match_form(text, toks, i, form)?)))
                .collect();
            // A registered name in another Latin spelling of it (`Vagif
            // Hasanov` registered, `Vaqif Həsənov` written).
            if !self.skeletal.is_empty()
                && toks[i].capitalised
                && !is_cyrillic(toks[i].folded)
                // (Not when a registered name of several words matched.)
                && !matched.iter().any(|(f, end)| f.entity < self.registered && *end > i)
            {
                // The word, or its stem under an ending (`Həsənovun`); most
                // words share no first letters with a registered name.
                skeleton_into(toks[i].folded, &mut sk, 4);
                let known = if sk.chars().count() < 4 {
                    self.skeletal.contains_key(sk.as_str())
                } else {
                    self.skeletal_prefixes.contains(sk.as_str())
                };
                if known {
                    skeleton_into(toks[i].folded, &mut sk, usize::MAX);
                }
                let endings = skeleton_endings();
                let stems = (0..=sk.len().min(8))
                    .filter(|_| known)
                    .map(|k| sk.len() - k)
                    .filter(|&at| sk.is_char_boundary(at) && endings.contains(&sk[at..]))
                    .map(|at| &sk[..at]);
                for stem in stems {
                    let Some(list) = self.skeletal.get(stem) else {
                        continue;
                    };
                    for form in list {
                        if !matched.iter().any(|(f, _)| std::ptr::eq(*f, form))
                            && let Some(end) = match_skeleton(text, toks, i, form)
                        {
                            matched.push((form, end));
                        }
                    }
                }
            }
            for (form, end_tok) in matched {
                {
                    let e = &self.entities[form.entity];
                    let from_register = form.entity < self.registered;
                    if pushed.contains(&(end_tok, from_register)) {
                        continue;
                    }
                    pushed.push((end_tok, from_register));
                    // A short form nobody listed, with its capitals only.
                    if form.capitals
                        && !toks[i..=end_tok].iter().all(|t| {
                            t.capitalised
                                && (form.words.len() > 1
                                    || text[t.start..t.end].chars().all(|c| !c.is_lowercase()))
                        })
                    {
                        continue;
                    }
                    // A settlement of the gazetteer named like a word (`Dogs`,
                    // `Gosh`) is that settlement when written with a capital;
                    // `her real dogs` is no village. (Registered forms match
                    // in any case: an editor listed them.)
                    if !from_register
                        && super::lexicon::lexicon().is_common(&text[toks[i].start..toks[i].end])
                        && (!toks[i].capitalised || self.word_in_title_case(text, toks, i, end_tok))
                    {
                        continue;
                    }
                    // A settlement named like a first name before a surname
                    // is that person's first name (`Nizami Həsənov`; the
                    // village is `Nizami`).
                    if !from_register
                        && end_tok == i
                        && self.resources.is_first_name(toks[i].folded)
                        && toks.get(i + 1).is_some_and(|next| {
                            next.capitalised
                                && text[toks[i].end..next.start] == *" "
                                && (super::names::surname_like(next.folded)
                                    || super::names::patronymic(next.folded)
                                    || self.resources.surnames.contains(next.folded))
                        })
                    {
                        continue;
                    }
                    let mut end = toks[end_tok].end;
                    // The dot of a final initial belongs to the name (`Hasanov R.`).
                    if form.initials
                        && form.words.last().is_some_and(|w| w.chars().count() == 1)
                        && text[end..].starts_with('.')
                    {
                        end += 1;
                    }
                    // A settlement's prefix written before it is part of
                    // its name (`Böyük Bəhmənli`, `Yeni Yaşma`).
                    let mut first = i;
                    if !from_register
                        && i > 0
                        && toks[i - 1].capitalised
                        && self.resources.place_prefixes.contains(toks[i - 1].folded)
                        && text[toks[i - 1].end..toks[i].start] == *" "
                    {
                        first = i - 1;
                    }
                    // A settlement's name after a title or a kinship word is
                    // a person's (`тётя Сара`, `uncle Ağdaş`), and so is one
                    // named like a first name before an honorific (`Nizami
                    // müəllim`, `Madina xanım`).
                    // (Or in apposition after someone's kin: `my father,
                    // Allahverdi, died`.)
                    let titled = i > 0
                        && first == i
                        && self.resources.honorific_before.contains(toks[i - 1].folded)
                        && (text[toks[i - 1].end..toks[i].start] == *" "
                            || (i > 1
                                && text[toks[i - 1].end..toks[i].start] == *", "
                                && super::names::POSSESSIVES.contains(&toks[i - 2].folded)
                                && text[toks[i - 2].end..toks[i - 1].start] == *" "));
                    let honoured = end_tok == i
                        && self.resources.is_first_name(toks[i].folded)
                        && toks.get(i + 1).is_some_and(|next| {
                            !next.capitalised
                                && self.resources.honorific_after.contains(next.folded)
                                && text[toks[i].end..next.start] == *" "
                        });
                    let kind = if !from_register && (titled || honoured) {
                        super::Kind::Person
                    } else {
                        e.kind
                    };
                    // A person's initials after the name are the rest of it
                    // (`Rashad G.`, the surname's letter; `Quliyev R.Ə.`,
                    // `Кулиев Р.Р.`, the patronymic's after the first's).
                    let mut after = end_tok + 1;
                    while kind == super::Kind::Person
                        && let Some(next) = toks.get(after)
                        && (text[end..next.start] == *" "
                            || (next.start == end && text[..end].ends_with('.')))
                        && text[next.start..next.end].chars().count() == 1
                        && text[next.start..next.end].chars().all(char::is_uppercase)
                        && text[next.end..].starts_with('.')
                    {
                        end = next.end + 1;
                        after += 1;
                    }
                    // Quotes inside a registered name go with it whole
                    // (`клубе «Умид»`, `the “Umid” Youth Club`).
                    let mut start = toks[first].start;
                    let inside = &text[start..end];
                    let quoted = inside.contains(['«', '»', '„', '“', '”', '"']);
                    let pairs = [('«', '»'), ('„', '“'), ('“', '”'), ('"', '"')];
                    for (open, close) in pairs.into_iter().filter(|_| quoted) {
                        let (opens, closes) =
                            (inside.matches(open).count(), inside.matches(close).count());
                        let (open_left, close_left) = if open == close {
                            (opens % 2 == 1, opens % 2 == 1)
                        } else {
                            (opens > closes, closes > opens)
                        };
                        if close_left && text[..start].ends_with(open) {
                            start -= open.len_utf8();
                            break;
                        }
                        if open_left && text[end..].starts_with(close) {
                            end += close.len_utf8();
                            break;
                        }
                    }
                    cands.push(Candidate {
                        start,
                        end,
                        kind,
                        key: fold(&e.canonical),
                        fixed: e.pseudonym.clone(),
                        source: if from_register {
                            Source::Register
                        } else {
                            Source::Heuristic
                        },
                        priority: if from_register {
                            8 + u8::from(form.words.len() > 1)
                        } else {
                            7
                        },
                    });
                    let marks = if from_register {
                        &mut covered
                    } else {
                        &mut gazetteer
                    };
                    marks[first..=end_tok].iter_mut().for_each(|c| *c = true);
                }
            }
        }
        (covered, gazetteer)
    }

    /// Whether a settlement of the gazetteer named like a common word
    /// (`Bank`, `Dogs`, `Gosh`), written at tokens `i..=end`, has its
    /// capital for another reason than being that village: it opens a
    /// sentence (`Bank staff came.`), or it is a word of a title-cased
    /// name (`Kapital Bank`, `the Central Bank`, `Bank Respublika`).
    /// A place marker after it makes it the village all the same (`Gosh
    /// village`, `Gosh kəndində`).
    fn word_in_title_case(&self, text: &str, toks: &[Tok], i: usize, end: usize) -> bool {
        let spaced = |a: usize, b: usize| text[toks[a].end..toks[b].start] == *" ";
        if toks
            .get(end + 1)
            .is_some_and(|n| spaced(end, end + 1) && self.resources.place_after.contains(n.folded))
        {
            return false;
        }
        let before = i > 0
            && toks[i - 1].capitalised
            && spaced(i - 1, i)
            && !self.resources.place_prefixes.contains(toks[i - 1].folded)
            // (`From Gosh we fled`: a preposition opening the sentence.)
            && !(super::names::sentence_start(text, toks, i - 1)
                && matches!(
                    toks[i - 1].folded,
                    "in" | "from" | "to" | "near" | "at" | "of" | "around" | "outside"
                        | "into" | "via" | "across" | "behind" | "beyond" | "towards" | "toward"
                ));
        let after = toks
            .get(end + 1)
            .is_some_and(|n| n.capitalised && spaced(end, end + 1));
        end == i && (super::names::sentence_start(text, toks, i) || before || after)
    }

    /// Forms whose first word may be `token` (exact or inflected).
    fn first_word_candidates<'a>(&'a self, token: &str, out: &mut Vec<&'a Form>) {
        if let Some(list) = self.forms_by_first.get(token) {
            out.extend(list);
        }
        // Inflected single-word forms share their first three letters; an
        // inflected form is longer than its word (three letters or more).
        if token.len() < 4 || token.chars().nth(3).is_none() {
            return;
        }
        // The token has four letters or more, so its three- and four-letter
        // prefixes differ; each key's list holds the words of its length
        // class (three or four letters under three, five or more under
        // four).
        for key in [prefix3(token), prefix_n(token, 4)] {
            if let Some(list) = self.inflectable.get(key) {
                out.extend(
                    list.iter()
                        .filter(|f| f.words[0] != token && inflected(&f.words[0], token)),
                );
            }
        }
    }

    /// Matches `form` at token `i`; returns the last token index.
    fn match_form(&self, text: &str, toks: &[Tok], i: usize, form: &Form) -> Option<usize> {
        let mut t = i;
        for (k, word) in form.words.iter().enumerate() {
            if k > 0 {
                t += 1;
                let numeric = word.chars().all(|c| c.is_ascii_digit());
                // `School No. 7`, `школа номер 7` for a registered `School #7`.
                if numeric
                    && toks
                        .get(t)
                        .is_some_and(|x| matches!(x.folded, "no" | "nr" | "n" | "number" | "номер"))
                {
                    t += 1;
                }
                let gap = &text[toks.get(t - 1)?.end..toks.get(t)?.start];
                // Before a number, the signs of one: `School #7`, `школа № 7`.
                let gap_ok = if numeric {
                    gap.len() <= 12
                        && gap.chars().all(|c| {
                            c.is_whitespace() || matches!(c, '.' | '#' | '№' | '°' | '-' | ':')
                        })
                } else {
                    // Quotes around a registered name's word (`the "Umid"
                    // Youth Club`, `клубе «Умид»` for `клуб «Умид»`).
                    name_gap(gap)
                        || (gap.len() <= 8
                            && gap.chars().all(|c| {
                                c.is_whitespace()
                                    || matches!(
                                        c,
                                        '"' | '“' | '”' | '«' | '»' | '„' | '\'' | '‘' | '’'
                                    )
                            }))
                };
                if !gap_ok {
                    return None;
                }
            }
            let tok = toks.get(t)?;
            let last = k + 1 == form.words.len();
            let ok = if glued_number(tok.folded) == Some(word.as_str()) && k > 0 {
                // `school N7` for a registered `School #7`.
                true
            } else if last || is_cyrillic(word) {
                inflected(word, tok.folded)
                    // A short Russian noun after the first word declines
                    // too (`детский сад`: `в детском саду`, `детского сада`).
                    || (k > 0
                        && is_cyrillic(word)
                        && word.chars().count() == 3
                        && tok.folded.strip_prefix(word.as_str()).is_some_and(|rest| {
                            matches!(rest, "а" | "у" | "ом" | "е" | "ы" | "ов" | "ам" | "ами" | "ах")
                        }))
            } else {
                tok.folded == *word
            };
            if !ok {
                // A hyphenated line break inside the word: "Hasa-\nnov".
                let next = toks.get(t + 1)?;
                let gap = &text[tok.end..next.start];
                let joined = format!("{}{}", tok.folded, next.folded);
                if split_word(tok.folded, gap, next.folded)
                    && (joined == *word || (last && inflected(word, &joined)))
                {
                    t += 1;
                } else {
                    return None;
                }
            }
            // Initials are capital letters followed by a dot (`R.`, not `e.g.`).
            if form.initials
                && word.chars().count() == 1
                && (!text[toks[t].end..].starts_with('.') || !toks[t].capitalised)
            {
                return None;
            }
        }
        Some(t)
    }
}
