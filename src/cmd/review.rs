//! `pipeline review NAME`: list a bundle's review flags with their context,
//! or record decisions about flagged texts (the review gate's other half).

use crate::cli::{Global, OutputFormat, ReviewArgs};
use pipeline::anonymise::{Kind, review};
use pipeline::project::Project;
use serde_json::json;
use std::process::ExitCode;

fn kind(name: &str) -> anyhow::Result<Kind> {
    Ok(match name.to_lowercase().as_str() {
        "name" => Kind::Name,
        "person" => Kind::Person,
        "place" => Kind::Place,
        "organisation" | "organization" => Kind::Organisation,
        "other" => Kind::Other,
        other => {
            anyhow::bail!("--kind takes person, place, organisation, other or name, not `{other}`")
        }
    })
}

/// Runs `pipeline review`.
pub fn run(project: &Project, global: &Global, args: &ReviewArgs) -> anyhow::Result<ExitCode> {
    let kind = kind(&args.kind)?;
    if !args.keep.is_empty() || !args.replace.is_empty() || !args.register.is_empty() {
        pipeline::workflow::review::decide(
            project,
            &args.keep,
            &args.replace,
            &args.register,
            kind,
        )?;
        if !global.quiet {
            println!(
                "recorded: {} kept, {} replaced (corpus/{}), {} added to corpus/register.csv",
                args.keep.len(),
                args.replace.len(),
                review::FILE,
                args.register.len()
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    let profile = pipeline::workflow::review::profile(project, &args.name)?;
    let prepared = {
        let bar = super::progress_bar(global, &format!("bundle {}", profile.name));
        let prepared = pipeline::workflow::review::flags(project, &profile, &|done, total| {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        });
        bar.finish_and_clear();
        prepared?
    };
    let flagged = &prepared.report.flagged;
    match global.format {
        OutputFormat::Json => println!(
            "{}",
            serde_json::to_string_pretty(&json!({
                "bundle": profile.name,
                "unresolved": flagged.len(),
                "flags": flagged.iter().map(|f| json!({"excerpt": f.excerpt, "text": f.text, "reason": f.reason, "context": f.context})).collect::<Vec<_>>(),
            }))?
        ),
        _ => {
            for f in flagged {
                println!(
                    "{}  {:?}  {}\n    …{}…",
                    f.excerpt, f.text, f.reason, f.context
                );
            }
            println!(
                "{} unresolved review flag(s) in bundle `{}`{}",
                flagged.len(),
                profile.name,
                if flagged.is_empty() {
                    "; it can be published".to_string()
                } else {
                    format!(
                        ". Decide each: pipeline review {} --keep TEXT | --replace TEXT [--kind K] | --register TEXT --kind K",
                        profile.name
                    )
                }
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
