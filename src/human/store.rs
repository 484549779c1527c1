//! `corpus/desk.sqlite`: the store of human work (SQLite through rusqlite,
//! with its bundled library).
//!
//! SQLite because human work must survive a crash in the middle of a write
//! and two writers at once (the desk and the command line, or two editors):
//! every change is one transaction in WAL mode, a writer waits for another
//! (busy timeout) instead of failing, and a reader never sees half a change.
//! Nothing is deleted: a withdrawn coding keeps its row with the time and the
//! editor who withdrew it, so the history of a decision is there to audit.
//!
//! The schema carries its version in `PRAGMA user_version`; a store written
//! by a newer pipeline is refused, never rewritten.

use super::{Action, HandCoding, Memo, MemoTarget, Passage};
use crate::error::{Error, Result};
use rusqlite::{Connection, OptionalExtension, params};
use std::path::{Path, PathBuf};

/// The schema this pipeline writes.
const SCHEMA_VERSION: i64 = 1;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS codings (
    id INTEGER PRIMARY KEY,
    doc TEXT NOT NULL,
    start INTEGER NOT NULL CHECK (start >= 0),
    end INTEGER NOT NULL CHECK (end >= start),
    quote TEXT NOT NULL,
    codebook TEXT NOT NULL,
    code TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('add', 'confirm', 'reject')),
    editor TEXT NOT NULL,
    created TEXT NOT NULL,
    withdrawn TEXT,
    withdrawn_by TEXT
);
CREATE INDEX IF NOT EXISTS codings_doc ON codings (doc);
CREATE TABLE IF NOT EXISTS memos (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('document', 'code', 'passage')),
    doc TEXT,
    codebook TEXT,
    code TEXT,
    start INTEGER,
    end INTEGER,
    quote TEXT,
    text TEXT NOT NULL,
    editor TEXT NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    withdrawn TEXT
);
";

/// The store of a project's human work.
pub struct HumanStore {
    conn: Connection,
    path: PathBuf,
}

fn now() -> String {
    jiff::Timestamp::now()
        .round(jiff::Unit::Second)
        .map_or_else(|_| jiff::Timestamp::now().to_string(), |t| t.to_string())
}

impl HumanStore {
    /// `corpus/desk.sqlite`.
    pub fn path_in(corpus: &Path) -> PathBuf {
        corpus.join("desk.sqlite")
    }

    /// Opens the project's store, creating it when it does not exist.
    pub fn open(corpus: &Path) -> Result<HumanStore> {
        let path = Self::path_in(corpus);
        let conn = Connection::open(&path).map_err(|e| store_error(&path, e))?;
        let store = HumanStore { conn, path };
        store.prepare()?;
        Ok(store)
    }

    /// Opens the store if the project has one (a run that only reads it
    /// creates nothing).
    pub fn open_existing(corpus: &Path) -> Result<Option<HumanStore>> {
        if Self::path_in(corpus).exists() {
            Self::open(corpus).map(Some)
        } else {
            Ok(None)
        }
    }

    fn prepare(&self) -> Result<()> {
        let e = |e| store_error(&self.path, e);
        self.conn
            .busy_timeout(std::time::Duration::from_secs(10))
            .map_err(e)?;
        self.conn
            .pragma_update(None, "journal_mode", "WAL")
            .map_err(e)?;
        self.conn
            .pragma_update(None, "synchronous", "FULL")
            .map_err(e)?;
        let version: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(e)?;
        if version > SCHEMA_VERSION {
            return Err(Error::Invalid(format!(
                "{}: written by a newer pipeline (schema {version}, this one knows {SCHEMA_VERSION}); update pipeline",
                self.path.display()
            )));
        }
        self.conn.execute_batch(SCHEMA).map_err(e)?;
        self.conn
            .pragma_update(None, "user_version", SCHEMA_VERSION)
            .map_err(e)?;
        Ok(())
    }

    /// The store's file.
    pub fn file(&self) -> &Path {
        &self.path
    }

    /// Records a hand coding, confirmation or rejection.
    pub fn add_coding(
        &mut self,
        passage: &Passage,
        codebook: &str,
        code: &str,
        action: Action,
        editor: &str,
    ) -> Result<HandCoding> {
        let created = now();
        self.conn
            .execute(
                "INSERT INTO codings (doc, start, end, quote, codebook, code, action, editor, created)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    passage.doc,
                    passage.start as i64,
                    passage.end as i64,
                    passage.quote,
                    codebook,
                    code,
                    action.name(),
                    editor,
                    created
                ],
            )
            .map_err(|e| store_error(&self.path, e))?;
        Ok(HandCoding {
            id: self.conn.last_insert_rowid(),
            passage: passage.clone(),
            codebook: codebook.into(),
            code: code.into(),
            action,
            editor: editor.into(),
            created,
        })
    }

    /// Withdraws a hand coding (kept in the store with who and when);
    /// returns it, or `None` when there is no such active coding.
    pub fn withdraw_coding(&mut self, id: i64, editor: &str) -> Result<Option<HandCoding>> {
        let found = self.coding(id)?;
        if found.is_some() {
            self.conn
                .execute(
                    "UPDATE codings SET withdrawn = ?1, withdrawn_by = ?2 WHERE id = ?3 AND withdrawn IS NULL",
                    params![now(), editor, id],
                )
                .map_err(|e| store_error(&self.path, e))?;
        }
        Ok(found)
    }

    /// An active hand coding by id.
    pub fn coding(&self, id: i64) -> Result<Option<HandCoding>> {
        self.conn
            .query_row(
                &format!("{CODING_COLUMNS} WHERE id = ?1 AND withdrawn IS NULL"),
                params![id],
                row_to_coding,
            )
            .optional()
            .map_err(|e| store_error(&self.path, e))?
            .transpose()
    }

    /// Every active hand coding, in (document, start, id) order.
    pub fn codings(&self) -> Result<Vec<HandCoding>> {
        self.select_codings(
            &format!("{CODING_COLUMNS} WHERE withdrawn IS NULL ORDER BY doc, start, id"),
            [],
        )
    }

    /// The active hand codings of one document.
    pub fn codings_of(&self, doc: &str) -> Result<Vec<HandCoding>> {
        self.select_codings(
            &format!("{CODING_COLUMNS} WHERE withdrawn IS NULL AND doc = ?1 ORDER BY start, id"),
            [doc],
        )
    }

    fn select_codings<P: rusqlite::Params>(&self, sql: &str, p: P) -> Result<Vec<HandCoding>> {
        let e = |e| store_error(&self.path, e);
        let mut stmt = self.conn.prepare(sql).map_err(e)?;
        let rows = stmt.query_map(p, row_to_coding).map_err(e)?;
        let mut out = Vec::new();
        for r in rows {
            out.push(r.map_err(e)??);
        }
        Ok(out)
    }

    /// Writes a memo.
    pub fn add_memo(&mut self, target: &MemoTarget, text: &str, editor: &str) -> Result<Memo> {
        let created = now();
        let (kind, doc, codebook, code, start, end, quote) = memo_columns(target);
        self.conn
            .execute(
                "INSERT INTO memos (kind, doc, codebook, code, start, end, quote, text, editor, created, updated)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
                params![kind, doc, codebook, code, start, end, quote, text, editor, created],
            )
            .map_err(|e| store_error(&self.path, e))?;
        Ok(Memo {
            id: self.conn.last_insert_rowid(),
            target: target.clone(),
            text: text.into(),
            editor: editor.into(),
            created: created.clone(),
            updated: created,
        })
    }

    /// Every memo (not withdrawn), oldest first.
    pub fn memos(&self) -> Result<Vec<Memo>> {
        let e = |e| store_error(&self.path, e);
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, kind, doc, codebook, code, start, end, quote, text, editor, created, updated
                 FROM memos WHERE withdrawn IS NULL ORDER BY id",
            )
            .map_err(e)?;
        let rows = stmt
            .query_map([], |r| {
                let kind: String = r.get(1)?;
                let target = match kind.as_str() {
                    "document" => MemoTarget::Document { doc: r.get(2)? },
                    "code" => MemoTarget::Code {
                        codebook: r.get(3)?,
                        code: r.get(4)?,
                    },
                    _ => MemoTarget::Passage(Passage {
                        doc: r.get(2)?,
                        start: r.get::<_, i64>(5)? as usize,
                        end: r.get::<_, i64>(6)? as usize,
                        quote: r.get(7)?,
                    }),
                };
                Ok(Memo {
                    id: r.get(0)?,
                    target,
                    text: r.get(8)?,
                    editor: r.get(9)?,
                    created: r.get(10)?,
                    updated: r.get(11)?,
                })
            })
            .map_err(e)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(e)
    }

    /// The memos whose text holds every word of `words` (case-insensitive,
    /// diacritics folded, as the query language folds).
    pub fn search_memos(&self, words: &str) -> Result<Vec<Memo>> {
        let wanted: Vec<String> = words.split_whitespace().map(crate::fold::fold).collect();
        Ok(self
            .memos()?
            .into_iter()
            .filter(|m| {
                let text = crate::fold::fold(&m.text);
                wanted.iter().all(|w| text.contains(w.as_str()))
            })
            .collect())
    }

    /// The whole store as JSON lines (hand codings, then memos, each with a
    /// `type`): the plain-text copy for version control and backups.
    pub fn export_jsonl(&self) -> Result<String> {
        let mut out = String::new();
        for c in self.codings()? {
            let mut v = serde_json::to_value(&c).expect("serialisable");
            v["type"] = "coding".into();
            out.push_str(&v.to_string());
            out.push('\n');
        }
        for m in self.memos()? {
            let mut v = serde_json::to_value(&m).expect("serialisable");
            v["type"] = "memo".into();
            out.push_str(&v.to_string());
            out.push('\n');
        }
        Ok(out)
    }
}

const CODING_COLUMNS: &str =
    "SELECT id, doc, start, end, quote, codebook, code, action, editor, created FROM codings";

fn row_to_coding(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<HandCoding>> {
    let action: String = r.get(7)?;
    let Some(action) = Action::parse(&action) else {
        return Ok(Err(Error::Invalid(format!(
            "desk.sqlite: coding {} has an unknown action `{action}`",
            r.get::<_, i64>(0)?
        ))));
    };
    Ok(Ok(HandCoding {
        id: r.get(0)?,
        passage: Passage {
            doc: r.get(1)?,
            start: r.get::<_, i64>(2)? as usize,
            end: r.get::<_, i64>(3)? as usize,
            quote: r.get(4)?,
        },
        codebook: r.get(5)?,
        code: r.get(6)?,
        action,
        editor: r.get(8)?,
        created: r.get(9)?,
    }))
}

type MemoColumns<'a> = (
    &'static str,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    Option<i64>,
    Option<i64>,
    Option<&'a str>,
);

fn memo_columns(target: &MemoTarget) -> MemoColumns<'_> {
    match target {
        MemoTarget::Document { doc } => ("document", Some(doc), None, None, None, None, None),
        MemoTarget::Code { codebook, code } => {
            ("code", None, Some(codebook), Some(code), None, None, None)
        }
        MemoTarget::Passage(p) => (
            "passage",
            Some(&p.doc),
            None,
            None,
            Some(p.start as i64),
            Some(p.end as i64),
            Some(&p.quote),
        ),
    }
}

fn store_error(path: &Path, e: rusqlite::Error) -> Error {
    Error::Store {
        path: path.to_path_buf(),
        reason: e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passage() -> Passage {
        Passage {
            doc: "interviews/a.txt".into(),
            start: 4,
            end: 13,
            quote: "dormitory".into(),
        }
    }

    #[test]
    fn codings_and_memos_survive_reopening_and_withdrawals_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        {
            let mut s = HumanStore::open(dir.path()).unwrap();
            let a = s
                .add_coding(&passage(), "displacement", "housing", Action::Add, "amina")
                .unwrap();
            s.add_coding(&passage(), "displacement", "return", Action::Reject, "lev")
                .unwrap();
            s.add_memo(
                &MemoTarget::Passage(passage()),
                "The roof <script>leaked</script> — ask again",
                "amina",
            )
            .unwrap();
            assert!(s.withdraw_coding(a.id, "lev").unwrap().is_some());
            assert!(s.withdraw_coding(a.id, "lev").unwrap().is_none());
        }
        let s = HumanStore::open_existing(dir.path()).unwrap().unwrap();
        let codings = s.codings().unwrap();
        assert_eq!(codings.len(), 1);
        assert_eq!(codings[0].action, Action::Reject);
        assert_eq!(codings[0].editor, "lev");
        let memos = s.search_memos("LEAKED ask").unwrap();
        assert_eq!(memos.len(), 1);
        assert!(s.search_memos("absent").unwrap().is_empty());
        // The withdrawn row is still there, with who withdrew it.
        let who: String = s
            .conn
            .query_row(
                "SELECT withdrawn_by FROM codings WHERE withdrawn IS NOT NULL",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(who, "lev");
        let export = s.export_jsonl().unwrap();
        assert_eq!(export.lines().count(), 2);
        assert!(export.contains("\"type\":\"memo\""));
    }

    #[test]
    fn a_store_of_a_newer_pipeline_is_refused_and_none_is_made_by_readers() {
        let dir = tempfile::tempdir().unwrap();
        assert!(HumanStore::open_existing(dir.path()).unwrap().is_none());
        assert!(!HumanStore::path_in(dir.path()).exists());
        let s = HumanStore::open(dir.path()).unwrap();
        s.conn.pragma_update(None, "user_version", 99).unwrap();
        drop(s);
        let err = HumanStore::open(dir.path()).err().unwrap().to_string();
        assert!(err.contains("newer pipeline"), "{err}");
    }

    #[test]
    fn two_writers_at_once_lose_nothing() {
        let dir = tempfile::tempdir().unwrap();
        HumanStore::open(dir.path()).unwrap();
        let threads: Vec<_> = (0..4)
            .map(|t| {
                let d = dir.path().to_path_buf();
                std::thread::spawn(move || {
                    let mut s = HumanStore::open(&d).unwrap();
                    for i in 0..25 {
                        s.add_memo(
                            &MemoTarget::Document {
                                doc: format!("d{t}.txt"),
                            },
                            &format!("memo {t}/{i}"),
                            "e",
                        )
                        .unwrap();
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        assert_eq!(
            HumanStore::open(dir.path()).unwrap().memos().unwrap().len(),
            100
        );
    }
}
