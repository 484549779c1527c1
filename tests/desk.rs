//! Human work (DESIGN §9): hand codings, confirmations, rejections and memos
//! in `corpus/desk.sqlite`, written through the library workflows the desk
//! calls, and seen by the binary — query, code, stats — as codings are.

mod common;
use common::Workdir;
use pipeline::human::{Action, HumanStore, MemoTarget, char_slice};
use pipeline::project::Project;
use pipeline::workflow::desk;
use serde_json::Value;

const CODEBOOK: &str = "[codebook]\nid = \"t\"\ntitle = \"Test\"\nversion = \"1\"\nunit = \"sentence\"\n\n[[code]]\nid = \"housing\"\nname = \"Housing\"\nmatch = 'dormitory'\n\n[[code]]\nid = \"work\"\nname = \"Work\"\n";

const TEXT: &str = "Interviewer: Where did you live?\n\nRespondent: We lived in the dormitory. The roof leaked in winter. My son found work at the market.\n";

fn workspace() -> Workdir {
    let w = Workdir::new();
    w.write(
        "corpus/metadata.csv",
        "file,gender\ninterviews/a.txt,female\n",
    );
    w.write("corpus/interviews/a.txt", TEXT);
    w.write("codebooks/t.toml", CODEBOOK);
    assert_eq!(w.run(&["ingest", "-q"]).status.code(), Some(0));
    assert_eq!(w.run(&["code", "-q"]).status.code(), Some(0));
    w
}

fn project(w: &Workdir) -> Project {
    Project::new(w.path("corpus"), w.path("codebooks"), w.path("outputs"))
}

/// The character range of `needle` in the ingested text of `doc`.
fn range_of(w: &Workdir, doc: &str, needle: &str) -> (usize, usize) {
    let store = w.index();
    let text = store
        .document_text(&store.snapshot().unwrap(), doc)
        .unwrap()
        .unwrap();
    let byte = text.find(needle).unwrap();
    let start = text[..byte].chars().count();
    (start, start + needle.chars().count())
}

fn query_texts(w: &Workdir, code: &str) -> Vec<String> {
    let out = w.run(&["query", "--code", code, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["text"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_hand_coding_counts_at_once_survives_recoding_and_follows_its_text() {
    let w = workspace();
    let p = project(&w);
    let (s, e) = range_of(&w, "interviews/a.txt", "found work at the market");
    let passage = desk::passage(&p, "interviews/a.txt", s, e).unwrap();
    assert_eq!(passage.quote, "found work at the market");
    let coding = desk::hand_code(&p, &passage, "t", "work", Action::Add, "amina").unwrap();

    // In the index and the codings file as soon as the call returns.
    assert_eq!(
        query_texts(&w, "work"),
        vec!["My son found work at the market."]
    );
    let codings = std::fs::read_to_string(w.path("outputs/codings.jsonl")).unwrap();
    let hand: Vec<Value> = codings
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|c| c["by"] == "amina")
        .collect();
    assert_eq!(hand.len(), 1, "{codings}");
    assert_eq!(hand[0]["code"], "work");
    assert_eq!(
        hand[0]["at"],
        coding.created.as_str(),
        "the coding carries its time"
    );
    // Counted by stats like any coding.
    let stats: Value =
        serde_json::from_slice(&w.run(&["stats", "--format", "json"]).stdout).unwrap();
    let work = stats
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "t:work")
        .unwrap();
    assert_eq!(work["segments"], 1, "stats do not count the hand coding");

    // Re-running `code` keeps it; the file is the same bytes.
    assert_eq!(w.run(&["code", "-q"]).status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(w.path("outputs/codings.jsonl")).unwrap(),
        codings
    );
    assert_eq!(query_texts(&w, "work").len(), 1);

    // `outputs/` deleted and rebuilt, `ingest --force`: the store is beside
    // the corpus, untouched, and never ingested as a document.
    std::fs::remove_dir_all(w.path("outputs")).unwrap();
    assert_eq!(w.run(&["ingest", "-q", "--force"]).status.code(), Some(0));
    assert_eq!(w.run(&["code", "-q"]).status.code(), Some(0));
    assert_eq!(query_texts(&w, "work").len(), 1);

    // The document changes before the passage: the coding follows its text.
    w.write(
        "corpus/interviews/a.txt",
        format!("Interviewer: First, your name?\n\nRespondent: I prefer not to say.\n\n{TEXT}"),
    );
    assert_eq!(w.run(&["ingest", "-q"]).status.code(), Some(0));
    assert_eq!(w.run(&["code", "-q"]).status.code(), Some(0));
    assert_eq!(
        query_texts(&w, "work"),
        vec!["My son found work at the market."]
    );

    // The passage is edited away: `code` says so (exit 1) and keeps it.
    w.write(
        "corpus/interviews/a.txt",
        TEXT.replace("found work at the market", "stayed home"),
    );
    assert_eq!(w.run(&["ingest", "-q"]).status.code(), Some(0));
    let out = w.run(&["code", "-q"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("hand coding #{}", coding.id))
            && err.contains("no longer in the document"),
        "{err}"
    );
    assert_eq!(
        HumanStore::open(&w.path("corpus"))
            .unwrap()
            .codings()
            .unwrap()
            .len(),
        1
    );

    // Withdrawn: gone from the codings, kept in the store's history.
    assert!(
        desk::withdraw_hand_coding(&p, coding.id, "lev")
            .unwrap()
            .is_some()
    );
    assert_eq!(w.run(&["code", "-q"]).status.code(), Some(0));
    assert!(query_texts(&w, "work").is_empty());
}

#[test]
fn a_rejected_auto_coding_stays_rejected_and_a_confirmed_one_stays_when_the_rule_changes() {
    let w = workspace();
    let p = project(&w);
    assert_eq!(
        query_texts(&w, "housing"),
        vec!["We lived in the dormitory."]
    );
    let (s, e) = range_of(&w, "interviews/a.txt", "We lived in the dormitory.");
    let passage = desk::passage(&p, "interviews/a.txt", s, e).unwrap();
    desk::hand_code(&p, &passage, "t", "housing", Action::Reject, "lev").unwrap();
    assert!(query_texts(&w, "housing").is_empty());
    assert_eq!(w.run(&["code", "-q"]).status.code(), Some(0));
    assert!(
        query_texts(&w, "housing").is_empty(),
        "the rejection did not survive `code`"
    );

    // Confirmed by another editor: the rule's coding is back as a human one,
    // and stays when the rule no longer matches.
    let (s, e) = range_of(&w, "interviews/a.txt", "The roof leaked in winter.");
    let roof = desk::passage(&p, "interviews/a.txt", s, e).unwrap();
    desk::hand_code(&p, &roof, "t", "housing", Action::Confirm, "amina").unwrap();
    w.write(
        "codebooks/t.toml",
        CODEBOOK.replace("'dormitory'", "'nosuchword'"),
    );
    assert_eq!(w.run(&["code", "-q"]).status.code(), Some(0));
    assert_eq!(
        query_texts(&w, "housing"),
        vec!["The roof leaked in winter."]
    );
}

#[test]
fn bad_writes_are_refused_and_memos_are_kept() {
    let w = workspace();
    let p = project(&w);
    assert!(desk::passage(&p, "interviews/nosuch.txt", 0, 3).is_err());
    assert!(desk::passage(&p, "interviews/a.txt", 5, 5).is_err());
    assert!(desk::passage(&p, "interviews/a.txt", 0, 100_000).is_err());
    let passage = desk::passage(&p, "interviews/a.txt", 0, 11).unwrap();
    assert_eq!(char_slice(TEXT, 0, 11), Some(passage.quote.as_str()));
    let err = desk::hand_code(&p, &passage, "t", "nosuch", Action::Add, "amina")
        .unwrap_err()
        .to_string();
    assert!(err.contains("no code `nosuch`"), "{err}");
    assert!(desk::hand_code(&p, &passage, "t", "work", Action::Add, " ").is_err());
    assert!(
        !HumanStore::path_in(&w.path("corpus")).exists() || {
            HumanStore::open(&w.path("corpus"))
                .unwrap()
                .codings()
                .unwrap()
                .is_empty()
        }
    );

    // A writer that holds the lock too long makes a write fail, storing nothing.
    let lock = pipeline::lock::ProjectLock::acquire(&w.path("outputs")).unwrap();
    let err = desk::hand_code(&p, &passage, "t", "work", Action::Add, "amina").unwrap_err();
    assert!(err.to_string().contains("locked"), "{err}");
    drop(lock);
    assert!(
        HumanStore::open(&w.path("corpus"))
            .unwrap()
            .codings()
            .unwrap()
            .is_empty()
    );

    let memo = desk::write_memo(
        &p,
        &MemoTarget::Code {
            codebook: "t".into(),
            code: "work".into(),
        },
        "Work is often informal: markets, taxis.",
        "amina",
    )
    .unwrap();
    assert!(memo.id > 0);
    assert!(
        desk::write_memo(&p, &MemoTarget::Document { doc: "x".into() }, "  ", "amina").is_err()
    );
    let found = HumanStore::open(&w.path("corpus"))
        .unwrap()
        .search_memos("taxis")
        .unwrap();
    assert_eq!(found.len(), 1);
}

#[test]
fn hand_codings_and_memos_go_to_refi_qda_as_their_editors_and_agreement_compares_editors() {
    use std::io::Read;
    let w = workspace();
    let p = project(&w);
    let (s, e) = range_of(&w, "interviews/a.txt", "found work at the market");
    let market = desk::passage(&p, "interviews/a.txt", s, e).unwrap();
    desk::hand_code(&p, &market, "t", "work", Action::Add, "Amina").unwrap();
    desk::hand_code(&p, &market, "t", "work", Action::Add, "Lev").unwrap();
    let (s, e) = range_of(&w, "interviews/a.txt", "We lived in the dormitory.");
    let dorm = desk::passage(&p, "interviews/a.txt", s, e).unwrap();
    desk::hand_code(&p, &dorm, "t", "housing", Action::Confirm, "Amina").unwrap();
    desk::write_memo(
        &p,
        &MemoTarget::Passage(market.clone()),
        "Informal work <b>again</b>",
        "Lev",
    )
    .unwrap();
    desk::write_memo(
        &p,
        &MemoTarget::Document {
            doc: "interviews/a.txt".into(),
        },
        "Long pauses.",
        "Amina",
    )
    .unwrap();
    desk::write_memo(
        &p,
        &MemoTarget::Code {
            codebook: "t".into(),
            code: "work".into(),
        },
        "Markets, taxis.",
        "Amina",
    )
    .unwrap();

    assert_eq!(
        w.run(&["export", "--format", "qdpx", "out.qdpx"])
            .status
            .code(),
        Some(0)
    );
    let mut zip = zip::ZipArchive::new(std::fs::File::open(w.path("out.qdpx")).unwrap()).unwrap();
    let mut qde = String::new();
    zip.by_name("project.qde")
        .unwrap()
        .read_to_string(&mut qde)
        .unwrap();
    for who in ["Amina", "Lev", "pipeline auto-coder"] {
        assert!(
            qde.contains(&format!("name=\"{who}\"")),
            "user {who} missing"
        );
    }
    // The hand codings sit on the editor's passage, made by that editor.
    let sel = format!(
        "startPosition=\"{}\" endPosition=\"{}\"",
        market.start, market.end
    );
    assert!(
        qde.matches(&sel).count() >= 2,
        "the passage's selections: {qde}"
    );
    assert_eq!(qde.matches("<Note ").count(), 3);
    assert!(
        qde.contains(&format!(
            "creatingUser=\"{}\" creationDateTime=",
            pipeline::interop::export::editor_guid("Lev")
        )),
        "a hand coding carries its editor and time"
    );
    assert!(qde.contains("Informal work &lt;b&gt;again&lt;/b&gt;"));
    assert_eq!(qde.matches("<NoteRef ").count(), 3);
    common::assert_valid_project_xml(&qde, "out.qdpx");
    // Two editors: they agree on the market sentence.
    let out = w.run(&[
        "agreement",
        "--editor",
        "Amina",
        "--against",
        "Lev",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    let work = r["codes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == "t:work")
        .unwrap();
    assert_eq!(work["both"], 1, "{r}");
    // Amina against the rules: she confirmed the rule's housing coding.
    let out = w.run(&["agreement", "--editor", "Amina", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    let housing = r["codes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == "t:housing")
        .unwrap();
    assert_eq!(housing["both"], 1, "{r}");
    let out = w.run(&["agreement", "--editor", "Nobody"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_desk_exports_to_plain_text() {
    let w = workspace();
    let p = project(&w);
    let (s, e) = range_of(&w, "interviews/a.txt", "found work");
    let passage = desk::passage(&p, "interviews/a.txt", s, e).unwrap();
    desk::hand_code(&p, &passage, "t", "work", Action::Add, "Amina").unwrap();
    desk::write_memo(
        &p,
        &MemoTarget::Document {
            doc: "interviews/a.txt".into(),
        },
        "Pauses.",
        "Amina",
    )
    .unwrap();
    let out = w.run(&["export", "--desk", "desk.jsonl"]);
    assert_eq!(out.status.code(), Some(0));
    let text = std::fs::read_to_string(w.path("desk.jsonl")).unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["type"], "coding");
    assert_eq!(lines[0]["passage"]["quote"], "found work");
    assert_eq!(lines[0]["editor"], "Amina");
    assert_eq!(lines[1]["type"], "memo");
    assert_eq!(lines[1]["text"], "Pauses.");
}

/// Readers (every desk page, `pipeline query`) run beside writers: they
/// never delete a writer's part files, and between a `code` run's commit
/// and its rename they read the file that commit recorded.
#[test]
fn readers_never_touch_a_running_writers_files() {
    let w = workspace();
    let part = w.path("outputs/.codings-abcdef012345.part-99999");
    std::fs::write(&part, "{}\n").unwrap();
    // The moment between a run's commit and its rename: the committed file
    // is `codings.jsonl.next`, the old one is still in place.
    let committed = std::fs::read(w.path("outputs/codings.jsonl")).unwrap();
    std::fs::write(w.path("outputs/codings.jsonl.next"), &committed).unwrap();
    std::fs::write(w.path("outputs/codings.jsonl"), b"").unwrap();
    let out = w.run(&["query", "--code", "t:housing", "--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "a reader refused the committed codings"
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["total"], 1);
    assert!(part.exists(), "a reader deleted a writer's part file");
    assert!(
        w.path("outputs/codings.jsonl.next").exists(),
        "a reader moved the writer's file"
    );
    // The next writer finishes the interrupted run's rename.
    assert_eq!(w.run(&["code", "-q"]).status.code(), Some(0));
    assert!(!part.exists() && !w.path("outputs/codings.jsonl.next").exists());
    assert_eq!(
        std::fs::read(w.path("outputs/codings.jsonl")).unwrap(),
        committed
    );
}
