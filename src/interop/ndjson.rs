//! NDJSON export of segments for Quickwit and Elasticsearch/OpenSearch, for
//! corpora that outgrow one machine (DESIGN §8).
//!
//! One JSON object per segment and line, in batches of at most `max_bytes`
//! (10 MB by default: Quickwit's and Elasticsearch's comfortable bulk size), so
//! each batch can be sent as it is. Every line carries the segment's text, its
//! folded text (our case- and diacritic-folding, so `İLHAM` and `ilham` match
//! in any engine as they do here), position, speaker, document attributes and
//! codes; `code_paths` adds every ancestor so a parent code is a term filter.
//! Beside the batches: a Quickwit index config and an Elasticsearch/OpenSearch
//! mapping whose fields match the lines (text indexed with positions, for
//! phrase queries).

use crate::index::StoredSegment;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Default batch size.
pub const MAX_BATCH_BYTES: usize = 10 * 1000 * 1000;

/// Name of the index in both configurations.
pub const INDEX_ID: &str = "pipeline-segments";

/// One line.
#[derive(Debug, Serialize)]
pub struct Line<'a> {
    /// Segment id.
    pub id: &'a str,
    /// Document id.
    pub doc: &'a str,
    /// `sentence`, `paragraph` or `turn`.
    pub kind: &'a str,
    /// Position among the document's segments of this kind.
    pub ordinal: u32,
    /// Text.
    pub text: &'a str,
    /// Folded text.
    pub text_folded: String,
    /// Speaker label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<&'a str>,
    /// Role.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<&'a str>,
    /// Language guess.
    pub lang: &'a str,
    /// Start offset (code points) into the document text.
    pub start: u64,
    /// End offset.
    pub end: u64,
    /// Page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u64>,
    /// Start time, ms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_ms: Option<u64>,
    /// End time, ms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_ms: Option<u64>,
    /// Paragraph ordinal.
    pub paragraph: u64,
    /// Turn ordinal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub turn: Option<u64>,
    /// `body`, `heading`, `table` or `note`.
    pub block: &'a str,
    /// Document attributes.
    pub attributes: BTreeMap<&'a str, &'a str>,
    /// Codes applied to the segment (`codebook:code`).
    pub codes: Vec<String>,
    /// The codes and all their ancestors.
    pub code_paths: Vec<String>,
}

/// The line of a segment.
pub fn line(s: &StoredSegment) -> Line<'_> {
    let codes: Vec<String> = s
        .codes
        .iter()
        .filter_map(|f| {
            let f = f.trim_start_matches('/');
            f.split_once('/').map(|(b, c)| format!("{b}:{c}"))
        })
        .collect();
    let mut paths: Vec<String> = Vec::new();
    for c in &codes {
        let mut p = c.as_str();
        loop {
            paths.push(p.to_string());
            match p.rsplit_once('/') {
                Some((parent, _)) => p = parent,
                None => break,
            }
        }
    }
    paths.sort();
    paths.dedup();
    Line {
        id: &s.id,
        doc: &s.doc,
        kind: s.kind.name(),
        ordinal: s.ordinal,
        text: &s.text,
        text_folded: crate::fold::fold(&s.text),
        speaker: s.speaker.as_deref(),
        role: s.role.as_deref(),
        lang: &s.lang,
        start: s.loc.start,
        end: s.loc.end,
        page: s.loc.page,
        start_ms: s.loc.start_ms,
        end_ms: s.loc.end_ms,
        paragraph: s.loc.paragraph,
        turn: s.loc.turn,
        block: &s.loc.block,
        attributes: s
            .attrs
            .iter()
            .flatten()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect(),
        codes,
        code_paths: paths,
    }
}

/// Writes lines into `segments-00001.ndjson`, `segments-00002.ndjson`, … in
/// `dir`, starting a new batch before one would pass `max_bytes`.
pub struct BatchWriter {
    dir: PathBuf,
    max_bytes: usize,
    current: Option<std::io::BufWriter<std::fs::File>>,
    current_bytes: usize,
    /// Files written, in order.
    pub files: Vec<PathBuf>,
    /// Lines written.
    pub lines: usize,
}

impl BatchWriter {
    /// A writer into `dir` (which must exist).
    pub fn new(dir: &Path, max_bytes: usize) -> BatchWriter {
        BatchWriter {
            dir: dir.to_path_buf(),
            max_bytes: max_bytes.max(1),
            current: None,
            current_bytes: 0,
            files: Vec::new(),
            lines: 0,
        }
    }

    /// Appends one line (a line longer than the batch size gets a batch of its own).
    pub fn write(&mut self, line: &Line) -> std::io::Result<()> {
        let mut bytes = serde_json::to_vec(line).map_err(std::io::Error::other)?;
        bytes.push(b'\n');
        if self.current.is_none() || self.current_bytes + bytes.len() > self.max_bytes {
            self.rotate()?;
        }
        let w = self.current.as_mut().expect("opened by rotate");
        w.write_all(&bytes)?;
        self.current_bytes += bytes.len();
        self.lines += 1;
        Ok(())
    }

    fn rotate(&mut self) -> std::io::Result<()> {
        if let Some(mut w) = self.current.take() {
            w.flush()?;
            w.get_ref().sync_all()?;
        }
        let path = self
            .dir
            .join(format!("segments-{:05}.ndjson", self.files.len() + 1));
        self.current = Some(std::io::BufWriter::new(std::fs::File::create(&path)?));
        self.files.push(path);
        self.current_bytes = 0;
        Ok(())
    }

    /// Flushes the last batch.
    pub fn finish(mut self) -> std::io::Result<(Vec<PathBuf>, usize)> {
        if let Some(mut w) = self.current.take() {
            w.flush()?;
            w.get_ref().sync_all()?;
        }
        Ok((self.files, self.lines))
    }
}

/// Quickwit index config (YAML) for the lines; `attributes` are the metadata
/// columns.
pub fn quickwit_config(attributes: &[String]) -> String {
    let mut o = String::new();
    o.push_str("# Quickwit index config for `pipeline export --format ndjson`.\n");
    o.push_str("# quickwit index create --index-config quickwit-index.yaml\n");
    o.push_str(
        "# quickwit index ingest --index pipeline-segments --input-path segments-00001.ndjson\n",
    );
    o.push_str("version: 0.8\n");
    o.push_str(&format!("index_id: {INDEX_ID}\n"));
    o.push_str("doc_mapping:\n  mode: strict\n  field_mappings:\n");
    let field = |o: &mut String, name: &str, rest: &str| {
        o.push_str(&format!("    - name: {name}\n{rest}"));
    };
    let raw = "      type: text\n      tokenizer: raw\n      fast: true\n";
    let int = "      type: u64\n      fast: true\n";
    field(&mut o, "id", raw);
    field(&mut o, "doc", raw);
    field(&mut o, "kind", raw);
    field(&mut o, "ordinal", int);
    field(
        &mut o,
        "text",
        "      type: text\n      tokenizer: default\n      record: position\n      stored: true\n",
    );
    field(
        &mut o,
        "text_folded",
        "      type: text\n      tokenizer: default\n      record: position\n      stored: false\n",
    );
    field(
        &mut o,
        "speaker",
        "      type: text\n      tokenizer: default\n      fast: false\n",
    );
    field(&mut o, "role", raw);
    field(&mut o, "lang", raw);
    for n in [
        "start",
        "end",
        "page",
        "start_ms",
        "end_ms",
        "paragraph",
        "turn",
    ] {
        field(&mut o, n, int);
    }
    field(&mut o, "block", raw);
    o.push_str("    - name: attributes\n      type: object\n      field_mappings:\n");
    for a in attributes {
        o.push_str(&format!(
            "        - name: {}\n          type: text\n          tokenizer: raw\n          fast: true\n",
            yaml_key(a)
        ));
    }
    if attributes.is_empty() {
        o.push_str("        []\n");
    }
    field(
        &mut o,
        "codes",
        "      type: array<text>\n      tokenizer: raw\n      fast: true\n",
    );
    field(
        &mut o,
        "code_paths",
        "      type: array<text>\n      tokenizer: raw\n      fast: true\n",
    );
    o.push_str("search_settings:\n  default_search_fields: [text, text_folded]\n");
    o
}

fn yaml_key(s: &str) -> String {
    if s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        s.to_string()
    } else {
        serde_json::to_string(s).expect("string")
    }
}

/// Elasticsearch/OpenSearch index body (settings + mappings) for the lines.
pub fn elasticsearch_mapping(attributes: &[String]) -> String {
    use serde_json::json;
    let keyword = json!({"type": "keyword"});
    let long = json!({"type": "long"});
    let mut attrs = serde_json::Map::new();
    for a in attributes {
        attrs.insert(a.clone(), keyword.clone());
    }
    let body = json!({
        "settings": {"index": {"number_of_shards": 1}},
        "mappings": {
            "dynamic": "strict",
            "properties": {
                "id": keyword, "doc": keyword, "kind": keyword, "ordinal": long,
                "text": {"type": "text", "index_options": "positions"},
                "text_folded": {"type": "text", "index_options": "positions"},
                "speaker": {"type": "text", "fields": {"raw": {"type": "keyword"}}},
                "role": keyword, "lang": keyword,
                "start": long, "end": long, "page": long, "start_ms": long, "end_ms": long,
                "paragraph": long, "turn": long, "block": keyword,
                "attributes": {"type": "object", "dynamic": "strict", "properties": attrs},
                "codes": keyword, "code_paths": keyword
            }
        }
    });
    let mut s = serde_json::to_string_pretty(&body).expect("json");
    s.push('\n');
    s
}
