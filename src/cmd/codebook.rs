//! `pipeline codebook check|import|export`.

use crate::cli::{CodebookCommand, Global};
use anyhow::Context;
use pipeline::codebook::{self, exchange};
use pipeline::project::{Project, write_atomic};
use std::process::ExitCode;

/// Runs a codebook subcommand.
pub fn run(project: &Project, global: &Global, cmd: &CodebookCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        CodebookCommand::Check { files } => {
            let result = if files.is_empty() {
                codebook::load_dir(&project.codebooks)
            } else {
                codebook::load_files(files)
            };
            match result {
                Ok(books) => {
                    if !global.quiet {
                        for b in &books {
                            let rules = b.codes.iter().filter(|c| c.rule.is_some()).count();
                            println!(
                                "{}: ok: `{}` {} — {} codes, {} with rules",
                                b.path.display(),
                                b.id,
                                b.version,
                                b.codes.len(),
                                rules
                            );
                        }
                    }
                    Ok(ExitCode::SUCCESS)
                }
                Err(problems) => {
                    for p in &problems {
                        eprintln!("{p}");
                    }
                    eprintln!("{} problem(s)", problems.len());
                    Ok(ExitCode::from(super::REFUSED))
                }
            }
        }
        CodebookCommand::Import { file, id, out } => {
            let bytes =
                std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
            let text = pipeline::extract::text::decode(&bytes).text;
            let ext = file
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or("")
                .to_ascii_lowercase();
            let imported = match ext.as_str() {
                "qdc" | "xml" => pipeline::interop::qdc::import_qdc(&text),
                "csv" => exchange::import_csv(&text),
                _ => anyhow::bail!(
                    "{}: import reads .qdc (REFI-QDA) or .csv codebooks",
                    file.display()
                ),
            }
            .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
            let stem = file
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| "imported".into());
            let id = id.clone().unwrap_or_else(|| exchange::slug(&stem));
            let toml = exchange::to_toml(&imported, &id, &stem);
            // Validate what we wrote, so an import never produces a broken codebook.
            if let Err(problems) = codebook::parse(&toml, out.as_deref().unwrap_or(file)) {
                for p in problems {
                    eprintln!("{p}");
                }
                anyhow::bail!("the imported codebook is not valid");
            }
            match out {
                Some(path) => {
                    write_atomic(path, toml.as_bytes())?;
                    if !global.quiet {
                        println!(
                            "{}: {} codes imported from {}",
                            path.display(),
                            imported.codes.len(),
                            file.display()
                        );
                    }
                }
                None => print!("{toml}"),
            }
            Ok(ExitCode::SUCCESS)
        }
        CodebookCommand::Export { codebook, out } => {
            let books =
                pipeline::workflow::select_codebooks(project, std::slice::from_ref(codebook))
                    .map_err(|problems| {
                        for p in &problems {
                            eprintln!("{p}");
                        }
                        anyhow::anyhow!("cannot export `{codebook}`")
                    })?;
            let xml = pipeline::interop::qdc::export_qdc(&books[0]);
            match out {
                Some(path) => write_atomic(path, xml.as_bytes())?,
                None => print!("{xml}"),
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
