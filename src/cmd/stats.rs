//! `pipeline stats`: code frequencies, optionally by a document attribute.

use crate::cli::{Global, OutputFormat, StatsArgs};
use anyhow::Context;
use pipeline::code::Coding;
use pipeline::codebook::{self, Codebook};
use pipeline::index::{IndexStore, StoredSegment};
use pipeline::metadata::Metadata;
use pipeline::project::Project;
use std::collections::{BTreeMap, HashMap};
use std::process::ExitCode;

/// Codings, segments and attributes for `stats` and `matrix`.
pub struct Loaded {
    /// Codebooks.
    pub books: Vec<Codebook>,
    /// Codings of those codebooks.
    pub codings: Vec<Coding>,
    /// Segments of coded documents.
    pub segments: HashMap<String, StoredSegment>,
    /// Attributes of every ingested document.
    pub attrs: HashMap<String, BTreeMap<String, String>>,
    /// Ingested documents.
    pub documents: usize,
}

impl Loaded {
    /// The pure view the statistics work on.
    pub fn coded(&self) -> pipeline::stats::Coded<'_> {
        pipeline::stats::Coded {
            books: &self.books,
            codings: &self.codings,
            segments: &self.segments,
            documents: self.documents,
            attrs: &self.attrs,
        }
    }
}

/// Reads codebooks, codings.jsonl, the index and metadata.csv.
pub fn load(project: &Project) -> anyhow::Result<Loaded> {
    let books = codebook::load_dir(&project.codebooks).map_err(|problems| {
        for p in &problems {
            eprintln!("{p}");
        }
        anyhow::anyhow!(
            "{} problem(s) in codebooks (see `pipeline codebook check`)",
            problems.len()
        )
    })?;
    let store = IndexStore::open(&project.index_dir())?;
    let codings = codings(project, &store, &books)?.ok_or_else(|| {
        anyhow::anyhow!(
            "no codings at {}: run `pipeline code` first",
            project.outputs.join("codings.jsonl").display()
        )
    })?;
    let docs: Vec<String> = store.ingested_docs()?;
    let meta = Metadata::load(&project.metadata_path())?;
    let attrs = docs
        .iter()
        .map(|d| (d.clone(), meta.get(d).unwrap_or_default()))
        .collect();
    let coded_docs: std::collections::BTreeSet<&str> =
        codings.iter().map(|c| c.doc.as_str()).collect();
    let reader = store.reader()?;
    let searcher = reader.searcher();
    let mut segments = HashMap::new();
    for doc in coded_docs {
        for s in store.doc_segments(&searcher, doc)? {
            segments.insert(s.id.clone(), s);
        }
    }
    Ok(Loaded {
        books,
        codings,
        segments,
        attrs,
        documents: docs.len(),
    })
}

/// Refuses (exit 2) when outputs/codings.jsonl and the index's codings are
/// out of step: documents ingested since `pipeline code`, a forced rebuild,
/// or an interrupted `code`. Nothing coded at all is in step.
pub fn ensure_fresh(project: &Project, store: &IndexStore) -> anyhow::Result<()> {
    pipeline::code::store::recover_codings(project, store)?;
    let path = project.outputs.join("codings.jsonl");
    let hash = match std::fs::read(&path) {
        Ok(bytes) => Some(pipeline::metadata::hex(
            &<sha2::Sha256 as sha2::Digest>::digest(&bytes),
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    if store.codings_hash()? != hash {
        anyhow::bail!(pipeline::Error::Outdated(format!(
            "the codings do not match the index (documents were ingested since `pipeline code`, or it was interrupted): run `pipeline code` first ({})",
            path.display()
        )));
    }
    Ok(())
}

/// The codings of `books` from outputs/codings.jsonl (`None` when there is no
/// such file), refused when they do not match the index.
pub fn codings(
    project: &Project,
    store: &IndexStore,
    books: &[Codebook],
) -> anyhow::Result<Option<Vec<Coding>>> {
    pipeline::code::store::recover_codings(project, store)?;
    let path = project.outputs.join("codings.jsonl");
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    let hash = pipeline::metadata::hex(&<sha2::Sha256 as sha2::Digest>::digest(text.as_bytes()));
    if store.codings_hash()?.as_deref() != Some(hash.as_str()) {
        anyhow::bail!(pipeline::Error::Outdated(format!(
            "{} does not match the index (documents were ingested since, or `pipeline code` was interrupted): run `pipeline code`",
            path.display()
        )));
    }
    let ids: std::collections::HashSet<&str> = books.iter().map(|b| b.id.as_str()).collect();
    let mut codings = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let c: Coding = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: not a coding", path.display(), i + 1))?;
        if ids.contains(c.codebook.as_str()) {
            codings.push(c);
        }
    }
    Ok(Some(codings))
}

/// Prints per-code statistics.
pub fn run(project: &Project, global: &Global, args: &StatsArgs) -> anyhow::Result<ExitCode> {
    let loaded = load(project)?;
    if let Some(by) = &args.by {
        pipeline::metadata::Metadata::load(&project.metadata_path())?
            .check_field(by)
            .map_err(|e| anyhow::anyhow!(e))?;
    }
    let rows = loaded.coded().stats(args.by.as_deref());
    match global.format {
        OutputFormat::Json => println!("{}", serde_json::to_string_pretty(&rows)?),
        OutputFormat::Csv => {
            let mut w = csv::Writer::from_writer(std::io::stdout().lock());
            let by = args.by.clone().unwrap_or_default();
            if args.by.is_some() {
                w.write_record([
                    "code",
                    "name",
                    &by,
                    "segments",
                    "documents",
                    "words",
                    "share_of_documents",
                ])?;
            } else {
                w.write_record([
                    "code",
                    "name",
                    "segments",
                    "documents",
                    "words",
                    "share_of_documents",
                ])?;
            }
            for r in &rows {
                let mut rec = vec![r.code.clone(), r.name.clone()];
                if let Some(v) = &r.value {
                    rec.push(v.clone());
                }
                rec.extend([
                    r.segments.to_string(),
                    r.documents.to_string(),
                    r.words.to_string(),
                    format!("{:.3}", r.share_of_documents),
                ]);
                w.write_record(rec)?;
            }
            w.flush()?;
        }
        format => {
            let mut header = vec!["code"];
            if let Some(by) = &args.by {
                header.push(by.as_str());
            }
            header.extend(["segments", "documents", "words", "% of documents"]);
            let table = rows
                .iter()
                .map(|r| {
                    let mut row = vec![r.code.clone()];
                    if let Some(v) = &r.value {
                        row.push(v.clone());
                    }
                    row.extend([
                        r.segments.to_string(),
                        r.documents.to_string(),
                        r.words.to_string(),
                        format!("{:.0}%", r.share_of_documents * 100.0),
                    ]);
                    row
                })
                .collect();
            super::print_table(format, &header, table);
        }
    }
    Ok(ExitCode::SUCCESS)
}
