//! Black-box tests of `pipeline query`, `stats` and `matrix` on the coded sample project.

mod common;

use common::Workdir;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::OnceLock;

/// One coded sample project shared by the tests (they only read it).
fn project() -> &'static Workdir {
    static W: OnceLock<Workdir> = OnceLock::new();
    W.get_or_init(|| {
        let w = Workdir::with_sample();
        common::copy_dir(&common::repo().join("codebooks"), &w.path("codebooks"));
        assert_eq!(w.run(&["ingest", "-q"]).status.code(), Some(0));
        assert_eq!(w.run(&["code", "-q"]).status.code(), Some(0));
        w
    })
}

fn json(args: &[&str]) -> Value {
    let out = project().run(&[args, &["--format", "json"]].concat());
    assert_eq!(out.status.code(), Some(0));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn codings() -> Vec<Value> {
    std::fs::read_to_string(project().path("outputs/codings.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn hits(v: &Value) -> &Vec<Value> {
    v["hits"].as_array().unwrap()
}

fn chars(s: &str, a: u64, b: u64) -> String {
    s.chars().skip(a as usize).take((b - a) as usize).collect()
}

#[test]
fn text_query_with_highlights_in_document_order() {
    let v = json(&["query", "dormitor* OR общежити*", "--limit", "100"]);
    let hs = hits(&v);
    assert_eq!(v["total"].as_u64().unwrap() as usize, hs.len());
    assert!(hs.len() >= 5);
    let docs: Vec<&str> = hs.iter().map(|h| h["doc"].as_str().unwrap()).collect();
    let mut sorted = docs.clone();
    sorted.sort();
    assert_eq!(docs, sorted, "document order");
    assert!(docs.contains(&"interviews/ru-mingachevir-07.txt"));
    for h in hs {
        assert_eq!(h["kind"], "sentence");
        let text = h["text"].as_str().unwrap();
        let spans = h["highlights"].as_array().unwrap();
        assert!(!spans.is_empty(), "{h}");
        for s in spans {
            let word =
                pipeline::fold::fold(&chars(text, s[0].as_u64().unwrap(), s[1].as_u64().unwrap()));
            assert!(
                word.starts_with("dormitor") || word.starts_with("общежити"),
                "{word}"
            );
        }
    }
    // Within one document, positions increase.
    let ganja: Vec<u64> = hs
        .iter()
        .filter(|h| h["doc"] == "interviews/ru-mingachevir-07.txt")
        .map(|h| {
            h["segment"]
                .as_str()
                .unwrap()
                .rsplit("#s")
                .next()
                .unwrap()
                .parse()
                .unwrap()
        })
        .collect();
    assert!(ganja.windows(2).all(|w| w[0] < w[1]), "{ganja:?}");
}

#[test]
fn code_filter_includes_children_and_matches_codings() {
    let v = json(&["query", "--code", "housing", "--limit", "1000"]);
    let got: BTreeSet<String> = hits(&v)
        .iter()
        .map(|h| h["segment"].as_str().unwrap().to_string())
        .collect();
    let expected: BTreeSet<String> = codings()
        .iter()
        .filter(|c| c["code"].as_str().unwrap().starts_with("housing/"))
        .map(|c| c["segment"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(got, expected);
    assert_eq!(v["total"].as_u64().unwrap() as usize, expected.len());
    for h in hits(&v) {
        assert!(
            h["codes"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c.as_str().unwrap().starts_with("displacement:housing/"))
        );
    }
    // Two codes: either.
    let both = json(&[
        "query", "--code", "youth", "--code", "women", "--limit", "1000",
    ]);
    let n = |code: &str| codings().iter().filter(|c| c["code"] == code).count();
    assert!(both["total"].as_u64().unwrap() as usize <= n("youth") + n("women"));
    assert!(both["total"].as_u64().unwrap() as usize >= n("youth").max(n("women")));
}

#[test]
fn filters_where_speaker_role_doc() {
    let v = json(&[
        "query",
        "--code",
        "housing",
        "--where",
        "region=Ganja",
        "--limit",
        "100",
    ]);
    assert!(!hits(&v).is_empty());
    assert!(
        hits(&v)
            .iter()
            .all(|h| h["doc"] == "interviews/az-ganja-01.txt")
    );
    let v = json(&[
        "query",
        "--where",
        "gender=female",
        "--where",
        "country=georgia",
        "--limit",
        "1000",
    ]);
    let docs: BTreeSet<&str> = hits(&v)
        .iter()
        .map(|h| h["doc"].as_str().unwrap())
        .collect();
    assert_eq!(
        docs,
        ["interviews/ge-gori-06.srt", "interviews/ge-tbilisi-04.txt"]
            .into_iter()
            .collect()
    );
    let v = json(&["query", "--speaker", "nino", "--limit", "1000"]);
    assert!(hits(&v).iter().all(|h| h["speaker"] == "Nino"));
    assert!(!hits(&v).is_empty());
    let v = json(&[
        "query",
        "school*",
        "--role",
        "interviewer",
        "--limit",
        "1000",
    ]);
    assert!(hits(&v).iter().all(|h| h["role"] == "interviewer"));
    let v = json(&[
        "query",
        "--doc",
        "reports/",
        "--unit",
        "paragraph",
        "--limit",
        "1000",
    ]);
    assert!(hits(&v).iter().all(|h| h["doc"].as_str().unwrap().starts_with("reports/") && h["kind"] == "paragraph"));
    // The same filters in the query language.
    let a = json(&["query", "dormitor* region:ganja", "--limit", "100"]);
    let b = json(&[
        "query",
        "dormitor*",
        "--where",
        "region=ganja",
        "--limit",
        "100",
    ]);
    assert_eq!(a["hits"], b["hits"]);
    // Proximity (post-filtered by the evaluator).
    let v = json(&["query", "\"school teachers\"~3", "--limit", "100"]);
    assert!(hits(&v).iter().all(|h| {
        let t = h["text"].as_str().unwrap().to_lowercase();
        t.contains("school") && t.contains("teachers")
    }));
}

#[test]
fn context_limit_offset_and_score() {
    let v = json(&["query", "dormitory", "--context", "1", "--limit", "2"]);
    let h = &hits(&v)[0];
    let n: u64 = h["segment"]
        .as_str()
        .unwrap()
        .rsplit("#s")
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let before = h["context_before"].as_array().unwrap();
    let after = h["context_after"].as_array().unwrap();
    assert_eq!(before.len(), 1);
    assert_eq!(after.len(), 1);
    assert!(
        before[0]["segment"]
            .as_str()
            .unwrap()
            .ends_with(&format!("#s{}", n - 1))
    );
    assert!(
        after[0]["segment"]
            .as_str()
            .unwrap()
            .ends_with(&format!("#s{}", n + 1))
    );
    let all = json(&["query", "the", "--limit", "30"]);
    let page = json(&["query", "the", "--limit", "10", "--offset", "10"]);
    assert_eq!(&hits(&all)[10..20], hits(&page).as_slice());
    assert_eq!(all["total"], page["total"]);
    let scored = json(&[
        "query",
        "dormitory OR settlement",
        "--sort",
        "score",
        "--limit",
        "50",
    ]);
    let scores: Vec<f64> = hits(&scored)
        .iter()
        .map(|h| h["score"].as_f64().unwrap())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
}

#[test]
fn text_csv_and_markdown_formats() {
    let out = project().run(&["query", "welding", "--format", "csv"]);
    let mut r = csv::Reader::from_reader(out.stdout.as_slice());
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(
        header,
        [
            "doc",
            "segment",
            "kind",
            "page",
            "time",
            "paragraph",
            "speaker",
            "role",
            "codes",
            "text",
            "highlighted",
            "context_before",
            "context_after"
        ]
    );
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert!(!rows.is_empty());
    let vtt = rows
        .iter()
        .find(|r| &r[0] == "interviews/ge-zugdidi-05.vtt")
        .unwrap();
    assert_eq!(&vtt[4], "00:00:21", "timestamp location");
    assert!(vtt[10].contains("«welding»"));
    let text = String::from_utf8(project().run(&["query", "welding"]).stdout).unwrap();
    assert!(
        text.contains("interviews/ge-zugdidi-05.vtt  00:00:21"),
        "{text}"
    );
    assert!(text.contains("[welding]"), "no colour when piped: {text}");
    let pdf = String::from_utf8(project().run(&["query", "protracted"]).stdout).unwrap();
    assert!(pdf.contains("reports/livelihoods-brief.pdf  p. 1"), "{pdf}");
    let md = String::from_utf8(
        project()
            .run(&["query", "welding", "--format", "md"])
            .stdout,
    )
    .unwrap();
    assert!(md.contains("**welding**"), "{md}");
}

#[test]
fn errors_a_person_can_act_on() {
    let out = project().run(&["query", "housing AND (shelter"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("housing AND (shelter\n            ^ unclosed `(`"),
        "{err}"
    );
    let out = project().run(&["query", "--code", "housng"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `housing`"));
    let empty = Workdir::new();
    let out = empty.run(&["query", "x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("run `pipeline ingest` first"));
}

/// Paragraph of each coded segment, read from the index independently.
fn paragraph_of() -> HashMap<String, (String, u64)> {
    let store = project().index();
    let searcher = store.snapshot().unwrap();
    let mut m = HashMap::new();
    for r in store.file_records().unwrap() {
        for s in store.doc_segments(&searcher, &r.path).unwrap() {
            m.insert(s.id.clone(), (s.doc.clone(), s.loc.paragraph));
        }
    }
    m
}

#[test]
fn matrix_counts_match_an_independent_count() {
    let cs = codings();
    let para = paragraph_of();
    let mut by_code: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut by_code_para: BTreeMap<String, BTreeSet<(String, u64)>> = BTreeMap::new();
    for c in &cs {
        let code = c["code"].as_str().unwrap();
        let top = code.split('/').next().unwrap();
        for k in [code, top] {
            let key = format!("displacement:{k}");
            by_code
                .entry(key.clone())
                .or_default()
                .insert(c["segment"].as_str().unwrap().to_string());
            by_code_para
                .entry(key)
                .or_default()
                .insert(para[c["segment"].as_str().unwrap()].clone());
        }
    }
    let m = json(&["matrix", "--cols", "codes"]);
    let m_para = json(&["matrix", "--cols", "codes", "--within", "paragraph"]);
    let rows: Vec<&str> = m["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    for (i, a) in rows.iter().enumerate() {
        for (j, b) in rows.iter().enumerate() {
            let empty = BTreeSet::new();
            let expected = by_code
                .get(*a)
                .unwrap_or(&empty)
                .intersection(by_code.get(*b).unwrap_or(&empty))
                .count();
            assert_eq!(
                m["cells"][i][j].as_u64().unwrap() as usize,
                expected,
                "{a} × {b}"
            );
            let e2 = BTreeSet::new();
            let expected_para = by_code_para
                .get(*a)
                .unwrap_or(&e2)
                .intersection(by_code_para.get(*b).unwrap_or(&e2))
                .count();
            assert_eq!(
                m_para["cells"][i][j].as_u64().unwrap() as usize,
                expected_para,
                "{a} × {b} within paragraph"
            );
        }
    }
    // Code × attribute, counting documents.
    let meta = pipeline::metadata::Metadata::load(&project().path("corpus/metadata.csv")).unwrap();
    let x = json(&["matrix", "--cols", "attr:country", "--count", "documents"]);
    let cols: Vec<&str> = x["cols"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    let row = x["rows"]
        .as_array()
        .unwrap()
        .iter()
        .position(|r| r == "displacement:women")
        .unwrap();
    for (j, country) in cols.iter().enumerate() {
        let docs: BTreeSet<&str> = cs
            .iter()
            .filter(|c| c["code"] == "women")
            .map(|c| c["doc"].as_str().unwrap())
            .filter(|d| {
                meta.get(d)
                    .and_then(|a| a.get("country").cloned())
                    .as_deref()
                    .unwrap_or("(none)")
                    == *country
            })
            .collect();
        assert_eq!(
            x["cells"][row][j].as_u64().unwrap() as usize,
            docs.len(),
            "women × {country}"
        );
    }
}

#[test]
fn stats_per_code_and_by_attribute() {
    let v = json(&["stats"]);
    let rows = v.as_array().unwrap();
    let cs = codings();
    let housing = rows
        .iter()
        .find(|r| r["code"] == "displacement:housing")
        .unwrap();
    let segs: BTreeSet<&str> = cs
        .iter()
        .filter(|c| c["code"].as_str().unwrap().starts_with("housing/"))
        .map(|c| c["segment"].as_str().unwrap())
        .collect();
    let docs: BTreeSet<&str> = cs
        .iter()
        .filter(|c| c["code"].as_str().unwrap().starts_with("housing/"))
        .map(|c| c["doc"].as_str().unwrap())
        .collect();
    assert_eq!(housing["segments"].as_u64().unwrap() as usize, segs.len());
    assert_eq!(housing["documents"].as_u64().unwrap() as usize, docs.len());
    assert!(
        (housing["share_of_documents"].as_f64().unwrap() - docs.len() as f64 / 15.0).abs() < 1e-9
    );
    assert!(housing["words"].as_u64().unwrap() > 100);
    let by = json(&["stats", "--by", "gender"]);
    let total: u64 = by
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["code"] == "displacement:housing")
        .map(|r| r["segments"].as_u64().unwrap())
        .sum();
    assert_eq!(total as usize, segs.len(), "the breakdown adds up");
}

/// Every way of finding a page in document order gives the same page and the
/// same total as reading every match (the method before issue #23), on a
/// project of several tantivy segments with deleted documents, for every
/// query shape, page size and offset.
#[test]
fn every_strategy_finds_the_same_page_as_reading_every_match() {
    use pipeline::retrieve::{Request, Sort, Strategy, search_with, where_filter};
    let w = Workdir::with_sample();
    common::copy_dir(&common::repo().join("codebooks"), &w.path("codebooks"));
    // Sixty more interviews, ingested in two runs, three of them then
    // changed (their old segments deleted, new ones added at the end).
    let words = [
        "dormitory",
        "winter",
        "school",
        "pension",
        "water",
        "return",
    ];
    let write = |i: usize, round: usize| {
        let mut text = String::new();
        for p in 0..12 {
            let a = words[(i + p) % words.len()];
            let b = words[(i * 7 + p * 3) % words.len()];
            text.push_str(&format!(
                "Respondent: Paragraph {p} of interview {i}, round {round}: the {a} and the {b} in the collective centre. We waited for the {b}.\n\n"
            ));
        }
        w.write(&format!("corpus/interviews/zz-{i:03}.txt"), text);
    };
    let mut meta = std::fs::read_to_string(w.path("corpus/metadata.csv")).unwrap();
    for i in 0..60 {
        write(i, 0);
        let region = ["Ganja", "Barda", "Tbilisi"][i % 3];
        meta.push_str(&format!(
            "interviews/zz-{i:03}.txt,interview,Azerbaijan,{region},dormitory,female,40,2023-04-12,en,\n"
        ));
    }
    w.write("corpus/metadata.csv", meta);
    assert_eq!(w.run(&["ingest", "-q"]).status.code(), Some(0));
    for i in (0..60).step_by(20) {
        write(i, 1);
    }
    assert_eq!(w.run(&["ingest", "-q"]).status.code(), Some(0));
    assert_eq!(w.run(&["code", "-q"]).status.code(), Some(0));
    // Some index documents deleted and left in their segments (no merge),
    // as a long-lived index has them: deleted matches must not count.
    {
        let store = w.index();
        let (index, fields) = store.engine();
        let mut writer: tantivy::IndexWriter = index.writer(50_000_000).unwrap();
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        for i in [5, 6, 7] {
            writer.delete_term(tantivy::Term::from_field_text(
                fields.doc,
                &format!("interviews/zz-{i:03}.txt"),
            ));
        }
        // The commit keeps the payload that says which pipeline wrote it.
        let payload = index.load_metas().unwrap().payload;
        let mut prepared = writer.prepare_commit().unwrap();
        if let Some(p) = payload {
            prepared.set_payload(&p);
        }
        prepared.commit().unwrap();
    }
    let store = w.index();
    let readers = store.snapshot().unwrap().segment_readers().to_vec();
    assert!(
        readers.len() >= 2,
        "the test needs several tantivy segments"
    );
    assert!(
        readers.iter().any(|r| r.num_deleted_docs() > 0),
        "the test needs deleted documents"
    );

    let shapes: Vec<(&str, Vec<&str>, Vec<&str>, bool)> = vec![
        ("dormitory", vec![], vec![], true),
        ("\"collective centre\"", vec![], vec![], true),
        ("dormitor*", vec![], vec![], true),
        ("", vec!["/displacement/housing"], vec![], false),
        ("winter", vec![], vec!["region=Barda"], true),
        ("school AND water", vec![], vec!["region=Tbilisi"], true),
        (
            "pension OR return",
            vec!["/displacement/housing"],
            vec![],
            true,
        ),
        ("", vec![], vec![], true),
        ("nosuchword", vec![], vec![], true),
    ];
    let pages = [(0, 20), (0, 1), (7, 13), (0, 500), (150, 20)];
    for (text, codes, wheres, sentences) in &shapes {
        for &(offset, limit) in &pages {
            let request = Request {
                query: pipeline::query::parse(text).unwrap(),
                codes: codes.iter().map(|c| c.to_string()).collect(),
                filters: wheres.iter().map(|w| where_filter(w).unwrap()).collect(),
                doc_prefix: None,
                unit: sentences.then_some(pipeline::segment::SegmentKind::Sentence),
                context: 0,
                offset,
                limit,
                sort: Sort::Doc,
                estimate_total: false,
            };
            let page = |s: Strategy| {
                let r = search_with(&store, &request, s).unwrap();
                let ids: Vec<String> = r.hits.iter().map(|h| h.segment.id.clone()).collect();
                (r.total, ids)
            };
            let reference = page(Strategy::Exhaustive);
            for s in [Strategy::Auto, Strategy::Walk, Strategy::Read] {
                assert_eq!(
                    page(s),
                    reference,
                    "{s:?} differs for {text:?} {codes:?} {wheres:?} at {offset}+{limit}"
                );
            }
            // An estimated total changes nothing but the total.
            let estimated = pipeline::retrieve::Request {
                estimate_total: true,
                ..request.clone()
            };
            for s in [Strategy::Auto, Strategy::Walk] {
                let r = search_with(&store, &estimated, s).unwrap();
                let ids: Vec<String> = r.hits.iter().map(|h| h.segment.id.clone()).collect();
                assert_eq!(ids, reference.1, "{s:?} estimating: {text:?}");
                if !r.estimated {
                    assert_eq!(r.total, reference.0, "{s:?}: an exact total must be exact");
                }
            }
            // A prefix is its words one by one: the same as the word the
            // corpus holds for it ("dormitory", "dormitories").
            if *text == "dormitor*" {
                let word = Request {
                    query: pipeline::query::parse("dormitory OR dormitories").unwrap(),
                    ..request.clone()
                };
                let r = search_with(&store, &word, Strategy::Exhaustive).unwrap();
                let ids: Vec<String> = r.hits.iter().map(|h| h.segment.id.clone()).collect();
                assert_eq!((r.total, ids), reference, "dormitor* at {offset}+{limit}");
            }
            if *text == "dormitory" && offset == 0 {
                assert!(reference.0 > 100, "{}", reference.0);
            }
        }
    }
}
