//! "Never stale, never silently short": black-box tests of the findings of
//! issue #19 on the sample project, each failing on the code before the fix.

mod common;

use common::Workdir;

fn sample() -> Workdir {
    let w = Workdir::with_sample();
    common::copy_dir(&common::repo().join("codebooks"), &w.path("codebooks"));
    w
}

fn published(w: &Workdir, name: &str) -> Vec<u8> {
    std::fs::read(w.path(&format!("outputs/bundles/{name}/bundle.json"))).unwrap()
}

#[test]
fn a_bundle_is_never_built_from_stale_codings() {
    let w = sample();
    assert_eq!(
        w.run(&["run", "--date", "2026-11-28", "-q"]).status.code(),
        Some(0)
    );
    let before = published(&w, "trust-and-return");

    // A forced rebuild drops the codings from the index.
    assert_eq!(w.run(&["ingest", "--force", "-q"]).status.code(), Some(0));
    let out = w.run(&["bundle", "trust-and-return", "--date", "2026-11-28"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("run `pipeline code`"));
    assert_eq!(
        published(&w, "trust-and-return"),
        before,
        "the published bundle is untouched"
    );

    // A changed document: the same.
    assert_eq!(w.run(&["code", "-q"]).status.code(), Some(0));
    let path = w.path("corpus/interviews/az-ganja-01.txt");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("\nRespondent: One more line about the dormitory.\n");
    std::fs::write(&path, text).unwrap();
    assert_eq!(w.run(&["ingest", "-q"]).status.code(), Some(0));
    let out = w.run(&["bundle", "housing-and-livelihoods", "--date", "2026-11-28"]);
    assert_eq!(out.status.code(), Some(2));
    let out = w.run(&["query", "--code", "trust"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "a query never answers from stale codings"
    );

    // `run` codes first, so it is always fresh.
    assert_eq!(
        w.run(&["run", "--date", "2026-11-28", "-q"]).status.code(),
        Some(0)
    );
}

#[test]
fn an_empty_selection_never_replaces_a_published_bundle() {
    let w = sample();
    assert_eq!(
        w.run(&["run", "--date", "2026-11-28", "-q"]).status.code(),
        Some(0)
    );
    let before = published(&w, "trust-and-return");
    let out = w.run(&["bundle", "trust-and-return", "--query", "zzqqxx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("selects no excerpts"));
    assert_eq!(published(&w, "trust-and-return"), before);
    let out = w.run(&[
        "bundle",
        "trust-and-return",
        "--query",
        "zzqqxx",
        "--allow-empty",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert_ne!(published(&w, "trust-and-return"), before);
}

#[test]
fn machine_formats_and_pipes_get_every_hit() {
    let w = sample();
    assert_eq!(
        w.run(&["run", "--date", "2026-11-28", "-q"]).status.code(),
        Some(0)
    );
    let json = w.run(&["query", "--code", "housing", "--format", "json"]);
    assert_eq!(json.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let total = v["total"].as_u64().unwrap() as usize;
    assert!(
        total > 20,
        "the sample has more than one page of housing codings"
    );
    assert_eq!(v["hits"].as_array().unwrap().len(), total);

    let csv = w.run(&["query", "--code", "housing", "--format", "csv"]);
    let rows = csv::Reader::from_reader(&csv.stdout[..]).records().count();
    assert_eq!(rows, total);

    // Piped text: every hit too.
    let text = w.run(&["query", "--code", "housing"]);
    let shown = String::from_utf8_lossy(&text.stdout)
        .matches("\n> ")
        .count();
    assert_eq!(shown, total);

    // An explicit limit says how many more there are; `all` is accepted.
    let some = w.run(&[
        "query", "--code", "housing", "--limit", "5", "--format", "csv",
    ]);
    assert_eq!(
        csv::Reader::from_reader(&some.stdout[..]).records().count(),
        5
    );
    assert!(
        String::from_utf8_lossy(&some.stderr)
            .contains(&format!("{} more hit(s) not shown", total - 5))
    );
    let all = w.run(&[
        "query", "--code", "housing", "--limit", "all", "--format", "csv",
    ]);
    assert_eq!(all.status.code(), Some(0));
    assert_eq!(
        csv::Reader::from_reader(&all.stdout[..]).records().count(),
        total
    );
}

#[test]
fn unknown_attributes_are_errors_with_the_closest_name() {
    let w = sample();
    assert_eq!(
        w.run(&["run", "--date", "2026-11-28", "-q"]).status.code(),
        Some(0)
    );
    for args in [
        &["query", "--where", "regoin=Ganja"][..],
        &["query", "regoin:ganja"],
        &["matrix", "--cols", "attr:regoin"],
    ] {
        let out = w.run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("unknown attribute `regoin` (did you mean `region`?)"),
            "{err}"
        );
    }
    let out = w.run(&["stats", "--by", "nonexistent"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown attribute `nonexistent`"));
    // The right names still work.
    assert_eq!(
        w.run(&["query", "--where", "region=Ganja", "-q"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        w.run(&["stats", "--by", "region", "-q"]).status.code(),
        Some(0)
    );
}

/// Every recursive reader of untrusted input has a depth limit and a clear
/// error: 100,000 levels crash nothing.
#[test]
fn deep_nesting_is_an_error_never_a_crash() {
    let w = sample();
    // Query: the argument list holds 128 KB, so 60,000 parentheses and
    // 30,000 NOTs; the codebook rule below has 100,000 levels.
    let parens = format!("{}a{}", "(".repeat(60_000), ")".repeat(60_000));
    let nots = format!("{}a", "NOT ".repeat(30_000));
    assert_eq!(w.run(&["ingest", "-q"]).status.code(), Some(0));
    for q in [&parens, &nots] {
        let out = w.run(&["query", q]);
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("nested too deeply"));
    }
    let deep = format!("{}a{}", "(".repeat(100_000), ")".repeat(100_000));
    w.write(
        "codebooks/deep.toml",
        format!(
            "[codebook]\nid = \"deep\"\ntitle = \"Deep\"\nversion = \"1\"\n\n[[code]]\nid = \"x\"\nname = \"X\"\nmatch = '''{deep}'''\n"
        ),
    );
    let out = w.run(&["codebook", "check", "codebooks/deep.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nested too deeply"));
    // TOML nesting itself.
    w.write(
        "codebooks/deep.toml",
        format!("x = {}1{}\n", "[".repeat(100_000), "]".repeat(100_000)),
    );
    let out = w.run(&["codebook", "check", "codebooks/deep.toml"]);
    assert_eq!(out.status.code(), Some(2));
    std::fs::remove_file(w.path("codebooks/deep.toml")).unwrap();
    // REFI-QDA codebook with 100,000 nested codes.
    let n = 100_000;
    let mut qdc = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\" origin=\"x\"><Codes>",
    );
    for i in 0..n {
        qdc.push_str(&format!(
            "<Code guid=\"{i:08}-0000-0000-0000-000000000000\" name=\"c{i}\" isCodable=\"true\">"
        ));
    }
    qdc.push_str(&"</Code>".repeat(n));
    qdc.push_str("</Codes></CodeBook>");
    w.write("deep.qdc", qdc);
    let out = w.run(&[
        "codebook",
        "import",
        "deep.qdc",
        "--id",
        "deep",
        "--out",
        "deep.toml",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nested too deeply"));
}

#[test]
fn run_in_json_is_one_document_and_help_examples_are_lines_of_their_own() {
    let w = sample();
    let out = w.run(&["run", "--date", "2026-11-28", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .expect("`run --format json` prints one JSON document and nothing else");
    assert_eq!(v["bundles"].as_array().unwrap().len(), 2);
    assert!(v["ingest"]["segments"].as_u64().unwrap() > 0);
    assert!(v["code"]["codings"].as_u64().unwrap() > 0);

    let help = String::from_utf8(w.run(&["bundle", "--help"]).stdout).unwrap();
    let profiles = std::fs::read_to_string(w.path("codebooks/bundles.toml")).unwrap();
    for line in help
        .lines()
        .filter(|l| l.trim_start().starts_with("pipeline bundle "))
    {
        let name = line.split_whitespace().nth(2).unwrap();
        if !line.contains("--") {
            assert!(profiles.contains(&format!("name = \"{name}\"")), "{line}");
        }
    }
    assert!(
        help.contains("\n  pipeline bundle housing-and-livelihoods\n"),
        "{help}"
    );
}

#[test]
fn outside_a_project_nothing_is_left_behind_and_the_errors_say_why() {
    let w = Workdir::new();
    for sub in ["corpus", "codebooks", "outputs"] {
        std::fs::remove_dir(w.path(sub)).unwrap();
    }
    let out = w.run(&["run"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no corpus folder"));
    assert!(
        !w.path("outputs").exists(),
        "nothing created outside a project"
    );
    let out = w.run(&["stats"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("codebooks: no such folder") && !err.contains(":0:0"),
        "{err}"
    );
}

#[test]
fn sentence_codings_asked_for_as_paragraphs_or_turns_give_the_units_that_hold_them() {
    let w = sample();
    assert_eq!(
        w.run(&["run", "--date", "2026-11-28", "-q"]).status.code(),
        Some(0)
    );
    let hits = |unit: &str| -> Vec<serde_json::Value> {
        let out = w.run(&[
            "query", "--code", "trust", "--unit", unit, "--format", "json",
        ]);
        assert_eq!(out.status.code(), Some(0));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(
            v["total"].as_u64().unwrap() as usize,
            v["hits"].as_array().unwrap().len()
        );
        v["hits"].as_array().unwrap().clone()
    };
    let sentences = hits("sentence");
    let paragraphs = hits("paragraph");
    assert!(!sentences.is_empty());
    assert!(
        !paragraphs.is_empty(),
        "paragraphs holding the coded sentences"
    );
    assert!(paragraphs.len() <= sentences.len());
    for p in &paragraphs {
        assert_eq!(p["kind"], "paragraph");
        assert!(
            p["codes"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c.as_str().unwrap().contains("trust"))
        );
    }
    // Every coded sentence is inside one of the paragraphs returned.
    for s in &sentences {
        let text = s["text"].as_str().unwrap();
        assert!(
            paragraphs
                .iter()
                .any(|p| p["doc"] == s["doc"] && p["text"].as_str().unwrap().contains(text)),
            "{text}"
        );
    }
    // Documents: each document holding a coded sentence, once.
    let out = w.run(&[
        "query", "--code", "trust", "--unit", "document", "--format", "json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let docs: std::collections::BTreeSet<&str> = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["doc"].as_str().unwrap())
        .collect();
    let sentence_docs: std::collections::BTreeSet<&str> = sentences
        .iter()
        .map(|s| s["doc"].as_str().unwrap())
        .collect();
    assert_eq!(docs, sentence_docs);
    let turns = hits("turn");
    assert!(!turns.is_empty());
    assert!(
        turns
            .iter()
            .all(|t| t["kind"] == "turn" || t["kind"] == "paragraph")
    );
}

#[test]
fn a_registered_name_in_the_selection_is_named_as_the_cause() {
    let w = sample();
    assert_eq!(
        w.run(&["run", "--date", "2026-11-28", "-q"]).status.code(),
        Some(0)
    );
    let register = std::fs::read_to_string(w.path("corpus/register.csv")).unwrap();
    let reg = pipeline::anonymise::Register::parse(&register).unwrap();
    let person = reg
        .entities
        .iter()
        .find(|e| e.kind == pipeline::anonymise::Kind::Person)
        .unwrap();
    let surname = person.canonical.split_whitespace().last().unwrap();
    let out = w.run(&["bundle", "about-someone", "--query", surname]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("its selection"), "{err}");
    assert!(!w.path("outputs/bundles/about-someone").exists());
}

#[test]
fn titles_and_one_word_table_cells_are_no_excerpts_unless_asked_for() {
    let w = sample();
    assert_eq!(
        w.run(&["run", "--date", "2026-11-28", "-q"]).status.code(),
        Some(0)
    );
    let texts = |name: &str| -> Vec<String> {
        let v: serde_json::Value = serde_json::from_slice(&published(&w, name)).unwrap();
        v["excerpts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["text"].as_str().unwrap().to_string())
            .collect()
    };
    let plain = texts("housing-and-livelihoods");
    assert!(
        !plain
            .iter()
            .any(|t| t == "Dormitory" || t == "Former school"),
        "{plain:?}"
    );
    // A profile that asks for headings gets them.
    let mut profiles = std::fs::read_to_string(w.path("codebooks/bundles.toml")).unwrap();
    profiles.push_str(
        "\n[[bundle]]\nname = \"with-headings\"\ncodes = [\"housing\", \"livelihoods\"]\nheadings = true\n",
    );
    w.write("codebooks/bundles.toml", profiles);
    let out = w.run(&["bundle", "with-headings", "--date", "2026-11-28"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let with = texts("with-headings");
    assert!(with.iter().any(|t| t == "Dormitory"), "{with:?}");
    assert!(with.len() > plain.len());
}

#[test]
fn codes_can_be_named_by_their_name() {
    let w = sample();
    assert_eq!(
        w.run(&["run", "--date", "2026-11-28", "-q"]).status.code(),
        Some(0)
    );
    let total = |code: &str| -> u64 {
        let out = w.run(&["query", "--code", code, "--format", "json"]);
        assert_eq!(out.status.code(), Some(0), "{code}");
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()["total"]
            .as_u64()
            .unwrap()
    };
    let by_id = total("housing/collective-centre");
    assert!(by_id > 0);
    assert_eq!(total("Collective centres"), by_id);
    assert_eq!(total("COLLECTIVE CENTRES"), by_id);
}

#[test]
fn random_bytes_named_txt_are_refused_and_help_lists_what_applies() {
    let w = sample();
    let mut x: u32 = 7;
    let bytes: Vec<u8> = (0..8192)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (x >> 16) as u8
        })
        .collect();
    w.write("corpus/interviews/zz-random.txt", bytes);
    let out = w.run(&["ingest"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "one file failed, the batch went on"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("zz-random.txt") && err.contains("not text"),
        "{err}"
    );
    // The exchange formats are for export and import only.
    let help = String::from_utf8(w.run(&["query", "--help"]).stdout).unwrap();
    assert!(
        !help.contains("qdpx:") && !help.contains("ndjson:"),
        "{help}"
    );
    let help = String::from_utf8(w.run(&["stats", "--help"]).stdout).unwrap();
    assert!(
        help.contains("- csv:") && !help.contains("- qdpx:"),
        "{help}"
    );
}
