//! k-anonymity of the attributes a bundle releases (DESIGN §10).
//!
//! Removing names is not enough: in a small displaced community "a woman of
//! 40–49 from a collective centre in Ganja" can be one person. Every
//! combination of attribute values a bundle shows must be shared by at least
//! `k` respondents of the corpus, as statistical disclosure control (ARX,
//! sdcMicro) asks of released microdata.
//!
//! The method is ARX's in small: full-domain generalisation with local
//! suppression. Each released attribute has a hierarchy of levels: the
//! profile's own generalisation (level 0), the steps its hierarchy declares
//! (a band of 20 years, the region, a coarser category), and last the
//! attribute dropped. Every combination of levels is tried (a greedy climb
//! when there are too many); under each, the documents of the bundle whose
//! class is still smaller than `k` lose all their attributes (suppressed, for
//! those documents only). The combination that loses the least information
//! wins: a document loses `level / top level` per attribute, and everything
//! when it is suppressed; ties go to fewer suppressions, then to the lower
//! levels in attribute order, so the result is deterministic.
//!
//! Classes are counted over every document of the corpus (the respondents a
//! reader might guess among), not over the bundle alone; a document that
//! releases no value at all identifies no one and is never suppressed.
//! Pure: attributes in, released attributes and a [`Summary`] out; the
//! summary counts and names levels, never a value.

use super::profile::{Generalise, Level};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// More combinations of levels than this are searched greedily.
const EXHAUSTIVE: usize = 4096;

/// What the k-anonymity step did, for the report and the bundle (never a
/// value, only attribute names, levels and counts).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Summary {
    /// The smallest class asked for.
    pub k: usize,
    /// The attributes released (before this step), in order.
    pub attributes: Vec<String>,
    /// Documents of the corpus the classes are counted over.
    pub respondents: usize,
    /// Documents of the bundle that release at least one value.
    pub documents: usize,
    /// The smallest class among the bundle's documents as the profile
    /// generalises them (`null`: nothing released).
    pub smallest_class_before: Option<usize>,
    /// Documents of the bundle in classes smaller than `k`, before.
    pub documents_below_k_before: usize,
    /// The smallest class after (`null`: nothing released).
    pub smallest_class_after: Option<usize>,
    /// Each attribute's level after, by attribute: `as profiled`, `band of
    /// 20`, `attr:region`, `coarser categories`, `dropped`.
    pub levels: BTreeMap<String, String>,
    /// Pseudonymous ids of the bundle's documents whose attributes were all
    /// withheld.
    pub suppressed: Vec<String>,
    /// Whether every released combination is shared by `k` respondents
    /// (always, by construction; kept for readers of the report).
    pub met: bool,
}

/// One attribute's ladder: level 0 is the profile's rule, then the steps,
/// then nothing.
struct Ladder<'a> {
    name: &'a str,
    rule: &'a Generalise,
    steps: &'a [Level],
}

impl Ladder<'_> {
    /// Levels including "dropped".
    fn top(&self) -> usize {
        self.steps.len() + 1
    }

    fn value(&self, level: usize, attrs: &BTreeMap<String, String>) -> Option<String> {
        if level >= self.top() {
            return None;
        }
        let mut v = super::profile::generalise_one(attrs, self.name, self.rule);
        for step in &self.steps[..level] {
            v = step.apply(self.name, v, attrs);
        }
        v.filter(|v| !v.is_empty())
    }

    fn describe(&self, level: usize) -> String {
        if level == 0 {
            return "as profiled".into();
        }
        if level >= self.top() {
            return "dropped".into();
        }
        match &self.steps[level - 1] {
            Level::Band(w) => format!("band of {w}"),
            Level::From(a) => format!("attr:{a}"),
            Level::Map(_) => format!("coarser categories (step {level})"),
        }
    }
}

/// The result: each bundle document's released attributes and the summary.
pub struct Released {
    /// Document path → attributes to show (absent: none).
    pub attributes: HashMap<String, BTreeMap<String, String>>,
    /// What was done.
    pub summary: Summary,
}

/// Makes the attributes of the bundle's documents (`in_bundle`, paths)
/// k-anonymous over every document of `population` (path → raw attributes).
/// `ids` gives each path its pseudonymous id for the summary.
pub fn release(
    population: &HashMap<String, BTreeMap<String, String>>,
    in_bundle: &BTreeSet<String>,
    rules: &BTreeMap<String, Generalise>,
    hierarchies: &BTreeMap<String, Vec<Level>>,
    k: usize,
    ids: &HashMap<String, String>,
) -> Released {
    let empty = BTreeMap::new();
    let ladders: Vec<Ladder> = rules
        .iter()
        .map(|(name, rule)| Ladder {
            name,
            rule,
            steps: hierarchies.get(name).map_or(&[][..], Vec::as_slice),
        })
        .collect();
    // Every document's values at every level, computed once.
    let mut paths: Vec<&String> = population.keys().collect();
    paths.sort();
    let table: Vec<Vec<Vec<Option<String>>>> = paths
        .iter()
        .map(|p| {
            let attrs = population.get(*p).unwrap_or(&empty);
            ladders
                .iter()
                .map(|l| (0..=l.top()).map(|lv| l.value(lv, attrs)).collect())
                .collect()
        })
        .collect();
    let bundle_rows: Vec<usize> = paths
        .iter()
        .enumerate()
        .filter(|(_, p)| in_bundle.contains(**p))
        .map(|(i, _)| i)
        // A document with no value to release is left alone.
        .filter(|&i| table[i].iter().any(|lv| lv[0].is_some()))
        .collect();

    let evaluate = |levels: &[usize]| -> Outcome {
        let key = |row: usize| -> Vec<Option<&str>> {
            levels
                .iter()
                .enumerate()
                .map(|(a, &lv)| table[row][a][lv].as_deref())
                .collect()
        };
        let mut sizes: HashMap<Vec<Option<&str>>, usize> = HashMap::new();
        for row in 0..paths.len() {
            *sizes.entry(key(row)).or_default() += 1;
        }
        let mut suppressed = Vec::new();
        let mut smallest: Option<usize> = None;
        let mut smallest_any: Option<usize> = None;
        let mut loss = 0.0;
        for &row in &bundle_rows {
            let kk = key(row);
            let coarsened: f64 = levels
                .iter()
                .zip(&ladders)
                .map(|(&lv, l)| lv as f64 / l.top() as f64)
                .sum();
            // Releasing nothing identifies no one (but loses everything).
            if kk.iter().all(Option::is_none) {
                loss += coarsened;
                continue;
            }
            let size = sizes[&kk];
            smallest_any = Some(smallest_any.map_or(size, |s: usize| s.min(size)));
            if size < k {
                suppressed.push(row);
                loss += ladders.len() as f64;
            } else {
                smallest = Some(smallest.map_or(size, |s: usize| s.min(size)));
                loss += coarsened;
            }
        }
        Outcome {
            levels: levels.to_vec(),
            suppressed,
            smallest,
            smallest_any,
            loss,
        }
    };

    let zero = vec![0; ladders.len()];
    let before = evaluate(&zero);
    let nodes: usize = ladders
        .iter()
        .map(|l| l.top() + 1)
        .try_fold(1usize, usize::checked_mul)
        .unwrap_or(usize::MAX);
    let best = if before.suppressed.is_empty() {
        before.clone()
    } else if nodes <= EXHAUSTIVE {
        let mut best = before.clone();
        let mut levels = zero.clone();
        loop {
            // Next combination, odometer-wise (last attribute fastest).
            let mut a = ladders.len();
            loop {
                if a == 0 {
                    break;
                }
                a -= 1;
                if levels[a] < ladders[a].top() {
                    levels[a] += 1;
                    break;
                }
                levels[a] = 0;
            }
            if levels == zero {
                break;
            }
            let o = evaluate(&levels);
            if o.better_than(&best) {
                best = o;
            }
        }
        best
    } else {
        // Greedy: raise the attribute whose next level loses least, while
        // documents are suppressed; keep the best seen.
        let mut best = before.clone();
        let mut at = before.clone();
        while !at.suppressed.is_empty() {
            let next = (0..ladders.len())
                .filter(|&a| at.levels[a] < ladders[a].top())
                .map(|a| {
                    let mut l = at.levels.clone();
                    l[a] += 1;
                    evaluate(&l)
                })
                .reduce(|x, y| if y.better_than(&x) { y } else { x });
            let Some(next) = next else { break };
            if next.better_than(&best) {
                best = next.clone();
            }
            at = next;
        }
        best
    };

    let mut attributes = HashMap::new();
    for &row in &bundle_rows {
        if best.suppressed.contains(&row) {
            continue;
        }
        let values: BTreeMap<String, String> = ladders
            .iter()
            .enumerate()
            .filter_map(|(a, l)| {
                table[row][a][best.levels[a]]
                    .clone()
                    .map(|v| (l.name.to_string(), v))
            })
            .collect();
        if !values.is_empty() {
            attributes.insert(paths[row].clone(), values);
        }
    }
    let mut suppressed: Vec<String> = best
        .suppressed
        .iter()
        .map(|&row| {
            ids.get(paths[row])
                .cloned()
                .unwrap_or_else(|| "D000".into())
        })
        .collect();
    suppressed.sort();
    let documents = bundle_rows.len();
    Released {
        attributes,
        summary: Summary {
            k,
            attributes: ladders.iter().map(|l| l.name.to_string()).collect(),
            respondents: paths.len(),
            documents,
            smallest_class_before: before.smallest_any,
            documents_below_k_before: before.suppressed.len(),
            smallest_class_after: best.smallest,
            levels: ladders
                .iter()
                .zip(&best.levels)
                .map(|(l, &lv)| (l.name.to_string(), l.describe(lv)))
                .collect(),
            suppressed,
            met: true,
        },
    }
}

#[derive(Clone)]
struct Outcome {
    levels: Vec<usize>,
    /// Bundle rows in classes below k.
    suppressed: Vec<usize>,
    /// Smallest class of the rows kept.
    smallest: Option<usize>,
    /// Smallest class of every bundle row that releases a value.
    smallest_any: Option<usize>,
    loss: f64,
}

impl Outcome {
    fn better_than(&self, other: &Outcome) -> bool {
        const EPS: f64 = 1e-9;
        if self.loss + EPS < other.loss {
            return true;
        }
        if other.loss + EPS < self.loss {
            return false;
        }
        (self.suppressed.len(), &self.levels) < (other.suppressed.len(), &other.levels)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people(rows: &[(&str, &str, &str, &str)]) -> HashMap<String, BTreeMap<String, String>> {
        rows.iter()
            .map(|(path, gender, age, settlement)| {
                let attrs = [
                    ("gender", *gender),
                    ("age", *age),
                    ("settlement", *settlement),
                ]
                .iter()
                .filter(|(_, v)| !v.is_empty())
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
                (path.to_string(), attrs)
            })
            .collect()
    }

    fn rules() -> BTreeMap<String, Generalise> {
        [
            ("gender".to_string(), Generalise::Keep),
            ("age".to_string(), Generalise::Band),
            ("settlement".to_string(), Generalise::Keep),
        ]
        .into_iter()
        .collect()
    }

    fn hierarchies() -> BTreeMap<String, Vec<Level>> {
        [("age".to_string(), vec![Level::Band(20)])]
            .into_iter()
            .collect()
    }

    /// Ten women of 40–49 in Ganja, five men of 30–39 in Ganja, and one
    /// woman of 41 in a village: unique on (gender, age band, settlement).
    fn corpus() -> HashMap<String, BTreeMap<String, String>> {
        let mut rows: Vec<(String, &str, &str, &str)> = Vec::new();
        for i in 0..10 {
            rows.push((format!("w{i}"), "female", "45", "Ganja"));
        }
        for i in 0..5 {
            rows.push((format!("m{i}"), "male", "33", "Ganja"));
        }
        rows.push(("unique".into(), "female", "41", "Kürdəmir"));
        rows.push(("report".into(), "", "", ""));
        let rows: Vec<(&str, &str, &str, &str)> = rows
            .iter()
            .map(|(p, g, a, s)| (p.as_str(), *g, *a, *s))
            .collect();
        people(&rows)
    }

    fn ids(p: &HashMap<String, BTreeMap<String, String>>) -> HashMap<String, String> {
        let paths: Vec<String> = p.keys().cloned().collect();
        crate::bundle::document_ids(&paths)
    }

    #[test]
    fn a_unique_respondent_is_suppressed_rather_than_everyone_coarsened() {
        let pop = corpus();
        let all: BTreeSet<String> = pop.keys().cloned().collect();
        let r = release(&pop, &all, &rules(), &hierarchies(), 5, &ids(&pop));
        assert_eq!(r.summary.smallest_class_before, Some(1));
        assert_eq!(r.summary.documents_below_k_before, 1, "{:?}", r.summary);
        assert_eq!(r.summary.suppressed.len(), 1);
        assert!(!r.attributes.contains_key("unique"));
        assert!(!r.attributes.contains_key("report"));
        assert_eq!(r.attributes["w3"]["age"], "40–49");
        assert_eq!(r.summary.smallest_class_after, Some(5));
        assert!(r.summary.levels.values().all(|l| l == "as profiled"));
    }

    #[test]
    fn coarsening_wins_when_it_loses_less_than_suppressing() {
        // Four women of 50–59 in Ganja beside the ten of 40–49: suppressing
        // four loses more than giving everyone's age in bands of 20.
        let mut pop = corpus();
        pop.remove("unique");
        for i in 0..4 {
            pop.insert(
                format!("o{i}"),
                [("gender", "female"), ("age", "52"), ("settlement", "Ganja")]
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
            );
        }
        let all: BTreeSet<String> = pop.keys().cloned().collect();
        let r = release(&pop, &all, &rules(), &hierarchies(), 5, &ids(&pop));
        assert_eq!(r.summary.levels["age"], "band of 20");
        assert!(r.summary.suppressed.is_empty(), "{:?}", r.summary);
        assert_eq!(r.attributes["o1"]["age"], "40–59");
        assert_eq!(r.summary.smallest_class_after, Some(5));
        // Every class of what is released has at least k members.
        let mut classes: HashMap<&BTreeMap<String, String>, usize> = HashMap::new();
        for a in r.attributes.values() {
            *classes.entry(a).or_default() += 1;
        }
        assert!(classes.values().all(|&n| n >= 5), "{classes:?}");
    }

    #[test]
    fn villages_become_their_region_when_each_is_too_small() {
        // Three villages of four respondents each, all in one region.
        let pop: HashMap<String, BTreeMap<String, String>> = (0..12)
            .map(|i| {
                let attrs = [
                    ("village", format!("V{}", i % 3)),
                    ("region", "Aghdam".to_string()),
                ]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect();
                (format!("p{i:02}"), attrs)
            })
            .collect();
        let rules: BTreeMap<String, Generalise> = [("village".to_string(), Generalise::Keep)]
            .into_iter()
            .collect();
        let hier: BTreeMap<String, Vec<Level>> =
            [("village".to_string(), vec![Level::From("region".into())])]
                .into_iter()
                .collect();
        let all: BTreeSet<String> = pop.keys().cloned().collect();
        let r = release(&pop, &all, &rules, &hier, 5, &ids(&pop));
        assert_eq!(r.summary.levels["village"], "attr:region");
        assert!(r.summary.suppressed.is_empty());
        assert!(r.attributes.values().all(|a| a["village"] == "Aghdam"));
        assert_eq!(r.summary.smallest_class_before, Some(4));
        assert_eq!(r.summary.smallest_class_after, Some(12));
    }

    #[test]
    fn k_of_one_changes_nothing_and_classes_count_the_whole_corpus() {
        let pop = corpus();
        let all: BTreeSet<String> = pop.keys().cloned().collect();
        let r = release(&pop, &all, &rules(), &hierarchies(), 1, &ids(&pop));
        assert!(r.summary.suppressed.is_empty());
        assert_eq!(r.attributes["unique"]["settlement"], "Kürdəmir");
        assert_eq!(r.attributes["unique"]["age"], "40–49");
        // A bundle of one woman of Ganja: her class is the corpus's ten.
        let one: BTreeSet<String> = ["w0".to_string()].into_iter().collect();
        let r = release(&pop, &one, &rules(), &hierarchies(), 10, &ids(&pop));
        assert_eq!(r.summary.smallest_class_after, Some(10));
        assert_eq!(r.attributes.len(), 1);
    }
}
