//! Black-box tests of `pipeline ingest` on the sample project.

mod common;

use common::{Workdir, all_of_kind, search};
use pipeline::lock::ProjectLock;

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}
fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn sample_corpus_ingests_every_file() {
    let w = Workdir::with_sample();
    let out = w.run(&["ingest"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout(&out).contains("ingest: 15 new, 0 changed, 0 unchanged, 0 removed, 0 failed;"),
        "{}",
        stdout(&out)
    );
    let manifest = w.manifest();
    let files = manifest["files"].as_array().unwrap();
    assert_eq!(files.len(), 15);
    for f in files {
        assert_eq!(f["status"], "ok", "{f}");
        assert!(f["segments"]["sentences"].as_u64().unwrap() > 5, "{f}");
    }
    let file = |p: &str| {
        files
            .iter()
            .find(|f| f["path"] == p)
            .unwrap_or_else(|| panic!("{p} missing"))
            .clone()
    };
    assert_eq!(
        file("interviews/ru-mingachevir-07.txt")["encoding"],
        "windows-1251"
    );
    assert_eq!(file("interviews/am-yerevan-08.txt")["encoding"], "UTF-16LE");
    assert_eq!(file("reports/livelihoods-brief.pdf")["pages"], 2);
    assert_eq!(file("interviews/ge-zugdidi-05.vtt")["format"], "vtt");
    assert_eq!(file("interviews/ge-gori-06.srt")["format"], "srt");
    // DOCX core properties are kept apart from the body.
    let parts = file("reports/collective-centres-draft.docx")["parts"].to_string();
    assert!(parts.contains("property:title"), "{parts}");
}

#[test]
fn speakers_roles_pages_and_timestamps() {
    let w = Workdir::with_sample();
    assert_eq!(w.run(&["ingest", "-q"]).status.code(), Some(0));
    let store = w.index();
    let turns = all_of_kind(&store, "turn");
    let turn_of = |doc: &str, speaker: &str| -> Vec<common::Hit> {
        turns
            .iter()
            .filter(|t| t.doc == doc && t.speaker.as_deref() == Some(speaker))
            .cloned()
            .collect()
    };
    // Named speakers with the interviewer given in metadata.csv.
    let tamar = turn_of("interviews/ge-tbilisi-04.txt", "Tamar");
    assert_eq!(tamar.len(), 6);
    assert!(
        tamar
            .iter()
            .all(|t| t.role.as_deref() == Some("interviewer"))
    );
    let nino = turn_of("interviews/ge-tbilisi-04.txt", "Nino");
    assert_eq!(nino.len(), 5);
    assert!(nino.iter().all(|t| t.role.as_deref() == Some("respondent")));
    // `A:` is the interviewer in AM-12 (metadata), not an answer.
    assert!(
        turn_of("interviews/am-goris-12.txt", "A")
            .iter()
            .all(|t| t.role.as_deref() == Some("interviewer"))
    );
    // Q:/A:, I:/R:, Russian labels.
    assert!(
        turn_of("interviews/az-sumgait-02.docx", "Q")
            .iter()
            .all(|t| t.role.as_deref() == Some("interviewer"))
    );
    assert!(
        turn_of("interviews/az-baku-03.pdf", "R")
            .iter()
            .all(|t| t.role.as_deref() == Some("respondent"))
    );
    assert_eq!(
        turn_of("interviews/ru-mingachevir-07.txt", "Интервьюер").len(),
        5
    );
    // VTT voice tags: consecutive cues of one voice are one turn, with the first cue's time.
    let giorgi = turn_of("interviews/ge-zugdidi-05.vtt", "Giorgi Tsiklauri");
    assert_eq!(
        giorgi
            .iter()
            .map(|t| t.start_ms.unwrap())
            .collect::<Vec<_>>(),
        [6100, 21500, 41900]
    );
    assert!(
        giorgi[0].text.contains("Zemo Bargebi. We left in 1998"),
        "{}",
        giorgi[0].text
    );
    // SRT with labels inside cues; an unlabelled cue continues the turn.
    let resp = turn_of("interviews/ge-gori-06.srt", "Respondent");
    assert_eq!(
        resp.iter().map(|t| t.start_ms.unwrap()).collect::<Vec<_>>(),
        [10_200, 32_300]
    );
    assert!(
        resp[0]
            .text
            .contains("thin and in winter it is cold. The land plot is small"),
        "{}",
        resp[0].text
    );
    // [hh:mm:ss] timestamps in a DOCX transcript.
    let barda = turn_of("interviews/az-barda-09.docx", "Respondent");
    assert_eq!(
        barda
            .iter()
            .map(|t| t.start_ms.unwrap())
            .collect::<Vec<_>>(),
        [21_000, 107_000, 192_000, 336_000]
    );
    // PDF pages.
    let recs = search(&store, "\"Link every vocational course\"");
    assert!(
        recs.iter()
            .any(|h| h.doc == "reports/livelihoods-brief.pdf" && h.page == Some(2)),
        "{recs:?}"
    );
    let background = search(&store, "protracted");
    assert!(background.iter().all(|h| h.page == Some(1)));
    // Sentences: `Mr.` does not end a sentence.
    let mr = search(&store, "\"Mr Əliyev\"");
    assert!(
        mr.iter()
            .any(|h| h.kind == "sentence"
                && h.text.starts_with("Mr. Əliyev, the head of the centre")),
        "{mr:?}"
    );
}

#[test]
fn every_script_is_intact_and_found_in_any_letter_case() {
    let w = Workdir::with_sample();
    assert_eq!(w.run(&["ingest", "-q"]).status.code(), Some(0));
    let store = w.index();
    let cases: &[(&[&str], &str, &str)] = &[
        (
            &["QAÇQIN", "qacqin", "Qaçqın"],
            "interviews/az-sumgait-02.docx",
            "qaçqın",
        ),
        (
            &["İSMAYILOVA", "ismayilova", "Ismayılova"],
            "interviews/az-baku-03.pdf",
            "Səbinə İsmayılova",
        ),
        (&["BƏRDƏ", "berde"], "interviews/az-ganja-01.txt", "Bərdə"),
        (
            &["ОБЩЕЖИТИИ", "общежитии"],
            "interviews/ru-mingachevir-07.txt",
            "общежитии",
        ),
        (&["ԲԱՔՎԻ", "բաքվի"], "interviews/am-yerevan-08.txt", "Բաքվի"),
        (&["ᲩᲕᲔᲜᲘ", "ჩვენი"], "interviews/ge-tbilisi-04.txt", "ჩვენი"),
    ];
    for (queries, doc, original) in cases {
        for q in *queries {
            let hits = search(&store, q);
            assert!(
                hits.iter()
                    .any(|h| h.doc == *doc && h.text.contains(original)),
                "{q} should find {original:?} in {doc}; got {:?}",
                hits.iter().map(|h| (&h.doc, &h.text)).collect::<Vec<_>>()
            );
        }
    }
}

#[test]
fn incremental_reingest_skips_replaces_and_removes() {
    let w = Workdir::with_sample();
    assert_eq!(w.run(&["ingest"]).status.code(), Some(0));
    let again = w.run(&["ingest"]);
    assert!(
        stdout(&again).contains("0 new, 0 changed, 15 unchanged, 0 removed, 0 failed"),
        "{}",
        stdout(&again)
    );

    let ganja = w.path("corpus/interviews/az-ganja-01.txt");
    let mut text = std::fs::read_to_string(&ganja).unwrap();
    text.push_str("\nInterviewer: One more question about the zanzibarite stove.\n");
    std::fs::write(&ganja, text).unwrap();
    std::fs::remove_file(w.path("corpus/interviews/ge-gori-06.srt")).unwrap();
    w.write(
        "corpus/interviews/new-13.txt",
        "Interviewer: Hello?\nRespondent: We came from Füzuli in 1993.\n",
    );
    let out = w.run(&["ingest"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout(&out).contains("1 new, 1 changed, 13 unchanged, 1 removed, 0 failed"),
        "{}",
        stdout(&out)
    );
    let store = w.index();
    assert_eq!(
        search(&store, "zanzibarite").len(),
        3,
        "turn, paragraph and sentence"
    );
    assert!(
        search(&store, "Tserovani").is_empty(),
        "removed file's segments are gone"
    );
    assert!(
        all_of_kind(&store, "sentence")
            .iter()
            .all(|h| h.doc != "interviews/ge-gori-06.srt")
    );
    // Old segments of the changed file are not duplicated.
    assert_eq!(search(&store, "pomegranates").len(), 3);

    // A metadata edit re-indexes that file only.
    let meta = std::fs::read_to_string(w.path("corpus/metadata.csv")).unwrap();
    std::fs::write(
        w.path("corpus/metadata.csv"),
        meta.replace(
            "az-baku-03.pdf,interview,Azerbaijan,Baku",
            "az-baku-03.pdf,interview,Azerbaijan,Absheron",
        ),
    )
    .unwrap();
    let out = w.run(&["ingest"]);
    assert!(
        stdout(&out).contains("0 new, 1 changed, 14 unchanged"),
        "{}",
        stdout(&out)
    );

    let out = w.run(&["ingest", "--force", "--format", "json"]);
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["new"], 15);
    assert_eq!(summary["failed"], 0);
    assert_eq!(search(&w.index(), "pomegranates").len(), 3);
}

#[test]
fn bad_files_are_reported_and_the_batch_goes_on() {
    let w = Workdir::with_sample();
    w.write(
        "corpus/interviews/broken.docx",
        b"this is not a zip file at all",
    );
    w.write("corpus/photo.jpg", [0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
    w.write("corpus/empty.txt", b"");
    let out = w.run(&["ingest", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "some items failed");
    let err = stderr(&out);
    assert!(
        err.contains("interviews/broken.docx: corrupt: not a readable ZIP/DOCX archive"),
        "{err}"
    );
    assert!(
        err.contains("photo.jpg: unsupported format (extension .jpg)"),
        "{err}"
    );
    assert!(err.contains("empty.txt: no text: empty file"), "{err}");
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["new"], 18);
    assert_eq!(summary["failed"], 3);
    let manifest = w.manifest();
    let ok = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["status"] == "ok")
        .count();
    assert_eq!(ok, 15);
    // Failed files are tried again on the next run (and still fail).
    let again = w.run(&["ingest"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stdout(&again).contains("0 new, 3 changed, 15 unchanged"),
        "{}",
        stdout(&again)
    );
}

#[test]
fn a_locked_project_exits_2_with_a_clear_message() {
    let w = Workdir::with_sample();
    let _held = ProjectLock::acquire(&w.path("outputs")).unwrap();
    let out = w.run(&["ingest"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("is locked by another pipeline process"),
        "{err}"
    );
    assert!(
        err.contains(&std::process::id().to_string()),
        "names the holder: {err}"
    );
}

#[test]
fn hanging_and_crashing_extractors_cost_only_their_file() {
    let w = Workdir::with_sample();
    w.write(
        "corpus/hang.txt",
        "Interviewer: this file makes the extractor hang.\n",
    );
    w.write(
        "corpus/crash.txt",
        "Interviewer: this file makes the extractor abort.\n",
    );
    let out = w
        .command(&["ingest", "--timeout", "2", "-j", "2"])
        .env("PIPELINE_FAULT_HANG", "hang.txt")
        .env("PIPELINE_FAULT_ABORT", "crash.txt")
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("hang.txt: timed out after 2 s (extractor killed)"),
        "{err}"
    );
    assert!(
        err.contains("crash.txt: extractor process died: aborted"),
        "{err}"
    );
    let manifest = w.manifest();
    let ok = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["status"] == "ok")
        .count();
    assert_eq!(ok, 15, "every other file is ingested");
}

#[test]
fn missing_corpus_is_fatal() {
    let w = Workdir::new();
    let out = w.run(&["ingest", "--corpus", "nowhere"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("nowhere"));
}
