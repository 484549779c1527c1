//! PDF text per page, with lopdf for structure and pdf-extract for text.
//!
//! pdf-extract panics on many damaged files instead of returning errors, so each
//! page is extracted on its own under `catch_unwind`: a broken page costs that
//! page (recorded as a warning), not the document. Encrypted files are opened
//! when the user password is empty (common for "no copying" PDFs) and refused
//! with a reason otherwise. Empty text from a PDF with pages is a failure
//! ("no extractable text"), never a silent success. Lines that end in a hyphen
//! followed by a lower-case word are joined (`displace-` / `ment`).

use super::{Block, BlockKind, ExtractError, Extracted, Limits};
use std::panic::{AssertUnwindSafe, catch_unwind};

/// Extracts a PDF file page by page.
pub fn extract(bytes: &[u8], _limits: &Limits) -> Result<Extracted, ExtractError> {
    if !bytes.windows(5).take(1024).any(|w| w == b"%PDF-") {
        return Err(ExtractError::Corrupt(
            "no %PDF- header (not a PDF file?)".into(),
        ));
    }
    let mut doc = match catch_unwind(|| lopdf::Document::load_mem(bytes)) {
        Ok(Ok(doc)) => doc,
        Ok(Err(e)) => return Err(classify_load_error(&e.to_string(), bytes)),
        Err(p) => {
            return Err(ExtractError::Corrupt(format!(
                "unreadable PDF structure ({})",
                super::panic_message(&p)
            )));
        }
    };
    let encrypted = doc.was_encrypted() || doc.trailer.get(b"Encrypt").is_ok();
    if doc.is_encrypted()
        && let Err(e) = doc.decrypt("")
    {
        return Err(ExtractError::Encrypted(format!(
            "the PDF needs a password to open ({e}); ask for an unprotected copy"
        )));
    }
    let pages: Vec<u32> = match catch_unwind(AssertUnwindSafe(|| {
        doc.get_pages().keys().copied().collect()
    })) {
        Ok(p) => p,
        Err(p) => {
            return Err(ExtractError::Corrupt(format!(
                "broken page tree ({})",
                super::panic_message(&p)
            )));
        }
    };
    if pages.is_empty() {
        if doc.was_encrypted() || doc.trailer.get(b"Encrypt").is_ok() {
            return Err(ExtractError::Encrypted(
                "the PDF is encrypted and no page could be decrypted".into(),
            ));
        }
        return Err(ExtractError::Corrupt("the PDF has no pages".into()));
    }
    // One pass over the whole document (fonts parsed once, page tree walked
    // once); if it fails part-way, the remaining pages are tried one by one.
    let mut collector = PageCollector::default();
    let whole = catch_unwind(AssertUnwindSafe(|| {
        pdf_extract::output_doc(&doc, &mut collector)
    }));
    let mut texts: std::collections::BTreeMap<u32, String> = collector.done.into_iter().collect();
    let mut failed = Vec::new();
    if !matches!(whole, Ok(Ok(()))) {
        let missing: Vec<u32> = pages
            .iter()
            .copied()
            .filter(|p| !texts.contains_key(p))
            .collect();
        for page in missing {
            let mut single = PageCollector::default();
            let result = catch_unwind(AssertUnwindSafe(|| {
                pdf_extract::output_doc_page(&doc, &mut single, page)
            }));
            match result {
                Ok(Ok(())) => texts.extend(single.done),
                Ok(Err(e)) => failed.push(format!("page {page}: {e}")),
                Err(p) => failed.push(format!(
                    "page {page}: extractor crashed ({})",
                    super::panic_message(&p)
                )),
            }
        }
    }
    let mut warnings = Vec::new();
    let blocks: Vec<Block> = texts
        .into_iter()
        .map(|(page, text)| {
            let mut block =
                Block::new(BlockKind::Flow, join_hyphenated(&super::text::clean(&text)));
            block.page = Some(page);
            block
        })
        .collect();
    if blocks.is_empty() {
        return Err(ExtractError::Corrupt(format!(
            "no page could be read: {}",
            failed.first().cloned().unwrap_or_default()
        )));
    }
    if encrypted && blocks.iter().all(|b| b.text.trim().is_empty()) {
        return Err(ExtractError::Encrypted(
            "the PDF is encrypted and yields no text without its password; ask for an unprotected copy".into(),
        ));
    }
    if !failed.is_empty() {
        warnings.push(format!(
            "{} of {} pages unreadable: {}",
            failed.len(),
            pages.len(),
            failed.join("; ")
        ));
    }
    Ok(Extracted {
        blocks,
        pages: Some(pages.len() as u32),
        warnings,
        ..Extracted::default()
    })
}

/// Collects plain text per page; the layout rules are pdf-extract's
/// `PlainTextOutput` (new line on a vertical jump, space on a horizontal gap).
#[derive(Default)]
struct PageCollector {
    done: Vec<(u32, String)>,
    current: Option<(u32, String)>,
    page_height: f64,
    last_end: f64,
    last_y: f64,
    first_char: bool,
}

impl pdf_extract::OutputDev for PageCollector {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &pdf_extract::MediaBox,
        _: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), pdf_extract::OutputError> {
        self.current = Some((page_num, String::new()));
        self.page_height = media_box.ury - media_box.lly;
        self.last_end = 100_000.0;
        self.last_y = 0.0;
        self.first_char = false;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), pdf_extract::OutputError> {
        if let Some(page) = self.current.take() {
            self.done.push(page);
        }
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &pdf_extract::Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        ch: &str,
    ) -> Result<(), pdf_extract::OutputError> {
        let Some((_, text)) = self.current.as_mut() else {
            return Ok(());
        };
        // Position in a y-down page space, and the font size after the text matrix.
        let (x, y) = (trm.m31, self.page_height - trm.m32);
        let fx = font_size * trm.m11 + font_size * trm.m21;
        let fy = font_size * trm.m12 + font_size * trm.m22;
        let size = (fx * fy).sqrt();
        if self.first_char {
            if (y - self.last_y).abs() > size * 1.5 {
                text.push('\n');
            }
            if x < self.last_end && (y - self.last_y).abs() > size * 0.5 {
                text.push('\n');
            }
            if x > self.last_end + size * 0.1 {
                text.push(' ');
            }
        }
        text.push_str(ch);
        self.first_char = false;
        self.last_y = y;
        self.last_end = x + width * size;
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        self.first_char = true;
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
}

fn classify_load_error(message: &str, bytes: &[u8]) -> ExtractError {
    let lower = message.to_ascii_lowercase();
    let tail = &bytes[bytes.len().saturating_sub(8192)..];
    let has_encrypt = tail.windows(8).any(|w| w == b"/Encrypt");
    if lower.contains("decrypt")
        || lower.contains("password")
        || lower.contains("encrypt")
        || has_encrypt
    {
        ExtractError::Encrypted(format!("the PDF needs a password to open ({message})"))
    } else {
        ExtractError::Corrupt(format!("unreadable PDF ({message})"))
    }
}

/// Joins `word-\nword` when the hyphen ends a line after a letter and the next
/// line starts with a lower-case letter.
pub fn join_hyphenated(text: &str) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < lines.len() {
        let mut current = lines[i].to_string();
        i += 1;
        loop {
            let trimmed = current.trim_end();
            let joinable = trimmed.ends_with('-')
                && trimmed[..trimmed.len() - 1]
                    .chars()
                    .last()
                    .is_some_and(char::is_alphabetic)
                && lines
                    .get(i)
                    .and_then(|next| next.trim_start().chars().next())
                    .is_some_and(char::is_lowercase);
            if !joinable {
                break;
            }
            current = format!("{}{}", &trimmed[..trimmed.len() - 1], lines[i].trim_start());
            i += 1;
        }
        out.push_str(&current);
        out.push('\n');
    }
    out.pop();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyphenated_line_breaks_are_joined() {
        assert_eq!(
            join_hyphenated("the displace-\nment of\nfamilies"),
            "the displacement of\nfamilies"
        );
        assert_eq!(join_hyphenated("a re-\nset-\ntle"), "a resettle");
        assert_eq!(join_hyphenated("Nagorny-\nKarabakh"), "Nagorny-\nKarabakh");
        assert_eq!(join_hyphenated("1993-\n1994"), "1993-\n1994");
    }

    #[test]
    fn not_a_pdf() {
        assert!(matches!(
            extract(b"hello", &Limits::default()),
            Err(ExtractError::Corrupt(_))
        ));
    }
}
