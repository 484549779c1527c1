//! `pipeline run`: the main job on the defaults — ingest, code, every bundle profile.

use crate::cli::{CodeArgs, Global, IngestArgs, RunArgs};
use pipeline::project::Project;
use std::process::ExitCode;

/// Runs every stage; the exit code is the worst of them (1 if some files failed).
pub fn run(project: &Project, global: &Global, args: &RunArgs) -> anyhow::Result<ExitCode> {
    let ingest = IngestArgs {
        paths: Vec::new(),
        force: false,
        timeout: 60,
        max_file_mb: 256,
    };
    let ingest_code = super::ingest::run(project, global, &ingest)?;
    super::code::run(project, global, &CodeArgs { names: Vec::new() })?;
    let date = super::bundle::created(args.date.as_deref())?;
    let profiles = pipeline::bundle::profile::load(&project.codebooks.join("bundles.toml"))
        .map_err(|e| anyhow::anyhow!(e))?;
    for profile in &profiles {
        let summary =
            super::bundle::publish(project, profile, &date, args.accept_unreviewed, false)?;
        if !global.quiet {
            println!("{}", super::bundle::summary_line(&profile.name, &summary));
        }
    }
    Ok(ingest_code)
}
