//! Anonymisation throughput: MB/s on one core over at least 20 MB of generated
//! interview text with a 2,000-entry register, against a plain copy of the same
//! text (the floor) measured in the same run.
//!
//! Also the time and resident memory of loading the data (lexicons, name
//! lists, gazetteer, allow-list) once, and the time of the first document,
//! which compiles the detectors' patterns (outside the throughput).
//!
//! Run: `cargo bench --bench anonymise` (env BENCH_ANON_MB, default 20).

mod support;

use pipeline::anonymise::{Anonymiser, Pseudonyms, Register, Resources};
use std::fmt::Write;
use std::time::Instant;
use support::{Rng, interview};

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

fn main() {
    let mb: usize = std::env::var("BENCH_ANON_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20);
    let mut rng = Rng(0xa11);
    let firsts = [
        "Leyla", "Rauf", "Günel", "Anahit", "Karen", "Nino", "Giorgi", "Tamar", "Elnur", "Səbinə",
        "Kamran", "Nigar",
    ];
    let lasts = [
        "Məmmədov",
        "Həsənov",
        "Əliyev",
        "Petrosyan",
        "Sargsyan",
        "Beridze",
        "Tsiklauri",
        "Kapanadze",
        "Quliyev",
        "Rzayev",
    ];
    let syll = [
        "qa", "lo", "mi", "ne", "ra", "su", "ti", "ve", "do", "ga", "şa", "zu", "bə", "nı",
    ];
    let mut register = String::from("kind,canonical,aliases,pseudonym\n");
    let mut names = Vec::new();
    for i in 0..2000 {
        let stem: String = (0..3).map(|_| rng.pick(&syll)).collect();
        if i % 4 == 0 {
            let place = capitalise(&stem);
            let _ = writeln!(register, "place,{place}lı,,");
            names.push(format!("{place}lı"));
        } else {
            let name = format!(
                "{} {}{}",
                rng.pick(&firsts),
                capitalise(&stem),
                rng.pick(&lasts).to_lowercase()
            );
            let _ = writeln!(register, "person,{name},,");
            names.push(name);
        }
    }
    // Data load: lexicons and lists, and the resident memory they add.
    let rss_before = rss_kib();
    let t = Instant::now();
    let resources = Resources::builtin("", "");
    pipeline::anonymise::lexicon::lexicon();
    let load = t.elapsed();
    let data_mib = rss_kib().saturating_sub(rss_before) as f64 / 1024.0;
    let anon = Anonymiser::new(Register::parse(&register).unwrap(), resources);
    // The first document compiles the detectors' patterns (once per
    // process): timed on its own, so that the throughput below is the
    // steady state a batch of documents sees.
    let t = Instant::now();
    anon.anonymise(
        "Leyla called +994 50 123 45 67 on 12.04.1993.",
        &mut Pseudonyms::default(),
    );
    let first = t.elapsed();
    let mut docs = Vec::new();
    let mut bytes = 0;
    while bytes < mb * 1_000_000 {
        let mut text = interview(&mut rng, 60_000);
        for _ in 0..40 {
            let _ = write!(
                text,
                " {} called +994 50 {} 45 67 on 12.04.1993.",
                names[rng.next() as usize % names.len()],
                100 + rng.next() % 899
            );
        }
        bytes += text.len();
        docs.push(text);
    }
    let t = Instant::now();
    let mut copied = 0;
    for d in &docs {
        copied += std::hint::black_box(d.clone()).len();
    }
    let floor = t.elapsed();
    let mut table = Pseudonyms::default();
    anon.seed(&mut table);
    let t = Instant::now();
    let mut replacements = 0;
    for d in &docs {
        replacements += anon.anonymise(d, &mut table).replacements.len();
    }
    let ours = t.elapsed();
    let mbs = |d: std::time::Duration| bytes as f64 / 1e6 / d.as_secs_f64();
    println!(
        "\n{:.0} MB in {} documents, register of 2,000 entries, {replacements} replacements ({copied} bytes copied)",
        bytes as f64 / 1e6,
        docs.len()
    );
    println!("| stage | ours | reference (same run) | ratio | target |");
    println!("|---|---|---|---|---|");
    println!(
        "| Anonymisation, 1 thread | {:.1} MB/s | plain copy {:.0} MB/s | {:.3} | >= 10 MB/s |",
        mbs(ours),
        mbs(floor),
        floor.as_secs_f64() / ours.as_secs_f64()
    );
    println!(
        "| Data load (lexicons, name lists, gazetteer, allow-list) | {:.0} ms, {data_mib:.0} MiB resident | — | — | < 100 ms, < 200 MB |",
        load.as_secs_f64() * 1000.0
    );
    println!(
        "| First document (compiles the detectors' patterns, once) | {:.0} ms | — | — | — |",
        first.as_secs_f64() * 1000.0
    );
}

/// Resident set size of this process (Linux), in KiB.
fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}
