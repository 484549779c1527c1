//! `pipeline ingest`: runs the ingest stage and reports.

use crate::cli::{Global, IngestArgs, OutputFormat};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use pipeline::extract::Limits;
use pipeline::ingest::{self, Options};
use pipeline::isolate::Mode;
use pipeline::project::Project;
use std::io::IsTerminal;
use std::process::ExitCode;

/// Runs ingest; exit 1 when any file failed.
pub fn run(project: &Project, global: &Global, args: &IngestArgs) -> anyhow::Result<ExitCode> {
    run_into(project, global, args, None)
}

/// [`run`], handing its JSON report to `sink` (for `pipeline run --format
/// json`, which prints one document) instead of printing it.
pub fn run_into(
    project: &Project,
    global: &Global,
    args: &IngestArgs,
    sink: Option<&mut serde_json::Map<String, serde_json::Value>>,
) -> anyhow::Result<ExitCode> {
    let exe = std::env::current_exe()?;
    let options = Options {
        force: args.force,
        only: args.paths.clone(),
        jobs: super::jobs(global.jobs),
        limits: Limits {
            timeout_secs: args.timeout,
            max_file_bytes: args.max_file_mb << 20,
            ..Limits::default()
        },
        mode: Mode::Isolated(exe),
    };
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
    let report = ingest::run(project, &options, &progress);
    bar.finish_and_clear();
    let report = report?;
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
                map.insert("ingest".into(), serde_json::to_value(&report)?);
            }
            None => println!("{}", serde_json::to_string_pretty(&report)?),
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
    Ok(if report.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
