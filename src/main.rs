//! The `pipeline` binary: parse arguments, run the command, print errors once.

use std::process::ExitCode;

mod cli;
mod cmd;

fn main() -> ExitCode {
    // Like other Unix filters, die quietly when the reader of our output goes
    // away (`pipeline query … | head`), instead of panicking on a broken pipe.
    // SAFETY: restoring the default disposition of a signal at start-up, before
    // any thread exists.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        // A file-size limit makes writes fail with EFBIG instead of killing us.
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
    let cli = <cli::Cli as clap::Parser>::parse();
    match cmd::run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("pipeline: error: {err}");
            for cause in err.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::from(cmd::REFUSED)
        }
    }
}
