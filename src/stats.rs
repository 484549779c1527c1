//! Code frequencies and co-occurrence (pure): per-code counts, breakdowns by a
//! document attribute, code × code and code × attribute matrices.
//!
//! Hierarchy: a code counts every unit coded with it or with a descendant, so a
//! category like `housing` shows the sum of its children without double
//! counting a unit coded with two of them.

use crate::code::Coding;
use crate::codebook::Codebook;
use crate::index::StoredSegment;
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
    /// Codings of a code or its descendants.
    fn of<'b>(&'b self, book: &'b str, code: &'b str) -> impl Iterator<Item = &'b Coding> + 'b {
        let child = format!("{code}/");
        self.codings
            .iter()
            .filter(move |c| c.codebook == book && (c.code == code || c.code.starts_with(&child)))
    }

    /// Every code of every codebook: (`book:code`, name, book id, code id).
    fn codes(&self) -> Vec<(String, String, &str, &str)> {
        self.books
            .iter()
            .flat_map(|b| {
                b.codes.iter().map(move |c| {
                    (
                        format!("{}:{}", b.id, c.id),
                        c.name.clone(),
                        b.id.as_str(),
                        c.id.as_str(),
                    )
                })
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
        let mut out = Vec::new();
        // Documents per attribute value (denominators of the shares).
        let mut docs_per_value: BTreeMap<String, usize> = BTreeMap::new();
        if let Some(attr) = by {
            for doc in self.attrs.keys() {
                *docs_per_value
                    .entry(self.attr(doc, attr).unwrap_or("(none)").to_string())
                    .or_default() += 1;
            }
        }
        for (id, name, book, code) in self.codes() {
            let mut groups: BTreeMap<Option<String>, (BTreeSet<&str>, BTreeSet<&str>)> =
                BTreeMap::new();
            if let Some(attr) = by {
                for v in docs_per_value.keys() {
                    groups.entry(Some(v.clone())).or_default();
                }
                for c in self.of(book, code) {
                    let v = self.attr(&c.doc, attr).unwrap_or("(none)").to_string();
                    let g = groups.entry(Some(v)).or_default();
                    g.0.insert(&c.segment);
                    g.1.insert(&c.doc);
                }
            } else {
                let g = groups.entry(None).or_default();
                for c in self.of(book, code) {
                    g.0.insert(&c.segment);
                    g.1.insert(&c.doc);
                }
            }
            for (value, (segs, docs)) in groups {
                let words = segs
                    .iter()
                    .filter_map(|s| self.segments.get(*s))
                    .map(|s| crate::fold::word_spans(&s.text).count())
                    .sum();
                let denominator = match &value {
                    Some(v) => docs_per_value.get(v).copied().unwrap_or(0),
                    None => self.documents,
                };
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

    /// The unit a coding belongs to for co-occurrence.
    fn unit_key(&self, c: &Coding, within: Within) -> Option<String> {
        match within {
            Within::Segment => Some(c.segment.clone()),
            Within::Paragraph => self
                .segments
                .get(&c.segment)
                .map(|s| format!("{}#p{}", c.doc, s.loc.paragraph)),
            Within::Turn => self
                .segments
                .get(&c.segment)
                .and_then(|s| s.loc.turn)
                .map(|t| format!("{}#t{t}", c.doc)),
            Within::Document => Some(c.doc.clone()),
        }
    }

    /// Sets of units per code (with descendants).
    fn unit_sets(&self, within: Within) -> Vec<(String, BTreeSet<String>)> {
        self.codes()
            .into_iter()
            .map(|(id, _, book, code)| {
                (
                    id,
                    self.of(book, code)
                        .filter_map(|c| self.unit_key(c, within))
                        .collect(),
                )
            })
            .collect()
    }

    /// Code × code co-occurrence: units (or documents) in which both codes
    /// occur within one segment, paragraph, turn or document.
    pub fn code_matrix(&self, within: Within, count: Count) -> Matrix {
        let sets = self.unit_sets(within);
        let doc_of = |key: &String| -> String {
            match within {
                Within::Document => key.clone(),
                _ => key
                    .rsplit_once('#')
                    .map_or(key.clone(), |(d, _)| d.to_string()),
            }
        };
        let cells = sets
            .iter()
            .map(|(_, a)| {
                sets.iter()
                    .map(|(_, b)| {
                        let both = a.intersection(b);
                        match count {
                            Count::Units => both.count(),
                            Count::Documents => both.map(doc_of).collect::<BTreeSet<_>>().len(),
                        }
                    })
                    .collect()
            })
            .collect();
        let names: Vec<String> = sets.iter().map(|(id, _)| id.clone()).collect();
        Matrix {
            rows: names.clone(),
            cols: names,
            cells,
        }
    }

    /// Code × attribute crosstab.
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
        let mut rows = Vec::new();
        let mut cells = Vec::new();
        for (id, _, book, code) in self.codes() {
            let mut per: HashMap<&str, BTreeSet<&str>> = HashMap::new();
            for c in self.of(book, code) {
                let v = self.attr(&c.doc, attr).unwrap_or("(none)");
                per.entry(v).or_default().insert(match count {
                    Count::Units => c.segment.as_str(),
                    Count::Documents => c.doc.as_str(),
                });
            }
            cells.push(
                cols.iter()
                    .map(|v| per.get(v.as_str()).map_or(0, BTreeSet::len))
                    .collect(),
            );
            rows.push(id);
        }
        Matrix { rows, cols, cells }
    }
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
