//! What several commands print the same way: the ingest report, the coding
//! summary, a published bundle's line. Not a command: `run` prints through
//! these what `ingest`, `code` and `bundle` print.

use crate::cli::{Global, IngestArgs, OutputFormat};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use pipeline::extract::Limits;
use pipeline::ingest::{Options, Report};
use pipeline::isolate::Mode;
use pipeline::workflow::Published;
use std::io::IsTerminal;
use std::process::ExitCode;

/// A JSON document under construction (`pipeline run --format json` prints one).
pub type Sink<'a> = Option<&'a mut serde_json::Map<String, serde_json::Value>>;

/// The ingest options of the command line.
pub fn ingest_options(global: &Global, args: &IngestArgs) -> anyhow::Result<Options> {
    Ok(Options {
        force: args.force,
        only: args.paths.clone(),
        jobs: super::jobs(global.jobs),
        limits: Limits {
            timeout_secs: args.timeout,
            max_file_bytes: args.max_file_mb << 20,
            ..Limits::default()
        },
        mode: Mode::Isolated(std::env::current_exe()?),
    })
}

/// Ingests with a progress bar on a terminal, then prints the report; exit 1
/// when any file failed.
pub fn ingest(
    project: &pipeline::project::Project,
    global: &Global,
    options: &Options,
    sink: Sink,
) -> anyhow::Result<ExitCode> {
    let bar = if global.quiet || !std::io::stderr().is_terminal() {
        ProgressBar::hidden()
    } else {
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{spinner} ingest [{bar:30}] {pos}/{len} {wide_msg}")
                .expect("valid template")
                .progress_chars("=> "),
        );
        bar
    };
    let progress = |done: usize, total: usize, path: &str| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
        bar.set_message(path.to_string());
    };
    let report = pipeline::ingest::run(project, options, &progress);
    bar.finish_and_clear();
    let report = report?;
    print_ingest(global, &report, sink)?;
    Ok(if report.failed > 0 {
        ExitCode::from(super::SOME_FAILED)
    } else {
        ExitCode::SUCCESS
    })
}

fn print_ingest(global: &Global, report: &Report, sink: Sink) -> anyhow::Result<()> {
    for (path, reason) in &report.failures {
        eprintln!("{path}: {reason}");
    }
    if global.verbose {
        for (path, warning) in &report.warnings {
            eprintln!("{path}: warning: {warning}");
        }
    }
    for note in &report.notes {
        eprintln!("note: {note}");
    }
    match global.format {
        OutputFormat::Json => match sink {
            Some(map) => {
                map.insert("ingest".into(), serde_json::to_value(report)?);
            }
            None => println!("{}", serde_json::to_string_pretty(report)?),
        },
        _ if global.quiet => {}
        _ => println!(
            "ingest: {} new, {} changed, {} unchanged, {} removed, {} failed; {} segments; {:.1} s",
            report.new,
            report.changed,
            report.unchanged,
            report.removed,
            report.failed,
            report.segments,
            report.seconds
        ),
    }
    Ok(())
}

/// Codes with a progress bar, then prints the per-code summary.
pub fn code(
    project: &pipeline::project::Project,
    global: &Global,
    names: &[String],
    sink: Sink,
) -> anyhow::Result<usize> {
    let bar = super::progress_bar(global, "code");
    let outcome =
        pipeline::workflow::code(project, names, super::jobs(global.jobs), &|done, total| {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        });
    bar.finish_and_clear();
    let outcome = outcome?;
    // A hand coding that cannot be applied is never dropped silently.
    for n in &outcome.hand_not_applied {
        eprintln!(
            "hand coding #{} ({}, {}): not applied: {}",
            n.id, n.doc, n.code, n.reason
        );
    }
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
        _ if global.quiet => {}
        _ => {
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
                "code: {} applied to {} documents; {} codings; {} segments updated{}",
                outcome.codebooks.join(", "),
                outcome.documents,
                outcome.codings,
                outcome.updated_segments,
                if outcome.hand_applied > 0 {
                    format!(
                        "; {} hand coding(s) from {}",
                        outcome.hand_applied,
                        pipeline::human::HumanStore::path_in(&project.corpus).display()
                    )
                } else {
                    String::new()
                }
            );
        }
    }
    Ok(outcome.hand_not_applied.len())
}

/// Publishes one bundle with a progress bar.
pub fn publish(
    project: &pipeline::project::Project,
    global: &Global,
    profile: &pipeline::bundle::profile::Profile,
    date: &str,
    accept_unreviewed: bool,
    allow_empty: bool,
) -> anyhow::Result<Published> {
    let bar = super::progress_bar(global, &format!("bundle {}", profile.name));
    let published = pipeline::workflow::publish(
        project,
        profile,
        date,
        accept_unreviewed,
        allow_empty,
        &|done, total| {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        },
    );
    bar.finish_and_clear();
    Ok(published?)
}

/// The terminal line of a published bundle, saying when it went out unreviewed.
pub fn bundle_line(p: &Published) -> String {
    let mut line = format!(
        "bundle {}: {} excerpts from {} documents → {}",
        p.name,
        p.excerpts,
        p.documents,
        p.folder.display()
    );
    if p.unreviewed > 0 {
        line.push_str(&format!(
            "\n  PUBLISHED WITH {} UNREVIEWED FLAG(S) (--accept-unreviewed); the manifest says so. `pipeline review {}` lists them.",
            p.unreviewed, p.name
        ));
    }
    line
}
