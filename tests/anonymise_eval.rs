//! The anonymisation evaluation: a fictional, labelled set of 30 interview
//! transcripts generated deterministically from templates (every identifier's
//! span and kind is known because the generator put it there), covering
//! lower-case names in casual speech, ALL-CAPS headings, possessives, Russian
//! declensions, names across line breaks, initials, names inside e-mail
//! addresses, every phone format of the region, speaker labels, nicknames, and
//! public names that must stay. Prints recall by kind for registered and
//! unregistered identifiers and the over-redaction rate of allow-listed names;
//! fails below the targets (100 % registered, 95 % unregistered persons and
//! small places, at most 5 % over-redaction).

use pipeline::anonymise::{Anonymiser, Pseudonyms, Register, Resources};
use std::collections::BTreeMap;

const REGISTER: &str = "kind,canonical,aliases,pseudonym
person,Leyla Məmmədova,Leylush|Лейла Мамедова,
person,Rauf Həsənov,Rauf Hasanov|Рауф Гасанов,
person,Anahit Petrosyan,Ani|Анаит Петросян,
person,Giorgi Tsiklauri,Gio|Гиорги Циклаури,
person,Nino Beridze,Нино Беридзе,
person,Səbinə İsmayılova,Sabina Ismayilova|Сабина Исмаилова,
person,Karen Sargsyan,Карен Саргсян,
person,Tamar Kapanadze,Tamuna,
person,Elnur Quliyev,Elnur Guliyev|Эльнур Кулиев,
person,Gayane Hovhannisyan,Гаяне Оганесян,
place,Aşağı Güneyli,Ashaghy Guneyli,
place,Verin Aghbyur,,
place,Zemo Bargebi,,
place,Qızılqaya,Gyzylgaya|Кызылкая,
place,Çardaqlı,Chardaqly,
";

/// Registered persons: (canonical, first, last, nickname, Cyrillic surname).
const PERSONS: &[(&str, &str, &str, &str, &str)] = &[
    (
        "Leyla Məmmədova",
        "Leyla",
        "Məmmədova",
        "Leylush",
        "Мамедова",
    ),
    ("Rauf Həsənov", "Rauf", "Həsənov", "Rauf", "Гасанов"),
    ("Anahit Petrosyan", "Anahit", "Petrosyan", "Ani", "Петросян"),
    ("Giorgi Tsiklauri", "Giorgi", "Tsiklauri", "Gio", "Циклаури"),
    ("Nino Beridze", "Nino", "Beridze", "Nino", "Беридзе"),
    (
        "Səbinə İsmayılova",
        "Səbinə",
        "İsmayılova",
        "Sabina",
        "Исмаилова",
    ),
    ("Karen Sargsyan", "Karen", "Sargsyan", "Karen", "Саргсян"),
    ("Elnur Quliyev", "Elnur", "Quliyev", "Elnur", "Кулиев"),
];
const VILLAGES: &[&str] = &[
    "Aşağı Güneyli",
    "Verin Aghbyur",
    "Zemo Bargebi",
    "Qızılqaya",
    "Çardaqlı",
];
/// Unregistered persons (first name from the region's lists, surname by morphology).
const UNREGISTERED: &[&str] = &[
    "Kamran Abdullayev",
    "Nigar Rzayeva",
    "Tural Nəsibov",
    "Armine Grigoryan",
    "Levan Gelashvili",
    "Eka Chkheidze",
    "Vugar Mammadli",
    "Aysel Hüseynzadə",
    "Tigran Avetisyan",
    "Natia Kvaratskhelia",
    "Orxan Cəfərov",
    "Marina Sokolova",
];
/// Unregistered small places, written after a marker.
const SMALL_PLACES: &[&str] = &[
    "Yuxarı Veysəlli",
    "Sarıbulaq",
    "Dağyurd",
    "Nor Getashen",
    "Zeda Etseri",
    "Kəpənəkçi",
];
const PUBLIC: &[&str] = &[
    "Baku",
    "Tbilisi",
    "Yerevan",
    "Ganja",
    "Georgia",
    "Azerbaijan",
    "UNHCR",
    "the State Committee for Refugees and IDPs",
    "Zugdidi",
    "Goris",
];
const PHONES: &[&str] = &[
    "+994 50 123 45 67",
    "+994 12 555 01 23",
    "(012) 555-01-23",
    "050 123 45 67",
    "+995 599 12 34 56",
    "+995 32 212 34 56",
    "+374 10 123456",
    "+374 91 234567",
    "+7 495 123-45-67",
    "8 (495) 123-45-67",
    "+994501234567",
];

struct Doc {
    text: String,
    /// (start, end, kind, registered)
    labels: Vec<(usize, usize, &'static str, bool)>,
    /// (start, end) of public names that must stay.
    public: Vec<(usize, usize)>,
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as usize
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.next() % xs.len()]
    }
}

impl Doc {
    fn put(&mut self, s: &str) {
        self.text.push_str(s);
    }
    fn id(&mut self, s: &str, kind: &'static str, registered: bool) {
        let start = self.text.len();
        self.text.push_str(s);
        self.labels.push((start, self.text.len(), kind, registered));
    }
    fn public(&mut self, s: &str) {
        let start = self.text.len();
        self.text.push_str(s);
        self.public.push((start, self.text.len()));
    }
}

fn transcript(n: usize) -> Doc {
    let mut r = Rng(0x5eed_0000 + n as u64 * 7919);
    let mut d = Doc {
        text: String::new(),
        labels: Vec::new(),
        public: Vec::new(),
    };
    let p = *r.pick(PERSONS);
    // ALL-CAPS heading with the name.
    d.put("INTERVIEW WITH ");
    d.id(&p.0.to_uppercase(), "person", true);
    d.put("\n\n");
    for _ in 0..120 {
        let q = *r.pick(PERSONS);
        let v = *r.pick(VILLAGES);
        let u = *r.pick(UNREGISTERED);
        let w = *r.pick(SMALL_PLACES);
        let pubname = *r.pick(PUBLIC);
        match r.next() % 16 {
            0 => {
                d.put("Interviewer: Where were you born?\n\n");
                d.id(q.1, "person", true);
                d.put(": In ");
                d.id(v, "place", true);
                d.put(", near ");
                d.public(pubname);
                d.put(".\n\n");
            }
            1 => {
                d.put("Respondent: oh, ");
                d.id(&q.1.to_lowercase(), "person", true);
                d.put(" was always there, you know, ");
                d.id(&q.4.to_lowercase().replace("ä", "a"), "person", true);
                d.put(" too.\n\n");
            }
            2 => {
                d.put("Respondent: ");
                d.id(&format!("{}'s", q.2).replace("'s", ""), "person", true);
                d.put("'s house was next to ours.\n\n");
            }
            3 => {
                // Russian declension of a Cyrillic surname.
                let forms = ["у", "ым", "ой", "ых", "а", "е"];
                let stem = q.4.trim_end_matches('а');
                let form = if q.4.ends_with("ов") || q.4.ends_with("ев") || q.4.ends_with('а')
                {
                    format!("{stem}{}", r.pick(&forms))
                } else {
                    q.4.to_string()
                };
                d.put("Респондент: Мы с ");
                d.id(&form, "person", true);
                d.put(" жили в ");
                d.public("Баку");
                d.put(".\n\n");
            }
            4 => {
                d.put("Respondent: My neighbour ");
                d.id(&format!("{}\n{}", q.1, q.2), "person", true);
                d.put(" helped us.\n\n");
            }
            5 => {
                d.put("Note: signed by ");
                let initial: String = q.1.chars().take(1).collect();
                d.id(&format!("{initial}. {}", q.2), "person", true);
                d.put(" on behalf of the family.\n\n");
            }
            6 => {
                d.put("Respondent: write to ");
                let local = format!(
                    "{}.{}",
                    pipeline::fold::fold(q.1),
                    pipeline::fold::fold(q.2)
                );
                d.id(&format!("{local}@mail.az"), "email", true);
                d.put(" if you need anything.\n\n");
            }
            7 => {
                d.put("Respondent: call me on ");
                let phone = PHONES[r.next() % PHONES.len()];
                d.id(phone, "phone", false);
                d.put(" in the evening.\n\n");
            }
            8 => {
                d.put("Respondent: we all call her ");
                d.id(q.3, "person", true);
                d.put(", since school.\n\n");
            }
            9 => {
                d.put("Respondent: Then ");
                d.id(u, "person", false);
                d.put(" came with the lorry from ");
                d.public(pubname);
                d.put(".\n\n");
            }
            10 => {
                d.put("Respondent: We were from the village of ");
                d.id(w, "place", false);
                d.put(", high in the hills.\n\n");
            }
            11 => {
                d.put("Respondent: I am ");
                d.id(&format!("{}", 20 + r.next() % 60), "age", false);
                d.put(" now, and we left on ");
                d.id(&format!("{} April 1993", 1 + r.next() % 28), "date", false);
                d.put(".\n\n");
            }
            12 => {
                d.put("Respondent: ");
                d.id(u.split(' ').next().unwrap(), "person", false);
                d.put(" and ");
                d.id(q.0, "person", true);
                d.put(" went to ");
                d.public(pubname);
                d.put(" for the papers.\n\n");
            }
            13 => {
                d.put("Interviewer: And ");
                d.id(&format!("{} {}", q.1, q.2).to_uppercase(), "person", true);
                d.put("? Respondent: still in ");
                d.id(v, "place", true);
                d.put(".\n\n");
            }
            14 => {
                d.put("Respondent: Mr ");
                d.id(u.split(' ').nth(1).unwrap(), "person", false);
                d.put(" from ");
                d.public(pubname);
                d.put(" promised us a flat.\n\n");
            }
            _ => {
                d.put("Respondent: it was a long winter in ");
                d.public(pubname);
                d.put(", and ");
                let other = *r.pick(PUBLIC);
                d.public(other);
                d.put(" helped a little.\n\n");
            }
        }
    }
    d
}

#[test]
fn recall_and_over_redaction_meet_the_targets() {
    let anon = Anonymiser::new(
        Register::parse(REGISTER).unwrap(),
        Resources::builtin("", ""),
    );
    let mut table = Pseudonyms::default();
    anon.seed(&mut table);
    // (registered, kind) → (found, total)
    let mut recall: BTreeMap<(bool, &str), (usize, usize)> = BTreeMap::new();
    let (mut public_total, mut public_replaced) = (0usize, 0usize);
    let mut misses = Vec::new();
    let mut chars = 0;
    for n in 0..30 {
        let d = transcript(n);
        chars += d.text.chars().count();
        let out = anon.anonymise(&d.text, &mut table);
        let covered =
            |a: usize, b: usize| out.replacements.iter().any(|r| r.start <= a && r.end >= b);
        for &(a, b, kind, registered) in &d.labels {
            let e = recall.entry((registered, kind)).or_default();
            e.1 += 1;
            if covered(a, b) {
                e.0 += 1;
            } else {
                misses.push(format!(
                    "{} {kind}: {:?}",
                    if registered {
                        "registered"
                    } else {
                        "unregistered"
                    },
                    &d.text[a..b]
                ));
            }
        }
        for &(a, b) in &d.public {
            public_total += 1;
            if out.replacements.iter().any(|r| r.start < b && r.end > a) {
                public_replaced += 1;
            }
        }
    }
    println!("anonymisation evaluation: 30 transcripts, {chars} characters");
    println!("| identifiers | kind | found | total | recall |");
    println!("|---|---|---|---|---|");
    for ((registered, kind), (found, total)) in &recall {
        let who = if *registered {
            "registered"
        } else {
            "unregistered"
        };
        println!(
            "| {who} | {kind} | {found} | {total} | {:.1} % |",
            100.0 * *found as f64 / *total as f64
        );
    }
    let over = 100.0 * public_replaced as f64 / public_total as f64;
    println!(
        "| allow-listed public names replaced | | {public_replaced} | {public_total} | {over:.1} % over-redaction |"
    );
    misses.sort();
    misses.dedup();
    for m in misses.iter().take(40) {
        println!("missed: {m}");
    }
    for ((registered, kind), (found, total)) in &recall {
        let rate = *found as f64 / *total as f64;
        if *registered {
            assert_eq!(found, total, "registered {kind}: every one must be found");
        } else if *kind == "person" || *kind == "place" {
            assert!(rate >= 0.95, "unregistered {kind}: recall {rate:.3} < 0.95");
        } else {
            assert!(rate >= 0.95, "{kind}: recall {rate:.3} < 0.95");
        }
    }
    assert!(over <= 5.0, "over-redaction {over:.1} % > 5 %");
}
