//! Coding benchmark: a generated codebook of 500 codes and 5,000 keywords and
//! phrases over a generated corpus (default 50 MB), side by side in one run with
//!
//! - a single-pass aho-corasick scan of the same segments for the same keywords
//!   (ASCII case-insensitive): the bound for any keyword coder;
//! - a per-rule regex loop (QualCoder's approach): one case-insensitive regex
//!   per code, tried on every segment. Measured on a slice of the corpus and
//!   reported as throughput, since the full run would take minutes.
//!
//! Run: `cargo bench --bench code` (env BENCH_CODE_MB, default 50).

mod support;

use pipeline::code::{Coder, SegmentInput};
use pipeline::codebook;
use pipeline::extract::{Block, BlockKind, Extracted};
use pipeline::segment::{self, SegmentKind, Settings};
use rayon::prelude::*;
use std::fmt::Write;
use std::time::Instant;
use support::{Rng, interview};

/// Pronounceable pseudo-words: a vocabulary of topic words that codes look for.
fn word(rng: &mut Rng) -> String {
    let syll = [
        "ka", "lo", "mi", "ne", "ra", "su", "ti", "ve", "do", "ga", "sha", "zu", "be", "ni", "qa",
        "ər", "ık",
    ];
    (0..3 + rng.next() % 2).map(|_| rng.pick(&syll)).collect()
}

fn main() {
    let mb: usize = std::env::var("BENCH_CODE_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let mut rng = Rng(0xc0de);

    // Vocabulary used by both the corpus and the codebook.
    let vocab: Vec<String> = (0..20_000).map(|_| word(&mut rng)).collect();
    let vocab_refs: Vec<&str> = vocab.iter().map(String::as_str).collect();

    // Corpus: interviews, with generated words mixed in.
    let mut docs: Vec<(String, Vec<segment::Segment>)> = Vec::new();
    let mut bytes = 0usize;
    let mut i = 0;
    while bytes < mb * 1_000_000 {
        let text = interview(&mut rng, 60_000);
        // Topic words scattered through the text (about one in thirty words).
        let mut with_topics = String::with_capacity(text.len() + 4096);
        for (n, w) in text.split(' ').enumerate() {
            if n % 30 == 29 {
                with_topics.push_str(rng.pick(&vocab_refs));
                with_topics.push(' ');
            }
            with_topics.push_str(w);
            with_topics.push(' ');
        }
        let text = with_topics;
        bytes += text.len();
        let id = format!("gen/{i:05}.txt");
        let x = Extracted {
            blocks: vec![Block::new(BlockKind::Flow, text)],
            ..Extracted::default()
        };
        let segs = segment::segment(&id, &x, &Settings::default())
            .segments
            .into_iter()
            .filter(|s| s.kind == SegmentKind::Sentence)
            .collect();
        docs.push((id, segs));
        i += 1;
    }
    let n_segments: usize = docs.iter().map(|(_, s)| s.len()).sum();
    let seg_bytes: usize = docs
        .iter()
        .flat_map(|(_, s)| s.iter().map(|x| x.text.len()))
        .sum();

    // Codebook: 500 codes × 10 keywords (80% words, 10% prefixes, 10% phrases).
    let mut toml = String::from(
        "[codebook]\nid = \"gen\"\ntitle = \"Generated\"\nversion = \"1\"\nunit = \"sentence\"\n",
    );
    let mut keywords: Vec<String> = Vec::new();
    let mut per_code: Vec<Vec<String>> = Vec::new();
    for c in 0..500 {
        let mut terms = Vec::new();
        let mut plain = Vec::new();
        for _ in 0..10 {
            let w = rng.pick(&vocab_refs).to_string();
            match rng.next() % 10 {
                0 => {
                    let stem: String = w.chars().take(w.chars().count() - 1).collect();
                    terms.push(format!("{stem}*"));
                    plain.push(stem);
                }
                1 => {
                    let w2 = rng.pick(&vocab_refs).to_string();
                    terms.push(format!("\"{w} {w2}\""));
                    plain.push(format!("{w} {w2}"));
                }
                _ => {
                    terms.push(w.clone());
                    plain.push(w);
                }
            }
        }
        let _ = write!(
            toml,
            "\n[[code]]\nid = \"c{c:03}\"\nname = \"Code {c}\"\nmatch = '{}'\n",
            terms.join(" OR ")
        );
        keywords.extend(plain.iter().cloned());
        per_code.push(plain);
    }
    let book = codebook::parse(&toml, std::path::Path::new("gen.toml"))
        .expect("generated codebook is valid");
    let coder = Coder::new(std::slice::from_ref(&book));

    fn inputs((id, segs): &(String, Vec<segment::Segment>)) -> Vec<SegmentInput<'_>> {
        support::coder_inputs(id, segs)
    }

    // Ours, one thread.
    let t = Instant::now();
    let mut codings = 0usize;
    for d in &docs {
        codings += coder.code_document(&inputs(d)).len();
    }
    let ours = t.elapsed();
    // Ours, all threads (as `pipeline code` runs).
    let t = Instant::now();
    let par: usize = docs
        .par_iter()
        .map(|d| coder.code_document(&inputs(d)).len())
        .sum();
    let ours_par = t.elapsed();
    assert_eq!(par, codings);

    // Aho-corasick bound: one pass over every segment, counting keyword hits.
    let ac = aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(&keywords)
        .unwrap();
    let t = Instant::now();
    let mut hits = 0usize;
    for (_, segs) in &docs {
        for s in segs {
            hits += ac.find_iter(&s.text).count();
        }
    }
    let bound = t.elapsed();

    // Per-rule regex loop on a slice.
    let regexes: Vec<regex::Regex> = per_code
        .iter()
        .map(|kws| {
            let alts: Vec<String> = kws.iter().map(|k| regex::escape(k)).collect();
            regex::Regex::new(&format!("(?i)\\b(?:{})", alts.join("|"))).unwrap()
        })
        .collect();
    // BENCH_REGEX_DOCS=0 skips the slow reference (for profiling our side).
    let regex_docs: usize = std::env::var("BENCH_REGEX_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(12);
    let slice_docs = docs.len().min(regex_docs);
    let slice_bytes: usize = docs[..slice_docs]
        .iter()
        .flat_map(|(_, s)| s.iter().map(|x| x.text.len()))
        .sum();
    let t = Instant::now();
    let mut regex_codings = 0usize;
    for (_, segs) in &docs[..slice_docs] {
        for s in segs {
            regex_codings += regexes.iter().filter(|r| r.is_match(&s.text)).count();
        }
    }
    let regex_time = t.elapsed();

    let mbs = |b: usize, d: std::time::Duration| b as f64 / 1e6 / d.as_secs_f64();
    let (o, o_par, b, r) = (
        mbs(seg_bytes, ours),
        mbs(seg_bytes, ours_par),
        mbs(seg_bytes, bound),
        mbs(slice_bytes, regex_time),
    );
    println!(
        "\n{} segments, {:.0} MB; 500 codes, {} keywords; {codings} codings; {hits} keyword hits; regex slice {slice_docs} docs, {regex_codings} codings",
        n_segments,
        seg_bytes as f64 / 1e6,
        keywords.len()
    );
    println!("| stage | ours | reference (same run) | ratio | target |");
    println!("|---|---|---|---|---|");
    println!(
        "| Coding, 1 thread | {o:.1} MB/s | aho-corasick single pass {b:.1} MB/s | {:.2} | >= 0.50 |",
        o / b
    );
    println!(
        "| Coding, 1 thread | {o:.1} MB/s | per-rule regex loop {r:.2} MB/s | {:.0}x | >= 100x |",
        o / r
    );
    println!(
        "| Coding, all threads | {o_par:.1} MB/s | aho-corasick single pass {b:.1} MB/s | {:.2} | informational |",
        o_par / b
    );
}
