//! `pipeline run`: the main job on the defaults — ingest, code, every bundle profile.

use crate::cli::{Global, IngestArgs, RunArgs};
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
    // `--format json`: one JSON document for the whole run.
    let json = matches!(global.format, crate::cli::OutputFormat::Json);
    let mut doc = serde_json::Map::new();
    let options = super::report::ingest_options(global, &ingest)?;
    let ingest_code = super::report::ingest(project, global, &options, json.then_some(&mut doc))?;
    let not_applied = super::report::code(project, global, &[], json.then_some(&mut doc))?;
    let date = pipeline::workflow::created(args.date.as_deref())?;
    let profiles = pipeline::bundle::profile::load(&project.codebooks.join("bundles.toml"))
        .map_err(|e| anyhow::anyhow!(e))?;
    let mut bundles = Vec::new();
    for profile in &profiles {
        let published = super::report::publish(
            project,
            global,
            profile,
            &date,
            args.accept_unreviewed,
            false,
        )?;
        if json {
            bundles.push(serde_json::to_value(&published)?);
        } else if !global.quiet {
            println!("{}", super::report::bundle_line(&published));
        }
    }
    if json {
        doc.insert("bundles".into(), serde_json::Value::Array(bundles));
        println!("{}", serde_json::to_string_pretty(&doc)?);
    }
    Ok(if not_applied > 0 {
        ExitCode::from(1)
    } else {
        ingest_code
    })
}
