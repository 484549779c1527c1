//! The tantivy index at `outputs/index`: opening, creating, swapping, and the
//! mapping from segments and file records to index documents.
//!
//! Invariant: the index on disk is always a committed, consistent state. An
//! incremental ingest commits once at the end (a kill before that leaves the
//! previous commit); a full rebuild (`--force`, or an index written by another
//! schema version) is built in `index.new` and swapped in with two renames,
//! which [`recover`] completes or rolls back after a crash.

mod delete;
pub mod retrieve;
pub mod schema;

use crate::error::{Error, Result};
use crate::manifest::FileRecord;
use crate::metadata::Attributes;
pub use crate::model::{Location, StoredSegment};
use crate::segment::{Segment, SegmentKind};
use delete::DocTermDelete;
pub use schema::Fields;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, OwnedValue, Value};
use tantivy::{DocAddress, Index, IndexWriter, TantivyDocument, Term};

/// Commit payload: identifies what wrote the index.
#[derive(Debug, Serialize, Deserialize)]
struct Payload {
    schema: u32,
    /// SHA-256 of the `codings.jsonl` that matches this commit's code facets;
    /// absent after an ingest (segments changed, codings must be redone).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    codings: Option<String>,
    /// The identity of that file as written (inode, length, modification
    /// time; kept by the rename into place): a reader whose file still has
    /// it knows the file is the one committed without reading it — hashing
    /// a codings file of 100,000 documents costs seconds per command.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    codings_stamp: Option<String>,
}

/// The `codings.jsonl` a commit was made with: its SHA-256 and the stamp of
/// the file as written (see [`crate::workflow::codings::file_stamp`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodingsCommit {
    /// SHA-256 of the file, hex.
    pub hash: String,
    /// Inode, length and modification time of the file as written.
    pub stamp: Option<String>,
}

/// An opened index and its fields.
pub struct IndexStore {
    /// The tantivy index.
    index: Index,
    /// Its fields.
    fields: Fields,
    /// Folder on disk.
    dir: PathBuf,
}

/// Completes or rolls back an interrupted swap of `index.new` into `dir`.
pub fn recover(dir: &Path) -> Result<()> {
    let old = sibling(dir, "old");
    let new = sibling(dir, "new");
    if !dir.exists() && old.exists() {
        // Killed between the two renames: the old index is still complete.
        std::fs::rename(&old, dir).map_err(|e| Error::io(&old, e))?;
    }
    for stale in [old, new] {
        if stale.exists() {
            std::fs::remove_dir_all(&stale).map_err(|e| Error::io(&stale, e))?;
        }
    }
    Ok(())
}

fn sibling(dir: &Path, suffix: &str) -> PathBuf {
    let mut name = dir
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(format!(".{suffix}"));
    dir.with_file_name(name)
}

impl IndexStore {
    /// Opens the index at `dir` for reading or incremental writing.
    pub fn open(dir: &Path) -> Result<IndexStore> {
        if !dir.join("meta.json").exists() {
            return Err(Error::NoIndex(dir.to_path_buf()));
        }
        let bad = |reason: String| Error::BadIndex {
            path: dir.to_path_buf(),
            reason,
        };
        let index = Index::open_in_dir(dir).map_err(|e| bad(e.to_string()))?;
        let payload = index.load_metas().map_err(|e| bad(e.to_string()))?.payload;
        let version = payload
            .as_deref()
            .and_then(|p| serde_json::from_str::<Payload>(p).ok())
            .map(|p| p.schema);
        if version != Some(schema::SCHEMA_VERSION) {
            return Err(bad(format!(
                "written by another version of pipeline (schema {}, expected {})",
                version.map_or("unknown".to_string(), |v| v.to_string()),
                schema::SCHEMA_VERSION
            )));
        }
        let fields = schema::fields_of(&index.schema()).map_err(|e| bad(e.to_string()))?;
        schema::register_analyzers(&index);
        Ok(IndexStore {
            index,
            fields,
            dir: dir.to_path_buf(),
        })
    }

    /// The hash of the `codings.jsonl` the last commit was made with, if any.
    pub fn codings_hash(&self) -> Result<Option<String>> {
        Ok(self.codings_commit()?.map(|c| c.hash))
    }

    /// What identifies the last commit — its number and its segments (new
    /// ones for a rebuilt index, whose commit number may repeat): what a
    /// reader that caches something read from the index compares before it
    /// uses it again.
    pub fn commit_id(&self) -> Result<String> {
        let metas = self.index.load_metas()?;
        let mut id = metas.opstamp.to_string();
        for s in &metas.segments {
            id.push_str(&format!(
                " {}:{}",
                s.id().uuid_string(),
                s.num_deleted_docs()
            ));
        }
        Ok(id)
    }

    /// The `codings.jsonl` the last commit was made with, if any.
    pub fn codings_commit(&self) -> Result<Option<CodingsCommit>> {
        let payload = self.index.load_metas()?.payload;
        Ok(payload
            .as_deref()
            .and_then(|p| serde_json::from_str::<Payload>(p).ok())
            .and_then(|p| {
                p.codings.map(|hash| CodingsCommit {
                    hash,
                    stamp: p.codings_stamp,
                })
            }))
    }

    /// Whether an index exists at `dir`.
    pub fn exists(dir: &Path) -> bool {
        dir.join("meta.json").exists()
    }

    /// Creates an empty index in `dir.new` (to be swapped in with [`IndexStore::swap_into`]).
    pub fn create_staged(dir: &Path) -> Result<IndexStore> {
        let staged = sibling(dir, "new");
        if staged.exists() {
            std::fs::remove_dir_all(&staged).map_err(|e| Error::io(&staged, e))?;
        }
        std::fs::create_dir_all(&staged).map_err(|e| Error::io(&staged, e))?;
        let (schema, fields) = schema::build();
        let index = Index::create_in_dir(&staged, schema)?;
        schema::register_analyzers(&index);
        Ok(IndexStore {
            index,
            fields,
            dir: staged,
        })
    }

    /// Moves a staged index into `dir`, replacing what was there.
    pub fn swap_into(self, dir: &Path) -> Result<()> {
        let staged = self.dir.clone();
        drop(self);
        let old = sibling(dir, "old");
        if dir.exists() {
            std::fs::rename(dir, &old).map_err(|e| Error::io(dir, e))?;
        }
        std::fs::rename(&staged, dir).map_err(|e| Error::io(&staged, e))?;
        if old.exists() {
            std::fs::remove_dir_all(&old).map_err(|e| Error::io(&old, e))?;
        }
        Ok(())
    }

    /// A writer using `threads` indexing threads. Files of segments no commit
    /// refers to (left by a run that died or ran out of disk space) are removed
    /// first, so a full disk does not stay full: the caller holds the project
    /// lock, so no other writer can own them.
    fn writer(&self, threads: usize) -> Result<IndexWriter> {
        self.remove_orphans();
        let threads = threads.clamp(1, 8);
        // One merge thread (tantivy's default is 4 whatever the machine). A
        // merge of eight 0.5 M-document segments holds ~70 MiB; four at once
        // beside the indexing threads were most of the growth of peak memory
        // from 10,000 to 100,000 documents. One keeps up: merging is a few
        // minutes of a 20-minute ingest at 100,000 documents.
        let options = tantivy::indexer::IndexWriterOptions::builder()
            .num_worker_threads(threads)
            .num_merge_threads(1)
            .memory_budget_per_thread(100_000_000)
            .build();
        let writer = self.index.writer_with_options(options)?;
        writer.set_merge_policy(Box::new(merge_policy()));
        Ok(writer)
    }

    fn remove_orphans(&self) {
        let Ok(metas) = self.index.load_metas() else {
            return;
        };
        // Live segments and the opstamp of the delete file each one uses.
        let live: std::collections::HashMap<String, Option<u64>> = metas
            .segments
            .iter()
            .map(|s| (s.id().uuid_string(), s.delete_opstamp()))
            .collect();
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let stem = name.split('.').next().unwrap_or("");
            let segment_file = stem.len() == 32 && stem.bytes().all(|b| b.is_ascii_hexdigit());
            let temp = name.starts_with(".tmp");
            // `UUID.OPSTAMP.del` of a live segment that its meta does not
            // name: written by a run killed before its commit. Left there,
            // the next run's identical delete collides with it
            // (`FileAlreadyExists`, found by the kill -9 test).
            let stale_delete = name.ends_with(".del")
                && live.get(stem).is_some_and(|used| {
                    let opstamp = name
                        .trim_end_matches(".del")
                        .rsplit('.')
                        .next()
                        .and_then(|o| o.parse::<u64>().ok());
                    opstamp.is_some() && opstamp != *used
                });
            if (segment_file && !live.contains_key(stem)) || temp || stale_delete {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }

    /// Commits, recording the `codings.jsonl` written with it.
    fn commit_with_codings(writer: &mut IndexWriter, codings: Option<CodingsCommit>) -> Result<()> {
        let (codings, codings_stamp) = match codings {
            Some(c) => (Some(c.hash), c.stamp),
            None => (None, None),
        };
        let payload = serde_json::to_string(&Payload {
            schema: schema::SCHEMA_VERSION,
            codings,
            codings_stamp,
        })
        .expect("serialisable");
        let mut prepared = writer.prepare_commit()?;
        prepared.set_payload(&payload);
        prepared.commit()?;
        Ok(())
    }

    /// A reader that keeps few decompressed doc-store blocks per index
    /// segment. tantivy's default is 100 per segment; a block holding a file
    /// record holds its document's whole text, so at 100,000 documents (25
    /// index segments) reading every file record once left ~150 MB of cached
    /// blocks, and `code` peaked at 1.5× its 10,000-document memory. Readers
    /// here walk documents in order, so a few blocks are all the cache does
    /// any good with.
    pub(in crate::index) fn reader(&self) -> Result<tantivy::IndexReader> {
        Ok(self
            .index
            .reader_builder()
            .doc_store_cache_num_blocks(DOC_STORE_CACHE_BLOCKS)
            .try_into()?)
    }

    /// Every file record in the last commit.
    pub fn file_records(&self) -> Result<Vec<FileRecord>> {
        let searcher = self.snapshot()?;
        let query = TermQuery::new(
            Term::from_field_text(self.fields.kind, "file"),
            IndexRecordOption::Basic,
        );
        let addresses = in_index_order(&searcher, &query)?;
        let mut out = Vec::with_capacity(addresses.len());
        for addr in addresses {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let json = doc
                .get_first(self.fields.record)
                .and_then(|v| v.as_str().map(str::to_string));
            let record = json
                .and_then(|j| serde_json::from_str::<FileRecord>(&j).ok())
                .ok_or_else(|| Error::BadIndex {
                    path: self.dir.clone(),
                    reason: "a file record is unreadable".into(),
                })?;
            out.push(record);
        }
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    }

    /// Paths of the documents ingested successfully, sorted.
    pub fn ingested_docs(&self) -> Result<Vec<String>> {
        Ok(self
            .file_records()?
            .into_iter()
            .filter(|r| r.status == crate::manifest::Status::Ok)
            .map(|r| r.path)
            .collect())
    }

    /// Deletes everything about document `doc` (segments and file record).
    /// Queued as a [`DocTermDelete`], which holds only the term until the
    /// commit (see `delete.rs` for why not `delete_term`).
    fn delete_doc(&self, writer: &IndexWriter, doc: &str) -> Result<()> {
        let term = Term::from_field_text(self.fields.doc, doc);
        writer.delete_query(Box::new(DocTermDelete(term)))?;
        Ok(())
    }

    /// The index document of a file record (with the document text for `ok` files).
    fn file_document(&self, record: &FileRecord, body: Option<&str>) -> TantivyDocument {
        let f = &self.fields;
        let mut d = TantivyDocument::new();
        d.add_text(f.id, format!("file:{}", record.path));
        d.add_text(f.doc, &record.path);
        d.add_text(f.kind, "file");
        d.add_text(f.hash, &record.hash);
        d.add_text(
            f.record,
            serde_json::to_string(record).expect("serialisable"),
        );
        if let Some(body) = body {
            d.add_text(f.body, body);
        }
        d
    }

    /// The index document of one segment (no codes yet). Built from borrowed
    /// parts: ingest calls this for every segment, so nothing is copied twice.
    fn segment_document(
        &self,
        doc: &str,
        seg: &Segment,
        attrs: Option<&Attributes>,
    ) -> TantivyDocument {
        self.document(&DocumentParts {
            id: &seg.id,
            doc,
            kind: seg.kind,
            text: &seg.text,
            speaker: seg.speaker.as_deref(),
            role: seg.role.map(|r| r.name()),
            lang: seg.lang,
            ordinal: seg.ordinal,
            loc: &Location::of(seg),
            attrs,
            codes: &[],
        })
    }

    /// The index document of a stored segment, with its codes.
    fn stored_document(&self, s: &StoredSegment) -> TantivyDocument {
        self.document(&DocumentParts {
            id: &s.id,
            doc: &s.doc,
            kind: s.kind,
            text: &s.text,
            speaker: s.speaker.as_deref(),
            role: s.role.as_deref(),
            lang: &s.lang,
            ordinal: s.ordinal,
            loc: &s.loc,
            attrs: s.attrs.as_ref(),
            codes: &s.codes,
        })
    }

    fn document(&self, s: &DocumentParts<'_>) -> TantivyDocument {
        let f = &self.fields;
        let mut d = TantivyDocument::new();
        d.add_text(f.id, s.id);
        d.add_text(f.doc, s.doc);
        d.add_text(f.kind, s.kind.name());
        d.add_text(f.text, s.text);
        if let Some(sp) = s.speaker {
            d.add_text(f.speaker, sp);
        }
        if let Some(r) = s.role {
            d.add_text(f.role, r);
        }
        d.add_text(f.lang, s.lang);
        d.add_u64(f.ordinal, s.ordinal as u64);
        // Document order: start offset, then turn < paragraph < sentence.
        d.add_u64(f.pos, (s.loc.start << 2) | s.kind as u64);
        d.add_text(f.loc, s.loc.encode());
        if let Some(attrs) = s.attrs {
            let object: BTreeMap<String, OwnedValue> = attrs
                .iter()
                .map(|(k, v)| (k.clone(), OwnedValue::Str(v.clone())))
                .collect();
            d.add_object(f.attrs, object);
        }
        for code in s.codes {
            d.add_facet(
                f.codes,
                tantivy::schema::Facet::from_text(code)
                    .unwrap_or_else(|_| tantivy::schema::Facet::root()),
            );
        }
        d
    }

    /// Decodes a stored segment document (`None` for file records), its text
    /// cut from its document's text.
    pub fn stored_segment(
        &self,
        searcher: &Snapshot,
        d: &TantivyDocument,
        texts: &Texts,
    ) -> Result<Option<StoredSegment>> {
        let Some(mut seg) = self.stored_fields(d) else {
            return Ok(None);
        };
        let text = texts.get(self, searcher, &seg.doc)?;
        self.fill_text(&mut seg, text.as_deref())?;
        Ok(Some(seg))
    }

    /// Sets `seg.text` from its document's text by its offsets.
    fn fill_text(&self, seg: &mut StoredSegment, text: Option<&DocText>) -> Result<()> {
        let cut = text.and_then(|t| t.slice(seg.loc.start, seg.loc.end));
        seg.text = cut
            .ok_or_else(|| Error::BadIndex {
                path: self.dir.clone(),
                reason: format!("segment {} lies outside its document's stored text", seg.id),
            })?
            .to_string();
        Ok(())
    }

    /// Decodes the stored fields of a segment document, without its text.
    fn stored_fields(&self, d: &TantivyDocument) -> Option<StoredSegment> {
        let f = &self.fields;
        let s = |field| {
            d.get_first(field)
                .and_then(|v| v.as_str().map(str::to_string))
        };
        let kind = SegmentKind::parse(&s(f.kind)?)?;
        let attrs = d
            .get_first(f.attrs)
            .and_then(|v| match OwnedValue::from(v) {
                OwnedValue::Object(pairs) => Some(
                    pairs
                        .into_iter()
                        .filter_map(|(k, v)| match v {
                            OwnedValue::Str(s) => Some((k, s)),
                            _ => None,
                        })
                        .collect::<Attributes>(),
                ),
                _ => None,
            });
        let codes = d
            .get_all(f.codes)
            .filter_map(|v| {
                v.as_facet()
                    .and_then(|facet| {
                        tantivy::schema::Facet::from_encoded(facet.as_bytes().to_vec()).ok()
                    })
                    .map(|f| f.to_path_string())
            })
            .collect();
        Some(StoredSegment {
            id: s(f.id)?,
            doc: s(f.doc)?,
            kind,
            ordinal: d.get_first(f.ordinal).and_then(|v| v.as_u64()).unwrap_or(0) as u32,
            text: String::new(),
            speaker: s(f.speaker),
            role: s(f.role),
            lang: s(f.lang).unwrap_or_default(),
            loc: s(f.loc)
                .and_then(|l| Location::decode(&l))
                .unwrap_or_default(),
            attrs,
            codes,
        })
    }

    /// The index document of `doc`'s file record, rebuilt from the stored
    /// record `stored` (to re-add it after deleting everything about the
    /// document).
    fn file_document_from(&self, stored: &FileRecordDoc, doc: &str) -> Result<TantivyDocument> {
        let stored = &stored.0;
        let record = stored
            .get_first(self.fields.record)
            .and_then(|v| v.as_str())
            .and_then(|j| serde_json::from_str::<FileRecord>(j).ok())
            .ok_or_else(|| Error::BadIndex {
                path: self.dir.clone(),
                reason: format!("the file record of {doc} is unreadable"),
            })?;
        let body = stored.get_first(self.fields.body).and_then(|v| v.as_str());
        Ok(self.file_document(&record, body))
    }

    /// The normalised text of document `doc` (every segment's offsets point
    /// into it), if it was ingested successfully.
    pub fn document_text(&self, searcher: &Snapshot, doc: &str) -> Result<Option<String>> {
        Ok(self.stored_file_record(searcher, doc)?.and_then(|d| {
            d.get_first(self.fields.body)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        }))
    }

    /// The stored index document of `doc`'s file record.
    fn stored_file_record(
        &self,
        searcher: &Snapshot,
        doc: &str,
    ) -> Result<Option<TantivyDocument>> {
        let query = TermQuery::new(
            Term::from_field_text(self.fields.id, &format!("file:{doc}")),
            IndexRecordOption::Basic,
        );
        match searcher
            .search(&query, &DocSetCollector)?
            .into_iter()
            .next()
        {
            Some(addr) => Ok(Some(searcher.doc(addr)?)),
            None => Ok(None),
        }
    }

    /// The index's folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The engine's index and fields, for tests that check what was indexed
    /// with the engine's own query parser — an oracle independent of
    /// `retrieve`'s query translation. The application reads through
    /// [`IndexStore::snapshot`] and writes through [`IndexStore::begin`].
    #[doc(hidden)]
    pub fn engine(&self) -> (&Index, &Fields) {
        (&self.index, &self.fields)
    }

    /// A read view of the index at its last commit: every read of one
    /// workflow goes through one, so that it sees one state.
    pub fn snapshot(&self) -> Result<Snapshot> {
        Ok(Snapshot(self.reader()?.searcher()))
    }

    /// A write transaction with `threads` indexing threads: what it adds and
    /// deletes lands in one commit, or not at all. Files of segments no commit
    /// refers to (left by a run that died or ran out of disk space) are
    /// removed first; the caller holds the project lock.
    pub fn begin(&self, threads: usize) -> Result<Transaction<'_>> {
        Ok(Transaction {
            store: self,
            writer: self.writer(threads)?,
        })
    }

    /// Every segment of the documents `docs`, each document's in kind then
    /// document order, read through one searcher.
    pub fn segments_of<'a>(
        &self,
        docs: impl IntoIterator<Item = &'a str>,
    ) -> Result<Vec<StoredSegment>> {
        let searcher = self.snapshot()?;
        let mut out = Vec::new();
        for doc in docs {
            out.extend(self.doc_segments(&searcher, doc)?);
        }
        Ok(out)
    }

    /// Every segment of document `doc`, in kind then document order.
    pub fn doc_segments(&self, searcher: &Snapshot, doc: &str) -> Result<Vec<StoredSegment>> {
        Ok(self.doc_segments_and_record(searcher, doc)?.0)
    }

    /// Every segment of document `doc`, in kind then document order, and the
    /// stored file record they were read with (it holds their text), for a
    /// caller that rewrites the document.
    pub fn doc_segments_and_record(
        &self,
        searcher: &Snapshot,
        doc: &str,
    ) -> Result<(Vec<StoredSegment>, Option<FileRecordDoc>)> {
        let query = TermQuery::new(
            Term::from_field_text(self.fields.doc, doc),
            IndexRecordOption::Basic,
        );
        let mut out = Vec::new();
        let mut record = None;
        for addr in in_index_order(searcher, &query)? {
            let d: TantivyDocument = searcher.doc(addr)?;
            match self.stored_fields(&d) {
                Some(s) => out.push(s),
                None => record = Some(FileRecordDoc(d)),
            }
        }
        let body = record
            .as_ref()
            .and_then(|d| d.0.get_first(self.fields.body))
            .and_then(|v| v.as_str())
            .map(|t| DocText::new(t.to_string()));
        for s in &mut out {
            self.fill_text(s, body.as_ref())?;
        }
        out.sort_by_key(|s| (s.kind, s.ordinal));
        Ok((out, record))
    }
}

impl From<tantivy::TantivyError> for Error {
    fn from(e: tantivy::TantivyError) -> Self {
        Error::Index(e.to_string())
    }
}

/// A read view of the index at one commit (see [`IndexStore::snapshot`]).
pub struct Snapshot(tantivy::Searcher);

impl std::ops::Deref for Snapshot {
    type Target = tantivy::Searcher;
    fn deref(&self) -> &tantivy::Searcher {
        &self.0
    }
}

/// A document's stored file record, as read with its segments, to re-add
/// when the document is rewritten ([`Transaction::re_add_file`]).
pub struct FileRecordDoc(TantivyDocument);

/// Additions and deletions that land in one commit ([`IndexStore::begin`]).
/// Methods take `&self`: threads add documents side by side.
pub struct Transaction<'a> {
    store: &'a IndexStore,
    writer: IndexWriter,
}

impl Transaction<'_> {
    /// Deletes everything about document `doc` (segments and file record).
    pub fn delete_doc(&self, doc: &str) -> Result<()> {
        self.store.delete_doc(&self.writer, doc)
    }

    /// Adds a file record (with the document text for `ok` files).
    pub fn add_file(&self, record: &FileRecord, body: Option<&str>) -> Result<()> {
        self.writer
            .add_document(self.store.file_document(record, body))?;
        Ok(())
    }

    /// Adds one segment of document `doc` (no codes yet).
    pub fn add_segment(&self, doc: &str, seg: &Segment, attrs: Option<&Attributes>) -> Result<()> {
        self.writer
            .add_document(self.store.segment_document(doc, seg, attrs))?;
        Ok(())
    }

    /// Adds a stored segment again, with its codes.
    pub fn add_stored(&self, seg: &StoredSegment) -> Result<()> {
        self.writer.add_document(self.store.stored_document(seg))?;
        Ok(())
    }

    /// Adds `doc`'s file record again, as it was read.
    pub fn re_add_file(&self, record: &FileRecordDoc, doc: &str) -> Result<()> {
        self.writer
            .add_document(self.store.file_document_from(record, doc)?)?;
        Ok(())
    }

    /// Commits (recording the `codings.jsonl` written with it, if any) and
    /// waits for merges to finish.
    pub fn commit(mut self, codings: Option<CodingsCommit>) -> Result<()> {
        IndexStore::commit_with_codings(&mut self.writer, codings)?;
        self.writer.wait_merging_threads()?;
        Ok(())
    }
}

/// Every match of `query`, in index order, so that each doc-store block is
/// decompressed once when they are read (readers cache only a few blocks, see
/// [`IndexStore::reader`]).
fn in_index_order(searcher: &Snapshot, query: &TermQuery) -> Result<Vec<DocAddress>> {
    let mut addresses: Vec<DocAddress> = searcher
        .search(query, &DocSetCollector)?
        .into_iter()
        .collect();
    addresses.sort_unstable();
    Ok(addresses)
}

/// Decompressed doc-store blocks cached per index segment (see
/// [`IndexStore::reader`]).
const DOC_STORE_CACHE_BLOCKS: usize = 8;

/// tantivy's log merge policy, with only segments under a million documents
/// merged (tantivy's default is ten million): a merge typically takes eight
/// segments of a level, so merged segments stay around four million
/// documents (eight of ~0.5 M) and the memory a merge needs does not grow
/// with the corpus. With the default, `code` on 100,000 documents grew from
/// 0.5 to 0.9 GiB of heap while its merges produced ever larger segments.
fn merge_policy() -> tantivy::merge_policy::LogMergePolicy {
    let mut policy = tantivy::merge_policy::LogMergePolicy::default();
    policy.set_max_docs_before_merge(1_000_000);
    policy
}

/// A document's normalised text, indexed by character for cutting segments
/// out of it (segment offsets count characters).
#[derive(Debug)]
pub struct DocText {
    text: String,
    /// Byte offset of every `STEP`-th character; `None` for ASCII text,
    /// where characters are bytes.
    marks: Option<Vec<u32>>,
}

impl DocText {
    const STEP: usize = 64;

    /// Indexes `text`.
    pub fn new(text: String) -> DocText {
        let marks = (!text.is_ascii()).then(|| {
            text.char_indices()
                .step_by(Self::STEP)
                .map(|(b, _)| b as u32)
                .collect()
        });
        DocText { text, marks }
    }

    /// Byte offset of character `c` (the end of the text counts).
    fn byte(&self, c: usize) -> Option<usize> {
        let Some(marks) = &self.marks else {
            return (c <= self.text.len()).then_some(c);
        };
        // The mark at or before `c` (the end may lie past the last mark).
        let i = (c / Self::STEP).min(marks.len().checked_sub(1)?);
        let (from, skip) = (marks[i] as usize, c - i * Self::STEP);
        let rest = &self.text[from..];
        match rest.char_indices().nth(skip) {
            Some((b, _)) => Some(from + b),
            None => (rest.chars().count() == skip).then_some(self.text.len()),
        }
    }

    /// Characters `start..end`, if they lie within the text.
    pub fn slice(&self, start: u64, end: u64) -> Option<&str> {
        let (start, end) = (usize::try_from(start).ok()?, usize::try_from(end).ok()?);
        if start > end {
            return None;
        }
        self.text.get(self.byte(start)?..self.byte(end)?)
    }
}

/// Document texts loaded while reading segments one by one (queries,
/// context), kept for the documents seen last.
#[derive(Debug, Default)]
pub struct Texts {
    docs: std::cell::RefCell<Vec<(String, Option<std::rc::Rc<DocText>>)>>,
}

impl Texts {
    /// How many documents' texts are kept.
    const KEEP: usize = 16;

    /// The text of `doc`, loaded once.
    pub fn get(
        &self,
        store: &IndexStore,
        searcher: &Snapshot,
        doc: &str,
    ) -> Result<Option<std::rc::Rc<DocText>>> {
        if let Some((_, t)) = self.docs.borrow().iter().find(|(d, _)| d == doc) {
            return Ok(t.clone());
        }
        let text = store
            .document_text(searcher, doc)?
            .map(|t| std::rc::Rc::new(DocText::new(t)));
        let mut docs = self.docs.borrow_mut();
        if docs.len() >= Self::KEEP {
            docs.remove(0);
        }
        docs.push((doc.to_string(), text.clone()));
        Ok(text)
    }
}

/// What one segment's index document is made of, borrowed from either a fresh
/// [`Segment`] or a [`StoredSegment`].
struct DocumentParts<'a> {
    id: &'a str,
    doc: &'a str,
    kind: SegmentKind,
    text: &'a str,
    speaker: Option<&'a str>,
    role: Option<&'a str>,
    lang: &'a str,
    ordinal: u32,
    loc: &'a Location,
    attrs: Option<&'a Attributes>,
    codes: &'a [String],
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A delete file of a live segment that no commit names (a run killed
    /// between writing it and committing) is removed before the next writer
    /// opens; the one the meta names stays. Left behind, the next run's
    /// identical delete failed with `FileAlreadyExists`.
    #[test]
    fn stale_delete_files_of_live_segments_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("index");
        let store = IndexStore::create_staged(&path).unwrap();
        let staged = store.dir.clone();
        let id_field = store.fields.id;
        let mut writer = store.writer(1).unwrap();
        writer
            .add_document(tantivy::doc!(id_field => "a#s1"))
            .unwrap();
        IndexStore::commit_with_codings(&mut writer, None).unwrap();
        drop(writer);
        let metas = store.index.load_metas().unwrap();
        let uuid = metas.segments[0].id().uuid_string();
        let stale = staged.join(format!("{uuid}.424242.del"));
        std::fs::write(&stale, b"left by a killed run").unwrap();
        let other = staged.join("notes.txt");
        std::fs::write(&other, b"not ours").unwrap();
        let _writer = store.writer(1).unwrap();
        assert!(!stale.exists(), "the stale delete file is gone");
        assert!(other.exists(), "files that are not segment files stay");
        assert!(
            std::fs::read_dir(&staged)
                .unwrap()
                .flatten()
                .any(|e| e.file_name().to_string_lossy().starts_with(&uuid)),
            "the live segment's own files stay"
        );
    }

    #[test]
    fn document_text_cuts_by_characters_in_every_script() {
        for len in [0usize, 1, 63, 64, 65, 128, 200] {
            let chars: Vec<char> = "Gəncə Гасанов Երևան ქუთაისი ok "
                .chars()
                .cycle()
                .take(len)
                .collect();
            let text: String = chars.iter().collect();
            let t = DocText::new(text.clone());
            for a in 0..=len {
                for b in a..=len {
                    let want: String = chars[a..b].iter().collect();
                    assert_eq!(
                        t.slice(a as u64, b as u64),
                        Some(want.as_str()),
                        "{len} {a}..{b}"
                    );
                }
            }
            assert_eq!(t.slice(0, len as u64 + 1), None);
            let ascii = DocText::new("abc".into());
            assert_eq!(ascii.slice(1, 3), Some("bc"));
            assert_eq!(ascii.slice(2, 4), None);
        }
    }

    #[test]
    fn location_round_trip() {
        let l = Location {
            start: 3,
            end: 40,
            page: Some(2),
            start_ms: None,
            end_ms: Some(9),
            paragraph: 4,
            turn: None,
            block: "note".into(),
        };
        assert_eq!(Location::decode(&l.encode()), Some(l));
    }
}
