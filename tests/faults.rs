//! `kill -9` during ingest: the index and its manifest are always the old or the
//! new complete state, never a mixture, and the next run completes.

mod common;

use common::Workdir;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

fn generate(w: &Workdir, files: usize, version: &str) {
    for i in 0..files {
        let mut text = String::new();
        for t in 0..12 {
            text.push_str(&format!(
                "Interviewer: Question {t} of file {i}, version {version}?\n\nRespondent: We lived in the dormitory for {t} years. The roof leaked in winter and the children were often sick. Version {version}.\n\n"
            ));
        }
        w.write(&format!("corpus/gen/{:02}/file-{i:04}.txt", i % 50), text);
    }
}

/// path → hash of every file record in the committed index.
fn committed(w: &Workdir) -> BTreeMap<String, String> {
    w.index()
        .file_records()
        .unwrap()
        .into_iter()
        .map(|r| (r.path, r.hash))
        .collect()
}

#[test]
fn kill_9_during_ingest_leaves_the_old_or_the_new_state() {
    let w = Workdir::new();
    const FILES: usize = 600;
    generate(&w, FILES, "one");
    let started = Instant::now();
    assert_eq!(w.run(&["ingest", "-q"]).status.code(), Some(0));
    let full = started.elapsed();
    let old = committed(&w);
    assert_eq!(old.len(), FILES);

    generate(&w, FILES, "two");
    let mut new_state = None;
    for (round, fraction) in [0.1, 0.3, 0.5, 0.7, 0.9, 1.1].iter().enumerate() {
        let mut child = w.command(&["ingest", "-q"]).spawn().unwrap();
        std::thread::sleep(full.mul_f64(*fraction));
        let _ = child.kill(); // SIGKILL
        let status = child.wait().unwrap();
        let now = committed(&w);
        assert_eq!(now.len(), FILES, "round {round}: every file has a record");
        let unchanged = now.iter().filter(|(p, h)| old.get(*p) == Some(*h)).count();
        assert!(
            unchanged == FILES || unchanged == 0,
            "round {round} (exit {status:?}): a mixture of {unchanged} old and {} new records",
            FILES - unchanged
        );
        eprintln!(
            "round {round}: killed at {fraction} of a full run, exit {status:?}, {unchanged} old records"
        );
        // The readable manifest is never half-written.
        let manifest = w.manifest();
        assert!(manifest["files"].as_array().unwrap().len() == FILES);
        if unchanged == 0 {
            new_state = Some(now);
        }
    }
    // The next run completes and ends in the new state.
    let out = w.run(&["ingest"]);
    assert_eq!(out.status.code(), Some(0));
    let after = committed(&w);
    assert!(after.iter().all(|(p, h)| old.get(p) != Some(h)));
    if let Some(state) = new_state {
        assert_eq!(state, after);
    }
}

#[test]
fn kill_9_during_a_forced_rebuild_keeps_an_index() {
    let w = Workdir::new();
    generate(&w, 300, "one");
    assert_eq!(w.run(&["ingest", "-q"]).status.code(), Some(0));
    let old = committed(&w);
    for delay_ms in [5u64, 50, 150, 400] {
        let mut child = w.command(&["ingest", "-q", "--force"]).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        // The swap is recovered on the next open by ingest; a reader sees an index
        // once ingest has run, so run it and compare.
        let out = w.run(&["ingest", "-q"]);
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(committed(&w), old);
    }
}

/// segment id → code facets, from the index.
fn index_codes(w: &Workdir) -> BTreeMap<String, Vec<String>> {
    let store = w.index();
    let searcher = store.snapshot().unwrap();
    let mut out = BTreeMap::new();
    for doc in store.ingested_docs().unwrap() {
        for s in store.doc_segments(&searcher, &doc).unwrap() {
            if !s.codes.is_empty() {
                let mut codes = s.codes.clone();
                codes.sort();
                out.insert(s.id.clone(), codes);
            }
        }
    }
    out
}

/// segment id → code facets, from codings.jsonl.
fn file_codes(bytes: &[u8]) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in String::from_utf8_lossy(bytes).lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        out.entry(v["segment"].as_str().unwrap().to_string())
            .or_default()
            .push(format!(
                "/{}/{}",
                v["codebook"].as_str().unwrap(),
                v["code"].as_str().unwrap()
            ));
    }
    for codes in out.values_mut() {
        codes.sort();
        codes.dedup();
    }
    out
}

/// Kill times spread over (and a little past) a run that takes `full`.
fn kill_points(full: Duration, n: u32) -> impl Iterator<Item = (u32, Duration)> {
    (1..=n).map(move |i| (i, full.mul_f64(1.2 * f64::from(i) / f64::from(n))))
}

#[test]
fn kill_9_during_code_leaves_the_old_or_the_new_codings() {
    let w = Workdir::new();
    generate(&w, 400, "one");
    let book = std::fs::read_to_string(common::repo().join("codebooks/displacement.toml")).unwrap();
    // Version two codes leaking roofs as well (more codings, other segments).
    let v2 = format!(
        "{book}\n[[code]]\nid = \"housing/roof\"\nname = \"Leaking roof\"\nmatch = 'roof AND leak*'\n"
    );
    assert_eq!(w.run(&["ingest", "-q"]).status.code(), Some(0));
    let mut states = Vec::new();
    let mut full = Duration::ZERO;
    for text in [&v2, &book] {
        w.write("codebooks/displacement.toml", text);
        let started = Instant::now();
        assert_eq!(w.run(&["code", "-q"]).status.code(), Some(0));
        full = full.max(started.elapsed());
        states.push(std::fs::read(w.path("outputs/codings.jsonl")).unwrap());
    }
    assert_ne!(states[0], states[1]);
    let (mut old_seen, mut new_seen) = (0, 0);
    for (round, delay) in kill_points(full, 20) {
        // Alternate the codebook, so every round moves between the two states.
        let target = (round % 2) as usize;
        w.write(
            "codebooks/displacement.toml",
            if target == 0 { &v2 } else { &book },
        );
        let mut child = w.command(&["code", "-q"]).spawn().unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        // A reader finishes or discards the interrupted run, then sees one state.
        let out = w.run(&["stats", "--format", "json"]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "round {round}: stats after the kill"
        );
        let now = std::fs::read(w.path("outputs/codings.jsonl")).unwrap();
        assert!(
            now == states[0] || now == states[1],
            "round {round}: codings.jsonl is neither state"
        );
        assert_eq!(
            index_codes(&w),
            file_codes(&now),
            "round {round}: index facets and codings.jsonl disagree"
        );
        if now == states[target] {
            new_seen += 1;
        } else {
            old_seen += 1;
        }
    }
    eprintln!("code: {old_seen} rounds ended in the old state, {new_seen} in the new");
    assert!(new_seen > 0, "no run ever completed");
    // The next run completes.
    assert_eq!(w.run(&["code", "-q"]).status.code(), Some(0));
}

/// file name → bytes of a bundle folder.
fn bundle_files(dir: &std::path::Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn kill_9_during_bundle_leaves_the_old_or_the_new_bundle() {
    let w = Workdir::with_sample();
    common::copy_dir(&common::repo().join("codebooks"), &w.path("codebooks"));
    assert_eq!(w.run(&["ingest", "-q"]).status.code(), Some(0));
    assert_eq!(w.run(&["code", "-q"]).status.code(), Some(0));
    let name = "housing-and-livelihoods";
    let dates = ["2026-12-01", "2026-12-02"];
    let mut states = Vec::new();
    let mut full = Duration::ZERO;
    for date in dates {
        let started = Instant::now();
        assert_eq!(
            w.run(&["bundle", name, "--date", date, "-q"]).status.code(),
            Some(0)
        );
        full = full.max(started.elapsed());
        states.push(bundle_files(&w.path(&format!("outputs/bundles/{name}"))));
    }
    assert_ne!(states[0], states[1]);
    let key = w.path("outputs/keys/pseudonyms.json");
    let mut new_seen = 0;
    for (round, delay) in kill_points(full, 20) {
        let target = (round % 2) as usize;
        let mut child = w
            .command(&["bundle", name, "--date", dates[target], "-q"])
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        let now = bundle_files(&w.path(&format!("outputs/bundles/{name}")));
        assert!(
            now == states[0] || now == states[1],
            "round {round}: the published bundle is neither the old nor the new one"
        );
        if now == states[target] {
            new_seen += 1;
        }
        let k: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&key).unwrap()).unwrap();
        assert!(k.is_object(), "round {round}: the key is readable");
    }
    assert!(new_seen > 0, "no run ever completed");
    // The next run completes and leaves no staged folders behind.
    assert_eq!(
        w.run(&["bundle", name, "--date", dates[0], "-q"])
            .status
            .code(),
        Some(0)
    );
    let leftovers: Vec<String> = std::fs::read_dir(w.path("outputs/bundles"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&format!(".{name}.")))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    assert_eq!(
        bundle_files(&w.path(&format!("outputs/bundles/{name}"))),
        states[0]
    );
}
