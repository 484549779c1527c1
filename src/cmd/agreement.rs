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
    let report = pipeline::workflow::agreement(project, &args.gold, unit)?;
    print(global.format, &report)?;
    for w in &report.warnings {
        eprintln!("{}: {w}", args.gold.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn print(format: OutputFormat, r: &pipeline::agreement::Report) -> anyhow::Result<()> {
    let f = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{v:.3}"));
    match format {
        OutputFormat::Json => println!("{}", serde_json::to_string_pretty(r)?),
        OutputFormat::Csv => {
            let mut w = csv::Writer::from_writer(std::io::stdout().lock());
            w.write_record([
                "code",
                "name",
                "gold",
                "auto",
                "both",
                "precision",
                "recall",
                "f1",
                "kappa",
                "agreement",
            ])?;
            for c in &r.codes {
                w.write_record([
                    c.code.clone(),
                    c.name.clone(),
                    c.gold.to_string(),
                    c.auto.to_string(),
                    c.both.to_string(),
                    f(c.precision),
                    f(c.recall),
                    f(c.f1),
                    f(c.kappa),
                    format!("{:.3}", c.agreement),
                ])?;
            }
            w.write_record([
                "(overall)".to_string(),
                format!("alpha {}", f(r.alpha)),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                format!("{:.3}", r.agreement),
            ])?;
            w.flush()?;
        }
        _ => {
            let rows = r
                .codes
                .iter()
                .map(|c| {
                    vec![
                        c.code.clone(),
                        c.gold.to_string(),
                        c.auto.to_string(),
                        c.both.to_string(),
                        f(c.precision),
                        f(c.recall),
                        f(c.f1),
                        f(c.kappa),
                        format!("{:.3}", c.agreement),
                    ]
                })
                .collect();
            super::print_table(
                format,
                &[
                    "code",
                    "gold",
                    "auto",
                    "both",
                    "precision",
                    "recall",
                    "f1",
                    "kappa",
                    "agreement",
                ],
                rows,
            );
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
