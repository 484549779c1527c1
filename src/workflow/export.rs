//! Exports: the project as a REFI-QDA project for other QDA tools, and the
//! segments as NDJSON batches with Quickwit and Elasticsearch configs. Both
//! are written beside their target and moved into place whole.

use crate::error::{Error, Result};
use crate::index::IndexStore;
use crate::interop::{export, ndjson, qdpx};
use crate::metadata::Metadata;
use crate::project::{Project, write_atomic};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// What a REFI-QDA export holds.
#[derive(Debug, Clone, Serialize)]
pub struct QdpxExported {
    /// The `.qdpx` written.
    pub file: PathBuf,
    /// Text sources.
    pub sources: usize,
    /// Codebooks.
    pub codebooks: usize,
    /// Codes.
    pub codes: usize,
    /// Variables (attributes of metadata.csv).
    pub variables: usize,
    /// Cases.
    pub cases: usize,
    /// Coded selections.
    pub selections: usize,
    /// Codings on them.
    pub codings: usize,
    /// Whether the project had codings (else documents and codebooks only).
    pub coded: bool,
}

/// Writes the project (documents, codebooks, fresh codings, attributes) as
/// a REFI-QDA project at `target`.
pub fn export_qdpx(project: &Project, target: &Path) -> Result<QdpxExported> {
    let store = IndexStore::open(&project.index_dir())?;
    let meta = Metadata::load(&project.metadata_path())?;
    let books = super::codebooks(project)?;
    let codings = super::codings(project, &store, &books)?;
    let coded = codings.is_some();
    let codings = codings.unwrap_or_default();
    let name = project
        .corpus
        .canonicalize()
        .ok()
        .and_then(|p| {
            p.parent()
                .and_then(|p| p.file_name())
                .map(|n| n.to_string_lossy().into_owned())
        })
        .unwrap_or_else(|| "pipeline project".into());
    let memos = match crate::human::HumanStore::open_existing(&project.corpus)? {
        Some(s) => s.memos()?,
        None => Vec::new(),
    };
    let model = export::qdpx_project(&store, &books, &meta, &codings, &memos, &name)?;
    let bytes = qdpx::write(&model).map_err(|e| Error::io(target, e))?;
    write_atomic(target, &bytes)?;
    Ok(QdpxExported {
        file: target.to_path_buf(),
        sources: model.sources.len(),
        codebooks: books.len(),
        codes: books.iter().map(|b| b.codes.len()).sum(),
        variables: model.variables.len(),
        cases: model.cases.len(),
        selections: model.sources.iter().map(|s| s.selections.len()).sum(),
        codings: model
            .sources
            .iter()
            .flat_map(|s| &s.selections)
            .map(|s| s.codings.len())
            .sum(),
        coded,
    })
}

/// What an NDJSON export holds.
#[derive(Debug, Clone, Serialize)]
pub struct NdjsonExported {
    /// The folder written.
    pub folder: PathBuf,
    /// Segments (lines).
    pub segments: usize,
    /// Batch files.
    pub batches: Vec<String>,
}

/// The marker file of an NDJSON export folder.
const MARK: &str = "ndjson-export.json";

/// Writes every segment as NDJSON batches of at most `batch_bytes` into the
/// folder `target` (new, empty, or an earlier NDJSON export), with a
/// Quickwit index config and an Elasticsearch mapping.
pub fn export_ndjson(
    project: &Project,
    target: &Path,
    batch_bytes: usize,
) -> Result<NdjsonExported> {
    let store = IndexStore::open(&project.index_dir())?;
    let meta = Metadata::load(&project.metadata_path())?;
    if target.exists() {
        let ours = target.join(MARK).exists();
        let empty = std::fs::read_dir(target)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !ours && !empty {
            return Err(Error::Refused(format!(
                "{} exists and is not an earlier NDJSON export; choose a new or empty folder",
                target.display()
            )));
        }
    }
    let parent = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    let staging = parent.join(format!(
        ".{}.partial-{}",
        target
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default(),
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir(&staging).map_err(|e| Error::io(&staging, e))?;
    let result = write_batches(&store, &meta, &staging, batch_bytes);
    let (segments, batches) = match result {
        Ok(r) => r,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    if target.exists() {
        std::fs::remove_dir_all(target).map_err(|e| Error::io(target, e))?;
    }
    std::fs::rename(&staging, target).map_err(|e| Error::io(target, e))?;
    Ok(NdjsonExported {
        folder: target.to_path_buf(),
        segments,
        batches,
    })
}

fn write_batches(
    store: &IndexStore,
    meta: &Metadata,
    staging: &Path,
    batch_bytes: usize,
) -> Result<(usize, Vec<String>)> {
    let io = |e: std::io::Error| Error::io(staging, e);
    let searcher = store.snapshot()?;
    let docs = store.ingested_docs()?;
    let mut columns = std::collections::BTreeSet::new();
    for d in &docs {
        for k in meta.get(d).into_iter().flatten().map(|(k, _)| k) {
            if k != "file" {
                columns.insert(k);
            }
        }
    }
    let mut w = ndjson::BatchWriter::new(staging, batch_bytes);
    for d in &docs {
        for seg in store.doc_segments(&searcher, d)? {
            w.write(&ndjson::line(&seg)).map_err(io)?;
        }
    }
    let (files, lines) = w.finish().map_err(io)?;
    let columns: Vec<String> = columns.into_iter().collect();
    std::fs::write(
        staging.join("quickwit-index.yaml"),
        ndjson::quickwit_config(&columns),
    )
    .map_err(io)?;
    std::fs::write(
        staging.join("elasticsearch-mapping.json"),
        ndjson::elasticsearch_mapping(&columns),
    )
    .map_err(io)?;
    let names: Vec<String> = files
        .iter()
        .filter_map(|f| f.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    let manifest = serde_json::json!({
        "index_id": ndjson::INDEX_ID,
        "documents": docs.len(),
        "segments": lines,
        "batches": names,
        "max_batch_bytes": batch_bytes,
    });
    std::fs::write(
        staging.join(MARK),
        serde_json::to_string_pretty(&manifest).expect("serialisable") + "\n",
    )
    .map_err(io)?;
    Ok((lines, names))
}
