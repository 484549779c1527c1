//! `pipeline export`: a REFI-QDA project (`--format qdpx FILE`) or NDJSON
//! batches with Quickwit and Elasticsearch configs (`--format ndjson DIR`).

use crate::cli::{ExportArgs, Global, OutputFormat};
use anyhow::Context;
use pipeline::index::IndexStore;
use pipeline::interop::{export, ndjson, qdpx};
use pipeline::metadata::Metadata;
use pipeline::project::{Project, write_atomic};
use std::path::Path;
use std::process::ExitCode;

/// Runs the export.
pub fn run(project: &Project, global: &Global, args: &ExportArgs) -> anyhow::Result<ExitCode> {
    let format = match global.format {
        OutputFormat::Qdpx | OutputFormat::Ndjson => global.format,
        _ if args
            .target
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("qdpx")) =>
        {
            OutputFormat::Qdpx
        }
        _ => anyhow::bail!("say what to export: --format qdpx FILE.qdpx or --format ndjson DIR"),
    };
    let store = IndexStore::open(&project.index_dir())?;
    let meta = Metadata::load(&project.metadata_path())?;
    if format == OutputFormat::Qdpx {
        qdpx_export(project, global, &store, &meta, &args.target)
    } else {
        ndjson_export(global, &store, &meta, &args.target, args.batch_bytes)
    }
}

fn qdpx_export(
    project: &Project,
    global: &Global,
    store: &IndexStore,
    meta: &Metadata,
    target: &Path,
) -> anyhow::Result<ExitCode> {
    let books = pipeline::workflow::codebooks(project)?;
    let codings = match pipeline::workflow::codings(project, store, &books)? {
        Some(c) => c,
        None => {
            eprintln!(
                "pipeline: note: no codings yet (run `pipeline code`); exporting documents and codebooks only"
            );
            Vec::new()
        }
    };
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
    let model = export::qdpx_project(store, &books, meta, &codings, &name)?;
    let bytes = qdpx::write(&model).context("cannot build the .qdpx archive")?;
    write_atomic(target, &bytes)?;
    let selections: usize = model.sources.iter().map(|s| s.selections.len()).sum();
    let codings_n: usize = model
        .sources
        .iter()
        .flat_map(|s| &s.selections)
        .map(|s| s.codings.len())
        .sum();
    if !global.quiet {
        let summary = serde_json::json!({
            "file": target.display().to_string(),
            "sources": model.sources.len(),
            "codebooks": books.len(),
            "codes": books.iter().map(|b| b.codes.len()).sum::<usize>(),
            "variables": model.variables.len(),
            "cases": model.cases.len(),
            "selections": selections,
            "codings": codings_n,
        });
        println!(
            "wrote {}: {} sources, {} codes, {} coded selections ({} codings), {} variables",
            target.display(),
            model.sources.len(),
            summary["codes"],
            selections,
            codings_n,
            model.variables.len()
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn ndjson_export(
    global: &Global,
    store: &IndexStore,
    meta: &Metadata,
    target: &Path,
    batch_bytes: usize,
) -> anyhow::Result<ExitCode> {
    const MARK: &str = "ndjson-export.json";
    if target.exists() {
        let ours = target.join(MARK).exists();
        let empty = std::fs::read_dir(target)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !ours && !empty {
            anyhow::bail!(
                "{} exists and is not an earlier NDJSON export; choose a new or empty folder",
                target.display()
            );
        }
    }
    let parent = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)
        .with_context(|| format!("cannot create {}", parent.display()))?;
    let staging = parent.join(format!(
        ".{}.partial-{}",
        target
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default(),
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir(&staging)
        .with_context(|| format!("cannot create {}", staging.display()))?;
    let result = (|| -> anyhow::Result<(Vec<std::path::PathBuf>, usize, Vec<String>)> {
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
        let mut w = ndjson::BatchWriter::new(&staging, batch_bytes);
        for d in &docs {
            for seg in store.doc_segments(&searcher, d)? {
                w.write(&ndjson::line(&seg))?;
            }
        }
        let (files, lines) = w.finish()?;
        let columns: Vec<String> = columns.into_iter().collect();
        std::fs::write(
            staging.join("quickwit-index.yaml"),
            ndjson::quickwit_config(&columns),
        )?;
        std::fs::write(
            staging.join("elasticsearch-mapping.json"),
            ndjson::elasticsearch_mapping(&columns),
        )?;
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
            serde_json::to_string_pretty(&manifest)? + "\n",
        )?;
        Ok((files, lines, names))
    })();
    let (_, lines, names) = match result {
        Ok(r) => r,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    if target.exists() {
        std::fs::remove_dir_all(target)
            .with_context(|| format!("cannot replace {}", target.display()))?;
    }
    std::fs::rename(&staging, target)
        .with_context(|| format!("cannot move the export into {}", target.display()))?;
    if !global.quiet {
        println!(
            "wrote {}: {} segments in {} batch(es), quickwit-index.yaml, elasticsearch-mapping.json",
            target.display(),
            lines,
            names.len()
        );
    }
    Ok(ExitCode::SUCCESS)
}
