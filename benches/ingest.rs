//! Ingest benchmark: our throughput side by side with references measured in
//! the same run, reported as ratios (the machine is shared and noisy).
//!
//! - PDF text extraction, pages/s, one thread: ours (lopdf + pdf-extract, page
//!   by page) against `pdftotext` (poppler) on the same files.
//! - Indexing, segments/s: our schema and folding analyzer against a bare
//!   tantivy writer (one default-analysed text field) fed the same segments,
//!   same threads and memory budget.
//! - End-to-end `pipeline ingest` of a generated text corpus, MB/s, against a
//!   plain read of the same files (the floor).
//!
//! Run: `cargo bench --bench ingest` (env BENCH_TEXT_MB, default 50;
//! BENCH_PDF_COPIES, default 8; BENCH_INDEX_ROUNDS, default 3;
//! BENCH_ONLY=index for the indexing row alone). Needs pdftotext, pandoc and soffice for the
//! PDF row; without them that row is skipped with a note.

use pipeline::extract::{self, Format, Limits};
use pipeline::segment::{self, Settings};
mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};
use support::{Rng, interview, sentence};

fn have(tool: &str) -> bool {
    Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {tool}"))
        .output()
        .is_ok_and(|o| o.status.success())
}

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data")
}

fn generate_text(dir: &Path, megabytes: usize) -> (usize, u64) {
    let files = megabytes * 1_000_000 / 60_000;
    let mut rng = Rng(0x5eed);
    let mut bytes = 0u64;
    for i in 0..files {
        let text = interview(&mut rng, 60_000);
        bytes += text.len() as u64;
        let path = dir.join(format!("{:02}/interview-{i:05}.txt", i % 32));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    (files, bytes)
}

/// A generated multi-page PDF made by pandoc + LibreOffice, cached.
fn generated_pdf() -> Option<PathBuf> {
    let dir = data_dir().join("pdf");
    let pdf = dir.join("report.pdf");
    if pdf.exists() {
        return Some(pdf);
    }
    if !(have("pandoc") && have("soffice")) {
        return None;
    }
    std::fs::create_dir_all(&dir).unwrap();
    let mut rng = Rng(0xbeef);
    let mut md = String::from("# Generated report\n\n");
    for section in 0..40 {
        md.push_str(&format!("## Section {section}\n\n"));
        for _ in 0..6 {
            for _ in 0..5 {
                md.push_str(&sentence(&mut rng));
                md.push(' ');
            }
            md.push_str("\n\n");
        }
    }
    std::fs::write(dir.join("report.md"), md).unwrap();
    let ok = Command::new("pandoc")
        .current_dir(&dir)
        .args(["report.md", "-o", "report.docx"])
        .status()
        .is_ok_and(|s| s.success())
        && Command::new("soffice")
            .current_dir(&dir)
            .args(["--headless", "--convert-to", "pdf", "report.docx"])
            .output()
            .is_ok_and(|o| o.status.success());
    (ok && pdf.exists()).then_some(pdf)
}

fn mb_s(bytes: u64, d: Duration) -> f64 {
    bytes as f64 / 1e6 / d.as_secs_f64()
}

fn main() {
    // `cargo bench` passes `--bench`; ignore arguments.
    let text_mb: usize = std::env::var("BENCH_TEXT_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let copies: usize = std::env::var("BENCH_PDF_COPIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(8);
    let rounds: usize = std::env::var("BENCH_INDEX_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3)
        .max(1);
    // BENCH_ONLY=index: the indexing row alone (for work on the writer).
    let only_index = std::env::var("BENCH_ONLY").is_ok_and(|v| v == "index");
    let jobs = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let mut rows: Vec<(String, String, String, f64, String)> = Vec::new();

    // --- PDF extraction vs pdftotext ---
    match (generated_pdf(), have("pdftotext") && !only_index) {
        (Some(pdf), true) => {
            let tmp = tempfile::tempdir().unwrap();
            let mut files = Vec::new();
            for i in 0..copies {
                let p = tmp.path().join(format!("copy-{i}.pdf"));
                std::fs::copy(&pdf, &p).unwrap();
                files.push(p);
            }
            let pages_each = extract::extract_path(&pdf, Format::Pdf, &Limits::default())
                .unwrap()
                .pages
                .unwrap() as usize;
            let pages = (pages_each * files.len()) as f64;
            let t = Instant::now();
            for f in &files {
                Command::new("pdftotext").arg(f).arg("-").output().unwrap();
            }
            let reference = t.elapsed();
            let t = Instant::now();
            for f in &files {
                let x = extract::extract_path(f, Format::Pdf, &Limits::default()).unwrap();
                std::hint::black_box(x);
            }
            let ours = t.elapsed();
            let (o, r) = (pages / ours.as_secs_f64(), pages / reference.as_secs_f64());
            rows.push((
                format!("PDF extraction, 1 thread each ({} pages)", pages as usize),
                format!("{o:.0} pages/s"),
                format!("pdftotext {r:.0} pages/s"),
                o / r,
                "equal resources".into(),
            ));
            // `pipeline ingest` on the same PDFs, as it runs (a worker per core),
            // against pdftotext as it runs (one process, file after file).
            let project = tempfile::tempdir().unwrap();
            let corpus = project.path().join("corpus");
            std::fs::create_dir_all(&corpus).unwrap();
            for f in &files {
                std::fs::copy(f, corpus.join(f.file_name().unwrap())).unwrap();
            }
            let t = Instant::now();
            let status = Command::new(env!("CARGO_BIN_EXE_pipeline"))
                .current_dir(project.path())
                .args(["ingest", "-q"])
                .status()
                .unwrap();
            let ingest = t.elapsed();
            assert!(status.success());
            let i = pages / ingest.as_secs_f64();
            rows.push((
                format!(
                    "PDF ingest end to end, {jobs} jobs ({} pages)",
                    pages as usize
                ),
                format!("{i:.0} pages/s"),
                format!("pdftotext {r:.0} pages/s"),
                i / r,
                "target >= 1.00".into(),
            ));
        }
        _ if only_index => {}
        _ => eprintln!("PDF row skipped: install pandoc, libreoffice-writer and poppler-utils"),
    }

    // --- Generated text corpus ---
    let text_dir = data_dir().join(format!("text-{text_mb}mb"));
    let marker = text_dir.join(".complete");
    let tmp_project = tempfile::tempdir().unwrap();
    let corpus = tmp_project.path().join("corpus");
    if !marker.exists() {
        let _ = std::fs::remove_dir_all(&text_dir);
        std::fs::create_dir_all(&text_dir).unwrap();
        generate_text(&text_dir, text_mb);
        std::fs::write(&marker, "").unwrap();
    }
    std::os::unix::fs::symlink(&text_dir, &corpus).unwrap();
    let found = pipeline::discover::discover(&text_dir, &[]).unwrap();
    let bytes: u64 = found
        .files
        .iter()
        .map(|c| std::fs::metadata(&c.path).unwrap().len())
        .sum();

    // --- Indexing: our schema vs a bare writer on the same segments ---
    let segmented: support::Segmented = found
        .files
        .iter()
        .map(|c| {
            let x = extract::extract_path(&c.path, Format::Text, &Limits::default()).unwrap();
            (
                c.rel.clone(),
                segment::segment(&c.rel, &x, &Settings::default()),
            )
        })
        .collect();
    let n_segments: usize = segmented.iter().map(|(_, s)| s.segments.len()).sum();
    let threads = jobs.min(4);
    let cmp = support::IndexComparison::run(&segmented, threads, rounds);
    let (o, r) = (
        n_segments as f64 / cmp.ours.as_secs_f64(),
        n_segments as f64 / cmp.bare.as_secs_f64(),
    );
    rows.push((
        format!("Indexing, {threads} threads ({n_segments} segments, median of {rounds})"),
        format!("{o:.0} segments/s"),
        format!("bare tantivy {r:.0} segments/s"),
        o / r,
        format!(
            "target >= 0.90; rounds {:.2}-{:.2}",
            cmp.lowest, cmp.highest
        ),
    ));
    if only_index {
        print_rows(rows);
        return;
    }

    // --- End-to-end ingest vs plain read ---
    let t = Instant::now();
    let mut total = 0u64;
    for c in &found.files {
        total += std::hint::black_box(std::fs::read(&c.path).unwrap()).len() as u64;
    }
    let read = t.elapsed();
    let exe = env!("CARGO_BIN_EXE_pipeline");
    let t = Instant::now();
    let status = Command::new(exe)
        .current_dir(tmp_project.path())
        .args(["ingest", "-q", "--force"])
        .status()
        .unwrap();
    let ingest = t.elapsed();
    assert!(status.success(), "ingest failed");
    rows.push((
        format!(
            "Ingest end to end, {jobs} jobs ({} files, {:.0} MB)",
            found.files.len(),
            total as f64 / 1e6
        ),
        format!("{:.1} MB/s", mb_s(bytes, ingest)),
        format!("plain read {:.0} MB/s", mb_s(total, read)),
        read.as_secs_f64() / ingest.as_secs_f64(),
        "floor, informational".into(),
    ));

    print_rows(rows);
}

fn print_rows(rows: Vec<(String, String, String, f64, String)>) {
    println!("\n| stage | ours | reference (same run) | ratio | note |");
    println!("|---|---|---|---|---|");
    for (stage, ours, reference, ratio, note) in rows {
        println!("| {stage} | {ours} | {reference} | {ratio:.2} | {note} |");
    }
}
