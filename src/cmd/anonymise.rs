//! `pipeline anonymise FILE|-`: preview anonymisation for editors.

use crate::cli::{AnonymiseArgs, Global, OutputFormat};
use anyhow::Context;
use pipeline::anonymise::{Anonymiser, Pseudonyms, Register, Resources, review};
use pipeline::extract::{self, Format, Limits};
use pipeline::project::Project;
use serde_json::json;
use std::io::Read;
use std::process::ExitCode;

/// The project's anonymiser: register plus built-in lists plus the project's allow-list.
pub fn anonymiser(project: &Project) -> anyhow::Result<Anonymiser> {
    let reg_path = project.corpus.join("register.csv");
    let register = if reg_path.exists() {
        let bytes = std::fs::read(&reg_path)
            .with_context(|| format!("cannot read {}", reg_path.display()))?;
        Register::parse(&extract::text::decode(&bytes).text)
            .map_err(|e| anyhow::anyhow!("{}: {e}", reg_path.display()))?
    } else {
        Register::default()
    };
    let read = |name: &str| -> anyhow::Result<String> {
        let path = project.corpus.join(name);
        if !path.exists() {
            return Ok(String::new());
        }
        std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))
    };
    let register = with_interviewers(
        register,
        &pipeline::metadata::Metadata::load(&project.metadata_path())?,
    );
    // Review decisions: kept texts join the allow-list, replaced ones the register.
    let decisions = review_decisions(project)?;
    let mut register = register;
    register.entities.extend(decisions.entities());
    let allow = read("allow-list.txt")? + "\n" + &decisions.allow_lines();
    let resources = Resources::builtin(&allow, &read("settlements.txt")?);
    Ok(Anonymiser::new(register, resources))
}

/// The project's review decisions (`corpus/review.csv`; none when absent).
pub fn review_decisions(project: &Project) -> anyhow::Result<review::Decisions> {
    let path = project.corpus.join(review::FILE);
    if !path.exists() {
        return Ok(review::Decisions::default());
    }
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    review::Decisions::parse(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
}

/// Interviewers named in metadata.csv are persons to replace too, registered
/// or not (names of one or two letters, which are role labels, excepted).
fn with_interviewers(mut register: Register, meta: &pipeline::metadata::Metadata) -> Register {
    let known: std::collections::HashSet<String> = register
        .entities
        .iter()
        .flat_map(|e| std::iter::once(&e.canonical).chain(&e.aliases))
        .map(|n| pipeline::fold::fold(n))
        .collect();
    let mut added = std::collections::HashSet::new();
    for value in meta.values("interviewer") {
        for name in value.split('|').map(str::trim) {
            let folded = pipeline::fold::fold(name);
            if name.chars().count() > 2 && !known.contains(&folded) && added.insert(folded) {
                register.entities.push(pipeline::anonymise::Entity {
                    kind: pipeline::anonymise::Kind::Person,
                    canonical: name.to_string(),
                    aliases: Vec::new(),
                    pseudonym: None,
                });
            }
        }
    }
    register
}

/// The text a file would contribute: body, then headers, comments, properties.
fn text_of(path: &std::path::Path) -> anyhow::Result<String> {
    let format = Format::of(path);
    match format {
        // Captions: the raw file, so voice tags (`<v Leyla>`) are seen too.
        Format::Vtt | Format::Srt | Format::Text | Format::Unsupported => {
            let bytes =
                std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
            Ok(extract::text::decode(&bytes).text)
        }
        Format::Docx | Format::Pdf => {
            let x = extract::extract_path(path, format, &Limits::default())
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            let mut text: Vec<String> = x.blocks.iter().map(|b| b.text.clone()).collect();
            text.extend(x.parts.iter().map(|p| format!("[{}] {}", p.kind, p.text)));
            Ok(text.join("\n\n"))
        }
    }
}

/// Runs the preview.
pub fn run(project: &Project, global: &Global, args: &AnonymiseArgs) -> anyhow::Result<ExitCode> {
    let text = if args.file.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf)?;
        extract::text::decode(&buf).text
    } else {
        text_of(&args.file)?
    };
    let anon = anonymiser(project)?;
    let mut table = match pipeline::keys::load(&project.outputs)? {
        Some(t) => t,
        None => {
            let mut t = Pseudonyms::default();
            anon.seed(&mut t);
            t
        }
    };
    let out = anon.anonymise(&text, &mut table);
    match global.format {
        OutputFormat::Json => {
            let v = json!({
                "text": out.text,
                "replacements": out.replacements.iter().map(|r| json!({
                    "start": r.start, "end": r.end, "original": &text[r.start..r.end],
                    "kind": r.kind.name(), "pseudonym": r.pseudonym, "source": r.source,
                })).collect::<Vec<_>>(),
                "flags": out.flags.iter().map(|f| json!({
                    "start": f.start, "end": f.end, "text": &text[f.start..f.end], "reason": f.reason,
                })).collect::<Vec<_>>(),
            });
            println!("{}", serde_json::to_string_pretty(&v)?);
        }
        _ => {
            println!("{}", out.text);
            println!(
                "\n---- {} replacement(s), {} review flag(s)",
                out.replacements.len(),
                out.flags.len()
            );
            let line_of = |at: usize| text[..at].matches('\n').count() + 1;
            for r in &out.replacements {
                println!(
                    "line {:>4}: {:<14} {} → {} ({:?})",
                    line_of(r.start),
                    r.kind.name(),
                    &text[r.start..r.end].replace('\n', " "),
                    r.pseudonym,
                    r.source
                );
            }
            for f in &out.flags {
                println!(
                    "line {:>4}: review         {} ({})",
                    line_of(f.start),
                    &text[f.start..f.end],
                    f.reason
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
