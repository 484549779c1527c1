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
        OutputFormat::Csv => {
            let mut w = csv::Writer::from_writer(std::io::stdout().lock());
            let mut header = vec!["code".to_string()];
            header.extend(m.cols.iter().cloned());
            w.write_record(&header)?;
            for (r, row) in m.rows.iter().zip(&m.cells) {
                let mut rec = vec![r.clone()];
                rec.extend(row.iter().map(|c| c.to_string()));
                w.write_record(&rec)?;
            }
            w.flush()?;
        }
        format => {
            let mut header = vec!["code"];
            header.extend(m.cols.iter().map(String::as_str));
            let rows = m
                .rows
                .iter()
                .zip(&m.cells)
                .map(|(r, row)| {
                    std::iter::once(r.clone())
                        .chain(row.iter().map(|c| c.to_string()))
                        .collect()
                })
                .collect();
            super::print_table(format, &header, rows);
        }
    }
    Ok(())
}
