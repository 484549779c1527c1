//! Retrieval for editors: a query plus filters → segments in document order
//! (or by score), with highlights and context.
//!
//! The query language is translated into a tantivy query; where the
//! translation is exact (words, prefixes, phrases, role/lang/kind, attribute
//! equality, codes, and boolean combinations of those) the index answers alone.
//! Where it is only a superset (proximity, multi-word speaker names, attribute
//! prefixes, `doc:` prefixes), every candidate is checked with the same
//! evaluator the coder uses, so `pipeline query` and codebook rules always agree.
//! Highlights are the byte spans that evaluator reports.

use super::Snapshot;
use crate::error::Result;
use crate::fold::fold;
use crate::index::{IndexStore, StoredSegment, Texts};
pub use crate::model::Hit;
use crate::query::{Query, SegmentView, Tokens, Word};
use crate::segment::SegmentKind;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::ops::Range;
use tantivy::collector::TopDocs;
use tantivy::query::{
    AllQuery, BooleanQuery, Occur, PhraseQuery, Query as TQuery, RegexQuery, TermQuery,
};
use tantivy::schema::{Facet, IndexRecordOption};
use tantivy::{DocAddress, TantivyDocument, Term};

/// How hits are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    /// By document, then position in it.
    Doc,
    /// By relevance (BM25), best first.
    Score,
}

/// A retrieval request.
#[derive(Debug, Clone)]
pub struct Request {
    /// The text query (may be [`Query::All`]).
    pub query: Query,
    /// Code facets (`/codebook/code`); a segment needs one of them (or a child).
    pub codes: Vec<String>,
    /// Further filters, all of which must hold (`Query::Field`s).
    pub filters: Vec<Query>,
    /// Raw document path prefix (case-sensitive).
    pub doc_prefix: Option<String>,
    /// Segment kind; `None` for any kind.
    pub unit: Option<SegmentKind>,
    /// Segments of context before and after each hit.
    pub context: usize,
    /// Hits to skip.
    pub offset: usize,
    /// Hits to return.
    pub limit: usize,
    /// Order.
    pub sort: Sort,
    /// Whether the total may be an estimate where an exact count would cost
    /// a pass over every match (`--estimate-total`; the page is the same).
    pub estimate_total: bool,
}

/// Hits and how many segments matched in all.
#[derive(Debug, Clone)]
pub struct Results {
    /// Segments matching (all pages).
    pub total: usize,
    /// Whether `total` is an estimate (only when the request allows one).
    pub estimated: bool,
    /// This page.
    pub hits: Vec<Hit>,
}

/// Translation of a query: the tantivy query and whether it is exact.
fn translate(store: &IndexStore, searcher: &Snapshot, q: &Query) -> (Box<dyn TQuery>, bool) {
    let f = &store.fields;
    let text_term = |w: &Word| -> (Box<dyn TQuery>, bool) {
        if w.prefix {
            if let Some(terms) = expand_prefix(searcher, f.text, &w.text) {
                let words: Vec<(Occur, Box<dyn TQuery>)> = terms
                    .into_iter()
                    .map(|t| {
                        let q: Box<dyn TQuery> =
                            Box::new(TermQuery::new(t, IndexRecordOption::WithFreqs));
                        (Occur::Should, q)
                    })
                    .collect();
                return (Box::new(BooleanQuery::new(words)), true);
            }
            match RegexQuery::from_pattern(&format!("{}.*", regex_escape(&w.text)), f.text) {
                Ok(r) => (Box::new(r), true),
                Err(_) => (Box::new(AllQuery), false),
            }
        } else {
            (
                Box::new(TermQuery::new(
                    Term::from_field_text(f.text, &w.text),
                    IndexRecordOption::WithFreqs,
                )),
                true,
            )
        }
    };
    match q {
        Query::All => (Box::new(AllQuery), true),
        Query::Term(w) => text_term(w),
        Query::Phrase { words, slop } => {
            if slop.is_none() && words.iter().all(|w| !w.prefix) && words.len() > 1 {
                let terms = words
                    .iter()
                    .map(|w| Term::from_field_text(f.text, &w.text))
                    .collect();
                (Box::new(PhraseQuery::new(terms)), true)
            } else {
                let parts: Vec<(Occur, Box<dyn TQuery>)> = words
                    .iter()
                    .map(|w| (Occur::Must, text_term(w).0))
                    .collect();
                (Box::new(BooleanQuery::new(parts)), false)
            }
        }
        Query::Field { name, value, .. } => {
            let exact_term = |field, v: &str| -> (Box<dyn TQuery>, bool) {
                (
                    Box::new(TermQuery::new(
                        Term::from_field_text(field, v),
                        IndexRecordOption::Basic,
                    )),
                    true,
                )
            };
            match name.as_str() {
                "role" | "lang" | "kind" if !value.prefix => exact_term(
                    match name.as_str() {
                        "role" => f.role,
                        "lang" => f.lang,
                        _ => f.kind,
                    },
                    &value.text,
                ),
                "speaker" if !value.prefix && !value.text.contains(' ') => {
                    exact_term(f.speaker, &value.text)
                }
                "speaker" | "role" | "lang" | "kind" | "doc" => (Box::new(AllQuery), false),
                attr if !value.prefix => {
                    let mut term = Term::from_field_json_path(f.attrs, attr, false);
                    term.append_type_and_str(&value.text);
                    (
                        Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
                        true,
                    )
                }
                _ => (Box::new(AllQuery), false),
            }
        }
        Query::And(qs) => combine(store, searcher, qs, Occur::Must),
        Query::Or(qs) => combine(store, searcher, qs, Occur::Should),
        Query::Not(inner) => match translate(store, searcher, inner) {
            (t, true) => (
                Box::new(BooleanQuery::new(vec![
                    (Occur::Must, Box::new(AllQuery)),
                    (Occur::MustNot, t),
                ])),
                true,
            ),
            (_, false) => (Box::new(AllQuery), false),
        },
    }
}

/// A boolean combination of translated queries; exact when every part is.
fn combine(
    store: &IndexStore,
    searcher: &Snapshot,
    qs: &[Query],
    occur: Occur,
) -> (Box<dyn TQuery>, bool) {
    let mut exact = true;
    let parts = qs
        .iter()
        .map(|q| {
            let (t, e) = translate(store, searcher, q);
            exact &= e;
            (occur, t)
        })
        .collect();
    (Box::new(BooleanQuery::new(parts)), exact)
}

/// Words of a prefix query taken one by one up to this many (a disjunction
/// of their postings, read lazily, so a walk in document order stops early);
/// beyond, one automaton over the dictionary (every posting read at once).
const PREFIX_TERMS: usize = 256;

/// The index's words that start with `prefix`, over every tantivy segment,
/// or `None` when there are more than [`PREFIX_TERMS`] (or a dictionary
/// cannot be read: the automaton then answers, as it always did).
fn expand_prefix(
    searcher: &Snapshot,
    field: tantivy::schema::Field,
    prefix: &str,
) -> Option<Vec<Term>> {
    let mut words = std::collections::BTreeSet::new();
    for reader in searcher.segment_readers() {
        let inverted = reader.inverted_index(field).ok()?;
        let mut stream = inverted.terms().range().ge(prefix).into_stream().ok()?;
        while stream.advance() {
            let key = stream.key();
            if !key.starts_with(prefix.as_bytes()) {
                break;
            }
            if !words.contains(key) {
                if words.len() == PREFIX_TERMS {
                    return None;
                }
                words.insert(key.to_vec());
            }
        }
    }
    Some(
        words
            .into_iter()
            .filter_map(|w| String::from_utf8(w).ok())
            .map(|w| Term::from_field_text(field, &w))
            .collect(),
    )
}

fn regex_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "\\.+*?()|[]{}^$#&-~\"".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The whole request as one tantivy query; `exact` when no post-filter is needed.
fn build(store: &IndexStore, searcher: &Snapshot, req: &Request) -> (BooleanQuery, bool) {
    let f = &store.fields;
    let mut parts: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
    let (q, mut exact) = translate(store, searcher, &req.query);
    parts.push((Occur::Must, q));
    for filter in &req.filters {
        let (q, e) = translate(store, searcher, filter);
        exact &= e;
        parts.push((Occur::Must, q));
    }
    if !req.codes.is_empty() {
        let codes: Vec<(Occur, Box<dyn TQuery>)> = req
            .codes
            .iter()
            .map(|c| {
                let t: Box<dyn TQuery> = Box::new(TermQuery::new(
                    Term::from_facet(f.codes, &Facet::from(c.as_str())),
                    IndexRecordOption::Basic,
                ));
                (Occur::Should, t)
            })
            .collect();
        parts.push((Occur::Must, Box::new(BooleanQuery::new(codes))));
    }
    if let Some(prefix) = &req.doc_prefix {
        match RegexQuery::from_pattern(&format!("{}.*", regex_escape(prefix)), f.doc) {
            Ok(r) => parts.push((Occur::Must, Box::new(r))),
            Err(_) => exact = false,
        }
    }
    match req.unit {
        Some(kind) => parts.push((
            Occur::Must,
            Box::new(TermQuery::new(
                Term::from_field_text(f.kind, kind.name()),
                IndexRecordOption::Basic,
            )),
        )),
        None => parts.push((
            Occur::MustNot,
            Box::new(TermQuery::new(
                Term::from_field_text(f.kind, "file"),
                IndexRecordOption::Basic,
            )),
        )),
    }
    (BooleanQuery::new(parts), exact)
}

/// Whether the whole request (query and filters) holds for a segment, with
/// the highlight spans of the query.
fn check(req: &Request, seg: &StoredSegment, highlights: &mut Vec<Range<usize>>) -> bool {
    let tokens = Tokens::new(&seg.text);
    let speaker = seg.speaker.as_deref().map(Tokens::new);
    let view = SegmentView {
        tokens: &tokens,
        speaker: speaker.as_ref(),
        role: seg.role.as_deref(),
        lang: &seg.lang,
        kind: seg.kind.name(),
        doc: &seg.doc,
        attrs: seg.attrs.as_ref(),
    };
    highlights.clear();
    let ok = req.query.matches(&view, highlights)
        && req
            .filters
            .iter()
            .all(|f| f.matches(&view, &mut Vec::new()));
    highlights.sort_by_key(|r| (r.start, r.end));
    highlights.dedup();
    ok
}

fn load(
    store: &IndexStore,
    searcher: &Snapshot,
    texts: &Texts,
    addr: DocAddress,
) -> Result<Option<StoredSegment>> {
    let d: TantivyDocument = searcher.doc(addr)?;
    store.stored_segment(searcher, &d, texts)
}

/// How a page in document order is found (for tests and benches; every
/// strategy gives the same results).
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strategy {
    /// By estimated cost, per tantivy segment.
    Auto,
    /// Walk files in path order wherever possible.
    Walk,
    /// Read every match's document and position.
    Read,
    /// Every match's document and position read, each segment's first
    /// page kept (the method before walking).
    Exhaustive,
}

/// Runs a request.
pub fn search(store: &IndexStore, req: &Request) -> Result<Results> {
    search_with(store, req, Strategy::Auto)
}

/// [`search`] with a chosen [`Strategy`].
#[doc(hidden)]
pub fn search_with(store: &IndexStore, req: &Request, strategy: Strategy) -> Result<Results> {
    let searcher = store.snapshot()?;
    let texts = Texts::default();
    let (query, exact) = build(store, &searcher, req);
    let wanted = req.offset + req.limit;
    let mut page: Vec<(StoredSegment, f32, Vec<Range<usize>>)> = Vec::new();
    let mut total = 0usize;
    let mut estimated = false;
    let mut highlights = Vec::new();
    match req.sort {
        Sort::Doc => {
            // An exact count of a phrase costs a pass over its candidates'
            // positions whatever the method: read once, counting as it goes.
            // With the total estimated, a phrase walks like any query.
            let strategy =
                if strategy == Strategy::Auto && positional(&req.query) && !req.estimate_total {
                    Strategy::Read
                } else {
                    strategy
                };
            let (order, matched) = match exact.then_some(wanted) {
                Some(k) if k <= TOP_K_WALK && strategy != Strategy::Exhaustive => {
                    let (order, matched, guessed) = first_in_doc_order(
                        store,
                        &searcher,
                        &query,
                        k,
                        strategy,
                        req.estimate_total,
                    )?;
                    estimated = guessed;
                    (order, matched)
                }
                first => doc_order(&searcher, &query, first)?,
            };
            if exact {
                total = matched;
            }
            for (i, addr) in order.into_iter().enumerate() {
                if exact && i < req.offset {
                    continue;
                }
                let Some(seg) = load(store, &searcher, &texts, addr)? else {
                    continue;
                };
                if !check(req, &seg, &mut highlights) && !exact {
                    continue;
                }
                if !exact {
                    total += 1;
                    if total <= req.offset {
                        continue;
                    }
                }
                if page.len() < req.limit {
                    page.push((seg, 0.0, highlights.clone()));
                }
            }
        }
        Sort::Score => {
            let count = searcher.search(&query, &tantivy::collector::Count)?;
            let limit = if exact { wanted.max(1) } else { count.max(1) };
            let top = searcher.search(&query, &TopDocs::with_limit(limit).order_by_score())?;
            for (score, addr) in top {
                let Some(seg) = load(store, &searcher, &texts, addr)? else {
                    continue;
                };
                if !check(req, &seg, &mut highlights) {
                    continue;
                }
                total += 1;
                if total > req.offset && page.len() < req.limit {
                    page.push((seg, score, highlights.clone()));
                }
            }
            if exact {
                total = count;
            }
        }
    }
    let mut hits = Vec::with_capacity(page.len());
    for (segment, score, highlights) in page {
        let (before, after) = context(store, &searcher, &texts, &segment, req.context)?;
        hits.push(Hit {
            segment,
            score,
            highlights,
            before,
            after,
        });
    }
    Ok(Results {
        total,
        estimated,
        hits,
    })
}

/// Collects (document ordinal, position, doc id) of every match from the fast
/// fields, per tantivy segment, without loading documents.
struct DocOrderCollector;

/// Matches of one tantivy segment: (segment, (doc ordinal, position, doc id), doc column).
type Run = (
    u32,
    Vec<(u64, u64, u32)>,
    Option<tantivy::columnar::StrColumn>,
);

struct DocOrderSegment {
    segment: u32,
    doc: Option<tantivy::columnar::StrColumn>,
    pos: tantivy::columnar::Column<u64>,
    hits: Vec<(u64, u64, u32)>,
}

impl tantivy::collector::Collector for DocOrderCollector {
    type Fruit = Vec<Run>;
    type Child = DocOrderSegment;

    fn for_segment(
        &self,
        segment: u32,
        reader: &tantivy::SegmentReader,
    ) -> tantivy::Result<DocOrderSegment> {
        Ok(DocOrderSegment {
            segment,
            doc: reader.fast_fields().str("doc")?,
            pos: reader.fast_fields().u64("pos")?,
            hits: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Run>) -> tantivy::Result<Self::Fruit> {
        Ok(fruits)
    }
}

impl tantivy::collector::SegmentCollector for DocOrderSegment {
    type Fruit = Run;

    fn collect(&mut self, doc: tantivy::DocId, _score: tantivy::Score) {
        let ord = self
            .doc
            .as_ref()
            .and_then(|c| c.term_ords(doc).next())
            .unwrap_or(u64::MAX);
        let pos = self.pos.first(doc).unwrap_or(0);
        self.hits.push((ord, pos, doc));
    }

    fn harvest(self) -> Self::Fruit {
        (self.segment, self.hits, self.doc)
    }
}

/// Matching documents in (document path, position) order: each tantivy
/// segment is ordered by its own dictionary ordinals, and the sorted runs are
/// merged comparing paths, resolving only the paths of the heads. With `first`,
/// only that many are needed: each run is cut to its first `first` by a
/// partial sort. Returns the addresses and the total number of matches.
fn doc_order(
    searcher: &Snapshot,
    query: &BooleanQuery,
    first: Option<usize>,
) -> Result<(Vec<DocAddress>, usize)> {
    let mut runs = searcher.search(query, &DocOrderCollector)?;
    let total = runs.iter().map(|(_, hits, _)| hits.len()).sum();
    for (_, hits, _) in &mut runs {
        if let Some(k) = first
            && hits.len() > k
        {
            if k == 0 {
                hits.clear();
            } else {
                hits.select_nth_unstable(k - 1);
                hits.truncate(k);
            }
        }
        hits.sort_unstable();
    }
    let name = |col: &Option<tantivy::columnar::StrColumn>, ord: u64| -> String {
        let mut s = String::new();
        if let Some(col) = col {
            let _ = col.ord_to_str(ord, &mut s);
        }
        s
    };
    let mut heap = BinaryHeap::new();
    let mut cursors = vec![0usize; runs.len()];
    for (i, (_, hits, col)) in runs.iter().enumerate() {
        if let Some(&(ord, pos, doc)) = hits.first() {
            heap.push(Reverse((name(col, ord), pos, doc, i)));
        }
    }
    let wanted = first.unwrap_or(usize::MAX);
    let mut out = Vec::new();
    while let Some(Reverse((_, _, doc, i))) = heap.pop() {
        let (segment, hits, col) = &runs[i];
        out.push(DocAddress::new(*segment, doc));
        if out.len() >= wanted {
            break;
        }
        cursors[i] += 1;
        if let Some(&(ord, pos, doc)) = hits.get(cursors[i]) {
            heap.push(Reverse((name(col, ord), pos, doc, i)));
        }
    }
    Ok((out, total))
}

/// Pages up to this many hits deep are found by [`first_in_doc_order`];
/// deeper ones (a bundle's every excerpt) by [`doc_order`].
const TOP_K_WALK: usize = 10_000;

/// Estimated cost of reading one hit's document and position from the fast
/// fields ([`doc_order`]), and of visiting one file of a tantivy segment in
/// path order ([`first_in_doc_order`]), in nanoseconds (measured on the
/// 100,000-document scale project; only their ratio matters).
const COLLECT_NS: f64 = 25.0;
const WALK_NS: f64 = 2_500.0;

/// The first `k` matches in (document path, position) order and the exact
/// number of matches, without reading every match.
///
/// The count comes from each tantivy segment's doc set alone (no column read,
/// no allocation per match), or from the reading pass where a segment reads
/// its matches. For the first `k`, each segment chooses by estimated cost
/// (from an upper bound of its matches): where matches are many, it walks its files in path order
/// (the `doc` field's term dictionary is sorted by path, and a file's postings
/// are its index documents), intersecting each file with the query, and stops
/// once it holds `k` matches — a common word at 91 million index documents
/// needs the first few files only; where matches are few, it reads them all
/// as [`doc_order`] does. A walk that runs over its budget (matches bunched
/// in late files, as an attribute filter makes them) finishes by reading.
/// Segments are then merged by path. Same matches, same order as
/// [`doc_order`] (`tests/query.rs` compares them).
fn first_in_doc_order(
    store: &IndexStore,
    searcher: &Snapshot,
    query: &BooleanQuery,
    k: usize,
    strategy: Strategy,
    estimate: bool,
) -> Result<(Vec<DocAddress>, usize, bool)> {
    use tantivy::query::{EnableScoring, Scorer};
    use tantivy::{DocSet, TERMINATED};
    /// Scorers kept at once: one per sorted run a merge left in a segment.
    const RUNS: usize = 8;
    /// Fresh scorers a walk may make before it reads instead.
    const RESTARTS: usize = 32;
    let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    let mut total = 0usize;
    let mut estimated = false;
    // (path, position, segment, doc), each segment's first k in order.
    let mut firsts: Vec<Placed> = Vec::new();
    for (s, reader) in searcher.segment_readers().iter().enumerate() {
        let s = s as u32;
        let first_scorer = weight.scorer(reader, 1.0)?;
        if k == 0 {
            total += weight.count(reader)? as usize;
            continue;
        }
        // An estimate of the matches, for the choice only (a phrase's is
        // that of its rarest word; some scorers say 0): the exact count
        // comes from the pass that is made anyway.
        let count = (first_scorer.size_hint() as usize).max(1);
        let inverted = reader.inverted_index(store.fields.doc)?;
        let files = inverted.terms().num_terms();
        let collect = count as f64 * COLLECT_NS;
        let expected_files = (k as f64 * files as f64 / count as f64).min(files as f64);
        let walk_budget = match strategy {
            Strategy::Walk => usize::MAX,
            _ => ((collect / WALK_NS) as usize).max(64),
        };
        let pos = reader.fast_fields().u64("pos")?;
        let alive = reader.alive_bitset();
        let mut found: Vec<Placed> = Vec::new();
        let mut walked = match strategy {
            Strategy::Walk => true,
            Strategy::Read | Strategy::Exhaustive => false,
            Strategy::Auto => expected_files * WALK_NS < collect,
        };
        let mut unused = Some(first_scorer);
        let mut visited = 0usize;
        let mut exhausted = false;
        if walked {
            let mut stream = inverted
                .terms()
                .stream()
                .map_err(tantivy::TantivyError::from)?;
            // Scorers move forward only. A merged segment holds several runs
            // of files in path order, so a walk in path order goes back and
            // forth between them: one scorer per run, each with the last
            // document it was asked about.
            let mut scorers: Vec<(Box<dyn Scorer>, u32)> =
                vec![(unused.take().expect("unused"), 0)];
            let mut restarts = 0usize;
            let mut file_hits: Vec<(u64, u32)> = Vec::new();
            while found.len() < k {
                if !stream.advance() {
                    exhausted = true;
                    break;
                }
                visited += 1;
                if visited > walk_budget || (restarts > RESTARTS && strategy == Strategy::Auto) {
                    walked = false;
                    break;
                }
                let mut postings = inverted
                    .read_postings_from_terminfo(stream.value(), IndexRecordOption::Basic)
                    .map_err(tantivy::TantivyError::from)?;
                file_hits.clear();
                let mut d = postings.doc();
                // The scorer that has gone furthest without passing `d`.
                let mut at = usize::MAX;
                while d != TERMINATED {
                    if at == usize::MAX || scorers[at].1 > d {
                        at = match scorers
                            .iter()
                            .enumerate()
                            .filter(|(_, (_, floor))| *floor <= d)
                            .max_by_key(|(_, (_, floor))| *floor)
                        {
                            Some((i, _)) => i,
                            None => {
                                restarts += 1;
                                let fresh = (weight.scorer(reader, 1.0)?, 0);
                                if scorers.len() < RUNS {
                                    scorers.push(fresh);
                                    scorers.len() - 1
                                } else {
                                    // Replace the one furthest behind.
                                    let i = scorers
                                        .iter()
                                        .enumerate()
                                        .min_by_key(|(_, (_, floor))| *floor)
                                        .map_or(0, |(i, _)| i);
                                    scorers[i] = fresh;
                                    i
                                }
                            }
                        };
                    }
                    let (scorer, floor) = &mut scorers[at];
                    *floor = d;
                    let q = if scorer.doc() >= d {
                        scorer.doc()
                    } else {
                        scorer.seek(d)
                    };
                    if q == d {
                        if alive.is_none_or(|a| a.is_alive(d)) {
                            file_hits.push((pos.first(d).unwrap_or(0), d));
                        }
                        d = postings.advance();
                    } else if q == TERMINATED {
                        break;
                    } else {
                        d = postings.seek(q);
                    }
                }
                if !file_hits.is_empty() {
                    // A file's documents may sit in two runs after a merge:
                    // position order is restored within the file.
                    file_hits.sort_unstable();
                    let path = String::from_utf8_lossy(stream.key()).into_owned();
                    found.extend(file_hits.iter().map(|&(p, d)| (path.clone(), p, s, d)));
                }
            }
        }
        if walked && exhausted {
            // Every file visited: the count is exact.
            total += found.len();
        } else if walked && estimate {
            // The matches per file so far, over every file of the segment.
            total += (found.len() as f64 * files as f64 / visited.max(1) as f64).round() as usize;
            estimated = true;
        } else if walked {
            total += weight.count(reader)? as usize;
        } else {
            let scorer = match unused {
                Some(scorer) => scorer,
                None => weight.scorer(reader, 1.0)?,
            };
            let (order, matched) = doc_order_of(scorer, s, reader, k)?;
            found = order;
            total += matched;
        }
        found.truncate(k);
        firsts.extend(found);
    }
    firsts.sort_unstable();
    firsts.truncate(k);
    Ok((
        firsts
            .into_iter()
            .map(|(_, _, s, d)| DocAddress::new(s, d))
            .collect(),
        total,
        estimated,
    ))
}

/// A match found in document order: (path, position, tantivy segment, doc).
type Placed = (String, u64, u32, u32);

/// One segment's first `k` matches in (path, position) order, read from the
/// fast fields (every match visited).
fn doc_order_of(
    mut scorer: Box<dyn tantivy::query::Scorer>,
    s: u32,
    reader: &tantivy::SegmentReader,
    k: usize,
) -> Result<(Vec<Placed>, usize)> {
    let doc = reader.fast_fields().str("doc")?;
    let pos = reader.fast_fields().u64("pos")?;
    let alive = reader.alive_bitset();
    let mut hits: Vec<(u64, u64, u32)> = Vec::new();
    let mut buffer = [0u32; tantivy::COLLECT_BLOCK_BUFFER_LEN];
    loop {
        let n = tantivy::DocSet::fill_buffer(&mut scorer, &mut buffer);
        if n == 0 {
            break;
        }
        for &d in &buffer[..n] {
            if alive.is_none_or(|a| a.is_alive(d)) {
                let ord = doc
                    .as_ref()
                    .and_then(|c| c.term_ords(d).next())
                    .unwrap_or(u64::MAX);
                hits.push((ord, pos.first(d).unwrap_or(0), d));
            }
        }
    }
    let total = hits.len();
    if hits.len() > k {
        hits.select_nth_unstable(k - 1);
        hits.truncate(k);
    }
    hits.sort_unstable();
    let mut name = String::new();
    let out = hits
        .into_iter()
        .map(|(ord, p, d)| {
            name.clear();
            if let Some(c) = &doc {
                let _ = c.ord_to_str(ord, &mut name);
            }
            (name.clone(), p, s, d)
        })
        .collect();
    Ok((out, total))
}

/// Whether a query holds a phrase or a proximity (its matching reads
/// positions).
fn positional(q: &Query) -> bool {
    match q {
        Query::Phrase { words, .. } => words.len() > 1,
        Query::And(qs) | Query::Or(qs) => qs.iter().any(positional),
        Query::Not(q) => positional(q),
        _ => false,
    }
}

/// `req` over every unit kind, every hit, in document order, no context.
fn every_hit(req: &Request) -> Request {
    Request {
        unit: None,
        offset: 0,
        limit: usize::MAX / 2,
        context: 0,
        sort: Sort::Doc,
        ..req.clone()
    }
}

/// The segment with id `id`, if the index holds it.
fn by_id(
    store: &IndexStore,
    searcher: &Snapshot,
    texts: &Texts,
    id: &str,
) -> Result<Option<StoredSegment>> {
    let q = TermQuery::new(
        Term::from_field_text(store.fields.id, id),
        IndexRecordOption::Basic,
    );
    match searcher
        .search(&q, &TopDocs::with_limit(1).order_by_score())?
        .first()
    {
        Some(&(_, addr)) => load(store, searcher, texts, addr),
        None => Ok(None),
    }
}

/// Codings sit on sentences (a codebook's default unit); an editor asking
/// for paragraphs or turns wants the units that hold them. Runs `req` over
/// every unit kind, lifts each hit to the `unit` that holds it (a sentence
/// to its paragraph or turn; a document without turns to its paragraphs; a
/// larger segment stays as it is), each unit once, in document order, with
/// the codes of what it holds; then pages and adds context.
pub fn search_lifted(store: &IndexStore, req: &Request, unit: SegmentKind) -> Result<Results> {
    let found = search(store, &every_hit(req))?;
    let searcher = store.snapshot()?;
    let texts = Texts::default();
    let mut order: Vec<String> = Vec::new();
    let mut lifted: std::collections::HashMap<String, (StoredSegment, Vec<String>)> =
        std::collections::HashMap::new();
    for hit in found.hits {
        let s = hit.segment;
        let rank = |k: SegmentKind| match k {
            SegmentKind::Sentence => 0,
            SegmentKind::Paragraph => 1,
            SegmentKind::Turn => 2,
        };
        let id = if rank(s.kind) >= rank(unit) {
            s.id.clone()
        } else {
            match (unit, s.loc.turn) {
                (SegmentKind::Turn, Some(t)) => format!("{}#t{t}", s.doc),
                _ if s.kind == SegmentKind::Paragraph => s.id.clone(),
                _ => format!("{}#p{}", s.doc, s.loc.paragraph),
            }
        };
        if let Some((_, codes)) = lifted.get_mut(&id) {
            codes.extend(s.codes.iter().cloned());
            continue;
        }
        let holder = if id == s.id {
            Some(s.clone())
        } else {
            by_id(store, &searcher, &texts, &id)?
        };
        // A unit that cannot be found (never: ids are made by the segmenter)
        // falls back to the segment itself rather than losing the hit.
        let holder = holder.unwrap_or_else(|| s.clone());
        order.push(id.clone());
        lifted.insert(id, (holder, s.codes.clone()));
    }
    let total = order.len();
    let mut hits = Vec::new();
    for id in order.into_iter().skip(req.offset).take(req.limit) {
        let (mut segment, mut codes) = lifted.remove(&id).expect("every id was stored");
        codes.extend(segment.codes.iter().cloned());
        codes.sort();
        codes.dedup();
        segment.codes = codes;
        let (before, after) = context(store, &searcher, &texts, &segment, req.context)?;
        hits.push(Hit {
            segment,
            score: 0.0,
            highlights: Vec::new(),
            before,
            after,
        });
    }
    Ok(Results {
        total,
        estimated: false,
        hits,
    })
}

/// A document that holds hits of a request, for `--unit document`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DocumentHit {
    /// Document path.
    pub doc: String,
    /// Matching segments in it.
    pub segments: usize,
    /// Codes of those segments (`codebook:code`), sorted.
    pub codes: Vec<String>,
}

/// The documents that hold hits of `req` (any segment kind), in path order.
pub fn search_documents(store: &IndexStore, req: &Request) -> Result<Vec<DocumentHit>> {
    let mut out: Vec<DocumentHit> = Vec::new();
    for hit in search(store, &every_hit(req))?.hits {
        let s = hit.segment;
        if out.last().is_none_or(|d| d.doc != s.doc) {
            out.push(DocumentHit {
                doc: s.doc.clone(),
                segments: 0,
                codes: Vec::new(),
            });
        }
        let d = out.last_mut().expect("just pushed");
        d.segments += 1;
        d.codes.extend(
            s.codes
                .iter()
                .map(|f| f.trim_start_matches('/').replacen('/', ":", 1)),
        );
    }
    for d in &mut out {
        d.codes.sort();
        d.codes.dedup();
    }
    Ok(out)
}

/// Segments of the same kind around `seg`, by id.
fn context(
    store: &IndexStore,
    searcher: &Snapshot,
    texts: &Texts,
    seg: &StoredSegment,
    n: usize,
) -> Result<(Vec<StoredSegment>, Vec<StoredSegment>)> {
    if n == 0 {
        return Ok((Vec::new(), Vec::new()));
    }
    let letter = match seg.kind {
        SegmentKind::Turn => 't',
        SegmentKind::Paragraph => 'p',
        SegmentKind::Sentence => 's',
    };
    let by_ordinal = |o: u32| by_id(store, searcher, texts, &format!("{}#{letter}{o}", seg.doc));
    let mut before = Vec::new();
    for o in seg.ordinal.saturating_sub(n as u32).max(1)..seg.ordinal {
        before.extend(by_ordinal(o)?);
    }
    let mut after = Vec::new();
    for o in seg.ordinal + 1..=seg.ordinal + n as u32 {
        after.extend(by_ordinal(o)?);
    }
    Ok((before, after))
}

/// Folded attribute filter `ATTR=VALUE` as a query field.
pub fn where_filter(spec: &str) -> Option<Query> {
    let (name, value) = spec.split_once('=')?;
    let name = name.trim().to_ascii_lowercase();
    let value = value.trim();
    if name.is_empty() || value.is_empty() {
        return None;
    }
    let prefix = value.ends_with('*');
    Some(Query::Field {
        name,
        value: Word {
            text: fold(value.trim_end_matches('*')),
            prefix,
        },
        at: 0..spec.chars().count(),
    })
}
