//! `pipeline code`: apply codebooks and print the per-code summary.

use crate::cli::{CodeArgs, Global};
use pipeline::project::Project;
use std::process::ExitCode;

/// Codes with the codebooks named (or all), prints the summary.
pub fn run(project: &Project, global: &Global, args: &CodeArgs) -> anyhow::Result<ExitCode> {
    let not_applied = super::report::code(project, global, &args.names, None)?;
    Ok(if not_applied > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
