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
            pipeline::views::stats_csv(&rows, args.by.as_deref(), std::io::stdout().lock())?
        }
        format => {
            let (header, table) = pipeline::views::stats_table(&rows, args.by.as_deref());
            let header: Vec<&str> = header.iter().map(String::as_str).collect();
            super::print_table(format, &header, table);
        }
    }
    Ok(ExitCode::SUCCESS)
}
