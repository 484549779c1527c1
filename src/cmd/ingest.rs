//! `pipeline ingest`: runs the ingest stage and reports.

use crate::cli::{Global, IngestArgs};
use pipeline::project::Project;
use std::process::ExitCode;

/// Runs ingest; exit 1 when any file failed.
pub fn run(project: &Project, global: &Global, args: &IngestArgs) -> anyhow::Result<ExitCode> {
    let options = super::report::ingest_options(global, args)?;
    super::report::ingest(project, global, &options, None)
}
