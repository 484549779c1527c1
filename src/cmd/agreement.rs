//! `pipeline agreement GOLD`: auto-coding against human coding
//! (`pipeline::workflow::agreement`), printed as a table, CSV or JSON.

use crate::cli::{AgreementArgs, Global, OutputFormat};
use pipeline::project::Project;
use pipeline::segment::SegmentKind;
use std::process::ExitCode;

/// Runs the comparison.
pub fn run(project: &Project, global: &Global, args: &AgreementArgs) -> anyhow::Result<ExitCode> {
    let unit = SegmentKind::parse(&args.unit)
        .ok_or_else(|| anyhow::anyhow!("--unit must be sentence, paragraph or turn"))?;
    use pipeline::workflow::agreement::{Against, Gold};
    let gold = match (&args.gold, &args.editor) {
        (Some(path), _) => Gold::File(path.clone()),
        (None, Some(name)) => Gold::Editor(name.clone()),
        (None, None) => anyhow::bail!("give a gold standard file or --editor NAME"),
    };
    let against = match &args.against {
        Some(name) => Against::Editor(name.clone()),
        None => Against::Rules,
    };
    let report = pipeline::workflow::agreement::compare_sides(project, &gold, &against, unit)?;
    print(global.format, &report)?;
    let source = match &gold {
        Gold::File(p) => p.display().to_string(),
        Gold::Editor(n) => format!("editor {n}"),
    };
    for w in &report.warnings {
        eprintln!("{source}: {w}");
    }
    Ok(ExitCode::SUCCESS)
}

fn print(format: OutputFormat, r: &pipeline::agreement::Report) -> anyhow::Result<()> {
    let f = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{v:.3}"));
    match format {
        OutputFormat::Json => println!("{}", serde_json::to_string_pretty(r)?),
        OutputFormat::Csv => pipeline::views::agreement_csv(r, std::io::stdout().lock())?,
        _ => {
            let (header, rows) = pipeline::views::agreement_table(r);
            let header: Vec<&str> = header.iter().map(String::as_str).collect();
            super::print_table(format, &header, rows);
            println!(
                "\n{} {}s in {} document(s), {} code(s): agreement {:.3}, Krippendorff's alpha (nominal) {}",
                r.units,
                r.unit,
                r.documents,
                r.codes.len(),
                r.agreement,
                f(r.alpha)
            );
        }
    }
    Ok(())
}
