//! `pipeline anonymise FILE|-`: preview anonymisation for editors.

use crate::cli::{AnonymiseArgs, Global, OutputFormat};
use anyhow::Context;
use pipeline::anonymise::Pseudonyms;
use pipeline::extract::{self, Format, Limits};
use pipeline::project::Project;
use serde_json::json;
use std::io::Read;
use std::process::ExitCode;

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
    let anon = pipeline::workflow::anonymiser(project)?;
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
            // (Line breaks found once: counting them from the start for
            // every replacement made a text of many hits quadratic.)
            let breaks: Vec<usize> = text.match_indices('\n').map(|(i, _)| i).collect();
            let line_of = |at: usize| breaks.partition_point(|&b| b < at) + 1;
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
