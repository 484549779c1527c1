//! The one place that declares the index schema and its analyzers.
//!
//! One tantivy document per segment (sentence, paragraph, turn) plus one `file`
//! record per source file. File records live in the same index so that the
//! ingest manifest and the segments are committed together, atomically: after
//! a crash the index and its manifest can never disagree.
//!
//! Text fields use the `folded` analyzer: words are letters, digits and combining
//! marks, folded by [`crate::fold`] (case, diacritics, Turkic i), so `İLHAM`,
//! `Ilham` and `ilham` are one term and so are `Гасанов` and `ГАСАНОВ`. Metadata
//! attributes are a JSON field analysed with `folded_raw` (the whole value folded
//! as one term), so `region:ganja` matches `Ganja` and `GANJA`.

use crate::fold::{fold_into, is_word_char};
use std::str::CharIndices;
use tantivy::Index;
use tantivy::schema::{
    FAST, Field, IndexRecordOption, JsonObjectOptions, NumericOptions, STORED, STRING, Schema,
    TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};

/// Bumped whenever the schema or the analysis changes; an index written with
/// another version is rebuilt.
pub const SCHEMA_VERSION: u32 = 4;

/// Name of the case- and diacritic-folding word analyzer.
pub const FOLDED: &str = "folded";
/// Name of the analyzer that folds a whole value as one term.
pub const FOLDED_RAW: &str = "folded_raw";

/// Handles to every field.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Segment id (`doc#s12`) or `file:doc` for file records.
    pub id: Field,
    /// Document id: path relative to the corpus, `/`-separated.
    pub doc: Field,
    /// `sentence`, `paragraph`, `turn` or `file`.
    pub kind: Field,
    /// Segment text (analysed, positions; not stored: a segment's text is
    /// cut from its file record's `body` by its offsets, so the index holds
    /// each document's text once instead of once per segment kind).
    pub text: Field,
    /// Speaker label (analysed, stored).
    pub speaker: Field,
    /// `interviewer`, `respondent`, `other`.
    pub role: Field,
    /// Language guess of the segment.
    pub lang: Field,
    /// Position among segments of the same kind in the document.
    pub ordinal: Field,
    /// Document order (fast field): start offset × 4 + kind rank.
    pub pos: Field,
    /// Location of a segment, stored compactly (see [`super::Location`]):
    /// offsets, page, times, paragraph and turn, block kind.
    pub loc: Field,
    /// Document attributes from `metadata.csv` (JSON, folded).
    pub attrs: Field,
    /// Codes (facets `/codebook/code/child`), set by `pipeline code`.
    pub codes: Field,
    /// File record: content hash.
    pub hash: Field,
    /// File record: JSON of the manifest entry.
    pub record: Field,
    /// File record: the normalised document text.
    pub body: Field,
}

/// Builds the schema.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let folded_text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(FOLDED)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fast_u64 = NumericOptions::default().set_fast();
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        doc: b.add_text_field("doc", STRING | STORED | FAST),
        kind: b.add_text_field("kind", STRING | STORED),
        text: b.add_text_field("text", folded_text),
        speaker: b.add_text_field(
            "speaker",
            TextOptions::default()
                .set_indexing_options(
                    TextFieldIndexing::default()
                        .set_tokenizer(FOLDED)
                        .set_index_option(IndexRecordOption::Basic),
                )
                .set_stored(),
        ),
        role: b.add_text_field("role", STRING | STORED),
        lang: b.add_text_field("lang", STRING | STORED),
        ordinal: b.add_u64_field("ordinal", NumericOptions::default().set_stored()),
        pos: b.add_u64_field("pos", fast_u64),
        loc: b.add_text_field("loc", STORED),
        attrs: b.add_json_field(
            "attrs",
            JsonObjectOptions::default()
                .set_stored()
                .set_indexing_options(
                    TextFieldIndexing::default()
                        .set_tokenizer(FOLDED_RAW)
                        .set_index_option(IndexRecordOption::Basic),
                ),
        ),
        codes: b.add_facet_field(
            "codes",
            tantivy::schema::FacetOptions::default().set_stored(),
        ),
        hash: b.add_text_field("hash", STRING | STORED),
        record: b.add_text_field("record", STORED),
        body: b.add_text_field("body", STORED),
    };
    (b.build(), fields)
}

/// Looks up the fields of an opened index's schema.
pub fn fields_of(schema: &Schema) -> tantivy::Result<Fields> {
    let f = |name: &str| schema.get_field(name);
    Ok(Fields {
        id: f("id")?,
        doc: f("doc")?,
        kind: f("kind")?,
        text: f("text")?,
        speaker: f("speaker")?,
        role: f("role")?,
        lang: f("lang")?,
        ordinal: f("ordinal")?,
        pos: f("pos")?,
        loc: f("loc")?,
        attrs: f("attrs")?,
        codes: f("codes")?,
        hash: f("hash")?,
        record: f("record")?,
        body: f("body")?,
    })
}

/// Registers the analyzers on an index (needed after every open).
pub fn register_analyzers(index: &Index) {
    index.tokenizers().register(FOLDED, folded_analyzer());
    index.tokenizers().register(
        FOLDED_RAW,
        TextAnalyzer::from(FoldedRawTokenizer::default()),
    );
    index.fast_field_tokenizer().register(
        FOLDED_RAW,
        TextAnalyzer::from(FoldedRawTokenizer::default()),
    );
}

/// The word analyzer used for segment text.
pub fn folded_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(FoldedWordTokenizer::default())
        .filter(tantivy::tokenizer::RemoveLongFilter::limit(100))
        .build()
}

/// Splits on non-word characters and folds each word.
#[derive(Clone, Default)]
pub struct FoldedWordTokenizer {
    token: Token,
}

/// Token stream of [`FoldedWordTokenizer`].
pub struct FoldedWordStream<'a> {
    text: &'a str,
    chars: CharIndices<'a>,
    token: &'a mut Token,
}

impl Tokenizer for FoldedWordTokenizer {
    type TokenStream<'a> = FoldedWordStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> FoldedWordStream<'a> {
        self.token.reset();
        FoldedWordStream {
            text,
            chars: text.char_indices(),
            token: &mut self.token,
        }
    }
}

impl TokenStream for FoldedWordStream<'_> {
    fn advance(&mut self) -> bool {
        self.token.position = self.token.position.wrapping_add(1);
        while let Some((from, c)) = self.chars.next() {
            if is_word_char(c) {
                let to = self
                    .chars
                    .find(|(_, c)| !is_word_char(*c))
                    .map(|(i, _)| i)
                    .unwrap_or(self.text.len());
                self.token.offset_from = from;
                self.token.offset_to = to;
                fold_into(&self.text[from..to], &mut self.token.text);
                if self.token.text.is_empty() {
                    continue;
                }
                return true;
            }
        }
        false
    }
    fn token(&self) -> &Token {
        self.token
    }
    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// Folds the whole (trimmed) input as one token.
#[derive(Clone, Default)]
pub struct FoldedRawTokenizer {
    token: Token,
}

/// Token stream of [`FoldedRawTokenizer`].
pub struct FoldedRawStream<'a> {
    token: &'a mut Token,
    done: bool,
}

impl Tokenizer for FoldedRawTokenizer {
    type TokenStream<'a> = FoldedRawStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> FoldedRawStream<'a> {
        self.token.reset();
        self.token.position = 0;
        self.token.offset_from = 0;
        self.token.offset_to = text.len();
        fold_into(text.trim(), &mut self.token.text);
        FoldedRawStream {
            token: &mut self.token,
            done: false,
        }
    }
}

impl TokenStream for FoldedRawStream<'_> {
    fn advance(&mut self) -> bool {
        let first = !self.done;
        self.done = true;
        first
    }
    fn token(&self) -> &Token {
        self.token
    }
    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        let mut a = folded_analyzer();
        let mut s = a.token_stream(text);
        let mut out = Vec::new();
        while s.advance() {
            out.push(s.token().text.clone());
        }
        out
    }

    #[test]
    fn folds_every_script() {
        assert_eq!(terms("İLHAM Işıqlı"), ["ilham", "isiqli"]);
        assert_eq!(terms("ГАСАНОВЫМ, Гянджа"), ["гасановым", "гянджа"]);
        assert_eq!(terms("ԵՐԵՎԱՆ"), terms("Երևան"));
        assert_eq!(terms("ᲗᲑᲘᲚᲘᲡᲘ"), ["თბილისი"]);
    }
}
