//! `pipeline bundle NAME`: a profile of codebooks/bundles.toml, or an ad-hoc
//! selection, published through the library's workflow (every gate inside).

use crate::cli::{BundleArgs, Global, OutputFormat};
use pipeline::bundle::{self, profile::Profile};
use pipeline::project::Project;
use std::process::ExitCode;

/// Runs `pipeline bundle`.
pub fn run(project: &Project, global: &Global, args: &BundleArgs) -> anyhow::Result<ExitCode> {
    bundle::profile::valid_name(&args.name).map_err(|e| anyhow::anyhow!(e))?;
    let profiles = bundle::profile::load(&project.codebooks.join("bundles.toml"))
        .map_err(|e| anyhow::anyhow!(e))?;
    let adhoc =
        !args.codes.is_empty() || args.query.is_some() || !args.wheres.is_empty() || args.all;
    let mut profile = match profiles.into_iter().find(|p| p.name == args.name) {
        Some(p) if !adhoc => p,
        _ if adhoc => Profile {
            name: args.name.clone(),
            codes: args.codes.clone(),
            query: args.query.clone(),
            wheres: args.wheres.clone(),
            all: args.all,
            ..Profile::default()
        },
        _ => anyhow::bail!(
            "no bundle profile `{}` in {}; give --code, --query, --where or --all to select excerpts",
            args.name,
            project.codebooks.join("bundles.toml").display()
        ),
    };
    if let Some(c) = args.context {
        profile.context = c;
    }
    if let Some(l) = &args.language {
        profile.language = Some(l.clone());
    }
    if let Some(l) = &args.link {
        profile.link = Some(l.clone());
    }
    if args.k.is_some() {
        profile.k = args.k;
    }
    let date = pipeline::workflow::created(args.date.as_deref())?;
    let published = super::report::publish(
        project,
        global,
        &profile,
        &date,
        args.accept_unreviewed,
        args.allow_empty,
    )?;
    match global.format {
        OutputFormat::Json => println!("{}", serde_json::to_string_pretty(&published)?),
        _ if global.quiet => {}
        _ => println!("{}", super::report::bundle_line(&published)),
    }
    Ok(ExitCode::SUCCESS)
}
