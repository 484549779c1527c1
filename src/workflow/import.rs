//! A REFI-QDA project of another tool becomes corpus documents, a codebook
//! and a gold-standard coding file.
//!
//! Sources go to `corpus/NAME/` as UTF-8 text (then `pipeline ingest` indexes
//! them), the codebook to `codebooks/NAME.toml`, and the human codings to
//! `outputs/gold/NAME.csv` with positions already converted to the normalised
//! text ingest will make (so `pipeline agreement outputs/gold/NAME.csv` needs
//! nothing else). Every part is written to a temporary place first; nothing is
//! replaced without `force`. What could not be imported is a problem in the
//! report, never dropped silently.

use crate::codebook::exchange::{slug, to_toml};
use crate::error::{Error, Result};
use crate::extract::Limits;
use crate::interop::{align::offset_map, ingested_text, qdpx};
use crate::project::{Project, write_atomic};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// What an import wrote, and what it could not.
#[derive(Debug, Clone, Serialize)]
pub struct Imported {
    /// The name given to the import (folder, codebook and gold file).
    pub name: String,
    /// The tool that wrote the project, as it says.
    pub origin: Option<String>,
    /// Text sources written.
    pub sources: usize,
    /// Codes in the codebook written.
    pub codes: usize,
    /// Human codings written to the gold file.
    pub codings: usize,
    /// `corpus/NAME/`.
    pub corpus_folder: PathBuf,
    /// `codebooks/NAME.toml`.
    pub codebook: PathBuf,
    /// `outputs/gold/NAME.csv`.
    pub gold: PathBuf,
    /// What was not imported, and why.
    pub problems: Vec<String>,
}

/// Imports the REFI-QDA project `file` (`.qdpx`, or its `.qde` XML) under
/// `name` (else the project's own name, else the file's).
pub fn import_qdpx(
    project: &Project,
    file: &Path,
    name: Option<&str>,
    force: bool,
) -> Result<Imported> {
    let bytes = std::fs::read(file).map_err(|e| Error::io(file, e))?;
    let qda = qdpx::read(&bytes, Limits::default().max_inflated_bytes).map_err(|e| Error::Csv {
        path: file.to_path_buf(),
        reason: e.to_string(),
    })?;
    let name = match name {
        Some(n) => slug(n),
        None if !qda.name.trim().is_empty() => slug(&qda.name),
        None => slug(
            &file
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
        ),
    };
    let folder = project.corpus.join(&name);
    let book_path = project.codebooks.join(format!("{name}.toml"));
    let gold_path = project.outputs.join("gold").join(format!("{name}.csv"));
    if !force {
        for p in [&folder, &book_path, &gold_path] {
            if p.exists() {
                return Err(Error::Refused(format!(
                    "{} already exists (an earlier import?); use --force to replace it or --name to choose another name",
                    p.display()
                )));
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
    std::fs::create_dir_all(&staging).map_err(|e| Error::io(&staging, e))?;
    let mut used = HashSet::new();
    let mut gold = csv::Writer::from_writer(Vec::new());
    let csv_error = |e: csv::Error| Error::Invalid(format!("cannot write the gold CSV: {e}"));
    gold.write_record(["document", "start", "end", "code", "user"])
        .map_err(csv_error)?;
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
        std::fs::write(staging.join(&file), text).map_err(|e| Error::io(staging.join(&file), e))?;
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
                ])
                .map_err(csv_error)?;
                codings += 1;
            }
        }
    }
    let gold_bytes = gold
        .into_inner()
        .map_err(|e| Error::Invalid(format!("cannot write the gold CSV: {e}")))?;
    // Everything is prepared: move it into place.
    if folder.exists() {
        std::fs::remove_dir_all(&folder).map_err(|e| Error::io(&folder, e))?;
    }
    if written > 0 {
        std::fs::rename(&staging, &folder).map_err(|e| Error::io(&folder, e))?;
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
        std::fs::remove_file(&gold_path).map_err(|e| Error::io(&gold_path, e))?;
    }
    Ok(Imported {
        name,
        origin: qda.origin.clone(),
        sources: written,
        codes: qda.codebook.codes.len(),
        codings,
        corpus_folder: folder,
        codebook: book_path,
        gold: gold_path,
        problems,
    })
}
