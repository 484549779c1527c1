//! The editors' writes: hand codings, their withdrawal, memos.
//!
//! Each write checks its input against the project (the code exists, the
//! passage lies in an ingested document, whose text — not the caller's —
//! becomes the quote), then, under the project lock, goes to the human store
//! and re-codes the one document it touches, so the change is in the index,
//! `codings.jsonl`, query, stats and bundles as soon as the call returns.
//! Waiting for the lock is bounded: when a long command holds it, the write
//! is refused with the holder named and nothing is stored, so the store and
//! the index never disagree.

use crate::code::store::recode_documents;
use crate::error::{Error, Result};
use crate::human::{Action, HandCoding, HumanStore, Memo, MemoTarget, Passage, char_slice};
use crate::index::IndexStore;
use crate::lock::ProjectLock;
use crate::project::Project;
use std::collections::BTreeSet;
use std::time::Duration;

/// How long a write waits for another writer before it is refused (a desk
/// write queues behind other editors' writes; a long `pipeline code` or
/// `ingest` makes it fail with the holder named).
pub const PATIENCE: Duration = Duration::from_secs(15);

/// The passage `start..end` of `doc` as the index holds it now.
pub fn passage(project: &Project, doc: &str, start: usize, end: usize) -> Result<Passage> {
    if start >= end {
        return Err(Error::Invalid(format!(
            "an empty passage ({start}..{end}) of {doc}"
        )));
    }
    let store = IndexStore::open(&project.index_dir())?;
    let searcher = store.snapshot()?;
    let text = store
        .document_text(&searcher, doc)?
        .ok_or_else(|| Error::Invalid(format!("{doc} is not an ingested document")))?;
    let quote = char_slice(&text, start, end).ok_or_else(|| {
        Error::Invalid(format!(
            "the passage {start}..{end} is outside {doc} ({} characters)",
            text.chars().count()
        ))
    })?;
    Ok(Passage {
        doc: doc.to_string(),
        start,
        end,
        quote: quote.to_string(),
    })
}

/// Refuses a code the codebooks do not have.
fn check_code(books: &[crate::codebook::Codebook], codebook: &str, code: &str) -> Result<()> {
    match books.iter().find(|b| b.id == codebook) {
        Some(b) if b.codes.iter().any(|c| c.id == code) => Ok(()),
        Some(_) => Err(Error::Invalid(format!(
            "no code `{code}` in codebook `{codebook}`"
        ))),
        None => Err(Error::Invalid(format!("no codebook `{codebook}`"))),
    }
}

fn editor_name(editor: &str) -> Result<&str> {
    let e = editor.trim();
    if e.is_empty() || e.len() > 200 || e.chars().any(char::is_control) {
        return Err(Error::Invalid(format!("not an editor's name: {editor:?}")));
    }
    Ok(e)
}

/// One change to the codings by an editor.
#[derive(Debug, Clone)]
pub enum Change {
    /// Code, confirm or reject a code on a passage.
    Code {
        /// The passage (from [`passage`]).
        passage: Passage,
        /// Codebook id.
        codebook: String,
        /// Code id.
        code: String,
        /// What is done.
        action: Action,
        /// Who does it.
        editor: String,
    },
    /// Withdraw a hand coding.
    Withdraw {
        /// Its row id.
        id: i64,
        /// Who withdraws it.
        editor: String,
    },
}

/// What a [`Change`] did: the coding made or withdrawn (`None`: there was
/// no such active coding to withdraw).
pub type Changed = Option<HandCoding>;

/// Applies several editors' changes under one hold of the project lock:
/// each is checked and stored on its own (one bad change fails alone), then
/// every document they touch is re-coded once. What the desk does with the
/// writes that queue up while one is applied, so that many editors at once
/// cost one re-code, not one each.
pub fn apply_changes(project: &Project, changes: &[Change]) -> Result<Vec<Result<Changed>>> {
    let books = super::codebooks(project)?;
    let lock = ProjectLock::acquire_within(&project.outputs, PATIENCE)?;
    super::ensure_fresh(project, &IndexStore::open(&project.index_dir())?)?;
    let mut store = HumanStore::open(&project.corpus)?;
    let mut touched: BTreeSet<String> = BTreeSet::new();
    let mut results = Vec::with_capacity(changes.len());
    for change in changes {
        let result = match change {
            Change::Code {
                passage,
                codebook,
                code,
                action,
                editor,
            } => editor_name(editor)
                .and_then(|editor| {
                    check_code(&books, codebook, code)?;
                    store.add_coding(passage, codebook, code, *action, editor)
                })
                .map(Some),
            Change::Withdraw { id, editor } => {
                editor_name(editor).and_then(|editor| store.withdraw_coding(*id, editor))
            }
        };
        if let Ok(Some(c)) = &result {
            touched.insert(c.passage.doc.clone());
        }
        results.push(result);
    }
    if !touched.is_empty() {
        recode_documents(project, &books, &touched, &lock)?;
    }
    Ok(results)
}

/// Codes, confirms or rejects `code` on a passage of a document (see
/// [`crate::human`]), attributed to `editor`; the document is re-coded.
pub fn hand_code(
    project: &Project,
    passage: &Passage,
    codebook: &str,
    code: &str,
    action: Action,
    editor: &str,
) -> Result<HandCoding> {
    let change = Change::Code {
        passage: passage.clone(),
        codebook: codebook.into(),
        code: code.into(),
        action,
        editor: editor.into(),
    };
    let made = apply_changes(project, &[change])?.remove(0)?;
    Ok(made.expect("a coding made"))
}

/// Withdraws hand coding `id` (the row stays, with who and when); the
/// document is re-coded. `None` when there is no such active coding.
pub fn withdraw_hand_coding(
    project: &Project,
    id: i64,
    editor: &str,
) -> Result<Option<HandCoding>> {
    let change = Change::Withdraw {
        id,
        editor: editor.into(),
    };
    apply_changes(project, &[change])?.remove(0)
}

/// Writes the store as JSON lines to `target` (atomically): every active
/// hand coding, then every memo, each with a `type`. Returns how many of
/// each. A project without a store writes an empty file.
pub fn export(project: &Project, target: &std::path::Path) -> Result<(usize, usize)> {
    let (text, counts) = match HumanStore::open_existing(&project.corpus)? {
        Some(s) => (s.export_jsonl()?, (s.codings()?.len(), s.memos()?.len())),
        None => (String::new(), (0, 0)),
    };
    crate::project::write_atomic(target, text.as_bytes())?;
    Ok(counts)
}

/// Writes a memo on a document, a code or a passage.
pub fn write_memo(
    project: &Project,
    target: &MemoTarget,
    text: &str,
    editor: &str,
) -> Result<Memo> {
    let editor = editor_name(editor)?;
    let text = text.trim();
    if text.is_empty() {
        return Err(Error::Invalid("an empty memo".into()));
    }
    if let MemoTarget::Code { codebook, code } = target {
        check_code(&super::codebooks(project)?, codebook, code)?;
    }
    // Memos touch no derived output: the store's own transaction suffices.
    HumanStore::open(&project.corpus)?.add_memo(target, text, editor)
}
