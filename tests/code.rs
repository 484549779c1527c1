//! Black-box tests of `pipeline code` and `pipeline codebook` on the sample project.

mod common;

use common::{Workdir, all_of_kind};
use serde_json::Value;
use std::collections::HashMap;

fn sample() -> Workdir {
    let w = Workdir::with_sample();
    common::copy_dir(&common::repo().join("codebooks"), &w.path("codebooks"));
    assert_eq!(w.run(&["ingest", "-q"]).status.code(), Some(0));
    w
}

fn codings(w: &Workdir) -> Vec<Value> {
    std::fs::read_to_string(w.path("outputs/codings.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// segment id → text.
fn texts(w: &Workdir) -> HashMap<String, String> {
    let store = w.index();
    ["sentence", "paragraph", "turn"]
        .iter()
        .flat_map(|k| all_of_kind(&store, k))
        .map(|h| (h.id, h.text))
        .collect()
}

fn coded<'a>(
    codings: &'a [Value],
    texts: &'a HashMap<String, String>,
    code: &str,
) -> Vec<(&'a str, &'a str)> {
    codings
        .iter()
        .filter(|c| c["code"] == code)
        .map(|c| {
            (
                c["doc"].as_str().unwrap(),
                texts[c["segment"].as_str().unwrap()].as_str(),
            )
        })
        .collect()
}

#[test]
fn the_sample_codebook_codes_the_sample_corpus_sensibly() {
    let w = sample();
    let out = w.run(&["code"]);
    assert_eq!(out.status.code(), Some(0));
    let cs = codings(&w);
    let t = texts(&w);
    let has = |code: &str, doc: &str, needle: &str| {
        coded(&cs, &t, code)
            .iter()
            .any(|(d, text)| *d == doc && text.contains(needle))
    };
    // Expected codings, across formats and scripts.
    assert!(has(
        "housing/collective-centre",
        "interviews/az-ganja-01.txt",
        "we lived in one classroom"
    ));
    assert!(
        has(
            "housing/collective-centre",
            "interviews/ru-mingachevir-07.txt",
            "общежитии"
        ),
        "Cyrillic rule"
    );
    assert!(has(
        "education/vocational",
        "interviews/ge-zugdidi-05.vtt",
        "vocational training course in welding"
    ));
    assert!(has(
        "legal/pension",
        "interviews/az-baku-03.pdf",
        "My pension."
    ));
    assert!(has(
        "trust/contact",
        "interviews/ge-tbilisi-04.txt",
        "people on the other side"
    ));
    assert!(has(
        "livelihoods/microcredit",
        "interviews/az-sumgait-02.docx",
        "microcredit from the IDP programme"
    ));
    assert!(has(
        "health/mental",
        "interviews/az-mingachevir-10.pdf",
        "my heart is tired"
    ));
    // Expected non-codings.
    assert!(
        !has(
            "education/school",
            "interviews/az-ganja-01.txt",
            "former school in Ganja"
        ),
        "NOT \"former school\""
    );
    assert!(
        !has(
            "livelihoods/home-business",
            "interviews/am-yerevan-08.txt",
            "Baku"
        ),
        "baker* is not Baku"
    );
    let roles: HashMap<String, Option<String>> = {
        let store = w.index();
        all_of_kind(&store, "sentence")
            .into_iter()
            .map(|h| (h.id, h.role))
            .collect()
    };
    for c in cs.iter().filter(|c| c["code"] == "livelihoods/casual-work") {
        assert_eq!(
            roles[c["segment"].as_str().unwrap()].as_deref(),
            Some("respondent"),
            "speaker scope: {c}"
        );
    }
    // Spans point at the matched words in the document text.
    let store = w.index();
    let body: HashMap<String, String> = {
        let searcher = store.snapshot().unwrap();
        let mut m = HashMap::new();
        for r in store.file_records().unwrap() {
            let q = tantivy::query::TermQuery::new(
                tantivy::Term::from_field_text(store.engine().1.id, &format!("file:{}", r.path)),
                tantivy::schema::IndexRecordOption::Basic,
            );
            let top = searcher
                .search(
                    &q,
                    &tantivy::collector::TopDocs::with_limit(1).order_by_score(),
                )
                .unwrap();
            let d: tantivy::TantivyDocument = searcher.doc(top[0].1).unwrap();
            use tantivy::schema::Value as _;
            m.insert(
                r.path,
                d.get_first(store.engine().1.body)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_string(),
            );
        }
        m
    };
    let classroom = cs
        .iter()
        .find(|c| {
            c["code"] == "housing/collective-centre"
                && t[c["segment"].as_str().unwrap()].contains("one classroom")
        })
        .unwrap();
    let (a, b) = (
        classroom["spans"][0][0].as_u64().unwrap() as usize,
        classroom["spans"][0][1].as_u64().unwrap() as usize,
    );
    let doc: Vec<char> = body["interviews/az-ganja-01.txt"].chars().collect();
    assert_eq!(doc[a..b].iter().collect::<String>(), "classroom");
    for c in &cs {
        let doc: Vec<char> = body[c["doc"].as_str().unwrap()].chars().collect();
        for span in c["spans"].as_array().unwrap() {
            let (a, b) = (
                span[0].as_u64().unwrap() as usize,
                span[1].as_u64().unwrap() as usize,
            );
            assert!(a < b && b <= doc.len(), "{c}");
        }
    }
}

#[test]
fn hierarchy_facets_and_summary_agree() {
    let w = sample();
    let out = w.run(&["code", "--format", "json"]);
    let summary: Value = serde_json::from_slice(&out.stdout).unwrap();
    let housing = summary["summary"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "housing")
        .unwrap()
        .clone();
    assert_eq!(housing["segments"], 0, "the parent is a category");
    let children = housing["segments_with_children"].as_u64().unwrap();
    assert!(children > 20);
    // A facet query on the parent finds every child coding: an index operation.
    let store = w.index();
    let searcher = store.snapshot().unwrap();
    let q = tantivy::query::TermQuery::new(
        tantivy::Term::from_facet(
            store.engine().1.codes,
            &tantivy::schema::Facet::from("/displacement/housing"),
        ),
        tantivy::schema::IndexRecordOption::Basic,
    );
    let n = searcher.search(&q, &tantivy::collector::Count).unwrap();
    assert_eq!(n as u64, children);
    // The independent count from codings.jsonl.
    let cs = codings(&w);
    let mut segs: Vec<&str> = cs
        .iter()
        .filter(|c| c["code"].as_str().unwrap().starts_with("housing/"))
        .map(|c| c["segment"].as_str().unwrap())
        .collect();
    segs.sort();
    segs.dedup();
    assert_eq!(segs.len() as u64, children);
    // CSV summary has the documented columns.
    let out = w.run(&["code", "--format", "csv"]);
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(
        csv.starts_with(
            "codebook,code,name,segments,documents,segments_with_children,documents_with_children\n"
        ),
        "{csv}"
    );
}

#[test]
fn recoding_after_an_edit_replaces_codings_exactly_and_deterministically() {
    let w = sample();
    assert_eq!(w.run(&["code", "-q"]).status.code(), Some(0));
    let first = std::fs::read(w.path("outputs/codings.jsonl")).unwrap();
    assert_eq!(w.run(&["code", "-q"]).status.code(), Some(0));
    assert_eq!(
        first,
        std::fs::read(w.path("outputs/codings.jsonl")).unwrap(),
        "same inputs, same bytes"
    );

    // Remove a code, change a rule, bump the version.
    let path = w.path("codebooks/displacement.toml");
    let toml = std::fs::read_to_string(&path).unwrap();
    let start = toml.find("[[code]]\nid = \"youth\"").unwrap();
    let end = start + toml[start..].find("\n# ---").unwrap();
    let edited = format!("{}{}", &toml[..start], &toml[end..])
        .replace("version = \"1.0\"", "version = \"1.1\"")
        .replace("match = 'pension* OR allowance*'", "match = 'allowance*'");
    std::fs::write(&path, edited).unwrap();
    let out = w.run(&["code"]);
    assert_eq!(out.status.code(), Some(0));
    let cs = codings(&w);
    assert!(
        cs.iter().all(|c| c["code"] != "youth"),
        "removed code lost its codings"
    );
    assert!(cs.iter().all(|c| c["version"] == "1.1"));
    let t = texts(&w);
    assert!(
        coded(&cs, &t, "legal/pension")
            .iter()
            .all(|(_, text)| text.to_lowercase().contains("allowance"))
    );
    let store = w.index();
    let reader = store.engine().0.reader().unwrap();
    let youth = tantivy::query::TermQuery::new(
        tantivy::Term::from_facet(
            store.engine().1.codes,
            &tantivy::schema::Facet::from("/displacement/youth"),
        ),
        tantivy::schema::IndexRecordOption::Basic,
    );
    assert_eq!(
        reader
            .searcher()
            .search(&youth, &tantivy::collector::Count)
            .unwrap(),
        0
    );
}

#[test]
fn coding_one_codebook_keeps_the_others() {
    let w = sample();
    w.write(
        "codebooks/extra.toml",
        "[codebook]\nid = \"extra\"\ntitle = \"Extra\"\nversion = \"0.1\"\nunit = \"paragraph\"\n\n[[code]]\nid = \"tea\"\nname = \"Tea house\"\nmatch = '\"tea house\"'\n",
    );
    assert_eq!(w.run(&["code", "-q"]).status.code(), Some(0));
    let before = codings(&w);
    assert!(
        before
            .iter()
            .any(|c| c["codebook"] == "extra" && c["unit"] == "paragraph")
    );
    assert_eq!(w.run(&["code", "-q", "extra"]).status.code(), Some(0));
    let after = codings(&w);
    assert_eq!(
        before, after,
        "re-coding one codebook leaves the other's codings"
    );
    let out = w.run(&["code", "extr"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `extra`?"));
}

#[test]
fn codebook_check_reports_positions_and_exits_2() {
    let w = Workdir::new();
    w.write(
        "codebooks/bad.toml",
        "[codebook]\nid = \"bad\"\ntitle = \"Bad\"\nversion = \"1\"\n\n[[code]]\nid = \"a/b\"\nname = \"B\"\ncolor = \"#12345\"\nmatch = '\"school live\"~ AND x'\n",
    );
    let out = w.run(&["codebook", "check"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("codebooks/bad.toml:9:9: colour `#12345` is not #rrggbb"),
        "{err}"
    );
    assert!(
        err.contains("codebooks/bad.toml:10:23: in `match`: `~` must be followed by a number"),
        "{err}"
    );
    assert!(
        err.contains("codebooks/bad.toml:7:6: code `a/b` has no parent"),
        "{err}"
    );
    // `code` refuses to run on an invalid codebook.
    assert_eq!(w.run(&["code"]).status.code(), Some(2));
    let good = w.run(&[
        "codebook",
        "check",
        &common::repo()
            .join("codebooks/displacement.toml")
            .to_string_lossy(),
    ]);
    assert_eq!(good.status.code(), Some(0));
}

#[test]
fn qdc_export_validates_and_round_trips() {
    let w = Workdir::new();
    common::copy_dir(&common::repo().join("codebooks"), &w.path("codebooks"));
    assert_eq!(
        w.run(&["codebook", "export", "displacement", "--out", "d.qdc"])
            .status
            .code(),
        Some(0)
    );
    if common::have_tool("xmllint") {
        let xsd = common::repo().join("../shared/corpora/external/refi-qda-schema/Codebook.xsd");
        let out = std::process::Command::new("xmllint")
            .arg("--noout")
            .arg("--schema")
            .arg(&xsd)
            .arg(w.path("d.qdc"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(
        w.run(&[
            "codebook",
            "import",
            "d.qdc",
            "--id",
            "roundtrip",
            "--out",
            "codebooks/roundtrip.toml"
        ])
        .status
        .code(),
        Some(0)
    );
    let original = pipeline::codebook::load(&w.path("codebooks/displacement.toml")).unwrap();
    let back = pipeline::codebook::load(&w.path("codebooks/roundtrip.toml")).unwrap();
    assert_eq!(original.codes.len(), back.codes.len());
    // Ids are re-derived from names (REFI-QDA has no ids); identity is the GUID.
    let id_by_guid: HashMap<String, &str> = back
        .codes
        .iter()
        .map(|c| (c.guid.clone().unwrap(), c.id.as_str()))
        .collect();
    for (a, b) in original.codes.iter().zip(&back.codes) {
        let guid = pipeline::codebook::exchange::guid_of(&original, a);
        assert_eq!(id_by_guid[&guid], b.id);
        let parent_guid = a
            .parent()
            .map(|p| pipeline::codebook::exchange::guid_of(&original, original.code(p).unwrap()));
        assert_eq!(
            parent_guid.map(|g| id_by_guid[&g]),
            b.parent(),
            "hierarchy kept"
        );
        assert_eq!(a.name, b.name);
        assert_eq!(a.color, b.color);
        assert_eq!(a.description, b.description);
        assert_eq!(
            Some(pipeline::codebook::exchange::guid_of(&original, a)),
            b.guid
        );
    }
    // Exporting the re-imported codebook gives the same codes and GUIDs.
    assert_eq!(
        w.run(&["codebook", "export", "roundtrip", "--out", "r.qdc"])
            .status
            .code(),
        Some(0)
    );
    let a = std::fs::read_to_string(w.path("d.qdc")).unwrap();
    let b = std::fs::read_to_string(w.path("r.qdc")).unwrap();
    assert_eq!(
        a.lines().skip(2).collect::<Vec<_>>(),
        b.lines().skip(2).collect::<Vec<_>>()
    );
}

#[test]
fn external_qdc_files_import_or_fail_clearly() {
    let dir = common::repo().join("../shared/corpora/external/refi-tools");
    if !dir.exists() {
        eprintln!("skipped: ../shared/corpora/external is not present");
        return;
    }
    let w = Workdir::new();
    let ok = w.run(&[
        "codebook",
        "import",
        &dir.join("example_codebook.qdc").to_string_lossy(),
        "--out",
        "codebooks/mood.toml",
    ]);
    assert_eq!(ok.status.code(), Some(0));
    let book = pipeline::codebook::load(&w.path("codebooks/mood.toml")).unwrap();
    let rage = book.code("negativ-aufgeregt/rage").unwrap();
    assert_eq!(rage.guid.as_deref(), Some("c21"));
    assert_eq!(
        book.code("negativ-aufgeregt")
            .unwrap()
            .description
            .as_deref(),
        Some("All emotions with negative valence and positive arousal.")
    );
    let bad = w.run(&[
        "codebook",
        "import",
        &dir.join("example_codebook_defect.qdc").to_string_lossy(),
    ]);
    assert_eq!(bad.status.code(), Some(2));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains("malformed XML at line 132"), "{err}");
    // A CSV codebook.
    w.write(
        "codes.csv",
        "code,name,parent,match,color\nwork,Work,,,#336699\nbazaar,Bazaar work,work,bazaar,\n",
    );
    let out = w.run(&[
        "codebook",
        "import",
        "codes.csv",
        "--id",
        "csvbook",
        "--out",
        "codebooks/csvbook.toml",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let csvbook = pipeline::codebook::load(&w.path("codebooks/csvbook.toml")).unwrap();
    assert_eq!(
        csvbook
            .code("work/bazaar")
            .unwrap()
            .rule
            .as_ref()
            .unwrap()
            .source,
        "bazaar"
    );
}

#[test]
fn codings_out_of_step_with_the_index_are_detected() {
    let w = sample();
    assert_eq!(w.run(&["code", "-q"]).status.code(), Some(0));
    assert_eq!(w.run(&["stats", "-q"]).status.code(), Some(0));
    // As if `pipeline code` had been killed between its commit and the file.
    let path = w.path("outputs/codings.jsonl");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.lines().skip(1).collect::<Vec<_>>().join("\n") + "\n",
    )
    .unwrap();
    let out = w.run(&["stats"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not match the index"));
    assert_eq!(
        w.run(&["code", "-q", "displacement"]).status.code(),
        Some(2),
        "a partial re-code refuses stale lines"
    );
    assert_eq!(
        w.run(&["code", "-q"]).status.code(),
        Some(0),
        "a full re-code repairs it"
    );
    assert_eq!(w.run(&["stats", "-q"]).status.code(), Some(0));
    // An edit that keeps the length is seen too (readers trust the file's
    // stamp — inode, length, mtime — only while it is the one committed),
    // by `query --code` as by `stats`; the same bytes put back are accepted
    // (hashed, as a restored copy would be).
    let original = std::fs::read(&path).unwrap();
    let mut edited = original.clone();
    let at = edited.iter().position(|&b| b == b'1').unwrap();
    edited[at] = b'2';
    std::fs::write(&path, &edited).unwrap();
    assert_eq!(w.run(&["stats", "-q"]).status.code(), Some(2));
    let out = w.run(&["query", "--code", "displacement:housing", "-q"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::write(&path, &original).unwrap();
    assert_eq!(w.run(&["stats", "-q"]).status.code(), Some(0));
    // A re-ingest of a changed document makes the codings stale too.
    let f = w.path("corpus/interviews/az-ganja-01.txt");
    let mut t = std::fs::read_to_string(&f).unwrap();
    t.push_str("\nInterviewer: One more thing.\n");
    std::fs::write(&f, t).unwrap();
    assert_eq!(w.run(&["ingest", "-q"]).status.code(), Some(0));
    assert_eq!(w.run(&["stats"]).status.code(), Some(2));
}
