//! Anonymisation: text + register + settings → anonymised text, the list of
//! replacements and review flags. Pure: no file system inside.
//!
//! Sources of identifiers, strongest first:
//! 1. the **register** (`corpus/register.csv`): every listed form, across case
//!    and diacritics, possessives and suffixes (`Hasanov's`, `Həsənovun`),
//!    Russian case forms of Cyrillic names (`Гасанову`, `Гасановым`,
//!    `Гасановой`), initials (`A. Hasanov`, `Hasanov A.`, `A.H.`), a line
//!    break, several spaces or a hyphenated line break inside the name; the
//!    surname alone and the first name alone of a registered person;
//! 2. **detectors** for e-mails, URLs, phones, exact dates, ID numbers, exact
//!    ages (replaced by a ten-year band) and street addresses;
//! 3. **open-world names, default deny** (`names.rs`): a capitalised or
//!    all-caps word, an initial, or a run of them, that is no common word of
//!    its language ([`lexicon`]) and no allowed public name is an identifier;
//!    first names, census surnames, surname endings of the region, titles,
//!    place markers and organisation heads decide its type; small settlements
//!    of the gazetteer and places after markers (village, street, kəndi,
//!    село, улица) are places;
//! 4. an **allow-list** of public places, bodies and famous names that stay
//!    (Baku, Georgia, UNHCR, the English dictionary's proper nouns when
//!    nothing marks a person); the register wins over it.
//!
//! Where the parts live: the register's forms and their matching in
//! `forms.rs`, the lists in `resources.rs` (data in `data/`), detectors in
//! [`detect`], names in `names.rs`, review decisions in [`review`].
//!
//! Replacements are bracketed, typed and numbered (`[Person 3]`, `[Place 2]`,
//! `[Phone]`, `[Age 40–49]`); numbers come from a [`Pseudonyms`] table the
//! caller keeps, so the same entity gets the same pseudonym everywhere.
//! Capitalised words that look like names but are not certain become review
//! flags rather than silent passes.

pub mod detect;
mod forms;
pub mod lexicon;
mod names;
mod quasi;
pub use quasi::Lists as QuasiIdentifiers;
pub mod register;
mod resources;
pub mod review;

use crate::fold::{fold, is_word_char};
use forms::{Form, prefix_n, prefix3};
pub use register::{Entity, Register};
pub use resources::Resources;
use resources::{LOCATIVE, TEMPORAL, words_of};
use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Kinds of identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A person.
    Person,
    /// A place.
    Place,
    /// An organisation.
    Organisation,
    /// Anything else from the register.
    Other,
    /// A name of unknown type (open-world detection without evidence).
    Name,
    /// Phone number.
    Phone,
    /// E-mail address.
    Email,
    /// Web address.
    Url,
    /// Exact date.
    Date,
    /// ID or document number.
    Id,
    /// Exact age; the value is the start of its ten-year band.
    Age(u32),
    /// Street address.
    Address,
}

impl Kind {
    /// Lower-case name (for reports).
    pub fn name(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Place => "place",
            Kind::Organisation => "organisation",
            Kind::Other => "other",
            Kind::Name => "name",
            Kind::Phone => "phone",
            Kind::Email => "email",
            Kind::Url => "url",
            Kind::Date => "date",
            Kind::Id => "id",
            Kind::Age(_) => "age",
            Kind::Address => "address",
        }
    }

    fn numbered_label(self) -> Option<&'static str> {
        match self {
            Kind::Person => Some("Person"),
            Kind::Place => Some("Place"),
            Kind::Organisation => Some("Organisation"),
            Kind::Other => Some("Identifier"),
            Kind::Name => Some("Name"),
            _ => None,
        }
    }

    /// The fixed label of an unnumbered kind.
    fn fixed_label(self) -> String {
        match self {
            Kind::Phone => "[Phone]".into(),
            Kind::Email => "[Email]".into(),
            Kind::Url => "[URL]".into(),
            Kind::Date => "[Date]".into(),
            Kind::Id => "[ID]".into(),
            Kind::Age(band) => format!("[Age {band}–{}]", band + 9),
            Kind::Address => "[Address]".into(),
            _ => unreachable!("numbered kinds have numbered labels"),
        }
    }
}

/// Where a replacement came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// The register.
    Register,
    /// A pattern detector.
    Detector,
    /// A name or place heuristic.
    Heuristic,
}

/// One replacement made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Replacement {
    /// Byte start in the input.
    pub start: usize,
    /// Byte end in the input.
    pub end: usize,
    /// What it was.
    pub kind: Kind,
    /// What it became.
    pub pseudonym: String,
    /// Why.
    pub source: Source,
}

/// Something a person should look at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flag {
    /// Byte start in the input.
    pub start: usize,
    /// Byte end in the input.
    pub end: usize,
    /// Why it was flagged.
    pub reason: String,
}

/// The result of anonymising one text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Output {
    /// The anonymised text.
    pub text: String,
    /// Replacements, in text order.
    pub replacements: Vec<Replacement>,
    /// Review flags, in text order.
    pub flags: Vec<Flag>,
}

/// The pseudonym table: the key. Numbers are given in register order first,
/// then in order of first appearance; the same (kind, folded form) always gets
/// the same pseudonym.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pseudonyms {
    /// (kind, entity key) → pseudonym.
    pub entries: BTreeMap<String, String>,
    /// Next number per label.
    pub next: BTreeMap<String, u32>,
    /// Words of names found by the open-world detector → (kind, entity key):
    /// once a word is part of a name, every later occurrence of it, in any
    /// case, is that name.
    /// Not part of the key on disk: learned anew from each bundle's texts,
    /// so that a bundle does not depend on the runs before it.
    #[serde(skip)]
    pub learned: names::Learned,
    /// Words the texts of the bundle write in lower case: ordinary words,
    /// even where a heading capitalises them. Not part of the key on disk.
    #[serde(skip)]
    pub seen_lower: std::collections::BTreeSet<String>,
}

impl Pseudonyms {
    fn key(kind: Kind, entity: &str) -> String {
        format!("{}:{entity}", kind.name())
    }

    /// The pseudonym of an entity, numbering it if it is new.
    pub fn get(&mut self, kind: Kind, entity: &str, fixed: Option<&str>) -> String {
        let Some(label) = kind.numbered_label() else {
            return kind.fixed_label();
        };
        let key = Self::key(kind, entity);
        if let Some(p) = self.entries.get(&key) {
            return p.clone();
        }
        let p = match fixed {
            Some(f) => f.to_string(),
            None => {
                let n = self.next.entry(label.to_string()).or_insert(0);
                *n += 1;
                format!("[{label} {n}]")
            }
        };
        self.entries.insert(key, p.clone());
        p
    }
}

/// A compiled anonymiser.
pub struct Anonymiser {
    register: Register,
    /// The register's entities, then the gazetteer's settlements.
    entities: Vec<Entity>,
    /// How many of `entities` come from the register.
    registered: usize,
    /// Single-word forms by their word.
    forms_by_first: HashMap<String, Vec<Form>>,
    /// Multi-word forms by (first word, first three letters of the second).
    /// Keyed `first word` + NUL + `first three letters of the second`.
    forms_by_pair: HashMap<String, Vec<Form>>,
    /// Multi-word Cyrillic forms by the first letters of their first two
    /// words: their first word may be declined too.
    forms_by_pair_stem: HashMap<String, Vec<Form>>,
    /// Single-word forms of four letters or more, by their first three letters:
    /// the candidates for inflected tokens (`Гасановым`, `Həsənovun`).
    inflectable: HashMap<String, Vec<Form>>,
    /// Registered forms by the skeleton of their first word (see
    /// [`forms::skeleton`]), words in skeleton.
    skeletal: HashMap<String, Vec<Form>>,
    /// The first four letters of the keys of `skeletal` of four or more.
    skeletal_prefixes: rustc_hash::FxHashSet<String>,
    /// Registered numbered institutions by (class, number), to know one
    /// however a text names it (`7-ci məktəb`, `sch. #7` for `School #7`).
    numbered: HashMap<(&'static str, String), usize>,
    resources: Resources,
}

/// The words of a name in the other of the British and American spellings
/// (`centre`, `center`), when it has such a word.
fn other_spelling(words: &[String]) -> Option<Vec<String>> {
    const PAIRS: &[(&str, &str)] = &[
        ("centre", "center"),
        ("centres", "centers"),
        ("organisation", "organization"),
        ("theatre", "theater"),
        ("defence", "defense"),
        ("programme", "program"),
        ("labour", "labor"),
    ];
    let swap = |w: &String| {
        PAIRS.iter().find_map(|&(a, b)| {
            if w == a {
                Some(b.to_string())
            } else if w == b {
                Some(a.to_string())
            } else {
                None
            }
        })
    };
    words.iter().any(|w| swap(w).is_some()).then(|| {
        words
            .iter()
            .map(|w| swap(w).unwrap_or_else(|| w.clone()))
            .collect()
    })
}

/// The class and number of a numbered institution named by `words` (folded):
/// `school 7`, `школы 7`, `7 nomreli mektebde`, `sch 7` are all (`school`,
/// `7`). One school, one pseudonym, in whichever language it is named.
fn numbered_institution(words: &[String]) -> Option<(&'static str, String)> {
    const CLASSES: &[(&str, &[&str])] = &[
        (
            "school",
            &["school", "sch", "школ", "шк", "mekteb", "სკოლ", "դպրոց"],
        ),
        ("lyceum", &["lyceum", "лице", "lisey"]),
        ("gymnasium", &["gymnasium", "гимнази", "gimnaziya"]),
        (
            "kindergarten",
            &[
                "kindergarten",
                "kg",
                "nursery",
                "детсад",
                "детск",
                "садик",
                "bagca",
                "ბაღ",
                "საბავშვო",
                "մանկապարտեզ",
            ],
        ),
        (
            "hostel",
            &[
                "hostel",
                "dormitory",
                "общежити",
                "общ",
                "yataqxana",
                "საცხოვრებ",
                "հանրակացարան",
            ],
        ),
        (
            "hospital",
            &[
                "hospital",
                "больниц",
                "xestexana",
                "საავადმყოფო",
                "հիվանդանոց",
            ],
        ),
        ("polyclinic", &["polyclinic", "поликлиник", "poliklinika"]),
        ("sanatorium", &["sanatorium", "санатори", "sanatoriya"]),
        ("camp", &["camp", "лагер", "duserge"]),
    ];
    // Ordinals in words (folded: `ё` is `е`, `ü` is `u`).
    const ORDINALS: &[(&str, &str)] = &[
        ("втор", "2"),
        ("трет", "3"),
        ("четверт", "4"),
        ("пят", "5"),
        ("шест", "6"),
        ("седьм", "7"),
        ("восьм", "8"),
        ("девят", "9"),
        ("десят", "10"),
        ("одиннадцат", "11"),
        ("двенадцат", "12"),
        ("тринадцат", "13"),
        ("четырнадцат", "14"),
        ("пятнадцат", "15"),
        ("шестнадцат", "16"),
        ("семнадцат", "17"),
        ("восемнадцат", "18"),
        ("девятнадцат", "19"),
        ("двадцат", "20"),
        ("ikinci", "2"),
        ("ucuncu", "3"),
        ("dorduncu", "4"),
        ("besinci", "5"),
        ("altinci", "6"),
        ("yeddinci", "7"),
        ("sekkizinci", "8"),
        ("doqquzuncu", "9"),
        ("onuncu", "10"),
        ("iyirminci", "20"),
        // English, as translations write them (`the seventh school`).
        ("second", "2"),
        ("third", "3"),
        ("fourth", "4"),
        ("fifth", "5"),
        ("sixth", "6"),
        ("seventh", "7"),
        ("eighth", "8"),
        ("ninth", "9"),
        ("tenth", "10"),
        ("eleventh", "11"),
        ("twelfth", "12"),
        ("thirteenth", "13"),
        ("fourteenth", "14"),
        ("fifteenth", "15"),
        ("sixteenth", "16"),
        ("seventeenth", "17"),
        ("eighteenth", "18"),
        ("nineteenth", "19"),
        ("twentieth", "20"),
    ];
    // Numbers in words (`school number seven`, `yeddi nömrəli`).
    const NUMBERS: &[(&str, &str)] = &[
        ("one", "1"),
        ("two", "2"),
        ("three", "3"),
        ("four", "4"),
        ("five", "5"),
        ("six", "6"),
        ("seven", "7"),
        ("eight", "8"),
        ("nine", "9"),
        ("ten", "10"),
        ("eleven", "11"),
        ("twelve", "12"),
        ("twenty", "20"),
        ("один", "1"),
        ("одна", "1"),
        ("два", "2"),
        ("две", "2"),
        ("три", "3"),
        ("четыре", "4"),
        ("пять", "5"),
        ("шесть", "6"),
        ("семь", "7"),
        ("восемь", "8"),
        ("девять", "9"),
        ("десять", "10"),
        ("двадцать", "20"),
        ("bir", "1"),
        ("iki", "2"),
        ("uc", "3"),
        ("dord", "4"),
        ("bes", "5"),
        ("alti", "6"),
        ("yeddi", "7"),
        ("sekkiz", "8"),
        ("doqquz", "9"),
        ("on", "10"),
    ];
    // The number alone, or glued to its sign (`N7`, `No7`), or in words.
    let number = words
        .iter()
        .find_map(|w| {
            // (An English ordinal's ending off: `7th`.)
            let w = ["st", "nd", "rd", "th"]
                .iter()
                .find_map(|e| {
                    w.strip_suffix(e)
                        .filter(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
                })
                .unwrap_or(w);
            let digits = w.trim_start_matches(|c: char| !c.is_ascii_digit());
            // (With one letter of its own, another institution: `7а`.)
            let number = digits.trim_end_matches(char::is_alphabetic);
            (!number.is_empty()
                && number.bytes().all(|b| b.is_ascii_digit())
                && digits[number.len()..].chars().count() <= 1
                && matches!(&w[..w.len() - digits.len()], "" | "n" | "no" | "nr"))
            .then_some(digits)
        })
        .or_else(|| {
            // (Only beside a numbering word: `Hostel "Life on Mars"` is no
            // hostel number ten.)
            words
                .iter()
                .any(|w| matches!(w.as_str(), "number" | "no" | "номер" | "nomreli" | "sayli"))
                .then(|| {
                    words
                        .iter()
                        .find_map(|w| NUMBERS.iter().find(|(n, _)| w == n).map(|(_, d)| *d))
                })
                .flatten()
        })
        .or_else(|| {
            let first = words.first()?;
            ORDINALS
                .iter()
                .filter(|(stem, _)| first.starts_with(stem))
                .max_by_key(|(stem, _)| stem.len())
                .map(|(_, n)| *n)
        })?;
    let class = words.iter().find_map(|w| {
        CLASSES
            .iter()
            .find(|(_, heads)| heads.iter().any(|h| w.starts_with(h)))
            .map(|(class, _)| *class)
    })?;
    Some((class, number.trim_start_matches('0').to_string()))
}

/// Whether `w` has Armenian letters.
fn is_armenian(w: &str) -> bool {
    w.chars().any(|c| ('\u{531}'..='\u{58f}').contains(&c))
}

fn is_cyrillic(w: &str) -> bool {
    // U+0400 to U+04FF are exactly the characters whose UTF-8 lead byte is
    // 0xD0 to 0xD3: a byte scan, no decoding.
    w.bytes().any(|b| (0xD0..=0xD3).contains(&b))
}

/// The first `n` characters of a word (all of it when shorter).
/// A word of the text; its folded form lives in one buffer per text (no
/// allocation per word: a text has tens of thousands of them).
#[derive(Debug, Clone)]
struct Tok<'a> {
    start: usize,
    end: usize,
    folded: &'a str,
    capitalised: bool,
}

/// The words of `text`, their folded forms written into `buf`.
fn tokens<'a>(text: &str, buf: &'a mut String) -> Vec<Tok<'a>> {
    buf.clear();
    let mut spans = Vec::new();
    for (a, b) in crate::fold::word_spans(text) {
        let from = buf.len();
        crate::fold::fold_append(&text[a..b], buf);
        spans.push((a, b, from, buf.len()));
    }
    let buf: &'a str = buf;
    spans
        .into_iter()
        .map(|(a, b, from, to)| Tok {
            start: a,
            end: b,
            folded: &buf[from..to],
            capitalised: text[a..b].chars().next().is_some_and(char::is_uppercase),
        })
        .collect()
}

/// A person's initials in capitals, as minutes and e-mails write them
/// (`R. Mammadov`, `Lala Hajiyeva` … `RM reported`, `LH to send`): the
/// person, under the same pseudonym, wherever the text writes them, and
/// learned for the bundle's other texts. Two or three letters, from the
/// capitalised words of a name of two words or more found in this text;
/// not an allowed acronym (`UN`, `EU`).
fn initials_of_persons(
    text: &str,
    toks: &[Tok],
    allowed: &[bool],
    cands: &[Candidate],
    table: &mut Pseudonyms,
) -> Vec<Candidate> {
    let mut found: Vec<(String, &Candidate)> = Vec::new();
    for c in cands.iter().filter(|c| c.kind == Kind::Person) {
        let first = toks.partition_point(|t| t.start < c.start);
        let parts: Vec<&Tok> = toks[first..]
            .iter()
            .take_while(|t| t.end <= c.end)
            .filter(|t| t.capitalised)
            .collect();
        let initials: String = parts
            .iter()
            .filter_map(|t| text[t.start..t.end].chars().next())
            .collect();
        // A double first name signs with its own two letters too
        // (`Jean-Pierre Dubois`, `JP`).
        let double_first = parts.len() == 3 && text[parts[0].end..parts[1].start] == *"-";
        let given = double_first.then(|| initials.chars().take(2).collect::<String>());
        // Initials given in brackets right after the name, opening with its
        // first letter (`Moderator: Ketevan (KT)`): the surname's letter is
        // the text's to know.
        let bracketed = text[c.end..]
            .strip_prefix(" (")
            .and_then(|rest| rest.split_once(')'))
            .map(|(inside, _)| inside)
            .filter(|inside| {
                (2..=3).contains(&inside.chars().count())
                    && inside.chars().all(char::is_uppercase)
                    && inside.chars().next() == initials.chars().next()
            })
            .map(str::to_string);
        for initials in std::iter::once(initials).chain(given).chain(bracketed) {
            let letters = initials.chars().count();
            if (2..=3).contains(&letters)
                && initials.chars().all(char::is_uppercase)
                && !found.iter().any(|(i, _)| *i == initials)
            {
                found.push((initials, c));
            }
        }
    }
    // A word in capitals of two letters or more (`ON` of `COME ON UP`), or
    // a capitalised one right after (`LA Weekly`): the letters are no
    // initials there.
    let shouting = |k: usize| {
        let w = &text[toks[k].start..toks[k].end];
        w.chars().count() >= 2 && w.chars().all(|c| !c.is_lowercase())
    };
    found.retain(|(i, _)| !COMMON_ACRONYMS.contains(&i.as_str()));
    let mut out = Vec::new();
    if found.is_empty() {
        return out;
    }
    // One pass over the words: two or three letters in capitals only.
    for (j, t) in toks.iter().enumerate() {
        let word = &text[t.start..t.end];
        if !(2..=6).contains(&word.len()) || !t.capitalised {
            continue;
        }
        let Some((initials, c)) = found.iter().find(|(i, _)| i == word) else {
            continue;
        };
        if allowed[j]
            || text[t.end..].starts_with('.')
            || text[..t.start].ends_with('.')
            || (j > 0 && shouting(j - 1) && text[toks[j - 1].end..t.start] == *" ")
            || toks
                .get(j + 1)
                .is_some_and(|n| (shouting(j + 1) || n.capitalised) && text[t.end..n.start] == *" ")
        {
            continue;
        }
        out.push(c.at(t.start, t.end));
        table
            .learned
            .entry(fold(initials))
            .or_insert((c.kind, c.key.clone()));
    }
    out
}

/// Two capitals without dots where only a person stands (`Interview with
/// AB, a teacher`, `AB said`, `we spoke with AB and KM`): a person's
/// initials, as field notes shorten a respondent; not a known acronym (`UN
/// said`, `the EU`). Three letters are an organisation's as often (`IOM
/// said`, `NRC said`) and are left to the other rules.
fn initials_in_a_persons_place(
    text: &str,
    toks: &[Tok],
    allowed: &[bool],
    table: &mut Pseudonyms,
) -> Vec<Candidate> {
    const BEFORE: &[&str] = &[
        "with",
        "respondent",
        "participant",
        "informant",
        "interviewee",
        "asked",
        "told",
        "met",
        "thanked",
        "by",
    ];
    const AFTER: &[&str] = &[
        "said",
        "says",
        "told",
        "recalled",
        "explained",
        "added",
        "replied",
        "remembered",
    ];
    let two_capitals = |k: usize| {
        let w = &text[toks[k].start..toks[k].end];
        w.chars().count() == 2
            && w.chars().all(char::is_uppercase)
            && !COMMON_ACRONYMS.contains(&w)
            // (Degrees, media, units: `with a BA`, `by FM`.)
            && !["AI", "BA", "MA", "MD", "VR", "FM", "GP", "PE", "UV", "IQ", "IV", "VS"].contains(&w)
            && !allowed[k]
            && !text[toks[k].end..].starts_with(['.', '-', '/'])
            && !text[..toks[k].start].ends_with(['.', '-', '/', '#', '@'])
    };
    let gap = |a: usize, b: usize| &text[toks[a].end..toks[b].start];
    let mut out = Vec::new();
    let mut person = vec![false; toks.len()];
    for j in 0..toks.len() {
        if !two_capitals(j) {
            continue;
        }
        let before = j > 0
            && !toks[j - 1].capitalised
            && BEFORE.contains(&toks[j - 1].folded)
            && gap(j - 1, j) == " "
            && text[toks[j].end..].starts_with([',', ';', ')', ' ', '\n'])
            && toks.get(j + 1).is_none_or(|n| {
                !n.capitalised || gap(j, j + 1) != " " || AFTER.contains(&n.folded)
            });
        let after = toks
            .get(j + 1)
            .is_some_and(|n| !n.capitalised && AFTER.contains(&n.folded) && gap(j, j + 1) == " ")
            && (j == 0
                || names::sentence_start(text, toks, j)
                || matches!(toks[j - 1].folded, "and" | "but"));
        let paired = j > 1 && person[j - 2] && toks[j - 1].folded == "and" && gap(j - 1, j) == " ";
        if before || after || paired {
            person[j] = true;
        }
    }
    // The same letters elsewhere in the text are that person (`KM walked
    // home`), in capitals as found.
    let found: Vec<&str> = (0..toks.len())
        .filter(|&j| person[j])
        .map(|j| &text[toks[j].start..toks[j].end])
        .collect();
    for j in 0..toks.len() {
        let w = &text[toks[j].start..toks[j].end];
        if person[j] || (found.contains(&w) && two_capitals(j)) {
            let key = fold(w);
            let (kind, key) = table
                .learned
                .entry(key.clone())
                .or_insert((Kind::Person, key))
                .clone();
            out.push(Candidate::heuristic(
                toks[j].start,
                toks[j].end,
                kind,
                key,
                3,
            ));
        }
    }
    out
}

/// Letters in capitals that mean a thing more often than a person whose
/// initials they are (`TV`, `OK`, `ID`, `PS`, `AM`, `PM`; `ТВ`, `ДК`).
#[rustfmt::skip]
const COMMON_ACRONYMS: &[&str] = &[
    "AM", "PM", "TV", "OK", "ID", "PS", "IT", "HR", "PR", "MP", "CV", "DJ", "PC", "UK", "US",
    "LA", "NY", "DC", "SF",
    "EU", "UN", "AD", "BC", "QA", "CEO", "IDP", "NGO", "USA", "GDP", "DNA", "ATM", "SMS", "PDF",
    "ТВ", "ДК", "СМС", "ЧП", "МЧС", "ВИЧ",
];

/// Whether `toks[j]` is a settlement's marker abbreviated with its dot
/// before the name: `с. Хачмаз`, `пос. Мардакян`, `k. Sarıca` (not `с`
/// alone, the preposition).
fn abbreviated_marker(text: &str, toks: &[Tok], j: usize) -> bool {
    j + 1 < toks.len()
        && matches!(
            toks[j].folded,
            "с" | "пос" | "дер" | "пгт" | "k" | "kend" | "qes"
        )
        && text[toks[j].end..toks[j + 1].start] == *". "
}

/// The gap between two words of one name: spaces, a line break, a dot
/// (initials), an apostrophe or hyphen; no other punctuation.
fn name_gap(gap: &str) -> bool {
    gap.len() <= 12
        && gap
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, '.' | '-' | '\'' | '’'))
}

/// A candidate replacement before overlaps are resolved.
#[derive(Debug, Clone)]
struct Candidate {
    start: usize,
    end: usize,
    kind: Kind,
    key: String,
    fixed: Option<String>,
    source: Source,
    priority: u8,
}

impl Candidate {
    /// The same entity found again at `start..end` (an acronym or initials
    /// of a name found here).
    fn at(&self, start: usize, end: usize) -> Candidate {
        Candidate {
            start,
            end,
            kind: self.kind,
            key: self.key.clone(),
            fixed: self.fixed.clone(),
            source: self.source,
            priority: self.priority,
        }
    }

    /// A span the heuristics found, with no fixed pseudonym.
    fn heuristic(start: usize, end: usize, kind: Kind, key: String, priority: u8) -> Candidate {
        Candidate {
            start,
            end,
            kind,
            key,
            fixed: None,
            source: Source::Heuristic,
            priority,
        }
    }
}

impl Anonymiser {
    /// Compiles a register with resources.
    pub fn new(register: Register, resources: Resources) -> Anonymiser {
        // The gazetteer's settlements are matched like register places, after
        // the register's own entities (so register numbering comes first).
        let registered = register.entities.len();
        let mut entities = register.entities.clone();
        entities.extend(resources.settlements.iter().map(|name| Entity {
            kind: Kind::Place,
            canonical: name.clone(),
            aliases: Vec::new(),
            pseudonym: None,
        }));
        let mut forms_by_first: HashMap<String, Vec<Form>> = HashMap::default();
        let mut forms_by_pair: HashMap<String, Vec<Form>> = HashMap::default();
        let mut forms_by_pair_stem: HashMap<String, Vec<Form>> = HashMap::default();
        let mut skeletal: HashMap<String, Vec<Form>> = HashMap::default();
        for (i, e) in entities.iter().enumerate() {
            let mut forms: Vec<(Vec<String>, bool)> = Vec::new();
            // A registered name also in the other Latin spellings of its
            // sources (`Rəşad Quliyev`: `Rashad Guliyev`, `Kuliev`).
            // And in the Cyrillic of Russian sources (`Рашад Гулиев`).
            let spellings: Vec<String> = if i < registered {
                std::iter::once(&e.canonical)
                    .chain(&e.aliases)
                    .flat_map(|n| {
                        forms::latin_spellings(n)
                            .into_iter()
                            .chain(forms::cyrillic_spellings(n))
                    })
                    .collect()
            } else {
                Vec::new()
            };
            // A registered organisation's short forms (see
            // [`forms::organisation_short_forms`]), with their capitals only.
            let mut short: Vec<Vec<String>> = Vec::new();
            if i < registered && e.kind == Kind::Organisation {
                for name in std::iter::once(&e.canonical).chain(&e.aliases) {
                    for f in forms::organisation_short_forms(&words_of(name)) {
                        if !short.contains(&f) {
                            short.push(f);
                        }
                    }
                }
            }
            for name in std::iter::once(&e.canonical)
                .chain(&e.aliases)
                .chain(&spellings)
            {
                let mut w = words_of(name);
                // `Kindergarten No. 12` is `kindergarten 12`: the text may
                // write `#12`, `№ 12` or `number 12`.
                let numbering = |x: &str| matches!(x, "no" | "nr" | "n" | "number" | "номер");
                let numeric = |x: &str| x.chars().all(|c| c.is_ascii_digit());
                let mut k = 1;
                while k + 1 < w.len() {
                    if numbering(&w[k]) && numeric(&w[k + 1]) {
                        w.remove(k);
                    }
                    k += 1;
                }
                if w.is_empty() {
                    continue;
                }
                // A title is no part of the name: `Dr. Beridze` gives
                // `Beridze` alone, never `Dr` alone.
                let titles = w
                    .iter()
                    .take_while(|x| resources.honorific_before.contains(x.as_str()))
                    .count();
                let core = &w[titles.min(w.len() - 1)..];
                if e.kind == Kind::Person
                    && titles > 0
                    && core.len() == 1
                    && core[0].chars().count() > 1
                {
                    forms.push((core.to_vec(), false));
                }
                if e.kind == Kind::Person && core.len() >= 2 {
                    let (first, last) = (&core[0], &core[core.len() - 1]);
                    // Surname alone, first name alone (not single letters).
                    for part in [first, last] {
                        if part.chars().count() > 1 {
                            forms.push((vec![part.clone()], false));
                        }
                    }
                    // Initials: A. Hasanov, Hasanov A., A.H.
                    let fi: String = first.chars().take(1).collect();
                    let li: String = last.chars().take(1).collect();
                    forms.push((vec![fi.clone(), last.clone()], true));
                    forms.push((vec![last.clone(), fi.clone()], true));
                    forms.push((vec![fi, li], true));
                    // With the patronymic's or the middle name's initial:
                    // `R. I. Hasanov`, `Hasanov R.I.` for `Rauf İlham oğlu
                    // Həsənov`; `Гасанов Р. И.` for `Гасанов Рауф
                    // Ильхамович` (surname first when a patronymic ends it).
                    if core.len() >= 3 {
                        let initial = |x: &String| x.chars().take(1).collect::<String>();
                        let (surname, given, middle) = if names::patronymic(last) {
                            (&core[0], &core[1], &core[2])
                        } else {
                            (last, first, &core[1])
                        };
                        if given.chars().count() > 1 && middle.chars().count() > 1 {
                            let (gi, mi) = (initial(given), initial(middle));
                            forms.push((vec![gi.clone(), mi.clone(), surname.clone()], true));
                            forms.push((vec![surname.clone(), gi, mi], true));
                        }
                    }
                }
                // A registered place of two or three words is written as
                // one too (`Böyük Bəhmənli`, `Böyükbəhmənli`; `Yuxarı
                // Ağcakənd`, `Yuxarıağcakənd`).
                if i < registered
                    && e.kind == Kind::Place
                    && (2..=3).contains(&w.len())
                    && w.iter().all(|x| x.chars().all(char::is_alphabetic))
                {
                    forms.push((vec![w.concat()], false));
                }
                // British and American spellings of one name's words
                // (`Collective Centre`, `collective center`).
                if let Some(other) = other_spelling(&w) {
                    forms.push((other, false));
                }
                forms.push((w, false));
            }
            // A registered name's skeletons (not its initials): full
            // forms, and single words of five letters or more.
            if i < registered {
                for (words, _) in forms.iter().filter(|(w, initials)| {
                    !initials
                        && w.iter()
                            .all(|x| !is_cyrillic(x) && x.chars().all(char::is_alphabetic))
                }) {
                    let sk: Vec<String> = words.iter().map(|x| forms::skeleton(x)).collect();
                    if sk.len() == 1 && sk[0].chars().count() < 5 {
                        continue;
                    }
                    let list = skeletal.entry(sk[0].clone()).or_default();
                    let form = Form {
                        words: sk,
                        entity: i,
                        initials: false,
                        capitals: false,
                    };
                    if !list.iter().any(|f| f.words == form.words && f.entity == i) {
                        list.push(form);
                    }
                }
            }
            let listed = forms.len();
            forms.extend(short.into_iter().map(|w| (w, false)));
            for (k, (words, initials)) in forms.into_iter().enumerate() {
                let form = Form {
                    words,
                    entity: i,
                    initials,
                    capitals: k >= listed,
                };
                if form.words.len() == 1 {
                    forms_by_first
                        .entry(form.words[0].clone())
                        .or_default()
                        .push(form);
                } else {
                    // Multi-word forms by their first word and the first letters
                    // of their second (which may be inflected: Rauf Həsənovun).
                    let key = format!("{}\0{}", form.words[0], prefix3(&form.words[1]));
                    // Russian declines every word of a name (`школу № 7`,
                    // `Рауфу Гасанову`): also by the first word's first letters.
                    if is_cyrillic(&form.words[0]) && form.words[0].chars().count() >= 4 {
                        let stem =
                            format!("{}\0{}", prefix3(&form.words[0]), prefix3(&form.words[1]));
                        forms_by_pair_stem
                            .entry(stem)
                            .or_default()
                            .push(form.clone());
                    }
                    forms_by_pair.entry(key).or_default().push(form);
                }
            }
        }
        // Longest forms first, so "Leyla Məmmədova Qızı" wins over "Leyla Məmmədova".
        for list in forms_by_pair
            .values_mut()
            .chain(forms_by_pair_stem.values_mut())
        {
            list.sort_by_key(|f| std::cmp::Reverse(f.words.len()));
        }
        let mut inflectable: HashMap<String, Vec<Form>> = HashMap::default();
        for form in forms_by_first.values().flatten() {
            let letters = form.words[0].chars().count();
            if form.words.len() == 1
                && (letters >= 4 || (letters == 3 && is_cyrillic(&form.words[0])))
            {
                // Words of four letters or more, and Russian ones of three
                // (`Туг`: `в Туге`). Keyed by four letters when the word has
                // five or more (its stem then keeps four), else by three:
                // short lists to test per token.
                let key = if form.words[0].chars().count() >= 5 {
                    prefix_n(&form.words[0], 4)
                } else {
                    prefix3(&form.words[0])
                };
                inflectable
                    .entry(key.to_string())
                    .or_default()
                    .push(form.clone());
            }
        }
        let mut numbered = HashMap::default();
        for (i, e) in entities.iter().take(registered).enumerate() {
            for name in std::iter::once(&e.canonical).chain(&e.aliases) {
                if let Some(key) = numbered_institution(&words_of(name)) {
                    numbered.entry(key).or_insert(i);
                }
            }
        }
        Anonymiser {
            register,
            entities,
            registered,
            forms_by_first,
            forms_by_pair,
            forms_by_pair_stem,
            inflectable,
            skeletal_prefixes: skeletal
                .keys()
                .filter(|k| k.chars().count() >= 4)
                .map(|k| forms::prefix_n(k, 4).to_string())
                .collect(),
            skeletal,
            numbered,
            resources,
        }
    }

    /// The register this anonymiser was built with.
    pub fn register(&self) -> &Register {
        &self.register
    }

    /// Numbers the register's entities in register order (call once on a new table).
    pub fn seed(&self, table: &mut Pseudonyms) {
        for e in &self.register.entities {
            table.get(e.kind, &fold(&e.canonical), e.pseudonym.as_deref());
        }
    }

    /// Notes the words `text` writes in lower case (evidence that they are
    /// ordinary words where another text capitalises them); call on every
    /// text of a bundle before anonymising any.
    pub fn note_lower_case(&self, text: &str, table: &mut Pseudonyms) {
        let mut buf = String::new();
        for t in tokens(text, &mut buf) {
            if !t.capitalised
                && !names::in_address(text, t.start, t.end)
                && t.folded.chars().count() >= 3
                && !self.resources.regional_names.contains(t.folded)
                && t.folded.chars().all(char::is_alphabetic)
            {
                table.seen_lower.insert(t.folded.to_string());
            }
        }
    }

    /// The stretches of a person's name `c` that no span in `taken`
    /// covers, trimmed to words; only those with a capitalised word that is
    /// no title (not the `Dr` left of a registered `John Smith`).
    fn free_name_parts(
        &self,
        text: &str,
        c: &Candidate,
        taken: &BTreeMap<(usize, usize), Candidate>,
    ) -> Vec<(usize, usize)> {
        let mut gaps = Vec::new();
        let mut at = c.start;
        let first = taken
            .range(..(c.start, 0))
            .next_back()
            .map_or(c.start, |(&(s, _), _)| s);
        for (_, t) in taken.range((first, 0)..) {
            if t.start >= c.end {
                break;
            }
            if t.end <= at {
                continue;
            }
            if t.start > at {
                gaps.push((at, t.start));
            }
            at = at.max(t.end);
        }
        if at < c.end {
            gaps.push((at, c.end));
        }
        gaps.into_iter()
            .filter_map(|(a, b)| {
                let piece = &text[a..b];
                let lead = piece.len()
                    - piece
                        .trim_start_matches(|ch: char| !ch.is_alphanumeric())
                        .len();
                let piece = piece.trim_matches(|ch: char| !ch.is_alphanumeric());
                let named = crate::fold::word_spans(piece).any(|(x, y)| {
                    let w = &piece[x..y];
                    w.chars().next().is_some_and(char::is_uppercase)
                        && w.chars().count() >= 2
                        && !self.resources.honorific_before.contains(&fold(w))
                });
                (named && !piece.is_empty()).then_some((a + lead, a + lead + piece.len()))
            })
            .collect()
    }

    /// Anonymises `text`.
    pub fn anonymise(&self, text: &str, table: &mut Pseudonyms) -> Output {
        let mut buf = String::with_capacity(text.len() + text.len() / 4);
        let toks = tokens(text, &mut buf);
        let mut cands = Vec::new();
        for h in detect::detect(text) {
            let priority = match h.kind {
                Kind::Email | Kind::Url => 9,
                // As strong as a settlement of the gazetteer, and longer:
                // `ул. Ленина 5-12` is one address, not a place and a number.
                Kind::Address => 7,
                _ => 5,
            };
            // Numbered institutions are places with a key of their own:
            // `School #7` and `school no. 7` are one place, and so are
            // `школа № 7` and `7 nömrəli məktəb`; a registered one is the
            // register's (`7-ci məktəb` for a registered `School #7`).
            let mut key = String::new();
            if h.kind.numbered_label().is_some() {
                let words = words_of(&text[h.start..h.end]);
                if let Some(class) = numbered_institution(&words) {
                    if let Some(&i) = self.numbered.get(&class) {
                        let e = &self.entities[i];
                        cands.push(Candidate {
                            start: h.start,
                            end: h.end,
                            kind: e.kind,
                            key: crate::fold::fold(&e.canonical),
                            fixed: e.pseudonym.clone(),
                            source: Source::Register,
                            priority: 8,
                        });
                        continue;
                    }
                    key = format!("{} {}", class.0, class.1);
                } else {
                    key = words
                        .into_iter()
                        .filter(|w| !matches!(w.as_str(), "no" | "nr" | "number" | "n" | "номер"))
                        .collect::<Vec<_>>()
                        .join(" ");
                }
            }
            cands.push(Candidate {
                start: h.start,
                end: h.end,
                kind: h.kind,
                key,
                fixed: None,
                source: Source::Detector,
                priority,
            });
        }
        let (registered, gazetteer) = self.register_matches(text, &toks, &mut cands);
        let mut allowed = self.allowed(text, &toks, &registered);
        // A public name that is also a first name (`Paris`, `Georgia`) is a
        // first name when a surname or its initial follows it (`Georgia
        // Wilson`, `Nato K.`).
        for j in 0..toks.len().saturating_sub(1) {
            let next = &toks[j + 1];
            let initial = next.folded.chars().count() == 1
                && text[next.end..].starts_with('.')
                && text[next.start..next.end].chars().all(char::is_uppercase);
            if allowed[j]
                && toks[j].capitalised
                && self.resources.is_first_name(toks[j].folded)
                && next.capitalised
                && !allowed[j + 1]
                && !registered[j + 1]
                && text[toks[j].end..next.start] == *" "
                && (initial || !lexicon::lexicon().is_common(&text[next.start..next.end]))
                // (A surname has letters only: `IBAN AZ21NABZ…` is none.)
                && next.folded.chars().all(char::is_alphabetic)
            {
                allowed[j] = false;
            }
        }
        // A public place in a case no name takes is no name after a title
        // or a first name (`Oğlum Rusiyada işləyir`, `Elşən Bakıda
        // oxuyur`: my son works in Russia, Elşən studies in Baku).
        // Not in Russian, where surnames are made of places' names (`Анна
        // Москвина`).
        let case_form = |j: usize| {
            !is_cyrillic(toks[j].folded)
                && !self.resources.allow.contains_key(toks[j].folded)
                && self.resources.allowed_stem(toks[j].folded)
        };
        // Public words that are first names and name a person here (below):
        // replaced wherever they have their capital in this text.
        let mut people: Vec<&str> = Vec::new();
        let first_name_here = |j: usize| {
            self.resources.is_first_name(toks[j].folded)
                || self.resources.regional_names.contains(toks[j].folded)
        };
        // A public name with an honorific is a person (`Xanlar kişi`,
        // `Mr Paris`, `aunt Georgia`), unless the honorific is part of the
        // public name (`General` of `UN General Assembly`).
        for j in 0..toks.len() {
            let before = j > 0
                && self.resources.honorific_before.contains(toks[j - 1].folded)
                && !allowed[j - 1]
                && text[toks[j - 1].end..toks[j].start]
                    .trim_matches([' ', '.'])
                    .is_empty();
            let after = toks.get(j + 1).is_some_and(|n| {
                self.resources.honorific_after.contains(n.folded)
                    && text[toks[j].end..n.start] == *" "
            });
            // Or in apposition with someone's kin or title (the words before
            // a name of `markers.txt`), before or after it (`my husband,
            // Levon Ter-Petrosyan`, `April, her daughter`): a namesake of a
            // public figure, a person named like a month.
            let kin_at = |k: usize| {
                k + 1 < toks.len()
                    && names::POSSESSIVES.contains(&toks[k].folded)
                    && self.resources.honorific_before.contains(toks[k + 1].folded)
                    && text[toks[k].end..toks[k + 1].start] == *" "
            };
            let kin_before =
                j >= 2 && text[toks[j - 1].end..toks[j].start] == *", " && kin_at(j - 2);
            // (Closed by a comma or a stop: `In June, my son left` is a
            // month.)
            let kin_after = j + 2 < toks.len()
                && text[toks[j].end..toks[j + 1].start] == *", "
                && kin_at(j + 1)
                && text[toks[j + 2].end..].starts_with([',', '.', ';', ')'])
                && !(j > 0
                    && (LOCATIVE.contains(&toks[j - 1].folded)
                        || TEMPORAL.contains(&toks[j - 1].folded)));
            if allowed[j]
                && !registered[j]
                && toks[j].capitalised
                && (before || after || kin_before || kin_after)
                && !case_form(j)
            {
                allowed[j] = false;
                // (`My neighbour Sofia helped. Sofia and I cooked.`)
                if first_name_here(j) && !self.resources.quasi.kept.contains(toks[j].folded) {
                    people.push(toks[j].folded);
                }
                // The whole public name goes with it (`Dr. Thomas de Waal`,
                // `my husband, Levon Ter-Petrosyan`).
                if before || kin_before {
                    let mut k = j + 1;
                    while k < toks.len()
                        && allowed[k]
                        && !registered[k]
                        && matches!(&text[toks[k - 1].end..toks[k].start], " " | "-")
                    {
                        allowed[k] = false;
                        k += 1;
                    }
                }
            }
        }
        // A public word that is also a first name (`June`, `April`,
        // `Bayram`, `Novruz`, `Islam`, `Christian`) is a person before a
        // verb only people do (`June told me`, `Bayram said`), and then
        // wherever it is written with a capital in this text (`June's
        // husband`). So is one with the speaker (`Sofia and I`), one who
        // is someone's kin or a role (`Kenya is my niece`, `Jordan is my
        // son's friend`, `Sydney, the volunteer, drove`).
        let role_at = |k: usize| {
            toks.get(k).is_some_and(|t| {
                self.resources.honorific_before.contains(t.folded)
                    || names::APPOSITION_ROLES.contains(&t.folded)
            })
        };
        let folded_at = |k: usize| toks.get(k).map_or("", |t| t.folded);
        let gap_is = |a: usize, g: &str| {
            toks.get(a + 1)
                .is_some_and(|n| text[toks[a].end..n.start] == *g)
        };
        let with_me = |j: usize| {
            gap_is(j, " ") && folded_at(j + 1) == "and" && matches!(folded_at(j + 2), "i" | "me")
        };
        // `is my niece`, `was our son's friend`.
        let is_kin = |j: usize| {
            gap_is(j, " ")
                && matches!(folded_at(j + 1), "is" | "was")
                && names::POSSESSIVES.contains(&folded_at(j + 2))
                && role_at(j + 3)
        };
        // `Sydney, the volunteer,`, `Tabriz, our cousin,` (closed by a
        // comma or a stop; `In June, my son left` is a month).
        let described = |j: usize| {
            gap_is(j, ", ")
                && (matches!(folded_at(j + 1), "the" | "a" | "an")
                    || names::POSSESSIVES.contains(&folded_at(j + 1)))
                && role_at(j + 2)
                && text[toks[j + 2].end..].starts_with([',', '.', ';', ')'])
                && !(j > 0
                    && (LOCATIVE.contains(&toks[j - 1].folded)
                        || TEMPORAL.contains(&toks[j - 1].folded)))
        };
        // `Rose and June`, `June and Aysel`: with `and` beside a first name
        // no list keeps (not `May and June`, both public).
        let coordinated = |j: usize| {
            let name_at = |k: usize| {
                toks[k].capitalised
                    && !allowed[k]
                    && (registered[k] || first_name_here(k))
                    && !toks[k].folded.chars().all(|c| c.is_ascii_digit())
            };
            (j >= 2
                && gap_is(j - 2, " ")
                && folded_at(j - 1) == "and"
                && gap_is(j - 1, " ")
                && name_at(j - 2))
                || (j + 2 < toks.len()
                    && gap_is(j, " ")
                    && folded_at(j + 1) == "and"
                    && gap_is(j + 1, " ")
                    && name_at(j + 2))
        };
        for j in 0..toks.len().saturating_sub(1) {
            let next = &toks[j + 1];
            let evidence = || {
                (text[toks[j].end..next.start] == *" "
                    && names::PERSON_VERBS.contains(&next.folded))
                    || with_me(j)
                    || is_kin(j)
                    || described(j)
                    || coordinated(j)
            };
            if allowed[j]
                && !registered[j]
                && toks[j].capitalised
                && evidence()
                // The region's countries speak in reports (`Georgia said`).
                && !matches!(toks[j].folded, "georgia" | "armenia" | "iran")
                // So do bodies, whose name it ends (`the Ministry of Justice
                // replied`).
                && !(j > 0 && allowed[j - 1] && !text[toks[j - 1].end..toks[j].start].contains('\n'))
                && !(j > 1
                    && allowed[j - 2]
                    && matches!(toks[j - 1].folded, "of" | "for")
                    && !text[toks[j - 2].end..toks[j].start].contains('\n'))
                // A word a person decided to keep stays kept.
                && !self.resources.quasi.kept.contains(toks[j].folded)
                // An acronym is no first name (`The UN helped us`; `Un` is
                // a Korean name).
                && !text[toks[j].start..toks[j].end].chars().all(char::is_uppercase)
                && first_name_here(j)
            {
                people.push(toks[j].folded);
            }
        }
        // (Not the place after a preposition of place: `My daughter Georgia
        // lives in Georgia`.)
        for j in 0..toks.len() {
            if allowed[j]
                && !registered[j]
                && toks[j].capitalised
                && people.contains(&toks[j].folded)
                && !(j > 0 && LOCATIVE.contains(&toks[j - 1].folded))
            {
                allowed[j] = false;
                cands.push(Candidate::heuristic(
                    toks[j].start,
                    toks[j].end,
                    Kind::Person,
                    toks[j].folded.to_string(),
                    5,
                ));
            }
        }
        // And a public name right after a first name is a surname
        // (`Valeska Paris`, `Andrew Beresford`).
        for j in 1..toks.len() {
            let prev = &toks[j - 1];
            if allowed[j]
                && !allowed[j - 1]
                && !registered[j]
                && toks[j].capitalised
                && prev.capitalised
                && ((self.resources.is_first_name(prev.folded)
                    && (self.resources.regional_names.contains(prev.folded)
                        || !lexicon::lexicon().is_common(&text[prev.start..prev.end])))
                    || (prev.end - prev.start == 1
                        && !matches!(&text[prev.start..prev.end], "I" | "A")))
                && text[prev.end..toks[j].start] == *" "
                && (j + 1 >= toks.len() || !allowed[j + 1])
                && !case_form(j)
            {
                allowed[j] = false;
            }
        }
        // A famous person named in full in this text (`Andy Warhol`) is
        // public by the surname alone here too (`Warhol's prints`); not
        // after a title or another first name (`Mr Warhol`, `Kate Warhol`).
        let in_full: Vec<&str> = (0..toks.len())
            .filter(|&j| {
                allowed[j]
                    && self
                        .resources
                        .figures_by_surname
                        .get(toks[j].folded)
                        .is_some_and(|full| {
                            full.iter().any(|f| {
                                f.len() <= j + 1
                                    && toks[j + 1 - f.len()..=j]
                                        .iter()
                                        .zip(f)
                                        .all(|(t, w)| t.folded == w)
                            })
                        })
            })
            .map(|j| toks[j].folded)
            .collect();
        if !in_full.is_empty() {
            for j in 0..toks.len() {
                // (Past a particle or an elided article: `Marie L'Enfant`.)
                let mut at = j;
                while at > 1
                    && (self.resources.particles.contains(toks[at - 1].folded)
                        || (toks[at - 1].end - toks[at - 1].start == 1
                            && matches!(&text[toks[at - 1].end..toks[at].start], "'" | "’")))
                {
                    at -= 1;
                }
                let named_before = at > 0 && {
                    let prev = &toks[at - 1];
                    text[prev.end..toks[at].start] == *" "
                        && (self.resources.honorific_before.contains(prev.folded)
                            || (prev.capitalised
                                && self.resources.is_first_name(prev.folded)
                                && !names::FUNCTION_WORDS.contains(&prev.folded)))
                };
                if !allowed[j]
                    && !registered[j]
                    && toks[j].capitalised
                    && in_full.contains(&toks[j].folded)
                    && !named_before
                {
                    allowed[j] = true;
                }
            }
        }
        // The allow-list wins over the gazetteer (a town both public and
        // small, like Gali); the register wins over both.
        cands.retain(|c| {
            c.source != Source::Heuristic || {
                let first = toks.partition_point(|t| t.start < c.start);
                !toks[first..]
                    .iter()
                    .zip(&allowed[first..])
                    .take_while(|(t, _)| t.end <= c.end)
                    .any(|(_, &a)| a)
            }
        });
        let gazetteer: Vec<bool> = gazetteer
            .iter()
            .zip(&allowed)
            .map(|(&g, &a)| g && !a)
            .collect();
        let mut taken: Vec<bool> = (0..toks.len())
            .map(|j| registered[j] || allowed[j] || gazetteer[j])
            .collect();
        // A WebVTT voice tag and its classes are markup (`<v.loud Leyla>`):
        // the name after them is the speaker's, the `v` no initial of it.
        for j in 0..toks.len() {
            if toks[j].folded == "v" && text[..toks[j].start].ends_with('<') {
                taken[j] = true;
                let mut k = j + 1;
                while k < toks.len() && &text[toks[k - 1].end..toks[k].start] == "." {
                    taken[k] = true;
                    k += 1;
                }
            }
        }
        // A word inside a number, an address or a date the detectors found
        // begins no name (`№ 2231-Б. Звонила…`: the `Б` is the number's).
        for c in cands.iter().filter(|c| c.source == Source::Detector) {
            let first = toks.partition_point(|t| t.start < c.start);
            for (t, x) in toks[first..].iter().zip(&mut taken[first..]) {
                if t.end > c.end {
                    break;
                }
                *x = true;
            }
        }
        let mut flags = Vec::new();
        let fixed: Vec<bool> = (0..toks.len())
            .map(|j| registered[j] || allowed[j])
            .collect();
        // A village named by its marker word is that village wherever the
        // text names it alone (`village Qaradağlı` … `neighbours from
        // Qaradağlı`): one place, one pseudonym, though the bare name
        // looks like a surname.
        for key in self.marked_places(text, &toks, &fixed, &gazetteer, &mut cands) {
            table
                .learned
                .entry(key.clone())
                .or_insert((Kind::Place, key));
        }
        lodgings(
            &self.resources,
            text,
            &toks,
            &registered,
            &allowed,
            &mut cands,
        );
        names::find(
            &self.resources,
            lexicon::lexicon(),
            text,
            &toks,
            &taken,
            &mut table.learned,
            &table.seen_lower,
            &mut cands,
            &mut flags,
        );

        cands.extend(self.bracketed_acronyms(text, &toks, &allowed, &cands, table));
        cands.extend(initials_of_persons(text, &toks, &allowed, &cands, table));
        cands.extend(initials_in_a_persons_place(text, &toks, &allowed, table));

        // A name spelled out letter by letter for the transcriber (`N-I-G-A-R`,
        // `М-А-М-Е-Д-О-В`): replaced as the name it spells, when the text
        // has it, else as a name.
        cands.extend(spelled_names(text).into_iter().map(|(start, end, key)| {
            let (kind, key) = table
                .learned
                .get(&key)
                .map_or((Kind::Name, key.clone()), |(k, known)| (*k, known.clone()));
            Candidate::heuristic(start, end, kind, key, 5)
        }));
        // An age right after a person's name (`Salome (17) wants`, `Farida
        // is 46 and`; see `age_after_person`).
        let ages: Vec<Candidate> = cands
            .iter()
            .filter(|c| c.kind == Kind::Person)
            .filter_map(|c| {
                let (at, digits, age) = age_after_person(&text[c.end..])?;
                Some(Candidate {
                    start: c.end + at,
                    end: c.end + at + digits,
                    kind: Kind::Age(age / 10 * 10),
                    key: String::new(),
                    fixed: None,
                    source: Source::Detector,
                    priority: 5,
                })
            })
            .collect();
        cands.extend(ages);

        // Resolve overlaps: strongest first, then longest.
        cands.sort_by(|a, b| {
            b.priority
                .cmp(&a.priority)
                .then((b.end - b.start).cmp(&(a.end - a.start)))
                .then(a.start.cmp(&b.start))
        });
        // `taken` stays sorted by start and free of overlaps, so a new span
        // needs checking against its two neighbours only (a map, not a
        // vector: a long text has thousands of spans to insert between).
        let mut taken: BTreeMap<(usize, usize), Candidate> = BTreeMap::new();
        for c in cands {
            let clear_before = taken
                .range(..(c.start, 0))
                .next_back()
                .is_none_or(|(_, t)| t.end <= c.start);
            let clear_after = taken
                .range((c.start, 0)..)
                .next()
                .is_none_or(|(_, t)| c.end <= t.start);
            if clear_before && clear_after {
                taken.insert((c.start, c.end), c);
            } else if c.kind == Kind::Person && c.source == Source::Heuristic {
                // A name that runs into a stronger span (an address, a
                // number, a registered form) keeps its words outside it:
                // never dropped whole.
                for (start, end) in self.free_name_parts(text, &c, &taken) {
                    taken.insert(
                        (start, end),
                        Candidate {
                            start,
                            end,
                            ..c.clone()
                        },
                    );
                }
            }
        }
        // A name broken at a line's end by a hyphen goes on across it
        // (`Gul-⏎nara`, `Qara-⏎qaya`, pasted from a PDF): the rest of the
        // word is the name's.
        let mut spans: Vec<Candidate> = taken.into_values().collect();
        for k in 0..spans.len() {
            let end = spans[k].end;
            let Some(rest) = text[end..]
                .strip_prefix('-')
                .map(|r| r.trim_start_matches([' ', '\t', '\r']))
                .and_then(|r| r.strip_prefix('\n'))
            else {
                continue;
            };
            let line = rest.trim_start_matches([' ', '\t']);
            let word = line
                .char_indices()
                .find(|(_, ch)| !ch.is_alphabetic())
                .map_or(line.len(), |(i, _)| i);
            if word == 0 || !line.starts_with(char::is_lowercase) {
                continue;
            }
            let new_end = text.len() - line.len() + word;
            if spans.get(k + 1).is_none_or(|next| new_end <= next.start) {
                spans[k].end = new_end;
            }
        }
        let mut out = String::with_capacity(text.len());
        let mut replacements = Vec::with_capacity(spans.len());
        let mut at = 0;
        for c in spans {
            out.push_str(&text[at..c.start]);
            let pseudonym = table.get(c.kind, &c.key, c.fixed.as_deref());
            out.push_str(&pseudonym);
            at = c.end;
            replacements.push(Replacement {
                start: c.start,
                end: c.end,
                kind: c.kind,
                pseudonym,
                source: c.source,
            });
        }
        out.push_str(&text[at..]);
        // A flag on a word the register or a detector replaced is moot; one
        // on a heuristic replacement says the replacement is unsure.
        flags.retain(|f: &Flag| {
            replacements
                .iter()
                .all(|r| f.end <= r.start || f.start >= r.end || r.source == Source::Heuristic)
        });
        flags.sort_by_key(|f| f.start);
        flags.dedup_by_key(|f| f.start);
        // Quasi-identifiers: what singles a person out without a name.
        let places: Vec<(usize, usize)> = replacements
            .iter()
            .filter(|r| r.kind == Kind::Place)
            .map(|r| (r.start, r.end))
            .collect();
        flags.extend(self.resources.quasi.find(text, &toks, &places));
        flags.sort_by_key(|f| f.start);
        Output {
            text: out,
            replacements,
            flags,
        }
    }

    /// The acronym given in brackets after a replaced organisation's,
    /// place's or unknown name (`the Ümid Support Group (USG)`, `Bright
    /// Future Legal Clinic (BFLC)`), or before it with the name in brackets
    /// (`AQM (Arzu Qadın Mərkəzi)`), is that name, there and wherever the
    /// text writes it (`USG staff said`): capitals with no space, two to ten
    /// characters, starting with the name's first letter, and on no
    /// allow-list. Learned for the texts after this one too.
    fn bracketed_acronyms(
        &self,
        text: &str,
        toks: &[Tok],
        allowed: &[bool],
        cands: &[Candidate],
        table: &mut Pseudonyms,
    ) -> Vec<Candidate> {
        let first_letter = |s: &str| {
            s.chars()
                .find(|ch| ch.is_alphabetic())
                .map(|ch| fold(&ch.to_string()))
        };
        let mut found: Vec<(&str, &Candidate)> = Vec::new();
        for c in cands.iter().filter(|c| {
            matches!(c.kind, Kind::Organisation | Kind::Place | Kind::Name) && c.end < text.len()
        }) {
            // After the name (`… Group (USG)`) or before it (`USG (Ümid
            // Support Group)`).
            let after = text[c.end..]
                .strip_prefix(" (")
                .and_then(|inner| inner.split(')').next())
                .map(|a| (c.end + 2, a));
            let before = text[..c.start]
                .strip_suffix(" (")
                .filter(|_| text[c.end..].starts_with(')'))
                .map(|lead| {
                    let from = lead
                        .char_indices()
                        .rev()
                        .find(|(_, ch)| !ch.is_alphanumeric())
                        .map_or(0, |(i, ch)| i + ch.len_utf8());
                    (from, &lead[from..])
                });
            for (at, acronym) in after.into_iter().chain(before) {
                let letters = acronym.chars().count();
                let capitals = acronym.chars().filter(|ch| ch.is_uppercase()).count();
                let tok = toks.partition_point(|t| t.start < at);
                if !(2..=10).contains(&letters)
                    || capitals < 2
                    || !acronym.starts_with(char::is_uppercase)
                    || !acronym.chars().all(char::is_alphanumeric)
                    || first_letter(acronym) != first_letter(&text[c.start..c.end])
                    || toks
                        .get(tok)
                        .is_none_or(|t| t.start != at || t.end != at + acronym.len())
                    || allowed[tok]
                    || found.iter().any(|(a, _)| *a == acronym)
                {
                    continue;
                }
                found.push((acronym, c));
            }
        }
        let mut out = Vec::new();
        for (acronym, c) in found {
            table
                .learned
                .entry(fold(acronym))
                .or_insert((c.kind, c.key.clone()));
            for t in toks.iter().filter(|t| &text[t.start..t.end] == acronym) {
                out.push(c.at(t.start, t.end));
            }
        }
        out
    }

    /// Whether `t` marks a settlement's name after it, in lower case
    /// (`village`, `в селе`, `посёлок`; not `street`, `district`).
    fn settlement_marker(&self, t: &Tok) -> bool {
        !t.capitalised
            && self.resources.place_before.contains(t.folded)
            && !NOT_SETTLEMENT_MARKERS.contains(&t.folded)
    }

    /// Token indices inside allow-listed phrases (unless registered).
    fn allowed(&self, text: &str, toks: &[Tok], registered: &[bool]) -> Vec<bool> {
        let mut out = vec![false; toks.len()];
        for i in 0..toks.len() {
            // Public names are written with a capital; nothing else is
            // replaced that an allow-list entry could keep. (Georgian has
            // no capitals: `წითელი ჯვარი`, the Red Cross.)
            if !toks[i].capitalised && !names::georgian(toks[i].folded) {
                continue;
            }
            // `in Cleveland`, `from Florence`: a city named like a person.
            // (Not with a possessive: `in Tyler's mind` is a person's.)
            let possessive = text[toks[i].end..].starts_with(['\'', '’'])
                && text[toks[i].end..].chars().nth(1).is_some_and(|c| c == 's');
            let located = i > 0
                && !possessive
                && (LOCATIVE.contains(&toks[i - 1].folded)
                    || listed_after_locative(text, toks, &out, i))
                && self
                    .resources
                    .allow_after_preposition
                    .contains_key(toks[i].folded);
            // And in Russian, in any case after a preposition of place (`в
            // Севане`, `из Масиса`; not `к`, to a person as well).
            if is_cyrillic(toks[i].folded)
                && !registered[i]
                && i > 0
                && matches!(
                    toks[i - 1].folded,
                    "в" | "во" | "из" | "под" | "около" | "возле" | "до" | "через" | "близ"
                )
                && (self
                    .resources
                    .allow_after_preposition
                    .contains_key(toks[i].folded)
                    || Resources::case_of_stem(
                        &self.resources.after_preposition_stems,
                        toks[i].folded,
                    ))
            {
                out[i] = true;
                continue;
            }
            // A Russian case form of a first name of the region that is
            // also a public place's name (`Гули`) is the place only after a
            // preposition of place (`в Гули`, `из Гули`).
            // So is a case form that is also a Russian surname in -ов/-ев
            // (`Иванова`, of Иваново, is Ivanova: `проверила Иванова Е. В.`;
            // not -ин, the forms of `Украина`).
            // (And the name itself where a one-word place is spelled the
            // same once its `ё` is written `е`: `Кето` is a woman, `Кёто`
            // Kyoto; not a public figure's first name, `Владимир Путин`.)
            if is_cyrillic(toks[i].folded)
                && !registered[i]
                && (self.resources.regional_names_stem(toks[i].folded)
                    || (self.resources.regional_names.contains(toks[i].folded)
                        && self
                            .resources
                            .allow
                            .get(toks[i].folded)
                            .is_some_and(|l| l.iter().all(|p| p.len() == 1)))
                    || (names::russian_surname_form(toks[i].folded)
                        && [
                            "ов", "ова", "ову", "овым", "овои", "ев", "ева", "еву", "евым", "евои",
                        ]
                        .iter()
                        .any(|e| toks[i].folded.ends_with(e))
                        && !self.resources.allow.contains_key(toks[i].folded)))
                && !self.resources.allowed_ia_form(toks[i].folded)
                && !(i > 0
                    && matches!(
                        toks[i - 1].folded,
                        "в" | "во"
                            | "из"
                            | "под"
                            | "около"
                            | "возле"
                            | "до"
                            | "через"
                            | "к"
                            | "за"
                    ))
            {
                continue;
            }
            // `during Novruz`, `in Nizami`: a public name that is also a
            // first name of the region, after a preposition of place or time.
            // (And after Russian ones: `в Питере`, `из Питера`; not `с`, with.)
            let in_context = i > 0
                && !possessive
                && (LOCATIVE.contains(&toks[i - 1].folded)
                    || TEMPORAL.contains(&toks[i - 1].folded)
                    || matches!(
                        toks[i - 1].folded,
                        "в" | "во"
                            | "из"
                            | "под"
                            | "около"
                            | "возле"
                            | "через"
                            | "до"
                            | "после"
                    ))
                && self.resources.allow_in_context.contains_key(toks[i].folded);
            let listed = if located {
                self.resources.allow_after_preposition.get(toks[i].folded)
            } else if in_context {
                self.resources.allow_in_context.get(toks[i].folded)
            } else {
                self.resources.allow.get(toks[i].folded)
            };
            // A settlement's prefix before a public name makes another,
            // small place (`New Sarvan`, `Yeni Suraxanı` unless listed,
            // `Upper Gali`): the prefix is not part of any listed phrase
            // here, or it would be allowed already.
            // (Not the compass, `Upper`/`Lower`, `Mount`, `Lake`: `South
            // Caucasus`, `Upper Svaneti`, `Mount Ararat` name no village.)
            if i > 0
                && !out[i - 1]
                && toks[i - 1].capitalised
                && self
                    .resources
                    .settlement_prefixes
                    .contains(toks[i - 1].folded)
                && text[toks[i - 1].end..toks[i].start] == *" "
            {
                continue;
            }
            // A public name right after a settlement's marker in lower case
            // names that village (`the village Kengerli`, `the village of
            // Kengerli`, `в селе Кенгерли`), and so does one in apposition
            // with a village (`Kengerli, a small village near Fuzuli`): the
            // district or town it shares its name with is another place.
            let marker = |k: usize| self.settlement_marker(&toks[k]);
            let names_a_village = || {
                // (`с. Хачмаз`: the marker abbreviated, with its dot.)
                let after_marker = i > 0
                    && (abbreviated_marker(text, toks, i - 1)
                        || (text[toks[i - 1].end..toks[i].start] == *" "
                            && (marker(i - 1)
                                || (i > 1
                                    && toks[i - 1].folded == "of"
                                    && text[toks[i - 2].end..toks[i - 1].start] == *" "
                                    && marker(i - 2)))));
                let village_apposition = {
                    let rest = &text[toks[i].end..];
                    rest.strip_prefix(", a ")
                        .or_else(|| rest.strip_prefix(", the "))
                        .is_some_and(|r| {
                            let r = ["small ", "little ", "tiny ", "mountain "]
                                .iter()
                                .fold(r, |r, a| r.strip_prefix(a).unwrap_or(r));
                            // (Not when the marker names another: `from
                            // Zangilan, the village of Bartaz`, a village in
                            // the district.)
                            ["village", "hamlet", "settlement"].iter().any(|v| {
                                r.strip_prefix(v).is_some_and(|after| {
                                    ![" of ", " called ", " named "]
                                        .iter()
                                        .any(|w| after.starts_with(w))
                                        && !after.strip_prefix(' ').is_some_and(|a| {
                                            a.starts_with(|c: char| c.is_uppercase())
                                        })
                                })
                            })
                        })
                };
                after_marker || village_apposition
            };
            // The longest allow-listed phrase starting here; without one
            // (`Барде`, in Barda, begins only `Барде хот`), a case form.
            let best = listed.and_then(|phrases| {
                phrases
                    .iter()
                    .filter(|p| {
                        // The last word of a longer phrase may take a case
                        // ending (`Dağlıq Qarabağın`, `Нагорного Карабаха` aside).
                        p.len() <= toks.len() - i
                            && p.iter().zip(&toks[i..]).enumerate().all(|(k, (w, t))| {
                                *w == t.folded
                                    || (p.len() > 1
                                        && k + 1 == p.len()
                                        && forms::inflected(w, t.folded))
                            })
                    })
                    .map(Vec::len)
                    .max()
            });
            let Some(n) = best else {
                // A public place in a case form: `Bakıya`, `в Москве`, `Гяндже`;
                // not a first name that looks like one (`Лаша` is no case of
                // `Лашо`, Lashio; `Natalya` none of `Natal`, `Safiye` none of
                // `Safi`), unless written with Azerbaijani letters
                // (`Berlində`, in Berlin, is no `Berlinde`).
                let first_name = || {
                    self.resources.regional_names.contains(toks[i].folded)
                        || (self.resources.is_first_name(toks[i].folded)
                            && !text[toks[i].start..toks[i].end].contains(['ə', 'Ə', 'ı']))
                };
                // One from a public place (`Bakılı qonşular`, Baku
                // neighbours) as an adjective only: alone, or after a
                // first name, it is a surname or a village (`Elnur
                // Qarabağlı`, `our village was called Qaradağlı`).
                let after_first_name = i > 0
                    && toks[i - 1].capitalised
                    && text[toks[i - 1].end..toks[i].start] == *" "
                    && (self.resources.regional_names.contains(toks[i - 1].folded)
                        || self.resources.is_first_name(toks[i - 1].folded));
                // (Nor after an English preposition of place: `We lived in
                // Garadaghli for years` names a village, not one from
                // Garadagh.)
                let after_preposition = i > 0
                    && (LOCATIVE.contains(&toks[i - 1].folded)
                        || matches!(toks[i - 1].folded, "from" | "to" | "at"))
                    && text[toks[i - 1].end..toks[i].start] == *" ";
                let surname_or_village = || {
                    self.resources.of_place_li(toks[i].folded)
                        && (after_first_name
                            || after_preposition
                            || !toks.get(i + 1).is_some_and(|next| {
                                !next.capitalised
                                    && text[toks[i].end..next.start] == *" "
                                    && !matches!(
                                        next.folded,
                                        "ailesi" | "aile" | "family" | "kendi"
                                    )
                            }))
                };
                if !registered[i]
                    && self.resources.allowed_stem(toks[i].folded)
                    && !first_name()
                    && !names_a_village()
                    && !surname_or_village()
                {
                    out[i] = true;
                }
                continue;
            };
            if !names_a_village() {
                (i..i + n)
                    .filter(|&j| !registered[j])
                    .for_each(|j| out[j] = true);
            }
        }
        self.universities(text, toks, registered, &mut out);
        self.state_bodies(text, toks, registered, &mut out);
        out
    }

    /// Azerbaijani names of ministries and state committees, named by their
    /// field and ending in their head word (`Təhsil Nazirliyi`, `Fövqəladə
    /// Hallar Nazirliyinə`, `Qaçqınların və Məcburi Köçkünlərin İşləri üzrə
    /// Dövlət Komitəsi`): public bodies, like `Ministry of Education`. Only
    /// national bodies: a village's executive office (`Qaradağlı Kənd İcra
    /// Nümayəndəliyi`) carries the village's name and is not taken here.
    fn state_bodies(&self, text: &str, toks: &[Tok], registered: &[bool], out: &mut [bool]) {
        for h in 0..toks.len() {
            let head = toks[h].folded;
            let national = head.starts_with("nazirliy")
                || (head.starts_with("komite")
                    && h > 0
                    && toks[h - 1].folded == "dovlet"
                    && toks[h - 1].capitalised);
            if !toks[h].capitalised || !national {
                continue;
            }
            // Back over the capitalised words of the field, and the small
            // words that join them (`və`, `üzrə`).
            let mut a = h;
            while a > 0 && h - a < 10 {
                let prev = &toks[a - 1];
                let gap = &text[prev.end..toks[a].start];
                // Not over a person before it (`Elvin Təhsil Nazirliyində
                // işləyir`: Elvin works there).
                let person = self.resources.is_first_name(prev.folded)
                    || self.resources.regional_names.contains(prev.folded)
                    || self.resources.surnames.contains(prev.folded)
                    || names::surname_like(prev.folded);
                if gap != " " || registered[a - 1] || person {
                    break;
                }
                let joiner =
                    matches!(prev.folded, "ve" | "uzre") && a >= 2 && toks[a - 2].capitalised;
                // The field's words are words (`Təhsil`, `Fövqəladə Hallar`);
                // a name no list knows (`Tayyar Müdafiə Nazirliyində`) is not.
                let field = prev.capitalised
                    && (out[a - 1] || lexicon::lexicon().is_common(&text[prev.start..prev.end]));
                if !(field || joiner) {
                    break;
                }
                a -= 1;
            }
            (a..=h)
                .filter(|&j| !registered[j] && toks[j].capitalised)
                .for_each(|j| out[j] = true);
        }
    }

    /// Universities are public bodies, whatever they are named after
    /// (`Stanford University`, `University of Michigan`, `Baku State
    /// University`, `Bakı Dövlət Universiteti`): their capitalised name is
    /// kept, so that no word of it becomes a name (`Stanford` a first name,
    /// `University` its surname, replaced everywhere after).
    fn universities(&self, text: &str, toks: &[Tok], registered: &[bool], out: &mut [bool]) {
        let joined = |a: usize, b: usize| {
            let gap = &text[toks[a].end..toks[b].start];
            gap == " " || gap == "\u{a0}"
        };
        for h in 0..toks.len() {
            let head = toks[h].folded;
            if !toks[h].capitalised
                || !(head == "university"
                    || head.starts_with("universitet")
                    || head.starts_with("университет"))
            {
                continue;
            }
            let mut a = h;
            // Not over a name of the region (`… Leyla Məmmədova University
            // student` keeps her a person).
            let regional = |t: &Tok| {
                self.resources.regional_names.contains(t.folded) || names::surname_like(t.folded)
            };
            while a > 0
                && h - a < 4
                && toks[a - 1].capitalised
                && joined(a - 1, a)
                && !regional(&toks[a - 1])
            {
                a -= 1;
            }
            let mut b = h;
            if h + 2 < toks.len()
                && toks[h + 1].folded == "of"
                && joined(h, h + 1)
                && toks[h + 2].capitalised
                && joined(h + 1, h + 2)
            {
                b = h + 2;
                // Not onto a person named after it (`University of Texas
                // Arlington Amneh Jafari heard`): a first name, or a word
                // before a surname, ends the university's name.
                let person_at = |k: usize| {
                    regional(&toks[k])
                        || self.resources.is_first_name(toks[k].folded)
                        || (k + 1 < toks.len()
                            && toks[k + 1].capitalised
                            && joined(k, k + 1)
                            && (self.resources.surnames.contains(toks[k + 1].folded)
                                || names::surname_like(toks[k + 1].folded)))
                };
                while b + 1 < toks.len()
                    && b - h < 4
                    && toks[b + 1].capitalised
                    && joined(b, b + 1)
                    && !person_at(b + 1)
                {
                    b += 1;
                }
            }
            (a..=b)
                .filter(|&j| !registered[j] && (toks[j].capitalised || j == h + 1))
                .for_each(|j| out[j] = true);
        }
    }

    /// Small places after or before a marker word (`village of X`, `X kəndi`).
    /// `taken`: registered or allowed tokens; `gazetteer`: tokens of a known
    /// settlement, which a longer marked name takes in (`Nor Getashen`).
    /// Returns the one-word names a marker written in full named (not an
    /// abbreviation: `K. Souza` is a person's initial as often as `k.`,
    /// village), to be learned as places for the rest of the text.
    fn marked_places(
        &self,
        text: &str,
        toks: &[Tok],
        taken: &[bool],
        gazetteer: &[bool],
        cands: &mut Vec<Candidate>,
    ) -> Vec<String> {
        let r = &self.resources;
        let mut learn = Vec::new();
        for (j, t) in toks.iter().enumerate() {
            // "village X", "village of X"; "our village was X", "a village
            // called X" (a settlement's word, and then no common word).
            let copula = settlement_word(t.folded)
                && toks
                    .get(j + 1)
                    .is_some_and(|n| matches!(n.folded, "was" | "is" | "called" | "named"));
            let after = if copula || toks.get(j + 1).is_some_and(|n| n.folded == "of") {
                j + 2
            } else {
                j + 1
            };
            // Only spaces between the marker and the name: "village. They" is
            // two sentences, not a village called They.
            let spaces = |a: usize, b: usize| {
                text[toks[a].end..toks[b].start]
                    .chars()
                    .all(|c| c.is_whitespace() && c != '\n')
            };
            // An apposition too: "a small village, Yuxarı Veysəlli, near…".
            let apposition = |a: usize, b: usize| {
                let gap = text[toks[a].end..toks[b].start].trim_start_matches(',');
                text[toks[a].end..toks[b].start].starts_with(',')
                    && !gap.is_empty()
                    && gap.chars().all(|c| c == ' ')
            };
            let abbreviated = abbreviated_marker(text, toks, j);
            let next_place = (r.place_before.contains(t.folded) || abbreviated)
                && toks.get(after).is_some_and(|n| n.capitalised)
                && (after == j + 1 || spaces(j + 1, after))
                && (spaces(j, j + 1) || abbreviated || (after == j + 1 && apposition(j, j + 1)));
            let k = if next_place {
                Some(after)
            } else if r.place_after.contains(t.folded)
                && j > 0
                && toks[j - 1].capitalised
                && spaces(j - 1, j)
                // (A sentence's first word only if no dictionary has it:
                // `Xanlıq kəndində yaşayırdıq`.)
                && (!names::sentence_start(text, toks, j - 1)
                    || !lexicon::lexicon().is_common(&text[toks[j - 1].start..toks[j - 1].end]))
            {
                Some(j - 1)
            } else {
                None
            };
            // In lower case after `village of`, `село`: a word no dictionary
            // knows is the village (`the village of sarıbulaq`).
            // (Not right after a marker that also follows its name, `Bu
            // kəndi sevirik`: the word after is a verb; `village of` is.)
            let lower_place = r.place_before.contains(t.folded)
                && !(after == j + 1 && r.place_after.contains(t.folded))
                && toks.get(after).is_some_and(|n| {
                    !n.capitalised
                        && n.folded.chars().count() >= 3
                        && n.folded.chars().all(char::is_alphabetic)
                        && !taken[after]
                        && (after == j + 1 || spaces(j + 1, after))
                        && spaces(j, j + 1)
                        && !lexicon::lexicon().is_common(&text[n.start..n.end])
                        // (Georgian, which has no lexicon here: a name after
                        // the marker's forms that precede one, not a word;
                        // after a marker in another script, `the village of
                        // ლაბრა`, the Georgian word is the name.)
                        && (!names::georgian(n.folded)
                            || !names::georgian(t.folded)
                            || names::georgian_place_after(t.folded, n.folded))
                });
            if lower_place {
                cands.push(Candidate::heuristic(
                    toks[after].start,
                    toks[after].end,
                    Kind::Place,
                    toks[after].folded.to_string(),
                    4,
                ));
                learn.push(toks[after].folded.to_string());
                continue;
            }
            let Some(mut k) = k else { continue };
            if k >= toks.len()
                || (copula
                    && next_place
                    && lexicon::lexicon().is_common(&text[toks[k].start..toks[k].end]))
                || taken[k]
                || !toks[k].capitalised
                || toks[k].folded.chars().count() < 2
            {
                continue;
            }
            let mut start = k;
            // Before a marker, the name's first words: a settlement's prefix
            // or words no dictionary has (`Yeni Həyat qəsəbəsi`, `Aşağı
            // Qışlaq kəndi`).
            if !next_place {
                while start > 0
                    && toks[start - 1].capitalised
                    && !taken[start - 1]
                    && spaces(start - 1, start)
                    && !names::sentence_start(text, toks, start)
                    && (r.settlement_prefixes.contains(toks[start - 1].folded)
                        || !lexicon::lexicon()
                            .is_common(&text[toks[start - 1].start..toks[start - 1].end]))
                    // (No lexicon of Armenian here: its sentence's first word
                    // is a word, `Մենք Ճարտար գյուղից ենք`, we are from
                    // Chartar village.)
                    && !(names::sentence_start(text, toks, start - 1)
                        && is_armenian(toks[start - 1].folded))
                {
                    start -= 1;
                }
            }
            // After a marker, a common word before a public name makes a new
            // name of a small place (`посёлок Новая Гянджа`, `village of New
            // Baku`): the public name is part of it.
            let common_start = lexicon::lexicon().is_common(&text[toks[k].start..toks[k].end]);
            // Multi-word names: "Zemo Bargebi", "Aşağı Güneyli".
            while k + 1 < toks.len()
                && toks[k + 1].capitalised
                && (!taken[k + 1] || (common_start && k == start))
                && name_gap(&text[toks[k].end..toks[k + 1].start])
                && !text[toks[k].end..toks[k + 1].start].contains(['.', '\n'])
                && k + 1 != j
                && !r.place_after.contains(toks[k + 1].folded)
            {
                k += 1;
            }
            // A lone common word is no place name (`District Court`), but
            // after a settlement's marker in lower case it is the village
            // (`в посёлке Кущу`, `в селе Дружба`, `the village of Gold`).
            let settlement_marker =
                next_place && self.settlement_marker(t) && !r.org_heads.contains(toks[k].folded);
            // Or before an English marker in lower case: an IDP settlement
            // named in translation (`Victory settlement`, `Friendship
            // village`), not the sentence's first word.
            let translated = !next_place
                && !t.capitalised
                && matches!(t.folded, "settlement" | "village" | "hamlet")
                && !names::sentence_start(text, toks, k);
            if start == k
                && !settlement_marker
                && !translated
                && lexicon::lexicon().is_common(&text[toks[k].start..toks[k].end])
            {
                continue;
            }
            // Nor are common words after `District` or `Street` (`Sabirabad
            // District Police Office`, `Barda District Executive Authority`):
            // a body of the district, not a place in it.
            if next_place
                && NOT_SETTLEMENT_MARKERS.contains(&t.folded)
                && (start..=k)
                    .all(|x| lexicon::lexicon().is_common(&text[toks[x].start..toks[x].end]))
            {
                continue;
            }
            // A longer name around a known settlement wins over it.
            let known = gazetteer[start..=k].iter().any(|&g| g);
            if known && gazetteer[start..=k].iter().all(|&g| g) {
                continue;
            }
            if start == k && !abbreviated && settlement_word(t.folded) {
                learn.push(toks[k].folded.to_string());
            }
            let key: Vec<&str> = toks[start..=k].iter().map(|t| t.folded).collect();
            cands.push(Candidate::heuristic(
                toks[start].start,
                toks[k].end,
                Kind::Place,
                key.join(" "),
                if known { 7 } else { 4 },
            ));
        }
        learn
    }
}

/// Whether folded `w` names a lodging that housed displaced families as a
/// collective centre: a hotel, a sanatorium, a guest house, a dormitory, a
/// pioneer camp (`hotel`, `sanatoriyasında`, `mehmanxanası`, `санатории`).
fn lodging_word(w: &str) -> bool {
    matches!(
        w,
        "hotel" | "motel" | "sanatorium" | "guesthouse" | "hostel" | "dormitory" | "camp"
    ) || ["mehmanxana", "sanatoriya", "yataqxana", "otel", "duserge"]
        .iter()
        .any(|s| w.starts_with(s))
        || ["санатори", "гостиниц", "пансионат", "общежити"]
            .iter()
            .any(|s| w.starts_with(s))
}

/// A lodging named by its own name (`the Sputnik hotel`, `Hotel Absheron`,
/// `the Caspian Sea Hotel`, `Xəzər sanatoriyasında`, `гостиница Апшерон`):
/// where families lived for years, so a small place, though its name is a
/// public place's or a word. Not a city's hotel (`a Baku hotel`), a
/// nationality's (`a Soviet hotel`), nor a sentence's first word that is a
/// word (`Hotel rooms were cold`).
fn lodgings(
    resources: &Resources,
    text: &str,
    toks: &[Tok],
    registered: &[bool],
    allowed: &[bool],
    cands: &mut Vec<Candidate>,
) {
    const GENERIC: &[&str] = &[
        "soviet", "state", "city", "old", "new", "former", "local", "main", "big", "small",
        "luxury", "cheap", "tourist", "summer", "children", "student", "workers", "youth",
    ];
    let lex = lexicon::lexicon();
    let n = toks.len();
    let spaced = |a: usize, b: usize| text[toks[a].end..toks[b].start] == *" ";
    let word = |k: usize| &text[toks[k].start..toks[k].end];
    let name_word = |k: usize| {
        toks[k].capitalised
            && !registered[k]
            && !GENERIC.contains(&toks[k].folded)
            // (Nor a numbering word, `Hostel No. 12`, nor a public place
            // in a case, `Saatlıdakı düşərgə`, the camp in Saatlı.)
            && !matches!(toks[k].folded, "no" | "nr" | "n" | "number")
            && (!resources.allowed_stem(toks[k].folded)
                || resources.allow.contains_key(toks[k].folded))
            && word(k).chars().skip(1).any(char::is_lowercase)
            && !(names::sentence_start(text, toks, k) && lex.is_common(word(k)))
    };
    // (A nationality alone is none: `a Turkish hotel`; `the Caspian Sea
    // Hotel` is a name.)
    let demonym_alone = |a: usize, b: usize| a == b && lex.is_demonym(word(a));
    let mut push = |a: usize, b: usize| {
        let key: Vec<&str> = toks[a..=b].iter().map(|t| t.folded).collect();
        cands.push(Candidate::heuristic(
            toks[a].start,
            toks[b].end,
            Kind::Place,
            key.join(" "),
            // (As strong as an organisation's name, which is longer:
            // `the Rose Garden Hotel` is one.)
            5,
        ));
    };
    for h in 0..n {
        if !lodging_word(toks[h].folded) {
            continue;
        }
        // (A pioneer camp or a guest house: the name is before both words.)
        let mut head = h;
        if h > 0
            && matches!(
                (toks[h - 1].folded, toks[h].folded),
                ("pioneer", "camp") | ("guest", "house") | ("pioner", _)
            )
            && spaced(h - 1, h)
        {
            head = h - 1;
        }
        if toks[h].folded == "camp" && head == h {
            continue;
        }
        // Its name before it.
        let mut a = head;
        while a > 0 && spaced(a - 1, a) && name_word(a - 1) && head - a < 3 {
            a -= 1;
        }
        let city_hotel =
            a > 0 && matches!(toks[a - 1].folded, "a" | "an") && (a..head).all(|k| allowed[k]);
        if a < head && !city_hotel && !demonym_alone(a, head - 1) {
            push(a, head - 1);
            continue;
        }
        // Or after it (`Hotel Absheron`, `в санатории Нефтчи`): not a new
        // sentence's, and not when a name is before. After the word in
        // lower case, in English, only what is no first name: `in the
        // dormitory Tural Qasımlı helps` is a person.
        let english_lower = !toks[h].capitalised && !is_cyrillic(toks[h].folded);
        if english_lower
            && toks.get(h + 1).is_some_and(|x| {
                resources.is_first_name(x.folded) || resources.regional_names.contains(x.folded)
            })
        {
            continue;
        }
        let mut b = h;
        while b + 1 < n
            && spaced(b, b + 1)
            && name_word(b + 1)
            && !names::sentence_start(text, toks, b + 1)
            && b - h < 3
        {
            b += 1;
        }
        if b > h && !demonym_alone(h + 1, b) {
            push(h + 1, b);
        }
    }
}

/// Whether a folded marker word says settlement (`village`, `kəndində`,
/// `селе`, `სოფელში`), not a street, a district or a river.
fn settlement_word(folded: &str) -> bool {
    const STEMS: &[&str] = &[
        "village",
        "settlement",
        "hamlet",
        "kend",
        "qesebe",
        "сел",
        "деревн",
        "посел",
        "посёл",
        "хутор",
        "аул",
        "სოფ",
        "დაბ",
        "დასახლ",
    ];
    STEMS.iter().any(|s| folded.starts_with(s))
}

/// Place markers that name no settlement: the word after them may be a
/// common one (`district Court`, `street Children`).
const NOT_SETTLEMENT_MARKERS: &[&str] = &[
    "street",
    "avenue",
    "district",
    "quarter",
    "kuce",
    "kucesi",
    "улица",
    "улице",
    "улицы",
    "улицу",
    "ул",
];

/// An age right after a person's name, as (offset of the number in `rest`,
/// its digits, the age): a number in brackets (`Salome (17) wants`; after
/// other words it is mostly a count, `Housing (2)`), or the person's copula
/// and a number ending the clause, a bracket between allowed (`Farida
/// (pseudonym not used) is 46 and lives`, `Farida is 46.`) — the name pass
/// knows the person where the detectors only see a capital, at a
/// sentence's start too.
fn age_after_person(rest: &str) -> Option<(usize, usize, u32)> {
    let number = |from: usize| {
        let r = &rest[from..];
        let digits = r.len() - r.trim_start_matches(|d: char| d.is_ascii_digit()).len();
        let age: u32 = r[..digits].parse().ok()?;
        (digits <= 3 && age <= 120).then_some((from, digits, age))
    };
    // (With its unit: `(71 years old)`, `(45 лет)`, `(60 yaşında)`.)
    let closes = |after: &str| {
        [
            ")",
            " years)",
            " years old)",
            " y.o.)",
            " yrs)",
            " лет)",
            " года)",
            " год)",
            " yaş)",
            " yaşında)",
        ]
        .iter()
        .any(|c| after.starts_with(c))
    };
    if let Some(r) = rest.strip_prefix(" (")
        && let Some(found) = number(2)
        && closes(&r[found.1..])
    {
        return Some(found);
    }
    // Or an estimate of it (`Baba Hrant (about 80)`, `(approx. 60)`, `(~45)`),
    // or the age at a time the text tells (`Xədicə (then 71)`, `(now 83)`,
    // `(aged 9)`).
    if let Some(r) = rest.strip_prefix(" (") {
        for about in [
            "then ",
            "now ",
            "aged ",
            "age ",
            "тогда ",
            "сейчас ",
            "onda ",
            "indi ",
            "about ",
            "approx. ",
            "approximately ",
            "around ",
            "roughly ",
            "ca. ",
            "c. ",
            "~",
            "около ",
            "примерно ",
            "təxminən ",
            "təqribən ",
        ] {
            if let Some(after) = r.strip_prefix(about)
                && let Some(found) = number(2 + about.len())
                && closes(&after[found.1..])
            {
                return Some(found);
            }
        }
    }
    // A bracket after the name, on its line.
    let mut at = 0;
    if let Some(r) = rest.strip_prefix(" (")
        && let Some(close) = r.find(')')
        && close <= 80
        && !r[..close].contains(['\n', '('])
    {
        at = 2 + close + 1;
    }
    let after = &rest[at..];
    let verb = [" is ", " was ", " turned ", " turns "]
        .into_iter()
        .find(|v| after.starts_with(v))?;
    let (from, digits, age) = number(at + verb.len())?;
    let tail = &rest[from + digits..];
    let ends = tail.is_empty()
        || tail.starts_with(['.', ',', ';', '!', '?', '\n'])
        || [
            " and ", " but ", " when ", " years", " now", " today", " then",
        ]
        .iter()
        .any(|w| tail.starts_with(w));
    // Not a decimal, a range or a per cent.
    let number_goes_on = tail.starts_with(|c: char| c.is_ascii_digit() || "%–-".contains(c))
        || (tail.len() > 1
            && tail.starts_with(['.', ','])
            && tail[1..].starts_with(|c: char| c.is_ascii_digit()));
    (ends && !number_goes_on).then_some((from, digits, age))
}

/// Letters spelled out one by one with hyphens, three or more (`N-I-G-A-R`):
/// (start, end, the folded word they spell).
fn spelled_names(text: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(i) = text[at..].find('-').map(|i| at + i) {
        at = i + 1;
        // Back to the letter before the hyphen, which must open the run.
        let Some((start, first)) = text[..i].char_indices().next_back() else {
            continue;
        };
        if !first.is_uppercase()
            || text[..start]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '-')
        {
            continue;
        }
        let mut letters = String::from(first);
        let mut end = i;
        let mut rest = text[i..].chars().peekable();
        while rest.next() == Some('-') {
            match rest.next() {
                Some(c) if c.is_uppercase() => {
                    letters.push(c);
                    end += 1 + c.len_utf8();
                }
                _ => break,
            }
            // Only one letter between hyphens.
            if rest.peek().is_some_and(|c| c.is_alphanumeric()) {
                letters.clear();
                break;
            }
        }
        if letters.chars().count() >= 3 {
            out.push((start, end, crate::fold::fold(&letters)));
            at = end;
        }
    }
    out
}

/// Whether any word of `text` is a word character run (helper for callers).
pub fn has_words(text: &str) -> bool {
    text.chars().any(is_word_char)
}

/// Whether the word at `i` closes a list of public places after a
/// preposition of place (`in Goris, Vanadzor and Masis (Armenia)`): each
/// item before it public (`out`), the list ending at a comma, a bracket or
/// the sentence's end (`in Baku and Masis came` names a person).
fn listed_after_locative(text: &str, toks: &[Tok], out: &[bool], i: usize) -> bool {
    let ends = text[toks[i].end..]
        .chars()
        .next()
        .is_none_or(|c| matches!(c, ',' | '.' | ';' | ':' | ')' | '\n'))
        || text[toks[i].end..].starts_with(" (");
    if !ends {
        return false;
    }
    let mut k = i;
    for _ in 0..8 {
        if k == 0 {
            return false;
        }
        let gap = &text[toks[k - 1].end..toks[k].start];
        // The item before: after a comma, or after `and`/`or`.
        let mut p = if gap == ", " {
            k - 1
        } else if gap == " "
            && k > 1
            && matches!(toks[k - 1].folded, "and" | "or")
            && matches!(&text[toks[k - 2].end..toks[k - 1].start], " " | ", ")
        {
            k - 2
        } else {
            return false;
        };
        if !out[p] {
            return false;
        }
        // (Over a public name of several words: `the United States`.)
        while p > 0 && out[p - 1] && text[toks[p - 1].end..toks[p].start] == *" " {
            p -= 1;
        }
        if p > 0
            && LOCATIVE.contains(&toks[p - 1].folded)
            && text[toks[p - 1].end..toks[p].start] == *" "
        {
            return true;
        }
        k = p;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anon(register: &str, text: &str) -> Output {
        let reg =
            Register::parse(&format!("kind,canonical,aliases,pseudonym\n{register}")).unwrap();
        let a = Anonymiser::new(reg, Resources::builtin("", ""));
        let mut table = Pseudonyms::default();
        a.seed(&mut table);
        a.anonymise(text, &mut table)
    }

    #[test]
    fn a_table_in_text_keeps_its_header_and_loses_its_ages_and_villages() {
        let out = anon(
            "",
            "Name\tAge\tSex\tVillage\nSevda Q.\t45\tF\tKəngərli\n\n| Name | Age |\n|---|---|\n| Oruc | 72 |\n",
        );
        assert!(
            out.text.starts_with("Name\tAge\tSex\tVillage\n")
                && out.text.contains("| Name | Age |")
                && !out.text.contains("45")
                && !out.text.contains("72")
                && !out.text.contains("Kəngərli")
                && !out.text.contains("Sevda"),
            "{}",
            out.text
        );
    }

    #[test]
    fn a_persons_initials_in_capitals_are_that_person() {
        // Minutes: the participants named in full, then by initials.
        let out = anon(
            "",
            "Present: K. Rzayeva (IOM), Dilqəm Nəsirov (Caritas), Tural Vəliyev.\n\
             1. KR reported on the repairs. AP: DN to call the school. TV was broken.",
        );
        assert_eq!(
            out.text,
            "Present: [Person 1] (IOM), [Person 2] (Caritas), [Person 3].\n\
             1. [Person 1] reported on the repairs. AP: [Person 2] to call the school. TV was broken."
        );
        // Initials given in brackets after a first name, its own letter first.
        let out = anon(
            "",
            "Moderator: Ketevan (KT). Notes: Giorgi.\nKT: Please introduce yourselves.",
        );
        assert_eq!(
            out.text,
            "Moderator: [Person 1] ([Person 1]). Notes: [Person 2].\n[Person 1]: Please introduce yourselves."
        );
        // Not a word of text in capitals, nor the first of a name.
        let out = anon(
            "",
            "Omar Nuriyev came. COME ON NOW, she wrote. The ON Foundation paid.",
        );
        assert!(
            out.text.contains("COME ON NOW") && !out.text.contains("The [Person 1]"),
            "{}",
            out.text
        );
        // A double first name signs an e-mail with its two letters.
        let out = anon(
            "",
            "From: Marie-Claire Fontaine\nSee you in Quba.\nRegards, MC\n",
        );
        assert_eq!(
            out.text,
            "From: [Person 1]\nSee you in Quba.\nRegards, [Person 1]\n"
        );
    }

    #[test]
    fn two_capitals_where_only_a_person_stands_are_initials() {
        let out = anon(
            "",
            "Interview with AB, a teacher. We spoke with AB and KM yesterday. KM walked home.",
        );
        assert_eq!(
            out.text,
            "Interview with [Person 1], a teacher. We spoke with [Person 1] and [Person 2] yesterday. [Person 2] walked home."
        );
        assert!(!anon("", "RQ said the road was closed.").text.contains("RQ"));
        // Not an acronym, a degree, nor three letters (`IOM said`).
        for text in [
            "The UN told us. Made with AI, it works.",
            "She came with a BA, then IOM said no.",
        ] {
            assert_eq!(anon("", text).text, text);
        }
    }

    #[test]
    fn a_village_named_by_its_marker_is_one_place_wherever_the_text_names_it() {
        // The bare name looks like a surname (`-lı`); the marker decided.
        let out = anon(
            "",
            "We are from the village Güneyqışlaqlı.\n\nQ: And the people from Güneyqışlaqlı?",
        );
        assert_eq!(
            out.text,
            "We are from the village [Place 1].\n\nQ: And the people from [Place 1]?"
        );
    }

    #[test]
    fn an_age_after_a_persons_name() {
        for (text, age) in [
            ("Salome (17) wants to study.", "17"),
            ("with her mother-in-law Zöhrə (then 71) and", "71"),
            ("Baba Gurgen (now 88 years old) remembers it.", "88"),
            ("Соседка Зарема (58 лет) рассказала.", "58"),
            (
                "Shirin (a pseudonym she chose) is 53 and lives in a tent.",
                "53",
            ),
            ("Gulbahar is 67 and still works.", "67"),
            ("Narmina was 12 when the war came.", "12"),
            ("Davud (born in Lachin) was 35 years old then.", "35"),
            // After a plural kinship word the names are people too.
            ("Household: daughters Aysu (17) and Ləman (12)", "17"),
            ("Household: daughters Aysu (17) and Ləman (12)", "12"),
        ] {
            let out = anon("", text);
            assert!(
                !out.text.contains(age) && out.text.contains("[Age "),
                "{text} → {}",
                out.text
            );
        }
        // A count, a decimal, a range, a share: no age.
        for text in [
            "Housing (2) is a problem.",
            "Sevil is 1.5 km from the river.",
            "Tofiq was 40–50 metres away.",
        ] {
            assert!(!anon("", text).text.contains("[Age "), "{text}");
        }
    }

    #[test]
    fn rivers_and_mountains_of_the_region_stay_and_a_river_s_namesake_goes() {
        for text in [
            "We crossed the Kura near Mingachevir and fished in the Alazani.",
            "Мы переправились через Аракс, потом через Терек.",
            "The Araz river flooded; Araz çayından keçdik.",
            "From Lake Sevan we saw Mount Aragats.",
        ] {
            assert_eq!(anon("", text).text, text);
        }
        let out = anon("", "My brother Araz stayed behind.").text;
        assert!(!out.contains("Araz"), "{out}");
    }

    #[test]
    fn a_public_name_that_names_a_village_here() {
        for text in [
            "We lived in Kengerli, a small village near Fuzuli.",
            "We lived in the village of Kengerli until 1993.",
            "Мы жили в селе Кенгерли до 1993 года.",
        ] {
            let out = anon("", text);
            assert!(
                !out.text.contains("Kengerli") && !out.text.contains("Кенгерли"),
                "{}",
                out.text
            );
        }
        // The district itself stays public, and so does one a village lies in.
        let text = "Kengerli district borders Turkey.";
        assert_eq!(anon("", text).text, text);
        for (text, public) in [
            ("We are from Qubadli, the village of Dashkand.", "Qubadli,"),
            (
                "We are from Qubadli, a village called Dashkand.",
                "Qubadli,",
            ),
            (
                "They came from Lachin, the small village Dashkand.",
                "Lachin,",
            ),
        ] {
            let out = anon("", text).text;
            assert!(out.contains(public) && !out.contains("Dashkand"), "{out}");
        }
    }

    #[test]
    fn a_registered_organisation_by_its_short_name_and_its_acronym() {
        let reg = "organisation,Bright Future Legal Clinic,,\norganisation,Qarabağ Qadınları İctimai Birliyi,,\n";
        assert_eq!(
            anon(reg, "The Bright Future clinic helped; BFLC lawyers came.").text,
            "The [Organisation 1] clinic helped; [Organisation 1] lawyers came."
        );
        assert_eq!(
            anon(reg, "Qarabağ Qadınları birliyi kömək etdi.").text,
            "[Organisation 2] birliyi kömək etdi."
        );
        // Its words in lower case are words, and so is the acronym.
        for text in [
            "We hope for a bright future.",
            "The bflc file type.",
            "Bright colours for the future.",
        ] {
            assert_eq!(anon(reg, text).text, text);
        }
    }

    #[test]
    fn an_acronym_in_brackets_after_a_replaced_name_is_that_name() {
        // Unregistered: the acronym takes the organisation's pseudonym,
        // there and later; a public body's stays with its name.
        let out = anon(
            "",
            "The Yeni Həyat Support Network (YHSN) and the Ministry of Justice (MJ) met. YHSN staff came.",
        );
        assert_eq!(
            out.text,
            "The [Organisation 1] ([Organisation 1]) and the Ministry of Justice (MJ) met. [Organisation 1] staff came."
        );
        // Registered: the register's pseudonym.
        let reg = "organisation,Sevda Women's Initiative,,\n";
        assert_eq!(
            anon(
                reg,
                "The Sevda Women's Initiative (SWI) helped; SWI lawyers came."
            )
            .text,
            "The [Organisation 1] ([Organisation 1]) helped; [Organisation 1] lawyers came."
        );
        // Not a bracket that is no acronym of it.
        assert_eq!(
            anon("", "The Yeni Həyat Support Network (UNHCR) met.").text,
            "The [Organisation 1] (UNHCR) met."
        );
        // The acronym first, the name in brackets.
        assert_eq!(
            anon("", "We went to AQM (Arzu Qadın Mərkəzi) twice; AQM helped.").text,
            "We went to [Organisation 1] ([Organisation 1]) twice; [Organisation 1] helped."
        );
    }

    #[test]
    fn registered_names_in_quotes_and_short_russian_names_declined() {
        let reg = "organisation,Ümid Youth Club,клуб «Умид»,\nplace,Tugh,Туг,\n";
        let out = anon(
            reg,
            "We met at the \"Umid\" Youth Club. В клубе «Умид» нас ждали. Мы жили в Туге, потом уехали из Туга.",
        );
        assert_eq!(
            out.text,
            "We met at the [Organisation 1]. В [Organisation 1] нас ждали. Мы жили в [Place 1], потом уехали из [Place 1]."
        );
        // A three-letter name declines only by a noun's endings.
        assert_eq!(anon(reg, "Туговатый мост.").text, "Туговатый мост.");
    }

    #[test]
    fn registered_azerbaijani_names_in_english_and_russian_latin_spellings() {
        let reg = "person,Rəşad Quliyev,,\nperson,Cavid Xəlilov,,\nplace,Qaraçala,,\n";
        let out = anon(
            reg,
            "Rashad Guliyev came; later Rashad Guliev and R. Kuliev. Javid Khalilov drove us to Garachala.",
        );
        assert_eq!(
            out.text,
            "[Person 1] came; later [Person 1] and [Person 1]. [Person 2] drove us to [Place 1]."
        );
        assert!(forms::latin_spellings("Anna Smith").is_empty());
        assert!(forms::latin_spellings("Qala").is_empty());
        let cyr = forms::cyrillic_spellings("Rəşad Quliyev");
        assert!(cyr.contains(&"Рашад Гулиев".to_string()), "{cyr:?}");
        assert!(cyr.contains(&"Решад Кулиев".to_string()), "{cyr:?}");
        for (latin, russian) in [
            ("Elçin Həsənov", "Эльчин Гасанов"),
            ("Vagif Hasanov", "Вагиф Хасанов"),
            ("Hüseyn Cavadov", "Гюсейн Джавадов"),
            ("Tsiuri Akhalaia", "Циури Ахалаия"),
            ("Yelena Ayan", "Елена Аян"),
            ("Xədicə Məmmədova", "Хадидже Мамедова"),
            ("Ələkbər Məmmədov", "Алекбер Мамедов"),
        ] {
            assert!(
                forms::cyrillic_spellings(latin).contains(&russian.to_string()),
                "{latin}"
            );
        }
        assert!(forms::cyrillic_spellings("Рашад").is_empty());
        // Registered in English letters, written in Azerbaijani ones (and
        // the other way round), with endings: one person.
        let out = anon(
            "person,Vagif Hasanov,,\nperson,Nərgiz Məmmədova,,\n",
            "Vaqif Həsənov gəldi; Həsənovun evi. Nargiz Mamedova, Nargiz Mammadovanın qızı.",
        );
        assert_eq!(
            out.text,
            "[Person 1] gəldi; [Person 1] evi. [Person 2], [Person 2] qızı."
        );
        assert_eq!(forms::skeleton("hesenov"), forms::skeleton("hasanov"));
        assert_ne!(forms::skeleton("kamal"), forms::skeleton("gamal"));
        // Russian sources' `г` and `х` for `h` and `x`, in English letters.
        let out = anon(
            "person,Elnur Həsənov,,\nperson,Tofiq Əhmədov,,\nperson,Zaur Hüseynov,,\n",
            "Gasanov, then Akhmedov and Guseinov; Hasanow and Ahmedov.",
        );
        assert_eq!(
            out.text,
            "[Person 1], then [Person 2] and [Person 3]; [Person 1] and [Person 2]."
        );
        assert!(
            out.replacements
                .iter()
                .all(|r| r.source == Source::Register)
        );
        // In a Russian passage, in its cases, under the register's pseudonym.
        let out = anon(
            reg,
            "Rəşad Quliyev gəldi. Рашада Гулиева я знала; с Кулиевым мы жили в Гарачале.",
        );
        assert_eq!(
            out.text,
            "[Person 1] gəldi. [Person 1] я знала; с [Person 1] мы жили в [Place 1]."
        );
    }

    #[test]
    fn register_forms_cases_diacritics_initials_declensions() {
        let reg = "person,Rauf Həsənov,Rauf Hasanov|Рауф Гасанов,\nplace,Aşağı Güneyli,,\n";
        let cases = [
            (
                "My husband Rauf Həsənov came.",
                "My husband [Person 1] came.",
            ),
            ("rauf hasanov's brother", "[Person 1]'s brother"),
            ("RAUF HƏSƏNOV", "[Person 1]"),
            ("Mr. Hasanov said", "Mr. [Person 1] said"),
            (
                "A note from R. Hasanov and Hasanov R. and R.H. here",
                "A note from [Person 1] and [Person 1] and [Person 1] here",
            ),
            ("Rauf\n   Həsənov", "[Person 1]"),
            ("Rauf Həsə-\nnov left", "[Person 1] left"),
            // Broken in the first word, or in a surname alone.
            ("Ra-\nuf Həsənov left", "[Person 1] left"),
            ("then Hə-\nsənov left", "then [Person 1] left"),
            // A family in the plural, with its cases.
            (
                "Həsənovlar köçdü, Həsənovların evi qaldı.",
                "[Person 1] köçdü, [Person 1] evi qaldı.",
            ),
            (
                "Гасанову, Гасановым, Гасановой и Гасановых",
                "[Person 1], [Person 1], [Person 1] и [Person 1]",
            ),
            ("Həsənovun evi", "[Person 1] evi"),
            (
                "Aşağı Güneylili qonşular, Aşağı Güneylidəki məktəb",
                "[Place 1] qonşular, [Place 1] məktəb",
            ),
            (
                "born in ashagi guneyli? No: Aşağı  Güneyli.",
                "born in ashagi guneyli? No: [Place 1].",
            ),
            ("Interviewer: Rauf: yes", "Interviewer: [Person 1]: yes"),
            // The surname's initial after the first name goes with it.
            (
                "ask Rauf H. and Həsənov R. first",
                "ask [Person 1] and [Person 1] first",
            ),
            (
                "signed: Həsənov R.Ə.; Гасанов Р.Р.",
                "signed: [Person 1]; [Person 1]",
            ),
            // A place of two words written as one, in a case.
            ("Aşağıgüneylidən gəldik", "[Place 1] gəldik"),
        ];
        for (text, expected) in cases {
            assert_eq!(anon(reg, text).text, expected, "{text}");
        }
        // Two initials, the patronymic's or the middle name's, in either
        // order; surname first when a patronymic ends the registered name.
        let reg = "person,Rauf İlham oğlu Həsənov,Гасанов Рауф Ильхамович,\n";
        assert_eq!(
            anon(
                reg,
                "Hasanov R.I. and R. I. Həsənov met Гасанов Р. И. and Р.И. Гасанову."
            )
            .text,
            "[Person 1] and [Person 1] met [Person 1] and [Person 1]."
        );
        // Georgian: a registered name in its cases, one person.
        let reg = "person,Nino Kapanadze,ნინო კაპანაძე,\n";
        assert_eq!(
            anon(
                reg,
                "ნინოს და კაპანაძეს ვკითხეთ. ნინო კაპანაძემ თქვა. კაპანაძის სახლი."
            )
            .text,
            "[Person 1] და [Person 1] ვკითხეთ. [Person 1] თქვა. [Person 1] სახლი."
        );
        // Armenian: the surname alone with its article; the `-ian` spelling
        // of a `-yan` surname.
        let reg = "person,Aram Hovhannisyan,Արամ Հովհաննիսյան,\n";
        for (text, expected) in [
            ("Հովհաննիսյանը խոստացավ:", "[Person 1] խոստացավ:"),
            ("Aram Hovhannisian came", "[Person 1] came"),
        ] {
            assert_eq!(anon(reg, text).text, expected, "{text}");
        }
    }

    #[test]
    fn detectors_and_fixed_pseudonyms() {
        let out = anon(
            "person,Leyla Məmmədova,,[Woman A]\n",
            "Leyla (leyla.mammadova@mail.az, +994 50 123 45 67) was 47 years old on 12.04.2021.",
        );
        assert_eq!(
            out.text,
            "[Woman A] ([Email], [Phone]) was [Age 40–49] years old on [Date]."
        );
        // A name that runs into a stronger span keeps the words outside it,
        // a title left of it aside.
        let a = Anonymiser::new(Register::default(), Resources::builtin("", ""));
        let text = "Dr Kevin Walsh kevin@uni.ie wrote.";
        let span = |from: &str, to: &str, kind| Candidate {
            start: text.find(from).unwrap(),
            end: text.find(to).unwrap() + to.len(),
            kind,
            key: String::new(),
            fixed: None,
            source: Source::Heuristic,
            priority: 4,
        };
        let email = span("kevin@", "uni.ie", Kind::Email);
        let taken = BTreeMap::from([((email.start, email.end), email)]);
        let parts = a.free_name_parts(text, &span("Dr", "kevin", Kind::Person), &taken);
        let words: Vec<&str> = parts.iter().map(|&(x, y)| &text[x..y]).collect();
        assert_eq!(words, ["Dr Kevin Walsh"]);
        let title_only = span("Dr", "kevin", Kind::Person);
        let name = span("Kevin", "Walsh", Kind::Person);
        let taken = BTreeMap::from([((name.start, name.end), name)]);
        let parts = a.free_name_parts(text, &title_only, &taken);
        assert!(parts.is_empty(), "{parts:?}");
        // A title left of a registered name stays a title.
        let out = anon("person,Vagif Hasanov,,\n", "Dr Vagif Hasanov came.");
        assert_eq!(out.text, "Dr [Person 1] came.");
        // An address whole, though a street bears a settlement's name.
        let out = anon("", "В Баку мы жили на ул. Ленина 5-12, потом в Ленина.");
        assert_eq!(out.text, "В Баку мы жили на [Address], потом в [Place 1].");
    }

    #[test]
    fn unregistered_names_places_allow_list() {
        let out = anon(
            "",
            "We met Kamran Abdullayev and Nino in Baku. Dr. Beridze came from the village of Zemo Bargebi near Zugdidi.",
        );
        assert_eq!(
            out.text,
            "We met [Person 1] and [Person 2] in Baku. Dr. [Person 3] came from the village of [Place 1] near Zugdidi."
        );
        let out = anon(
            "",
            "Sevil xanım said the State Committee for Refugees and IDPs helped; UNHCR too.",
        );
        assert_eq!(
            out.text,
            "[Person 1] xanım said the State Committee for Refugees and IDPs helped; UNHCR too."
        );
    }

    #[test]
    fn seats_of_districts_stay_whatever_their_size_and_villages_go() {
        // District seats under 15,000 inhabitants (GeoNames PPLA/PPLA2), in
        // Latin and Cyrillic; villages beside them are replaced.
        let out = anon(
            "",
            "Families returned to Zangilan and Mtskheta, then to Ходжалы; others went on to Tagiloni and Əhmədağalı.",
        );
        assert!(
            out.text
                .starts_with("Families returned to Zangilan and Mtskheta, then to Ходжалы; others"),
            "{}",
            out.text
        );
        assert!(
            !out.text.contains("Tagiloni") && !out.text.contains("Əhmədağalı"),
            "{}",
            out.text
        );
        // A settlement's prefix before a public name is another place.
        let out = anon(
            "",
            "My aunt lived in New Sarvan, near Old Gali, not in New York.",
        );
        assert_eq!(
            out.text,
            "My aunt lived in [Place 1], near [Place 2], not in New York."
        );
        let out = anon("", "We walked to Kichik Dahna.");
        assert_eq!(out.text, "We walked to [Place 1].");
        let kept = "The South Caucasus, Upper Svaneti and Kvemo Kartli.";
        assert_eq!(anon("", kept).text, kept);
        // Georgian seats spelled without the apostrophes of the national
        // romanisation (`Akhalk’alak’i`).
        let out = anon("", "From Akhalkalaki we went to Dusheti and Lagodekhi.");
        assert_eq!(
            out.text,
            "From Akhalkalaki we went to Dusheti and Lagodekhi."
        );
        // Seats and towns spelled in Azerbaijani with `ə`, and with the
        // turned e `ǝ` some keyboards put for it, are the same public places;
        // a town named after a person is no public name (its surname would
        // pass).
        let out = anon(
            "",
            "From Beyləqan we went to Ağcabǝdi and Şəki, later to Abovyan.",
        );
        assert_eq!(
            out.text,
            "From Beyləqan we went to Ağcabǝdi and Şəki, later to [Place 1].",
        );
        // Ministries and state committees named in Azerbaijani are public;
        // a person before one is not.
        let out = anon(
            "",
            "Qaçqınların və Məcburi Köçkünlərin İşləri üzrə Dövlət Komitəsi ev verdi. Elvin Fövqəladə Hallar Nazirliyində işləyir. Zərgələm Müdafiə Nazirliyində işləyir.",
        );
        assert!(
            out.text.starts_with(
                "Qaçqınların və Məcburi Köçkünlərin İşləri üzrə Dövlət Komitəsi ev verdi. [Person 1] Fövqəladə Hallar Nazirliyində işləyir. ["
            ) && out.text.ends_with("] Müdafiə Nazirliyində işləyir."),
            "{}",
            out.text
        );
        // Countries in Russian, Azerbaijani and Armenian, in their case forms.
        for text in [
            "Мы уехали в Россию, потом в Грузию и Армению, Турцию, Иран, Украину.",
            "Biz Gürcüstana, Ermənistana, Rusiyaya, Türkiyəyə, Əfqanıstana getdik. Azərbaycanda yaşayırıq.",
            "Հայաստան և Վրաստան, Ռուսաստան:",
            "Մենք ապրում էինք Երևանում, հետո Մասիսում, նա եկավ Գյումրիից։",
            // Baku's stem changes in Armenian (`Բաքու`, `Բաքվից`).
            "Մենք եկանք Բաքվից, Բաքվի ծովը հիշում եմ, Բաքվում ապրում էինք։",
            // After a kinship word, a case no name takes.
            "Oğlum Rusiyada işləyir, qızım Bakıya getdi, bacım Fransada yaşayır.",
            "Sonra Saatlıdakı düşərgəyə getdik; Ağdamın kəndləri, Bakılı qonşular.",
            // Karabakh's towns by their Armenian names; a mission by its name.
            "Abuses in Martakert, Berdzor and Kubatly; the European Union Monitoring Mission came.",
        ] {
            assert_eq!(anon("", text).text, text);
        }
        // A woman's surname of Russian shape is no case of a place's name
        // (`Sokolov` is a Czech district; `Rostov` a city).
        for text in ["We met Olga Sokolova there.", "Anna Rostova wrote to us."] {
            let out = anon("", text).text;
            assert!(
                !out.contains("Sokolova") && !out.contains("Rostova"),
                "{out}"
            );
        }
        // A public word that is a first name is a person before a verb
        // only people do.
        assert_eq!(
            anon(
                "",
                "In May we left. Then June told me. Bayram said no; Georgia said no. Jordan came. June's husband too."
            )
            .text,
            "In May we left. Then [Person 1] told me. [Person 2] said no; Georgia said no. [Person 3] came. [Person 1]'s husband too."
        );
        // Nor is it a surname after a first name.
        assert_eq!(
            anon("", "Elşən Rusiyada işləyir.").text,
            "[Person 1] Rusiyada işləyir."
        );
        // A Russian surname made of a city's name is one.
        assert_eq!(
            anon("", "Вчера Анна Москвина приехала.").text,
            "Вчера [Person 1] приехала."
        );
        // A settlement's name (or a form of one: `Сара` of `Сарай`) after
        // a kinship word is a person's.
        assert_eq!(
            anon("", "Моя соседка тётя Сара из Ходжалы плакала.").text,
            "Моя соседка тётя [Person 1] из Ходжалы плакала."
        );
        // Or in apposition after someone's kin (`Allahverdi` is a village
        // too).
        assert_eq!(
            anon("", "My father, Allahverdi, passed in 2011.").text,
            "My father, [Person 1], passed in 2011."
        );
        // So is one named like a first name before an honorific after it
        // (`Nizami` is a village too); the village alone stays a place.
        let out = anon("", "Bizə Nizami müəllim dərs deyirdi, Nizamidə yox.");
        assert_eq!(
            out.text,
            "Bizə [Person 1] müəllim dərs deyirdi, [Place 1] yox."
        );
        // A name spelled out letter by letter takes the name's pseudonym.
        let out = anon(
            "",
            "My name is Nigar Qənbərova, spelled N-I-G-A-R. The village, K-U-R-D-L-E-R. A T-shirt, X-ray.",
        );
        assert_eq!(
            out.text,
            "My name is [Person 1], spelled [Person 1]. The village, [Name 1]. A T-shirt, X-ray."
        );
        // An allowed phrase whose last word takes a case ending.
        let out = anon("", "Dağlıq Qarabağın tarixi. Second Karabakh War's end.");
        assert_eq!(
            out.text,
            "Dağlıq Qarabağın tarixi. Second Karabakh War's end."
        );
        // A university's name ends before a person named after it.
        let out = anon(
            "",
            "A student at University of Texas Arlington Amneh Jafari heard of it.",
        );
        assert!(!out.text.contains("Amneh"), "{}", out.text);
        assert!(
            out.text.contains("University of Texas Arlington"),
            "{}",
            out.text
        );
        // A village in lower case after its marker.
        let out = anon("", "we came from the village of qumlubel, near the river.");
        assert_eq!(
            out.text,
            "we came from the village of [Place 1], near the river."
        );
        // A word the dictionary knows, capitalised after a settlement's
        // marker, is the settlement (`кущу`, a bower; `дружба`, friendship).
        let out = anon(
            "",
            "В посёлке Кущу живут 40 семей. Мы жили в селе Дружба. The village Council met.",
        );
        assert_eq!(
            out.text,
            "В посёлке [Place 1] живут 40 семей. Мы жили в селе [Place 2]. The village Council met."
        );
        let out = anon("", "we came from the village of ours, near the river.");
        assert_eq!(
            out.text,
            "we came from the village of ours, near the river."
        );
        // A prefix before a settlement is part of its name.
        let out = anon("", "Then we moved to Böyük Bəhmənli and Yeni Yaşma.");
        assert!(
            !out.text.contains("Böyük") && !out.text.contains("Yeni"),
            "{}",
            out.text
        );
        // A seat named after a person is no public name.
        let out = anon("", "We met Qasım İsmayılov at the market.");
        assert!(!out.text.contains("İsmayılov"), "{}", out.text);
    }

    #[test]
    fn gazetteer_and_project_allow_list_edits() {
        let reg = Register::parse("kind,canonical,aliases,pseudonym\n").unwrap();
        let a = Anonymiser::new(
            reg.clone(),
            Resources::builtin("-Gali\nKutaisi Airport", "Sarıbulaq"),
        );
        let mut t = Pseudonyms::default();
        let out = a.anonymise(
            "From Ergneti and sariBULAQ to the village of Gali via Kutaisi Airport.",
            &mut t,
        );
        assert_eq!(
            out.text,
            "From [Place 1] and [Place 2] to the village of [Place 3] via Kutaisi Airport."
        );
        // (The town; `the village of Gali` names a village of that name.)
        let kept = Anonymiser::new(reg.clone(), Resources::builtin("", ""))
            .anonymise("the town of Gali", &mut t);
        assert_eq!(kept.text, "the town of Gali");
        // A word a person decided to keep stays kept, whatever follows it
        // (`June said` is otherwise a person).
        let text = "In the dormitory, Will said so; June said so too.";
        let kept = Anonymiser::new(
            reg,
            Resources::builtin(
                "Will
June",
                "",
            ),
        )
        .anonymise(text, &mut Pseudonyms::default());
        assert_eq!(kept.text, text);
    }

    #[test]
    fn a_title_in_a_registered_alias_is_no_name_of_its_own() {
        let reg =
            Register::parse("kind,canonical,aliases,pseudonym\nperson,Beridze,Dr. Beridze,\n")
                .unwrap();
        let a = Anonymiser::new(reg, Resources::builtin("", ""));
        let mut t = Pseudonyms::default();
        let out = a.anonymise("Dr. Nakamura met Dr. Beridze; later Beridze left.", &mut t);
        assert!(out.text.starts_with("Dr. [Person"), "{}", out.text);
        assert!(!out.text.contains("Beridze"), "{}", out.text);
        assert!(!out.text.contains("Nakamura"), "{}", out.text);
    }

    #[test]
    fn bodies_named_with_a_title_or_a_first_name_stay() {
        let out = anon(
            "",
            "Brigadier General Karimli spoke. The UN General Assembly met. The Ministry of Justice replied. The Prosecutor General's Office wrote.",
        );
        assert_eq!(
            out.text,
            "Brigadier General [Person 1] spoke. The UN General Assembly met. The Ministry of Justice replied. The Prosecutor General's Office wrote."
        );
        // Religious figures; an estimated age after a person.
        let out = anon(
            "",
            "Baba Suren (about 85) prayed to Saint George and spoke of Jesus Christ.",
        );
        assert_eq!(
            out.text,
            "[Person 1] (about [Age 80–89]) prayed to Saint George and spoke of Jesus Christ."
        );
    }

    #[test]
    fn a_districts_bodies_are_no_places_and_its_word_no_name() {
        let out = anon(
            "",
            "Police of the Imişli District Police Office came. The Qumlubel District Police Department wrote. The Tovuz District Executive Authority replied.",
        );
        assert_eq!(
            out.text,
            "Police of the Imişli District Police Office came. The [Place 1] Police Department wrote. The Tovuz District Executive Authority replied."
        );
    }

    #[test]
    fn a_place_in_apposition_to_its_marker_is_a_place() {
        let reg = Register::parse("kind,canonical,aliases,pseudonym\n").unwrap();
        let a = Anonymiser::new(reg, Resources::builtin("", ""));
        let mut t = Pseudonyms::default();
        let out = a.anonymise(
            "We come from a small village, Yuxarı Veysəlli, near the border.",
            &mut t,
        );
        assert_eq!(
            out.text,
            "We come from a small village, [Place 1], near the border."
        );
    }

    #[test]
    fn a_name_broken_by_a_hyphen_at_a_lines_end_goes_on_across_it() {
        let out = anon(
            "",
            "The house in Qara-\nqaya was lost; Ilgar Nasi-\n  bov stayed. A long-\nterm plan.",
        );
        assert_eq!(
            out.text,
            "The house in [Name 1] was lost; [Person 1] stayed. A long-\nterm plan."
        );
        // Its first part a word of its own (`elmi`, scientific).
        let out = anon("", "Then Elmi-\nra came.\nWell-\nknown.");
        assert_eq!(out.text, "Then [Person 1] came.\nWell-\nknown.");
    }

    #[test]
    fn a_lodging_that_housed_families_by_its_name_whatever_the_name() {
        // Public names, words and unknown names, before or after the
        // lodging's word, in English, Russian and Azerbaijani.
        let out = anon(
            "",
            "We lived in the Hotel Shirvan, then in the Kapaz sanatorium and the old Mayak hotel. \
             The kids went to the Chayka pioneer camp. Later: the Black Sea Hotel.\n\
             Потом нас поселили в пансионате Берёзка.\n\
             Biz Neftçi sanatoriyasında yaşayırdıq.",
        );
        for name in [
            "Shirvan",
            "Kapaz",
            "Mayak",
            "Chayka",
            "Black Sea",
            "Берёзка",
            "Neftçi",
        ] {
            assert!(!out.text.contains(name), "{name}: {}", out.text);
        }
        // A person after the word in lower case is a person.
        let out = anon("", "In the dormitory Tural Qasımlı helps.");
        assert_eq!(out.text, "In the dormitory [Person 1] helps.");
        // A city's hotel, a nationality's, a sentence's first word.
        let text = "We slept in a Baku hotel, then a Turkish hotel. Hotel rooms were cold.";
        assert_eq!(anon("", text).text, text);
    }

    #[test]
    fn a_village_before_its_marker_in_any_case_and_opening_a_sentence() {
        // The marker declined (`qəsəbəsində`, `kəndinə`), the name with a
        // settlement's prefix (`Yeni`, new; `Aşağı`, lower), or a
        // sentence's first word.
        let out = anon(
            "",
            "Yeni Ümman qəsəbəsində yaşayırıq. Sarıtala kəndində doğulmuşam. \
             Aşağı Qovuşlu kəndinə getdik.",
        );
        assert_eq!(
            out.text,
            "[Place 1] qəsəbəsində yaşayırıq. [Place 2] kəndində doğulmuşam. [Place 3] kəndinə getdik."
        );
        // A verb after the marker declined is no village (`Bu kəndi
        // sevirik`, we love this village).
        let text = "Bu kəndi sevirik. Bizim kəndimiz gözəl idi.";
        assert_eq!(anon("", text).text, text);
        // A village after `was` or `called`, whatever its name looks like.
        let out = anon(
            "",
            "Our village was Garakhanbayli. A village called Hajili; the village was Muslim.",
        );
        assert_eq!(
            out.text,
            "Our village was [Place 1]. A village called [Place 2]; the village was Muslim."
        );
        // A settlement named in English translation, by a common word.
        let out = anon(
            "",
            "They moved us to Harmony settlement, near Unity village.",
        );
        assert_eq!(
            out.text,
            "They moved us to [Place 1] settlement, near [Place 2] village."
        );
    }

    #[test]
    fn settlements_named_like_words_only_with_a_capital() {
        // `Dogs` and `Gosh` are villages of the gazetteer.
        let text = "Her real dogs barked. Oh my gosh.";
        assert_eq!(anon("", text).text, text);
        let out = anon("", "We fled from Gosh in 1992.");
        assert!(!out.text.contains("Gosh"), "{}", out.text);
        // The capital of a sentence's first word or of a title-cased name
        // makes no village of a word (`Bank` is a village of the gazetteer).
        for text in [
            "Bank staff came. Dogs barked.",
            "We met at the Central Bank office.",
            "She has an account with Bank Respublika now.",
        ] {
            assert_eq!(anon("", text).text, text);
        }
        let out = anon("", "A loan from Kapital Bank helped.");
        assert!(!out.text.contains("[Place"), "{}", out.text);
        // With a place marker, or after a preposition opening the
        // sentence, it is the village.
        for text in ["Gosh village was burned.", "From Gosh we fled on foot."] {
            let out = anon("", text);
            assert!(!out.text.contains("Gosh"), "{}", out.text);
        }
    }

    #[test]
    fn a_bank_account_keeps_its_label() {
        let out = anon("", "IBAN AZ21NABZ00000000137010001944, SWIFT code given.");
        assert_eq!(out.text, "IBAN [ID], SWIFT code given.");
    }

    #[test]
    fn words_inside_a_detected_number_begin_no_name() {
        let out = anon("", "Номер дела № 2231-Б. Звонила Лиане Хуцишвили вчера.");
        assert_eq!(out.text, "Номер дела [ID]. Звонила [Person 1] вчера.");
    }

    #[test]
    fn idp_settlements_are_small_places_in_every_script() {
        for text in [
            "They live in Tserovani now.",
            "Они живут в Церовани.",
            "ისინი წეროვანში ცხოვრობენ.",
        ] {
            let out = anon("", text);
            assert!(out.text.contains("[Place 1]"), "{}", out.text);
        }
    }

    #[test]
    fn registered_numbered_places_in_every_notation() {
        let reg = "place,School #7,школа № 7|Kindergarten No. 12,\n";
        for text in [
            "We lived in School #7 for years.",
            "We lived in school no. 7 for years.",
            "We lived in School №7 for years.",
            "We lived in SCHOOL NUMBER 7 for years.",
            "We lived in Kindergarten #12 for years.",
            "We lived in school N7 for years.",
            "We lived in School No7 for years.",
            "We lived in School N° 7 for years.",
            "We lived in School Nº 7 for years.",
            "We lived in School Nr. 7 for years.",
        ] {
            assert_eq!(
                anon(reg, text).text,
                "We lived in [Place 1] for years.",
                "{text}"
            );
        }
        assert_eq!(anon(reg, "жили в школа №7 и").text, "жили в [Place 1] и");
        // A letter after the number names another school, not the registered
        // one, whole.
        assert_eq!(
            anon(reg, "училась в школе №7а, брат в школе №7; School #7b.").text,
            "училась в [Place 2], брат в [Place 1]; [Place 3]."
        );
        // A neuter noun declines too: `общежитие № 3` → `в общежитии № 3`.
        let hostel = "place,Hostel №3,общежитие № 3,\n";
        assert_eq!(
            anon(hostel, "жили в общежитии № 3 и в общежитие №3.").text,
            "жили в [Place 1] и в [Place 1]."
        );
        // A small place named after a public one, after a marker.
        assert_eq!(
            anon("", "потом жили в посёлке Новая Гянджа.").text,
            "потом жили в посёлке [Place 1]."
        );
        // Declined: every word of a Russian name takes the case.
        assert_eq!(
            anon(reg, "ходили в школу № 7, учились в школе №7.").text,
            "ходили в [Place 1], учились в [Place 1]."
        );
        // One numbered institution, one pseudonym, however it is named:
        // registered (`7-ci məktəb`, `sch. #7` for `School #7`) or not.
        assert_eq!(
            anon(
                reg,
                "7-ci məktəbdə, 7 saylı məktəbə, sch. #7, учителя школы N7"
            )
            .text,
            "[Place 1], [Place 1], [Place 1], учителя [Place 1]"
        );
        assert_eq!(
            anon(
                "",
                "Hostel No. 12 is общежитие №12 and 12 nömrəli yataqxana."
            )
            .text,
            "[Place 1] is [Place 1] and [Place 1]."
        );
        assert_eq!(
            anon(
                "",
                "Kindergarten No. 4 was детский сад № 4, 4 nömrəli uşaq bağçası."
            )
            .text,
            "[Place 1] was [Place 1], [Place 1]."
        );
        assert_eq!(
            anon(reg, "учился в седьмой школе, потом в школе №7").text,
            "учился в [Place 1], потом в [Place 1]"
        );
        assert_eq!(
            anon(reg, "at the seventh school, then the 7th secondary school").text,
            "at the [Place 1], then the [Place 1]"
        );
        assert_eq!(
            anon(reg, "ყოფილ მე-7 სკოლაში და 7-րդ դպրոց").text,
            "ყოფილ [Place 1] და [Place 1]"
        );
        assert_eq!(
            anon(
                reg,
                "school number seven, школе номер семь, yeddi nömrəli məktəbdə"
            )
            .text,
            "[Place 1], [Place 1], [Place 1]"
        );
        // British and American spellings, in any case.
        let cc = "place,Kürdəmir Collective Centre,,\n";
        assert_eq!(
            anon(cc, "then in the Kurdamir collective center").text,
            "then in the [Place 1]"
        );
        // A Russian adjective declines with its noun.
        let kg = "organisation,Kindergarten No. 3,детский сад №3,\n";
        assert_eq!(
            anon(kg, "ходили в детском саду № 3 и в детский сад №3").text,
            "ходили в [Organisation 1] и в [Organisation 1]"
        );
        // Letters and a number written apart; a village's name in two
        // parts.
        let reg = "place,CC4,,\nplace,Ərəbşalbaş,Arabshalbash,\n";
        assert_eq!(
            anon(reg, "in CC4, CC-4 and cc 4; from Arab-Shalbash").text,
            "in [Place 1], [Place 1] and [Place 1]; from [Place 2]"
        );
    }

    #[test]
    fn aliases_separated_by_semicolons_as_a_spreadsheet_writes_them() {
        let reg = "person,Rəşad Məmmədov,Rashad Mammadov; Рашад Мамедов,\n";
        assert_eq!(
            anon(reg, "Rashad Mammadov came; Рашада Мамедова нет.").text,
            "[Person 1] came; [Person 1] нет."
        );
    }

    #[test]
    fn the_register_wins_over_the_allow_list() {
        let out = anon("place,Gali,,\n", "She lives in Gali, near Zugdidi.");
        assert_eq!(out.text, "She lives in [Place 1], near Zugdidi.");
    }

    #[test]
    fn same_entity_same_pseudonym_and_flags() {
        let reg = Register::parse("kind,canonical,aliases,pseudonym\nperson,Anahit Petrosyan,,\nperson,Karen Sargsyan,,\n").unwrap();
        let a = Anonymiser::new(reg, Resources::builtin("", ""));
        let mut table = Pseudonyms::default();
        a.seed(&mut table);
        assert_eq!(
            a.anonymise("Karen came.", &mut table).text,
            "[Person 2] came."
        );
        assert_eq!(
            a.anonymise("Then Anahit and Karen Sargsyan.", &mut table)
                .text,
            "Then [Person 1] and [Person 2]."
        );
        // Default deny: an unknown capitalised word is a name.
        let out = a.anonymise("We went to Qumlubel with friends.", &mut table);
        assert_eq!(out.text, "We went to [Name 1] with friends.");
        // A common word that is also a first name, alone: flagged.
        let out = a.anonymise("We asked Rose about it.", &mut table);
        assert_eq!(out.flags.len(), 1, "{out:?}");
    }
}
