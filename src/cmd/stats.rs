//! `pipeline stats`: code frequencies, optionally by a document attribute.

use crate::cli::{Global, OutputFormat, StatsArgs};
use pipeline::project::Project;
use std::process::ExitCode;

/// Prints per-code statistics.
pub fn run(project: &Project, global: &Global, args: &StatsArgs) -> anyhow::Result<ExitCode> {
    let loaded = pipeline::workflow::load_coded(project)?;
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
