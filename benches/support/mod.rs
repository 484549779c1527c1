//! Deterministic generators shared by the benchmarks: a seeded PRNG,
//! multilingual sentences and interview transcripts.
#![allow(dead_code)]

/// xorshift64: deterministic and dependency-free.
pub struct Rng(pub u64);
impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

pub const WORDS: &[&str] = &[
    "we",
    "lived",
    "in",
    "the",
    "dormitory",
    "collective",
    "centre",
    "school",
    "for",
    "years",
    "and",
    "children",
    "were",
    "sick",
    "winter",
    "work",
    "market",
    "allowance",
    "documents",
    "pension",
    "return",
    "village",
    "house",
    "garden",
    "neighbours",
    "settlement",
    "bus",
    "city",
    "training",
    "course",
    "loan",
    "women",
    "health",
    "doctor",
    "trust",
    "other",
    "side",
    "Gəncə",
    "Bərdə",
    "Ağdam",
    "Şuşa",
    "qaçqın",
    "yataqxana",
    "общежитие",
    "беженцы",
    "работа",
    "дом",
    "Тбилиси",
    "Զանգեզուր",
    "տուն",
    "სახლი",
    "ქალაქი",
    "1993",
    "2008",
    "Mr.",
    "e.g.",
];

pub fn sentence(rng: &mut Rng) -> String {
    let n = 6 + rng.next() % 14;
    let mut s: Vec<&str> = (0..n).map(|_| rng.pick(WORDS)).collect();
    let first = s[0].to_string();
    let mut cap = first.chars();
    let capitalised = cap
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + cap.as_str())
        .unwrap_or_default();
    s[0] = "";
    format!("{capitalised}{}.", s.join(" "))
}

pub fn interview(rng: &mut Rng, target_bytes: usize) -> String {
    let mut text = String::from("Interview transcript (generated for benchmarking)\n\n");
    let mut turn = 0;
    while text.len() < target_bytes {
        let label = if turn % 2 == 0 {
            "Interviewer"
        } else {
            "Respondent"
        };
        text.push_str(label);
        text.push_str(": ");
        let sentences = if turn % 2 == 0 {
            1 + rng.next() % 2
        } else {
            3 + rng.next() % 8
        };
        for _ in 0..sentences {
            text.push_str(&sentence(rng));
            text.push(' ');
        }
        text.push_str("\n\n");
        turn += 1;
    }
    text
}

/// Segments as the indexing comparisons take them: (document id, segments).
pub type Segmented = Vec<(String, pipeline::segment::Segmented)>;

/// Time for a bare tantivy writer (one default-analysed text field, stored id)
/// to index `segmented` with `threads` threads and 100 MB per thread.
pub fn index_bare(segmented: &Segmented, threads: usize) -> std::time::Duration {
    use tantivy::schema::{STORED, STRING, Schema, TEXT};
    let dir = index_dir();
    let mut b = Schema::builder();
    let id = b.add_text_field("id", STRING | STORED);
    let text = b.add_text_field("text", TEXT | STORED);
    let index = tantivy::Index::create_in_dir(dir.path(), b.build()).unwrap();
    let t = std::time::Instant::now();
    let mut writer: tantivy::IndexWriter = index
        .writer_with_num_threads(threads, threads * 100_000_000)
        .unwrap();
    for (_, segs) in segmented {
        for s in &segs.segments {
            writer
                .add_document(tantivy::doc!(id => s.id.as_str(), text => s.text.as_str()))
                .unwrap();
        }
    }
    writer.commit().unwrap();
    t.elapsed()
}

/// Where the indexing comparison writes its indexes: memory (`/dev/shm`) when
/// there is one, so that both writers are timed on indexing and not on the
/// shared disk's fsyncs and the previous round's write-back.
fn index_dir() -> tempfile::TempDir {
    let shm = std::path::Path::new("/dev/shm");
    if shm.is_dir()
        && let Ok(dir) = tempfile::tempdir_in(shm)
    {
        return dir;
    }
    tempfile::tempdir().unwrap()
}

/// Indexing, ours against the bare writer: `rounds` alternating rounds, the
/// median time of each (one round is at the mercy of whatever else the
/// machine does during its few seconds) and the spread of per-round ratios.
pub struct IndexComparison {
    pub ours: std::time::Duration,
    pub bare: std::time::Duration,
    pub rounds: usize,
    pub lowest: f64,
    pub highest: f64,
}

impl IndexComparison {
    pub fn run(segmented: &Segmented, threads: usize, rounds: usize) -> IndexComparison {
        let rounds = rounds.max(1);
        let (mut bare, mut ours) = (Vec::new(), Vec::new());
        for _ in 0..rounds {
            bare.push(index_bare(segmented, threads));
            ours.push(index_ours(segmented, threads));
        }
        let ratios: Vec<f64> = bare
            .iter()
            .zip(&ours)
            .map(|(b, o)| b.as_secs_f64() / o.as_secs_f64())
            .collect();
        let median = |mut v: Vec<std::time::Duration>| {
            v.sort();
            v[v.len() / 2]
        };
        IndexComparison {
            ours: median(ours),
            bare: median(bare),
            rounds,
            lowest: ratios.iter().copied().fold(f64::INFINITY, f64::min),
            highest: ratios.iter().copied().fold(0.0, f64::max),
        }
    }

    /// Ours relative to the bare writer (speed), from the medians.
    pub fn ratio(&self) -> f64 {
        self.bare.as_secs_f64() / self.ours.as_secs_f64()
    }
}

/// Time for our index (schema, folding analyzer, fast fields) to index the same.
pub fn index_ours(segmented: &Segmented, threads: usize) -> std::time::Duration {
    use pipeline::index::IndexStore;
    let dir = index_dir();
    let store = IndexStore::create_staged(&dir.path().join("index")).unwrap();
    let t = std::time::Instant::now();
    let tx = store.begin(threads).unwrap();
    for (doc, segs) in segmented {
        for s in &segs.segments {
            tx.add_segment(doc, s, None).unwrap();
        }
        // As ingest does: the document's text is stored once, in its file
        // record (the bare writer stores every segment's text instead).
        tx.add_file(&text_record(doc, &segs.text), Some(&segs.text))
            .unwrap();
    }
    tx.commit(None).unwrap();
    t.elapsed()
}

/// The file record of an ingested text document (its text goes beside it).
pub fn text_record(doc: &str, text: &str) -> pipeline::manifest::FileRecord {
    pipeline::manifest::FileRecord {
        path: doc.to_string(),
        hash: String::new(),
        meta_hash: String::new(),
        size: text.len() as u64,
        format: pipeline::extract::Format::Text,
        status: pipeline::manifest::Status::Ok,
        reason: None,
        segments: Default::default(),
        pages: None,
        encoding: None,
        warnings: Vec::new(),
        parts: Vec::new(),
    }
}

/// The coder's input for segments of one document.
pub fn coder_inputs<'a>(
    doc: &'a str,
    segs: impl IntoIterator<Item = &'a pipeline::segment::Segment>,
) -> Vec<pipeline::code::SegmentInput<'a>> {
    segs.into_iter()
        .map(|s| pipeline::code::SegmentInput {
            id: &s.id,
            doc,
            kind: s.kind,
            text: &s.text,
            start: s.start,
            speaker: s.speaker.as_deref(),
            role: s.role.map(|r| r.name()),
            lang: s.lang,
            attrs: None,
        })
        .collect()
}
