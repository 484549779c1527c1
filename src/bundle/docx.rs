//! `bundle.docx` for Word users (docx-rs): the same structure as the HTML —
//! how to read it, a table of contents field (Word fills in page numbers on
//! opening or F9), a heading per section with its children a level below,
//! each excerpt once with its place, speakers and other topics, spacing
//! between excerpts. Deterministic: fixed core-property dates (the bundle's
//! creation date), no author, fixed ZIP times.

use super::words::{Words, attribute_name, words};
use super::{Bundle, Excerpt};
use docx_rs::{Docx, LineSpacing, Paragraph, Run, Style, StyleType, TableOfContents};

fn para(style: &str, text: &str) -> Paragraph {
    Paragraph::new()
        .style(style)
        .add_run(Run::new().add_text(text))
}

/// A line with its speaker in bold before it.
fn spoken(style: &str, role: Option<&str>, text: &str, w: &Words) -> Paragraph {
    let mut p = Paragraph::new().style(style);
    if let Some(r) = role {
        p = p.add_run(Run::new().bold().add_text(format!("{}: ", w.role(r))));
    }
    p.add_run(Run::new().add_text(text))
}

fn quote(b: &Bundle, e: &Excerpt, w: &Words, mut doc: Docx) -> Docx {
    let mut place = format!("{} · {}", e.id, w.place(e));
    for (k, v) in &e.attributes {
        place.push_str(&format!(" · {}: {v}", attribute_name(k)));
    }
    doc = doc.add_paragraph(para("Tags", &place));
    for (i, c) in e.context_before.iter().enumerate() {
        let role = e.context_before_roles.get(i).cloned().flatten();
        doc = doc.add_paragraph(spoken("Context", role.as_deref(), c, w));
    }
    doc = doc.add_paragraph(spoken("Quote", e.role.as_deref(), &e.text, w));
    for (i, c) in e.context_after.iter().enumerate() {
        let role = e.context_after_roles.get(i).cloned().flatten();
        doc = doc.add_paragraph(spoken("Context", role.as_deref(), c, w));
    }
    let others = b.other_code_names(e);
    let end = if others.is_empty() {
        String::new()
    } else {
        format!("{}: {}", w.also_coded, others.join(", "))
    };
    doc.add_paragraph(para("After", &end))
}

fn heading(name: &str, level: usize) -> Style {
    Style::new(format!("Heading{level}"), StyleType::Paragraph)
        .name(format!("Heading {level}"))
        .size(match level {
            1 => 36,
            2 => 30,
            _ => 26,
        })
        .bold()
        .outline_lvl(level - 1)
        .line_spacing(LineSpacing::new().before(360).after(160))
        .based_on(name)
}

/// `bundle.docx` bytes.
pub fn docx(bundle: &Bundle) -> Vec<u8> {
    let w = words(&bundle.language);
    let mut doc = Docx::new()
        .created_at(&format!("{}T00:00:00Z", bundle.created))
        .updated_at(&format!("{}T00:00:00Z", bundle.created))
        .add_style(heading("Normal", 1))
        .add_style(heading("Normal", 2))
        .add_style(heading("Normal", 3))
        .add_style(
            Style::new("Quote", StyleType::Paragraph)
                .name("Quote")
                .size(24)
                .indent(Some(720), None, Some(360), None)
                .line_spacing(LineSpacing::new().before(60).after(60)),
        )
        .add_style(
            Style::new("Context", StyleType::Paragraph)
                .name("Context")
                .size(20)
                .color("555555")
                .indent(Some(720), None, None, None),
        )
        .add_style(
            Style::new("Tags", StyleType::Paragraph)
                .name("Tags")
                .size(18)
                .color("444444")
                .line_spacing(LineSpacing::new().before(240)),
        )
        .add_style(
            Style::new("After", StyleType::Paragraph)
                .name("After excerpt")
                .size(18)
                .color("444444")
                .line_spacing(LineSpacing::new().after(280)),
        );
    let documents = bundle.documents();
    doc = doc
        .add_paragraph(para("Heading1", &bundle.title))
        .add_paragraph(para(
            "Normal",
            &format!(
                "{} · {} {} · {} {} · {} {}",
                bundle.name,
                w.created,
                bundle.created,
                bundle.excerpts.len(),
                w.excerpts,
                documents,
                w.documents
            ),
        ))
        .add_paragraph(para("Normal", &w.selection(bundle)))
        .add_paragraph(para("Heading2", w.how_to_read));
    for p in w.how_to_read_text {
        doc = doc.add_paragraph(para("Normal", p));
    }
    for p in w.disclosure(bundle) {
        doc = doc.add_paragraph(para("Normal", &p));
    }
    doc = doc.add_table_of_contents(
        TableOfContents::new()
            .heading_styles_range(2, 3)
            .alias(w.contents)
            .add_before_paragraph(para("Heading2", w.contents)),
    );
    let by_id: std::collections::HashMap<&str, &Excerpt> =
        bundle.excerpts.iter().map(|e| (e.id.as_str(), e)).collect();
    for (i, s) in bundle.sections.iter().enumerate() {
        let title = w.section_title(bundle, s);
        let style = if s.depth == 0 { "Heading2" } else { "Heading3" };
        doc = doc.add_paragraph(para(
            style,
            &format!("{title} ({})", bundle.section_total(i)),
        ));
        for id in &s.excerpts {
            if let Some(e) = by_id.get(id.as_str()) {
                doc = quote(bundle, e, w, doc);
            }
        }
    }
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut out)
        .expect("writing to memory cannot fail");
    out.into_inner()
}
