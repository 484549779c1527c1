//! Views of retrieved hits in the formats people take away: JSON, CSV and
//! Markdown, and plain or Markdown tables (statistics, matrices). The command
//! line prints them; the desk's exports use the same functions, so a CSV
//! from either is the same CSV.

use crate::model::{Hit, StoredSegment};
use crate::retrieve::Results;
use serde_json::json;

/// One hit as JSON: where it is, who speaks, its codes, text, highlights
/// (character offsets), score and context.
pub fn hit_json(hit: &Hit) -> serde_json::Value {
    let s = &hit.segment;
    json!({
        "doc": s.doc,
        "segment": s.id,
        "kind": s.kind.name(),
        "page": s.loc.page,
        "start_ms": s.loc.start_ms,
        "time": s.loc.start_ms.map(crate::model::timestamp),
        "paragraph": s.loc.paragraph,
        "turn": s.loc.turn,
        "speaker": s.speaker,
        "role": s.role,
        "codes": s.code_ids(),
        "text": s.text,
        "highlights": hit.highlights.iter().map(|r| crate::model::char_span(&s.text, r)).collect::<Vec<_>>(),
        "score": hit.score,
        "context_before": hit.before.iter().map(|c| json!({"segment": c.id, "text": c.text})).collect::<Vec<_>>(),
        "context_after": hit.after.iter().map(|c| json!({"segment": c.id, "text": c.text})).collect::<Vec<_>>(),
    })
}

/// Every hit of `results` as one JSON document (`total`, `hits`).
pub fn hits_json(results: &Results) -> serde_json::Value {
    json!({"total": results.total, "total_estimated": results.estimated, "hits": results.hits.iter().map(hit_json).collect::<Vec<_>>()})
}

/// Hits as CSV rows (a header first): one row per hit, highlights between
/// `«` and `»`, context joined.
pub fn hits_csv(results: &Results, out: impl std::io::Write) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "doc",
        "segment",
        "kind",
        "page",
        "time",
        "paragraph",
        "speaker",
        "role",
        "codes",
        "text",
        "highlighted",
        "context_before",
        "context_after",
    ])?;
    for hit in &results.hits {
        let s = &hit.segment;
        let join = |v: &[StoredSegment]| {
            v.iter()
                .map(|c| c.text.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        };
        w.write_record([
            s.doc.clone(),
            s.id.clone(),
            s.kind.name().to_string(),
            s.loc.page.map(|p| p.to_string()).unwrap_or_default(),
            s.loc
                .start_ms
                .map(crate::model::timestamp)
                .unwrap_or_default(),
            s.loc.paragraph.to_string(),
            s.speaker.clone().unwrap_or_default(),
            s.role.clone().unwrap_or_default(),
            s.code_ids().join("; "),
            s.text.clone(),
            crate::model::marked(&s.text, &hit.highlights, "«", "»"),
            join(&hit.before),
            join(&hit.after),
        ])?;
    }
    w.flush()?;
    Ok(())
}

/// Hits as Markdown: a heading per hit with its place, speaker and codes,
/// context in italics, highlights in bold.
pub fn hits_markdown(results: &Results, offset: usize) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}{} segment(s) match; showing {}–{}\n",
        if results.estimated { "about " } else { "" },
        results.total,
        offset + 1,
        offset + results.hits.len()
    );
    for hit in &results.hits {
        let s = &hit.segment;
        let codes = s.code_ids();
        let _ = writeln!(out, "### {} — {}", s.doc, s.location_label());
        let meta: Vec<String> = [
            s.who(),
            if codes.is_empty() {
                String::new()
            } else {
                format!("codes: {}", codes.join(", "))
            },
        ]
        .into_iter()
        .filter(|x| !x.is_empty())
        .collect();
        if !meta.is_empty() {
            let _ = writeln!(out, "{}\n", meta.join(" · "));
        }
        for c in &hit.before {
            let _ = writeln!(out, "> _{}_", c.text.replace('*', "\\*"));
        }
        let _ = writeln!(
            out,
            "> {}",
            crate::model::marked(&s.text, &hit.highlights, "**", "**")
        );
        for c in &hit.after {
            let _ = writeln!(out, "> _{}_", c.text.replace('*', "\\*"));
        }
        let _ = writeln!(out);
    }
    out
}

/// A table as aligned plain text: the first column left, the others right.
pub fn table_text(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(c.chars().count());
        }
    }
    let line = |cells: &[String]| {
        cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if i == 0 {
                    format!("{c:<w$}", w = widths[i])
                } else {
                    format!("{c:>w$}", w = widths[i])
                }
            })
            .collect::<Vec<_>>()
            .join("  ")
    };
    let mut out = line(&header.iter().map(|h| h.to_string()).collect::<Vec<_>>());
    out.push('\n');
    for r in rows {
        out.push_str(&line(r));
        out.push('\n');
    }
    out
}

/// A table as Markdown (`|` in cells escaped).
pub fn table_markdown(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = format!(
        "| {} |\n|{}\n",
        header.join(" | "),
        "---|".repeat(header.len())
    );
    for r in rows {
        out.push_str(&format!(
            "| {} |\n",
            r.iter()
                .map(|c| c.replace('|', "\\|"))
                .collect::<Vec<_>>()
                .join(" | ")
        ));
    }
    out
}

/// Code statistics as CSV rows (a header first; a column for the attribute
/// `by` when given).
pub fn stats_csv(
    rows: &[crate::stats::CodeStats],
    by: Option<&str>,
    out: impl std::io::Write,
) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let mut header = vec!["code", "name"];
    if let Some(by) = by {
        header.push(by);
    }
    header.extend(["segments", "documents", "words", "share_of_documents"]);
    w.write_record(&header)?;
    for r in rows {
        let mut rec = vec![r.code.clone(), r.name.clone()];
        if let Some(v) = &r.value {
            rec.push(v.clone());
        }
        rec.extend([
            r.segments.to_string(),
            r.documents.to_string(),
            r.words.to_string(),
            format!("{:.3}", r.share_of_documents),
        ]);
        w.write_record(rec)?;
    }
    w.flush()?;
    Ok(())
}

/// Code statistics as a table's header and rows (shares in per cent).
pub fn stats_table(
    rows: &[crate::stats::CodeStats],
    by: Option<&str>,
) -> (Vec<String>, Vec<Vec<String>>) {
    let mut header = vec!["code".to_string()];
    if let Some(by) = by {
        header.push(by.to_string());
    }
    header.extend(["segments", "documents", "words", "% of documents"].map(String::from));
    let table = rows
        .iter()
        .map(|r| {
            let mut row = vec![r.code.clone()];
            if let Some(v) = &r.value {
                row.push(v.clone());
            }
            row.extend([
                r.segments.to_string(),
                r.documents.to_string(),
                r.words.to_string(),
                format!("{:.0}%", r.share_of_documents * 100.0),
            ]);
            row
        })
        .collect();
    (header, table)
}

/// A matrix as CSV rows (a header first).
pub fn matrix_csv(m: &crate::stats::Matrix, out: impl std::io::Write) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let mut header = vec!["code".to_string()];
    header.extend(m.cols.iter().cloned());
    w.write_record(&header)?;
    for (r, row) in m.rows.iter().zip(&m.cells) {
        let mut rec = vec![r.clone()];
        rec.extend(row.iter().map(|c| c.to_string()));
        w.write_record(&rec)?;
    }
    w.flush()?;
    Ok(())
}

/// A matrix as a table's header and rows.
pub fn matrix_table(m: &crate::stats::Matrix) -> (Vec<String>, Vec<Vec<String>>) {
    let mut header = vec!["code".to_string()];
    header.extend(m.cols.iter().cloned());
    let rows = m
        .rows
        .iter()
        .zip(&m.cells)
        .map(|(r, row)| {
            std::iter::once(r.clone())
                .chain(row.iter().map(|c| c.to_string()))
                .collect()
        })
        .collect();
    (header, rows)
}

/// Agreement per code as CSV rows (a header first, the overall line last).
pub fn agreement_csv(r: &crate::agreement::Report, out: impl std::io::Write) -> csv::Result<()> {
    let f = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{v:.3}"));
    let mut w = csv::Writer::from_writer(out);
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
        let mut row = agreement_row(c);
        row.insert(1, c.name.clone());
        w.write_record(row)?;
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
    Ok(())
}

/// Agreement per code as a table's header and rows.
pub fn agreement_table(r: &crate::agreement::Report) -> (Vec<String>, Vec<Vec<String>>) {
    let header = [
        "code",
        "gold",
        "auto",
        "both",
        "precision",
        "recall",
        "f1",
        "kappa",
        "agreement",
    ]
    .map(String::from)
    .to_vec();
    let rows: Vec<Vec<String>> = r.codes.iter().map(agreement_row).collect();
    (header, rows)
}

/// One code's agreement figures: code, gold, auto, both, precision, recall,
/// F1, kappa, agreement (`-` where a figure is undefined).
fn agreement_row(c: &crate::agreement::CodeAgreement) -> Vec<String> {
    let f = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{v:.3}"));
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
}
