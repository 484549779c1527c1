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
