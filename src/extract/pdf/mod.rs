//! PDF text per page: lopdf for structure; text by our own interpreter
//! (`content.rs`, fonts read once per document) where a document's fonts are
//! fully defined by the PDF, else by pdf-extract; one set of layout rules for
//! both (`layout.rs`).
//!
//! pdf-extract panics on many damaged files instead of returning errors, so
//! after a failed whole-document pass each page is extracted on its own under
//! `catch_unwind`: a broken page costs that page (recorded as a warning), not
//! the document. Encrypted files are opened
//! when the user password is empty (common for "no copying" PDFs) and refused
//! with a reason otherwise. Empty text from a PDF with pages is a failure
//! ("no extractable text"), never a silent success. Lines that end in a hyphen
//! followed by a lower-case word are joined (`displace-` / `ment`).

mod content;
mod layout;

use super::{Block, BlockKind, ExtractError, Extracted, Limits};
use layout::Layout;
use std::collections::BTreeMap;
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
    let (texts, failed) = match catch_unwind(AssertUnwindSafe(|| content::pages(&doc))) {
        Ok(Ok(pages)) => (pages.into_iter().collect(), Vec::new()),
        _ => with_pdf_extract(&doc, &pages),
    };
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

/// Text per page by pdf-extract, with the page numbers that failed: one pass
/// over the whole document, then page by page for what it did not reach.
fn with_pdf_extract(doc: &lopdf::Document, pages: &[u32]) -> (BTreeMap<u32, String>, Vec<String>) {
    // pdf-extract follows a page's parents without end when the page tree
    // loops back on itself (found by fuzzing); such pages are refused here.
    let ids = doc.get_pages();
    let looping: Vec<u32> = pages
        .iter()
        .copied()
        .filter(|p| ids.get(p).is_none_or(|&id| !parents_end(doc, id)))
        .collect();
    let mut failed: Vec<String> = looping
        .iter()
        .map(|p| format!("page {p}: the page tree loops back on itself"))
        .collect();
    let mut texts = BTreeMap::new();
    let mut result = None;
    if looping.is_empty() {
        let mut whole = Layout::default();
        result = Some(catch_unwind(AssertUnwindSafe(|| {
            pdf_extract::output_doc(doc, &mut whole)
        })));
        texts = whole.done.into_iter().collect();
    }
    if !matches!(result, Some(Ok(Ok(())))) {
        let missing: Vec<u32> = pages
            .iter()
            .copied()
            .filter(|p| !texts.contains_key(p) && !looping.contains(p))
            .collect();
        for page in missing {
            let mut single = Layout::default();
            let result = catch_unwind(AssertUnwindSafe(|| {
                pdf_extract::output_doc_page(doc, &mut single, page)
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
    (texts, failed)
}

/// Whether following `/Parent` from `page` reaches the root of the page tree.
fn parents_end(doc: &lopdf::Document, page: lopdf::ObjectId) -> bool {
    let mut id = page;
    for _ in 0..64 {
        let Ok(dict) = doc.get_dictionary(id) else {
            return true;
        };
        match dict.get(b"Parent") {
            Ok(lopdf::Object::Reference(parent)) => id = *parent,
            Ok(_) => return false,
            Err(_) => return true,
        }
    }
    false
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
    use std::path::Path;

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
    fn a_page_tree_that_loops_costs_its_pages_not_a_hang() {
        // A real PDF whose font sends it to pdf-extract, with page 1's
        // inherited attributes removed and its parent pointing at itself:
        // pdf-extract would follow the parents forever (found by fuzzing).
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/corpora/external/pdfjs/simpletype3font.pdf");
        let mut doc = lopdf::Document::load(&path).unwrap();
        let (_, id) = doc.get_pages().into_iter().next().unwrap();
        let page = doc.get_object_mut(id).unwrap().as_dict_mut().unwrap();
        page.remove(b"MediaBox");
        page.remove(b"Resources");
        page.set("Parent", lopdf::Object::Reference(id));
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(extract(&bytes, &Limits::default()).map(|x| x.warnings));
        });
        let outcome = rx
            .recv_timeout(std::time::Duration::from_secs(30))
            .expect("extraction returns instead of hanging");
        match outcome {
            Err(e) => assert!(format!("{e}").contains("loops back"), "{e}"),
            Ok(warnings) => assert!(warnings.join(" ").contains("loops back"), "{warnings:?}"),
        }
    }

    #[test]
    fn not_a_pdf() {
        assert!(matches!(
            extract(b"hello", &Limits::default()),
            Err(ExtractError::Corrupt(_))
        ));
    }
}

#[cfg(test)]
mod same_text {
    //! Our interpreter against pdf-extract on every PDF we have: where ours
    //! takes a document, its text must be pdf-extract's, page for page.
    use super::*;
    use std::path::{Path, PathBuf};

    fn pdfs_under(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                pdfs_under(&p, out);
            } else if p.extension().is_some_and(|x| x.eq_ignore_ascii_case("pdf")) {
                out.push(p);
            }
        }
    }

    fn load(bytes: &[u8]) -> Option<lopdf::Document> {
        let mut doc = catch_unwind(|| lopdf::Document::load_mem(bytes))
            .ok()?
            .ok()?;
        if doc.is_encrypted() {
            doc.decrypt("").ok()?;
        }
        Some(doc)
    }

    #[test]
    fn our_interpreter_gives_pdf_extracts_text_where_it_applies() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        pdfs_under(&root.join("corpus"), &mut files);
        let sample = files.len();
        pdfs_under(&root.join("../shared/corpora/external"), &mut files);
        let (mut ours, mut declined, mut differ) = (0, Vec::new(), Vec::new());
        for (i, f) in files.iter().enumerate() {
            let Some(doc) = load(&std::fs::read(f).unwrap()) else {
                continue;
            };
            let pages: Vec<u32> = match catch_unwind(AssertUnwindSafe(|| doc.get_pages())) {
                Ok(p) => p.keys().copied().collect(),
                Err(_) => continue,
            };
            match catch_unwind(AssertUnwindSafe(|| content::pages(&doc))) {
                Ok(Ok(fast)) => {
                    ours += 1;
                    let (reference, failed) = with_pdf_extract(&doc, &pages);
                    for (page, text) in fast {
                        if failed
                            .iter()
                            .any(|f| f.starts_with(&format!("page {page}:")))
                        {
                            continue; // pdf-extract could not read it
                        }
                        let reference = reference.get(&page).cloned().unwrap_or_default();
                        if text == reference {
                            continue;
                        }
                        // Where pdf-extract misreads a font's width ranges
                        // (`W` as `first last width`), ignores a form's
                        // matrix or the `'` and `"` operators, ours places
                        // spaces differently or finds more; it never loses a
                        // character pdf-extract finds.
                        let bare = |t: &str| t.split_whitespace().collect::<String>();
                        let (ours, theirs) = (bare(&text), bare(&reference));
                        let mut rest = ours.chars();
                        assert!(
                            theirs.chars().all(|c| rest.any(|o| o == c)),
                            "{} page {page}: ours lost text\nours:   {ours}\ntheirs: {theirs}",
                            f.display()
                        );
                        assert!(i >= sample, "{} page {page}: differs", f.display());
                        differ.push(format!(
                            "{} page {page} (+{} characters)",
                            f.display(),
                            ours.chars().count() - theirs.chars().count()
                        ));
                    }
                }
                Ok(Err(why)) => {
                    assert!(i >= sample, "{}: declined ({why:?})", f.display());
                    declined.push(why.0);
                }
                Err(_) => {
                    assert!(i >= sample, "{}: panicked", f.display());
                    declined.push("panic".into());
                }
            }
        }
        eprintln!(
            "our interpreter took {ours} PDFs ({} pages differ: {differ:#?}), left {} to pdf-extract: {declined:?}",
            differ.len(),
            declined.len()
        );
        assert!(ours >= sample, "the sample corpus PDFs take the fast path");
    }
}
