//! `pipeline export`: a REFI-QDA project (`--format qdpx FILE`) or NDJSON
//! batches with Quickwit and Elasticsearch configs (`--format ndjson DIR`).

use crate::cli::{ExportArgs, Global, OutputFormat};
use pipeline::project::Project;
use std::process::ExitCode;

/// Runs the export.
pub fn run(project: &Project, global: &Global, args: &ExportArgs) -> anyhow::Result<ExitCode> {
    if args.desk {
        let x = pipeline::workflow::desk::export(project, &args.target)?;
        if !global.quiet {
            println!(
                "wrote {}: {} hand coding(s), {} memo(s)",
                args.target.display(),
                x.0,
                x.1
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
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
    if format == OutputFormat::Qdpx {
        let x = pipeline::workflow::export_qdpx(project, &args.target)?;
        if !x.coded {
            eprintln!(
                "pipeline: note: no codings yet (run `pipeline code`); exported documents and codebooks only"
            );
        }
        if !global.quiet {
            println!(
                "wrote {}: {} sources, {} codes, {} coded selections ({} codings), {} variables",
                x.file.display(),
                x.sources,
                x.codes,
                x.selections,
                x.codings,
                x.variables
            );
        }
    } else {
        let x = pipeline::workflow::export_ndjson(project, &args.target, args.batch_bytes)?;
        if !global.quiet {
            println!(
                "wrote {}: {} segments in {} batch(es), quickwit-index.yaml, elasticsearch-mapping.json",
                x.folder.display(),
                x.segments,
                x.batches.len()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
