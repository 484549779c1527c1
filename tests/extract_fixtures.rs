//! Extraction of fixtures made by real tools (LibreOffice, pandoc): the DOCX
//! features the ingest issue lists, and the sample corpus's PDF pages.

mod common;

use pipeline::extract::{BlockKind, Format, Limits, extract_path};

#[test]
fn docx_made_by_libreoffice_tracked_changes_notes_parts_text_boxes() {
    // tests/fixtures/src/docx-features.fodt converted by LibreOffice (make-fixtures.sh).
    let path = common::repo().join("tests/fixtures/docx-features.docx");
    let x = extract_path(&path, Format::Docx, &Limits::default()).unwrap();
    let body: Vec<(BlockKind, &str)> = x.blocks.iter().map(|b| (b.kind, b.text.trim())).collect();
    let texts: Vec<&str> = body.iter().map(|(_, t)| *t).collect();
    // Tracked changes: the insertion is kept, the deletion dropped.
    assert!(texts.contains(&"We met in Kutaisi on Monday."), "{texts:?}");
    assert!(
        !texts.iter().any(|t| t.contains("Zugdidi")),
        "deleted text leaked: {texts:?}"
    );
    // Heading, table cells, text box once.
    assert!(
        body.contains(&(BlockKind::Heading, "Field notes from the settlement")),
        "{body:?}"
    );
    assert!(body.contains(&(BlockKind::TableCell, "Cell one")));
    assert_eq!(
        texts
            .iter()
            .filter(|t| t.contains("Text box content appears once"))
            .count(),
        1
    );
    // Footnote and endnote as note blocks after the body.
    assert!(
        body.contains(&(BlockKind::Note, "The meeting place was a former school.")),
        "{body:?}"
    );
    assert_eq!(
        body.last(),
        Some(&(
            BlockKind::Note,
            "Housing list numbers are kept by the ministry."
        )),
        "endnotes last"
    );
    // The comment is not body text.
    assert!(!texts.iter().any(|t| t.contains("Check the date")));
    let part = |kind: &str| {
        x.parts
            .iter()
            .find(|p| p.kind == kind)
            .map(|p| p.text.as_str())
    };
    assert_eq!(part("comment"), Some("Check the date with Tamar."));
    assert_eq!(
        part("header"),
        Some("Confidential: interviewer Nino Beridze")
    );
    assert_eq!(part("footer"), Some("Field notes footer, Kutaisi office"));
    assert_eq!(part("property:creator"), Some("Nino Beridze"));
    assert_eq!(part("property:title"), Some("Kutaisi field notes"));
}

#[test]
fn pdf_made_by_libreoffice_keeps_pages() {
    let path = common::repo().join("corpus/reports/livelihoods-brief.pdf");
    let x = extract_path(&path, Format::Pdf, &Limits::default()).unwrap();
    assert_eq!(x.pages, Some(2));
    assert_eq!(
        x.blocks.iter().map(|b| b.page.unwrap()).collect::<Vec<_>>(),
        [1, 2]
    );
    assert!(
        x.blocks[0]
            .text
            .contains("Displacement in the South Caucasus is protracted")
    );
    assert!(
        x.blocks[1]
            .text
            .contains("Link every vocational course to employers")
    );
}

#[test]
fn pdf_cross_checked_with_pdftotext() {
    if !common::have_tool("pdftotext") {
        return;
    }
    // Every word pdftotext finds on page 1 of a sample PDF, we find too.
    let path = common::repo().join("corpus/interviews/az-baku-03.pdf");
    let out = std::process::Command::new("pdftotext")
        .args(["-f", "1", "-l", "1"])
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    let reference = String::from_utf8(out.stdout).unwrap();
    let x = extract_path(&path, Format::Pdf, &Limits::default()).unwrap();
    let ours: std::collections::HashSet<String> = pipeline::fold::word_spans(&x.blocks[0].text)
        .map(|(a, b)| pipeline::fold::fold(&x.blocks[0].text[a..b]))
        .collect();
    let missing: Vec<String> = pipeline::fold::word_spans(&reference)
        .map(|(a, b)| pipeline::fold::fold(&reference[a..b]))
        .filter(|w| !ours.contains(w))
        .collect();
    assert!(
        missing.is_empty(),
        "words pdftotext found and we did not: {missing:?}"
    );
}
