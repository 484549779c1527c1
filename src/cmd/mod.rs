//! Command edge: one file per subcommand, each with one `run`. Library errors
//! become messages and exit codes here (and only here).

mod ingest;

use crate::cli::{Cli, Command};
use pipeline::project::Project;
use std::process::ExitCode;

/// Runs the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let g = &cli.global;
    let project = Project::new(&g.corpus, &g.codebooks, &g.outputs);
    match &cli.command {
        Command::Ingest(args) => ingest::run(&project, g, args),
        Command::ExtractWorker => {
            pipeline::isolate::serve()?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Number of jobs: the flag or the number of CPUs.
pub fn jobs(flag: Option<usize>) -> usize {
    flag.filter(|&j| j > 0).unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    })
}
