//! `pipeline matrix`: code × code co-occurrence and code × attribute crosstabs.

use crate::cli::{Global, MatrixArgs, OutputFormat};
use pipeline::project::Project;
use pipeline::stats::{Count, Matrix, Within};
use std::process::ExitCode;

/// Prints the matrix.
pub fn run(project: &Project, global: &Global, args: &MatrixArgs) -> anyhow::Result<ExitCode> {
    if args.rows != "codes" {
        anyhow::bail!("--rows takes `codes`");
    }
    let within = match args.within.as_str() {
        "segment" => Within::Segment,
        "paragraph" => Within::Paragraph,
        "turn" => Within::Turn,
        "document" => Within::Document,
        other => {
            anyhow::bail!("--within takes segment, paragraph, turn or document, not `{other}`")
        }
    };
    let count = match args.count.as_str() {
        "units" | "segments" => Count::Units,
        "documents" => Count::Documents,
        other => anyhow::bail!("--count takes units or documents, not `{other}`"),
    };
    let loaded = pipeline::workflow::load_coded(project)?;
    let coded = loaded.coded();
    let matrix = match args.cols.as_str() {
        "codes" => coded.code_matrix(within, count),
        cols => match cols.strip_prefix("attr:") {
            Some(attr) if !attr.is_empty() => {
                pipeline::metadata::Metadata::load(&project.metadata_path())?
                    .check_field(attr)
                    .map_err(|e| anyhow::anyhow!(e))?;
                coded.attribute_matrix(&attr.to_ascii_lowercase(), count)
            }
            _ => anyhow::bail!("--cols takes `codes` or `attr:NAME`, not `{cols}`"),
        },
    };
    print(&matrix, global.format)?;
    Ok(ExitCode::SUCCESS)
}

fn print(m: &Matrix, format: OutputFormat) -> anyhow::Result<()> {
    match format {
        OutputFormat::Json => println!("{}", serde_json::to_string_pretty(m)?),
        OutputFormat::Csv => pipeline::views::matrix_csv(m, std::io::stdout().lock())?,
        format => {
            let (header, rows) = pipeline::views::matrix_table(m);
            let header: Vec<&str> = header.iter().map(String::as_str).collect();
            super::print_table(format, &header, rows);
        }
    }
    Ok(())
}
