//! Code frequencies and co-occurrence (pure): per-code counts, breakdowns by a
//! document attribute, code × code and code × attribute matrices.
//!
//! Hierarchy: a code counts every unit coded with it or with a descendant, so a
//! category like `housing` shows the sum of its children without double
//! counting a unit coded with two of them.

use crate::codebook::Codebook;
use crate::model::Coding;
use crate::model::StoredSegment;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Everything the statistics need: codings and the segments they point at.
pub struct Coded<'a> {
    /// The codebooks (rows, in order).
    pub books: &'a [Codebook],
    /// All codings.
    pub codings: &'a [Coding],
    /// Segment id → segment (at least every coded segment).
    pub segments: &'a HashMap<String, StoredSegment>,
    /// Number of ingested documents, for shares.
    pub documents: usize,
    /// Document → attributes (for `--by` and attribute columns).
    pub attrs: &'a HashMap<String, BTreeMap<String, String>>,
}

/// One row of `pipeline stats`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CodeStats {
    /// `codebook:code`.
    pub code: String,
    /// Code name.
    pub name: String,
    /// Attribute value (with `--by`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Segments coded (with children).
    pub segments: usize,
    /// Documents with a coded segment.
    pub documents: usize,
    /// Words in the coded segments.
    pub words: usize,
    /// Documents / all documents (of that attribute value, with `--by`).
    pub share_of_documents: f64,
}

impl Coded<'_> {
    /// Every code of every codebook, in order: (`book:code`, name).
    fn codes(&self) -> Vec<(String, String)> {
        self.books
            .iter()
            .flat_map(|b| {
                b.codes
                    .iter()
                    .map(move |c| (format!("{}:{}", b.id, c.id), c.name.clone()))
            })
            .collect()
    }

    /// For each coding, the indices (into [`Coded::codes`]) of its code and of
    /// the code's ancestors: the rows it counts for.
    fn targets(&self) -> Vec<Vec<usize>> {
        let mut index: HashMap<(&str, &str), usize> = HashMap::new();
        let mut n = 0;
        for b in self.books {
            for c in &b.codes {
                index.insert((b.id.as_str(), c.id.as_str()), n);
                n += 1;
            }
        }
        self.codings
            .iter()
            .map(|c| {
                let mut out = Vec::new();
                let mut code = c.code.as_str();
                loop {
                    if let Some(&i) = index.get(&(c.codebook.as_str(), code)) {
                        out.push(i);
                    }
                    match code.rsplit_once('/') {
                        Some((parent, _)) => code = parent,
                        None => break,
                    }
                }
                out
            })
            .collect()
    }

    fn attr<'b>(&'b self, doc: &str, name: &str) -> Option<&'b str> {
        self.attrs
            .get(doc)
            .and_then(|a| a.get(name))
            .map(String::as_str)
    }

    /// Per-code statistics, optionally broken down by a document attribute.
    pub fn stats(&self, by: Option<&str>) -> Vec<CodeStats> {
        let codes = self.codes();
        let targets = self.targets();
        let value_of = |doc: &str| -> Option<String> {
            by.map(|a| self.attr(doc, a).unwrap_or("(none)").to_string())
        };
        // Documents per attribute value (denominators of the shares).
        let mut docs_per_value: BTreeMap<Option<String>, usize> = BTreeMap::new();
        match by {
            Some(_) => {
                for doc in self.attrs.keys() {
                    *docs_per_value.entry(value_of(doc)).or_default() += 1;
                }
            }
            None => {
                docs_per_value.insert(None, self.documents);
            }
        }
        let mut groups: Vec<Groups> = vec![BTreeMap::new(); codes.len()];
        for (c, rows) in self.codings.iter().zip(&targets) {
            let v = value_of(&c.doc);
            for &r in rows {
                let g = groups[r].entry(v.clone()).or_default();
                g.0.insert(&c.segment);
                g.1.insert(&c.doc);
            }
        }
        let mut words_cache: HashMap<&str, usize> = HashMap::new();
        let mut out = Vec::new();
        for ((id, name), mut group) in codes.into_iter().zip(groups) {
            for v in docs_per_value.keys() {
                group.entry(v.clone()).or_default();
            }
            for (value, (segs, docs)) in group {
                let words = segs
                    .iter()
                    .map(|s| {
                        *words_cache.entry(s).or_insert_with(|| {
                            self.segments
                                .get(*s)
                                .map_or(0, |seg| crate::fold::word_spans(&seg.text).count())
                        })
                    })
                    .sum();
                let denominator = docs_per_value.get(&value).copied().unwrap_or(0);
                out.push(CodeStats {
                    code: id.clone(),
                    name: name.clone(),
                    value,
                    segments: segs.len(),
                    documents: docs.len(),
                    words,
                    share_of_documents: if denominator == 0 {
                        0.0
                    } else {
                        docs.len() as f64 / denominator as f64
                    },
                });
            }
        }
        out
    }

    /// The unit a coding belongs to for co-occurrence: (document, unit).
    fn unit_key<'b>(&self, c: &'b Coding, within: Within) -> Option<(&'b str, UnitKey<'b>)> {
        let key = match within {
            Within::Segment => UnitKey::Segment(&c.segment),
            Within::Paragraph => UnitKey::Number(self.segments.get(&c.segment)?.loc.paragraph),
            Within::Turn => UnitKey::Number(self.segments.get(&c.segment)?.loc.turn?),
            Within::Document => UnitKey::Number(0),
        };
        Some((&c.doc, key))
    }

    /// Code × code co-occurrence: units (or documents) in which both codes
    /// occur within one segment, paragraph, turn or document. A code counts its
    /// descendants; each unit or document counts once per cell.
    pub fn code_matrix(&self, within: Within, count: Count) -> Matrix {
        let names: Vec<String> = self.codes().into_iter().map(|(id, _)| id).collect();
        let n = names.len();
        let targets = self.targets();
        // Unit → the set of rows coded in it.
        let mut units: HashMap<(&str, UnitKey), BTreeSet<usize>> = HashMap::new();
        for (c, rows) in self.codings.iter().zip(&targets) {
            if let Some(key) = self.unit_key(c, within) {
                units.entry(key).or_default().extend(rows.iter().copied());
            }
        }
        let mut cells = vec![vec![0usize; n]; n];
        match count {
            Count::Units => {
                for rows in units.values() {
                    for &a in rows {
                        for &b in rows {
                            cells[a][b] += 1;
                        }
                    }
                }
            }
            Count::Documents => {
                let mut pairs: HashMap<&str, BTreeSet<(usize, usize)>> = HashMap::new();
                for ((doc, _), rows) in &units {
                    let set = pairs.entry(doc).or_default();
                    for &a in rows {
                        for &b in rows {
                            set.insert((a, b));
                        }
                    }
                }
                for set in pairs.values() {
                    for &(a, b) in set {
                        cells[a][b] += 1;
                    }
                }
            }
        }
        Matrix {
            rows: names.clone(),
            cols: names,
            cells,
        }
    }

    /// Code × attribute crosstab: segments (or documents) coded with each code,
    /// by the value of a document attribute.
    pub fn attribute_matrix(&self, attr: &str, count: Count) -> Matrix {
        let mut values: BTreeSet<String> = self
            .attrs
            .keys()
            .map(|d| self.attr(d, attr).unwrap_or("(none)").to_string())
            .collect();
        for c in self.codings {
            values.insert(self.attr(&c.doc, attr).unwrap_or("(none)").to_string());
        }
        let cols: Vec<String> = values.into_iter().collect();
        let col_of: HashMap<&str, usize> = cols
            .iter()
            .enumerate()
            .map(|(i, v)| (v.as_str(), i))
            .collect();
        let names: Vec<String> = self.codes().into_iter().map(|(id, _)| id).collect();
        let targets = self.targets();
        let mut sets: Vec<Vec<BTreeSet<&str>>> =
            vec![vec![BTreeSet::new(); cols.len()]; names.len()];
        for (c, rows) in self.codings.iter().zip(&targets) {
            let col = col_of[self.attr(&c.doc, attr).unwrap_or("(none)")];
            let key = match count {
                Count::Units => c.segment.as_str(),
                Count::Documents => c.doc.as_str(),
            };
            for &r in rows {
                sets[r][col].insert(key);
            }
        }
        let cells = sets
            .into_iter()
            .map(|row| row.into_iter().map(|s| s.len()).collect())
            .collect();
        Matrix {
            rows: names,
            cols,
            cells,
        }
    }
}

/// Per attribute value: the coded segments and documents of one code.
type Groups<'a> = BTreeMap<Option<String>, (BTreeSet<&'a str>, BTreeSet<&'a str>)>;

/// A unit within a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum UnitKey<'a> {
    Segment(&'a str),
    Number(u64),
}

/// What co-occurrence is counted within.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Within {
    /// The same segment.
    Segment,
    /// The same paragraph.
    Paragraph,
    /// The same speaker turn.
    Turn,
    /// The same document.
    Document,
}

/// What a cell counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Count {
    /// Units (segments, paragraphs or turns).
    Units,
    /// Documents.
    Documents,
}

/// A labelled table of counts.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Matrix {
    /// Row labels.
    pub rows: Vec<String>,
    /// Column labels.
    pub cols: Vec<String>,
    /// `cells[row][col]`.
    pub cells: Vec<Vec<usize>>,
}
