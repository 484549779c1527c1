//! `pipeline code`: apply codebooks and print the per-code summary.

use crate::cli::{CodeArgs, Global, OutputFormat};
use pipeline::codebook::{self, Codebook};
use pipeline::project::Project;
use std::path::PathBuf;
use std::process::ExitCode;

/// Loads the codebooks named (or all), codes, prints the summary.
pub fn run(project: &Project, global: &Global, args: &CodeArgs) -> anyhow::Result<ExitCode> {
    run_into(project, global, args, None)
}

/// [`run`], handing its JSON summary to `sink` instead of printing it.
pub fn run_into(
    project: &Project,
    global: &Global,
    args: &CodeArgs,
    sink: Option<&mut serde_json::Map<String, serde_json::Value>>,
) -> anyhow::Result<ExitCode> {
    let books = match select(project, &args.names) {
        Ok(b) => b,
        Err(problems) => {
            for p in &problems {
                eprintln!("{p}");
            }
            anyhow::bail!(
                "{} problem(s) in codebooks; nothing was coded",
                problems.len()
            );
        }
    };
    if books.is_empty() {
        anyhow::bail!("no codebook in {}", project.codebooks.display());
    }
    let bar = super::progress_bar(global, "code");
    let outcome = pipeline::code::store::run(
        project,
        &books,
        args.names.is_empty(),
        super::jobs(global.jobs),
        &|done, total| {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        },
    );
    bar.finish_and_clear();
    let outcome = outcome?;
    match global.format {
        OutputFormat::Json => match sink {
            Some(map) => {
                map.insert("code".into(), serde_json::to_value(&outcome)?);
            }
            None => println!("{}", serde_json::to_string_pretty(&outcome)?),
        },
        OutputFormat::Csv => {
            let mut w = csv::Writer::from_writer(std::io::stdout().lock());
            for row in &outcome.summary {
                w.serialize(row)?;
            }
            w.flush()?;
        }
        _ => {
            if !global.quiet {
                super::print_table(
                    global.format,
                    &[
                        "code",
                        "segments",
                        "documents",
                        "with children: segments",
                        "documents",
                    ],
                    outcome
                        .summary
                        .iter()
                        .map(|r| {
                            vec![
                                format!("{}:{}", r.codebook, r.code),
                                r.segments.to_string(),
                                r.documents.to_string(),
                                r.segments_with_children.to_string(),
                                r.documents_with_children.to_string(),
                            ]
                        })
                        .collect(),
                );
                println!(
                    "code: {} applied to {} documents; {} codings; {} segments updated",
                    outcome.codebooks.join(", "),
                    outcome.documents,
                    outcome.codings,
                    outcome.updated_segments
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Every codebook of the folder (validated together), or those named by id or path.
pub fn select(
    project: &Project,
    names: &[String],
) -> Result<Vec<Codebook>, Vec<codebook::Diagnostic>> {
    let all = codebook::load_dir(&project.codebooks)?;
    if names.is_empty() {
        return Ok(all);
    }
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for name in names {
        let path = PathBuf::from(name);
        if let Some(b) = all.iter().find(|b| &b.id == name || b.path == path) {
            out.push(b.clone());
        } else if path.extension().is_some_and(|e| e == "toml") && path.exists() {
            match codebook::load(&path) {
                Ok(b) => out.push(b),
                Err(mut d) => problems.append(&mut d),
            }
        } else {
            let ids: Vec<&str> = all.iter().map(|b| b.id.as_str()).collect();
            let hint = codebook::closest(name, &ids)
                .map(|c| format!(" (did you mean `{c}`?)"))
                .unwrap_or_default();
            problems.push(codebook::Diagnostic {
                path,
                line: 0,
                column: 0,
                message: format!(
                    "no codebook `{name}` in {}{hint}",
                    project.codebooks.display()
                ),
            });
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}
