//! The anonymiser's resources: the name lists, markers, gazetteer and
//! allow-list of `data/`, plus the project's own lists (`corpus/allow-list.txt`,
//! `corpus/settlements.txt`). Loaded once per anonymiser; the lexicons load
//! meanwhile on another thread (see [`super::lexicon`]).

use super::{is_cyrillic, lexicon};
use crate::fold::fold;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Name lists, markers and the allow-list.
#[derive(Debug, Clone, Default)]
pub struct Resources {
    /// First names of every country (generated) and of the region (hand-written).
    pub(super) first_names: HashSet<String>,
    /// First names of the region: also found in lower case.
    pub(super) regional_names: HashSet<String>,
    /// First names of Faker's locales of the region that the other lists
    /// lack (`first-names-locales.txt`; in `first_names` too).
    locale_first_names: HashSet<String>,
    /// First names of the region in the Cyrillic of Russian sources, made
    /// from their Latin spellings (`Эльхан`, `Рамиль`): names when no
    /// Russian word is spelled so (`Слава` stays a word in `Слава богу`).
    pub(super) cyrillic_generated: HashSet<String>,
    /// First names used in Georgia, in Latin (folded): a word in Georgian
    /// script is read in Latin to be found here (see [`georgian_in_latin`]).
    pub(super) georgian_first_names: HashSet<String>,
    /// Surnames of the 1990 US Census (generated): evidence of a person, and
    /// never a public name however famous (`Wilson`, `Newton`).
    pub(super) surnames: HashSet<String>,
    pub(super) rank_before: HashSet<String>,
    pub(super) org_heads: HashSet<String>,
    /// Starts of words that name an organisation in quotes next to them.
    pub(super) org_stems: Vec<String>,
    pub(super) particles: HashSet<String>,
    /// Capitalised words that end a place's name (`Terrace`, `Park`, `Street`).
    pub(super) place_heads: HashSet<String>,
    /// Capitalised words that end a title-cased place's name, whatever
    /// precedes them (`Residential Hall`, `Deer Valley`, `Bergen Blvd`).
    pub(super) place_ends: HashSet<String>,
    /// Capitalised words that begin a place's name (`Fort`, `New`, `North`).
    pub(super) place_prefixes: HashSet<String>,
    /// The place prefixes that make another settlement of a settlement's
    /// name (`New Sarvan`, `Kiçik Dəhnə`, `Zemo Nikozi`): the others but
    /// [`NOT_SETTLEMENT_PREFIXES`].
    pub(super) settlement_prefixes: HashSet<String>,
    /// Stems of the region's Cyrillic first names (`вер`, `надежд`).
    pub(super) cyrillic_name_stems: HashSet<String>,
    /// Stems of one-word allowed names (`baki`, `москв`), for their case forms.
    pub(super) allow_stems: HashSet<String>,
    /// The same for the places named like people (`Севан`, `Масис`):
    /// public only after a preposition of place, in any case there.
    pub(super) after_preposition_stems: HashSet<String>,
    /// Allow-listed phrases by their first word.
    pub(super) allow: HashMap<String, Vec<Vec<String>>>,
    /// Cities named like a person (`Cleveland`, `Florence`), by their first
    /// word: public after a preposition of place only.
    pub(super) allow_after_preposition: HashMap<String, Vec<Vec<String>>>,
    /// Public names that are also common first names of the region
    /// (`Novruz`, `Nizami`): public only after a preposition of place or
    /// time (`during Novruz`, `in Nizami`).
    pub(super) allow_in_context: HashMap<String, Vec<Vec<String>>>,
    /// Famous people's full names (`data/public-figures.txt`, WordNet) by
    /// their last word: public by it alone where the text names them in full.
    pub(super) figures_by_surname: HashMap<String, Vec<Vec<String>>>,
    pub(super) honorific_before: HashSet<String>,
    /// Small settlements replaced wherever they appear.
    pub(super) settlements: Vec<String>,
    pub(super) honorific_after: HashSet<String>,
    /// Both lists in one map, (before a name, after a name): the name
    /// finder asks of every word, with one lookup.
    pub(super) honorifics: HashMap<String, (bool, bool)>,
    pub(super) place_before: HashSet<String>,
    pub(super) place_after: HashSet<String>,
    /// Quasi-identifiers flagged for review (roles, occupations, …).
    pub(super) quasi: super::quasi::Lists,
}

/// Prepositions of place before a city's name (folded): only those that
/// never stand before a person (`from`, `to`, `with` do: `a letter from
/// Austin`).
pub(super) const LOCATIVE: &[&str] = &["in", "near", "outside", "around", "into", "via", "across"];

/// Place prefixes (markers.txt) that name regions and landmarks too, not
/// only settlements: `South Caucasus`, `Upper Svaneti`, `Mount Ararat`,
/// `Lake Sevan`, `Saint Petersburg`, `Great Britain`.
const NOT_SETTLEMENT_PREFIXES: &[&str] = &[
    "north", "south", "east", "west", "upper", "lower", "fort", "port", "mount", "lake", "saint",
    "st", "san", "santa", "great",
    // Ordinals (`Birinci Alıbəyli`): `Birinci Qarabağ müharibəsi` is the
    // First Karabakh War, no village.
    "birinci", "ikinci", "ucuncu", "birinji", "ikinji",
];

/// Prepositions of time, before a holiday's name (`during Novruz`).
pub(super) const TEMPORAL: &[&str] = &[
    "during", "on", "at", "for", "before", "after", "until", "till", "since", "every", "each",
    "last", "next",
];

/// Case endings of Azerbaijani place names (folded) that cannot be mistaken
/// for the end of a personal name: `Bakıya`, `Gəncədə`, `Şəkidən`. The base
/// must then be an allowed name exactly (`Parisa` is no case of `Paris`).
const LATIN_PLACE_ENDINGS: &[&str] = &[
    "ya", "ye", "da", "de", "dan", "den", "nin", "nun", "ni", "nu", "ta", "te", "tan", "ten",
    // `Saatlıdakı` (the one in Saatlı), `Bakılı` (from Baku: only as an
    // adjective, see `Anonymiser::allowed`).
    "daki", "deki", "taki", "teki", "li", "lu",
];

/// Georgian words read in Latin as a first name of Georgia's list: `განა`
/// (`gana`, is it that), `დევი` (`devi`, a giant), `ნანა` stays a name.
const GEORGIAN_WORDS_NAMED: &[&str] = &["gana", "devi"];

/// `w` in Georgian script read letter by letter in Latin, as the national
/// romanisation writes it without its apostrophes (`გოგიტა`: `gogita`,
/// `ვაჟა`: `vazha`, `კახაბერ`: `kakhaber`); `None` for any other letter.
pub(super) fn georgian_in_latin(w: &str) -> Option<String> {
    let mut out = String::with_capacity(w.len());
    for c in w.chars() {
        out.push_str(match c {
            'ა' => "a",
            'ბ' => "b",
            'გ' => "g",
            'დ' => "d",
            'ე' => "e",
            'ვ' => "v",
            'ზ' => "z",
            'თ' | 'ტ' => "t",
            'ი' => "i",
            'კ' | 'ქ' => "k",
            'ლ' => "l",
            'მ' => "m",
            'ნ' => "n",
            'ო' => "o",
            'პ' | 'ფ' => "p",
            'ჟ' => "zh",
            'რ' => "r",
            'ს' => "s",
            'უ' => "u",
            'ღ' => "gh",
            'ყ' => "q",
            'შ' => "sh",
            'ჩ' | 'ჭ' => "ch",
            'ც' | 'წ' => "ts",
            'ძ' => "dz",
            'ხ' => "kh",
            'ჯ' => "j",
            'ჰ' => "h",
            _ => return None,
        });
    }
    Some(out)
}

/// Armenian case endings and article of a name (`Երևան-ում`, `Անահիտ-ը`).
/// (With `յ` after a vowel: `Եվրոպայում`, in Europe.)
pub(super) const ARMENIAN_ENDINGS: &[&str] = &[
    "յում", "յից", "յով", "յին", "յի", "ում", "ից", "ով", "ին", "ի", "ը", "ն", "ու",
];
/// Russian case endings; the base is compared by its stem (`Москв-е`).
const CYRILLIC_PLACE_ENDINGS: &[&str] = &[
    "ои", "ом", "ем", "ою", "еи", "ью", "а", "у", "е", "ы", "и", "ю", "я",
];

/// A word without one final vowel: the stem two case forms share.
fn stem_of(w: &str) -> &str {
    match w.char_indices().last() {
        Some((i, c)) if "аеиоуыэюяь".contains(c) => &w[..i],
        _ => w,
    }
}

/// The stems a Cyrillic first name declines on: its own (`светлан-е`),
/// and for a short everyday name in `-а`/`-я` those of its
/// diminutives in `-ка`, `-очка`/`-ечка`, `-енька`, `-уля`/`-юша`
/// (`Ленке`, `Сашкой`, `Танечку`, `Оленьки`, `Танюшей`), which the Russian
/// dictionary may know as words of their own (`ленке`, of the fish
/// `ленок`).
fn diminutive_stems(name: &str) -> Vec<String> {
    let stem = stem_of(name);
    let mut out = vec![stem.to_string()];
    let short = (2..=4).contains(&stem.chars().count());
    if short && name.ends_with(['а', 'я']) {
        let soft = name.ends_with('я');
        let k = if soft && !stem.ends_with(['ш', 'ж', 'ч', 'щ']) {
            "ьк"
        } else {
            "к"
        };
        for ending in [k, "очк", "ечк", "еньк", "ул", "юш", "уш"] {
            out.push(format!("{stem}{ending}"));
        }
    }
    out
}

/// A Cyrillic word (folded) in Latin letters, one letter for one: enough
/// to find a first name of the Latin list written in Russian (`Мари`,
/// `Софи`, `Карен`), not a rule of transcription.
fn latin_of(folded: &str) -> String {
    let mut out = String::with_capacity(folded.len());
    latin_into(folded, &mut out);
    out
}

/// [`latin_of`] into `out` (cleared first; left empty when a letter has no
/// Latin counterpart).
pub(super) fn latin_into(folded: &str, out: &mut String) {
    out.clear();
    for c in folded.chars() {
        out.push_str(match c {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "g",
            'д' => "d",
            'е' | 'э' => "e",
            'ж' => "zh",
            'з' => "z",
            'и' => "i",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ы' => "y",
            'ю' => "yu",
            'я' => "ya",
            'ъ' | 'ь' => "",
            _ => {
                out.clear();
                return;
            }
        });
    }
}

/// The stems of the one-word Cyrillic names of `map` that Russian declines
/// (`Москва` → `в Москве`); foreign names in `и`, `у`, `е`, `ю`, `э` do not
/// (`Сари`, `Баку`): their "stems" would allow every case of a person's name
/// (`Саре`, `Сару` of `Сара`). (A final `и` after a vowel was `й`: `Геранбой`
/// declines.)
fn declinable_stems(map: &HashMap<String, Vec<Vec<String>>>) -> HashSet<String> {
    map.values()
        .flatten()
        .filter(|p| {
            p.len() == 1
                && p[0].chars().count() >= 4
                && is_cyrillic(&p[0])
                && (!p[0].ends_with(['и', 'у', 'е', 'ю', 'э'])
                    || ["аи", "ои", "еи", "уи"].iter().any(|e| p[0].ends_with(e)))
        })
        .map(|p| stem_of(&p[0]).to_string())
        .collect()
}

impl Resources {
    /// Whether `folded` is a first name: of the lists, or a Cyrillic
    /// spelling of one of the Latin list letter for letter (`мари`, `софи`).
    pub(super) fn is_first_name(&self, folded: &str) -> bool {
        self.first_names.contains(folded)
            || (folded
                .chars()
                .next()
                .is_some_and(|c| ('а'..='я').contains(&c))
                && folded.chars().count() >= 3
                && self.first_names.contains(&latin_of(folded)))
    }

    /// Whether `folded` is a first name of Faker's locales only: in
    /// capitals, such a short word is an abbreviation still (`GIZ`, not
    /// `Giz`).
    pub(super) fn locale_first_name_only(&self, folded: &str) -> bool {
        self.locale_first_names.contains(folded)
    }

    /// Whether `folded` is a Cyrillic first name of the region in some case
    /// (`веру`, `надежды`, `светлане` for `вера`, `надежда`, `светлана`).
    pub(super) fn cyrillic_first_name(&self, folded: &str) -> bool {
        self.regional_names.contains(folded)
            || self.cyrillic_generated.contains(folded)
            || self.cyrillic_name_stem(folded)
    }

    /// Whether `folded` has the stem of a Cyrillic first name of the region
    /// under a case ending.
    fn cyrillic_name_stem(&self, folded: &str) -> bool {
        CYRILLIC_PLACE_ENDINGS.iter().any(|e| {
            folded.strip_suffix(e).is_some_and(|base| {
                base.chars().count() >= 2 && self.cyrillic_name_stems.contains(stem_of(base))
            })
        })
    }

    /// Whether `folded` is a case form of a Cyrillic first name of the
    /// region other than the name itself (`гули` of `гуля`), by stem only:
    /// the exact name may be a public place's too and is left to the lists.
    pub(super) fn regional_names_stem(&self, folded: &str) -> bool {
        !self.regional_names.contains(folded) && self.cyrillic_name_stem(folded)
    }

    /// Whether `folded` is a case form of an allowed name in -ия (`Армению`,
    /// `России`, `Грузией`): the base keeps its `и`, so no first name's
    /// forms (`Армен`: `Армена`, `Армену`) can take it.
    pub(super) fn allowed_ia_form(&self, folded: &str) -> bool {
        is_cyrillic(folded)
            && ["ю", "и", "еи", "я"].iter().any(|e| {
                folded.strip_suffix(e).is_some_and(|base| {
                    base.ends_with('и')
                        && base.chars().count() >= 3
                        && self.allow_stems.contains(base)
                })
            })
    }

    /// Whether folded `w` alone is an allow-list entry (not only the first
    /// word of a longer one).
    pub(super) fn allowed_one_word(&self, w: &str) -> bool {
        self.allow
            .get(w)
            .is_some_and(|l| l.iter().any(|p| p.len() == 1))
    }

    /// Whether folded `w` is an allowed place's name with `-lı` (`bakili`):
    /// one from the place as an adjective (`Bakılı qonşular`), but also a
    /// surname or a village's name (`Qarabağlı`, `Qaradağlı`).
    pub(super) fn of_place_li(&self, w: &str) -> bool {
        ["li", "lu"].iter().any(|e| {
            w.strip_suffix(e)
                .is_some_and(|base| base.chars().count() >= 4 && self.allowed_one_word(base))
        })
    }

    /// Whether folded Cyrillic `w` is an adjective of an allowed place in any
    /// case (`Агдамском районе`, `Огузского`, `Бардинского` of Барда), which
    /// the dictionary does not know.
    fn allowed_place_adjective(&self, w: &str) -> bool {
        const ENDINGS: &[&str] = &[
            "скии",
            "ского",
            "скому",
            "ским",
            "ском",
            "ских",
            "скими",
            "ская",
            "скои",
            "скую",
            "ское",
            "ские",
        ];
        // (Of a place named like a person too: `Огузском`, of `Огуз`, is no
        // form of a person's name.)
        let place = |x: &str| {
            self.allowed_one_word(x)
                || self
                    .allow_after_preposition
                    .get(x)
                    .is_some_and(|l| l.iter().any(|p| p.len() == 1))
        };
        ENDINGS.iter().any(|e| {
            w.strip_suffix(e).is_some_and(|stem| {
                stem.chars().count() >= 3
                    && (place(stem)
                        || place(&format!("{stem}а"))
                        || place(&format!("{stem}ь"))
                        || stem
                            .strip_suffix("ин")
                            .is_some_and(|b| place(&format!("{b}а")) || place(b)))
            })
        })
    }

    /// Whether a Cyrillic `folded` is a case form of a name whose stem is in
    /// `stems` (`Москв-е`).
    pub(super) fn case_of_stem(stems: &HashSet<String>, folded: &str) -> bool {
        CYRILLIC_PLACE_ENDINGS.iter().any(|e| {
            folded.strip_suffix(e).is_some_and(|base| {
                base.chars().count() >= 3
                    && (stems.contains(stem_of(base))
                        // `Геранбо-ем`, `Геранбо-я`: of a name in -ой
                        // (folded -ои), whose stem keeps its `о`.
                        || (base.ends_with(['а', 'о', 'е', 'у']) && stems.contains(base)))
            })
        })
    }

    /// Whether `folded` is a case form of a one-word allowed place.
    pub(super) fn allowed_stem(&self, folded: &str) -> bool {
        if is_cyrillic(folded) {
            // The base itself for names in -ия (`Росси-ю`, `Грузи-и`: the
            // stem of `Россия` keeps its `и`), else its stem (`Москв-е`).
            self.allowed_ia_form(folded)
                || Self::case_of_stem(&self.allow_stems, folded)
                || self.allowed_place_adjective(folded)
        } else if folded
            .chars()
            .any(|c| ('\u{10d0}'..='\u{10ff}').contains(&c))
        {
            // Georgian case endings on a public place's stem (`თბილისში`,
            // in Tbilisi; `ამერიკიდან`, from America; `რუსეთის`): the
            // nominative's `-ი` or `-ა` dropped before them.
            [
                "ისთვის",
                "იდან",
                "დან",
                "ში",
                "ზე",
                "თან",
                "მდე",
                "ის",
                "ით",
                "ად",
                "ს",
            ]
            .iter()
            .filter_map(|e| folded.strip_suffix(e))
            .any(|base| {
                base.chars().count() >= 2
                    && [base.to_string(), format!("{base}ი"), format!("{base}ა")]
                        .iter()
                        .any(|w| self.allowed_one_word(w))
            })
        } else if folded.chars().any(|c| ('\u{531}'..='\u{58f}').contains(&c)) {
            // Armenian case endings and article (`Երևանում`, in Yerevan;
            // `Գյումրիից`, from Gyumri; `Մասիսի`).
            ARMENIAN_ENDINGS.iter().any(|e| {
                folded
                    .strip_suffix(e)
                    .is_some_and(|base| base.chars().count() >= 3 && self.allowed_one_word(base))
            })
        } else {
            let allowed_word = |base: &str| self.allowed_one_word(base);
            let womans_surname = |base: &str| {
                folded.ends_with('a') && ["ov", "ev", "in", "yn"].iter().any(|s| base.ends_with(s))
            };
            // A copula may follow the case ending (`Rusiyadadır`, is in
            // Russia; `Bakıdaydı`, was in Baku).
            let bare = (folded.len() >= 8 && folded.ends_with(['r', 'i', 'u']))
                .then(|| {
                    [
                        "dir", "dur", "tir", "tur", "ydi", "ydu", "di", "du", "ti", "tu",
                    ]
                    .iter()
                    .filter_map(|c| folded.strip_suffix(c))
                    .find(|rest| rest.ends_with(['a', 'e']) && rest.chars().count() >= 6)
                })
                .flatten();
            std::iter::once(folded).chain(bare).any(|w| {
                LATIN_PLACE_ENDINGS.iter().any(|e| {
                    w.strip_suffix(e)
                        .is_some_and(|base| base.chars().count() >= 4 && allowed_word(base))
                })
            })
            // The dative and genitive after a consonant (`İrana`,
            // `Gürcüstana`, `Ağdamın`), unless the whole word is a first
            // name (`Parisa` is no case of `Paris`). Not the accusative:
            // `Filippini` is a surname, not `Filippin` (the Philippines).
            // Nor a woman's surname of Russian shape (`Olga Sokolova`, not
            // a case of `Sokolov`; `Anna Rostova`).
            || ["a", "e", "in", "un"].iter().filter_map(|e| folded.strip_suffix(e)).any(|base| {
                base.chars().count() >= 4
                    && !base.ends_with(['a', 'e', 'i', 'o', 'u'])
                    && !womans_surname(base)
                    && allowed_word(base)
                    && !self.is_first_name(folded)
                    && !self.regional_names.contains(folded)
            })
        }
    }
}

fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

pub(super) fn words_of(s: &str) -> Vec<String> {
    crate::fold::word_spans(s)
        .map(|(a, b)| fold(&s[a..b]))
        .collect()
}

impl Resources {
    /// Uses `lists` as the quasi-identifiers (the built-in ones plus the
    /// project's, see [`super::QuasiIdentifiers`]); `kept` are texts a person
    /// decided to keep, never flagged again.
    pub fn with_quasi_identifiers(
        mut self,
        mut lists: super::QuasiIdentifiers,
        kept: &[String],
    ) -> Resources {
        lists.kept = std::mem::take(&mut self.quasi.kept);
        lists.kept.extend(kept.iter().map(|t| fold(t.trim())));
        self.quasi = lists;
        self
    }

    /// The built-in lists (`src/anonymise/data/`), plus the project's own.
    ///
    /// In `extra_allow`, a line `-Name` removes a built-in entry. `extra_settlements`
    /// adds to the gazetteer of small settlements.
    pub fn builtin(extra_allow: &str, extra_settlements: &str) -> Resources {
        // The lexicons load meanwhile, on another thread (see `lexicon`),
        // once per process.
        static LOADING: std::sync::Once = std::sync::Once::new();
        LOADING.call_once(|| {
            std::thread::spawn(|| {
                lexicon::lexicon();
            });
        });
        let regional_names: HashSet<String> = lines(include_str!("data/regional-names.txt"))
            .map(fold)
            .collect();
        // The region's first names in the Cyrillic of Russian sources,
        // made from their Latin spellings (`Elxan`: `Эльхан`; `Vüqar`:
        // `Вюгар`): the Latin ones of the list and of Faker's locales, and
        // the first names nam_dict.txt gives for the region. A final `л` is also written
        // `ль` (`Рамиль`, `Фазиль`).
        let latin = |n: &&str| !n.chars().any(|c| c as u32 >= 0x370);
        let generated: Vec<String> = lines(include_str!("data/regional-names.txt"))
            .chain(lines(include_str!("data/first-names-locales.txt")))
            .filter(latin)
            .chain(lines(include_str!("data/first-names-region.txt")))
            .flat_map(super::forms::cyrillic_spellings)
            .collect();
        let mut cyrillic_generated = HashSet::default();
        for c in generated {
            if c.ends_with('л') {
                cyrillic_generated.insert(fold(&format!("{c}ь")));
            }
            cyrillic_generated.insert(fold(&c));
        }
        // One set of first names for the lookups (one hash per word), and
        // the locales' own beside it for the one rule that tells them apart.
        let mut first_names: HashSet<String> = lines(include_str!("data/first-names.txt"))
            .map(fold)
            .chain(regional_names.iter().cloned())
            .collect();
        let locale_first_names: HashSet<String> =
            lines(include_str!("data/first-names-locales.txt"))
                .map(fold)
                .filter(|n| !first_names.contains(n))
                .collect();
        first_names.extend(locale_first_names.iter().cloned());
        let mut r = Resources {
            first_names,
            regional_names,
            locale_first_names,
            cyrillic_generated,
            surnames: lines(include_str!("data/surnames.txt")).map(fold).collect(),
            georgian_first_names: lines(include_str!("data/first-names-georgia.txt"))
                .map(fold)
                .filter(|n| !GEORGIAN_WORDS_NAMED.contains(&n.as_str()))
                .collect(),
            ..Resources::default()
        };
        for line in lines(include_str!("data/public-figures.txt")) {
            let w = words_of(line);
            if let Some(last) = w.last().cloned() {
                r.figures_by_surname.entry(last).or_default().push(w);
            }
        }
        for line in lines(include_str!("data/allow-list.txt"))
            .chain(lines(include_str!("data/public-figures.txt")))
            .chain(lines(include_str!("data/public-places.txt")))
            .chain(lines(extra_allow))
        {
            if let Some(removed) = line.strip_prefix('-') {
                let w = words_of(removed);
                if let Some(list) = w.first().and_then(|f| r.allow.get_mut(f)) {
                    list.retain(|p| *p != w);
                }
                continue;
            }
            let w = words_of(line);
            if let Some(first) = w.first().cloned() {
                r.allow.entry(first).or_default().push(w);
            }
        }
        r.quasi = super::quasi::Lists::builtin();
        // A text kept by a person (review decision, project allow-list) is
        // never flagged as a quasi-identifier either.
        r.quasi.kept = lines(extra_allow)
            .filter(|l| !l.starts_with('-'))
            .map(fold)
            .collect();
        for line in lines(include_str!("data/public-places-named-like-people.txt")) {
            let w = words_of(line);
            if let Some(first) = w.first().cloned() {
                r.allow_after_preposition.entry(first).or_default().push(w);
            }
        }
        for line in lines(include_str!("data/public-in-context.txt")) {
            let w = words_of(line);
            if let Some(first) = w.first().cloned() {
                r.allow_in_context.entry(first).or_default().push(w);
            }
        }
        r.allow_stems = declinable_stems(&r.allow);
        r.after_preposition_stems = declinable_stems(&r.allow_after_preposition);
        r.cyrillic_name_stems = r
            .regional_names
            .iter()
            .chain(&r.cyrillic_generated)
            .filter(|n| is_cyrillic(n) && n.chars().count() >= 3)
            .flat_map(|n| diminutive_stems(n))
            .collect();
        r.settlements = lines(include_str!("data/settlements.txt"))
            .chain(lines(include_str!("data/regional-settlements.txt")))
            .chain(lines(extra_settlements))
            .map(str::to_string)
            .collect();
        for line in lines(include_str!("data/markers.txt")) {
            let Some((name, list)) = line.split_once(':') else {
                continue;
            };
            let set: HashSet<String> = list.split_whitespace().map(fold).collect();
            match name.trim() {
                "honorific-before" => r.honorific_before = set,
                "honorific-after" => r.honorific_after = set,
                "place-before" => r.place_before = set,
                "place-after" => r.place_after = set,
                "rank-before" => r.rank_before = set,
                "org-head" => r.org_heads = set,
                "org-stem" => r.org_stems = list.split_whitespace().map(fold).collect(),
                "particle" => r.particles = set,
                "place-head" => r.place_heads = set,
                "place-end" => r.place_ends = set,
                "place-prefix" => {
                    r.settlement_prefixes = set
                        .iter()
                        .filter(|p| !NOT_SETTLEMENT_PREFIXES.contains(&p.as_str()))
                        .cloned()
                        .collect();
                    r.place_prefixes = set;
                }
                _ => {}
            }
        }
        for w in &r.honorific_before {
            r.honorifics.entry(w.clone()).or_default().0 = true;
        }
        for w in &r.honorific_after {
            r.honorifics.entry(w.clone()).or_default().1 = true;
        }
        r
    }
}
