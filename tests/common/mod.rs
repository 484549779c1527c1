//! Test helpers: a temporary workspace with `corpus/`, `codebooks/`, `outputs/`,
//! the `pipeline` binary run inside it, and a reader of the index it wrote.
#![allow(dead_code)]

use pipeline::index::IndexStore;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tantivy::TantivyDocument;
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::Value;

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A temporary project folder.
pub struct Workdir {
    pub dir: tempfile::TempDir,
}

impl Workdir {
    /// An empty project.
    pub fn new() -> Workdir {
        let dir = tempfile::tempdir().unwrap();
        for sub in ["corpus", "codebooks", "outputs"] {
            std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        }
        Workdir { dir }
    }

    /// A project with a copy of the sample corpus.
    pub fn with_sample() -> Workdir {
        let w = Workdir::new();
        copy_dir(&repo().join("corpus"), &w.path("corpus"));
        w
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }

    /// `pipeline ARGS` in this folder.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_pipeline"));
        cmd.current_dir(self.dir.path()).args(args);
        cmd
    }

    /// Runs `pipeline ARGS` and returns its output, printing it for failures.
    pub fn run(&self, args: &[&str]) -> Output {
        let out = self.command(args).output().unwrap();
        eprintln!(
            "$ pipeline {}\nexit: {:?}\nstdout:\n{}\nstderr:\n{}",
            args.join(" "),
            out.status.code(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// The index in `outputs/index`.
    pub fn index(&self) -> IndexStore {
        IndexStore::open(&self.path("outputs/index")).unwrap()
    }

    /// The ingest manifest.
    pub fn manifest(&self) -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(self.path("outputs/ingest-manifest.json")).unwrap())
            .unwrap()
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A stored segment as the tests see it.
#[derive(Debug, Clone)]
pub struct Hit {
    pub id: String,
    pub doc: String,
    pub kind: String,
    pub text: String,
    pub speaker: Option<String>,
    pub role: Option<String>,
    pub page: Option<u64>,
    pub start_ms: Option<u64>,
}

/// Segments matching a tantivy query over the text field (all kinds).
pub fn search(store: &IndexStore, query: &str) -> Vec<Hit> {
    let searcher = store.snapshot().unwrap();
    let parser = QueryParser::for_index(store.engine().0, vec![store.engine().1.text]);
    let q = parser.parse_query(query).unwrap();
    let top = searcher
        .search(&q, &TopDocs::with_limit(10_000).order_by_score())
        .unwrap();
    let texts = pipeline::index::Texts::default();
    top.into_iter()
        .map(|(_, addr)| hit(store, &searcher, &texts, &searcher.doc(addr).unwrap()))
        .collect()
}

/// Every segment of a kind (`sentence`, `paragraph`, `turn`).
pub fn all_of_kind(store: &IndexStore, kind: &str) -> Vec<Hit> {
    let searcher = store.snapshot().unwrap();
    let q = tantivy::query::TermQuery::new(
        tantivy::Term::from_field_text(store.engine().1.kind, kind),
        tantivy::schema::IndexRecordOption::Basic,
    );
    let top = searcher
        .search(&q, &TopDocs::with_limit(100_000).order_by_score())
        .unwrap();
    let texts = pipeline::index::Texts::default();
    let mut hits: Vec<Hit> = top
        .into_iter()
        .map(|(_, addr)| hit(store, &searcher, &texts, &searcher.doc(addr).unwrap()))
        .collect();
    hits.sort_by(|a, b| a.id.cmp(&b.id));
    hits
}

fn hit(
    store: &IndexStore,
    searcher: &pipeline::index::Snapshot,
    texts: &pipeline::index::Texts,
    d: &TantivyDocument,
) -> Hit {
    let f = store.engine().1;
    let s = |field| {
        d.get_first(field)
            .and_then(|v| v.as_str().map(str::to_string))
    };
    let loc = s(f.loc)
        .and_then(|l| pipeline::index::Location::decode(&l))
        .unwrap_or_default();
    Hit {
        id: s(f.id).unwrap_or_default(),
        doc: s(f.doc).unwrap_or_default(),
        kind: s(f.kind).unwrap_or_default(),
        // Segment texts are cut from the document text by the library.
        text: store
            .stored_segment(searcher, d, texts)
            .unwrap()
            .map(|seg| seg.text)
            .unwrap_or_default(),
        speaker: s(f.speaker),
        role: s(f.role),
        page: loc.page,
        start_ms: loc.start_ms,
    }
}

/// Whether a required outside tool is present; panics when
/// `PIPELINE_REQUIRE_TOOLS=1` and it is not.
pub fn have_tool(name: &str) -> bool {
    let found = Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {name}"))
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        if std::env::var("PIPELINE_REQUIRE_TOOLS").as_deref() == Ok("1") {
            panic!("{name} is required (PIPELINE_REQUIRE_TOOLS=1) but not installed");
        }
        eprintln!("skipped: install {name}");
    }
    found
}

/// axe-core's script: `PIPELINE_AXE`, else `target/axe/package/axe.min.js`
/// (`.ci/run` unpacks the npm package there).
pub fn axe() -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PIPELINE_AXE")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| repo().join("target/axe/package/axe.min.js"));
    if path.exists() {
        return Some(path);
    }
    if std::env::var("PIPELINE_REQUIRE_TOOLS").as_deref() == Ok("1") {
        panic!(
            "axe-core is required (PIPELINE_REQUIRE_TOOLS=1): unpack npm's axe-core to target/axe or set PIPELINE_AXE"
        );
    }
    eprintln!("skipped: install axe-core (npm) into target/axe or set PIPELINE_AXE");
    None
}

/// Validates `xml` against the REFI-QDA `Project.xsd` of the shared corpus
/// with xmllint (skipped, or a failure with PIPELINE_REQUIRE_TOOLS=1, when
/// xmllint is missing); `name` says which file in the failure.
pub fn assert_valid_project_xml(xml: &str, name: &str) {
    if !have_tool("xmllint") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("project.qde");
    std::fs::write(&path, xml).unwrap();
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(repo().join("../shared/corpora/external/refi-qda-schema/Project.xsd"))
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}
