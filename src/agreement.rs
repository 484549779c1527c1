//! Agreement between auto-coding and human (gold) coding, at segment level.
//!
//! Both sides are reduced to the same decisions: for every unit (a segment of
//! the chosen kind in a document the human coded) and every compared code, is
//! the unit coded with it (or a descendant)? A stretch of text codes a unit
//! when their overlap is at least half of the shorter of the two, so a human
//! selection that spills a few characters into the next sentence does not code
//! it, while a one-word selection codes the sentence holding it.
//!
//! From those decisions, per code: precision, recall and F1 of the auto-coding
//! against the gold, Cohen's kappa and percentage agreement; overall:
//! percentage agreement and Krippendorff's alpha (nominal) over all decisions.
//! Kappa and alpha are the general formulas (tested against published worked
//! examples), not only their two-coder binary special cases.

use serde::Serialize;
use std::collections::HashMap;

/// A unit of comparison: a span of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Document id.
    pub doc: String,
    /// Start (code points).
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
}

/// A coded stretch: document, span, and the index of the compared code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Document id.
    pub doc: String,
    /// Start.
    pub start: usize,
    /// End.
    pub end: usize,
    /// Index into the compared codes.
    pub code: usize,
}

/// Whether a coded stretch codes a unit (overlap ≥ half the shorter one).
pub fn codes_unit(unit: &Unit, span: &Span) -> bool {
    if unit.doc != span.doc {
        return false;
    }
    let overlap = unit
        .end
        .min(span.end)
        .saturating_sub(unit.start.max(span.start));
    let shorter = (unit.end - unit.start).min(span.end.saturating_sub(span.start));
    overlap > 0 && overlap * 2 >= shorter
}

/// Per-code figures.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CodeAgreement {
    /// Code (`codebook:code`).
    pub code: String,
    /// Name.
    pub name: String,
    /// Units coded by the gold.
    pub gold: usize,
    /// Units coded automatically.
    pub auto: usize,
    /// Units coded by both.
    pub both: usize,
    /// Precision (`null` when the auto-coder coded nothing).
    pub precision: Option<f64>,
    /// Recall (`null` when the gold coded nothing).
    pub recall: Option<f64>,
    /// F1.
    pub f1: Option<f64>,
    /// Cohen's kappa (`null` when undefined: both coders constant and equal).
    pub kappa: Option<f64>,
    /// Share of units on which both agree.
    pub agreement: f64,
}

/// The whole comparison.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Report {
    /// Segment kind of the units.
    pub unit: String,
    /// Documents compared.
    pub documents: usize,
    /// Units compared.
    pub units: usize,
    /// Per code.
    pub codes: Vec<CodeAgreement>,
    /// Share of all (unit, code) decisions on which both agree.
    pub agreement: f64,
    /// Krippendorff's alpha (nominal) over all (unit, code) decisions.
    pub alpha: Option<f64>,
    /// Warnings (unmatched documents or codes).
    pub warnings: Vec<String>,
}

/// Compares `gold` with `auto` over `units` for `codes` (`(id, name)`; spans'
/// `code` index into it). Descendants must already be expanded into spans of
/// their ancestors by the caller.
pub fn compare(
    unit_kind: &str,
    units: &[Unit],
    codes: &[(String, String)],
    gold: &[Span],
    auto: &[Span],
) -> Report {
    let coded = |spans: &[Span]| -> Vec<Vec<bool>> {
        let mut by_doc: HashMap<&str, Vec<&Span>> = HashMap::new();
        for s in spans {
            by_doc.entry(s.doc.as_str()).or_default().push(s);
        }
        let mut m = vec![vec![false; units.len()]; codes.len()];
        for (u, unit) in units.iter().enumerate() {
            for s in by_doc.get(unit.doc.as_str()).into_iter().flatten() {
                if codes_unit(unit, s) {
                    m[s.code][u] = true;
                }
            }
        }
        m
    };
    let g = coded(gold);
    let a = coded(auto);
    let mut rows = Vec::new();
    let mut agree_all = 0usize;
    let mut pairs: Vec<[Option<u32>; 2]> = Vec::with_capacity(units.len() * codes.len());
    for (c, (id, name)) in codes.iter().enumerate() {
        let (mut tp, mut fp, mut fn_, mut tn) = (0usize, 0usize, 0usize, 0usize);
        for u in 0..units.len() {
            match (g[c][u], a[c][u]) {
                (true, true) => tp += 1,
                (false, true) => fp += 1,
                (true, false) => fn_ += 1,
                (false, false) => tn += 1,
            }
            pairs.push([Some(g[c][u] as u32), Some(a[c][u] as u32)]);
        }
        agree_all += tp + tn;
        let ratio = |n: usize, d: usize| (d > 0).then(|| n as f64 / d as f64);
        let precision = ratio(tp, tp + fp);
        let recall = ratio(tp, tp + fn_);
        let f1 = match (precision, recall) {
            (Some(p), Some(r)) if p + r > 0.0 => Some(2.0 * p * r / (p + r)),
            (Some(_), Some(_)) => Some(0.0),
            _ => None,
        };
        rows.push(CodeAgreement {
            code: id.clone(),
            name: name.clone(),
            gold: tp + fn_,
            auto: tp + fp,
            both: tp,
            precision,
            recall,
            f1,
            kappa: cohen_kappa(&[[tp as f64, fn_ as f64], [fp as f64, tn as f64]]),
            agreement: ratio(tp + tn, units.len()).unwrap_or(1.0),
        });
    }
    let decisions = units.len() * codes.len();
    let docs: std::collections::HashSet<&str> = units.iter().map(|u| u.doc.as_str()).collect();
    Report {
        unit: unit_kind.to_string(),
        documents: docs.len(),
        units: units.len(),
        codes: rows,
        agreement: if decisions == 0 {
            1.0
        } else {
            agree_all as f64 / decisions as f64
        },
        alpha: krippendorff_alpha_nominal(pairs.iter().map(|p| p.as_slice())),
        warnings: Vec::new(),
    }
}

/// Cohen's kappa of a square confusion matrix (rows: coder A's categories,
/// columns: coder B's). `None` when chance agreement is 1 (both coders used one
/// and the same category throughout).
pub fn cohen_kappa<const K: usize>(m: &[[f64; K]; K]) -> Option<f64> {
    let n: f64 = m.iter().flatten().sum();
    if n == 0.0 {
        return None;
    }
    let po = (0..K).map(|i| m[i][i]).sum::<f64>() / n;
    let pe = (0..K)
        .map(|i| {
            let row: f64 = m[i].iter().sum();
            let col: f64 = m.iter().map(|r| r[i]).sum();
            row * col
        })
        .sum::<f64>()
        / (n * n);
    if (1.0 - pe).abs() < 1e-12 {
        None
    } else {
        Some((po - pe) / (1.0 - pe))
    }
}

/// Krippendorff's alpha for nominal data: each item is one unit's values by
/// every coder (`None` for a missing value). Units with fewer than two values
/// are not pairable and are left out, as the method prescribes. `None` when
/// there is no variation at all (expected disagreement 0).
pub fn krippendorff_alpha_nominal<'a>(
    units: impl IntoIterator<Item = &'a [Option<u32>]>,
) -> Option<f64> {
    // Coincidence matrix o[c][k], accumulated sparsely.
    let mut o: HashMap<(u32, u32), f64> = HashMap::new();
    for values in units {
        let vals: Vec<u32> = values.iter().flatten().copied().collect();
        let m = vals.len();
        if m < 2 {
            continue;
        }
        let w = 1.0 / (m as f64 - 1.0);
        for (i, &c) in vals.iter().enumerate() {
            for (j, &k) in vals.iter().enumerate() {
                if i != j {
                    *o.entry((c, k)).or_default() += w;
                }
            }
        }
    }
    let n: f64 = o.values().sum();
    if n <= 1.0 {
        return None;
    }
    let mut marg: HashMap<u32, f64> = HashMap::new();
    for (&(c, _), &v) in &o {
        *marg.entry(c).or_default() += v;
    }
    let observed: f64 = o.iter().filter(|((c, k), _)| c != k).map(|(_, v)| v).sum();
    let expected_num: f64 = marg.values().map(|&nc| nc * (n - nc)).sum();
    if expected_num == 0.0 {
        return None;
    }
    let expected = expected_num / (n - 1.0);
    Some(1.0 - observed / expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, eps: f64) -> bool {
        (a - b).abs() < eps
    }

    /// Cohen (1960)-style textbook example (also Wikipedia's "Cohen's kappa"
    /// worked example): 50 proposals, both yes 20, A yes B no 5, A no B yes 10,
    /// both no 15: p_o = 0.7, p_e = 0.5, kappa = 0.4.
    #[test]
    fn cohen_kappa_worked_example() {
        let k = cohen_kappa(&[[20.0, 5.0], [10.0, 15.0]]).unwrap();
        assert!(close(k, 0.4, 1e-12), "{k}");
    }

    /// Three categories, 100 subjects, computed by hand: p_o = 0.70,
    /// p_e = (50·60 + 30·30 + 20·10) / 100² = 0.41, kappa = 0.29 / 0.59.
    #[test]
    fn cohen_kappa_three_categories() {
        let m = [[44.0, 5.0, 1.0], [7.0, 20.0, 3.0], [9.0, 5.0, 6.0]];
        let k = cohen_kappa(&m).unwrap();
        assert!(close(k, 0.29 / 0.59, 1e-12), "{k}");
    }

    /// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability",
    /// section A: binary data, two observers, ten units: alpha = 0.095.
    #[test]
    fn alpha_binary_two_observers() {
        let a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
        let b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];
        let units: Vec<[Option<u32>; 2]> =
            a.iter().zip(b).map(|(&x, y)| [Some(x), Some(y)]).collect();
        let alpha = krippendorff_alpha_nominal(units.iter().map(|u| u.as_slice())).unwrap();
        assert!(close(alpha, 0.095, 0.0005), "{alpha}");
        // Cohen's kappa of the same data (5 both 0, 3 A0B1, 1 A1B0, 1 both 1).
        let k = cohen_kappa(&[[1.0, 1.0], [3.0, 5.0]]).unwrap();
        assert!(close(k, 0.0909, 0.0001), "{k}");
    }

    /// Krippendorff (2011), section C: nominal data, four observers, twelve
    /// units, missing values: alpha = 0.743.
    #[test]
    fn alpha_nominal_four_observers_missing_values() {
        let n = None;
        let s = Some;
        let data: [[Option<u32>; 12]; 4] = [
            [
                s(1),
                s(2),
                s(3),
                s(3),
                s(2),
                s(1),
                s(4),
                s(1),
                s(2),
                n,
                n,
                n,
            ],
            [
                s(1),
                s(2),
                s(3),
                s(3),
                s(2),
                s(2),
                s(4),
                s(1),
                s(2),
                s(5),
                n,
                s(3),
            ],
            [
                n,
                s(3),
                s(3),
                s(3),
                s(2),
                s(3),
                s(4),
                s(2),
                s(2),
                s(5),
                s(1),
                n,
            ],
            [
                s(1),
                s(2),
                s(3),
                s(3),
                s(2),
                s(4),
                s(4),
                s(1),
                s(2),
                s(5),
                s(1),
                n,
            ],
        ];
        let units: Vec<Vec<Option<u32>>> = (0..12)
            .map(|u| (0..4).map(|o| data[o][u]).collect())
            .collect();
        let alpha = krippendorff_alpha_nominal(units.iter().map(Vec::as_slice)).unwrap();
        assert!(close(alpha, 0.743, 0.0005), "{alpha}");
    }

    #[test]
    fn overlap_rule() {
        let unit = Unit {
            doc: "d".into(),
            start: 100,
            end: 180,
        };
        let span = |start, end| Span {
            doc: "d".into(),
            start,
            end,
            code: 0,
        };
        assert!(codes_unit(&unit, &span(120, 126)), "a word inside");
        assert!(
            codes_unit(&unit, &span(0, 184)),
            "the whole sentence and more"
        );
        assert!(
            !codes_unit(&unit, &span(0, 104)),
            "spills four characters in"
        );
        assert!(!codes_unit(&unit, &span(180, 200)), "touches");
    }

    #[test]
    fn perfect_agreement() {
        let units: Vec<Unit> = (0..4)
            .map(|i| Unit {
                doc: "d".into(),
                start: i * 10,
                end: i * 10 + 9,
            })
            .collect();
        let spans = vec![
            Span {
                doc: "d".into(),
                start: 0,
                end: 9,
                code: 0,
            },
            Span {
                doc: "d".into(),
                start: 20,
                end: 29,
                code: 1,
            },
        ];
        let codes = vec![("b:x".into(), "x".into()), ("b:y".into(), "y".into())];
        let r = compare("sentence", &units, &codes, &spans, &spans);
        assert_eq!(r.agreement, 1.0);
        assert_eq!(r.alpha, Some(1.0));
        assert_eq!(r.codes[0].kappa, Some(1.0));
        assert_eq!(r.codes[1].f1, Some(1.0));
    }
}
