//! Pattern detectors: e-mail addresses, URLs, phone numbers (Azerbaijan,
//! Georgia, Armenia, Russia, international), exact dates (numeric, English,
//! Russian and Azerbaijani month names), ID and document numbers, exact ages
//! (generalised to a ten-year band) and street addresses.

use super::Kind;
use regex::Regex;
use std::sync::OnceLock;

/// A detector hit: byte span, kind, and for ages the age.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Start byte.
    pub start: usize,
    /// End byte.
    pub end: usize,
    /// What was found.
    pub kind: Kind,
}

struct Patterns {
    email: Regex,
    /// An e-mail address spelled out against harvesters: `leyla at gmail dot com`.
    email_spelled: Regex,
    /// An e-mail address with its `@` in brackets or between spaces and
    /// its dots as dots (`leyla[at]mail.ru`, `tofiq @ yandex . ru`).
    email_bracketed: Regex,
    /// A Russian passport's series and number: `серии 12 34 номер 567890`;
    /// run only on texts with the word.
    passport_series: Regex,
    number_after_word: Regex,
    url: Regex,
    handle: Regex,
    handle_named: Regex,
    date: Vec<Regex>,
    id: Vec<Regex>,
    phone: Regex,
    age: Vec<Regex>,
    address: Vec<Regex>,
    /// Ages described next to a person (see where they are built).
    age_described: Vec<Regex>,
    /// A building's block by its letter (`Block C`, `корпус Б`).
    unit_letter: Regex,
    /// A street and its house and flat with no word for street (`Shahumyan
    /// 12/4`, `Церетели 8/31`): checked in code (see [`HOUSE_NOT_AFTER`]).
    house_slash: Regex,
    /// A flat or room by its number in Russian or Azerbaijani.
    unit_number: Regex,
    soviet_passport: Regex,
    /// A date in Russian words (`седьмого марта восемьдесят первого
    /// года`): run where a month's genitive is.
    date_words_ru: Regex,
    /// A day in English ordinal words with its month (`the twelfth of
    /// March, sixty-three`, `March the twelfth`): run where a month is.
    date_words_en: Regex,
    /// An age reached (`Ильгару исполнилось сорок`, `ей исполнится 18`):
    /// run where `сполн` is.
    age_reached_ru: Regex,
    /// A car's number after the word for its plate, whatever the country's
    /// format (`plate KTS-312`, `госномер 77-12 ТБС`): run where the word is.
    plate_after_word: Regex,
    /// An age under ten in words after a person, ending the clause (`Aynur
    /// was seven, Kamran was four.`): checked in code.
    age_unit_after_name: Regex,
    institution: Vec<Regex>,
    /// Institutions named in quotation marks (`sanatorium "Imereti"`):
    /// no digit needed, so they scan the whole text (where it has an
    /// institution word and a quotation mark).
    named_institution: Vec<Regex>,
    /// Institutions numbered by an ordinal in words (`в восьмой школе`):
    /// no digit needed either.
    ordinal_institution: Regex,
    /// Institutions numbered in words (`school number seven`, `школа номер
    /// семь`, `yeddi nömrəli məktəb`).
    spelled_institution: Regex,
    birth_year: Vec<Regex>,
    birth_year_far: Vec<Regex>,
    /// A list of people, each with a year after a dash (`1. Aliyev Kamran —
    /// 1975, Agdam`): run on texts with a dash.
    listed_birth_year: Regex,
    mixed_id: Regex,
    age_words: Vec<Regex>,
    /// An age in digits without `лет`, after a person in the dative and
    /// ending the clause (`маму зовут Гульшан, ей 78`).
    age_dative: Regex,
    age_after_adverb: Regex,
    /// A number and `лет` ending the clause (`семь лет.`), an age right
    /// after a name in the dative (checked in code: `Ване семь лет.`).
    age_years_clause: Regex,
    /// Years of birth in words (`born in nineteen sixty-one`).
    birth_year_words: Vec<Regex>,
    /// The words of a spelled-out number, found as whole words and joined
    /// into runs in code: a regex with Unicode word boundaries around them
    /// ran on its slowest engine over every text (a third of the speed).
    spelled_digits: aho_corasick::AhoCorasick,
    /// Number words and institution words: the rare patterns above run
    /// only on texts that have one (most texts have none).
    number_words: aho_corasick::AhoCorasick,
    institution_words: aho_corasick::AhoCorasick,
    /// A number after its word or sign alone (`number 9`, `№ 4`), an
    /// institution's when one is named just before it in the sentence.
    number_later: Regex,
    /// The stems of ordinals in words (`восьм`, `səkkizinci`).
    ordinal_words: aho_corasick::AhoCorasick,
    /// The words of `birth_year_far`, which runs only where one is.
    birth_words: aho_corasick::AhoCorasick,
    /// The words of `number_after_word` and `handle_named`, which run only
    /// where one is (one pass, not a scan per word).
    code_words: aho_corasick::AhoCorasick,
}

/// Stems of the ordinals that number institutions in words (see
/// `ordinal_institution`).
const ORDINAL_WORDS: &[&str] = &[
    "втор",
    "трет",
    "четв",
    "пят",
    "шест",
    "седьм",
    "восьм",
    "девят",
    "десят",
    "одиннадцат",
    "двенадцат",
    "тринадцат",
    "четырнадцат",
    "семнадцат",
    "восемнадцат",
    "двадцат",
    "ikinci",
    "üçüncü",
    "dördüncü",
    "beşinci",
    "altıncı",
    "yeddinci",
    "səkkizinci",
    "doqquzuncu",
    "onuncu",
    "iyirminci",
    // English, as translations write them (`the seventh school`).
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
];

/// Number words a spelled-out phone number is made of (English, Russian,
/// Azerbaijani; not the Azerbaijani `on`, which is English too): digits…
const SPELLED_DIGITS: &[&str] = &[
    "zero",
    "oh",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ноль",
    "нуль",
    "один",
    "два",
    "три",
    "четыре",
    "пять",
    "шесть",
    "семь",
    "восемь",
    "девять",
    "sıfır",
    "sifir",
    "bir",
    "iki",
    "üç",
    "dörd",
    "beş",
    "altı",
    "yeddi",
    "səkkiz",
    "doqquz",
];
/// …teens…
const SPELLED_TEENS: &[&str] = &[
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "десять",
    "одиннадцать",
    "двенадцать",
    "тринадцать",
    "четырнадцать",
    "пятнадцать",
    "шестнадцать",
    "семнадцать",
    "восемнадцать",
    "девятнадцать",
];
/// …tens…
const SPELLED_TENS: &[&str] = &[
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "двадцать",
    "тридцать",
    "сорок",
    "пятьдесят",
    "шестьдесят",
    "семьдесят",
    "восемьдесят",
    "девяносто",
    "iyirmi",
    "otuz",
    "qırx",
    "əlli",
    "altmış",
    "yetmiş",
    "səksən",
    "doxsan",
    // Azerbaijani ten (`on iki`, twelve); never a run's first word, where
    // it is mostly the English `on` (see `spelled_runs`).
    "on",
];
/// …and Russian hundreds (`hundred`, `yüz`, `double` and `triple` besides).
const SPELLED_HUNDREDS_RU: &[&str] = &[
    "сто",
    "двести",
    "триста",
    "четыреста",
    "пятьсот",
    "шестьсот",
    "семьсот",
    "восемьсот",
    "девятьсот",
];

/// How many digits a run of spelled numbers writes: a digit word one
/// (`double`/`triple` repeat the next), a teen or a tens word two (a unit
/// right after a tens word belongs to it: `forty five`), `hundred` two
/// more after its digit, a Russian hundred three.
fn spelled_digits(run: &str) -> usize {
    let mut digits = 0;
    let mut repeat = 1;
    let mut after_tens = false;
    for w in run
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        let w = w.to_lowercase();
        let w = w.as_str();
        if SPELLED_DIGITS.contains(&w) {
            if !after_tens {
                digits += repeat;
            }
            repeat = 1;
            after_tens = false;
        } else if SPELLED_TEENS.contains(&w) {
            digits += 2 * repeat;
            repeat = 1;
            after_tens = false;
        } else if SPELLED_TENS.contains(&w) {
            digits += 2;
            after_tens = true;
        } else if SPELLED_HUNDREDS_RU.contains(&w) {
            digits += 3;
            after_tens = false;
        } else if matches!(w, "hundred" | "yüz") {
            digits += 2;
            after_tens = false;
        } else if w == "double" {
            repeat = 2;
        } else if w == "triple" {
            repeat = 3;
        }
    }
    digits
}

/// Words for a person's sex before their age in brackets (`Leyla (F, 41)`,
/// `Севиль (ж., 63)`), longest first within each language; the first two,
/// the single letters, only in capitals in running text (`(f, 2)` counts).
pub(super) const SEX_WORDS: &[&str] = &[
    "f",
    "m",
    "female",
    "male",
    "woman",
    "man",
    "girl",
    "boy",
    "widower",
    "widow",
    "qadın",
    "kişi",
    "женщина",
    "мужчина",
    "вдова",
    "жен",
    "муж",
    "ж",
    "м",
];

/// Whether `w` (a dot after it allowed) is one of [`SEX_WORDS`].
pub(super) fn sex_word(w: &str) -> bool {
    SEX_WORDS.contains(&w.trim_end_matches('.').to_lowercase().as_str())
}

/// Words a number with a slash follows that make it no house and flat: a
/// document's, a law's or a table's number, a date after a weekday or a
/// month (in lower case).
const HOUSE_NOT_AFTER: &[&str] = &[
    "resolution",
    "article",
    "art",
    "decision",
    "decree",
    "law",
    "order",
    "rule",
    "regulation",
    "directive",
    "protocol",
    "case",
    "application",
    "complaint",
    "report",
    "annex",
    "appendix",
    "table",
    "figure",
    "fig",
    "page",
    "chapter",
    "section",
    "part",
    "form",
    "file",
    "doc",
    "act",
    "item",
    "point",
    "paragraph",
    "para",
    "ref",
    "no",
    "nr",
    "number",
    "code",
    "series",
    "volume",
    "vol",
    "issue",
    "question",
    "interview",
    "transcript",
    "session",
    "round",
    "grade",
    "class",
    "score",
    "mark",
    "phase",
    "step",
    "wave",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
    "стать",
    "решени",
    "закон",
    "указ",
    "приказ",
    "постановлени",
    "дел",
    "пункт",
    "протокол",
    "распоряжени",
    "приложени",
    "таблиц",
    "страниц",
    "глав",
    "раздел",
    "номер",
    "вопрос",
    "интервью",
    "класс",
    "maddə",
    "qərar",
    "qanun",
    "fərman",
    "sərəncam",
    "əlavə",
    "cədvəl",
    "səhifə",
    "fəsil",
    "bənd",
    "sual",
    "müsahibə",
    "sinif",
];

/// The months in the genitive, as a Russian date in words has them.
const RU_MONTHS_GENITIVE: &str =
    "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря";

/// Labels of an interview's people before their name and a year of birth.
const BIRTH_LABELS: &[&str] = &[
    // A record's family (`Children: Nərmin (2008), Tural (2011)`).
    "child",
    "son",
    "daughter",
    "spouse",
    "wife",
    "husband",
    "grandchild",
    "дети",
    "сын",
    "дочь",
    "супруг",
    "жена",
    "муж",
    "внук",
    "uşaq",
    "övlad",
    "oğl",
    "qız",
    "həyat yoldaşı",
    "respondent",
    "interviewee",
    "informant",
    "participant",
    "narrator",
    "респондент",
    "информант",
    "рассказчик",
    "müsahib",
];

/// Whether the text ends with a kinship word, or — with `name` — a
/// capitalised word (a name, at least as written): what an age between
/// commas (`Ali, 38, a driver`) or in brackets (`mother (72)`) describes.
/// A number in brackets after any capitalised word is mostly a count
/// (`Housing (2)`), so only kinship words take one.
fn person_before(text: &str, name: bool) -> bool {
    // Over a name or a gloss in brackets after the name (`Nana Kobalia
    // (ნანა ქობალია), 58,`).
    if name
        && let Some(inside) = text.strip_suffix(')')
        && let Some(open) = inside.rfind('(')
        && !inside[open + 1..].contains([')', '\n'])
        && inside[open + 1..]
            .chars()
            .next()
            .is_some_and(char::is_alphabetic)
    {
        return person_before(inside[..open].trim_end(), name);
    }
    const KIN: &[&str] = &[
        "mother",
        "father",
        "son",
        "daughter",
        "wife",
        "husband",
        "grandmother",
        "grandfather",
        "мать",
        "отец",
        "сын",
        "дочь",
        "жена",
        "муж",
        "ana",
        "ata",
        "oğlu",
        "qızı",
        "yoldaşı",
        // (`the eldest is 17`, `my brother, 34, works`.)
        "eldest",
        "youngest",
        "oldest",
        "brother",
        "sister",
        "grandson",
        "granddaughter",
        "nephew",
        "niece",
        "cousin",
        "uncle",
        "aunt",
        "widow",
        "widower",
    ];
    let word: String = {
        let rev: Vec<char> = text
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .collect();
        rev.into_iter().rev().collect()
    };
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        // An initial closes the name (`R. M., 54, from Lachin`).
        return name && ends_with_initial(text);
    };
    // (A name in a heading's capitals too: `INTERVIEW WITH ELNUR MAMMADOV, 54`.)
    (name
        && first.is_uppercase()
        && chars.clone().count() >= 1
        && (chars.clone().all(char::is_lowercase)
            || (chars.clone().count() >= 2 && chars.all(char::is_uppercase))))
        || KIN.contains(&word.to_lowercase().as_str())
}

/// Whether `text` ends with an initial: one capital and its dot, nothing
/// of a word before (`R. M.`, `A.Q.`).
fn ends_with_initial(text: &str) -> bool {
    let mut rev = text.chars().rev();
    rev.next() == Some('.')
        && rev.next().is_some_and(char::is_uppercase)
        && rev.next().is_none_or(|c| !c.is_alphanumeric())
}

/// Whether `text[start..end]` stands alone: no character of `word` (letters,
/// or letters and digits) right before or after it.
fn alone(text: &str, start: usize, end: usize, word: fn(char) -> bool) -> bool {
    !text[..start].chars().next_back().is_some_and(word)
        && !text[end..].chars().next().is_some_and(word)
}

/// Runs of three or more whole number words with only spaces, commas,
/// dots or hyphens between them: (start, end) of each.
fn spelled_runs(words: &aho_corasick::AhoCorasick, text: &str) -> Vec<(usize, usize)> {
    let whole = |m: &aho_corasick::Match| alone(text, m.start(), m.end(), char::is_alphabetic);
    let mut runs = Vec::new();
    let mut run: Option<(usize, usize, usize)> = None;
    // `on` begins no run: `call me on oh five five` is a call on a number.
    let opens = |m: &aho_corasick::Match| !text[m.start()..m.end()].eq_ignore_ascii_case("on");
    for m in words.find_iter(text).filter(whole) {
        if run.is_none() && !opens(&m) {
            continue;
        }
        run = match run {
            Some((start, end, n))
                if text[end..m.start()]
                    .chars()
                    .all(|c| c.is_whitespace() || matches!(c, ',' | '.' | '-')) =>
            {
                Some((start, m.end(), n + 1))
            }
            other => {
                if let Some((start, end, n)) = other
                    && n >= 3
                {
                    runs.push((start, end));
                }
                opens(&m).then(|| (m.start(), m.end(), 1))
            }
        };
    }
    if let Some((start, end, n)) = run
        && n >= 3
    {
        runs.push((start, end));
    }
    runs
}

const NUMBER_WORDS: &[&str] = &[
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "десят",
    "надцат",
    "двадцат",
    "тридцат",
    "сорок",
    "пятьдесят",
    "пятидесят",
    "шестьдесят",
    "шестидесят",
    "семьдесят",
    "семидесят",
    "восемьдесят",
    "восьмидесят",
    "девяност",
    "ноль",
    "нуль",
    "один",
    "два",
    "три",
    "четыре",
    "пять",
    "шесть",
    "семь",
    "восемь",
    "девять",
    // Units in the genitive come after it (`в возрасте трёх лет`).
    "озраст",
    "iyirmi",
    "otuz",
    "qırx",
    "qirx",
    "əlli",
    "elli",
    "altmış",
    "altmis",
    "yetmiş",
    "yetmis",
    "səksən",
    "seksen",
    "doxsan",
    "sıfır",
    "sifir",
    "bir",
    "iki",
    "üç",
    "dörd",
    "beş",
    "altı",
    "yeddi",
    "səkkiz",
    "doqquz",
];
const INSTITUTION_WORDS: &[&str] = &[
    // Abbreviated in notes: `sch. #7`, `общ. №12`, `шк. №7`, `д/с №3`.
    "sch.",
    "kg.",
    "общ.",
    "шк.",
    "д/с",
    "school",
    "kindergarten",
    "nursery",
    "hostel",
    "dormitory",
    "hospital",
    "clinic",
    "polyclinic",
    "lyceum",
    "gymnasium",
    "college",
    "institute",
    "academy",
    "university",
    "building",
    "block",
    "camp",
    "sanatorium",
    "barracks",
    "wagon",
    "carriage",
    "container",
    "tent",
    "trailer",
    "вагон",
    "палатк",
    "контейнер",
    "factory",
    "plant",
    "shelter",
    "orphanage",
    "centre",
    "center",
    "house",
    "школ",
    "детск",
    "детсад",
    "садик",
    "общежити",
    "больниц",
    "поликлиник",
    "лице",
    "гимнази",
    "санатори",
    "лагер",
    "корпус",
    "барак",
    "korpus",
    "otaq",
    "bina",
    "vaqon",
    "çadır",
    "konteyner",
    "barrack",
    "cottage",
    "caravan",
    "интернат",
    "дом",
    "hotel",
    "club",
    "пансионат",
    "гостиниц",
    "yataqxana",
    "sanatoriya",
    "mehmanxana",
    "məktəb",
    "bağça",
    "სკოლ",
    "საავადმყოფო",
    "ბაღ",
    "საცხოვრებ",
    "პოლიკლინიკ",
    "դպրոց",
    "մանկապարտեզ",
    "հանրակացարան",
    "հիվանդանոց",
    "saylı",
    "sayli",
    "nömrəli",
    "nomreli",
    "№-li",
];

/// English ordinals of a month's days in words (`twelfth`, `twenty-first`).
const ORDINALS_EN: &str = "(?:(?:twenty|thirty)[\\s-])?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)";

/// English month names.
const EN_MONTHS: &str =
    "(?:january|february|march|april|may|june|july|august|september|october|november|december)";

const NUM_EN: &str = "(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\\s-](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a hundred|one hundred)";
const NUM_RU: &str = "(?:(?:двадцат\\p{L}*|тридцат\\p{L}*|сорок\\p{L}*|пятьдесят|пятидесяти|шестьдесят|шестидесяти|семьдесят|семидесяти|восемьдесят|восьмидесяти|девяносто|девяноста)(?:\\s+(?:один|одного|два|двух|три|трёх|трех|четыре|четырёх|четырех|пять|пяти|шесть|шести|семь|семи|восемь|восьми|девять|девяти))?|десят\\p{L}*|одиннадцат\\p{L}*|двенадцат\\p{L}*|тринадцат\\p{L}*|четырнадцат\\p{L}*|пятнадцат\\p{L}*|шестнадцат\\p{L}*|семнадцат\\p{L}*|восемнадцат\\p{L}*|девятнадцат\\p{L}*)";
// Ages under ten, in words: only where nothing but an age can follow
// (`seven years old`, `aged five`, `семи лет`, `beş yaşında`); `one`, `два
// года` alone are too often something else.
const UNIT_EN: &str = "(?:one|two|three|four|five|six|seven|eight|nine)";
const UNIT_RU: &str = "(?:одного|двух|тр[её]х|четыр[её]х|пяти|шести|семи|восьми|девяти|один|два|три|четыре|пять|шесть|семь|восемь|девять)";
const UNIT_AZ: &str = "(?:bir|iki|üç|dörd|beş|altı|yeddi|səkkiz|doqquz)";
const NUM_AZ: &str = "(?:(?:iyirmi|otuz|qırx|qirx|əlli|elli|altmış|altmis|yetmiş|yetmis|səksən|seksen|doxsan)(?:\\s+(?:bir|iki|üç|uc|dörd|dord|beş|bes|altı|alti|yeddi|səkkiz|sekkiz|doqquz))?|on(?:\\s+(?:bir|iki|üç|dörd|beş|altı|yeddi|səkkiz|doqquz))?)";

const MONTHS_EN: &str = "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec";
const MONTHS_RU: &str = "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|январь|февраль|март|апрель|май|июнь|июль|август|сентябрь|октябрь|ноябрь|декабрь";
const MONTHS_AZ: &str =
    "yanvar|fevral|mart|aprel|may|iyun|iyul|avqust|sentyabr|oktyabr|noyabr|dekabr";

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let months = format!("(?:{MONTHS_EN}|{MONTHS_RU}|{MONTHS_AZ})");
        Patterns {
            email: Regex::new(r"(?i)[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}").unwrap(),
            // A series in digits (`серия 12 34 номер 567890`) or in letters
            // (`серия АЗЕ, номер 1122334`, `seriya AA 1290347`).
            passport_series: Regex::new(r"(?:[Сс]ери[яиюей]|[Ss]eriya|[Ss]eries)[ \t]*(\d{2}[ \t]?\d{2}(?:[ \t]*(?:№|номер|nömrə|number|No\.?|no\.?)?[ \t]*\d{6})?|[A-ZА-ЯƏÜÖĞÇŞ]{1,3}[ \t,]*(?:(?:№|#|номер|nömrə|number|No\.?|no\.?)[ \t]*)?\d{5,9})(?-u:\b)").unwrap(),
            // A long number after the word for a number, a code or a
            // reference (`номер 1122334`, `code 55120`, `ref. 20231145`).
            // Outside the set of digit detectors (its words would slow the
            // set): run on texts with one of the words.
            // (Or told later in the clause, a number in parts too: `my case
            // number at the State Committee is 2019/4471`.)
            number_after_word: Regex::new(r"(?i)(?:(?-u:\b)(?:number|code|reference|ref\.|nömrə\p{L}*|kod\p{L}*)|номер\p{L}*|код\p{L}*)[\s:]*((?:№\s*)?(?-i:[A-Z]{0,3})\s?\d{5,12})(?-u:\b)|(?-u:\b)number\s+(?:at|with|from|in|of|for)\s+(?:the\s+)?(?:[\p{L}-]+\s+){1,4}?(?:is|was)[\s:]+((?:\d{5,12}|\d{1,6}[-/]\d{3,8}))(?-u:\b)|(?:(?-u:\b)(?:badge|dog\s+tag|personnel|membership)|(?:^|[^\p{L}])жетон\p{L}*)\s*(?:no\.?|nr\.?|#|№|number|номер|nömrə\p{L}*)[\s:]*(\d{3,12})(?-u:\b)").unwrap(),
            email_bracketed: Regex::new(r"(?i)[\p{L}\p{N}._%+-]+[ \t]*(?:\(at\)|\[at\]|\{at\}|[ \t]@[ \t])[ \t]*[\p{L}\p{N}-]+(?:[ \t]*(?:\(dot\)|\[dot\]|\.)[ \t]*[\p{L}\p{N}-]+)*[ \t]*(?:\(dot\)|\[dot\]|\.)[ \t]*\p{L}{2,}").unwrap(),
            email_spelled: Regex::new(r"(?i)[\p{L}\p{N}._%+-]+\s*(?:\(at\)|\[at\]|\s+at\s+|\s+собака\s+)\s*[\p{L}\p{N}-]+(?:\s*(?:\(dot\)|\[dot\]|\s+dot\s+|\s+точка\s+|\.)\s*[\p{L}\p{N}-]+)*\s*(?:\(dot\)|\[dot\]|\s+dot\s+|\s+точка\s+)\s*(?:com|org|net|ru|az|ge|am|ua|tr|de|uk|info|me|edu|gov)(?-u:\b)").unwrap(),
            // With a scheme or `www.`, or a bare domain with a path
            // (`facebook.com/leyla.m`, `t.me/leyla85`, `vk.com/id123`).
            url: Regex::new(r"(?i)(?-u:\b)(?:(?:https?://|www\.)[^\s<>()\x22]+|(?:[a-z0-9-]+\.)+(?:com|org|net|info|az|ru|ge|am|ua|by|kz|tr|me|io|tv|co|uk|de|fr|eu|biz|gov|edu)/[^\s<>()\x22]*)[^\s<>()\x22.,;:!?]").unwrap(),
            // `@leyla_m85` on Telegram, Instagram, X: not after a letter or
            // digit (an e-mail address is found above).
            handle: Regex::new(r"@[A-Za-z0-9_][A-Za-z0-9_.]{2,31}").unwrap(),
            // A user name after the service's name and a colon, without `@`
            // (`Skype: nigar.mammadova88`, `Telegram - rauf_1985`).
            handle_named: Regex::new(r"(?i)(?:(?-u:\b)(?:skype|telegram|instagram|insta|viber|whatsapp|tiktok|twitter|facebook|fb|vk|signal|snapchat|username|user\s+name|login|nickname|nick)|(?:^|[^\p{L}])(?:ник|логин|скайп|телеграм|инстаграм|вайбер))(?:\s+(?:id|name|account|handle|ид))?(\s*[:\-–]\s*|[ \t]+)@?((?:live:)?[A-Za-z0-9_][A-Za-z0-9_.]{2,31}[A-Za-z0-9_])").unwrap(),
            date: vec![
                // A month in Roman numerals: 3.V.1992, 12.IX.93.
                Regex::new(r"(?-u:\b)(?:0?[1-9]|[12]\d|3[01])\.(?:XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)\.(?:19|20)?\d\d(?-u:\b)").unwrap(),
                // 12.04.1993, 12/04/93, 1993-04-12
                Regex::new(r"(?-u:\b)(?:0?[1-9]|[12]\d|3[01])[./-](?:0?[1-9]|1[0-2])[./-](?:19|20)?\d\d(?-u:\b)").unwrap(),
                Regex::new(r"(?-u:\b)(?:19|20)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?-u:\b)").unwrap(),
                // 12 April 1993, 12th of April, 12 апреля 1993 г., 12 aprel 1993
                // (With the first day of a range: `14–16 October 2023`.)
                Regex::new(&format!(r"(?i)(?-u:\b)(?:(?:0?[1-9]|[12]\d|3[01])(?:\s?[–-]\s?|\s+(?:to|and|or)\s+))?(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?(?:\s+of)?\s+{months}(?:,?\s+(?:19|20)\d\d(?:\s*(?:г\.|года|il))?|[^\p{{L}}\p{{N}}]|$)")).unwrap(),
                // April 12, 1993 / April 12 / Feb. 12
                Regex::new(&format!(r"(?i)(?-u:\b)(?:(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.|{months})\s+(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?(?-u:\b)(?:,?\s+(?:19|20)\d\d)?")).unwrap(),
            ],
            id: vec![
                // Passport and card numbers: AZE12345678, C01234567, AA 1234567
                Regex::new(r"(?-u:\b)(?:AZE|AA|AB|AM|AN|AR|C|P|No?)\s?\d{6,9}(?-u:\b)").unwrap(),
                // A number after a document word: passport 123456, IDP card No. 12345, № 123456
                Regex::new(r"(?i)(?:(?-u:\b)(?:passport|id|card|certificate|document|personal|social\s+security|tax|book|booklet)|military\s+unit|паспорт\p{L}*|удостоверени\p{L}*|личн\p{L}*|книжк\p{L}*|kitabça\p{L}*|ИНН|СНИЛС|в/ч|войсков\p{L}*\s+част\p{L}*|vəsiqə\p{L}*|şəxsi|hərbi\s+hissə\p{L}*)(?:\s+(?:number|no\.?|nr\.?|№|#|номер|nömrə\p{L}*|code|код))?(?:\s+is)?[\s:]*((?:№\s*)?(?-i:[A-ZА-ЯЁ]{0,3})\s?(?:\d{5,12}|\d{1,6}[-/]\d{3,8}))(?-u:\b)").unwrap(),
                // Number plates: Armenian and Azerbaijani (`35 OU 123`,
                // `10-AB-345`, typed in Cyrillic too: `10 АВ 345`), Russian
                // (`А123ВС 77`), their letters those that Latin shares, in
                // either script.
                Regex::new(r"(?-u:\b)\d{2}[\s-]?(?:[A-Z]{2}|[АВЕКМНОРСТУХ]{2})[\s-]?\d{3}(?-u:\b)").unwrap(),
                Regex::new(r"(?:[АВЕКМНОРСТУХ]|[ABEKMHOPCTYX])\d{3}(?:[АВЕКМНОРСТУХ]{2}|[ABEKMHOPCTYX]{2})\s?\d{2,3}(?-u:\b)").unwrap(),
                // The personal code of an Azerbaijani ID card (FIN, seven
                // letters and digits) after its name.
                Regex::new(r"(?i)(?:FIN|FİN|ФИН|PIN)(?:\s+(?:code|kod|kodu|код))?(?:\s+is)?[\s:–-]*((?-i:[0-9A-Z]{7}))(?-u:\b)").unwrap(),
                Regex::new(r"№\s?\d{4,12}(?-u:\b)").unwrap(),
                // A number in parts after a number sign: a court case, a
                // file, a registration (`дело № 2-1234/2019`, `Reg. no.
                // 12/345-Б`, `case #3-88/21`); a part of the study has one
                // number (`Протокол №3`).
                Regex::new(r"(?:№|#|No\.|no\.|Nr\.|nr\.)[ \t]*(\d{1,6}[-/]\d{1,6}(?:[-/]\d{1,6})*(?:[-/][A-ZА-Я](?-u:\b))?)").unwrap(),
                // A case's, a file's or a complaint's number of three digits
                // or more after its word (`case no. 56171`, `complaint No.
                // 558`, `дело № 417`, `işi N 312`); a section of a text has
                // a short one (`Protocol No. 1`, `Decision no. 5`).
                Regex::new(r"(?i)(?:(?-u:\b)(?:case|file|dossier|complaint|claim|application|appeal|petition|registration|investigation|proceedings)|(?:уголовн\p{L}*[ \t]+)?дел\p{L}*|жалоб\p{L}*|заявлени\p{L}*|обращени\p{L}*|iş\p{L}*|şikayət\p{L}*|müraciət\p{L}*)[ \t]+(?:no\.?|nr\.?|№|#|n|number|номер|nömrə\p{L}*)[ \t]*(\d{3,8})(?-u:\b)").unwrap(),
                // A bank card: 16 digits in fours (or 13–19 together).
                Regex::new(r"(?-u:\b)(?:\d{4}[ -]){3}\d{4}(?-u:\b)|(?-u:\b)\d{13,19}(?-u:\b)").unwrap(),
                // Nine to twelve digits in one run, nothing else around
                // (a Georgian personal number has eleven, an account or a
                // phone as many): an identifier whatever its name.
                Regex::new(r"(?-u:\b)\d{9,12}(?-u:\b)").unwrap(),
            ],
            // +994 12 555 01 23, (012) 555-01-23, 050 123 45 67, 8 (495) 123-45-67, +995 599 12 34 56
            // (Parts joined by a hyphen, or by the non-breaking hyphen and
            // the dashes word processors put in its place: `050‑123‑45‑67`.)
            // First, after a `+`, groups of any length and brackets anywhere
            // (`+995 32 2 12 34 56`, `(+994 50) 1234567`, `+7(928)1234567`):
            // the digits' count decides (see `detect_digits`). Without a
            // `+`, the groups stay on one line (a date ending one line and a
            // year opening the next are no number).
            phone: Regex::new(r"\+\d{1,3}(?:[\s.\-‐‑‒–()]{0,3}\d{1,4}){2,7}(?-u:\b)|(?:(?:\+\d{1,3}|(?-u:\b)[80])[ \t\u{a0}.\-‐‑‒–]?)?(?:\(\d{1,4}\)[ \t\u{a0}.\-‐‑‒–]?)?\d{2,4}(?:[ \t\u{a0}.\-‐‑‒–]\d{2,7}){1,4}(?-u:\b)|(?-u:\b)0\d{9}(?-u:\b)|\(\d{2,4}\)[ \t\u{a0}]?\d{5,8}(?-u:\b)").unwrap(),
            age: vec![
                Regex::new(r"(?i)(?-u:\b)(?:i\s+am|i'm|i’m|i\s+was|aged?(?:\s+(?:about|around|nearly|almost|over|roughly|approximately|just))?|age:|he\s+is|she\s+is|he\s+was|she\s+was|who\s+is|who\s+was|he's|she's|turned|at\s+the\s+age\s+of|at\s+age|lived\s+to(?:\s+the\s+age\s+of)?)(?:\s+(?:maybe|about|around|only|just|barely|almost|nearly|already|probably|perhaps|then|now|still))?\s+(\d{1,3})(?-u:\b)(?:\s+years?(?:\s+old)?)?").unwrap(),
                Regex::new(r"(?i)(?-u:\b)(\d{1,3})\s+years\s+of\s+age(?-u:\b)").unwrap(),
                Regex::new(r"(?i)(?-u:\b)(\d{1,3})[\s-]years?[\s-]old(?-u:\b)").unwrap(),
                Regex::new(r"(?i)(?-u:\b)(\d{1,3})\s+(?:лет|года|год)").unwrap(),
                Regex::new(r"(?i)(?-u:\b)(\d{1,3})\s+yaş\p{L}*").unwrap(),
                // `14-летней девочкой`, `70-летний сосед`.
                Regex::new(r"(?-u:\b)(\d{1,3}) ?- ?летн\p{L}*").unwrap(),
            ],
            // A person described in brackets: `(F, 41)`, `(54, widow)`,
            // `(72)` after a name or a kinship word; in apposition to a
            // name: `Ali, 38, a driver`. Not in the set of digit detectors
            // (their letter classes would slow the set for every text):
            // run on texts with a bracket, a comma or a copula.
            age_described: vec![
                Regex::new(&format!(r"\((?:[FMЖМжм]\.?|(?i:{})\.?),\s*(\d{{1,3}})[,;)]", SEX_WORDS[2..].join("|"))).unwrap(),
                Regex::new(r"\((\d{1,3}),\s*(?:[FMЖМ][,)\s]|\p{Ll})").unwrap(),
                // After a word checked in code (see `person_before`): each
                // pattern starts with a literal, found fast.
                Regex::new(r"\s\((\d{1,3})\)").unwrap(),
                // (`Ali, 38, a driver`; `Elnur Mammadov, 54, Barda`.)
                Regex::new(r",\s(\d{1,3}),\s\p{L}").unwrap(),
                // A participant named in brackets with an age: `(Lasha, 29)`.
                Regex::new(r"\((?:\p{Lu}\p{Ll}+|\p{Lu}\.)(?:[ -]\p{Lu}\p{Ll}+)?,\s*(\d{1,3})[,;)]").unwrap(),
                // `Bibi is 94.`, `my mother, Sona, is 72 now`: after a name
                // or a kinship word (checked in code), ending the clause.
                Regex::new(r"(?: is| was| turned| turns) (\d{1,3})(?: years?(?: old)?)?(?: (?:now|today|already|then|at the time))?(?:[.;!?,]| and | but | when )").unwrap(),
                // A record's line ending in an age after a name or an
                // initial (`Spouse: Könül J., 41.`).
                Regex::new(r"(?m),\s(\d{1,3})\.?[ \t]*\r?$").unwrap(),
                // A participant in brackets with an age and where they are
                // from (`Levan (29, Ochamchire district)`): after a name.
                Regex::new(r"\s\((\d{1,3})[,;]\s*\p{Lu}").unwrap(),
                // A person's sex and age in a record (`Respondent 9, male,
                // 52, Tovuz`, `Caller: woman, approx. 60`).
                Regex::new(&format!(r"(?i)(?:{})\.?,\s*(?:approx\.?\s*|about\s+|around\s+|c\.\s*|~\s*|около\s+|примерно\s+)?(\d{{1,3}})(?:\s*(?:г\.|лет|года|год|yaş|y\.o\.|yrs\.?|years(?:\s+old)?))?\s*(?:[,;)]|\.(?:\s|$)|$)", SEX_WORDS[2..].join("|"))).unwrap(),
                // A person's role and age in brackets after their name
                // (`Hrach (farmer, 55)`, `Нана (учительница, 47)`).
                Regex::new(r"\s\(\p{Ll}+(?:[ -]\p{Ll}+)?,\s*(\d{1,3})\)").unwrap(),
                // A list of people with their ages (`Participants: Aysel,
                // 34; Kamran, 41; Nigar, 29 (notes)`): after a name.
                Regex::new(r",\s(\d{1,3})(?:;|\s\(\p{Ll})").unwrap(),
            ],
            institution: vec![
                // School #7, Kindergarten No. 12, hostel №3, school number 5
                Regex::new(r"(?i)(?-u:\b)(?:school|kindergarten|nursery|hostel|dormitory|hospital|polyclinic|clinic|lyceum|gymnasium|college|institute|academy|university|building|block|camp|sanatorium|barracks|barrack|korpus|cottage|caravan|factory|plant|shelter|orphanage|boarding school|collective centre|collective center|centre|center|house|wagon|railway carriage|carriage|container|tent|trailer|sch\.|kg\.)[ \t\u{a0}]*(?:#|№|n[°º]|no\.?|nr\.?|number|n)?[ \t\u{a0}]*\d{1,4}[a-z]?(?-u:\b)").unwrap(),
                // общежитие № 5, школа №7, детский сад № 12; abbreviated:
                // общ. №12, шк. №7, д/с №3
                Regex::new(r"(?i)(?:школ|детск\p{L}*[ \t\u{a0}]+сад|детсад|садик|общежити|больниц|поликлиник|лице|гимнази|санатори|лагер|корпус|барак|интернат|дом|вагон|палатк|контейнер|общ\.|шк\.|д/с)\p{L}*[ \t\u{a0}]*(?:№|#|N[°º]?|номер)[ \t\u{a0}]*\d{1,4}").unwrap(),
                // Any word followed by # or №: `Block #4`, `hostel №3`.
                // (The whole number: `ЖГ № 123456` is a document's.)
                Regex::new(r"\p{L}+[ \t\u{a0}]*(?:#|№|N[°º])[ \t\u{a0}]*\d{1,5}(?-u:\b)").unwrap(),
                // 8 nömrəli məktəb, 5 saylı yataqxana, 12 №-li bağça
                Regex::new(r"(?i)(?-u:\b)\d{1,4}[ \t\u{a0}]*(?:-?(?:saylı|sayli|nömrəli|nomreli|№-li))[ \t\u{a0}]+(?:orta[ \t\u{a0}]+|şəhər[ \t\u{a0}]+|rayon[ \t\u{a0}]+|uşaq[ \t\u{a0}]+|usaq[ \t\u{a0}]+)?\p{L}+").unwrap(),
                // Georgian ordinals come first: მე-5 სკოლა (5th school).
                Regex::new(r"მე-\d{1,4}[ \t\u{a0}]+(?:სკოლ|საავადმყოფო|ბაღ|საბავშვო[ \t\u{a0}]+ბაღ|საერთო[ \t\u{a0}]+საცხოვრებ|პოლიკლინიკ)\p{L}*").unwrap(),
                // Ordinals: 7-ci məktəb, 7th school, 7-я школа, 12-й детский сад.
                Regex::new(r"(?i)(?-u:\b)\d{1,4}[ \t\u{a0}]*-?(?:ci|cı|cu|cü|th|st|nd|rd|ая|ой|ый|ий|ого|ому|ую|ом|ем|го|му|я|й|м|ю|րդ|ին)[ \t\u{a0}]+(?:orta[ \t\u{a0}]+|secondary[ \t\u{a0}]+|high[ \t\u{a0}]+|city[ \t\u{a0}]+|central[ \t\u{a0}]+|district[ \t\u{a0}]+|regional[ \t\u{a0}]+|children's[ \t\u{a0}]+|şəhər[ \t\u{a0}]+|rayon[ \t\u{a0}]+|uşaq[ \t\u{a0}]+|средн\p{L}*[ \t\u{a0}]+|детск\p{L}*[ \t\u{a0}]+|городск\p{L}*[ \t\u{a0}]+|районн\p{L}*[ \t\u{a0}]+)?(?:məktəb|bağça|yataqxana|xəstəxana|poliklinika|lisey|gimnaziya|korpus|otaq|vaqon|çadır|barak|konteyner|bina|school|kindergarten|hostel|dormitory|hospital|polyclinic|lyceum|gymnasium|shelter|camp|школ|сад|общежити|больниц|поликлиник|лице|гимнази|лагер|դպրոց|մանկապարտեզ|հանրակացարան|հիվանդանոց)\p{L}*").unwrap(),
                // What a family lived in, by its bare number, in Russian
                // (`в палатке 15`, `в вагончике 7`, `барак 2`, `корпус 3`).
                Regex::new(r"(?i)(?:вагончик|вагон|палатк|барак|корпус|контейнер)\p{L}*[ \t\u{a0}]+\d{1,4}(?-u:\b)").unwrap(),
            ],
            // Ordinals in words, as people name their school: `в восьмой
            // школе`, `двенадцатое общежитие`, `səkkizinci məktəb`.
            ordinal_institution: Regex::new(r"(?i)(?:(?:втор|трет|четв[её]рт|пят|шест|седьм|восьм|девят|десят|одиннадцат|двенадцат|тринадцат|четырнадцат|пятнадцат|шестнадцат|семнадцат|восемнадцат|девятнадцат|двадцат)\p{L}{1,3}\s+(?:средн\p{L}*\s+|детск\p{L}*\s+)?(?:школ|сад|общежити|больниц|поликлиник|лице|гимнази)\p{L}*|(?:ikinci|üçüncü|dördüncü|beşinci|altıncı|yeddinci|səkkizinci|doqquzuncu|onuncu|iyirminci)\s+(?:orta\s+|uşaq\s+)?(?:məktəb|bağça|yataqxana|xəstəxana)\p{L}*|(?-u:\b)(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth)\s+(?:secondary\s+|primary\s+|high\s+|boarding\s+)?(?:school|kindergarten|hostel|dormitory|hospital|polyclinic|lyceum|gymnasium)(?-u:\b))").unwrap(),
            spelled_institution: Regex::new(r"(?i)(?:(?:school|kindergarten|hostel|dormitory|hospital|polyclinic|lyceum|gymnasium|camp)\s+(?:number|no\.?|#)\s*(?:twenty|nineteen|eighteen|seventeen|sixteen|fifteen|fourteen|thirteen|twelve|eleven|ten|nine|eight|seven|six|five|four|three|two|one)|(?:школ|детск\p{L}*\s+сад|общежити|больниц|поликлиник|лице|гимнази)\p{L}*\s+(?:номер|№)\s*(?:двадцать|девятнадцать|восемнадцать|семнадцать|шестнадцать|пятнадцать|четырнадцать|тринадцать|двенадцать|одиннадцать|десять|девять|восемь|семь|шесть|пять|четыре|три|две|два|одна|один)|(?:bir|iki|üç|dörd|beş|altı|yeddi|səkkiz|doqquz|on)\s+(?:nömrəli|saylı)\s+(?:orta\s+|uşaq\s+)?(?:məktəb|bağça|yataqxana|xəstəxana)\p{L}*)").unwrap(),
            named_institution: vec![
                // A named collective centre: sanatorium "Imereti" No. 4, hotel «Iveria».
                Regex::new(r#"(?i)(?-u:\b)(?:school|kindergarten|hostel|hotel|dormitory|hospital|sanatorium|camp|shelter|orphanage|boarding house|guest house|collective cent(?:re|er)|club|yataqxana|sanatoriya|mehmanxana|məktəb|bağça)\s+["«“„'‘](?-i:\p{Lu})[^"»”“'’\n]{0,40}["»”“'’](?:\s*(?:#|№|no\.?|nr\.?|number)\s*\d{1,4})?"#).unwrap(),
                // "Gənclik" hostel, «Иверия» sanatoriyası.
                Regex::new(r#"["«“„](?-i:\p{Lu})[^"»”“\n]{0,40}["»”]\s+(?i:hostel|hotel|sanatorium|camp|school|dormitory|kindergarten|collective cent(?:re|er)|club|yataqxanası|sanatoriyası|mehmanxanası|məktəbi|санатори\p{L}*|гостиниц\p{L}*|общежити\p{L}*|пансионат\p{L}*|лагер\p{L}*)"#).unwrap(),
                // санаторий «Иверия», гостиница "Абхазия" № 2.
                Regex::new(r#"(?i)(?:санатори|гостиниц|общежити|пансионат|лагер|школ|детск\p{L}*\s+сад|дом\s+отдыха|база\s+отдыха)\p{L}*\s+[«"„“](?-i:\p{Lu})[^»"”\n]{0,40}[»"”](?:\s*№\s*\d{1,4})?"#).unwrap(),
            ],
            birth_year: vec![
                Regex::new(r"(?i)(?-u:\b)(?:born|b\.)\s+(?:in\s+)?((?:19|20)\d\d)(?-u:\b)").unwrap(),
                // The year's last two digits after an apostrophe (`b. '85`,
                // `born in ’79`).
                Regex::new(r"(?i)(?-u:\b)(?:born|b\.)\s+(?:in\s+)?(['’]\d\d)(?-u:\b)").unwrap(),
                Regex::new(r"(?i)(?-u:\b)((?:19|20)\d\d)\s*(?:г\.\s*р\.|t\.\s*d\.|t/d|года\s+рождения|г\.\s+рождения|-?(?:ci|cı|cu|cü)\s+ildə\s+(?:anadan|doğul)|-?(?:ci|cı|cu|cü)\s+il\s+təvəllüd)").unwrap(),
                Regex::new(r"(?i)(?:родил\p{L}*|рождения)\s+(?:в\s+)?((?:19|20)\d\d)").unwrap(),
                Regex::new(r"(?i)(?-u:\b)year of birth:?\s*((?:19|20)\d\d)(?-u:\b)").unwrap(),
                // The month and the year of a birth (`Born: March 1958`,
                // `date of birth: Sept. 1961`, `родилась в марте 1958`).
                Regex::new(r"(?i)(?:(?-u:\b)(?:born|b\.|birth|dob)|(?:^|[^\p{L}])д\.\s?р\.)\s*:?\s*(?:in\s+|on\s+)?((?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.?,?\s+(?:19|20)\d\d)(?-u:\b)").unwrap(),
                Regex::new(r"(?i)(?:родил\p{L}*|рождения)\s+в\s+((?:январ|феврал|март|апрел|ма|июн|июл|август|сентябр|октябр|ноябр|декабр)е\s+(?:19|20)\d\d)").unwrap(),
            ],
            // With the place of birth between (`1975-ci ildə Xıdırlı kəndində
            // anadan olmuşam`, `born in Shusha in 1979`, `родилась в Шуше в
            // 1979 году`), and `doğum tarixi: 1979`: outside the set of digit
            // detectors (their runs of words slow the whole set), run where
            // their words are.
            listed_birth_year: Regex::new(r"(?m)^[ \t]*(?:\d{1,3}[.)][ \t]*|[-•*][ \t]+)?(?:\p{Lu}[\p{Ll}'’-]+[ \t]+){1,3}\p{Lu}[\p{Ll}'’-]+[ \t]*[—–][ \t]*((?:19|20)\d\d)[ \t]*(?:,|;|г\.|t\.d\.|\r?$)").unwrap(),
            birth_year_far: vec![
                Regex::new(r"(?i)(?-u:\b)((?:19|20)\d\d)-?(?:ci|cı|cu|cü)\s+ildə\s+(?:[\p{L}-]+\s+){1,3}(?:anadan|doğul)").unwrap(),
                Regex::new(r"(?i)(?-u:\b)born\s+(?:in|at|near)\s+(?:[\p{L}'-]+\s+){1,3}in\s+((?:19|20)\d\d)(?-u:\b)").unwrap(),
                Regex::new(r"(?i)(?:родил\p{L}*)\s+(?:[\p{L}-]+\s+){1,3}в\s+((?:19|20)\d\d)").unwrap(),
                Regex::new(r"(?i)doğum\s+(?:tarixi|ili):?\s*((?:19|20)\d\d)(?-u:\b)").unwrap(),
                // Azerbaijani in its Cyrillic alphabet (before 1991, and in
                // old papers): `1962-ҹи илдә Шуша шәһәриндә анадан олмушам`.
                Regex::new(r"(?-u:\b)((?:19|20)\d\d)-?(?:ҹи|ҹы|ҹу|ҹү)\s+илдә\s+(?:[\p{L}-]+\s+){0,3}[Аа]надан").unwrap(),
                // Georgian and Armenian: `დაბადებული 1962 წელს`, `ծնվել է 1970
                // թվականին`, within the sentence.
                Regex::new(r"(?:დაბადებულ\p{L}*|დავიბადე|დაიბადა|დაბადების)[^.\n\d։:]{0,60}?((?:19|20)\d\d)").unwrap(),
                Regex::new(r"(?:ծնվել|ծնված|ծնվեցի|ծնվեց|ծննդյան)[^.\n\d։:]{0,60}?((?:19|20)\d\d)").unwrap(),
                // The year first, the verb after: `1938 წელს დაიბადა`, `1965
                // թվականին ... ծնվել է`.
                Regex::new(r"((?:19|20)\d\d)\s*(?:წელს|წლის)[^.\n\d։:]{0,60}?(?:დაიბადა|დავიბადე|დაბადებულ)").unwrap(),
                Regex::new(r"((?:19|20)\d\d)\s*(?:թվականին|թ\.)[^.\n\d։:]{0,60}?(?:ծնվել|ծնվեց|ծնված)").unwrap(),
            ],
            // Identifiers mixing capitals and digits: AZE-4471-KX, 12AB3456, ID-2019-4471
            mixed_id: Regex::new(r"(?-u:\b)(?:[A-Z]{1,5}[-/ ]?\d(?:[\dA-Z/-]*[\dA-Z])?|\d+[-/]?[A-Z]{1,5}(?:[-/]?[\dA-Z/-]*[\dA-Z])?)(?-u:\b)").unwrap(),
            age_words: vec![
                Regex::new(&format!(r"(?i)(?-u:\b)(?:i\s+am|i'm|i’m|i\s+was|aged?|(?:he|she|who)\s+(?:is|was)(?:\s+(?:now|only|already|just|maybe|about|around|barely|almost|nearly|probably|perhaps|then|still))?|he's|she's|turned)\s+({NUM_EN})(?-u:\b)")).unwrap(),
                Regex::new(&format!(r"(?i)(?-u:\b)({NUM_EN}|{UNIT_EN})[\s-]years?[\s-]old(?-u:\b)")).unwrap(),
                Regex::new(&format!(r"(?i)(?-u:\b)(?:died\s+at|passed\s+away\s+at|at\s+the\s+age\s+of|at\s+age|aged|lived\s+to(?:\s+the\s+age\s+of)?|lived\s+until)\s+({NUM_EN}|{UNIT_EN})(?-u:\b)")).unwrap(),
                // `my grandson Tural is eleven.`: a number in words ending the clause.
                Regex::new(&format!(r"(?i)(?-u:\b)(?:is|was|turns|turned)(?:\s+(?:now|then|only|already|just|nearly|almost|barely))?\s+({NUM_EN})(?:\s+(?:now|then|today|already))?\s*[.,;!?]")).unwrap(),
                // `a boy of twelve`, `a woman of sixty, a widow`; `the twins
                // are six.` (a number of a person or children, ending the
                // clause).
                Regex::new(&format!(r"(?i)(?-u:\b)(?:boy|girl|child|kid|son|daughter|man|woman|widow|widower|orphan|grandson|granddaughter|lad|lass)\s+of\s+(?:about\s+|only\s+|just\s+)?({NUM_EN}|{UNIT_EN})(?:\s*[.,;!?)]|\s+(?:when|who|and|or|at|in|from|with)(?-u:\b))")).unwrap(),
                Regex::new(&format!(r"(?i)(?-u:\b)(?:twins|kids|children|boys|girls|sons|daughters|grandchildren)\s+(?:are|were)(?:\s+(?:now|only|just|already))?\s+({NUM_EN}|{UNIT_EN})\s*(?:and\s+(?:{NUM_EN}|{UNIT_EN})\s*)?[.,;!?]")).unwrap(),
                // The speaker's age under ten (`I was six when we left`):
                // only ending the clause or before `when`, `then`, `and`
                // (`I was one of them` counts no years).
                Regex::new(&format!(r"(?i)(?-u:\b)(?:i\s+was|i\s+am|i'm|i’m)(?:\s+(?:only|just|about|barely))?\s+({UNIT_EN})(?:\s+years?(?:\s+old)?)?(?:\s*[.,;!?]|\s+(?:when|then|at\s+the\s+time|and|in)(?-u:\b))")).unwrap(),
                Regex::new(&format!(r"(?i)(?:в\s+возрасте|умер\p{{L}}*\s+в)\s+({NUM_RU})")).unwrap(),
                Regex::new(&format!(r"(?i)в\s+возрасте\s+({UNIT_RU})")).unwrap(),
                Regex::new(&format!(r"(?i)({NUM_RU})\s+(?:лет|года|год)")).unwrap(),
                // `Её мужу пятьдесят два.`, `Сыну двадцать`: an age without
                // `лет`, after a person in the dative, ending the clause.
                Regex::new(&format!(r"(?i)(?:мне|ему|ей|мужу|жене|сыну|дочери|дочке|брату|сестре|маме|матери|отцу|папе|бабушке|дедушке|внуку|внучке|свекрови|тёте|тете|дяде|ребёнку|ребенку|старшему|младшему|старшей|младшей)(?:\s+(?-i:\p{{Lu}})\p{{Ll}}+)?\s+(?:(?:уже|было|будет|сейчас|тогда|только|всего|почти|за|под|ещё|еще)\s+){{0,2}}(?:(?:лет|года|годика)\s+)?({NUM_RU}|{UNIT_RU})(?:\s+(?:лет|года|год))?\s*(?:[.,;!?]|$)")).unwrap(),
                Regex::new(&format!(r"(?i)({NUM_AZ}|{UNIT_AZ})\s+yaş\p{{L}}*")).unwrap(),
            ],
            age_unit_after_name: Regex::new(&format!(r"(?i)\s(?:is|was|turns|turned)\s+({UNIT_EN})(?:\s+(?:now|then|today|already))?\s*[.,;!?]")).unwrap(),
            age_dative: Regex::new(r"(?:[Мм]не|[Ее]му|[Ее]й|[Мм]ужу|[Жж]ене|[Сс]ыну|[Дд]очери|[Дд]очке|[Бб]рату|[Сс]естре|[Мм]аме|[Мм]атери|[Оо]тцу|[Пп]апе|[Бб]абушке|[Дд]едушке|[Вв]нуку|[Вв]нучке)\s+(?:(?:уже|было|будет|сейчас|тогда|только|всего|почти|ещё|еще)\s+){0,2}(?:(?:лет|года|годика)\s+)?(\d{1,3})\s*(?:[.,;!?)]|$)").unwrap(),
            // After a name in the dative (checked in code): `Эльнуру сейчас
            // сорок два.`, `Лейле исполнилось 17 лет`.
            age_after_adverb: Regex::new(&format!(r"(?:уже|сейчас|тогда|было|будет|исполнилось|исполнится)\s+(?:(?:лет|года|годика)\s+)?(\d{{1,3}}|(?i:{NUM_RU}|{UNIT_RU}))(?:\s+(?:лет|года|год))?\s*(?:[.,;!?)]|$)")).unwrap(),
            age_years_clause: Regex::new(&format!(r"(\d{{1,3}}|(?i:{NUM_RU}|{UNIT_RU}))\s+(?:лет|года|год)\s*(?:[.,;!?)]|$)")).unwrap(),
            birth_year_words: vec![
                Regex::new(r"(?i)(?-u:\b)(?:born|b\.)\s+in\s+((?:nineteen|twenty|two\s+thousand)(?:[\s-]+(?:and|hundred|oh|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?-u:\b)){1,3})").unwrap(),
                Regex::new(r"(?i)(?:родил\p{L}*|рождения)\s+в\s+(тысяча\s+девятьсот(?:\s+\p{L}+){1,2})\s+год").unwrap(),
                Regex::new(r"(?i)(min\s+doqquz\s+yüz(?:\s+\p{L}+){1,2})\s+il(?:də|de|i)").unwrap(),
                // In words, the century left out: `родилась в Шуше, в
                // пятьдесят девятом году`.
                Regex::new(r"(?i)родил\p{L}*[^.\n\d]{0,40}?\sв\s+((?:тысяча\s+девятьсот\s+)?(?:двадцат|тридцат|сороков|сорок|пятидесят|пятьдесят|шестидесят|шестьдесят|семидесят|семьдесят|восьмидесят|восемьдесят|девяност|девяносто)\p{L}*(?:\s+\p{L}+(?:ом|ем))?)\s+году").unwrap(),
            ],
            // Numbers spelled out in a run (a phone number when they make
            // seven digits or more: `oh five five, three two one, forty
            // five, sixty seven`); the digits are counted by `spelled_digits`.
            spelled_digits: aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(with_capitals(
                    &[
                        SPELLED_DIGITS,
                        SPELLED_TEENS,
                        SPELLED_TENS,
                        SPELLED_HUNDREDS_RU,
                        &["hundred", "yüz", "double", "triple"],
                    ]
                    .concat(),
                ))
                .expect("spelled numbers compile"),
            number_words: aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                // `sixteen`, not the `six` in it.
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(with_capitals(NUMBER_WORDS))
                .expect("number words compile"),
            number_later: Regex::new(r"(?i)(?:(?-u:\b)(?:number|no\.?|nr\.?|nömrə)|номер|[№#])[ \t]*\d{1,4}(?-u:\b)").unwrap(),
            institution_words: aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(with_capitals(INSTITUTION_WORDS))
                .expect("institution words compile"),
            code_words: aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(with_capitals(&[
                    "number", "code", "reference", "ref.", "nömrə", "nomre", "kod", "номер", "код",
                    "skype", "telegram", "instagram", "insta", "viber", "whatsapp", "tiktok",
                    "twitter", "facebook", "fb", "vk", "signal", "snapchat", "username",
                    "user name", "login", "nick", "ник", "логин", "скайп", "телеграм",
                    "инстаграм", "вайбер", "badge", "dog tag", "personnel", "membership", "жетон",
                ]))
                .expect("code words compile"),
            birth_words: aho_corasick::AhoCorasick::builder()
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(with_capitals(&[
                    "anadan", "doğul", "born", "родил", "doğum", "анадан", "დაბად", "დავიბადე", "დაიბადა",
                    "ծնվ", "ծննդ",
                ]))
                .expect("birth words compile"),
            ordinal_words: aho_corasick::AhoCorasick::builder()
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(with_capitals(ORDINAL_WORDS))
                .expect("ordinal words compile"),
            address: vec![
                Regex::new(r"(?i)(?:(?-i:\p{Lu})[\p{L}-]+\s+){1,3}(?:street|st\.|str\.|avenue|ave\.?|boulevard|blvd\.?|lane|küçəsi|küç\.|küçə|prospekti|pr\.|road)\s*,?\s*(?:(?:house|building|bldg\.?|no\.?|#|ev)\s*)?\d{1,4}[a-z]?(?:[-/]\d{1,4}(?-u:\b))?(?:\s*,?\s*(?:apt\.?|apartment|flat|kv\.?|mənzil|menzil|mən\.|m\.)\s*\d{1,4})?").unwrap(),
                // `12 Lenin Street`, `1696 Bergen Blvd`, `317 S Detroit Ave`,
                // `90 W 44th St` (the abbreviation's dot left to the sentence).
                Regex::new(r"(?i)(?-u:\b)\d{1,5}[a-z]?,?\s+(?-i:(?:[NSEW]\.?\s+)?)(?:(?:(?-i:\p{Lu})[\p{L}-]+|\d{1,3}(?:st|nd|rd|th))\s+){1,3}(?:street|st|avenue|ave|road|rd|boulevard|blvd|drive|dr|lane|ln|highway|hwy|parkway|pkwy)(?-u:\b)").unwrap(),
                Regex::new(r"(?i)(?:ул\.|улиц[аеуы]|пр\.|проспект[аеу]?|пер\.|переул(?:ок|ке)|бульвар[ае]?)\s+(?-i:\p{Lu})[\p{L}-]+(?:\s+(?-i:\p{Lu})[\p{L}-]+)?,?\s*(?:д\.|дом)?\s*\d{1,4}(?:[-/]\d{1,4}(?-u:\b)|\s*,?\s*(?:кв\.|квартира)\s*\d{1,4})?").unwrap(),
                // A numbered street and its house (`street 14, house 37`,
                // `улице 14, номер 37`, `14-cü küçə, ev 37`), as in the new
                // settlements built for displaced families.
                Regex::new(r"(?:(?i:street|st\.|lane)|[Уу]лиц[аеуы]|[Уу]л\.|[Kk]üçə)\s*(?:№|#|(?i:no)\.?)?\s*\d{1,3},?\s*(?:(?i:house|home|building|no\.?|number)|[Дд]ом|д\.|[Нн]омер|[Ee]v|№|#)\s*\d{1,4}(?-u:\b)").unwrap(),
                Regex::new(r"\d{1,3}(?:-?(?:c[iıuü]|[iıuü]nc[iıuü])|-?(?:th|st|nd|rd)|-?(?:я|й|ая))?\s+(?:(?i:street|lane)|[Kk]üçə|[Уу]лиц[аеуы]),?\s*(?:(?i:house|home|building|no\.?|number)|[Дд]ом|д\.|[Нн]омер|[Ee]v|№|#)\s*\d{1,4}(?-u:\b)").unwrap(),
                Regex::new(r"(?i)(?:(?-u:\b)(?:apartment|apt\.?|flat|room|rm\.|cottage|kv\.|mən\.|stall|kiosk|booth)|кв\.)\s*(?:#|№|n[°º]|no\.?|number|nr\.?)?\s*\d{1,4}(?:-?[a-z])?(?-u:\b)").unwrap(),
                // A place named by its kilometre on a road or a railway, as
                // camps and settlements of the displaced were (`the camp at
                // Kilometre 17`, `the 8th kilometre`, `8-ci kilometr`, `на
                // 12-м километре`); not a distance (`17 kilometres`).
                Regex::new(r"(?:(?-u:\b)(?:Kilomet(?:re|er)|KILOMET(?:RE|ER)|Kilometr)|Километр\p{L}*)[ \t\u{a0}]+\d{1,3}(?-u:\b)|(?-u:\b)\d{1,3}[ \t]*-?[ \t]*(?:c[iıuü]|th|st|nd|rd|й|м|го|ом)[ \t\u{a0}]+(?:[Kk]ilomet(?:re|er)(?-u:\b)|[Kk]ilometr\p{L}*|[Кк]илометр\p{L}*)").unwrap(),
                // A post-office box (`P.O. Box 1145`, `а/я 27`).
                Regex::new(r"(?i)(?-u:\b)p\.?\s?o\.?\s?box\s*\d{1,6}(?-u:\b)|а/я\s*\d{1,6}|абонентский\s+ящик\s+(?:№\s*)?\d{1,6}|poçt\s+qutusu\s+(?:№\s*)?\d{1,6}").unwrap(),
                // A numbered micro-district or quarter of a city, where the
                // displaced were housed in blocks (`9-cu mikrorayon`,
                // `мкр. 3`, `8-й микрорайон`, `17-ci məhəllə`).
                Regex::new(r"(?-u:\b)\d{1,3}\s*-?\s*(?:c[iıuü]|[iıuü]nc[iıuü]|й|я|ый|ий|м|ом|го|th|st|nd|rd)?\s+(?:[Mm]ikrorayon|[Mm]əhəllə|[Kk]vartal|[Мм]икрорайон|[Кк]вартал|[Mm]icrodistrict|[Mm]icro-district|(?i:mkr)(?-u:\b)\.?)\p{L}*|(?:[Mm]ikrorayon|[Мм]икрорайон|мкр\.|[Mm]icrodistrict|[Mm]icro-district|(?i:mkr)(?-u:\b)\.?)\s*(?:№|#|N)?\s*\d{1,3}(?-u:\b)").unwrap(),
            ],
            // A family's unit in a building, a collective centre or a camp:
            // `квартире 12`, `комната 5`, `otaq 7`, `доме 14`. Not in the
            // set of digit detectors: Cyrillic matched in any case there
            // makes the whole set fall back to its slowest engine.
            unit_number: Regex::new(r"(?:[Кк]вартир[аеуы]?|[Кк]в\.|[Кк]омнат[аеуы]?|[Дд]ом[еау]?|д\.|[Ee]v|otaq|otağı|otaqda|mənzil|mənzili|mənzildə|bina|korpus|(?i:menzil|bina|korpus|otaq)|MƏNZİL|BİNA|[Мм]әнзил|ოთახი|ოთახში|ბინა|ბინაში|სახლი|სახლში|კორპუსი|კორპუსში|սենյակ|սենյակում|շենք|շենքում|բնակարան|բնակարանում)\s*(?:№\s*)?\d{1,4}").unwrap(),
            // A Soviet passport: a Roman series, two letters, six digits
            // (`II-ЖГ 345678`, `IV-AZ № 123456`). Outside the set of digit
            // detectors (Cyrillic there slows the set); run where a Roman
            // series can be.
            soviet_passport: Regex::new(r"(?-u:\b)[IVXLC]{1,4}-[А-ЯЁA-Z]{2}\s?(?:(?:№|No\.?|N)\s?)?\d{6}(?-u:\b)").unwrap(),
            plate_after_word: Regex::new(r"(?i)(?:(?-u:\b)(?:number plates?|plates?|registration(?: number)?|reg\. no\.?)|госномер\p{L}*|номерн\p{L}*\s+знак\p{L}*|nişan\p{L}*)[ \t:]*(?:(?:no\.?|number|#|№)[ \t]*)?((?-i:[A-ZА-ЯЁ]{0,3})[- ]?\d{2,4}(?:[- ]?(?-i:[A-ZА-ЯЁ]{1,3}))?(?:[- ]?\d{2,3})?)(?-u:\b)").unwrap(),
            age_reached_ru: Regex::new(&format!(r"[Ии]сполн(?:илось|ится|ился|илась|яется)\s+(?:(?:уже|только|ровно|бы)\s+)?(\d{{1,3}}(?-u:\b)|{NUM_RU}|{UNIT_RU})")).unwrap(),
            date_words_en: Regex::new(&format!(r"(?i)(?-u:\b)(?:(?:the\s+)?{ORD}\s+of\s+{EN_MONTHS}|{EN_MONTHS}\s+the\s+{ORD})(?-u:\b)(?:,?\s+(?:(?:nineteen|in)\s+)?{NUM_EN}(?-u:\b))?", ORD = ORDINALS_EN, EN_MONTHS = EN_MONTHS)).unwrap(),
            date_words_ru: Regex::new(&format!(r"(?i)(?:(?:двадцать|тридцать)\s+)?(?:перв|втор|трет|четв[её]рт|пят|шест|седьм|восьм|девят|десят|одиннадцат|двенадцат|тринадцат|четырнадцат|пятнадцат|шестнадцат|семнадцат|восемнадцат|девятнадцат|двадцат|тридцат)(?:ого|ьего|ое|ье)\s+(?:{RU_MONTHS_GENITIVE})(?:\s+(?:(?:тысяча|девятьсот|две|тысячи|двадцать|тридцать|сорок|пятьдесят|шестьдесят|семьдесят|восемьдесят|девяносто)\s+){{0,4}}\p{{L}}+ого\s+года)?")).unwrap(),
            unit_letter: Regex::new(r"(?i)(?:block|blok|корпус[ае]?)\s+(?-i:\p{Lu})(?:-?\d{1,3})?").unwrap(),
            house_slash: Regex::new(r"(\p{Lu}\p{Ll}+(?:-\p{Lu}?\p{Ll}+)?)\s(\d{1,3}\p{Ll}?/\d{1,3}\p{Ll}?)$").unwrap(),
        }
    })
}

/// Whether a word for an institution starts a word somewhere in `text` (not
/// `tent` inside `content`, `intent`: their regexes are not worth running).
fn institution_word(p: &Patterns, text: &str) -> bool {
    p.institution_words
        .find_iter(text)
        .any(|m| !text[..m.start()].ends_with(char::is_alphabetic))
}

/// Each word, and each with a capital first letter and in capitals (the
/// search ignores ASCII case only; Cyrillic and Azerbaijani letters differ).
fn with_capitals(words: &[&str]) -> Vec<String> {
    words
        .iter()
        .flat_map(|w| {
            let mut c = w.chars();
            let first: String = c
                .next()
                .map(|f| f.to_uppercase().collect())
                .unwrap_or_default();
            [w.to_string(), first + c.as_str(), w.to_uppercase()]
        })
        .collect()
}

/// Whether `rest`, after a number, begins with a unit of time or a count of
/// people (`2 года`, `3 months`, `5 il`, `10 families`).
fn duration_after(rest: &str) -> bool {
    let word: String = rest
        .trim_start_matches([' ', '\t', '\u{a0}'])
        .chars()
        .take_while(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    const UNITS: &[&str] = &[
        "year",
        "month",
        "week",
        "day",
        "hour",
        "people",
        "famil",
        "person",
        "лет",
        "год",
        "месяц",
        "недел",
        "дн",
        "час",
        "человек",
        "семе",
        "семь",
        "il",
        "ay",
        "gün",
        "həftə",
        "saat",
        "nəfər",
        "ailə",
    ];
    !word.is_empty()
        && UNITS.iter().any(|u| {
            if u.chars().count() <= 3 {
                word.starts_with(u) && word.chars().count() <= 5
            } else {
                word.starts_with(u)
            }
        })
}

fn push_hit(out: &mut Vec<Hit>, start: usize, end: usize, kind: Kind) {
    out.push(Hit { start, end, kind });
}

/// The value of an age written in words (English, Russian, Azerbaijani).
fn number_words(s: &str) -> Option<u32> {
    const TENS: &[(&str, u32)] = &[
        ("twenty", 20),
        ("thirty", 30),
        ("forty", 40),
        ("fifty", 50),
        ("sixty", 60),
        ("seventy", 70),
        ("eighty", 80),
        ("ninety", 90),
        ("hundred", 100),
        ("двадцат", 20),
        ("тридцат", 30),
        ("сорок", 40),
        ("пятьдесят", 50),
        ("пятидесят", 50),
        ("шестьдесят", 60),
        ("шестидесят", 60),
        ("семьдесят", 70),
        ("семидесят", 70),
        ("восемьдесят", 80),
        ("восьмидесят", 80),
        ("девяност", 90),
        ("iyirmi", 20),
        ("otuz", 30),
        ("qırx", 40),
        ("qirx", 40),
        ("əlli", 50),
        ("elli", 50),
        ("altmış", 60),
        ("altmis", 60),
        ("yetmiş", 70),
        ("yetmis", 70),
        ("səksən", 80),
        ("seksen", 80),
        ("doxsan", 90),
        ("ten", 10),
        ("eleven", 11),
        ("twelve", 12),
        ("thirteen", 13),
        ("fourteen", 14),
        ("fifteen", 15),
        ("sixteen", 16),
        ("seventeen", 17),
        ("eighteen", 18),
        ("nineteen", 19),
        ("десят", 10),
        ("одиннадцат", 11),
        ("двенадцат", 12),
        ("тринадцат", 13),
        ("четырнадцат", 14),
        ("пятнадцат", 15),
        ("шестнадцат", 16),
        ("семнадцат", 17),
        ("восемнадцат", 18),
        ("девятнадцат", 19),
        ("on", 10),
    ];
    const UNITS: &[(&str, u32)] = &[
        ("one", 1),
        ("two", 2),
        ("three", 3),
        ("four", 4),
        ("five", 5),
        ("six", 6),
        ("seven", 7),
        ("eight", 8),
        ("nine", 9),
        ("один", 1),
        ("одного", 1),
        ("два", 2),
        ("двух", 2),
        ("три", 3),
        ("трёх", 3),
        ("трех", 3),
        ("четыр", 4),
        ("пят", 5),
        ("шест", 6),
        ("сем", 7),
        ("восем", 8),
        ("восьм", 8),
        ("девят", 9),
        ("bir", 1),
        ("iki", 2),
        ("üç", 3),
        ("uc", 3),
        ("dörd", 4),
        ("dord", 4),
        ("beş", 5),
        ("bes", 5),
        ("altı", 6),
        ("alti", 6),
        ("yeddi", 7),
        ("səkkiz", 8),
        ("sekkiz", 8),
        ("doqquz", 9),
    ];
    let lower = s.to_lowercase();
    let mut words = lower
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty());
    let first = words.next()?;
    // (`on` is ten in Azerbaijani, and the start of `one`.)
    let tens = TENS
        .iter()
        .filter(|(t, _)| first.starts_with(t) && (*t != "on" || first == "on"))
        .max_by_key(|(t, _)| t.len());
    let Some(&(_, mut value)) = tens else {
        // A unit alone: `seven years old`, `семи лет`, `beş yaşında`.
        return UNITS
            .iter()
            .find(|(w, _)| first.starts_with(w))
            .map(|&(_, u)| u);
    };
    if let Some(unit) = words.next_back()
        && let Some((_, u)) = UNITS.iter().find(|(w, _)| unit.starts_with(w))
        && value >= 10
    {
        value += u;
    }
    Some(value)
}

fn digits(s: &str) -> usize {
    s.chars().filter(char::is_ascii_digit).count()
}

/// Every detector hit in `text` (possibly overlapping; the caller resolves).
///
/// Word boundaries are ASCII (`(?-u:\b)`): they stand next to digits and
/// Latin keywords, and keep the regex engine on its fast DFA path on
/// Cyrillic, Armenian and Georgian text.
pub fn detect(text: &str) -> Vec<Hit> {
    let p = patterns();
    let mut out = Vec::new();
    for m in p.email.find_iter(text) {
        push_hit(&mut out, m.start(), m.end(), Kind::Email);
    }
    for m in p.url.find_iter(text) {
        push_hit(&mut out, m.start(), m.end(), Kind::Url);
    }
    if ["ерии", "ерия", "eriya", "eries"]
        .iter()
        .any(|w| text.contains(w))
    {
        for c in p.passport_series.captures_iter(text) {
            let m = c.get(1).expect("group");
            push_hit(&mut out, m.start(), m.end(), Kind::Id);
        }
    }
    let code_words = p.code_words.is_match(text);
    if code_words {
        for c in p.number_after_word.captures_iter(text) {
            let m = c
                .get(1)
                .or_else(|| c.get(2))
                .or_else(|| c.get(3))
                .expect("group");
            push_hit(&mut out, m.start(), m.end(), Kind::Id);
        }
    }
    if ["(at)", "[at]", "{at}", " @ ", "(AT)", "[AT]"]
        .iter()
        .any(|w| text.contains(w))
    {
        for m in p.email_bracketed.find_iter(text) {
            push_hit(&mut out, m.start(), m.end(), Kind::Email);
        }
    }
    let lower_dot = ["dot)", "dot]", " dot ", "DOT", "Dot", "точка"];
    if lower_dot.iter().any(|d| text.contains(d)) {
        for m in p.email_spelled.find_iter(text) {
            push_hit(&mut out, m.start(), m.end(), Kind::Email);
        }
    }
    if code_words
        && (memchr::memchr(b':', text.as_bytes()).is_some()
            || memchr::memchr(b'_', text.as_bytes()).is_some()
            || text.contains(" - ")
            || text.contains('–'))
    {
        for c in p.handle_named.captures_iter(text) {
            let m = c.get(2).expect("group");
            // After a space alone, only a name no word is: with an
            // underscore or a digit, or Skype's `live:` (`skype
            // live:ramil_1982`, `telegram aysel_m`; not `on Telegram
            // today`).
            let spaced = c.get(1).is_some_and(|g| g.as_str().trim().is_empty());
            let handle_shaped = m.as_str().starts_with("live:")
                || m.as_str()
                    .contains(|ch: char| ch == '_' || ch.is_ascii_digit());
            if !spaced || handle_shaped {
                push_hit(&mut out, m.start(), m.end(), Kind::Id);
            }
        }
    }
    if text.contains('@') {
        for m in p.handle.find_iter(text) {
            let after_word = text[..m.start()]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
            let handle = m.as_str().trim_end_matches('.');
            if !after_word {
                push_hit(&mut out, m.start(), m.start() + handle.len(), Kind::Id);
            }
        }
    }
    // Numbers in words: only texts with such words at all.
    // Whole words only (`one`, not the `one` of `someone`).
    let bytes = text.as_bytes();
    // (Counted up to three: the most any check below asks.)
    let spelled = p
        .number_words
        .find_iter(text)
        .filter(|m| {
            let before = m.start() == 0 || !bytes[m.start() - 1].is_ascii_alphabetic();
            let after = m.end() >= bytes.len() || !bytes[m.end()].is_ascii_alphabetic();
            before && after
        })
        .take(3)
        .count();
    // (`on` is no number word in the set, being English too: `on yaşım
    // var idi`, I was ten, is found where `yaş` is.)
    let ten_az = spelled == 0 && text.contains("yaş");
    for r in p.age_words.iter().filter(|_| spelled > 0 || ten_az) {
        for c in r.captures_iter(text) {
            let num = c.get(1).expect("group");
            // (Whole words: `ей`, not the end of `музей`.)
            if text[..c.get(0).expect("match").start()].ends_with(char::is_alphabetic) {
                continue;
            }
            // `умер в девяносто пятом`: a year in words (an ordinal after
            // the tens), not an age.
            let rest = &text[num.end()..];
            let ordinal = rest.strip_prefix(' ').and_then(|r| {
                let w = r.split(|c: char| !c.is_alphabetic()).next()?;
                let lower = w.to_lowercase();
                ((lower.starts_with("перв") || ORDINAL_WORDS.iter().any(|s| lower.starts_with(s)))
                    && ["ом", "ем", "ого", "ой", "ый", "ий"]
                        .iter()
                        .any(|e| lower.ends_with(e)))
                .then_some(w.len() + 1)
            });
            if let Some(len) = ordinal {
                push_hit(&mut out, num.start(), num.end() + len, Kind::Date);
            } else if let Some(age) = number_words(num.as_str()) {
                push_hit(&mut out, num.start(), num.end(), Kind::Age(age / 10 * 10));
            }
        }
    }
    // Under ten, only after a person's name, `he`/`she` or kin: `It was
    // one.` and `That was two.` count things.
    for c in p
        .age_unit_after_name
        .captures_iter(text)
        .filter(|_| spelled > 0)
    {
        let num = c.get(1).expect("group");
        // (Past the comma of an apposition: `the small one, Ilaha, is seven`.)
        let before = text[..c.get(0).expect("match").start()].trim_end_matches([',', ' ']);
        let word = before
            .rsplit(|ch: char| !ch.is_alphabetic())
            .next()
            .unwrap_or("")
            .to_lowercase();
        let pronoun = matches!(word.as_str(), "he" | "she");
        let not_a_name = matches!(
            word.as_str(),
            "it" | "this"
                | "that"
                | "there"
                | "here"
                | "which"
                | "what"
                | "who"
                | "all"
                | "one"
                | "each"
                | "everything"
                | "nothing"
                | "time"
                | "score"
                | "result"
                | "total"
        );
        if (pronoun || (!not_a_name && person_before(before, true)))
            && let Some(age) = number_words(num.as_str())
        {
            push_hit(&mut out, num.start(), num.end(), Kind::Age(age / 10 * 10));
        }
    }
    // Which scripts the text has, by their UTF-8 lead bytes (one fast scan
    // each): Cyrillic (0xD0), Armenian (0xD5), Georgian (0xE1, with other
    // letters of U+1000–U+1FFF).
    let bytes = text.as_bytes();
    let (cyrillic, armenian, georgian) = (
        memchr::memchr(0xD0, bytes).is_some(),
        memchr::memchr(0xD5, bytes).is_some(),
        memchr::memchr(0xE1, bytes).is_some(),
    );
    if cyrillic {
        // (After an adverb, or right after the name: `Ване семь лет.`; not
        // a place after its preposition, `В Баку семь лет.`)
        let adverb = p.age_after_adverb.captures_iter(text).map(|c| (c, true));
        let years = p.age_years_clause.captures_iter(text).map(|c| (c, false));
        for (c, after_adverb) in adverb.chain(years) {
            let num = c.get(1).expect("group");
            let at = if after_adverb {
                c.get(0).expect("match").start()
            } else {
                num.start()
            };
            let mut before = text[..at].trim_end();
            // (Over an adverb between the name and the number: `Ашоту
            // тогда было сорок`.)
            for _ in 0..2 {
                let last = before
                    .rsplit(|c: char| !c.is_alphabetic())
                    .next()
                    .unwrap_or("");
                if !matches!(
                    last,
                    "тогда"
                        | "уже"
                        | "ещё"
                        | "еще"
                        | "сейчас"
                        | "только"
                        | "было"
                        | "будет"
                ) {
                    break;
                }
                before = before[..before.len() - last.len()].trim_end();
            }
            let name = before
                .rsplit(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or("");
            let preposition = before[..before.len() - name.len()]
                .trim_end()
                .rsplit(|c: char| !c.is_alphabetic())
                .next()
                .is_some_and(|w| {
                    matches!(
                        w.to_lowercase().as_str(),
                        "в" | "во" | "на" | "из" | "к" | "ко" | "по" | "у" | "о" | "об" | "при"
                    )
                });
            let dative_name = name.chars().count() >= 3
                && name
                    .chars()
                    .next()
                    .is_some_and(|f| ('А'..='Я').contains(&f))
                && name.ends_with(['у', 'ю', 'е', 'и'])
                && before.len() < text[..at].len()
                && !preposition;
            let age = num
                .as_str()
                .parse::<u32>()
                .ok()
                .or_else(|| number_words(num.as_str()));
            if dative_name
                && let Some(age) = age
                && age <= 120
            {
                push_hit(&mut out, num.start(), num.end(), Kind::Age(age / 10 * 10));
            }
        }
        for c in p.age_dative.captures_iter(text) {
            let num = c.get(1).expect("group");
            // (A whole word: `ей`, not the end of `музей`.)
            if text[..c.get(0).expect("match").start()].ends_with(char::is_alphabetic) {
                continue;
            }
            if let Ok(age) = num.as_str().parse::<u32>()
                && age <= 120
            {
                push_hit(&mut out, num.start(), num.end(), Kind::Age(age / 10 * 10));
            }
        }
    }
    // Ages in Georgian and Armenian (`58 წლის`, `64 տարեկան`), not a span
    // of years (`20 წლის წინ`, twenty years ago; `…განმავლობაში`, during).
    for (word, not_after, here) in [
        ("წლის", &["წინ", "განმავლობაში", "შემდეგ"][..], georgian),
        ("տարեկան", &[][..], armenian),
    ] {
        if !here {
            continue;
        }
        for (at, _) in text.match_indices(word) {
            let before = text[..at].trim_end_matches([' ', '\u{a0}']);
            if before.len() == text[..at].len() {
                continue;
            }
            let digits = before.len() - before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
            let num_start = before.len() - digits;
            let after = text[at + word.len()..].trim_start();
            // In Georgian words (`ოცდათხუთმეტი წლის`, thirty-five years old).
            if digits == 0 && word == "წლის" && !not_after.iter().any(|w| after.starts_with(w))
            {
                let start = before
                    .char_indices()
                    .rev()
                    .take_while(|(_, c)| ('ა'..='ჰ').contains(c))
                    .last()
                    .map_or(before.len(), |(i, _)| i);
                if let Some(age) = georgian_number(&before[start..])
                    && (1..=120).contains(&age)
                {
                    push_hit(&mut out, start, before.len(), Kind::Age(age / 10 * 10));
                }
                continue;
            }
            if !(1..=3).contains(&digits)
                || text[..num_start].ends_with(|c: char| c.is_alphanumeric())
                || not_after.iter().any(|w| after.starts_with(w))
            {
                continue;
            }
            if let Ok(age) = before[num_start..].parse::<u32>()
                && age <= 120
            {
                push_hit(&mut out, num_start, before.len(), Kind::Age(age / 10 * 10));
            }
        }
    }
    if spelled > 0 {
        // An age in words between commas after a name (`Ramin, seventeen,`):
        // from each number word found, not a scan of every comma.
        for m in p.number_words.find_iter(text) {
            let Some(before) = text[..m.start()].strip_suffix(", ") else {
                continue;
            };
            // `forty-two`, `forty two`: the unit after the tens word.
            let end = text[m.end()..]
                .find(", ")
                .filter(|&n| n <= 8)
                .map(|n| m.end() + n);
            if let Some(end) = end
                && let Some(age) = number_words(&text[m.start()..end])
                // (Not a unit alone: `In Baku, two, three families`.)
                && (10..=120).contains(&age)
                && person_before(before, true)
            {
                push_hit(&mut out, m.start(), end, Kind::Age(age / 10 * 10));
            }
        }
    }
    for r in p.birth_year_words.iter().filter(|_| spelled > 0) {
        for c in r.captures_iter(text) {
            let y = c.get(1).expect("group");
            push_hit(&mut out, y.start(), y.end(), Kind::Date);
        }
    }
    if spelled >= 3 {
        for (start, end) in spelled_runs(&p.spelled_digits, text) {
            if spelled_digits(&text[start..end]) >= 7 {
                push_hit(&mut out, start, end, Kind::Phone);
            }
        }
    }
    let institution = institution_word(p, text);
    if institution && text.contains(['"', '«', '“', '„', '\'', '‘']) {
        for r in &p.named_institution {
            for m in r.find_iter(text) {
                push_hit(&mut out, m.start(), m.end(), Kind::Place);
            }
        }
    }
    // (Only where a numbering word or sign is: most texts have none.)
    let numbering = || {
        [
            "number",
            "Number",
            "NUMBER",
            "номер",
            "Номер",
            "nömrəli",
            "saylı",
            "№",
            "#",
            "No.",
            "no.",
        ]
        .iter()
        .any(|w| text.contains(w))
    };
    if institution && numbering() {
        for m in p.spelled_institution.find_iter(text) {
            if !text[..m.start()]
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic)
                && !text[m.end()..].starts_with(char::is_alphabetic)
            {
                push_hit(&mut out, m.start(), m.end(), Kind::Place);
            }
        }
    }
    if institution && p.ordinal_words.is_match(text) {
        for m in p.ordinal_institution.find_iter(text) {
            // A whole word (`опять школу`, again school, has `пять` in it);
            // checked here, so that the pattern begins with its words and
            // is found fast.
            if !text[..m.start()]
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic)
            {
                push_hit(&mut out, m.start(), m.end(), Kind::Place);
            }
        }
    }
    if [
        "plate",
        "Plate",
        "PLATE",
        "registration",
        "Registration",
        "reg. no",
        "госномер",
        "номерн",
        "nişan",
    ]
    .iter()
    .any(|w| text.contains(w))
    {
        for c in p.plate_after_word.captures_iter(text) {
            let m = c.get(1).expect("group");
            let plate = m.as_str().trim_end_matches([' ', '-']);
            if plate.bytes().filter(u8::is_ascii_digit).count() >= 2 {
                push_hit(&mut out, m.start(), m.start() + plate.len(), Kind::Id);
            }
        }
    }
    if text.contains("сполн") {
        for c in p.age_reached_ru.captures_iter(text) {
            let num = c.get(1).expect("group");
            let age = num
                .as_str()
                .parse::<u32>()
                .ok()
                .or_else(|| number_words(num.as_str()));
            // (A whole number: not the `2` of `2-й класс`.)
            if let Some(age) = age.filter(|a| *a <= 120)
                && !text[num.end()..].starts_with(|c: char| c.is_alphanumeric() || c == '-')
            {
                push_hit(&mut out, num.start(), num.end(), Kind::Age(age / 10 * 10));
            }
        }
    }
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    if MONTHS.iter().any(|m| text.contains(m)) {
        for m in p.date_words_en.find_iter(text) {
            push_hit(&mut out, m.start(), m.end(), Kind::Date);
        }
    }
    if !text.is_ascii() && RU_MONTHS_GENITIVE.split('|').any(|m| text.contains(m)) {
        for m in p.date_words_ru.find_iter(text) {
            if !text[..m.start()].ends_with(char::is_alphabetic) {
                push_hit(&mut out, m.start(), m.end(), Kind::Date);
            }
        }
    }
    if ["I-", "V-", "X-"].iter().any(|s| text.contains(s)) {
        for m in p.soviet_passport.find_iter(text) {
            push_hit(&mut out, m.start(), m.end(), Kind::Id);
        }
    }
    for m in p
        .unit_letter
        .find_iter(text)
        .chain(p.unit_number.find_iter(text))
    {
        if alone(text, m.start(), m.end(), char::is_alphanumeric) {
            push_hit(&mut out, m.start(), m.end(), Kind::Address);
        }
    }
    // Only around a slash between digits: the pattern, anchored at the
    // number's end, reads back over the street's name.
    let bytes = text.as_bytes();
    for slash in memchr::memchr_iter(b'/', bytes) {
        // A digit before it, or a house's letter after one (`3а/12`).
        let before = text[..slash].trim_end_matches(char::is_lowercase);
        if !before.ends_with(|c: char| c.is_ascii_digit())
            || slash - before.len() > 2
            || !bytes.get(slash + 1).is_some_and(u8::is_ascii_digit)
        {
            continue;
        }
        let mut end = slash + 1;
        while bytes.get(end).is_some_and(u8::is_ascii_digit) {
            end += 1;
        }
        // A letter after the flat's number (`12/4а`).
        if let Some(c) = text[end..].chars().next().filter(|c| c.is_lowercase()) {
            end += c.len_utf8();
        }
        let mut from = slash.saturating_sub(80);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        if let Some(c) = p.house_slash.captures(&text[from..end]) {
            let (word, number) = (c.get(1).expect("group"), c.get(2).expect("group"));
            let (word, number) = (
                from + word.start()..from + word.end(),
                from + number.start()..from + number.end(),
            );
            let rest = &text[number.end..];
            let whole = !text[..word.start]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
                && !rest.starts_with(|c: char| c.is_alphanumeric() || c == '/' || c == '%')
                && (!rest.starts_with(['.', ','])
                    || !rest[1..].starts_with(|c: char| c.is_ascii_digit()));
            let lower = text[word.clone()].to_lowercase();
            // (English words whole or plural; the others' stems take their
            // case endings: `статьи`, `maddəsi`.)
            let listed = HOUSE_NOT_AFTER.iter().any(|w| {
                if w.is_ascii() {
                    lower == *w || lower.strip_suffix('s') == Some(w)
                } else {
                    lower.starts_with(w)
                }
            });
            if whole && !listed {
                push_hit(&mut out, word.start, number.end, Kind::Address);
            }
        }
    }
    if text.contains(['\t', '|', ';', ',']) {
        table_columns(text, &mut out);
    }
    spaced_table(text, &mut out);
    // Every other detector needs a digit: run them only on the stretches
    // of text around digits (most of a text has none), each from the start
    // of a word to the end of one.
    for (from, to) in digit_windows(text) {
        let mut hits = detect_digits(&text[from..to]);
        for h in &mut hits {
            h.start += from;
            h.end += from;
        }
        out.extend(hits);
    }
    // No hit runs over a blank line into the next paragraph or cue (`a
    // flat⏎⏎7⏎00:00:29,500 --> …`: the cue's number is no flat's): cut
    // there, and kept only if a digit is left in it.
    out.retain_mut(|h| {
        let Some(gap) = blank_line(&text[h.start..h.end]) else {
            return true;
        };
        h.end = h.start + gap;
        text[h.start..h.end].contains(|c: char| c.is_ascii_digit())
    });
    if !text.is_ascii() {
        out.retain(|h| !(matches!(h.kind, Kind::Age(_)) && russian_duration(text, h.start, h.end)));
    }
    street_beside_address(text, &mut out);
    out
}

/// On a line with an address, a part between commas that is a street's
/// name and a house's number alone (`…, 9-cu mikrorayon, Rəşid Behbudov
/// 45, mənzil 12`): the house, though no word says street.
fn street_beside_address(text: &str, out: &mut Vec<Hit>) {
    let mut lines: Vec<(usize, usize)> = out
        .iter()
        .filter(|h| h.kind == Kind::Address)
        .map(|h| {
            let from = text[..h.start].rfind('\n').map_or(0, |i| i + 1);
            let to = text[h.end..].find('\n').map_or(text.len(), |i| h.end + i);
            (from, to)
        })
        .collect();
    lines.sort_unstable();
    lines.dedup();
    for (from, to) in lines {
        let mut at = from;
        for part in text[from..to].split(',') {
            let (start, end) = (at, at + part.len());
            at = end + 1;
            let trimmed = part.trim();
            let lead = part.len() - part.trim_start().len();
            let words: Vec<&str> = trimmed.split_whitespace().collect();
            let Some((number, name)) = words.split_last() else {
                continue;
            };
            let house =
                (1..=4).contains(&number.len()) && number.bytes().all(|b| b.is_ascii_digit());
            let street = (1..=3).contains(&name.len())
                && name.iter().all(|w| {
                    w.chars().next().is_some_and(char::is_uppercase)
                        && w.chars().skip(1).all(char::is_lowercase)
                });
            let covered = out.iter().any(|h| h.start < end && start < h.end);
            if house && street && !covered {
                let s = start + lead;
                push_hit(out, s, s + trimmed.len(), Kind::Address);
            }
        }
    }
}

/// Whether the Russian number at `start..end` counts years of time, not a
/// person's age: `тридцать лет назад`, `через двадцать лет`, `мы ждали 30
/// лет`. (Not `ему за 60`, over sixty, nor `прожила 90 лет`, died at 90.)
fn russian_duration(text: &str, start: usize, end: usize) -> bool {
    let after = text[end..].trim_start_matches([' ', '\u{a0}']);
    let Some(after) = ["лет", "года", "год"]
        .iter()
        .find_map(|u| after.strip_prefix(u))
    else {
        return false;
    };
    let next = after
        .trim_start_matches([' ', '\u{a0}'])
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("")
        .to_lowercase();
    let before = text[..start].trim_end_matches([' ', '\u{a0}']);
    let mut words = before
        .rsplit(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty());
    let last = words.next().unwrap_or("").to_lowercase();
    let touching = before.chars().next_back().is_some_and(char::is_alphabetic);
    // (A verb of time spent, by its stem: `прожили`, `проработала`,
    // `отслужил`, `прошло`.)
    const SPENT: &[&str] = &[
        "жил",
        "прожил",
        "живём",
        "живем",
        "живут",
        "ждал",
        "ждём",
        "ждем",
        "прожд",
        "работал",
        "проработал",
        "служил",
        "отслужил",
        "провел",
        "провёл",
        "длил",
        "прошл",
        "учил",
        "проучил",
        "скитал",
    ];
    // (Past an adverb between: `проработал там 30 лет`, `прожили почти
    // двадцать лет`.)
    let verb = match last.as_str() {
        "там" | "здесь" | "тут" | "уже" | "ещё" | "еще" | "почти" | "целых" | "всего" | "около"
        | "больше" | "более" => words.next().unwrap_or("").to_lowercase(),
        _ => last.clone(),
    };
    matches!(next.as_str(), "назад" | "спустя" | "тому")
        || (touching
            && (matches!(last.as_str(), "через" | "на" | "течение" | "длится")
                || SPENT.iter().any(|v| verb.starts_with(v))))
}

/// The offset of the first blank line in `s` (a line break, spaces or
/// tabs, and another line break).
fn blank_line(s: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = s[from..].find('\n') {
        let at = from + at;
        let rest = s[at + 1..].trim_start_matches([' ', '\t', '\r']);
        if rest.starts_with('\n') {
            return Some(s[..at].trim_end_matches([' ', '\t', '\r']).len());
        }
        from = at + 1;
    }
    None
}

/// What a table's column holds, by its header.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Column {
    Age,
    BirthYear,
    Village,
    Name,
}

/// A table's header for the year of birth (read in any case).
const BORN_HEADERS: &[&str] = &[
    "year of birth",
    "birth year",
    "born",
    "yob",
    "b",
    "год рождения",
    "г.р",
    "г. р",
    "doğum ili",
    "təvəllüd",
    "təvəllüdü",
    "დაბადების წელი",
    "ծննդյան տարեթիվ",
];

/// The column a header cell names (`Age`, `Возраст`, `Yaş`, `Year of
/// birth`, `Г.р.`), if an age's or a year of birth's.
fn column_of(cell: &str) -> Option<Column> {
    let head = cell
        .split('(')
        .next()
        .unwrap_or("")
        .trim()
        .trim_end_matches([':', '.'])
        .to_lowercase();
    const AGE: &[&str] = &[
        "age",
        "ages",
        "возраст",
        "лет",
        "yaş",
        "yaşı",
        "ასაკი",
        "տարիք",
    ];
    const VILLAGE: &[&str] = &[
        "village",
        "village of origin",
        "home village",
        "село",
        "деревня",
        "kənd",
        "kəndi",
        "სოფელი",
        "գյուղ",
    ];
    // (A person's name: a first name that is a word, `Rose`, `Hope`, is the
    // name in this column.)
    const NAME: &[&str] = &[
        "name",
        "full name",
        "first name",
        "given name",
        "surname",
        "last name",
        "family name",
        "имя",
        "фамилия",
        "фио",
        "ф.и.о",
        "ad",
        "adı",
        "soyad",
        "soyadı",
        "ad, soyad",
        "სახელი",
        "გვარი",
        "სახელი, გვარი",
        "անուն",
        "ազգանուն",
    ];
    if AGE.contains(&head.as_str()) {
        Some(Column::Age)
    } else if VILLAGE.contains(&head.as_str()) {
        Some(Column::Village)
    } else if NAME.contains(&head.as_str()) {
        Some(Column::Name)
    } else if BORN_HEADERS.contains(&head.as_str()) {
        Some(Column::BirthYear)
    } else {
        None
    }
}

/// Ages and years of birth in a table's column, in text (tab-separated,
/// or between bars as Markdown writes tables): a header row names the
/// column (`Name⇥Age⇥Village`, `| Code | Age |`), and the numbers under it
/// are ages or years however bare (`45`, `1978`). A row of another shape,
/// or a line that is no row, ends the table.
fn table_columns(text: &str, out: &mut Vec<Hit>) {
    let mut header: Option<(char, Vec<Option<Column>>)> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        // A CSV's `;` or `,` only on a line of short cells (a header, no
        // sentence) or under a header with that delimiter.
        let csv = |d: char| {
            (header.is_some() || body.len() <= 400)
                && body.matches(d).count() >= 2
                && (header.as_ref().is_some_and(|(h, _)| *h == d)
                    || body
                        .split(d)
                        .all(|c| c.len() <= 40 && c.split_whitespace().count() <= 4))
        };
        let delimiter = if body.contains('\t') {
            '\t'
        } else if body.matches('|').count() >= 2 {
            '|'
        } else if let Some(d) = [';', ','].into_iter().find(|&d| csv(d)) {
            d
        } else {
            header = None;
            continue;
        };
        // The cells with their byte offsets; a Markdown row's outer bars
        // open and close it.
        let mut cells: Vec<(usize, &str)> = Vec::new();
        let mut at = 0;
        for cell in body.split(delimiter) {
            cells.push((line_start + at, cell));
            at += cell.len() + delimiter.len_utf8();
        }
        if delimiter == '|' {
            if cells.first().is_some_and(|(_, c)| c.trim().is_empty()) {
                cells.remove(0);
            }
            if cells.last().is_some_and(|(_, c)| c.trim().is_empty()) {
                cells.pop();
            }
        }
        // `|---|:---:|`, the line under a Markdown header.
        if cells
            .iter()
            .all(|(_, c)| c.trim().chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
        {
            continue;
        }
        let columns: Vec<Option<Column>> = cells.iter().map(|(_, c)| column_of(c)).collect();
        // (A header's cells hold no number; its first may carry a
        // caption's: `Table 3: Respondent | Age`.)
        if columns.iter().any(Option::is_some)
            && !cells
                .iter()
                .any(|(_, c)| c.trim_start().starts_with(|ch: char| ch.is_ascii_digit()))
        {
            header = Some((delimiter, columns));
            continue;
        }
        let Some((d, columns)) = &header else {
            continue;
        };
        if *d != delimiter {
            header = None;
            continue;
        }
        for (i, (cell_start, cell)) in cells.iter().enumerate() {
            let Some(Some(column)) = columns.get(i) else {
                continue;
            };
            let lead = cell.len() - cell.trim_start().len();
            let value = cell.trim();
            // A village's name, whatever else it names (`Kəngərli`, a
            // district too): the column says what it is.
            if matches!(column, Column::Village | Column::Name) {
                if value.chars().any(char::is_alphabetic)
                    && !value.chars().any(|c| c.is_ascii_digit())
                    && value.chars().count() <= 40
                {
                    let start = cell_start + lead;
                    let kind = if *column == Column::Name {
                        Kind::Person
                    } else {
                        Kind::Place
                    };
                    push_hit(out, start, start + value.len(), kind);
                }
                continue;
            }
            let digits = value.len() - value.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            // The number, and at most a unit after it (`45 y.`, `45 лет`).
            let rest = value[digits..].trim();
            let Ok(n) = value[..digits].parse::<u32>() else {
                continue;
            };
            if rest.chars().count() > 6 || rest.chars().any(|c| c.is_ascii_digit()) {
                continue;
            }
            let start = cell_start + lead;
            match column {
                Column::Age if n <= 120 => {
                    push_hit(out, start, start + digits, Kind::Age(n / 10 * 10));
                }
                Column::BirthYear if (1900..=2030).contains(&n) && digits == 4 => {
                    push_hit(out, start, start + digits, Kind::Date);
                }
                _ => {}
            }
        }
    }
}

/// A table whose cells a PDF's text joins with spaces (`Name Relation
/// Village Age` over `Arzu daughter-in-law Qapanlı 52`): under a short
/// header line with a word for age or for the year of birth, a row's one
/// number that can be an age is the age, and its one year the year of
/// birth. A blank line, a sentence or a long line ends the table.
fn spaced_table(text: &str, out: &mut Vec<Hit>) {
    let mut columns: Option<(bool, bool)> = None;
    let mut rows = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        if body.len() <= 120
            && (2..=10).contains(&body.split_whitespace().count())
            && !body.contains(['.', ',', ';', '!', '?', '\t', '|'])
            && !body.contains(|c: char| c.is_ascii_digit())
        {
            let has = |col: Column| {
                body.split_whitespace()
                    .any(|w| w.chars().count() >= 3 && column_of(w) == Some(col))
            };
            // (A header of several words, `Year of birth`, inside the line.)
            let lower = body.to_lowercase();
            let born = has(Column::BirthYear)
                || BORN_HEADERS
                    .iter()
                    .any(|p| p.contains(' ') && lower.contains(p));
            let age = has(Column::Age);
            if age || born {
                columns = Some((age, born));
                rows = 0;
                continue;
            }
        }
        let Some((age, born)) = columns else {
            continue;
        };
        let trimmed = body.trim();
        if trimmed.is_empty()
            || trimmed.chars().count() > 100
            || trimmed.ends_with(['.', '!', '?', ':'])
            || rows >= 60
        {
            columns = None;
            continue;
        }
        rows += 1;
        let mut ages = Vec::new();
        let mut years = Vec::new();
        let mut at = 0;
        for word in body.split(' ') {
            let start = line_start + at;
            at += word.len() + 1;
            if word.is_empty() || !word.bytes().all(|b| b.is_ascii_digit()) || word.len() > 4 {
                continue;
            }
            let Ok(n) = word.parse::<u32>() else {
                continue;
            };
            if word.len() <= 3 && n <= 120 {
                ages.push((start, word.len(), n));
            } else if word.len() == 4 && (1900..=2030).contains(&n) {
                years.push((start, word.len()));
            }
        }
        if age && let [(start, len, n)] = ages[..] {
            push_hit(out, start, start + len, Kind::Age(n / 10 * 10));
        }
        if born && let [(start, len)] = years[..] {
            push_hit(out, start, start + len, Kind::Date);
        }
    }
}

/// A number written as one Georgian word, counted in twenties: `ოცი`
/// (20), `ოცდათხუთმეტი` (20 and 15), `ორმოცდაათი` (40 and 10),
/// `სამოცი`, `ოთხმოცდაცხრა`; a number under twenty alone (`თხუთმეტი`).
fn georgian_number(word: &str) -> Option<u32> {
    const UNITS: &[(&str, u32)] = &[
        ("ერთი", 1),
        ("ორი", 2),
        ("სამი", 3),
        ("ოთხი", 4),
        ("ხუთი", 5),
        ("ექვსი", 6),
        ("შვიდი", 7),
        ("რვა", 8),
        ("ცხრა", 9),
        ("ათი", 10),
        ("თერთმეტი", 11),
        ("თორმეტი", 12),
        ("ცამეტი", 13),
        ("თოთხმეტი", 14),
        ("თხუთმეტი", 15),
        ("თექვსმეტი", 16),
        ("ჩვიდმეტი", 17),
        ("თვრამეტი", 18),
        ("ცხრამეტი", 19),
    ];
    const TWENTIES: &[(&str, u32)] = &[("ოთხმოც", 80), ("სამოც", 60), ("ორმოც", 40), ("ოც", 20)];
    let unit = |w: &str| UNITS.iter().find(|(u, _)| *u == w).map(|&(_, n)| n);
    for &(stem, n) in TWENTIES {
        if let Some(rest) = word.strip_prefix(stem) {
            return match rest {
                "ი" => Some(n),
                _ => rest.strip_prefix("და").and_then(unit).map(|u| n + u),
            };
        }
    }
    unit(word)
}

/// How far a detector's match reaches from a digit (an address's street
/// words before its number, a written date's month).
const REACH: usize = 120;

/// The last `bytes` bytes of `before` (or a little fewer, on a character's
/// boundary), folded.
fn folded_tail(before: &str, bytes: usize) -> String {
    let start = before.len().saturating_sub(bytes);
    let start = (start..=before.len())
        .find(|&i| before.is_char_boundary(i))
        .unwrap_or(before.len());
    crate::fold::fold(&before[start..])
}

/// Whether a word for a telephone stands within a few words before a number
/// (`домашний 22-45-67`, `тел. 42-23-45`, `ev telefonu 42-23-45`).
fn phone_word_before(before: &str) -> bool {
    let near = folded_tail(before, 48);
    [
        "тел",
        "моб",
        "домашн",
        "рабоч",
        "звон",
        "номер",
        "phone",
        "tel",
        "call",
        "mobile",
        "home",
        "nomre",
        "telefon",
        "zeng",
        "mobil",
    ]
    .iter()
    .any(|w| near.contains(w))
}

/// Whether the word right before (its colon, `is`, `number` between) is
/// one for a phone: `landline 4972133`, `mobile: 4972133`, `ev telefonu`.
fn phone_word_right_before(before: &str) -> bool {
    let near = folded_tail(before, 40);
    // (Only spaces or a colon after the word: not `phone, in 2019 paid`.)
    if !near
        .trim_end_matches([' ', '\t', ':', '\u{a0}'])
        .ends_with(|c: char| c.is_alphabetic())
    {
        return false;
    }
    let mut words = near
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .rev();
    let mut word = words.next().unwrap_or("");
    for _ in 0..2 {
        if matches!(word, "is" | "number" | "no" | "nomresi" | "nomre" | "номер") {
            word = words.next().unwrap_or("");
        }
    }
    [
        "тел",
        "моб",
        "домашн",
        "phone",
        "tel",
        "mobile",
        "landline",
        "cell",
        "telefon",
        "mobil",
        "fax",
        "факс",
        "whatsapp",
        "viber",
    ]
    .iter()
    .any(|w| word.starts_with(w))
}

/// Whether the word before `#` or `№` in `m` names a case, a claim or a
/// file (`дело № 2231`, `case #4471`, `iş №12`).
fn numbers_a_case(word: &str) -> bool {
    matches!(
        word,
        "case"
            | "file"
            | "claim"
            | "complaint"
            | "application"
            | "appeal"
            | "ticket"
            | "дело"
            | "дела"
            | "делу"
            | "делом"
            | "деле"
            | "иск"
            | "иска"
            | "жалоба"
            | "жалобы"
            | "заявление"
            | "заявления"
            | "isi"
            | "isin"
            | "iddia"
    )
}

/// Whether the word before `#` or `№` in `m` numbers a part of a document
/// or of a study rather than a place (court cases and files stay: their
/// numbers can be looked up).
fn numbers_no_place(word: &str) -> bool {
    const DOCUMENT_WORDS: &[&str] = &[
        // English
        "interview",
        "transcript",
        "question",
        "table",
        "figure",
        "appendix",
        "annex",
        "page",
        "item",
        "session",
        "round",
        "group",
        "participant",
        "respondent",
        "informant",
        "interviewee",
        "meeting",
        "minutes",
        "note",
        "notes",
        "tape",
        "recording",
        "audio",
        "version",
        "draft",
        "issue",
        "step",
        "wave",
        "part",
        "chapter",
        "section",
        "box",
        "map",
        "photo",
        "quote",
        "excerpt",
        // Russian (stems of the cases)
        "интервью",
        "протокол",
        "протокола",
        "протоколу",
        "вопрос",
        "вопроса",
        "таблица",
        "таблицы",
        "таблице",
        "рисунок",
        "рис",
        "приложение",
        "приложения",
        "приложении",
        "страница",
        "страницы",
        "стр",
        "пункт",
        "пункта",
        "сессия",
        "сессии",
        "группа",
        "группы",
        "группе",
        "респондент",
        "респондента",
        "респонденту",
        "информант",
        "информанта",
        "участник",
        "участника",
        "запись",
        "записи",
        "встреча",
        "встречи",
        "глава",
        "главы",
        "раздел",
        "раздела",
        "часть",
        "части",
        "цитата",
        // Azerbaijani
        "musahibe",
        "musahibesi",
        "sual",
        "cedvel",
        "sekil",
        "elave",
        "sehife",
        "bend",
        "qrup",
        "respondent",
        "istirakci",
        "gorus",
        "qeyd",
        "yazi",
        "fesil",
        "bolme",
        "hisse",
        "sened",
        // Georgian and Armenian
        "ინტერვიუ",
        "რესპონდენტი",
        "հարցազրույց",
        "հարցազրույցի",
        "հարցազրույցը",
    ];
    DOCUMENT_WORDS.contains(&word)
}

/// Byte ranges around the digits of `text`, merged, on word boundaries:
/// every digit has at least [`REACH`] bytes of text on either side.
fn digit_windows(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let len = bytes.len();
    // Widened to whitespace: never inside a word, nor inside a character.
    let back = |mut at: usize| {
        while at > 0 && !bytes[at - 1].is_ascii_whitespace() {
            at -= 1;
        }
        at
    };
    let forth = |mut at: usize| {
        while at < len && !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        at
    };
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < len {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let from = back(i.saturating_sub(REACH));
        let mut to = forth((i + REACH).min(len));
        let mut j = i + 1;
        while j < to {
            if bytes[j].is_ascii_digit() {
                to = to.max(forth((j + REACH).min(len)));
            }
            j += 1;
        }
        match out.last_mut() {
            Some(last) if from <= last.1 => last.1 = last.1.max(to),
            _ => out.push((from, to)),
        }
        i = to;
    }
    out
}

/// The detectors that need a digit in the order of [`digit_set`].
/// (Built once: `detect_digits` runs per stretch of text.)
fn digit_regexes() -> &'static [&'static Regex] {
    static ALL: OnceLock<Vec<&'static Regex>> = OnceLock::new();
    ALL.get_or_init(|| {
        let p = patterns();
        p.date
            .iter()
            .chain(&p.id)
            .chain(std::iter::once(&p.phone))
            .chain(&p.age)
            .chain(&p.institution)
            .chain(&p.birth_year)
            .chain(std::iter::once(&p.mixed_id))
            .chain(&p.address)
            .collect()
    })
}

/// All digit detectors as one set: one pass over a stretch tells which of
/// them can match there at all.
fn digit_set() -> &'static regex::RegexSet {
    static SET: OnceLock<regex::RegexSet> = OnceLock::new();
    SET.get_or_init(|| {
        // A larger cache for the lazy DFA than the default: with the
        // default, one more detector made the set thrash its cache and fall
        // to the slowest engine (11 MB/s to 1.5 MB/s on the bench).
        regex::RegexSetBuilder::new(digit_regexes().iter().map(|r| r.as_str()))
            .dfa_size_limit(32 << 20)
            .build()
            .expect("the detectors compile as a set")
    })
}

/// The detectors that need a digit, over one stretch of text.
fn detect_digits(text: &str) -> Vec<Hit> {
    let p = patterns();
    let mut out = Vec::new();
    let may = digit_set().matches(text);
    let on = |r: &Regex| {
        let i = digit_regexes()
            .iter()
            .position(|x| std::ptr::eq(*x, r))
            .expect("a digit detector");
        may.matched(i)
    };
    for r in p.date.iter().filter(|r| on(r)) {
        for m in r.find_iter(text) {
            // A written month is matched with the character after it (the
            // regex has no Unicode word boundary); leave that character out,
            // and a sentence's full stop (`on 4 May.`), but not the dot of
            // `г.` (`1993 г.`).
            let kept = m.as_str().trim_end_matches(|c: char| !c.is_alphanumeric());
            let dot = kept.ends_with('г') && m.as_str()[kept.len()..].starts_with('.');
            let end = m.start() + kept.len() + usize::from(dot);
            push_hit(&mut out, m.start(), end, Kind::Date);
        }
    }
    for r in p.id.iter().filter(|r| on(r)) {
        for c in r.captures_iter(text) {
            // The number (group 1 where the pattern has one), not the
            // document word before it (`ID card [ID]`, not `ID [ID]`).
            let m = c.get(1).or_else(|| c.get(0)).expect("a match");
            push_hit(&mut out, m.start(), m.end(), Kind::Id);
        }
    }
    for m in p.phone.find_iter(text).filter(|_| on(&p.phone)) {
        // A number complete on its line (ten digits or more) ends there: the
        // next line's first figure is something else (a table's next row,
        // `+994 70 212 45 66⏎4 | …`); fewer, and the number was wrapped.
        let s = match m.as_str().split_once('\n') {
            Some((line, _)) if digits(line) >= 10 => {
                line.trim_end_matches(|c: char| !c.is_ascii_digit())
            }
            _ => m.as_str(),
        };
        let mut m = (m.start(), m.start() + s.len());
        let mut n = digits(s);
        // A national number opening with its `0` and broken at a line's end
        // (`050 123⏎45 67`, as a PDF wraps it): its groups on the next line
        // complete it to ten digits.
        if s.starts_with('0')
            && (3..10).contains(&n)
            && let Some(rest) = text[m.1..]
                .trim_start_matches([' ', '\t'])
                .strip_prefix('\n')
        {
            let next = rest.trim_start_matches([' ', '\t']);
            let run = next
                .find(|c: char| !(c.is_ascii_digit() || matches!(c, ' ' | '-' | '.')))
                .unwrap_or(next.len());
            let run = next[..run].trim_end_matches([' ', '-', '.']);
            if n + digits(run) == 10 && run.starts_with(|c: char| c.is_ascii_digit()) {
                m.1 = text.len() - next.len() + run.len();
                n = 10;
            }
        }
        let s = &text[m.0..m.1];
        // Phone numbers have 7–15 digits; a span of years (1992-1994) or a
        // count is not one.
        let looks_like_years = s
            .split(|c: char| !c.is_ascii_digit())
            .filter(|x| !x.is_empty())
            .all(|x| x.len() == 4);
        // A town's line has six digits in pairs (`22-45-67`): a phone
        // number after a word that says so.
        let local = n == 6
            && s.split('-').count() == 3
            && s.split('-').skip(1).all(|g| g.len() == 2)
            && phone_word_before(&text[..m.0]);
        if ((7..=15).contains(&n) && !looks_like_years) || local {
            push_hit(&mut out, m.0, m.1, Kind::Phone);
        }
    }
    // A line's number in one run of six or seven digits right after a word
    // for a phone (`landline 4972133`, `ev telefonu 4972133`).
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let from = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        // (Not part of a longer token, nor a decimal: `1234567.8`.)
        let decimal =
            text[i..].starts_with(['.', ',']) && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
        let alone = !text[..from].ends_with(|c: char| c.is_alphanumeric() || "+-/.".contains(c))
            && !text[i..].starts_with(|c: char| c.is_alphanumeric() || c == '-' || c == '/')
            && !decimal;
        if (6..=7).contains(&(i - from)) && alone && phone_word_right_before(&text[..from]) {
            push_hit(&mut out, from, i, Kind::Phone);
        }
    }
    let described = if text.contains(['(', ','])
        || text.contains(" is ")
        || text.contains(" was ")
        || text.contains(" turn")
    {
        &p.age_described[..]
    } else {
        &[]
    };
    for (i, r) in p
        .age
        .iter()
        .filter(|r| on(r))
        .map(|r| (usize::MAX, r))
        .chain(described.iter().enumerate())
    {
        for c in r.captures_iter(text) {
            let num = c.get(1).expect("group");
            // `Mother (72)`, `Ali, 38, a driver`: only after a name or a
            // kinship word.
            let before = &text[..c.get(0).expect("match").start()];
            let before = before.strip_suffix(',').unwrap_or(before);
            // `Bibi is 94.`: a capital counts inside a sentence only (`Price
            // is 50.` opens one); a kinship word anywhere (`Mother is 72.`).
            let opens_sentence = {
                let word_start = before.trim_end_matches(char::is_alphabetic);
                let lead = word_start.trim_end();
                lead.is_empty() || lead.ends_with(['.', '!', '?', '\n', ':'])
            };
            // (A whole word: `woman, 60`, not `Ottoman, 60`.)
            if i == 8 && before.ends_with(char::is_alphabetic) {
                continue;
            }
            if matches!(i, 2 | 3 | 5 | 7 | 9 | 10)
                && !person_before(
                    before,
                    matches!(i, 3 | 7 | 9 | 10) || (i == 5 && !opens_sentence),
                )
            {
                continue;
            }
            // (On a labelled line only: `We met in Baku, 12.` gives a date.)
            let labelled = || {
                let line = &before[before.rfind('\n').map_or(0, |k| k + 1)..];
                line.split_whitespace()
                    .next()
                    .is_some_and(|w| w.ends_with(':'))
            };
            // Or a line that is a name and an age alone, as a list or a
            // table's cell gives them (`Aysel, 34`, `Kamran Aliyev, 41`).
            let name_alone = || {
                let line = before[before.rfind('\n').map_or(0, |k| k + 1)..].trim();
                let words: Vec<&str> = line.split(' ').collect();
                (1..=3).contains(&words.len())
                    && words.iter().all(|w| {
                        w.starts_with(char::is_uppercase)
                            && w.chars()
                                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
                    })
            };
            // (An initial counts as a name: `Könül J., 41.`)
            if i == 6 && !(person_before(before, true) && (labelled() || name_alone())) {
                continue;
            }
            if let Ok(age) = num.as_str().parse::<u32>()
                && age <= 120
                // Not our own pseudonym `[Age 40–49]`, nor an age band
                // (`age: 40–49`, a generalised attribute): a range is no age.
                && !text[..num.start()].ends_with("[Age ")
                && !text[num.end()..]
                    .trim_start_matches(['–', '-', '—'])
                    .starts_with(|c: char| c.is_ascii_digit())
            {
                // The number is replaced by its band; the words around it stay.
                push_hit(&mut out, num.start(), num.end(), Kind::Age(age / 10 * 10));
            }
        }
    }
    // A year in brackets after the name of an interview's person, on the
    // line that labels them (`Respondent: Səadət Əlizadə (1958)`): the year
    // of birth. (Elsewhere a year in brackets after a name is a citation.)
    if text.contains('(') {
        for (at, _) in text.match_indices(" (") {
            let year = &text[at + 2..];
            if !(year.len() >= 5
                && (year.starts_with("19") || year.starts_with("20"))
                && year.as_bytes()[..4].iter().all(u8::is_ascii_digit)
                && year.as_bytes()[4] == b')')
            {
                continue;
            }
            let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            let label = text[line_start..at].trim_start().to_lowercase();
            if BIRTH_LABELS.iter().any(|l| label.starts_with(l))
                && label.contains(':')
                && person_before(&text[..at], true)
            {
                push_hit(&mut out, at + 2, at + 6, Kind::Date);
            }
        }
    }
    let numbered = text.contains(['#', '№']);
    let institutions = institution_word(p, text);
    for (i, r) in p.institution.iter().enumerate() {
        // The `#`/`№` pattern scans every word: only where those signs are.
        if (i == 2 && !numbered) || (i != 2 && !institutions) || !on(r) {
            continue;
        }
        for m in r.find_iter(text) {
            // A numbered part of the document or of the study is no place
            // (`Interview #7`, `Müsahibə №7`, `Протокол №3`, `Respondent #4`).
            // (The word before the sign, folded: `Müsahibə`, `дела`.)
            let word = if i == 2 {
                crate::fold::fold(
                    m.as_str()
                        .split(|c: char| !c.is_alphabetic())
                        .next()
                        .unwrap_or(""),
                )
            } else {
                String::new()
            };
            if i == 2 && numbers_no_place(&word) {
                continue;
            }
            // A time or a count after the number is no place's number
            // (`в палатке 2 года`, `in tent 3 months`, `korpus 2 ildir`).
            if i != 2 && duration_after(&text[m.end()..]) {
                continue;
            }
            // A number in parts is a case's or a file's (`дело № 2-1234/2019`):
            // found as an identifier.
            let rest = &text.as_bytes()[m.end()..];
            if rest.len() >= 2 && matches!(rest[0], b'-' | b'/') && rest[1].is_ascii_digit() {
                continue;
            }
            // A letter after a hyphen is the number's (`№ 2231-Б`, `Block
            // #4-A`): left alone, it would read as an initial.
            let mut end = m.end();
            if let Some(tail) = text[end..].strip_prefix('-') {
                let letters = tail.chars().take_while(|c| c.is_alphabetic()).count();
                if (1..=2).contains(&letters) {
                    end = end
                        + 1
                        + tail
                            .chars()
                            .take(letters)
                            .map(char::len_utf8)
                            .sum::<usize>();
                }
            } else if end > 0 && text.as_bytes()[end - 1].is_ascii_digit() {
                // So is one letter glued to it (`школа №7а`, `School #7b`):
                // another school than No. 7.
                let mut tail = text[end..].chars();
                if let Some(c) = tail.next()
                    && c.is_alphabetic()
                    && !tail.next().is_some_and(char::is_alphanumeric)
                {
                    end += c.len_utf8();
                }
            }
            // A case's or a file's number is an identifier: it can be
            // looked up (`дела № 2231`, `case #4471`).
            if i == 2 && numbers_a_case(&word) {
                let sign = m.as_str().find(['#', '№']).map_or(0, |k| k);
                push_hit(&mut out, m.start() + sign, end, Kind::Id);
            } else {
                push_hit(&mut out, m.start(), end, Kind::Place);
            }
        }
    }
    // The number a few words after the institution, in the same sentence
    // (`a kindergarten in Gori for a year, number 9`, `в садике в Гори,
    // номер 9`): looked for in the 60 bytes after each institution's word.
    if institutions {
        let mut last_end = 0;
        for w in p.institution_words.find_iter(text) {
            if text[..w.start()].ends_with(char::is_alphabetic) {
                continue;
            }
            let mut to = (w.end() + 60).min(text.len());
            while !text.is_char_boundary(to) {
                to -= 1;
            }
            let tail = &text[w.end()..to];
            // (To the sentence's end; the dot of `No.` ends none.)
            let end = tail.match_indices(['.', '!', '?', '\n']).find(|(i, c)| {
                let word = tail[..*i]
                    .rsplit(|ch: char| !ch.is_alphabetic())
                    .next()
                    .unwrap_or("");
                *c != "." || !matches!(word, "No" | "no" | "NO" | "Nr" | "nr")
            });
            let tail = end.map_or(tail, |(i, _)| &tail[..i]);
            for m in p.number_later.find_iter(tail) {
                let (start, end) = (w.end() + m.start(), w.end() + m.end());
                if start >= last_end && !duration_after(&text[end..]) {
                    push_hit(&mut out, start, end, Kind::Place);
                    last_end = end;
                }
            }
        }
    }
    for r in p.birth_year.iter().filter(|r| on(r)) {
        for c in r.captures_iter(text) {
            let y = c.get(1).expect("group");
            push_hit(&mut out, y.start(), y.end(), Kind::Date);
        }
    }
    if text.contains(['—', '–']) {
        for c in p.listed_birth_year.captures_iter(text) {
            let y = c.get(1).expect("group");
            push_hit(&mut out, y.start(), y.end(), Kind::Date);
        }
    }
    if p.birth_words.is_match(text) {
        for r in &p.birth_year_far {
            for c in r.captures_iter(text) {
                let y = c.get(1).expect("group");
                push_hit(&mut out, y.start(), y.end(), Kind::Date);
            }
        }
    }
    for m in p.mixed_id.find_iter(text).filter(|_| on(&p.mixed_id)) {
        let s = m.as_str();
        // Four digits or more, or a Georgian number plate (`AB-123-CD`, and
        // the older `TBI-123`).
        let plate = (s.len() == 9
            && s.bytes().enumerate().all(|(i, b)| match i {
                0 | 1 | 7 | 8 => b.is_ascii_uppercase(),
                2 | 6 => b == b'-',
                _ => b.is_ascii_digit(),
            }))
            || (s.len() == 7
                && s.bytes().enumerate().all(|(i, b)| match i {
                    0..=2 => b.is_ascii_uppercase(),
                    3 => b == b'-',
                    _ => b.is_ascii_digit(),
                }));
        // Or three digits and two capitals mixed in one run (the personal
        // code of an ID card, `4LK82PQ`; not `COVID19`).
        let letters = s.bytes().filter(u8::is_ascii_uppercase).count();
        let code = digits(s) >= 3 && letters >= 2 && digits(s) + letters == s.len();
        // (Not an amount after its currency's code: `AZN1500`, `IRR200,000`.)
        let amount = s.len() > 3
            && matches!(
                &s[..3],
                "AZN"
                    | "AMD"
                    | "GEL"
                    | "RUB"
                    | "RUR"
                    | "TRY"
                    | "IRR"
                    | "USD"
                    | "EUR"
                    | "GBP"
                    | "CHF"
                    | "UAH"
                    | "KZT"
            )
            && s[3..].bytes().all(|b| b.is_ascii_digit());
        // (Not the tail of a word its boundary cut at a letter outside
        // ASCII: `VÖEN 1401234567` is a tax number's label and its number.)
        let inside_word = text[..m.start()]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        if (digits(s) >= 4 || plate || code)
            && !amount
            && !inside_word
            && s.chars().any(|c| c.is_ascii_uppercase())
            && s.len() >= 6
        {
            push_hit(&mut out, m.start(), m.end(), Kind::Id);
        }
    }
    for r in p.address.iter().filter(|r| on(r)) {
        for m in r.find_iter(text) {
            // A whole word on both sides (not the `ом 14` of `домом 14`).
            if alone(text, m.start(), m.end(), char::is_alphanumeric) {
                push_hit(&mut out, m.start(), m.end(), Kind::Address);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, Kind)> {
        let mut hits = detect(text);
        hits.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
        hits.into_iter()
            .map(|h| (text[h.start..h.end].to_string(), h.kind))
            .collect()
    }

    /// `text` has the hit `hit` of `kind`.
    fn finds(text: &str, hit: &str, kind: Kind) {
        let all = found(text);
        assert!(all.contains(&(hit.into(), kind)), "{text}: {all:?}");
    }

    /// `text` has no hit `matching` its kind.
    fn finds_none(text: &str, matching: impl Fn(&Kind) -> bool) {
        let all = found(text);
        assert!(!all.iter().any(|(_, k)| matching(k)), "{text}: {all:?}");
    }

    #[test]
    fn windows_cover_every_digit_with_its_reach() {
        let text = format!(
            "{}call 050 123 45 67 {}born 1961{}",
            "word ".repeat(100),
            "x ".repeat(200),
            " y".repeat(10)
        );
        let w = digit_windows(&text);
        for (i, b) in text.bytes().enumerate() {
            if b.is_ascii_digit() {
                assert!(
                    w.iter()
                        .any(|&(a, z)| a + REACH.min(i) <= i && i + REACH.min(text.len() - i) <= z),
                    "digit at {i} not covered with its reach: {w:?}"
                );
            }
        }
        assert_eq!(w.len(), 2, "two stretches: {w:?}");
        assert!(
            found(&text)
                .iter()
                .any(|(s, k)| *k == Kind::Phone && s == "050 123 45 67")
        );
    }

    #[test]
    fn phone_numbers_spelled_out_in_groups() {
        for (text, phone) in [
            (
                "Call Rustam on oh five five, three two one, forty five, sixty seven. Thanks",
                "oh five five, three two one, forty five, sixty seven",
            ),
            (
                "номер ноль пятьдесят, триста двадцать один, сорок пять, шестьдесят семь, звоните",
                "ноль пятьдесят, триста двадцать один, сорок пять, шестьдесят семь",
            ),
            (
                "nömrəsi sıfır əlli beş, üç iki bir, qırx beş, altmış yeddi idi",
                "sıfır əlli beş, üç iki bir, qırx beş, altmış yeddi",
            ),
            (
                "it is double five, triple seven, twenty one",
                "double five, triple seven, twenty one",
            ),
            // Azerbaijani hundreds and teens (`iki yüz on iki`, 212).
            (
                "zəng edin: sıfır əlli beş, iki yüz on iki, otuz dörd, əlli altı.",
                "sıfır əlli beş, iki yüz on iki, otuz dörd, əlli altı",
            ),
        ] {
            finds(text, phone, Kind::Phone);
        }
        // Fewer than seven digits: a count, an age, a year.
        for text in [
            "one, two, three, go",
            "born in nineteen sixty-one",
            "forty five minutes, twenty people",
        ] {
            finds_none(text, |k| *k == Kind::Phone);
        }
    }

    #[test]
    fn a_range_of_days_is_one_date() {
        finds(
            "visit, 14–16 October 2023",
            "14–16 October 2023",
            Kind::Date,
        );
        finds("on 3-4 May the team", "3-4 May", Kind::Date);
        // A day in ordinal words, and a year in words after it.
        finds(
            "A: Twelfth of March, sixty-three.",
            "Twelfth of March, sixty-three",
            Kind::Date,
        );
        finds(
            "born on the twenty-first of May in",
            "the twenty-first of May",
            Kind::Date,
        );
        finds(
            "on March the fourth we left",
            "March the fourth",
            Kind::Date,
        );
        // A night between two days, as births are told.
        finds(
            "born on the night of 3 to 4 April.",
            "3 to 4 April",
            Kind::Date,
        );
    }

    #[test]
    fn years_of_birth_with_the_place_between() {
        for (text, year) in [
            ("1975-ci ildə Xıdırlı kəndində anadan olmuşam", "1975"),
            ("1962-ҹи илдә Шуша шәһәриндә анадан олмушам", "1962"),
            ("She was born in Shusha in 1979.", "1979"),
            ("Я родилась в Шуше в 1979 году.", "1979"),
            ("Doğum tarixi: 1981.", "1981"),
        ] {
            finds(text, year, Kind::Date);
        }
        for text in [
            "In 1993 we left the village.",
            "1993-cü ildə kənddən çıxdıq.",
        ] {
            finds_none(text, |k| *k == Kind::Date);
        }
    }

    #[test]
    fn units_boxes_late_ages_and_numbers_told_later() {
        for (text, hit, kind) in [
            (
                "I sell vegetables at the bazaar, stall 46.",
                "stall 46",
                Kind::Address,
            ),
            ("I have three kids, the eldest is 17.", "17", Kind::Age(10)),
            (
                "They gave us apartment 5B in the block.",
                "apartment 5B",
                Kind::Address,
            ),
            (
                "Send it to P.O. Box 1145, Tbilisi.",
                "P.O. Box 1145",
                Kind::Address,
            ),
            ("пишите на а/я 27, Баку", "а/я 27", Kind::Address),
            ("The eldest is now thirty-one.", "thirty-one", Kind::Age(30)),
            ("Grandmother lived to 101.", "101", Kind::Age(100)),
            ("She lived to ninety-four.", "ninety-four", Kind::Age(90)),
            (
                "My case number at the State Committee is 2019/4471.",
                "2019/4471",
                Kind::Id,
            ),
        ] {
            finds(text, hit, kind);
        }
        finds_none("The room 5 in the block, the bus number is 88.", |k| {
            *k == Kind::Id
        });
    }

    #[test]
    fn a_year_after_a_dash_in_a_list_of_people() {
        let list = "1. Aliyev Kamran — 1975, Agdam\n2. Huseynova Sevinj Ilham — 1982\n";
        finds(list, "1975", Kind::Date);
        finds(list, "1982", Kind::Date);
        // Not a year in a sentence after a dash.
        finds_none("We stayed in Barda until the war — 1994, I think.", |k| {
            *k == Kind::Date
        });
    }

    #[test]
    fn a_month_and_year_of_birth() {
        for (text, hit) in [
            ("Born: March 1958", "March 1958"),
            ("date of birth: Sept. 1961, Agdam", "Sept. 1961"),
            ("Она родилась в мае 1961 г.", "мае 1961"),
        ] {
            finds(text, hit, Kind::Date);
        }
        // A month and a year of something else stay.
        finds_none("In March 1992 we fled.", |k| *k == Kind::Date);
    }

    #[test]
    fn a_number_after_a_word_with_letters_outside_ascii_keeps_the_word() {
        finds("VÖEN 1401234567", "1401234567", Kind::Id);
        // A badge's or a service number (`Badge No. 4471`, `жетон номер
        // 0453`).
        finds("Badge No. 4471 was on his uniform.", "4471", Kind::Id);
        finds("у него был жетон номер 0453", "0453", Kind::Id);
        // A camp named by its kilometre is a place; a distance is none.
        for (text, place) in [
            ("The camp at Kilometre 17 was closed.", "Kilometre 17"),
            ("Biz 8-ci kilometr qəsəbəsində yaşayırdıq.", "8-ci kilometr"),
            ("жили на 12-м километре", "12-м километре"),
            ("посёлок Километр 27 у дороги", "Километр 27"),
        ] {
            finds(text, place, Kind::Address);
        }
        finds_none("We walked 17 kilometres to the camp.", |k| {
            *k == Kind::Address
        });
        // A number complete on its line leaves the next line's figure (a
        // table's next row); a number wrapped before its end is whole.
        let hits = found("3 | +994 70 212 45 66\n4 | Zarifa");
        assert!(
            hits.contains(&("+994 70 212 45 66".to_string(), Kind::Phone)),
            "{hits:?}"
        );
        finds(
            "call +994 50\n123 45 67 today",
            "+994 50\n123 45 67",
            Kind::Phone,
        );
        finds(
            "Call 050 123\n45 67 tomorrow.",
            "050 123\n45 67",
            Kind::Phone,
        );
        // Nor is a date at one line's end and a year on the next a phone.
        let hits = found("д.р. 12.03.1961\n1961-ci il");
        assert!(!hits.iter().any(|(s, _)| s.contains('\n')), "{hits:?}");
    }

    #[test]
    fn a_year_of_birth_in_brackets_after_a_labelled_person() {
        finds(
            "Respondent: Nuray Səlimova (1961), Tovuz",
            "1961",
            Kind::Date,
        );
        finds("Респондент: Гюльшен Алиева (1949)\n", "1949", Kind::Date);
        // A record's family, each child with a year.
        let text = "Children: Aysel (2009), Orxan (2012)";
        finds(text, "2009", Kind::Date);
        finds(text, "2012", Kind::Date);
        finds("Дети: Лейла (2004)", "2004", Kind::Date);
        // A citation keeps its year.
        finds_none("as Karimova (2015) shows", |k| *k == Kind::Date);
    }

    #[test]
    fn ages_in_georgian_and_armenian() {
        // (And the Russian compound: `14-летней девочкой`.)
        finds("Я была тогда 14-летней девочкой.", "14", Kind::Age(10));
        finds("наш 70-летний сосед", "70", Kind::Age(70));
        finds("ვესაუბრე ლიას, 58 წლის. მისი", "58", Kind::Age(50));
        finds(
            "მე ვარ ნინო, ოცდათხუთმეტი წლის.",
            "ოცდათხუთმეტი",
            Kind::Age(30),
        );
        finds("ბაბუა ოთხმოცდაცხრა წლისაა", "ოთხმოცდაცხრა", Kind::Age(80));
        finds_none("ოცი წლის წინ დავტოვეთ სახლი", |k| matches!(k, Kind::Age(_)));
        finds("Նա 64 տարեկան է", "64", Kind::Age(60));
        // Russian, in digits without `лет`, after a person in the dative.
        finds("маму зовут Гульшан, ей 78\n", "78", Kind::Age(70));
        finds("Мужу уже 52.", "52", Kind::Age(50));
        finds("Эльнуру сейчас 42.", "42", Kind::Age(40));
        finds("Лейле исполнилось 17 лет, и", "17", Kind::Age(10));
        finds("Эльнуру сейчас сорок два.", "сорок два", Kind::Age(40));
        // Or right after the name, `лет` ending the clause.
        finds(
            "А Гуле тридцать пять лет, она",
            "тридцать пять",
            Kind::Age(30),
        );
        finds("Самиру 19 лет.", "19", Kind::Age(10));
        // The unit before the number, as speech gives an age about: `ему
        // было лет пятнадцать`, `ей тогда лет 12`, `Гуле было лет семь`.
        for (text, age, band) in [
            ("Ему было лет пятнадцать.", "пятнадцать", 10),
            ("Ей тогда было лет 12, не больше.", "12", 10),
            ("Мне было лет восемь, когда мы уехали.", "восемь", 0),
            ("А Гуле было лет семь.", "семь", 0),
            ("Ашоту было тогда лет сорок.", "сорок", 40),
            ("Ему под семьдесят.", "семьдесят", 70),
        ] {
            finds(text, age, Kind::Age(band));
        }
        // Years of time, not an age: ago, after, waiting, living there.
        for text in [
            "Это было тридцать лет назад, когда",
            "Через двадцать лет мы вернулись.",
            "Мы ждали 30 лет, и",
            "В течение пяти лет жили там.",
            "мы жили 12 лет в вагоне",
            "Там мы прожили двадцать шесть лет.",
            "Он проработал там 30 лет, и",
            "С тех пор прошло 30 лет.",
        ] {
            finds_none(text, |k| matches!(k, Kind::Age(_)));
        }
        finds("Ему за 60 лет, он", "60", Kind::Age(60));
        finds_none(
            "В Баку семь лет. Мы пять лет жили там.",
            |k| matches!(k, Kind::Age(_)),
        );
        finds_none("В Баку сейчас 12 районов и", |k| {
            matches!(k, Kind::Age(_))
        });
        finds_none("Дали ей 78 рублей.", |k| {
            matches!(k, Kind::Age(_))
        });
        finds_none("20 წლის წინ დავტოვეთ სახლი", |k| matches!(k, Kind::Age(_)));
        finds_none("2012 წლის მაისში", |k| {
            matches!(k, Kind::Age(_))
        });
    }

    #[test]
    fn ages_and_years_of_birth_in_words() {
        for (text, part, kind) in [
            (
                "Муж умер в девяносто пятом. Сын",
                "девяносто пятом",
                Kind::Date,
            ),
            (
                "умер в возрасте тридцати одного года",
                "тридцати одного",
                Kind::Age(30),
            ),
            (
                "Её мужу пятьдесят два. Сыну",
                "пятьдесят два",
                Kind::Age(50),
            ),
            ("Сыну уже двадцать, дочке", "двадцать", Kind::Age(20)),
            (
                "she died at seventy-three in Mingəçevir",
                "seventy-three",
                Kind::Age(70),
            ),
            (
                "умерла в возрасте семидесяти трёх лет",
                "семидесяти",
                Kind::Age(70),
            ),
            (
                "my son, who is now twenty-three, works",
                "twenty-three",
                Kind::Age(20),
            ),
            (
                "I was born in nineteen sixty-one in Ağdam",
                "nineteen sixty-one",
                Kind::Date,
            ),
            (
                "он родился в тысяча девятьсот шестьдесят первом году",
                "шестьдесят",
                Kind::Date,
            ),
            (
                "min doqquz yüz altmış birinci ildə anadan olub",
                "altmış",
                Kind::Date,
            ),
            (
                "она родилась третьего мая семьдесят второго года в Шуше",
                "третьего мая семьдесят второго года",
                Kind::Date,
            ),
            (
                "Его забрали двадцать пятого сентября.",
                "двадцать пятого сентября",
                Kind::Date,
            ),
            ("köçəndə on yaşım var idi", "on", Kind::Age(10)),
            ("I was six when we left Kalbajar.", "six", Kind::Age(0)),
            (
                "I was only four, and I remember the fire.",
                "four",
                Kind::Age(0),
            ),
            // Ages under ten, where only an age can follow.
            ("her boy is seven years old", "seven", Kind::Age(0)),
            ("a five-year-old girl", "five", Kind::Age(0)),
            ("умер в возрасте трёх лет", "трёх", Kind::Age(0)),
            ("Внуку семь лет.", "семь", Kind::Age(0)),
            ("Oğlu beş yaşındadır", "beş", Kind::Age(0)),
            // The name of the one in the dative between.
            (
                "Сыну Эльчину сейчас двадцать семь, а",
                "двадцать семь",
                Kind::Age(20),
            ),
            // Two adverbs, or one between a name and `было`.
            (
                "Маме уже было семьдесят два.",
                "семьдесят два",
                Kind::Age(70),
            ),
            ("Ей тогда было 17, она училась.", "17", Kind::Age(10)),
            ("Гургену тогда было сорок.", "сорок", Kind::Age(40)),
        ] {
            assert!(
                found(text)
                    .iter()
                    .any(|(s, k)| *k == kind && s.contains(part)),
                "{text}: {:?}",
                found(text)
            );
        }
    }

    #[test]
    fn small_numbers_in_words_that_are_no_age() {
        for text in [
            "He is one of us.",
            "I was one of the drivers.",
            "I am two streets away.",
            "Мы пять лет жили там.",
            "Ему два раза звонили.",
            "умерла в три часа ночи",
        ] {
            assert!(
                !found(text).iter().any(|(_, k)| matches!(k, Kind::Age(_))),
                "{text}: {:?}",
                found(text)
            );
        }
    }

    #[test]
    fn numbered_institutions_written_as_ordinals() {
        for (text, part) in [
            ("biz 7-ci məktəbdə oxuyurduq", "7-ci məktəb"),
            ("we went to the 7th school", "7th school"),
            ("учились в 7-й школе", "7-й школ"),
            ("жили в 12-м общежитии", "12"),
            // Ordinals in words.
            ("сын учился в восьмой школе", "восьмой школ"),
            ("səkkizinci məktəbdə oxuyurdu", "səkkizinci məktəb"),
            // (An ordinal opening with a letter outside ASCII too.)
            ("Üçüncü yataqxana soyuq idi", "Üçüncü yataqxana"),
            ("dördüncü məktəbdə", "dördüncü məktəb"),
            ("Восьмая школа была рядом", "Восьмая школа"),
            ("գնում է 5-րդ դպրոց", "5-րդ դպրոց"),
            // Numbers in words.
            ("at school number seven then", "school number seven"),
            ("в школе номер семь", "школе номер семь"),
            ("yeddi nömrəli məktəbdə", "yeddi nömrəli məktəb"),
            // A kindergarten is a children's garden in Azerbaijani.
            ("4 nömrəli uşaq bağçasında", "4 nömrəli uşaq bağça"),
            ("iki saylı uşaq bağçası", "iki saylı uşaq bağça"),
            ("9-cu uşaq bağçasına", "9-cu uşaq bağça"),
            ("ყოფილ მე-5 საავადმყოფოში", "მე-5 საავადმყოფო"),
            // Abbreviated in notes and lists.
            ("moved to sch. #7 later", "#7"),
            ("жили в общ. №12, дети ходили в д/с №3", "№12"),
            ("дети ходили в д/с №3", "№3"),
        ] {
            let hits = found(text);
            assert!(
                hits.iter()
                    .any(|(s, k)| *k == Kind::Place && s.contains(part)),
                "{text}: {hits:?}"
            );
        }
        // A number word inside another word is no ordinal (`опять`, again).
        assert!(found("он опять школу прогулял").is_empty());
    }

    #[test]
    fn numbered_hospitals_of_a_city_or_district() {
        finds(
            "treated at the 3rd city hospital",
            "3rd city hospital",
            Kind::Place,
        );
        finds(
            "в 5-й городской больнице",
            "5-й городской больнице",
            Kind::Place,
        );
        finds(
            "2 saylı şəhər xəstəxanası",
            "2 saylı şəhər xəstəxanası",
            Kind::Place,
        );
    }

    #[test]
    fn wagons_tents_and_containers_families_lived_in() {
        finds(
            "we lived in wagon no. 14 for a year",
            "wagon no. 14",
            Kind::Place,
        );
        finds("Мы жили в вагоне номер 14.", "вагоне номер 14", Kind::Place);
        finds("in tent 212 of the camp", "tent 212", Kind::Place);
        finds("в палатке №7 жили", "палатке №7", Kind::Place);
        // By a bare number: a barrack, a container, a building of a
        // sanatorium, in English, Russian and Azerbaijani.
        finds("then in Barrack 5 until 1998", "Barrack 5", Kind::Place);
        finds("a потом в вагончике 7, у реки", "вагончике 7", Kind::Place);
        finds("жили в палатке 15.", "палатке 15", Kind::Place);
        // The number a few words after the institution's word.
        finds(
            "We lived in a kindergarten in Gori for a year, number 9, then",
            "number 9",
            Kind::Place,
        );
        finds("жили в садике в Гори, номер 9.", "номер 9", Kind::Place);
        finds(
            "the hostel in Zugdidi, No. 4, was cold",
            "No. 4",
            Kind::Place,
        );
        finds_none("We lived in Gori for a year, number 9 was our bus.", |k| {
            *k == Kind::Place
        });
        finds(
            "He lives in dormitory block C-4.",
            "block C-4",
            Kind::Address,
        );
        finds(
            "Biz 3-cü korpusda, 45-ci otaqda idik",
            "45-ci otaqda",
            Kind::Place,
        );
        // Not when the number counts time or people.
        finds_none("мы жили в палатке 2 года", |k| {
            *k == Kind::Place
        });
        finds_none("we lived in the tent 3 months", |k| *k == Kind::Place);
    }

    #[test]
    fn named_collective_centres_with_and_without_numbers() {
        for (text, name) in [
            (
                "we lived in the sanatorium \"Imereti\" No. 4 for years",
                "Imereti",
            ),
            ("then the hotel «Iveria» took us", "Iveria"),
            ("the \"Gənclik\" hostel was cold", "Gənclik"),
            ("нас поселили в санаторий «Шахтёр» № 2", "Шахтёр"),
            ("biz \"Ümid\" yataqxanası binasında qaldıq", "Ümid"),
        ] {
            assert!(
                found(text)
                    .iter()
                    .any(|(s, k)| *k == Kind::Place && s.contains(name)),
                "{text}: {:?}",
                found(text)
            );
        }
        // A quotation is no institution.
        assert!(found("he said \"Come home\" and left").is_empty());
    }

    #[test]
    fn phones_of_the_region() {
        for p in [
            "+994 12 555 01 23",
            "+995 599 12 34 56",
            "+374 10 123456",
            "+7 495 123-45-67",
            "(012) 555-01-23",
            "050 123 45 67",
            "8 (495) 123-45-67",
            "+994501234567",
            "0501234567",
            // Non-breaking hyphens, dashes.
            "050\u{2011}123\u{2011}45\u{2011}67",
            "012–555–01–23",
        ] {
            let text = format!("call {p} tomorrow");
            assert!(
                found(&text)
                    .iter()
                    .any(|(s, k)| *k == Kind::Phone && s.contains(&p[p.len() - 2..])),
                "{p}: {:?}",
                found(&text)
            );
        }
        // After a `+`, any grouping; a leading 0 or 8 and the bracket
        // belong to the number.
        for p in [
            "+995 32 2 12 34 56",
            "+994 50) 1234567",
            "+7(928)1234567",
            "0 (50) 123 45 67",
            "+374 (91) 12-34-56",
        ] {
            finds(&format!("call {p} tomorrow"), p, Kind::Phone);
        }
        assert!(
            !found("from 1992-1994 we lived")
                .iter()
                .any(|(_, k)| *k == Kind::Phone)
        );
        finds_none("in 2019 +12 3 per cent, +2 in 2020", |k| *k == Kind::Phone);
        // A town's line of six or five digits, after a word for a phone.
        for (text, phone) in [
            (
                "моб. 8 (926) 123-45-67, домашний 22-45-67; WhatsApp",
                "22-45-67",
            ),
            ("ev telefonu 42-23-45 idi", "42-23-45"),
            ("call the office, 45-12-09, before noon", "45-12-09"),
            // Or in one run of six or seven digits right after the word.
            ("her landline 4972133 works", "4972133"),
            ("ev telefonu: 4972133.", "4972133"),
            ("his phone number is 497213, mostly", "497213"),
        ] {
            finds(text, phone, Kind::Phone);
        }
        for text in [
            "phone, in 2019 we paid 1200000 manat",
            "mobile units 4972133-A",
            "the telephone line 1234567.8",
            "phone 1234567.8 per cent",
        ] {
            finds_none(text, |k| *k == Kind::Phone);
        }
        finds_none("the score was 22-45-67 at the end", |k| *k == Kind::Phone);
    }

    #[test]
    fn emails_urls_dates_ids_ages_addresses() {
        // An address with its `@` in brackets or between spaces.
        finds(
            "write to lm1985[at]mail.ru today",
            "lm1985[at]mail.ru",
            Kind::Email,
        );
        finds("or kamal (at) bk.ru, or", "kamal (at) bk.ru", Kind::Email);
        finds(
            "mail: rauf_77 @ yandex . ru",
            "rauf_77 @ yandex . ru",
            Kind::Email,
        );
        finds_none("we met at noon. The rest at home.", |k| *k == Kind::Email);
        // A month in Roman numerals.
        finds("родился 3.V.1992 в Баку", "3.V.1992", Kind::Date);
        finds("on 12.IX.93 they left", "12.IX.93", Kind::Date);
        assert!(
            found("write to leyla.mammadova@mail.az now")
                .contains(&("leyla.mammadova@mail.az".into(), Kind::Email))
        );
        assert!(
            found("see https://example.org/a?b=1.")
                .contains(&("https://example.org/a?b=1".into(), Kind::Url))
        );
        assert!(
            found("born 12.04.1978 in")
                .iter()
                .any(|(s, k)| s == "12.04.1978" && *k == Kind::Date)
        );
        assert!(
            found("on 12 April 1993 we")
                .iter()
                .any(|(s, k)| s == "12 April 1993" && *k == Kind::Date)
        );
        assert!(
            found("12 апреля 1993 г. мы")
                .iter()
                .any(|(s, k)| s == "12 апреля 1993 г." && *k == Kind::Date)
        );
        // A full stop after the month ends the sentence, not the date.
        assert!(found("We met on 4 May. Then we left.").contains(&("4 May".into(), Kind::Date)));
        assert!(
            found("April 12, 1993")
                .iter()
                .any(|(_, k)| *k == Kind::Date)
        );
        // A month abbreviated with its dot; not a month ending a sentence.
        assert!(found("on Feb. 12, 2004 she").contains(&("Feb. 12, 2004".into(), Kind::Date)));
        assert!(
            !found("We met in May. 12 of us came.")
                .iter()
                .any(|(_, k)| *k == Kind::Date)
        );
        assert!(
            !found("in April 1993 we left")
                .iter()
                .any(|(_, k)| *k == Kind::Date),
            "month and year stay"
        );
        assert!(
            found("passport AZE12345678")
                .iter()
                .any(|(_, k)| *k == Kind::Id)
        );
        assert!(
            found("IDP card No. 0123456")
                .iter()
                .any(|(_, k)| *k == Kind::Id)
        );
        // A pension or work book's number, with its hyphen.
        for text in [
            "her pension book 07-318 was lost",
            "трудовая книжка 12-44719",
            "əmək kitabçası 3-55210",
        ] {
            assert!(
                found(text).iter().any(|(_, k)| *k == Kind::Id),
                "{text}: {:?}",
                found(text)
            );
        }
        assert!(found("I am 47 now").contains(&("47".into(), Kind::Age(40))));
        assert!(found("a 47-year-old man").contains(&("47".into(), Kind::Age(40))));
        assert!(found("мне 47 лет").contains(&("47".into(), Kind::Age(40))));
        assert!(found("he was sixteen.").contains(&("sixteen".into(), Kind::Age(10))));
        // With a hedge or a time between (`maybe`, `about`, `then`).
        finds("She was maybe 7 then.", "7", Kind::Age(0));
        finds("he was about 15 when", "15", Kind::Age(10));
        finds("she was barely sixteen.", "sixteen", Kind::Age(10));
        for (text, age) in [
            ("at the age of 47 he left", "47"),
            ("I was 63 then", "63"),
            ("a man 52 years of age", "52"),
            ("Age: 38", "38"),
        ] {
            assert!(
                found(text)
                    .iter()
                    .any(|(s, k)| s == age && matches!(k, Kind::Age(_))),
                "{text}"
            );
        }
        // A band is no exact age.
        assert!(
            !found("age: 40–49")
                .iter()
                .any(|(_, k)| matches!(k, Kind::Age(_)))
        );
        assert!(
            found("1961-ci il təvəllüdlü")
                .iter()
                .any(|(s, k)| s == "1961" && *k == Kind::Date)
        );
        // Abbreviated: `t.d.` (təvəllüd tarixi).
        finds("Sevinc M., 1967 t.d., Füzuli", "1967", Kind::Date);
        finds(
            "mikrorayon, 12-ci bina, mənzil 4",
            "12-ci bina",
            Kind::Place,
        );
        assert!(found("I was fifty-two then").contains(&("fifty-two".into(), Kind::Age(50))));
        assert!(
            found("lived at Nizami street 12, apt. 5")
                .iter()
                .any(|(_, k)| *k == Kind::Address)
        );
        assert!(
            found("на улице Станиславского, дом 45, кв. 3")
                .iter()
                .any(|(t, k)| *k == Kind::Address && t.ends_with("кв. 3"))
        );
        assert!(
            found("ул. Низами, д. 5, кв. 14")
                .iter()
                .any(|(_, k)| *k == Kind::Address)
        );
        // House and flat joined by a hyphen.
        finds(
            "Мы жили на ул. Ленина 5-12.",
            "ул. Ленина 5-12",
            Kind::Address,
        );
    }

    #[test]
    fn personal_numbers_and_long_runs_of_digits() {
        finds("Personal number 01024056789.", "01024056789", Kind::Id);
        finds("личный номер: 4567891", "4567891", Kind::Id);
        finds("reference 123456789 in the file", "123456789", Kind::Id);
        // Amounts and years are no identifiers.
        finds_none("they paid 150000 manat in 2019", |k| *k == Kind::Id);
    }

    #[test]
    fn military_units_and_number_plates() {
        finds("служил в в/ч 54321 под Гянджой", "54321", Kind::Id);
        finds("в войсковой части 12345 до 1994", "12345", Kind::Id);
        finds("he served in military unit 70213.", "70213", Kind::Id);
        finds("hərbi hissə 12345-də xidmət edib", "12345", Kind::Id);
        finds(
            "a Prius with the Georgian plate AB-123-CD.",
            "AB-123-CD",
            Kind::Id,
        );
        // A model and a code of three digits are no plates.
        finds_none("a Boeing 737-800 and route M-27", |k| *k == Kind::Id);
        // Any format after the word for a plate.
        finds("his yellow Lada, plate KTS-312. He", "KTS-312", Kind::Id);
        finds(
            "the van (registration 44 DF 719) was",
            "44 DF 719",
            Kind::Id,
        );
        finds("машина с госномером ТБС 471, белая", "ТБС 471", Kind::Id);
        finds_none("the plates were empty, 3 of them", |k| *k == Kind::Id);
    }

    #[test]
    fn passport_series_and_long_subscriber_numbers() {
        finds(
            "паспорт серии 12 34 номер 567890, выдан",
            "12 34 номер 567890",
            Kind::Id,
        );
        finds("Viber: +994 55 1234567.", "+994 55 1234567", Kind::Phone);
    }

    #[test]
    fn e_mails_spelled_out_and_phones_with_a_bracketed_code() {
        finds(
            "write to leyla.m at gmail dot com today",
            "leyla.m at gmail dot com",
            Kind::Email,
        );
        finds(
            "or rashad(at)mail(dot)ru.",
            "rashad(at)mail(dot)ru",
            Kind::Email,
        );
        finds(
            "пишите: sevil собака yandex точка ru",
            "sevil собака yandex точка ru",
            Kind::Email,
        );
        finds("Call (050) 2223344 now", "(050) 2223344", Kind::Phone);
        finds_none("we met at school at noon, dot on time", |k| {
            *k == Kind::Email
        });
    }

    #[test]
    fn ages_in_brackets_and_in_apposition() {
        for (text, age, band) in [
            ("Interview with Elnur Mammadov, 54, Barda.", "54", 50),
            ("INTERVIEW WITH ELNUR MAMMADOV, 54, BARDA", "54", 50),
            // After initials (the name closed by a dot), or a name glossed
            // in brackets.
            ("A talk with T. G., 63, in Tovuz.", "63", 60),
            ("Notes: K.A., 47, teacher", "47", 40),
            ("Spoke with Nana Kobalia (Нана), 58, a nurse", "58", 50),
        ] {
            finds(text, age, Kind::Age(band));
        }
        for (text, age) in [
            ("Participants: F1 (54, widow, from Jabrayil)", 50),
            ("Leyla (F, 41) said", 40),
            ("Mother (72) is ill", 70),
            ("my husband (68) and I", 60),
            ("Ali, 38, a driver", 30),
            ("the boy, Ramin, seventeen, was killed", 10),
            ("Leyla, forty-two, a nurse", 40),
            ("Севиль (ж., 63) рассказала", 60),
            ("P1 (woman, 63, from Gali) said", 60),
            ("P2 (man, 45; Ochamchire) said", 40),
            // Abbreviated, with a unit after the number.
            ("(инт. 14, жен., 52 г., Агджабеди)", 50),
            ("(R4, male, 71 years old, Tərtər)", 70),
            ("P3 (Lasha, 29) said", 20),
            ("Her sister, Bibi, is 94.", 90),
            ("My mother is 72 now.", 70),
            ("She was a girl of nine when the war came.", 0),
            ("a man of about sixty, a shepherd", 60),
            ("Our twins are eleven.", 10),
            ("His sister Mariam was 17 then.", 10),
            ("Mother is 72.", 70),
            ("Elvin turned 18, and left", 10),
            ("a woman aged about 70 lost two sons", 70),
            ("The children? Aynur was seven, Kamran was four.", 0),
            ("and she was nine then.", 0),
            ("and the small one, Ilaha, is seven.", 0),
            ("my daughter, is six now.", 0),
            ("Spouse: Könül J., 41.\nChildren: two", 40),
            // A name and an age alone on a line (a list, a table's cell).
            ("Aysel, 34\nKamran Aliyev, 41", 30),
            ("Respondent: Tamar, 58", 50),
            (
                "Participants: Ruslan (34, Tkvarcheli district), Eteri (58)",
                30,
            ),
            ("We spoke to Vardan (shepherd, 61) at dawn", 60),
            ("Present: Aysel, 34; Kamran, 41", 30),
            ("Present: Kamran, 41; Nigar, 29 (notes)", 20),
            ("Нана (учительница, 47) рассказала", 40),
            ("her father, who is 91 and blind", 90),
            ("Informant 4 (I4), female, 67, Barda.", 60),
            ("Caller: man, approx. 45, from Gori.", 40),
            ("Старик, мужчина, около 80, живёт один", 80),
        ] {
            assert!(
                found(text).iter().any(|(_, k)| *k == Kind::Age(age)),
                "{text}: {:?}",
                found(text)
            );
        }
        for text in [
            "see table (12)",
            "Housing (2) and Work (3)",
            "in (1993, spring)",
            "We had 3 rooms (12, 14 and 15)",
            "Baku, 2019, interview",
            "In Baku, two, three families lived",
            "(Baku, 2019)",
            "(see Table 3, 12)",
            "The price is 50.",
            "Price is 50. Total was 12, then",
            "the total was 12, the rest",
            "Rooms: kitchen, 12.",
            "Pages 10, 12.\nNext",
            "We met in Baku, 12.",
            "It was one. That was two, and this is three.",
            "Table 4 (12, Baku) shows",
            "The man, 12 metres away, shouted",
            "The rent is 300 and the gas 40.",
            "the rooms (kitchen, 12) and",
        ] {
            finds_none(text, |k| matches!(k, Kind::Age(_)));
        }
    }

    #[test]
    fn ages_and_years_of_birth_in_a_tables_column() {
        let tsv = "Name\tAge\tVillage\nSevda\t45\tAğdam\nRamil\t 7 \tY\n";
        finds(tsv, "45", Kind::Age(40));
        // A village's column: its names, public or not.
        finds(tsv, "Ağdam", Kind::Place);
        finds(tsv, "7", Kind::Age(0));
        // A name's column: its names, though they are words (`Rose`).
        finds(tsv, "Sevda", Kind::Person);
        let words = "| Name | Age |\n|---|---|\n| Rose | 52 |\n| Hope | 33 |\n";
        finds(words, "Rose", Kind::Person);
        finds(words, "Hope", Kind::Person);
        let md = "| Code | Name | Age | Born |\n|---|---|---|---|\n| R1 | A | 38 | 1985 |\n";
        finds(md, "38", Kind::Age(30));
        finds(md, "1985", Kind::Date);
        let captioned = "Table 3 (excerpt): Respondent | Age | Origin\nK-01 | 54 | Gagra\n";
        finds(captioned, "54", Kind::Age(50));
        // Numbers in another column, or after the table, are no ages.
        let other = "Item\tAge\nTent\tnew\n\nRooms\t12\n";
        finds_none(other, |k| matches!(k, Kind::Age(_)));
        finds_none("| Room | Beds |\n| 12 | 4 |\n", |k| {
            matches!(k, Kind::Age(_))
        });
        // A table a PDF's text gives with spaces between its cells.
        let spaced = "Name Relation Village Age\nArzu daughter-in-law Qapanlı 52\n\
                      Elşən son Qapanlı 27\nThe roof leaks, she said, 12 times a year.\n";
        finds(spaced, "52", Kind::Age(50));
        finds(spaced, "27", Kind::Age(20));
        finds_none(spaced, |k| *k == Kind::Age(10));
        finds("Name Year of birth\nSəmayə 1949\n", "1949", Kind::Date);
        // A CSV pasted into a note, by `;` or `,`.
        let csv = "no;name;age;village\n1;Ruhəngiz P.;61;Kürdlər\n";
        finds(csv, "61", Kind::Age(60));
        finds(csv, "Kürdlər", Kind::Place);
        finds("id,age,born\nA7,39,1984\n", "39", Kind::Age(30));
        // Not a sentence with commas, nor numbers in prose under a header.
        finds_none(
            "We asked about age, village, and work.\nShe said 41, then 12, then 5.\n",
            |k| matches!(k, Kind::Age(_)),
        );
    }

    #[test]
    fn a_numbered_place_stays_on_its_line() {
        // Survey answers numbered with `#` on their own lines: the word that
        // ends one line and the number that opens the next are no place.
        let text = "#201: my sister and her husband\n#202: the imam\n";
        finds_none(text, |k| *k == Kind::Place);
        finds("she was in polyclinic 3 then", "polyclinic 3", Kind::Place);
    }

    #[test]
    fn a_street_and_its_house_and_flat_without_a_street_word() {
        finds(
            "She lives in Vanadzor, Tigranyan 7/15 now.",
            "Tigranyan 7/15",
            Kind::Address,
        );
        finds(
            "живёт в Рустави, Мешковой 3а/12.",
            "Мешковой 3а/12",
            Kind::Address,
        );
        for text in [
            "UN General Assembly Resolution 62/243 on the occupied territories",
            "see Article 12/3 of the law",
            "we met on Friday 12/4 at ten",
            "the rate in Baku 12/4/2023 was",
            "Decision 8/2 of the Committee",
        ] {
            finds_none(text, |k| *k == Kind::Address);
        }
    }

    #[test]
    fn numbers_in_parts_after_a_number_sign() {
        finds("по делу № 2-1234/2019 суд", "2-1234/2019", Kind::Id);
        finds("Reg. no. 12/345-B, issued", "12/345-B", Kind::Id);
        finds("case #3-88/21 was closed", "3-88/21", Kind::Id);
        finds_none("по делу № 2-1234/2019 суд", |k| {
            *k == Kind::Place
        });
    }

    #[test]
    fn a_cases_number_is_an_identifier_with_its_letter() {
        // A case's number can be looked up: an identifier, the case word
        // kept; the letter after its hyphen is the number's, not an
        // initial of the next sentence.
        finds("Номер дела № 2231-Б. Звонила", "№ 2231-Б", Kind::Id);
        finds("the claim #5512 was lost", "#5512", Kind::Id);
        finds_none("Номер дела № 2231-Б. Звонила", |k| {
            *k == Kind::Place
        });
        // A numbered place takes its letter too.
        finds(
            "we lived in Block #4-A for years",
            "Block #4-A",
            Kind::Place,
        );
    }

    #[test]
    fn a_cases_number_after_its_word_in_every_language() {
        finds("they opened case no. 40817 in May", "40817", Kind::Id);
        finds("My complaint No. 773 was lost.", "773", Kind::Id);
        finds("возбудили уголовное дело № 518 в мае", "518", Kind::Id);
        finds("Şikayət N 6402 baxılmadı", "6402", Kind::Id);
        // A part of a text or a law has a short number.
        finds_none(
            "under Protocol No. 1 and Decision no. 12 of the court",
            |k| *k == Kind::Id,
        );
    }

    #[test]
    fn a_soviet_passport_and_an_address_with_its_flat() {
        finds("old passport II-ЖГ 345678, lost", "II-ЖГ 345678", Kind::Id);
        finds("паспорт серии IV-AZ № 123456", "IV-AZ № 123456", Kind::Id);
        // A series in Cyrillic capitals (`АЗЕ` for AZE).
        finds("паспорт АЗЕ 1234567, выдан", "АЗЕ 1234567", Kind::Id);
        finds(
            "passport, series II-AZ No. 518273.",
            "II-AZ No. 518273",
            Kind::Id,
        );
        finds(
            "Tbilisi, Vazha-Pshavela Ave 41/3. Then",
            "Vazha-Pshavela Ave 41/3",
            Kind::Address,
        );
        finds("at 14 Nizami Street, apt 7, Ganja", "apt 7", Kind::Address);
        finds_none("World War II-era 123456 veterans", |k| *k == Kind::Id);
        // Not the number of the next subtitle cue after a blank line.
        finds_none(
            "they gave us a flat\n\n12\n00:01:02,000 --> 00:01:05,000\nand then",
            |k| *k == Kind::Address,
        );
    }

    #[test]
    fn id_numbers_after_their_name() {
        finds(
            "our room number 56 was cold",
            "room number 56",
            Kind::Address,
        );
        finds("my FIN is 5ZK3P7R.", "5ZK3P7R", Kind::Id);
        // Number plates of Armenia and Russia; a document's number after
        // its series; a user name after its service.
        finds("Armenian plate 35 OU 123, then", "35 OU 123", Kind::Id);
        finds("Russian plate А123ВС 77, then", "А123ВС 77", Kind::Id);
        // Azerbaijan's plates with dashes, and typed with Cyrillic letters
        // after the Russian word for a number.
        finds("a white Opel, 90-RK-512, was parked", "90-RK-512", Kind::Id);
        finds("на «Ниве» номер 77 ОК 218 уехал", "77 ОК 218", Kind::Id);
        finds("his old car, TBI-123 (Georgia)", "TBI-123", Kind::Id);
        finds("certificate II-ЖГ № 123456.", "№ 123456", Kind::Id);
        finds("Skype: nigar.mammadova88 or", "nigar.mammadova88", Kind::Id);
        finds("Telegram - rauf_1985.", "rauf_1985", Kind::Id);
        // (A service's name in Cyrillic, a flat after `кв.`, a birth after
        // `д. р.`: the word opens with a letter outside ASCII.)
        finds("ник: rauf_1985, пиши", "rauf_1985", Kind::Id);
        // (Not the end of another word: `Источник: E0009`, `участник R12`.)
        finds_none("Источник: E0009. Участник R12a сказал", |k| *k == Kind::Id);
        finds("живут там же, кв. 14, на третьем", "кв. 14", Kind::Address);
        // A personal code without its name.
        finds("My ID number is 4LK82PQ.", "4LK82PQ", Kind::Id);
        finds_none("after COVID19 came", |k| *k == Kind::Id);
        finds_none("a cab for IRR200,000 or AZN1500", |k| *k == Kind::Id);
        finds("FİN kodu: 2AB4CD7", "2AB4CD7", Kind::Id);
        finds("My ID card number is 12345678 and", "12345678", Kind::Id);
        // After the word for a number or a code, and a series in letters.
        finds(
            "Серия АЗЕ, номер 1122334. Выдан",
            "АЗЕ, номер 1122334",
            Kind::Id,
        );
        finds("seriya AA 1290347 idi", "AA 1290347", Kind::Id);
        finds("Его код 55120 был", "55120", Kind::Id);
        finds("reference 20231145 was", "20231145", Kind::Id);
        finds(
            "then to the settlement, cottage 412.",
            "cottage 412",
            Kind::Address,
        );
        // The word before the number is not part of it.
        assert!(
            !found("number is 12345678")
                .iter()
                .any(|(h, _)| h.contains("is"))
        );
        finds_none("the FINAL report", |k| *k == Kind::Id);
    }

    #[test]
    fn cards_handles_and_links_without_a_scheme() {
        for (text, hit, kind) in [
            (
                "card 4169 7388 1234 5678 ok",
                "4169 7388 1234 5678",
                Kind::Id,
            ),
            ("kart 4169738812345678.", "4169738812345678", Kind::Id),
            ("on Telegram @leyla_m85.", "@leyla_m85", Kind::Id),
            (
                "at facebook.com/leyla.mammadova.77, or",
                "facebook.com/leyla.mammadova.77",
                Kind::Url,
            ),
            ("write to t.me/rauf_b", "t.me/rauf_b", Kind::Url),
            // Named by the network, without a colon: a Skype name, a handle.
            (
                "Ramil (skype live:ramil_1982) said",
                "live:ramil_1982",
                Kind::Id,
            ),
            ("his telegram samir_77 is", "samir_77", Kind::Id),
            ("Skype: orxan.bdu", "orxan.bdu", Kind::Id),
        ] {
            finds(text, hit, kind);
        }
        // Without a colon, a word after the network's name is no handle.
        finds_none("we talk on Telegram every evening", |k| *k == Kind::Id);
        // An e-mail address is one hit, not a handle inside it.
        assert_eq!(
            found("mail leyla.m@mail.az now"),
            vec![("leyla.m@mail.az".into(), Kind::Email)]
        );
    }

    #[test]
    fn street_addresses_with_their_abbreviations() {
        for (text, address) in [
            ("the clinic at 1420 Maple Blvd, suite 3", "1420 Maple Blvd"),
            ("go to 88 N Lincoln Ave. for help", "88 N Lincoln Ave"),
            ("we rent at 12 W 36th St since May", "12 W 36th St"),
            ("her office, 5 Old Mill Rd, closed", "5 Old Mill Rd"),
            ("12 Lenin Street was our home", "12 Lenin Street"),
            // Azerbaijani abbreviations of the street and the flat.
            (
                "she lives at Səməd Vurğun küç. 31, m. 9, Gəncə",
                "Səməd Vurğun küç. 31, m. 9",
            ),
            (
                "Ünvan: Rəsul Rza küç. 7, mən. 22.",
                "Rəsul Rza küç. 7, mən. 22",
            ),
            // A form filled in capitals, the street as `str.`.
            (
                "GANJA, SHAHRIYAR STR. 40, APT 3",
                "SHAHRIYAR STR. 40, APT 3",
            ),
            ("Xətai str. 9, menzil 15, Bakı", "Xətai str. 9, menzil 15"),
            // A street and its house between commas, beside an address.
            (
                "Bakı, 9-cu mikrorayon, Rəşid Behbudov 45, mənzil 12.",
                "Rəşid Behbudov 45",
            ),
        ] {
            finds(text, address, Kind::Address);
        }
        // Beside an address, only a part that is a name and a number.
        let addresses = |text: &str| {
            found(text)
                .into_iter()
                .filter(|(_, k)| *k == Kind::Address)
                .count()
        };
        assert_eq!(
            addresses("flat 5, Barda District, in 2024, Rauf 2 times"),
            1
        );
        // A year of birth by its last two digits.
        finds("Fariz, b. '86, from Tərtər", "'86", Kind::Date);
        finds("She was born in ’74 in Quba", "’74", Kind::Date);
        for text in [
            "in 1992 we left",
            "about 40 Street Children came",
            "page 12 St",
        ] {
            finds_none(text, |k| *k == Kind::Address);
        }
    }

    #[test]
    fn a_familys_unit_in_a_building() {
        for (text, unit) in [
            ("we got Block C, room 305, of the centre", "room 305"),
            ("we got Block C, room 305, of the centre", "Block C"),
            ("в доме 14 на улице", "доме 14"),
            ("в квартире № 7", "квартире № 7"),
            ("в комнате 12 общежития", "комнате 12"),
            ("корпус Б, второй этаж", "корпус Б"),
            ("biz 7 saylı binada, otaq 12-də qaldıq", "otaq 12"),
            ("blok A-da, mənzil 4", "mənzil 4"),
            ("17-ci məhəllə, ev 5, mənzil 22", "ev 5"),
            ("17-ci məhəllə, ev 5, mənzil 22", "17-ci məhəllə"),
            (
                "Sumqayıt, 3-cü mikrorayon, bina 21, mənzil 8",
                "3-cü mikrorayon",
            ),
            ("Sumqayıt, 3-cü mikrorayon, bina 21, mənzil 8", "bina 21"),
            ("г. Сумгаит, мкр. 5, дом 7", "мкр. 5"),
            ("Хәтаи району, мәнзил 9 үнванында", "мәнзил 9"),
            // Abbreviated, in capitals, without the letter ə (a form, a
            // phone's keyboard).
            ("ADDRESS: MINGACHEVIR, 4 MKR, BINA 11, MENZIL 27", "4 MKR"),
            ("ADDRESS: MINGACHEVIR, 4 MKR, BINA 11, MENZIL 27", "BINA 11"),
            (
                "ADDRESS: MINGACHEVIR, 4 MKR, BINA 11, MENZIL 27",
                "MENZIL 27",
            ),
            ("Yevlax, mkr. 2, bina 6, menzil 40", "mkr. 2"),
            ("Yevlax, mkr. 2, bina 6, menzil 40", "menzil 40"),
            ("в 8-м микрорайоне жили", "8-м микрорайоне"),
            ("სასტუმროში, ოთახი 214, ვცხოვრობთ", "ოთახი 214"),
            ("დასახლებაში ცხოვრობს, სახლი 87, ქალიშვილთან", "სახლი 87"),
            ("ապրում է 4-րդ թաղամասում, շենք 12, որդու հետ", "շենք 12"),
            ("հանրակացարանի սենյակ 12-ում", "սենյակ 12"),
        ] {
            finds(text, unit, Kind::Address);
        }
        for text in [
            "корпус Бориса стоял",
            "the block Chair voted",
            "a room with 3 beds",
            "одом 14",
            "5 ev yandı",
            "Hasanov 5 dəfə gəldi",
            "Cabinet 5 met",
            "the mkrs 5",
        ] {
            finds_none(text, |k| *k == Kind::Address);
        }
    }

    #[test]
    fn a_house_on_a_numbered_street() {
        for (text, address) in [
            (
                "нам дали домик на улице 14, номер 37.",
                "улице 14, номер 37",
            ),
            ("we live on street 14, house 37 now", "street 14, house 37"),
            ("biz 14-cü küçə, ev 37-də yaşayırıq", "14-cü küçə, ev 37"),
            ("3rd street, house 12 is ours", "3rd street, house 12"),
            ("Улица №5, дом 8.", "Улица №5, дом 8"),
        ] {
            finds(text, address, Kind::Address);
        }
        for text in ["the street had 14 houses", "14 streets, 37 houses"] {
            finds_none(text, |k| *k == Kind::Address);
        }
    }

    #[test]
    fn years_of_birth_in_georgian_armenian_and_russian_words() {
        for (text, year) in [
            ("რესპონდენტი, დაბადებული 1962 წელს, სოფელში", "1962"),
            ("მე დავიბადე სოხუმში 1975 წელს.", "1975"),
            ("Անահիտը ծնվել է 1970 թվականին գյուղում:", "1970"),
            // The year first, the verb after.
            ("ბაბუაჩემი თენგიზი 1938 წელს დაიბადა.", "1938"),
            ("Նա 1965 թվականին Ճարտարում է ծնվել:", "1965"),
            (
                "Родилась в Шуше, в пятьдесят девятом году.",
                "пятьдесят девятом",
            ),
            ("он родился в девяностом году", "девяностом"),
        ] {
            finds(text, year, Kind::Date);
        }
        finds_none("1993 წელს სოხუმი დაეცა.", |k| *k == Kind::Date);
    }

    #[test]
    fn a_numbered_part_of_a_document_is_no_place() {
        for text in [
            "Müsahibə №7. Sumqayıt.",
            "Интервью №12, Тбилиси",
            "Interview #7 (audio)",
            "Протокол №3 встречи",
            "see Table #2 and Respondent #14",
            "ინტერვიუ №3.",
            "Հարցազրույց №5.",
        ] {
            finds_none(text, |k| *k == Kind::Place);
        }
        // Places and files with a number stay replaced.
        for (text, hit) in [
            ("we lived in Block #4 then", "Block #4"),
            ("в Корпусе №2 жили", "Корпусе №2"),
        ] {
            finds(text, hit, Kind::Place);
        }
        finds("the file Дело №45 was closed", "№45", Kind::Id);
    }
}
