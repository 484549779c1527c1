//! Command edge: one file per subcommand, each with one `run`. Library errors
//! become messages and exit codes here (and only here).

mod agreement;
mod anonymise;
mod bundle;
mod code;
mod codebook;
mod export;
mod import;
mod ingest;
mod matrix;
mod query;
mod report;
mod review;
mod run;
mod serve;
mod stats;

/// The exit codes (README: "Exit codes"): 0 done; [`SOME_FAILED`] the batch
/// finished but some items failed, each reported; [`REFUSED`] nothing was
/// done (bad input, a gate refused, a lock held, a disk full).
pub const SOME_FAILED: u8 = 1;
/// See [`SOME_FAILED`].
pub const REFUSED: u8 = 2;

use crate::cli::{Cli, Command};
use pipeline::project::Project;
use std::process::ExitCode;

/// A progress bar on stderr for a long command; hidden with `-q` or when
/// stderr is not a terminal.
pub fn progress_bar(global: &crate::cli::Global, what: &str) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if global.quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar =
        indicatif::ProgressBar::with_draw_target(Some(0), indicatif::ProgressDrawTarget::stderr());
    bar.set_style(
        indicatif::ProgressStyle::with_template(&format!(
            "{{spinner}} {what} [{{bar:30}}] {{pos}}/{{len}} {{wide_msg}}"
        ))
        .expect("valid template")
        .progress_chars("=> "),
    );
    bar
}

/// Runs `work` with a spinner and the time spent on stderr (a terminal only,
/// not with `-q`), for commands that can take minutes on a large project.
fn with_spinner<T>(global: &crate::cli::Global, what: &str, work: impl FnOnce() -> T) -> T {
    use std::io::IsTerminal;
    if global.quiet || !std::io::stderr().is_terminal() {
        return work();
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_style(
        indicatif::ProgressStyle::with_template(&format!("{{spinner}} {what} {{elapsed}}"))
            .expect("valid template"),
    );
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    let out = work();
    bar.finish_and_clear();
    out
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let g = &cli.global;
    let project = Project::new(&g.corpus, &g.codebooks, &g.outputs);
    let exchange = matches!(
        g.format,
        crate::cli::OutputFormat::Qdpx | crate::cli::OutputFormat::Ndjson
    );
    if exchange && !matches!(cli.command, Command::Export(_) | Command::Import(_)) {
        anyhow::bail!("--format qdpx and --format ndjson are for `export` and `import` only");
    }
    let result = dispatch(&cli, &project);
    result.map_err(|err| {
        if looks_like_full_disk(&err) && disk_is_full(&project.outputs) {
            err.context(format!(
                "the disk (or quota) holding {} is full; the previous state is intact: free some space and run the command again",
                project.outputs.display()
            ))
        } else {
            err
        }
    })
}

/// An error that a full disk may have caused: an I/O error of kind
/// `StorageFull`, `FileTooLarge` or `QuotaExceeded` anywhere in the chain,
/// or the index writer's thread dying (which hides its I/O error; the
/// engine reports it as a message only).
fn looks_like_full_disk(err: &anyhow::Error) -> bool {
    use std::io::ErrorKind;
    err.chain().any(|c| {
        c.downcast_ref::<std::io::Error>().is_some_and(|e| {
            matches!(
                e.kind(),
                ErrorKind::StorageFull | ErrorKind::FileTooLarge | ErrorKind::QuotaExceeded
            )
        }) || {
            let s = c.to_string();
            [
                "os error 28",
                "os error 27",
                "os error 122",
                "index writer was killed",
            ]
            .iter()
            .any(|p| s.contains(p))
        }
    })
}

/// Whether 4 MiB can no longer be written under `outputs`.
fn disk_is_full(outputs: &std::path::Path) -> bool {
    use std::io::Write;
    let probe = outputs.join(format!(".space-probe-{}", std::process::id()));
    let ok = std::fs::File::create(&probe)
        .and_then(|mut f| {
            let chunk = vec![0u8; 1 << 20];
            for _ in 0..4 {
                f.write_all(&chunk)?;
            }
            f.sync_all()
        })
        .is_ok();
    let _ = std::fs::remove_file(&probe);
    !ok
}

fn dispatch(cli: &Cli, project: &Project) -> anyhow::Result<ExitCode> {
    let g = &cli.global;
    let project = project.clone();
    match &cli.command {
        Command::Export(args) => with_spinner(g, "export", || export::run(&project, g, args)),
        Command::Import(args) => with_spinner(g, "import", || import::run(&project, g, args)),
        Command::Agreement(args) => {
            with_spinner(g, "agreement", || agreement::run(&project, g, args))
        }
        Command::Ingest(args) => ingest::run(&project, g, args),
        Command::Anonymise(args) => anonymise::run(&project, g, args),
        Command::Bundle(args) => bundle::run(&project, g, args),
        Command::Run(args) => run::run(&project, g, args),
        Command::Review(args) => review::run(&project, g, args),
        Command::Code(args) => code::run(&project, g, args),
        Command::Codebook(cmd) => codebook::run(&project, g, cmd),
        Command::Query(args) => query::run(&project, g, args),
        Command::Stats(args) => stats::run(&project, g, args),
        Command::Matrix(args) => matrix::run(&project, g, args),
        Command::Serve(args) => serve::run(&project, g, args),
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

/// Prints a table as text, or as Markdown with `--format md`.
pub fn print_table(format: crate::cli::OutputFormat, header: &[&str], rows: Vec<Vec<String>>) {
    if format == crate::cli::OutputFormat::Md {
        print!("{}", pipeline::views::table_markdown(header, &rows));
    } else {
        print!("{}", pipeline::views::table_text(header, &rows));
    }
}
