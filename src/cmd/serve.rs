//! `pipeline serve`: the editors' desk (`pipeline::desk`), or a password hash.

use crate::cli::{Global, ServeArgs};
use pipeline::project::Project;
use std::io::{BufRead, Write};
use std::process::ExitCode;

/// Serves the desk until Ctrl-C, printing its address first.
pub fn run(project: &Project, global: &Global, args: &ServeArgs) -> anyhow::Result<ExitCode> {
    if args.hash_password {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        let password = line.trim_end_matches(['\r', '\n']);
        if password.is_empty() {
            anyhow::bail!("no password on stdin");
        }
        println!("{}", pipeline::desk::hash_password(password)?);
        return Ok(ExitCode::SUCCESS);
    }
    let users = match &args.users {
        Some(path) => Some(pipeline::desk::Users::load(path)?),
        None => None,
    };
    let bind = args
        .bind
        .unwrap_or_else(|| std::net::SocketAddr::from(([127, 0, 0, 1], args.port)));
    let editor = args
        .editor
        .clone()
        .or_else(|| std::env::var("USER").ok())
        .filter(|e| !e.trim().is_empty())
        .unwrap_or_else(|| "editor".to_string());
    let options = pipeline::desk::Options {
        bind,
        users,
        editor,
    };
    let quiet = global.quiet;
    pipeline::desk::serve(project.clone(), options, |url| {
        // The address on stdout (a script reads it), the help on stderr.
        println!("{url}");
        let _ = std::io::stdout().flush();
        if !quiet {
            eprintln!(
                "pipeline desk: open the address above in a browser on this machine; Ctrl-C stops it"
            );
        }
    })?;
    Ok(ExitCode::SUCCESS)
}
