//! `pipeline import --format qdpx FILE`: another tool's project becomes corpus
//! documents, a codebook and a gold-standard coding file.
//!
//! Sources go to `corpus/NAME/` as UTF-8 text (then `pipeline ingest` indexes
//! them), the codebook to `codebooks/NAME.toml`, and the human codings to
//! `outputs/gold/NAME.csv` with positions already converted to the normalised
//! text ingest will make (so `pipeline agreement outputs/gold/NAME.csv` needs
//! nothing else). Every part is written to a temporary place first; nothing is
//! replaced without `--force`.

use crate::cli::{Global, ImportArgs, OutputFormat};
use anyhow::Context;
use pipeline::codebook::exchange::{slug, to_toml};
use pipeline::extract::Limits;
use pipeline::interop::{align::offset_map, ingested_text, qdpx};
use pipeline::project::{Project, write_atomic};
use std::collections::{HashMap, HashSet};
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
    let bytes = std::fs::read(&args.file)
        .with_context(|| format!("cannot read {}", args.file.display()))?;
    let qda = qdpx::read(&bytes, Limits::default().max_inflated_bytes)
        .map_err(|e| anyhow::anyhow!("{}: {e}", args.file.display()))?;
    let name = match &args.name {
        Some(n) => slug(n),
        None if !qda.name.trim().is_empty() => slug(&qda.name),
        None => slug(
            &args
                .file
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
        ),
    };
    let folder = project.corpus.join(&name);
    let book_path = project.codebooks.join(format!("{name}.toml"));
    let gold_path = project.outputs.join("gold").join(format!("{name}.csv"));
    if !args.force {
        for p in [&folder, &book_path, &gold_path] {
            if p.exists() {
                anyhow::bail!(
                    "{} already exists (an earlier import?); use --force to replace it or --name to choose another name",
                    p.display()
                );
            }
        }
    }
    let mut problems = qda.problems.clone();
    // Code GUID → `book:code` id.
    let code_of: HashMap<String, String> = qda
        .codebook
        .codes
        .iter()
        .filter_map(|c| {
            c.guid
                .as_deref()
                .map(|g| (qdpx::norm_guid(g), format!("{name}:{}", c.id)))
        })
        .collect();
    // Sources: file names from their names, unique.
    let staging = project
        .corpus
        .join(format!(".{name}.import-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir_all(&staging)
        .with_context(|| format!("cannot create {}", staging.display()))?;
    let mut used = HashSet::new();
    let mut gold = csv::Writer::from_writer(Vec::new());
    gold.write_record(["document", "start", "end", "code", "user"])?;
    let (mut written, mut codings) = (0usize, 0usize);
    for source in &qda.sources {
        let Some(text) = &source.text else { continue };
        let base = if source.name.trim().is_empty() {
            source.guid.clone()
        } else {
            slug(source.name.trim_end_matches(".txt"))
        };
        let mut file = format!("{base}.txt");
        let mut n = 2;
        while !used.insert(file.clone()) {
            file = format!("{base}-{n}.txt");
            n += 1;
        }
        std::fs::write(staging.join(&file), text)
            .with_context(|| format!("cannot write {}", staging.join(&file).display()))?;
        written += 1;
        let doc = format!("{name}/{file}");
        let map = ingested_text(text).and_then(|norm| offset_map(text, &norm));
        let Some(map) = map else {
            problems.push(format!(
                "source `{}`: its text cannot be aligned with the ingested text; its codings are not imported",
                source.name
            ));
            continue;
        };
        for sel in &source.selections {
            for code in &sel.codes {
                let user = sel
                    .user
                    .as_ref()
                    .and_then(|u| qda.users.get(u).cloned().or(Some(u.clone())))
                    .unwrap_or_default();
                gold.write_record([
                    doc.as_str(),
                    &map[sel.start].to_string(),
                    &map[sel.end].to_string(),
                    &code_of[code],
                    &user,
                ])?;
                codings += 1;
            }
        }
    }
    let gold_bytes = gold.into_inner().context("CSV")?;
    // Everything is prepared: move it into place.
    if folder.exists() {
        std::fs::remove_dir_all(&folder)
            .with_context(|| format!("cannot replace {}", folder.display()))?;
    }
    if written > 0 {
        std::fs::rename(&staging, &folder)
            .with_context(|| format!("cannot move the sources into {}", folder.display()))?;
    } else {
        let _ = std::fs::remove_dir_all(&staging);
        problems.push("the project has no text source with text; no documents written".into());
    }
    if !qda.codebook.codes.is_empty() {
        let title = if qda.name.trim().is_empty() {
            name.clone()
        } else {
            qda.name.clone()
        };
        let mut imported = qda.codebook.clone();
        if imported.origin.is_none() {
            imported.origin = qda.origin.clone();
        }
        write_atomic(&book_path, to_toml(&imported, &name, &title).as_bytes())?;
    } else {
        problems.push("the project has no codebook; no codebook written".into());
    }
    if written > 0 {
        write_atomic(&gold_path, &gold_bytes)?;
    } else if gold_path.exists() {
        std::fs::remove_file(&gold_path)
            .with_context(|| format!("cannot remove {}", gold_path.display()))?;
    }
    if global.format == OutputFormat::Json {
        println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({
                "name": name,
                "origin": qda.origin,
                "sources": written,
                "codes": qda.codebook.codes.len(),
                "codings": codings,
                "corpus_folder": folder.display().to_string(),
                "codebook": book_path.display().to_string(),
                "gold": gold_path.display().to_string(),
                "problems": problems,
            }))?
        );
    } else if !global.quiet {
        let mut what = vec![format!("{written} sources into {}", folder.display())];
        if !qda.codebook.codes.is_empty() {
            what.push(format!(
                "{} codes into {}",
                qda.codebook.codes.len(),
                book_path.display()
            ));
        }
        if written > 0 {
            what.push(format!(
                "{codings} human codings into {}",
                gold_path.display()
            ));
        }
        println!(
            "imported {} ({}): {}",
            args.file.display(),
            qda.origin.as_deref().unwrap_or("unknown tool"),
            what.join(", ")
        );
    }
    for p in &problems {
        eprintln!("{}: {p}", args.file.display());
    }
    if global.format != OutputFormat::Json && !global.quiet && written > 0 {
        println!(
            "next: pipeline ingest, then pipeline agreement {}",
            gold_path.display()
        );
    }
    Ok(if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(super::SOME_FAILED)
    })
}
