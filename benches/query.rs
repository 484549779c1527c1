//! Retrieval benchmark: latency of 100 realistic queries (first 20 hits in
//! document order) on a generated index of at least 200,000 segments with
//! codes and attributes, and the time of a 100 × 100 code matrix.
//!
//! Run: `cargo bench --bench query` (env BENCH_QUERY_DOCS, default 330
//! interviews of ~60 KB, which gives about 200,000 sentences, paragraphs and turns).

mod support;

use pipeline::code::Coder;
use pipeline::codebook;
use pipeline::extract::{Block, BlockKind, Extracted};
use pipeline::index::{IndexStore, StoredSegment};
use pipeline::query;
use pipeline::retrieve::{self, Request, Sort};
use pipeline::segment::{self, SegmentKind, Settings};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;
use std::time::{Duration, Instant};
use support::{Rng, interview};

fn main() {
    let n_docs: usize = std::env::var("BENCH_QUERY_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(330);
    let mut rng = Rng(0x9e7);
    let regions = ["ganja", "baku", "barda", "tbilisi", "zugdidi", "goris"];
    let words: Vec<String> = support::WORDS
        .iter()
        .map(|w| pipeline::fold::fold(w.trim_end_matches('.')))
        .collect();

    // A codebook of 100 codes over the generator's vocabulary.
    let mut toml = String::from(
        "[codebook]\nid = \"gen\"\ntitle = \"Generated\"\nversion = \"1\"\nunit = \"sentence\"\n",
    );
    for c in 0..100 {
        let a = &words[c % words.len()];
        let b = &words[(c * 7 + 3) % words.len()];
        let _ = write!(
            toml,
            "\n[[code]]\nid = \"c{c:03}\"\nname = \"Code {c}\"\nmatch = '\"{a} {b}\"~3 OR ({a} AND {b})'\n"
        );
    }
    let book = codebook::parse(&toml, std::path::Path::new("gen.toml")).unwrap();
    let coder = Coder::new(std::slice::from_ref(&book));

    // Build the index: segments with attributes and code facets.
    let dir = tempfile::tempdir().unwrap();
    let store = IndexStore::create_staged(&dir.path().join("index")).unwrap();
    let tx = store.begin(2).unwrap();
    let mut all_codings = Vec::new();
    let mut segments: HashMap<String, StoredSegment> = HashMap::new();
    let mut attrs_by_doc: HashMap<String, BTreeMap<String, String>> = HashMap::new();
    let mut n_segments = 0usize;
    let t = Instant::now();
    for i in 0..n_docs {
        let id = format!("gen/{i:05}.txt");
        let text = interview(&mut rng, 60_000);
        let x = Extracted {
            blocks: vec![Block::new(BlockKind::Flow, text)],
            ..Extracted::default()
        };
        let segmented = segment::segment(&id, &x, &Settings::default());
        // Segment texts are cut from the document's text in its file record.
        tx.add_file(
            &support::text_record(&id, &segmented.text),
            Some(&segmented.text),
        )
        .unwrap();
        let segs = segmented.segments;
        let attrs: BTreeMap<String, String> = [
            ("region".to_string(), rng.pick(&regions).to_string()),
            (
                "gender".to_string(),
                if rng.next().is_multiple_of(2) {
                    "female"
                } else {
                    "male"
                }
                .to_string(),
            ),
        ]
        .into_iter()
        .collect();
        let stored: Vec<StoredSegment> = segs
            .iter()
            .map(|s| StoredSegment::of(&id, s, Some(&attrs)))
            .collect();
        let inputs: Vec<pipeline::code::SegmentInput> = stored.iter().map(Into::into).collect();
        let codings = coder.code_document(&inputs);
        let mut facets: HashMap<&str, Vec<String>> = HashMap::new();
        for c in &codings {
            facets
                .entry(c.segment.as_str())
                .or_default()
                .push(c.facet());
        }
        for mut s in stored {
            s.codes = facets.get(s.id.as_str()).cloned().unwrap_or_default();
            tx.add_stored(&s).unwrap();
            n_segments += 1;
            if !s.codes.is_empty() {
                segments.insert(s.id.clone(), s);
            }
        }
        attrs_by_doc.insert(id, attrs);
        all_codings.extend(codings);
    }
    tx.commit(None).unwrap();
    let build = t.elapsed();

    // 100 realistic queries.
    let mut queries: Vec<(String, Vec<String>, Vec<String>)> = Vec::new();
    for q in 0..100 {
        let a = &words[(q * 5) % words.len()];
        let b = &words[(q * 11 + 1) % words.len()];
        let code = format!("/gen/c{:03}", q % 100);
        let region = regions[q % regions.len()];
        let (text, codes, wheres) = match q % 6 {
            0 => (a.clone(), vec![], vec![]),
            1 => (format!("\"{a} {b}\""), vec![], vec![]),
            2 => (String::new(), vec![code], vec![]),
            3 => (a.clone(), vec![], vec![format!("region={region}")]),
            4 => (
                format!("{a} AND {b}"),
                vec![code],
                vec![format!("region={region}")],
            ),
            _ => (
                format!("{}* OR {b}", &a[..a.len().min(4)]),
                vec![],
                vec!["gender=female".to_string()],
            ),
        };
        queries.push((text, codes, wheres));
    }
    let mut latencies = Vec::new();
    let mut returned = 0;
    for (text, codes, wheres) in &queries {
        let request = Request {
            query: query::parse(text).unwrap(),
            codes: codes.clone(),
            filters: wheres
                .iter()
                .map(|w| retrieve::where_filter(w).unwrap())
                .collect(),
            doc_prefix: None,
            unit: if text.is_empty() {
                None
            } else {
                Some(SegmentKind::Sentence)
            },
            context: 0,
            offset: 0,
            limit: 20,
            sort: Sort::Doc,
            estimate_total: false,
        };
        let t = Instant::now();
        let r = retrieve::search(&store, &request).unwrap();
        latencies.push(t.elapsed());
        returned += r.hits.len();
    }
    latencies.sort();
    let p =
        |q: f64| latencies[((latencies.len() as f64 * q).ceil() as usize).min(latencies.len()) - 1];

    // 100 × 100 code matrix.
    let coded = pipeline::stats::Coded {
        books: std::slice::from_ref(&book),
        codings: &all_codings,
        segments: &segments,
        documents: n_docs,
        attrs: &attrs_by_doc,
    };
    let t = Instant::now();
    let m = coded.code_matrix(
        pipeline::stats::Within::Paragraph,
        pipeline::stats::Count::Units,
    );
    let matrix = t.elapsed();
    assert_eq!(m.rows.len(), 100);

    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "\nindex: {n_segments} segments from {n_docs} documents, {} codings, built in {:.1} s; queries returned {returned} hits",
        all_codings.len(),
        build.as_secs_f64()
    );
    println!("| measure | value | target |");
    println!("|---|---|---|");
    println!(
        "| query p50 (first 20 hits, document order) | {:.2} ms | < 5 ms |",
        ms(p(0.5))
    );
    println!("| query p99 | {:.2} ms | < 50 ms |", ms(p(0.99)));
    println!(
        "| 100 × 100 code matrix (within paragraph) | {:.0} ms | < 2000 ms |",
        ms(matrix)
    );
}
