//! Lexicons of common words: what the open-world name detector may leave.
//!
//! Default deny needs to know which capitalised words are ordinary words of
//! the text's language (a sentence's first word, a heading, a word in a
//! title) and which are not. A list of a few hundred words cannot say that:
//! on interview speech nobody here wrote, every sentence-initial word outside
//! such a list became a name. So the English and Russian lexicons are the
//! Hunspell dictionaries Debian ships (`data/lexicon/`, rebuilt by
//! `data/build.py`), read by `spellbook` with their affix rules: every
//! inflected form of the American and British English (SCOWL, LibreOffice)
//! and 146,000 Russian stems. A Hunspell dictionary keeps case: `Светлана` is an entry with a
//! capital, so the lower-case form `светлане` is *not* a common word, and a
//! capitalised name stays a name. Azerbaijani has no packaged dictionary; a
//! hand-written list of frequent words (`data/common-az.txt`) with its
//! suffixes stripped stands in for it, and beside it the words of
//! Azerbaijani web text that its writers spell in lower case more often than
//! capitalised (`data/common-az-web.txt`, Tesseract's training data): a
//! name is written capitalised (`Tofiq` far before `tofiq`), a word not.
//! Those count among Azerbaijani words only (see
//! [`Lexicon::is_azerbaijani_web_word`]).

use crate::fold::fold;
use rustc_hash::FxHashSet as HashSet;
use std::sync::OnceLock;

/// The loaded lexicons.
pub struct Lexicon {
    en: spellbook::Dictionary,
    en_gb: spellbook::Dictionary,
    ru: spellbook::Dictionary,
    az: HashSet<String>,
    /// The Azerbaijani list in lower case, its letters kept (`çətin`, not
    /// `cetin`): to tell its words from names of other spellings (`Çetin`).
    az_spelled: HashSet<String>,
    /// Words of Azerbaijani web text more frequent in lower case than
    /// capitalised (`data/common-az-web.txt`, from Tesseract's training
    /// data; first names, settlements and surnames left out), sorted: read
    /// in place and searched, nothing to build at load.
    az_web: Vec<&'static str>,
    /// The Russian dictionary's proper nouns (`Калифорния`, `Нарва`) in
    /// lower case, with and without a final vowel: built the first time a
    /// Russian text asks.
    ru_proper: OnceLock<HashSet<String>>,
}

/// The lexicons, loaded once per process.
pub fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        // The three dictionaries parse side by side (the Russian one alone
        // takes about 50 ms).
        let (en, en_gb, ru) = std::thread::scope(|s| {
            let ru = s.spawn(|| {
                spellbook::Dictionary::new(
                    include_str!("data/lexicon/ru_RU.aff"),
                    include_str!("data/lexicon/ru_RU.dic"),
                )
                .expect("the bundled Russian dictionary parses")
            });
            let en_gb = s.spawn(|| {
                spellbook::Dictionary::new(
                    include_str!("data/lexicon/en_GB.aff"),
                    include_str!("data/lexicon/en_GB.dic"),
                )
                .expect("the bundled British English dictionary parses")
            });
            let en = spellbook::Dictionary::new(
                include_str!("data/lexicon/en_US.aff"),
                include_str!("data/lexicon/en_US.dic"),
            )
            .expect("the bundled English dictionary parses");
            (
                en,
                en_gb.join().expect("no panic"),
                ru.join().expect("no panic"),
            )
        });
        Lexicon {
            en,
            en_gb,
            ru,
            az: az_words().map(|w| fold(&w)).collect(),
            az_spelled: az_words().map(|w| az_lower(&w)).collect(),
            az_web: include_str!("data/common-az-web.txt")
                .lines()
                .filter(|l| !l.starts_with('#'))
                .collect(),
            ru_proper: OnceLock::new(),
        }
    })
}

fn az_words() -> impl Iterator<Item = String> {
    include_str!("data/common-az.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
}

/// Lower case as Azerbaijani writes it: `İ` is `i`, `I` is `ı`.
fn az_lower(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            'İ' => 'i',
            'I' => 'ı',
            c => c.to_lowercase().next().unwrap_or(c),
        })
        .collect()
}

/// Sounds of speech that transcripts write as words (`Mhm`, `Uhhh`, `Хм`),
/// with letters drawn out as they are: no dictionary has them.
fn interjection(lower: &str) -> bool {
    const SOUNDS: &[&str] = &[
        "mhm", "mm", "hm", "uh", "um", "uhm", "er", "erm", "ah", "oh", "eh", "huh", "uhuh", "aha",
        "ooh", "oho", "whoa", "wow", "ugh", "shh", "psst", "yeah", "yep", "nope", "yup", "hmm",
        "mmhm", "ahem", "oops", "ouch", "hey", "hi", "ha", "haha", "hah", "хм", "ээ", "эм", "ага",
        "угу", "ну", "ой", "ах", "эх", "ох", "мм", "аа",
    ];
    let mut squeezed = String::with_capacity(lower.len());
    for c in lower.chars() {
        if !squeezed.ends_with(c) {
            squeezed.push(c);
        }
    }
    SOUNDS.contains(&lower)
        || SOUNDS.contains(&squeezed.as_str())
        || (squeezed == "m" && lower.chars().count() >= 2)
}

/// Azerbaijani endings (folded: `ə` is `e`, `ı` is `i`, `ü` is `u`, `ö` is
/// `o`): plural, possessive, case, copula; up to three are stripped in turn
/// (`evlərimizdən`: ev-lər-imiz-dən).
const AZ_SUFFIXES: &[&str] = &[
    "larindan", "lerinden", "larimiz", "lerimiz", "larini", "lerini", "imizi", "imize", "imizin",
    "imiz", "umuz", "ndan", "nden", "nin", "nun", "nla", "nle", "dan", "den", "dir", "dur", "dik",
    "duk", "lar", "ler", "miz", "muz", "niz", "nuz", "siz", "suz", "da", "de", "di", "du", "in",
    "un", "ni", "nu", "ya", "ye", "si", "su", "im", "um", "la", "le", "a", "e", "i", "u", "m",
];
impl Lexicon {
    /// Whether `word`, written as in the text, is a common word: its
    /// lower-case form is in the lexicon of its script. `Didn`, followed by
    /// `'t` in the text, is checked as `didn't` by the caller.
    pub fn is_common(&self, word: &str) -> bool {
        // Capitalised words repeat (names, sentence openers): remembered per
        // thread, the cache emptied when it grows past 100,000 words.
        thread_local! {
            static SEEN: std::cell::RefCell<rustc_hash::FxHashMap<String, bool>> =
                std::cell::RefCell::new(rustc_hash::FxHashMap::default());
        }
        if let Some(known) = SEEN.with(|s| s.borrow().get(word).copied()) {
            return known;
        }
        let answer = self.lookup(word);
        SEEN.with(|s| {
            let mut s = s.borrow_mut();
            if s.len() >= 100_000 {
                s.clear();
            }
            s.insert(word.to_string(), answer);
        });
        answer
    }

    fn lookup(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        if interjection(&lower) {
            return true;
        }
        if word.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c)) {
            return self.ru.check(&lower);
        }
        if self.en.check(&lower) || self.en_gb.check(&lower) {
            return true;
        }
        let folded = fold(word);
        if self.az.contains(&folded) {
            return true;
        }
        // Azerbaijani suffixes on a listed stem: müharibədən, evlərimizi,
        // telefonum, şəxsiyyət vəsiqəm.
        self.az_stem(&folded, 3)
    }

    /// Whether `word` is on the list of Azerbaijani web text's words, its
    /// letters as Azerbaijani writes them (`Cinayət`, `Müəyyən`). Not part
    /// of [`Lexicon::is_common`]: a word of Azerbaijani only among English
    /// words is a name (`Zəfər and Nərmin, twins`); the caller asks with the
    /// words around it.
    pub fn is_azerbaijani_web_word(&self, word: &str) -> bool {
        self.az_web.binary_search(&az_lower(word).as_str()).is_ok()
    }

    /// Whether `word` is on the Azerbaijani list, with up to three endings
    /// (`həyat`, `həyatımız`), or among the words of Azerbaijani web text.
    pub fn is_azerbaijani_listed(&self, word: &str) -> bool {
        let folded = fold(word);
        self.az.contains(&folded) || self.az_stem(&folded, 3) || self.is_azerbaijani_web_word(word)
    }

    /// Whether `word` is in the English or the Russian dictionary (not
    /// only in the short Azerbaijani list): a word of a language the
    /// dictionaries cover whole.
    pub fn is_english_or_russian(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        self.ru.check(&lower) || self.en.check(&lower) || self.en_gb.check(&lower)
    }

    /// Whether `word` is written with letters of Azerbaijani spelling (`ə`,
    /// `ı`, `ş`, `ğ`, `ç`, `ö`, `ü`) and the Azerbaijani list has it as
    /// written: `Baş`, `Şəhər`, `Əmək` are words, though folded
    /// they spell first names of elsewhere (`Bas`, `Seher`, `Emek`); as
    /// listed, letter for letter (`Çetin`, a Turkish name, is no `çətin`).
    pub fn is_azerbaijani_word(&self, word: &str) -> bool {
        word.contains([
            'ə', 'Ə', 'ı', 'ş', 'Ş', 'ğ', 'ç', 'Ç', 'ö', 'Ö', 'ü', 'Ü', 'İ',
        ]) && self.az_spelled.contains(&az_lower(word))
    }

    /// Whether `word` is a two-letter Azerbaijani word with endings (`evi`,
    /// `evdə`, `suyu`, `ayda`): asked of words in lower case only, since
    /// the same letters capitalised are first names (`Evin`, `Suna`, `Ayla`).
    pub fn is_short_az_word_with_endings(&self, word: &str) -> bool {
        let folded = fold(word);
        AZ_SUFFIXES.iter().any(|s| {
            folded.strip_suffix(s).is_some_and(|stem| {
                (stem.chars().count() == 2 && self.az.contains(stem))
                    || AZ_SUFFIXES.iter().any(|s2| {
                        stem.strip_suffix(s2)
                            .is_some_and(|root| root.chars().count() == 2 && self.az.contains(root))
                    })
            })
        })
    }

    /// Whether `folded` is a listed Azerbaijani word with up to `depth`
    /// endings.
    fn az_stem(&self, folded: &str, depth: usize) -> bool {
        depth > 0
            && AZ_SUFFIXES.iter().any(|s| {
                folded.strip_suffix(s).is_some_and(|stem| {
                    stem.chars().count() >= 3
                        && (self.az.contains(stem) || self.az_stem(stem, depth - 1))
                })
            })
    }

    /// Whether `word` is a demonym or language the English dictionary knows
    /// as a proper noun (`Australian`, `Chinese`, `Danish`, `Kenyan`).
    pub fn is_demonym(&self, word: &str) -> bool {
        const ENDINGS: &[&str] = &["ian", "ean", "an", "ese", "ish", "ic", "i"];
        // Surname endings no nationality has (`Kowalski`; not `-yan`:
        // `Kenyan`, `Libyan`).
        const SURNAMES: &[&str] = &["ski", "sky"];
        ENDINGS.iter().any(|e| word.ends_with(e))
            && !SURNAMES.iter().any(|e| word.ends_with(e))
            && word.chars().next().is_some_and(char::is_uppercase)
            && (self.en.check(word) || self.en_gb.check(word))
            && !self.is_common(word)
    }

    /// Whether an all-capitals word is a known abbreviation or word as
    /// written (`TV`, `OK`, `СССР`, `USSR`, `HOUSE`), and not the capitals
    /// of a proper noun (`DENISE`, `SMITH`: Hunspell accepts every word in
    /// capitals, names included).
    pub fn is_known_caps(&self, word: &str) -> bool {
        if self.is_common(word) {
            return true;
        }
        let mut title = String::with_capacity(word.len());
        for (i, c) in word.chars().enumerate() {
            if i == 0 {
                title.push(c);
            } else {
                title.extend(c.to_lowercase());
            }
        }
        if word.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c)) {
            self.ru.check(word) && !self.ru.check(&title)
        } else {
            (self.en.check(word) || self.en_gb.check(word))
                && !(self.en.check(&title) || self.en_gb.check(&title))
        }
    }

    /// Whether `word` is a case form of a proper noun of the Russian
    /// dictionary (`Калифорнии`, `Нарву`): Hunspell accepts it in lower
    /// case too, so [`Self::is_common`] cannot tell it from a word.
    pub fn is_russian_proper(&self, word: &str) -> bool {
        let set = self.ru_proper.get_or_init(|| {
            let mut set = HashSet::default();
            for line in include_str!("data/lexicon/ru_RU.dic").lines() {
                let entry = line.split('/').next().unwrap_or("").trim();
                let mut chars = entry.chars();
                let (Some(first), Some(second)) = (chars.next(), chars.next()) else {
                    continue;
                };
                if !first.is_uppercase() || second.is_uppercase() {
                    continue;
                }
                let lower = entry.to_lowercase();
                if let Some(last) = lower.chars().last()
                    && "аяоеёыиьйу".contains(last)
                {
                    set.insert(lower[..lower.len() - last.len_utf8()].to_string());
                }
                set.insert(lower);
            }
            set
        });
        let lower = word.to_lowercase();
        let mut end = lower.len();
        for _ in 0..=3 {
            if lower[..end].chars().count() < 4 {
                return false;
            }
            if set.contains(&lower[..end]) {
                return true;
            }
            match lower[..end].chars().last() {
                Some(c) => end -= c.len_utf8(),
                None => return false,
            }
        }
        false
    }

    /// Whether a capitalised word is a proper noun of the English
    /// dictionary (SCOWL's names of famous people, places and bodies:
    /// `Einstein`, `Tulsa`, `Microsoft`) and no common word.
    pub fn is_proper_noun(&self, word: &str) -> bool {
        word.chars().next().is_some_and(char::is_uppercase)
            && word.chars().skip(1).all(|c| !c.is_uppercase())
            && (self.en.check(word) || self.en_gb.check(word))
            && !self.is_common(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_words_and_names() {
        let l = lexicon();
        for w in [
            "When",
            "Honestly",
            "Villages",
            "Когда",
            "Общежитии",
            "Biz",
            "Müharibədən",
            "Telefonum",
            "Evlərimizdən",
            "Şəxsiyyət",
            "Then",
            "Mhm",
            "Uhhh",
            "Hmmm",
        ] {
            assert!(l.is_common(w), "{w} is common");
        }
        for w in [
            "Zemfira",
            "Novak",
            "Hakan",
            "Светлане",
            "Петровне",
            "Гасанову",
            "Qazax",
            "Wilson",
        ] {
            assert!(!l.is_common(w), "{w} is not common");
        }
        assert!(l.is_known_caps("TV"));
        assert!(l.is_known_caps("HOUSE"));
        assert!(l.is_known_caps("USSR"));
        assert!(!l.is_known_caps("HASANOV"));
        // Names in capitals are no known words.
        assert!(!l.is_known_caps("DENISE"));
        assert!(!l.is_known_caps("THEO"));
        assert!(l.is_proper_noun("Einstein"));
        assert!(!l.is_proper_noun("Zemfira"));
        assert!(!l.is_proper_noun("House"));
    }
}
