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
    if doc.is_encrypted() {
        if let Err(e) = doc.decrypt("") {
            return Err(ExtractError::Encrypted(format!(
                "the PDF needs a password to open ({e}); ask for an unprotected copy"
            )));
        }
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
    let mut blocks = Vec::with_capacity(pages.len());
    let mut warnings = Vec::new();
    let mut failed = Vec::new();
    for &page in &pages {
        let result = catch_unwind(AssertUnwindSafe(|| {
            let mut text = String::new();
            {
                let mut out = pdf_extract::PlainTextOutput::new(&mut text);
                pdf_extract::output_doc_page(&doc, &mut out, page)?;
            }
            Ok::<_, pdf_extract::OutputError>(text)
        }));
        match result {
            Ok(Ok(text)) => {
                let mut block =
                    Block::new(BlockKind::Flow, join_hyphenated(&super::text::clean(&text)));
                block.page = Some(page);
                blocks.push(block);
            }
            Ok(Err(e)) => failed.push(format!("page {page}: {e}")),
            Err(p) => failed.push(format!(
                "page {page}: extractor crashed ({})",
                super::panic_message(&p)
            )),
        }
    }
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
