//! Deleting a document's index entries by its `doc` term, cheaply in memory.
//!
//! tantivy keeps every delete queued since the last commit until that commit
//! applies it to the committed segments, as the query's `Weight`.
//! `IndexWriter::delete_term` queues a `TermWeight`, which carries a BM25
//! weight with a 256-entry score cache: about 1.2 KB per delete even with
//! scoring off. `pipeline code` rewrites up to every document in one commit,
//! so at 100,000 documents those caches alone were ~120 MB, the memory that
//! grew with the corpus. [`DocTermDelete`] queues the term only (about 100
//! bytes) and reads its postings when the delete is applied.

use tantivy::query::{ConstScorer, EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyError, Term};

/// Matches every index document that holds `term` (no scores).
#[derive(Debug, Clone)]
pub struct DocTermDelete(pub Term);

impl Query for DocTermDelete {
    fn weight(&self, _scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }
}

impl Weight for DocTermDelete {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let postings = reader
            .inverted_index(self.0.field())?
            .read_postings(&self.0, IndexRecordOption::Basic)?;
        Ok(match postings {
            Some(postings) => Box::new(ConstScorer::new(postings, boost)),
            None => Box::new(EmptyScorer),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.doc() <= doc && scorer.seek(doc) == doc {
            Ok(Explanation::new("doc term", 1.0))
        } else {
            Err(TantivyError::InvalidArgument(format!(
                "Document #({doc}) does not match"
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::Count;
    use tantivy::schema::{STRING, Schema};
    use tantivy::{Index, doc};

    /// The delete removes exactly the documents with the term, in committed
    /// segments and in the segment being written, and a term no segment holds
    /// is a no-op.
    #[test]
    fn deletes_exactly_the_documents_with_the_term() {
        let mut builder = Schema::builder();
        let field = builder.add_text_field("doc", STRING);
        let index = Index::create_in_ram(builder.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for d in ["a.txt", "b.txt", "a.txt", "c.txt"] {
            writer.add_document(doc!(field => d)).unwrap();
        }
        writer.commit().unwrap();
        writer.add_document(doc!(field => "a.txt")).unwrap();
        writer.add_document(doc!(field => "d.txt")).unwrap();
        let delete = |t: &str| {
            writer
                .delete_query(Box::new(DocTermDelete(Term::from_field_text(field, t))))
                .unwrap()
        };
        delete("a.txt");
        delete("missing.txt");
        writer.add_document(doc!(field => "a.txt")).unwrap();
        writer.commit().unwrap();
        let reader = index.reader().unwrap();
        reader.reload().unwrap();
        let searcher = reader.searcher();
        let count = |t: &str| {
            searcher
                .search(
                    &tantivy::query::TermQuery::new(
                        Term::from_field_text(field, t),
                        IndexRecordOption::Basic,
                    ),
                    &Count,
                )
                .unwrap()
        };
        // The three a.txt added before the delete are gone, the one after stays.
        assert_eq!(count("a.txt"), 1);
        assert_eq!(count("b.txt"), 1);
        assert_eq!(count("c.txt"), 1);
        assert_eq!(count("d.txt"), 1);
        assert_eq!(searcher.num_docs(), 4);
    }
}
