//! `pipeline import --format qdpx FILE`: another tool's project becomes corpus
//! documents, a codebook and a gold-standard coding file
//! (`pipeline::workflow::import_qdpx`); this prints what it wrote.

use crate::cli::{Global, ImportArgs, OutputFormat};
use pipeline::project::Project;
use std::process::ExitCode;

/// Runs the import.
pub fn run(project: &Project, global: &Global, args: &ImportArgs) -> anyhow::Result<ExitCode> {
    let is_qdpx = args.file.extension().is_some_and(|e| {
        e.eq_ignore_ascii_case("qdpx") || e.eq_ignore_ascii_case("qde") || e == "xml"
    });
    match global.format {
        OutputFormat::Qdpx => {}
        OutputFormat::Text if is_qdpx => {}
        _ => anyhow::bail!(
            "only REFI-QDA projects can be imported: --format qdpx FILE.qdpx (codebooks: `pipeline codebook import`)"
        ),
    }
    let imported =
        pipeline::workflow::import_qdpx(project, &args.file, args.name.as_deref(), args.force)?;
    if global.format == OutputFormat::Json {
        println!("{}", serde_json::to_string_pretty(&imported)?);
    } else if !global.quiet {
        let mut what = vec![format!(
            "{} sources into {}",
            imported.sources,
            imported.corpus_folder.display()
        )];
        if imported.codes > 0 {
            what.push(format!(
                "{} codes into {}",
                imported.codes,
                imported.codebook.display()
            ));
        }
        if imported.sources > 0 {
            what.push(format!(
                "{} human codings into {}",
                imported.codings,
                imported.gold.display()
            ));
        }
        println!(
            "imported {} ({}): {}",
            args.file.display(),
            imported.origin.as_deref().unwrap_or("unknown tool"),
            what.join(", ")
        );
    }
    for p in &imported.problems {
        eprintln!("{}: {p}", args.file.display());
    }
    if global.format != OutputFormat::Json && !global.quiet && imported.sources > 0 {
        println!(
            "next: pipeline ingest, then pipeline agreement {}",
            imported.gold.display()
        );
    }
    Ok(if imported.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(super::SOME_FAILED)
    })
}
