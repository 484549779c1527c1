//! The `pipeline` binary: parse arguments, run the command, print errors once.

use std::process::ExitCode;

mod cli;
mod cmd;

fn main() -> ExitCode {
    let cli = <cli::Cli as clap::Parser>::parse();
    match cmd::run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("pipeline: error: {err}");
            for cause in err.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::from(2)
        }
    }
}
