//! `bundle.docx` for Word users (docx-rs): the same content as the HTML, a
//! heading per code, excerpts as indented quotations. Deterministic: fixed
//! core-property dates (the bundle's creation date), no author, fixed ZIP times.

use super::{Bundle, Excerpt};
use docx_rs::{Docx, Paragraph, Run, Style, StyleType};

fn quote(e: &Excerpt, doc: Docx) -> Docx {
    let mut tags = vec![e.id.clone(), e.document.clone()];
    if let Some(r) = &e.role {
        tags.push(r.clone());
    }
    tags.extend(e.attributes.iter().map(|(k, v)| format!("{k}: {v}")));
    let mut doc = doc.add_paragraph(
        Paragraph::new()
            .style("Tags")
            .add_run(Run::new().add_text(tags.join(" · "))),
    );
    for c in &e.context_before {
        doc = doc.add_paragraph(
            Paragraph::new()
                .style("Context")
                .add_run(Run::new().add_text(c)),
        );
    }
    doc = doc.add_paragraph(
        Paragraph::new()
            .style("Quote")
            .add_run(Run::new().add_text(&e.text)),
    );
    for c in &e.context_after {
        doc = doc.add_paragraph(
            Paragraph::new()
                .style("Context")
                .add_run(Run::new().add_text(c)),
        );
    }
    doc.add_paragraph(
        Paragraph::new()
            .style("Tags")
            .add_run(Run::new().add_text(format!("codes: {}", e.codes.join(", ")))),
    )
}

/// `bundle.docx` bytes.
pub fn docx(bundle: &Bundle) -> Vec<u8> {
    let mut doc = Docx::new()
        .created_at(&format!("{}T00:00:00Z", bundle.created))
        .updated_at(&format!("{}T00:00:00Z", bundle.created))
        .add_style(
            Style::new("Heading1", StyleType::Paragraph)
                .name("Heading 1")
                .size(36)
                .bold()
                .outline_lvl(0),
        )
        .add_style(
            Style::new("Heading2", StyleType::Paragraph)
                .name("Heading 2")
                .size(28)
                .bold()
                .outline_lvl(1),
        )
        .add_style(
            Style::new("Quote", StyleType::Paragraph)
                .name("Quote")
                .size(24)
                .indent(Some(720), None, Some(360), None),
        )
        .add_style(
            Style::new("Context", StyleType::Paragraph)
                .name("Context")
                .size(20)
                .color("666666")
                .italic()
                .indent(Some(720), None, None, None),
        )
        .add_style(
            Style::new("Tags", StyleType::Paragraph)
                .name("Tags")
                .size(18)
                .color("444444"),
        );
    doc = doc.add_paragraph(
        Paragraph::new()
            .style("Heading1")
            .add_run(Run::new().add_text(&bundle.title)),
    );
    doc = doc.add_paragraph(Paragraph::new().add_run(Run::new().add_text(format!(
        "Bundle {} · created {} · {} excerpt(s). All names, places and contact details are replaced by pseudonyms such as [Person 1]; documents are identified only as D001, D002, ….",
        bundle.name,
        bundle.created,
        bundle.excerpts.len()
    ))));
    if bundle.codes.is_empty() {
        doc = doc.add_paragraph(
            Paragraph::new()
                .style("Heading2")
                .add_run(Run::new().add_text(format!("All excerpts ({})", bundle.excerpts.len()))),
        );
        for e in &bundle.excerpts {
            doc = quote(e, doc);
        }
    }
    for c in &bundle.codes {
        doc = doc.add_paragraph(
            Paragraph::new()
                .style("Heading2")
                .add_run(Run::new().add_text(format!("{} ({})", c.name, c.excerpts))),
        );
        let child = format!("{}/", c.id);
        for e in bundle
            .excerpts
            .iter()
            .filter(|e| e.codes.iter().any(|x| *x == c.id || x.starts_with(&child)))
        {
            doc = quote(e, doc);
        }
    }
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut out)
        .expect("writing to memory cannot fail");
    out.into_inner()
}
