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
    url: Regex,
    date: Vec<Regex>,
    id: Vec<Regex>,
    phone: Regex,
    age: Vec<Regex>,
    address: Vec<Regex>,
}

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
            url: Regex::new(r"(?i)(?-u:\b)(?:https?://|www\.)[^\s<>()\x22]+[^\s<>()\x22.,;:!?]").unwrap(),
            date: vec![
                // 12.04.1993, 12/04/93, 1993-04-12
                Regex::new(r"(?-u:\b)(?:0?[1-9]|[12]\d|3[01])[./-](?:0?[1-9]|1[0-2])[./-](?:19|20)?\d\d(?-u:\b)").unwrap(),
                Regex::new(r"(?-u:\b)(?:19|20)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?-u:\b)").unwrap(),
                // 12 April 1993, 12th of April, 12 апреля 1993 г., 12 aprel 1993
                Regex::new(&format!(r"(?i)(?-u:\b)(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?(?:\s+of)?\s+{months}(?:,?\s+(?:19|20)\d\d(?:\s*(?:г\.|года|il))?|[^\p{{L}}\p{{N}}]|$)")).unwrap(),
                // April 12, 1993 / April 12
                Regex::new(&format!(r"(?i)(?-u:\b){months}\s+(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?(?-u:\b)(?:,?\s+(?:19|20)\d\d)?")).unwrap(),
            ],
            id: vec![
                // Passport and card numbers: AZE12345678, C01234567, AA 1234567
                Regex::new(r"(?-u:\b)(?:AZE|AA|AB|AM|AN|AR|C|P|No?)\s?\d{6,9}(?-u:\b)").unwrap(),
                // A number after a document word: passport 123456, IDP card No. 12345, № 123456
                Regex::new(r"(?i)(?:passport|id|card|certificate|document|паспорт\p{L}*|удостоверени\p{L}*|vəsiqə\p{L}*)(?:\s+(?:number|no\.?|nr\.?|№|#))?[\s:]*(?:№\s*)?[A-Z]{0,3}\s?\d{5,12}(?-u:\b)").unwrap(),
                Regex::new(r"№\s?\d{4,12}(?-u:\b)").unwrap(),
            ],
            // +994 12 555 01 23, (012) 555-01-23, 050 123 45 67, 8 (495) 123-45-67, +995 599 12 34 56
            phone: Regex::new(r"(?:(?:\+\d{1,3}|(?-u:\b)8)[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]\d{2,6}){1,4}(?-u:\b)|\+\d{9,14}(?-u:\b)|(?-u:\b)0\d{9}(?-u:\b)").unwrap(),
            age: vec![
                Regex::new(r"(?i)(?-u:\b)(?:i\s+am|i'm|i’m|aged?|he\s+is|she\s+is|he's|she's)\s+(\d{1,3})(?-u:\b)(?:\s+years?(?:\s+old)?)?").unwrap(),
                Regex::new(r"(?i)(?-u:\b)(\d{1,3})[\s-]years?[\s-]old(?-u:\b)").unwrap(),
                Regex::new(r"(?i)(?-u:\b)(\d{1,3})\s+(?:лет|года|год)").unwrap(),
                Regex::new(r"(?i)(?-u:\b)(\d{1,3})\s+yaş\p{L}*").unwrap(),
            ],
            address: vec![
                Regex::new(r"(?i)(?:\p{Lu}[\p{L}-]+\s+){1,3}(?:street|st\.|avenue|ave\.|küçəsi|prospekti|road)\s*,?\s*(?:(?:house|building|bldg\.?|no\.?|#)\s*)?\d{1,4}[a-z]?(?:\s*,?\s*(?:apt\.?|apartment|flat|kv\.?|mənzil)\s*\d{1,4})?").unwrap(),
                Regex::new(r"(?i)(?-u:\b)\d{1,4}[a-z]?,?\s+(?:\p{Lu}[\p{L}-]+\s+){1,3}(?:street|st\.|avenue|road)(?-u:\b)").unwrap(),
                Regex::new(r"(?i)(?:ул\.|улица|пр\.|проспект)\s+\p{Lu}[\p{L}-]+(?:\s+\p{Lu}[\p{L}-]+)?,?\s*(?:д\.|дом)?\s*\d{1,4}(?:\s*,?\s*(?:кв\.|квартира)\s*\d{1,4})?").unwrap(),
                Regex::new(r"(?i)(?-u:\b)(?:apartment|apt\.|flat|kv\.|кв\.)\s*\d{1,4}(?-u:\b)").unwrap(),
            ],
        }
    })
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
    let mut push = |start, end, kind| out.push(Hit { start, end, kind });
    for m in p.email.find_iter(text) {
        push(m.start(), m.end(), Kind::Email);
    }
    for m in p.url.find_iter(text) {
        push(m.start(), m.end(), Kind::Url);
    }
    for r in &p.date {
        for m in r.find_iter(text) {
            // A written month is matched with the character after it (the
            // regex has no Unicode word boundary); leave that character out.
            let end = m.start()
                + m.as_str()
                    .trim_end_matches(|c: char| !c.is_alphanumeric() && c != '.')
                    .len();
            push(m.start(), end, Kind::Date);
        }
    }
    for r in &p.id {
        for m in r.find_iter(text) {
            push(m.start(), m.end(), Kind::Id);
        }
    }
    for m in p.phone.find_iter(text) {
        let s = m.as_str();
        let n = digits(s);
        // Phone numbers have 7–15 digits; a span of years (1992-1994) or a
        // count is not one.
        let looks_like_years = s
            .split(|c: char| !c.is_ascii_digit())
            .filter(|x| !x.is_empty())
            .all(|x| x.len() == 4);
        if (7..=15).contains(&n) && !looks_like_years {
            push(m.start(), m.end(), Kind::Phone);
        }
    }
    for r in &p.age {
        for c in r.captures_iter(text) {
            let whole = c.get(0).expect("match");
            if let Some(age) = c.get(1).and_then(|a| a.as_str().parse::<u32>().ok())
                && age <= 120
                // Not our own pseudonym `[Age 40–49]`.
                && !text[..c.get(1).expect("group").start()].ends_with("[Age ")
            {
                // The number is replaced by its band; the words around it stay.
                let num = c.get(1).expect("group");
                out.push(Hit {
                    start: num.start(),
                    end: num.end(),
                    kind: Kind::Age(age / 10 * 10),
                });
                let _ = whole;
            }
        }
    }
    for r in &p.address {
        for m in r.find_iter(text) {
            out.push(Hit {
                start: m.start(),
                end: m.end(),
                kind: Kind::Address,
            });
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
        assert!(
            !found("from 1992-1994 we lived")
                .iter()
                .any(|(_, k)| *k == Kind::Phone)
        );
    }

    #[test]
    fn emails_urls_dates_ids_ages_addresses() {
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
                .any(|(s, k)| s.starts_with("12 апреля 1993") && *k == Kind::Date)
        );
        assert!(
            found("April 12, 1993")
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
        assert!(found("I am 47 now").contains(&("47".into(), Kind::Age(40))));
        assert!(found("a 47-year-old man").contains(&("47".into(), Kind::Age(40))));
        assert!(found("мне 47 лет").contains(&("47".into(), Kind::Age(40))));
        assert!(
            found("lived at Nizami street 12, apt. 5")
                .iter()
                .any(|(_, k)| *k == Kind::Address)
        );
        assert!(
            found("ул. Низами, д. 5, кв. 14")
                .iter()
                .any(|(_, k)| *k == Kind::Address)
        );
    }
}
