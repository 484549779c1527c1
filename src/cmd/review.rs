//! `pipeline review NAME`: list a bundle's review flags with their context,
//! or record decisions about flagged texts (the review gate's other half).

use crate::cli::{Global, OutputFormat, ReviewArgs};
use anyhow::Context;
use pipeline::anonymise::{Kind, review};
use pipeline::lock::ProjectLock;
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

/// Writes `text` to `path` atomically (a temporary file, then a rename).
fn write_atomic(path: &std::path::Path, text: &str) -> anyhow::Result<()> {
    let tmp = path.with_extension("csv.tmp");
    std::fs::write(&tmp, text).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))
}

/// Runs `pipeline review`.
pub fn run(project: &Project, global: &Global, args: &ReviewArgs) -> anyhow::Result<ExitCode> {
    let kind = kind(&args.kind)?;
    if !args.keep.is_empty() || !args.replace.is_empty() || !args.register.is_empty() {
        let _lock = ProjectLock::acquire(&project.outputs)?;
        let mut decisions = pipeline::workflow::review_decisions(project)?;
        for t in &args.keep {
            decisions.record(t, review::Decision::Keep);
        }
        for t in &args.replace {
            decisions.record(t, review::Decision::Replace(kind));
        }
        if !args.keep.is_empty() || !args.replace.is_empty() {
            write_atomic(&project.corpus.join(review::FILE), &decisions.to_csv())?;
        }
        if !args.register.is_empty() {
            let path = project.corpus.join("register.csv");
            let mut text = if path.exists() {
                std::fs::read_to_string(&path)
                    .with_context(|| format!("cannot read {}", path.display()))?
            } else {
                String::new()
            };
            for t in &args.register {
                text = review::append_to_register(&text, kind, t);
            }
            write_atomic(&path, &text)?;
        }
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
    let profiles = pipeline::bundle::profile::load(&project.codebooks.join("bundles.toml"))
        .map_err(|e| anyhow::anyhow!(e))?;
    let Some(profile) = profiles.iter().find(|p| p.name == args.name) else {
        anyhow::bail!(
            "no bundle profile `{}` in {}",
            args.name,
            project.codebooks.join("bundles.toml").display()
        );
    };
    let date = pipeline::workflow::created(None)?;
    let prepared = {
        let _lock = ProjectLock::acquire(&project.outputs)?;
        let bar = super::progress_bar(global, &format!("bundle {}", profile.name));
        let prepared = pipeline::workflow::prepare(project, profile, &date, &|done, total| {
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
