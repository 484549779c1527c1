//! Scale suite: the whole pipeline on generated projects of 1k, 10k (and, on
//! request, 100k) documents, with every reference measured in the same run and
//! one table per size.
//!
//! The generator is seeded (same size, same bytes): interview transcripts of
//! about 60 KB (TXT 60 %, DOCX 15 %, WebVTT 10 %, PDF 15 % — the PDFs are a few
//! pandoc + LibreOffice renderings repeated under other names; without those
//! tools their share becomes TXT), naming people from a 300-person register,
//! villages and phone numbers, with metadata, a register and a 500-code
//! codebook with two bundle profiles.
//!
//! Stages run the release binary as a user does (`ingest`, `ingest` after
//! changing 1 % of the files, `code`, `bundle` for each profile) and record
//! wall time and peak resident memory (`wait4`, including extractor workers).
//! References run in the same process on the same data: a plain read of the
//! files (the floor), `pdftotext`, a bare tantivy writer, a single-pass
//! aho-corasick scan and a per-rule regex loop; anonymisation MB/s per core and
//! query latency are measured in-process on the built index.
//!
//! Run: `cargo bench --bench scale` (sizes 1000,10000), or
//! `SCALE_DOCS=1000,10000,100000 cargo bench --bench scale` (`SCALE_PIPELINE=PATH`
//! measures a copy of the binary, for runs longer than a rebuild). Generated
//! projects are kept in `target/scale/N/` (regenerated when missing).

mod support;

use pipeline::anonymise::register::Register;
use pipeline::anonymise::{Anonymiser, Pseudonyms, Resources};
use pipeline::code::Coder;
use pipeline::extract::{self, Format, Limits};
use pipeline::index::IndexStore;
use pipeline::query;
use pipeline::retrieve::{self, Request, Sort};
use pipeline::segment::{self, SegmentKind, Settings};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use support::{Rng, interview};

const FIRSTS: &[&str] = &[
    "Leyla", "Rauf", "Günel", "Anahit", "Karen", "Nino", "Giorgi", "Tamar", "Elnur", "Səbinə",
    "Kamran", "Nigar", "Aram", "Lusine", "Davit", "Mariam",
];
const LASTS: &[&str] = &[
    "Məmmədova",
    "Həsənov",
    "Əliyeva",
    "Petrosyan",
    "Sargsyan",
    "Beridze",
    "Tsiklauri",
    "Kapanadze",
    "Quliyev",
    "Rzayeva",
];
const REGIONS: &[&str] = &[
    "Ganja", "Barda", "Baku", "Sumgait", "Tbilisi", "Zugdidi", "Gori", "Kutaisi", "Syunik",
    "Yerevan",
];

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// Everything the generator decided, for the references.
struct Project {
    dir: PathBuf,
    docs: usize,
    bytes: u64,
    pdf_templates: Vec<PathBuf>,
    register: String,
    codebook: String,
    /// Every keyword of the codebook, and each rule's words (for the references).
    keywords: Vec<String>,
    rule_words: Vec<Vec<String>>,
}

fn topic(rng: &mut Rng) -> String {
    let syll = [
        "ka", "lo", "mi", "ne", "ra", "su", "ti", "ve", "do", "ga", "sha", "zu", "be", "ni",
    ];
    (0..3 + rng.next() % 2).map(|_| rng.pick(&syll)).collect()
}

/// An interview with people, places, phones and topic words mixed in.
fn transcript(rng: &mut Rng, persons: &[String], villages: &[String], topics: &[String]) -> String {
    let base = interview(rng, 60_000);
    let mut out = String::with_capacity(base.len() + 4096);
    for (n, para) in base.split("\n\n").enumerate() {
        out.push_str(para);
        if n % 7 == 3 && para.starts_with("Respondent") {
            let _ = write!(
                out,
                " My neighbour {} from {} called me on +994 50 {} 45 67.",
                persons[rng.next() as usize % persons.len()],
                villages[rng.next() as usize % villages.len()],
                100 + rng.next() % 899
            );
        }
        if n % 3 == 1 {
            let _ = write!(
                out,
                " We spoke about {}.",
                topics[rng.next() as usize % topics.len()]
            );
        }
        out.push_str("\n\n");
    }
    out
}

fn docx_bytes(text: &str) -> Vec<u8> {
    let mut body = String::new();
    for para in text.split("\n\n").filter(|p| !p.trim().is_empty()) {
        let _ = write!(
            body,
            "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
            quick_xml::escape::escape(para)
        );
    }
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#.to_string(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.to_string(),
        ),
        (
            "word/document.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
            ),
        ),
    ];
    for (name, content) in parts {
        zip.start_file(name, opts).unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn vtt(text: &str) -> String {
    let mut out = String::from("WEBVTT\n\n");
    let mut t = 0u64;
    let stamp = |ms: u64| {
        format!(
            "{:02}:{:02}:{:02}.{:03}",
            ms / 3_600_000,
            ms / 60_000 % 60,
            ms / 1000 % 60,
            ms % 1000
        )
    };
    for para in text.split("\n\n").filter(|p| !p.trim().is_empty()) {
        let (speaker, words) = para.split_once(": ").unwrap_or(("Speaker", para));
        let _ = write!(
            out,
            "{} --> {}\n<v {speaker}>{words}\n\n",
            stamp(t),
            stamp(t + 4000)
        );
        t += 4500;
    }
    out
}

/// A few PDFs rendered by pandoc + LibreOffice, cached.
fn pdf_templates(
    root: &Path,
    rng: &mut Rng,
    persons: &[String],
    villages: &[String],
    topics: &[String],
) -> Vec<PathBuf> {
    let dir = root.join("pdf-templates");
    let done = dir.join(".complete");
    if done.exists() {
        let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
            .collect();
        v.sort();
        return v;
    }
    let have = |t: &str| {
        Command::new("sh")
            .arg("-c")
            .arg(format!("command -v {t}"))
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !(have("pandoc") && have("soffice")) {
        eprintln!("no pandoc/soffice: the PDF share is generated as TXT");
        return Vec::new();
    }
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for i in 0..6 {
        let md = dir.join(format!("t{i}.md"));
        std::fs::write(&md, transcript(rng, persons, villages, topics)).unwrap();
        let docx = dir.join(format!("t{i}.docx"));
        assert!(
            Command::new("pandoc")
                .arg(&md)
                .arg("-o")
                .arg(&docx)
                .status()
                .unwrap()
                .success()
        );
    }
    let status = Command::new("sh")
        .arg("-c")
        .arg("soffice --headless --convert-to pdf --outdir . t*.docx >/dev/null 2>&1")
        .current_dir(&dir)
        .status()
        .unwrap();
    assert!(status.success(), "soffice failed");
    std::fs::write(done, "").unwrap();
    pdf_templates(root, rng, persons, villages, topics)
}

/// Writes (or reuses) the generated project of `n` documents.
fn generate(root: &Path, n: usize) -> Project {
    let mut rng = Rng(0x5ca1e);
    let persons: Vec<String> = (0..300)
        .map(|i| {
            format!(
                "{} {}",
                FIRSTS[i % FIRSTS.len()],
                LASTS[(i * 7 + i / 16) % LASTS.len()]
            )
        })
        .collect();
    let villages: Vec<String> = (0..120)
        .map(|_| format!("{}li", capitalise(&topic(&mut rng))))
        .collect();
    let topics: Vec<String> = (0..2_000).map(|_| topic(&mut rng)).collect();
    let mut register = String::from("kind,canonical,aliases,pseudonym\n");
    for p in &persons {
        let _ = writeln!(register, "person,{p},,");
    }
    for v in &villages {
        let _ = writeln!(register, "place,{v},,");
    }
    // 500 codes of 10 terms over the topic words (words, prefixes, phrases,
    // proximity, AND), as in `cargo bench --bench code`.
    let mut codebook = String::from(
        "[codebook]\nid = \"scale\"\ntitle = \"Generated\"\nversion = \"1\"\nunit = \"sentence\"\n",
    );
    let mut keywords: Vec<String> = Vec::new();
    let mut rule_words: Vec<Vec<String>> = Vec::new();
    for c in 0..500 {
        let t = |k: usize| topics[(c * 13 + k * 7) % topics.len()].clone();
        let mut words: Vec<String> = (0..10).map(t).collect();
        let rule = match c % 5 {
            1 => {
                words[8] = words[8][..4].to_string();
                format!(
                    "{} OR {}* OR \"about {}\"",
                    words[..8].join(" OR "),
                    words[8],
                    words[9]
                )
            }
            2 => format!("(dormitory OR winter) AND ({})", words[..8].join(" OR ")),
            4 => format!(
                "\"{} {}\"~3 OR {}",
                words[0],
                words[1],
                words[2..].join(" OR ")
            ),
            _ => words.join(" OR "),
        };
        let _ = write!(
            codebook,
            "\n[[code]]\nid = \"t{c:03}\"\nname = \"Topic {c}\"\nmatch = '{rule}'\n"
        );
        keywords.extend(words.iter().cloned());
        rule_words.push(words);
    }
    let templates = pdf_templates(root, &mut rng.clone_seeded(), &persons, &villages, &topics);
    let dir = root.join(n.to_string());
    let done = dir.join(".complete");
    let project = |bytes| Project {
        dir: dir.clone(),
        docs: n,
        bytes,
        pdf_templates: templates.clone(),
        register: register.clone(),
        codebook: codebook.clone(),
        keywords: keywords.clone(),
        rule_words: rule_words.clone(),
    };
    if dir.exists() {
        std::fs::write(dir.join("codebooks/scale.toml"), &codebook).unwrap();
    }
    if done.exists() {
        let bytes = std::fs::read_to_string(&done)
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        return project(bytes);
    }
    eprintln!("generating {n} documents in {}", dir.display());
    let _ = std::fs::remove_dir_all(&dir);
    for sub in ["corpus", "codebooks", "outputs"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    std::fs::write(dir.join("corpus/register.csv"), &register).unwrap();
    std::fs::write(dir.join("codebooks/scale.toml"), &codebook).unwrap();
    std::fs::write(dir.join("codebooks/bundles.toml"), BUNDLES).unwrap();
    let mut meta = String::from("file,region,gender,age,interview_date,language\n");
    let mut bytes = 0u64;
    // Each document from its own seed, so generation runs on every core and
    // document i is the same at every size.
    use rayon::prelude::*;
    let written: Vec<(String, u64)> = (0..n)
        .into_par_iter()
        .map(|i| {
            let mut rng = Rng(0x5ca1e ^ (i as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15));
            let folder = format!("{:03}", i % 997);
            let kind = i % 20;
            let (rel, content): (String, Vec<u8>) = if kind >= 17 && !templates.is_empty() {
                let t = &templates[i % templates.len()];
                (
                    format!("{folder}/interview-{i:06}.pdf"),
                    std::fs::read(t).unwrap(),
                )
            } else {
                let text = transcript(&mut rng, &persons, &villages, &topics);
                match kind {
                    12..=14 => (format!("{folder}/interview-{i:06}.docx"), docx_bytes(&text)),
                    15..=16 => (
                        format!("{folder}/interview-{i:06}.vtt"),
                        vtt(&text).into_bytes(),
                    ),
                    _ => (format!("{folder}/interview-{i:06}.txt"), text.into_bytes()),
                }
            };
            let path = dir.join("corpus").join(&rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &content).unwrap();
            (rel, content.len() as u64)
        })
        .collect();
    for (i, (rel, size)) in written.iter().enumerate() {
        bytes += size;
        let _ = writeln!(
            meta,
            "{rel},{},{},{},20{:02}-0{}-1{},en",
            REGIONS[i % REGIONS.len()],
            if i % 2 == 0 { "female" } else { "male" },
            18 + i % 60,
            10 + i % 14,
            1 + i % 9,
            i % 10
        );
    }
    std::fs::write(dir.join("corpus/metadata.csv"), meta).unwrap();
    std::fs::write(&done, bytes.to_string()).unwrap();
    project(bytes)
}

trait CloneSeeded {
    fn clone_seeded(&self) -> Rng;
}
impl CloneSeeded for Rng {
    fn clone_seeded(&self) -> Rng {
        Rng(self.0 ^ 0x9e37_79b9)
    }
}

/// Peak memory of one stage, in KB.
#[derive(Clone, Copy, Default)]
struct Peak {
    /// Anonymous memory (heap, stacks) of the process and its extractor
    /// workers together, sampled every 50 ms.
    anon: u64,
    /// Resident set, including the pages of the memory-mapped index the
    /// process touched (page cache the kernel reclaims), from GNU time.
    rss: u64,
}

fn status_kb(pid: u32, key: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(key))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

/// A process and its descendants.
fn tree(pid: u32, out: &mut Vec<u32>) {
    out.push(pid);
    if let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) {
        for t in tasks.flatten() {
            if let Ok(children) = std::fs::read_to_string(t.path().join("children")) {
                for c in children.split_whitespace().filter_map(|c| c.parse().ok()) {
                    tree(c, out);
                }
            }
        }
    }
}

/// The binary measured: `SCALE_PIPELINE` if set (a copy, so that a long run
/// survives rebuilds of `target/release`), else the one cargo built.
fn pipeline_bin() -> PathBuf {
    std::env::var_os("SCALE_PIPELINE")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_pipeline")))
}

/// Runs `pipeline ARGS` in `dir` under GNU time (`/usr/bin/time -f %M`: a
/// child forked straight from this large process would report our memory
/// too, since Linux carries the pre-exec high-water mark into `ru_maxrss`),
/// sampling the anonymous memory of the whole process tree meanwhile.
fn stage(dir: &Path, args: &[&str]) -> (Duration, Peak) {
    let rss_file = dir.join(".maxrss");
    let t = Instant::now();
    let mut child = Command::new("/usr/bin/time")
        .arg("-f")
        .arg("%M")
        .arg("-o")
        .arg(&rss_file)
        .arg(pipeline_bin())
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .spawn()
        .expect("/usr/bin/time (GNU time) is needed for peak memory");
    let mut anon = 0;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        let mut pids = Vec::new();
        tree(child.id(), &mut pids);
        // The first is GNU time itself.
        let sum: u64 = pids.iter().skip(1).map(|&p| status_kb(p, "RssAnon:")).sum();
        anon = anon.max(sum);
        std::thread::sleep(Duration::from_millis(50));
    };
    let elapsed = t.elapsed();
    assert!(
        matches!(status.code(), Some(0 | 1)),
        "pipeline {} failed ({status})",
        args.join(" ")
    );
    let rss = std::fs::read_to_string(&rss_file)
        .ok()
        .and_then(|s| s.lines().last().and_then(|l| l.trim().parse().ok()))
        .unwrap_or(0);
    (elapsed, Peak { anon, rss })
}

struct Row {
    stage: String,
    ours: String,
    reference: String,
    ratio: String,
    memory: String,
    target: String,
}

fn row(
    stage: String,
    ours: String,
    reference: String,
    ratio: String,
    memory: String,
    target: &str,
) -> Row {
    Row {
        stage,
        ours,
        reference,
        ratio,
        memory,
        target: target.to_string(),
    }
}

fn mib(kb: u64) -> String {
    format!("{:.0} MiB", kb as f64 / 1024.0)
}

fn mem(p: Peak) -> String {
    format!("{} (RSS {})", mib(p.anon), mib(p.rss))
}

fn verdict(ok: bool, target: &str) -> String {
    format!("{target} — {}", if ok { "met" } else { "**missed**" })
}

/// The two bundle profiles of a generated project. `topic-two` selects an
/// OR code: the generator's sentences never join `dormitory`/`winter` with
/// topic words, so the AND codes (every fifth, `t002`, `t007`, …) code
/// nothing, and a profile of one would publish nothing (exit 2).
const BUNDLES: &str = "[[bundle]]\nname = \"topic-one\"\ncodes = [\"t001\"]\nwhere = [\"region=Ganja\"]\nattributes = { region = \"keep\", age = \"band\" }\n\n[[bundle]]\nname = \"topic-two\"\ncodes = [\"t003\"]\nwhere = [\"region=Gori\"]\ncontext = 1\nattributes = { gender = \"keep\" }\n";

fn run_size(root: &Path, n: usize, peaks: &mut Vec<(usize, Peak)>) -> Vec<Row> {
    let p = generate(root, n);
    // Written on every run, so that a project generated before a change of
    // the profiles gets them too.
    std::fs::write(p.dir.join("codebooks/bundles.toml"), BUNDLES).unwrap();
    let mut rows = Vec::new();
    let mb = p.bytes as f64 / 1e6;
    let _ = std::fs::remove_dir_all(p.dir.join("outputs"));
    std::fs::create_dir_all(p.dir.join("outputs")).unwrap();
    let found = pipeline::discover::discover(&p.dir.join("corpus"), &[]).unwrap();

    // Floor: a plain read of every file.
    let t = Instant::now();
    let mut read = 0u64;
    for c in &found.files {
        read += std::hint::black_box(std::fs::read(&c.path).unwrap()).len() as u64;
    }
    let floor = t.elapsed();

    // Full ingest.
    let (ingest, ingest_rss) = stage(&p.dir, &["ingest", "-q"]);
    rows.push(row(
        format!("ingest, {} documents ({mb:.0} MB)", p.docs),
        format!(
            "{:.1} MB/s, {:.0} docs/s",
            mb / ingest.as_secs_f64(),
            p.docs as f64 / ingest.as_secs_f64()
        ),
        format!(
            "plain read {:.0} MB/s",
            read as f64 / 1e6 / floor.as_secs_f64()
        ),
        format!("{:.3}", floor.as_secs_f64() / ingest.as_secs_f64()),
        mem(ingest_rss),
        "floor, informational",
    ));

    // Incremental: change 1 % of the text files.
    let changed: Vec<&PathBuf> = found
        .files
        .iter()
        .map(|c| &c.path)
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .step_by(60)
        .take((n / 100).max(1))
        .collect();
    for path in &changed {
        let mut f = std::fs::OpenOptions::new().append(true).open(path).unwrap();
        writeln!(
            f,
            "\nInterviewer: One more question, added for the incremental run?"
        )
        .unwrap();
    }
    let (incr, incr_rss) = stage(&p.dir, &["ingest", "-q"]);
    let share = incr.as_secs_f64() / ingest.as_secs_f64();
    rows.push(row(
        format!("ingest again, {} files changed (1 %)", changed.len()),
        format!("{:.2} s", incr.as_secs_f64()),
        format!("full ingest {:.1} s", ingest.as_secs_f64()),
        format!("{share:.3}"),
        mem(incr_rss),
        &verdict(share < 0.05, "< 0.05 of full"),
    ));

    // Coding.
    let (code, code_rss) = stage(&p.dir, &["code", "-q"]);
    let store = IndexStore::open(&p.dir.join("outputs/index")).unwrap();
    let reader = store.engine().0.reader().unwrap();
    let searcher = reader.searcher();
    let segments = searcher.num_docs() as usize;
    rows.push(row(
        format!("code, 500 codes over {segments} index documents"),
        format!("{:.1} MB/s of documents", mb / code.as_secs_f64()),
        "—".into(),
        "—".into(),
        mem(code_rss),
        "informational",
    ));

    // Bundles (anonymise + leak gate + HTML/DOCX/JSON).
    let mut bundle_time = Duration::ZERO;
    let mut bundle_rss = Peak::default();
    for name in ["topic-one", "topic-two"] {
        // A timing run, not a publication: the flags the anonymiser raises on
        // generated text are accepted (the gates still run, the manifest says so).
        let (t, rss) = stage(
            &p.dir,
            &[
                "bundle",
                name,
                "--date",
                "2026-12-01",
                "--accept-unreviewed",
                "-q",
            ],
        );
        bundle_time += t;
        bundle_rss = Peak {
            anon: bundle_rss.anon.max(rss.anon),
            rss: bundle_rss.rss.max(rss.rss),
        };
    }
    let excerpts: usize = ["topic-one", "topic-two"]
        .iter()
        .map(|b| {
            let j: serde_json::Value = serde_json::from_str(
                &std::fs::read_to_string(p.dir.join(format!("outputs/bundles/{b}/bundle.json")))
                    .unwrap(),
            )
            .unwrap();
            j["excerpts"].as_array().map_or(0, Vec::len)
        })
        .sum();
    rows.push(row(
        format!("bundle, 2 profiles ({excerpts} excerpts)"),
        format!("{:.2} s", bundle_time.as_secs_f64()),
        "—".into(),
        "—".into(),
        mem(bundle_rss),
        "informational",
    ));
    let total = ingest + code + bundle_time;
    let all = [ingest_rss, incr_rss, code_rss, bundle_rss];
    let peak = Peak {
        anon: all.iter().map(|p| p.anon).max().unwrap_or(0),
        rss: all.iter().map(|p| p.rss).max().unwrap_or(0),
    };
    peaks.push((n, peak));
    rows.push(row(
        "pipeline run (ingest + code + bundles)".into(),
        format!("{:.1} s", total.as_secs_f64()),
        "—".into(),
        "—".into(),
        mem(peak),
        "completes on 2 cores",
    ));

    rows.extend(query_rows(&store, segments));
    rows
}

/// Query latency on a built index, per query shape: p50 and p99 of the
/// first page (20 hits in document order, exact total), against the method
/// before issue #23 (every match read, then the page) in the same run; the
/// pages and totals of both are compared.
fn query_rows(store: &IndexStore, segments: usize) -> Vec<Row> {
    let words = [
        "dormitory",
        "winter",
        "school",
        "pension",
        "общежитие",
        "Gəncə",
        "return",
    ];
    let prefixes = [
        "dormitor*",
        "wint*",
        "schoo*",
        "pensi*",
        "общежит*",
        "retur*",
    ];
    type Shape = (
        &'static str,
        fn(usize, &[&str], &[&str]) -> (String, Vec<String>, Vec<String>),
    );
    let shapes: [Shape; 6] = [
        ("single term", |q, w, _| {
            (w[q % w.len()].into(), vec![], vec![])
        }),
        ("phrase", |q, w, _| {
            (
                format!("\"{} {}\"", w[q % w.len()], w[(q * 3 + 1) % w.len()]),
                vec![],
                vec![],
            )
        }),
        ("prefix", |q, _, p| (p[q % p.len()].into(), vec![], vec![])),
        ("code filter", |q, _, _| {
            (
                String::new(),
                vec![format!("/scale/t{:03}", (q * 37) % 500)],
                vec![],
            )
        }),
        ("attribute filter", |q, w, _| {
            (
                w[q % w.len()].into(),
                vec![],
                vec![format!("region={}", REGIONS[q % REGIONS.len()])],
            )
        }),
        ("combination", |q, w, _| {
            (
                format!("{} AND {}", w[q % w.len()], w[(q * 3 + 1) % w.len()]),
                vec![format!("/scale/t{:03}", (q * 11) % 500)],
                vec![format!("region={}", REGIONS[q % REGIONS.len()])],
            )
        }),
    ];
    let mut rows = Vec::new();
    let mut all_p50 = Vec::new();
    for (name, shape) in shapes {
        let mut ours = Vec::new();
        let mut before = Vec::new();
        let mut guessed = Vec::new();
        for q in 0..20 {
            let (text, codes, wheres) = shape(q, &words, &prefixes);
            let request = Request {
                query: query::parse(&text).unwrap(),
                codes,
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
            let page = |r: &retrieve::Results| -> (usize, Vec<String>) {
                (
                    r.total,
                    r.hits.iter().map(|h| h.segment.id.clone()).collect(),
                )
            };
            // Alternate which runs first, so that neither always finds the
            // other's pages in the cache.
            let run = |strategy: retrieve::Strategy, into: &mut Vec<Duration>| {
                let t = Instant::now();
                let r = retrieve::search_with(store, &request, strategy).unwrap();
                into.push(t.elapsed());
                page(&r)
            };
            let (a, b) = if q % 2 == 0 {
                let a = run(retrieve::Strategy::Auto, &mut ours);
                (a, run(retrieve::Strategy::Exhaustive, &mut before))
            } else {
                let b = run(retrieve::Strategy::Exhaustive, &mut before);
                (run(retrieve::Strategy::Auto, &mut ours), b)
            };
            assert_eq!(
                a, b,
                "{name} `{text}`: the page differs from reading every match"
            );
            // `--estimate-total`: the same page, the total maybe estimated.
            let estimating = Request {
                estimate_total: true,
                ..request.clone()
            };
            let t = Instant::now();
            let r = retrieve::search(store, &estimating).unwrap();
            guessed.push(t.elapsed());
            assert_eq!(
                page(&r).1,
                a.1,
                "{name} `{text}`: estimating changed the page"
            );
        }
        let pct = |v: &mut Vec<Duration>, p: f64| {
            v.sort();
            v[((v.len() - 1) as f64 * p).round() as usize]
        };
        let (p50, p99) = (pct(&mut ours, 0.5), pct(&mut ours, 0.99));
        let (b50, b99) = (pct(&mut before, 0.5), pct(&mut before, 0.99));
        let (g50, g99) = (pct(&mut guessed, 0.5), pct(&mut guessed, 0.99));
        all_p50.push(p50);
        let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1e3);
        rows.push(row(
            format!("query, {name}, 20 queries, first page of 20, {segments} index documents"),
            format!(
                "p50 {} · p99 {} (total estimated: p50 {} · p99 {})",
                ms(p50),
                ms(p99),
                ms(g50),
                ms(g99)
            ),
            format!("every match read: p50 {} · p99 {}", ms(b50), ms(b99)),
            format!("{:.2}", p50.as_secs_f64() / b50.as_secs_f64().max(1e-9)),
            "—".into(),
            &if segments > 50_000_000 {
                // The issue allows a total marked as an estimate when the
                // user asks for speed (`--estimate-total`); both are shown.
                let within = |a: Duration, b: Duration| {
                    a <= Duration::from_millis(50) && b <= Duration::from_millis(300)
                };
                format!(
                    "p50 <= 50 ms, p99 <= 300 ms: {} with --estimate-total, {} with the exact total",
                    if within(g50, g99) { "met" } else { "**missed**" },
                    if within(p50, p99) { "met" } else { "**missed**" },
                )
            } else {
                "informational (targets at 100,000 documents)".to_string()
            },
        ));
    }
    rows
}

/// References on a sample of the generated text: indexing, coding and
/// anonymisation in-process against bare tantivy, aho-corasick, a regex loop
/// and a plain copy; PDF extraction against pdftotext.
fn references(root: &Path) -> Vec<Row> {
    let p = generate(root, 1000);
    let mut rows = Vec::new();
    let found = pipeline::discover::discover(&p.dir.join("corpus"), &[]).unwrap();
    let texts: Vec<(String, String)> = found
        .files
        .iter()
        .filter(|c| c.path.extension().is_some_and(|e| e == "txt"))
        .take(400)
        .map(|c| (c.rel.clone(), std::fs::read_to_string(&c.path).unwrap()))
        .collect();
    let segmented: support::Segmented = texts
        .iter()
        .map(|(rel, t)| {
            let x = extract::extract_bytes(t.as_bytes(), Format::Text, &Limits::default()).unwrap();
            (rel.clone(), segment::segment(rel, &x, &Settings::default()))
        })
        .collect();
    let n_seg: usize = segmented.iter().map(|(_, s)| s.segments.len()).sum();
    let threads = 2;

    // PDF: ours in-process vs pdftotext, one thread each.
    if !p.pdf_templates.is_empty() {
        let pages: u32 = p
            .pdf_templates
            .iter()
            .map(|f| {
                extract::extract_path(f, Format::Pdf, &Limits::default())
                    .unwrap()
                    .pages
                    .unwrap()
            })
            .sum();
        let t = Instant::now();
        for f in &p.pdf_templates {
            Command::new("pdftotext").arg(f).arg("-").output().unwrap();
        }
        let reference = t.elapsed();
        let t = Instant::now();
        for f in &p.pdf_templates {
            std::hint::black_box(
                extract::extract_path(f, Format::Pdf, &Limits::default()).unwrap(),
            );
        }
        let ours = t.elapsed();
        let (o, r) = (
            f64::from(pages) / ours.as_secs_f64(),
            f64::from(pages) / reference.as_secs_f64(),
        );
        rows.push(row(
            format!("PDF extraction, 1 thread ({pages} pages)"),
            format!("{o:.0} pages/s"),
            format!("pdftotext {r:.0} pages/s"),
            format!("{:.2}", o / r),
            "—".into(),
            &verdict(o >= r, ">= 1.00"),
        ));
    }

    // Indexing: median of alternating rounds (see support::IndexComparison).
    let cmp = support::IndexComparison::run(&segmented, threads, 3);
    rows.push(row(
        format!(
            "indexing, {threads} threads ({n_seg} segments, median of {})",
            cmp.rounds
        ),
        format!("{:.0} segments/s", n_seg as f64 / cmp.ours.as_secs_f64()),
        format!(
            "bare tantivy {:.0} segments/s",
            n_seg as f64 / cmp.bare.as_secs_f64()
        ),
        format!(
            "{:.2} (rounds {:.2}-{:.2})",
            cmp.ratio(),
            cmp.lowest,
            cmp.highest
        ),
        "—".into(),
        &verdict(cmp.ratio() >= 0.9, ">= 0.90"),
    ));

    // Coding: ours vs the aho-corasick bound and a per-rule regex loop.
    let book = pipeline::codebook::parse(&p.codebook, Path::new("scale.toml")).unwrap();
    let coder = Coder::new(std::slice::from_ref(&book));
    let sentences: Vec<(&str, Vec<&segment::Segment>)> = segmented
        .iter()
        .map(|(d, s)| {
            (
                d.as_str(),
                s.segments
                    .iter()
                    .filter(|x| x.kind == SegmentKind::Sentence)
                    .collect(),
            )
        })
        .collect();
    let bytes: usize = sentences
        .iter()
        .flat_map(|(_, s)| s.iter().map(|x| x.text.len()))
        .sum();
    let t = Instant::now();
    let mut codings = 0;
    for d in &sentences {
        codings += coder
            .code_document(&support::coder_inputs(d.0, d.1.iter().copied()))
            .len();
    }
    let ours = t.elapsed();
    let keywords = &p.keywords;
    let ac = aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(keywords)
        .unwrap();
    let t = Instant::now();
    let mut hits = 0;
    for (_, segs) in &sentences {
        for s in segs {
            hits += ac.find_iter(&s.text).count();
        }
    }
    let bound = t.elapsed();
    let rules: Vec<regex::Regex> = p
        .rule_words
        .iter()
        .map(|words| {
            let alts: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
            regex::Regex::new(&format!("(?i)\\b(?:{})", alts.join("|"))).unwrap()
        })
        .collect();
    let slice = &sentences[..sentences.len().min(20)];
    let slice_bytes: usize = slice
        .iter()
        .flat_map(|(_, s)| s.iter().map(|x| x.text.len()))
        .sum();
    let t = Instant::now();
    let mut regex_hits = 0;
    for (_, segs) in slice {
        for s in segs {
            regex_hits += rules.iter().filter(|r| r.is_match(&s.text)).count();
        }
    }
    let regex_time = t.elapsed();
    let mbs = |b: usize, d: Duration| b as f64 / 1e6 / d.as_secs_f64();
    let (o, b, r) = (
        mbs(bytes, ours),
        mbs(bytes, bound),
        mbs(slice_bytes, regex_time),
    );
    eprintln!("coding sample: {codings} codings, {hits} keyword hits, {regex_hits} regex matches");
    rows.push(row(
        format!(
            "coding, 1 thread ({:.0} MB of sentences)",
            bytes as f64 / 1e6
        ),
        format!("{o:.1} MB/s"),
        format!("aho-corasick single pass {b:.1} MB/s"),
        format!("{:.2}", o / b),
        "—".into(),
        &verdict(o / b >= 0.5, ">= 0.50"),
    ));
    rows.push(row(
        "coding, 1 thread".into(),
        format!("{o:.1} MB/s"),
        format!("per-rule regex loop {r:.2} MB/s"),
        format!("{:.0}×", o / r),
        "—".into(),
        &verdict(o / r >= 100.0, ">= 100×"),
    ));

    // Anonymisation, one core.
    let anon = Anonymiser::new(
        Register::parse(&p.register).unwrap(),
        Resources::builtin("", ""),
    );
    let mut table = Pseudonyms::default();
    anon.seed(&mut table);
    let all: usize = texts.iter().map(|(_, t)| t.len()).sum();
    let t = Instant::now();
    let mut copied = 0;
    for (_, text) in &texts {
        copied += std::hint::black_box(text.clone()).len();
    }
    let copy = t.elapsed();
    let t = Instant::now();
    let mut replaced = 0;
    for (_, text) in &texts {
        replaced += anon.anonymise(text, &mut table).replacements.len();
    }
    let anon_time = t.elapsed();
    let a = mbs(all, anon_time);
    eprintln!("anonymisation sample: {replaced} replacements ({copied} bytes copied)");
    rows.push(row(
        format!("anonymisation, 1 thread ({:.0} MB)", all as f64 / 1e6),
        format!("{a:.1} MB/s"),
        format!("plain copy {:.0} MB/s", mbs(all, copy)),
        format!("{:.3}", copy.as_secs_f64() / anon_time.as_secs_f64()),
        "—".into(),
        &verdict(a >= 10.0, ">= 10 MB/s per core"),
    ));
    rows
}

fn main() {
    let sizes: Vec<usize> = std::env::var("SCALE_DOCS")
        .unwrap_or_else(|_| "1000,10000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/scale");
    std::fs::create_dir_all(&root).unwrap();
    let mut report = String::new();
    let mut table = |title: &str, rows: &[Row]| {
        let _ = writeln!(report, "\n{title}\n");
        let _ = writeln!(
            report,
            "| stage | ours | reference (same run) | ratio | peak memory | target |"
        );
        let _ = writeln!(report, "|---|---|---|---|---|---|");
        for r in rows {
            let _ = writeln!(
                report,
                "| {} | {} | {} | {} | {} | {} |",
                r.stage, r.ours, r.reference, r.ratio, r.memory, r.target
            );
        }
        print!("{report}");
        report.clear();
    };
    // `SCALE_QUERY_ONLY=1`: the query suite alone, on projects built by an
    // earlier run (`target/scale/N/outputs/index`).
    if std::env::var_os("SCALE_QUERY_ONLY").is_some() {
        for &n in &sizes {
            let index = root.join(n.to_string()).join("outputs/index");
            let store = IndexStore::open(&index).unwrap_or_else(|e| {
                panic!("{}: build it first with a full run ({e})", index.display())
            });
            let segments = store.snapshot().unwrap().num_docs() as usize;
            table(
                &format!("{n} documents, queries only"),
                &query_rows(&store, segments),
            );
        }
        return;
    }
    // Generate (or reuse) every project first: generation is not measured.
    for &n in &sizes {
        generate(&root, n);
    }
    table(
        "References on the 1,000-document project (same run)",
        &references(&root),
    );
    let mut peaks = Vec::new();
    for &n in &sizes {
        let rows = run_size(&root, n, &mut peaks);
        table(&format!("{n} documents"), &rows);
    }
    for w in peaks.windows(2) {
        let ((a, pa), (b, pb)) = (w[0], w[1]);
        let ratio = pb.anon as f64 / pa.anon as f64;
        println!(
            "\npeak anonymous memory {b} / {a} documents: {} / {} = {ratio:.2} (target <= 1.5: {}); resident incl. mapped index pages: {} / {} = {:.2}",
            mib(pb.anon),
            mib(pa.anon),
            if ratio <= 1.5 { "met" } else { "missed" },
            mib(pb.rss),
            mib(pa.rss),
            pb.rss as f64 / pa.rss as f64
        );
    }
}
