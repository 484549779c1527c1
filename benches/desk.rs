//! The editors' desk under use: page latency, search latency, how soon a
//! hand coding is in `pipeline query`, and a bounded load test — all against
//! `pipeline serve` (the release binary, as an editor runs it) on 127.0.0.1
//! only, on a copy of a project built by the scale suite.
//!
//! Each latency has a reference measured in the same run: the desk's own
//! static stylesheet (the server's floor: routing, session, headers) and the
//! library call the page makes, in this process (so the ratio is what the
//! web layer costs).
//!
//! Run: `cargo bench --bench desk` (project `target/scale/1000`, built by
//! `cargo bench --bench scale` when missing), or `DESK_DOCS=10000` for the
//! 10,000-document project; `DESK_LOAD_SECS` (default 60) and
//! `DESK_CLIENTS` (default 50) set the load test.

use pipeline::index::IndexStore;
use pipeline::retrieve::{self, Request, Sort};
use pipeline::segment::SegmentKind;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// One HTTP/1.1 request on a fresh connection: (status, body).
async fn http(addr: &str, method: &str, path: &str, cookie: &str, body: &str) -> (u16, String) {
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nCookie: {cookie}\r\nContent-Length: {}\r\n",
        body.len()
    );
    if method == "POST" {
        req.push_str("Content-Type: application/x-www-form-urlencoded\r\n");
    }
    req.push_str("\r\n");
    req.push_str(body);
    s.write_all(req.as_bytes()).await.unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).await.unwrap();
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let status = raw
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = raw
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

fn pct(v: &mut [Duration], p: f64) -> Duration {
    v.sort();
    v[((v.len() - 1) as f64 * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

fn url(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_./".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// (start, end, names of its codes) of every sentence span in a document page.
fn sentences_of(page: &str) -> Vec<(usize, usize, String)> {
    page.split("class=\"s\" data-start=\"")
        .skip(1)
        .filter_map(|rest| {
            let (start, rest) = rest.split_once('"')?;
            let rest = rest.strip_prefix(" data-end=\"")?;
            let (end, rest) = rest.split_once('"')?;
            let codes = rest
                .strip_prefix(" data-codes=\"")
                .and_then(|r| r.split_once('"'))
                .map_or(String::new(), |(c, _)| c.to_string());
            Some((start.parse().ok()?, end.parse().ok()?, codes))
        })
        .collect()
}

fn main() {
    let docs: usize = std::env::var("DESK_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let load_secs: u64 = std::env::var("DESK_LOAD_SECS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(60);
    let clients: usize = std::env::var("DESK_CLIENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let built = repo.join(format!("target/scale/{docs}"));
    if !built.join("outputs/codings.jsonl").exists() {
        eprintln!(
            "no coded project at {}: run `SCALE_DOCS={docs} cargo bench --bench scale` first",
            built.display()
        );
        std::process::exit(2);
    }
    let binary = repo.join("target/release/pipeline");
    assert!(
        binary.exists(),
        "build the release binary first: cargo build --release"
    );
    let work = tempfile::tempdir().unwrap();
    for sub in ["corpus", "codebooks", "outputs"] {
        copy_dir(&built.join(sub), &work.path().join(sub));
    }
    let project = work.path();
    let store = IndexStore::open(&project.join("outputs/index")).unwrap();
    let ingested = store.ingested_docs().unwrap();
    // The largest plain-text transcript.
    let (big, big_bytes) = ingested
        .iter()
        .filter(|d| d.ends_with(".txt"))
        .map(|d| {
            (
                d.clone(),
                std::fs::metadata(project.join("corpus").join(d))
                    .unwrap()
                    .len(),
            )
        })
        .max_by_key(|(_, n)| *n)
        .unwrap();

    let mut child = Command::new(&binary)
        .args(["serve", "--port", "0", "--editor", "bench"])
        .current_dir(project)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(child.stdout.take().unwrap()),
        &mut line,
    )
    .unwrap();
    let (addr, token) = line
        .trim()
        .strip_prefix("http://")
        .unwrap()
        .split_once("/?token=")
        .unwrap();
    let (addr, token) = (addr.to_string(), token.to_string());

    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let mut rows: Vec<String> = Vec::new();
    rt.block_on(async {
        // Sign in.
        let mut s = tokio::net::TcpStream::connect(&addr).await.unwrap();
        s.write_all(format!("GET /?token={token} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes())
            .await
            .unwrap();
        let mut raw = String::new();
        s.read_to_string(&mut raw).await.unwrap();
        let cookie = raw
            .lines()
            .find_map(|l| l.strip_prefix("set-cookie: "))
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_string();

        // Document page.
        let doc_path = format!("/doc?id={}", url(&big));
        let (status, page) = http(&addr, "GET", &doc_path, &cookie, "").await;
        assert_eq!(status, 200);
        let csrf = page
            .split("name=\"csrf\" value=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_string();
        let (mut pages, mut floor, mut library) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..30 {
            let t = Instant::now();
            assert_eq!(http(&addr, "GET", &doc_path, &cookie, "").await.0, 200);
            pages.push(t.elapsed());
            let t = Instant::now();
            assert_eq!(http(&addr, "GET", "/assets/desk.css", &cookie, "").await.0, 200);
            floor.push(t.elapsed());
            let t = Instant::now();
            let s = IndexStore::open(&project.join("outputs/index")).unwrap();
            let segs = s.doc_segments(&s.snapshot().unwrap(), &big).unwrap();
            assert!(!segs.is_empty());
            library.push(t.elapsed());
        }
        let (p50, p99) = (pct(&mut pages, 0.5), pct(&mut pages, 0.99));
        rows.push(format!(
            "| document page, {:.0} KB transcript, {} documents | p50 {} · p99 {} | stylesheet {} · the library's read of its segments {} | {:.1} × the read | p50 < 100 ms — {} |",
            big_bytes as f64 / 1024.0,
            ingested.len(),
            ms(p50),
            ms(p99),
            ms(pct(&mut floor, 0.5)),
            ms(pct(&mut library, 0.5)),
            p50.as_secs_f64() / pct(&mut library, 0.5).as_secs_f64().max(1e-9),
            if p50 < Duration::from_millis(100) { "met" } else { "**missed**" }
        ));

        // Overview: the first visit reads the codings; later ones reuse them.
        let t = Instant::now();
        assert_eq!(http(&addr, "GET", "/", &cookie, "").await.0, 200);
        let first = t.elapsed();
        let mut overview = Vec::new();
        for _ in 0..10 {
            let t = Instant::now();
            assert_eq!(http(&addr, "GET", "/", &cookie, "").await.0, 200);
            overview.push(t.elapsed());
        }
        rows.push(format!(
            "| overview page (documents and codebook with counts), {} documents | first visit {} · then p50 {} | — | — | informational |",
            ingested.len(),
            ms(first),
            ms(pct(&mut overview, 0.5)),
        ));

        // Search, first page.
        let queries = ["dormitory", "winter", "pension", "school", "return", "общежитие", "dormitor*", "\"collective centre\""];
        let (mut ours, mut reference) = (Vec::new(), Vec::new());
        for round in 0..4 {
            for q in &queries {
                let t = Instant::now();
                let (status, body) = http(&addr, "GET", &format!("/search?q={}", url(q)), &cookie, "").await;
                assert_eq!(status, 200);
                assert!(body.contains("hit(s)"), "{q}");
                ours.push(t.elapsed());
                let t = Instant::now();
                let s = IndexStore::open(&project.join("outputs/index")).unwrap();
                let r = retrieve::search(
                    &s,
                    &Request {
                        query: pipeline::query::parse(q).unwrap(),
                        codes: vec![],
                        filters: vec![],
                        doc_prefix: None,
                        unit: Some(SegmentKind::Sentence),
                        context: 1,
                        offset: 0,
                        limit: 20,
                        sort: Sort::Doc,
                        estimate_total: true,
                    },
                )
                .unwrap();
                assert!(r.total > 0 || round > 0);
                reference.push(t.elapsed());
            }
        }
        let (p50, p99) = (pct(&mut ours, 0.5), pct(&mut ours, 0.99));
        let r50 = pct(&mut reference, 0.5);
        rows.push(format!(
            "| search, first page of 20 with context (total estimated where counting costs a pass, as the desk asks), {} queries × 4, {} documents | p50 {} · p99 {} | the library's search in this process: p50 {} | {:.2} | p50 < 100 ms — {} |",
            queries.len(),
            ingested.len(),
            ms(p50),
            ms(p99),
            ms(r50),
            p50.as_secs_f64() / r50.as_secs_f64().max(1e-9),
            if p50 < Duration::from_millis(100) { "met" } else { "**missed**" }
        ));

        // A hand coding, until `pipeline query` shows it.
        let code = std::fs::read_to_string(project.join("codebooks/scale.toml"))
            .unwrap()
            .split("id = \"")
            .nth(2)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_string();
        let book = "scale";
        let name = std::fs::read_to_string(project.join("codebooks/scale.toml"))
            .unwrap()
            .split(&format!("id = \"{code}\"\nname = \""))
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_string();
        let sentences: Vec<(usize, usize)> = sentences_of(&page)
            .into_iter()
            .map(|(s, e, _)| (s, e))
            .collect();
        // Sentences the rules did not code with it: each hand coding adds a hit.
        let fresh: Vec<(usize, usize)> = sentences_of(&page)
            .into_iter()
            .filter(|(_, _, codes)| !codes.split(", ").any(|c| c == name))
            .map(|(s, e, _)| (s, e))
            .take(5)
            .collect();
        let total = || -> u64 {
            let out = Command::new(&binary)
                .args(["query", "--code", &format!("{book}:{code}"), "--doc", &big, "--unit", "sentence", "--format", "json", "--limit", "all"])
                .current_dir(project)
                .output()
                .unwrap();
            let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            v["total"].as_u64().unwrap()
        };
        let baseline = total();
        let mut visible = Vec::new();
        for (i, (start, end)) in fresh.iter().enumerate() {
            let t = Instant::now();
            let form = format!(
                "csrf={csrf}&doc={}&start={start}&end={end}&code={book}%3A{code}&action=add",
                url(&big)
            );
            let (status, body) = http(&addr, "POST", "/coding", &cookie, &form).await;
            assert_eq!(status, 303, "{body}");
            assert_eq!(total(), baseline + i as u64 + 1, "the hand coding is not in query results");
            visible.push(t.elapsed());
        }
        let worst = visible.iter().max().copied().unwrap();
        rows.push(format!(
            "| hand coding → in `pipeline query` (POST, index commit, a new query process), {} codings | max {} · median {} | — | — | < 1 s — {} |",
            visible.len(),
            ms(worst),
            ms(pct(&mut visible, 0.5)),
            if worst < Duration::from_secs(1) { "met" } else { "**missed**" }
        ));

        // Load: clients mixing reads and writes for a bounded time.
        let before = pipeline::human::HumanStore::open(&project.join("corpus")).unwrap();
        let (codings0, memos0) = (before.codings().unwrap().len(), before.memos().unwrap().len());
        drop(before);
        let docs: Arc<Vec<String>> = Arc::new(ingested.iter().take(200).cloned().collect());
        let sentences = Arc::new(sentences);
        let errors = Arc::new(AtomicUsize::new(0));
        let writes_ok = Arc::new(AtomicUsize::new(0));
        let memos_ok = Arc::new(AtomicUsize::new(0));
        let until = Instant::now() + Duration::from_secs(load_secs);
        let mut tasks = Vec::new();
        for c in 0..clients {
            let (addr, cookie, csrf, docs, sentences, big) =
                (addr.clone(), cookie.clone(), csrf.clone(), docs.clone(), sentences.clone(), big.clone());
            let (errors, writes_ok, memos_ok, code) =
                (errors.clone(), writes_ok.clone(), memos_ok.clone(), code.clone());
            tasks.push(tokio::spawn(async move {
                let mut times = Vec::new();
                let mut write_times = Vec::new();
                let mut i = c;
                while Instant::now() < until {
                    i += 7;
                    let t = Instant::now();
                    let (status, _) = match i % 20 {
                        0 => {
                            let (s, e) = sentences[i % sentences.len()];
                            let form = format!("csrf={csrf}&doc={}&start={s}&end={e}&code=scale%3A{code}&action=add", url(&big));
                            let r = http(&addr, "POST", "/coding", &cookie, &form).await;
                            if r.0 == 303 {
                                writes_ok.fetch_add(1, Ordering::Relaxed);
                            }
                            r
                        }
                        1 => {
                            let form = format!("csrf={csrf}&kind=document&doc={}&text=load+memo+{c}+{i}", url(&docs[i % docs.len()]));
                            let r = http(&addr, "POST", "/memo", &cookie, &form).await;
                            if r.0 == 303 {
                                memos_ok.fetch_add(1, Ordering::Relaxed);
                            }
                            r
                        }
                        2..=5 => http(&addr, "GET", &format!("/search?q={}", ["dormitory", "winter", "pension"][i % 3]), &cookie, "").await,
                        6 => http(&addr, "GET", &format!("/code?book=scale&code={code}"), &cookie, "").await,
                        _ => http(&addr, "GET", &format!("/doc?id={}", url(&docs[i % docs.len()])), &cookie, "").await,
                    };
                    if !(200..400).contains(&status) {
                        errors.fetch_add(1, Ordering::Relaxed);
                    }
                    if i % 20 < 2 {
                        write_times.push(t.elapsed());
                    } else {
                        times.push(t.elapsed());
                    }
                }
                (times, write_times)
            }));
        }
        let (mut all, mut writes) = (Vec::new(), Vec::new());
        for t in tasks {
            let (r, w) = t.await.unwrap();
            all.extend(r);
            writes.extend(w);
        }
        let after = pipeline::human::HumanStore::open(&project.join("corpus")).unwrap();
        let stored_codings = after.codings().unwrap().len() - codings0;
        let stored_memos = after.memos().unwrap().len() - memos0;
        let (w, m, e) = (
            writes_ok.load(Ordering::Relaxed),
            memos_ok.load(Ordering::Relaxed),
            errors.load(Ordering::Relaxed),
        );
        let n = all.len() + writes.len();
        let (p50, p95) = (pct(&mut all, 0.5), pct(&mut all, 0.95));
        let (w50, w95) = (pct(&mut writes, 0.5), pct(&mut writes, 0.95));
        rows.push(format!(
            "| load: {clients} clients × {load_secs} s on 127.0.0.1 (60 % document pages, 20 % searches, 5 % code pages, 5 % hand codings, 5 % memos) | {n} requests ({:.0}/s); pages p50 {} · p95 {}; writes p50 {} · p95 {}; {e} errors; {w} codings and {m} memos answered, {stored_codings} and {stored_memos} stored | — | — | no error, no lost write — {} |",
            n as f64 / load_secs as f64,
            ms(p50),
            ms(p95),
            ms(w50),
            ms(w95),
            if e == 0 && w == stored_codings && m == stored_memos { "met" } else { "**missed**" }
        ));
    });
    let _ = child.kill();
    let _ = child.wait();
    println!("\nThe desk on {} ({} documents)\n", built.display(), docs);
    println!("| stage | ours | reference (same run) | ratio | target |");
    println!("|---|---|---|---|---|");
    for r in rows {
        println!("{r}");
    }
}
