//! The desk's pages: each view loads what it shows through the library
//! (`load`, blocking) and renders it with maud (`render`), which escapes
//! every text it is given. No page holds inline script or style (the
//! Content-Security-Policy forbids them): code colours are classes of
//! `/assets/desk.css`, chosen by the code's place in the codebooks.

use super::auth::Session;
use crate::codebook::Codebook;
use crate::error::{Error, Result};
use crate::human::{HandCoding, HumanStore, Memo, MemoTarget};
use crate::index::IndexStore;
use crate::model::{Hit, StoredSegment};
use crate::project::Project;
use crate::retrieve::{self, Request, Sort};
use crate::segment::SegmentKind;
use maud::{DOCTYPE, Markup, html};
use std::collections::{BTreeMap, HashMap};

/// Colour classes of codes (`c0`…`c11` in `desk.css`), cycled.
const COLOURS: usize = 12;

/// Percent-encoding for a query-string value.
pub(crate) fn url_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Percent-decoding of a query-string value (`+` is a space).
pub(crate) fn url_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                match std::str::from_utf8(&bytes[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                {
                    Some(v) => {
                        out.push(v);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Every code of the codebooks: `book:code` → (name, colour class, description).
struct Codes {
    by_label: BTreeMap<String, (String, usize, Option<String>)>,
}

impl Codes {
    fn of(books: &[Codebook]) -> Codes {
        let mut by_label = BTreeMap::new();
        let mut i = 0;
        for b in books {
            for c in &b.codes {
                by_label.insert(
                    format!("{}:{}", b.id, c.id),
                    (c.name.clone(), i % COLOURS, c.description.clone()),
                );
                i += 1;
            }
        }
        Codes { by_label }
    }

    /// `book:code` of a facet `/book/code/child`.
    fn label_of_facet(facet: &str) -> String {
        let f = facet.trim_start_matches('/');
        match f.split_once('/') {
            Some((b, c)) => format!("{b}:{c}"),
            None => f.to_string(),
        }
    }

    fn name(&self, label: &str) -> String {
        self.by_label
            .get(label)
            .map_or_else(|| label.to_string(), |(n, _, _)| n.clone())
    }

    fn colour(&self, label: &str) -> String {
        format!("c{}", self.by_label.get(label).map_or(0, |(_, c, _)| *c))
    }

    fn select(&self, name: &str, chosen: &str) -> Markup {
        html! {
            select name=(name) id=(name) required {
                option value="" { "— code —" }
                @for (label, (n, _, _)) in &self.by_label {
                    option value=(label) selected[label == chosen] { (n) " (" (label) ")" }
                }
            }
        }
    }
}

fn layout(session: Option<&Session>, title: &str, active: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " — pipeline desk" }
                link rel="stylesheet" href="/assets/desk.css";
                script src="/assets/desk.js" defer {}
            }
            body {
                a.skip href="#main" { "Skip to content" }
                header {
                    nav aria-label="Desk" {
                        span.brand { "pipeline desk" }
                        @for (href, name) in [("/", "Overview"), ("/search", "Search"), ("/tables", "Tables"), ("/memos", "Memos"), ("/review", "Review")] {
                            a href=(href) aria-current=[(active == name).then_some("page")] { (name) }
                        }
                        @if let Some(s) = session {
                            span.editor { "Editor: " (s.editor) }
                            form.signout method="post" action="/signout" {
                                input type="hidden" name="csrf" value=(s.csrf);
                                button type="submit" { "Sign out" }
                            }
                        }
                    }
                }
                main #main { (body) }
            }
        }
    }
}

/// A page that says one thing (errors, refusals).
pub(crate) fn message(title: &str, text: &str) -> axum::response::Html<String> {
    axum::response::Html(
        layout(
            None,
            title,
            "",
            html! { h1 { (title) } p.message { (text) } },
        )
        .into_string(),
    )
}

pub(crate) fn signin(error: Option<&str>) -> Markup {
    layout(
        None,
        "Sign in",
        "",
        html! {
            h1 { "Sign in" }
            @if let Some(e) = error { p.error role="alert" { (e) } }
            form method="post" action="/signin" {
                label for="name" { "Name" } input #name name="name" autocomplete="username" required;
                label for="password" { "Password" } input #password type="password" name="password" autocomplete="current-password" required;
                button type="submit" { "Sign in" }
            }
        },
    )
}

fn stale_banner(stale: &Option<String>) -> Markup {
    html! {
        @if let Some(why) = stale {
            p.stale role="alert" { "Codings are not up to date, so codes are not shown as current: " (why) }
        }
    }
}

fn csrf(session: &Session) -> Markup {
    html! { input type="hidden" name="csrf" value=(session.csrf); }
}

/// A document of the overview: ingested or not, and why.
struct DocRow {
    path: String,
    format: &'static str,
    values: Vec<String>,
    codings: usize,
    /// Why it was not ingested.
    status: Option<String>,
    warnings: Vec<String>,
}

/// The overview: documents and the codebook tree with counts.
pub(crate) struct Overview {
    docs: Vec<DocRow>,
    columns: Vec<String>,
    books: Vec<Codebook>,
    counts: HashMap<String, (usize, usize)>,
    hand: usize,
    stale: Option<String>,
}

impl Overview {
    pub(crate) fn load(project: &Project) -> Result<Overview> {
        let store = IndexStore::open(&project.index_dir())?;
        let records = file_records(project, &store)?;
        let meta = crate::metadata::Metadata::load(&project.metadata_path())?;
        let columns: Vec<String> = meta
            .columns()
            .iter()
            .filter(|c| c.as_str() != "file")
            .take(6)
            .cloned()
            .collect();
        let books = crate::workflow::codebooks(project)?;
        // Counts from the codings file alone (no segment is loaded), kept
        // for as long as the index's last commit is the same.
        let (counts, per_doc, stale) = match overview_counts(project, &books) {
            Ok(c) => (c.0.clone(), c.1.clone(), None),
            Err(e) => (HashMap::new(), HashMap::new(), Some(e.to_string())),
        };
        let hand = match HumanStore::open_existing(&project.corpus)? {
            Some(s) => s.codings()?.len(),
            None => 0,
        };
        let docs = records
            .iter()
            .map(|r| {
                let attrs = meta.get(&r.path).unwrap_or_default();
                let values = columns
                    .iter()
                    .map(|c| attrs.get(c).cloned().unwrap_or_default())
                    .collect();
                let n = per_doc.get(&r.path).copied().unwrap_or(0);
                let status = match r.status {
                    crate::manifest::Status::Ok => None,
                    crate::manifest::Status::Failed => {
                        Some(r.reason.clone().unwrap_or_else(|| "failed".into()))
                    }
                };
                DocRow {
                    path: r.path.clone(),
                    format: r.format.name(),
                    values,
                    codings: n,
                    status,
                    warnings: r.warnings.clone(),
                }
            })
            .collect();
        Ok(Overview {
            docs,
            columns,
            books,
            counts,
            hand,
            stale,
        })
    }

    pub(crate) fn render(&self, session: &Session) -> Markup {
        let codes = Codes::of(&self.books);
        let body = html! {
            h1 { "Overview" }
            (stale_banner(&self.stale))
            @let failed = self.docs.iter().filter(|d| d.status.is_some()).count();
            p {
                (self.docs.len() - failed) " documents"
                @if failed > 0 { " · " strong { (failed) " not ingested" } " (listed below with the reason)" }
                " · " (codes.by_label.len()) " codes · " (self.hand) " hand codings, confirmations and rejections"
            }
            section aria-labelledby="cb" {
                h2 #cb { "Codebooks" }
                @for b in &self.books {
                    h3 { (b.title) " " span.muted { "(" (b.id) ", version " (b.version) ")" } }
                    @if let Some(d) = &b.description { p.muted { (d) } }
                    (tree(b, &codes, &self.counts))
                }
            }
            section aria-labelledby="docs" {
                h2 #docs { "Documents" }
                table.docs {
                    thead { tr {
                        th scope="col" { "Document" }
                        @for c in &self.columns { th scope="col" { (c) } }
                        th scope="col" { "Format" }
                        th scope="col" { "Status" }
                        th scope="col" { "Codings" }
                    } }
                    tbody {
                        @for d in &self.docs {
                            tr {
                                td {
                                    @if d.status.is_none() {
                                        a href={ "/doc?id=" (url_encode(&d.path)) } { (d.path) }
                                    } @else {
                                        (d.path)
                                    }
                                }
                                @for v in &d.values { td { (v) } }
                                td { (d.format) }
                                @match &d.status {
                                    None if d.warnings.is_empty() => td { "ingested" },
                                    None => td title=(d.warnings.join("\n")) { "ingested, " (d.warnings.len()) " warning(s)" },
                                    Some(reason) => td.failed { "not ingested: " (reason) },
                                }
                                td.num { (d.codings) }
                            }
                        }
                    }
                }
            }
        };
        layout(Some(session), "Overview", "Overview", body)
    }
}

/// The index's file records, read once per commit: each holds its
/// document's text, so reading them all costs a pass over the corpus (a
/// second at 10,000 documents), which the overview must not pay per visit.
fn file_records(
    project: &Project,
    store: &IndexStore,
) -> Result<std::sync::Arc<Vec<crate::manifest::FileRecord>>> {
    use std::sync::{Arc, Mutex};
    type Cached = (
        std::path::PathBuf,
        String,
        Arc<Vec<crate::manifest::FileRecord>>,
    );
    static CACHE: Mutex<Option<Cached>> = Mutex::new(None);
    let stamp = store.commit_id()?;
    if let Some((dir, s, records)) = CACHE.lock().expect("cache").as_ref()
        && dir == &project.outputs
        && *s == stamp
    {
        return Ok(records.clone());
    }
    let records = Arc::new(store.file_records()?);
    *CACHE.lock().expect("cache") = Some((project.outputs.clone(), stamp, records.clone()));
    Ok(records)
}

/// Per code `book:code`: (segments, documents) coded with it itself; per
/// document: its codings.
type OverviewCounts = (HashMap<String, (usize, usize)>, HashMap<String, usize>);

/// The overview's counts, computed once per commit of the index.
fn overview_counts(
    project: &Project,
    books: &[Codebook],
) -> Result<std::sync::Arc<OverviewCounts>> {
    use std::collections::HashSet;
    use std::sync::{Arc, Mutex};
    /// (outputs folder, the commit's codings hash, the counts).
    type Cached = (std::path::PathBuf, Option<String>, Arc<OverviewCounts>);
    static CACHE: Mutex<Option<Cached>> = Mutex::new(None);
    let store = IndexStore::open(&project.index_dir())?;
    crate::workflow::ensure_fresh(project, &store)?;
    let key = store.codings_hash()?;
    if let Some((dir, k, counts)) = CACHE.lock().expect("cache").as_ref()
        && dir == &project.outputs
        && *k == key
    {
        return Ok(counts.clone());
    }
    // Read line by line with only the fields counted: the codings of
    // 10,000 documents are hundreds of megabytes.
    #[derive(serde::Deserialize)]
    struct Row<'a> {
        #[serde(borrow)]
        codebook: std::borrow::Cow<'a, str>,
        #[serde(borrow)]
        code: std::borrow::Cow<'a, str>,
        #[serde(borrow)]
        segment: std::borrow::Cow<'a, str>,
        #[serde(borrow)]
        doc: std::borrow::Cow<'a, str>,
    }
    let ids: HashSet<&str> = books.iter().map(|b| b.id.as_str()).collect();
    let mut segments: HashMap<String, (HashSet<String>, HashSet<String>)> = HashMap::new();
    let mut per_doc: HashMap<String, usize> = HashMap::new();
    crate::workflow::codings::for_each_committed_line(project, &store, |line| {
        let c: Row = serde_json::from_str(line).map_err(|e| format!("not a coding: {e}"))?;
        if !ids.contains(c.codebook.as_ref()) {
            return Ok(());
        }
        let e = segments
            .entry(format!("{}:{}", c.codebook, c.code))
            .or_default();
        if !e.0.contains(c.segment.as_ref()) {
            e.0.insert(c.segment.into_owned());
        }
        if !e.1.contains(c.doc.as_ref()) {
            e.1.insert(c.doc.to_string());
        }
        match per_doc.get_mut(c.doc.as_ref()) {
            Some(n) => *n += 1,
            None => {
                per_doc.insert(c.doc.into_owned(), 1);
            }
        }
        Ok(())
    })?;
    let counts: HashMap<String, (usize, usize)> = segments
        .into_iter()
        .map(|(k, (s, d))| (k, (s.len(), d.len())))
        .collect();
    let counts = Arc::new((counts, per_doc));
    *CACHE.lock().expect("cache") = Some((project.outputs.clone(), key, counts.clone()));
    Ok(counts)
}

/// A codebook's codes as a nested list (`a/b` under `a`), with counts.
fn tree(book: &Codebook, codes: &Codes, counts: &HashMap<String, (usize, usize)>) -> Markup {
    fn level(
        book: &Codebook,
        parent: &str,
        codes: &Codes,
        counts: &HashMap<String, (usize, usize)>,
    ) -> Markup {
        let children: Vec<&crate::codebook::Code> = book
            .codes
            .iter()
            .filter(|c| match c.id.rsplit_once('/') {
                Some((p, _)) => p == parent,
                None => parent.is_empty(),
            })
            .collect();
        html! {
            @if !children.is_empty() {
                ul.tree {
                    @for c in children {
                        @let label = format!("{}:{}", book.id, c.id);
                        @let (segments, documents) = counts.get(&label).copied().unwrap_or((0, 0));
                        li {
                            span class={ "swatch " (codes.colour(&label)) } aria-hidden="true" {}
                            a href={ "/code?book=" (url_encode(&book.id)) "&code=" (url_encode(&c.id)) } { (c.name) }
                            " " span.muted { (segments) " segments · " (documents) " documents" }
                            @if let Some(d) = &c.description { div.desc { (d) } }
                            (level(book, &c.id, codes, counts))
                        }
                    }
                }
            }
        }
    }
    level(book, "", codes, counts)
}

/// One document: paragraphs of sentences, codes in the margin.
pub(crate) struct DocumentView {
    doc: String,
    attrs: Vec<(String, String)>,
    paragraphs: Vec<(StoredSegment, Vec<StoredSegment>)>,
    books: Vec<Codebook>,
    hand: Vec<HandCoding>,
    memos: Vec<Memo>,
    stale: Option<String>,
}

impl DocumentView {
    /// `None` when `doc` is not an ingested document (nothing else is
    /// looked up: a parameter never names a file).
    pub(crate) fn load(project: &Project, doc: &str) -> Result<Option<DocumentView>> {
        let store = IndexStore::open(&project.index_dir())?;
        let searcher = store.snapshot()?;
        // Looked up as a term of the index: a document with no segment (not
        // ingested, or failed) is not there, and no file is ever opened.
        let segments = store.doc_segments(&searcher, doc)?;
        if segments.is_empty() {
            return Ok(None);
        }
        let stale = crate::workflow::ensure_fresh(project, &store)
            .err()
            .map(|e| e.to_string());
        let mut sentences: Vec<StoredSegment> = Vec::new();
        let mut paragraphs: Vec<(StoredSegment, Vec<StoredSegment>)> = Vec::new();
        for s in segments {
            match s.kind {
                SegmentKind::Sentence => sentences.push(s),
                SegmentKind::Paragraph => paragraphs.push((s, Vec::new())),
                SegmentKind::Turn => {}
            }
        }
        paragraphs.sort_by_key(|(p, _)| p.ordinal);
        sentences.sort_by_key(|s| s.ordinal);
        for s in sentences {
            if let Some((_, inside)) = paragraphs
                .iter_mut()
                .find(|(p, _)| p.loc.start <= s.loc.start && s.loc.end <= p.loc.end)
            {
                inside.push(s);
            }
        }
        let attrs = paragraphs
            .first()
            .and_then(|(p, _)| p.attrs.clone())
            .map(|a| a.into_iter().collect())
            .unwrap_or_default();
        let (hand, memos) = match HumanStore::open_existing(&project.corpus)? {
            Some(s) => (
                s.codings_of(doc)?,
                s.memos()?
                    .into_iter()
                    .filter(|m| match &m.target {
                        MemoTarget::Document { doc: d } => d == doc,
                        MemoTarget::Passage(p) => p.doc == doc,
                        MemoTarget::Code { .. } => false,
                    })
                    .collect(),
            ),
            None => (Vec::new(), Vec::new()),
        };
        Ok(Some(DocumentView {
            doc: doc.to_string(),
            attrs,
            paragraphs,
            books: crate::workflow::codebooks(project)?,
            hand,
            memos,
            stale,
        }))
    }

    /// Hand work on a segment with a code: the row, if any.
    fn hand_on(&self, seg: &StoredSegment, label: &str) -> Option<&HandCoding> {
        self.hand.iter().find(|h| {
            format!("{}:{}", h.codebook, h.code) == label
                && h.passage.start < seg.loc.end as usize
                && h.passage.end > seg.loc.start as usize
        })
    }

    pub(crate) fn render(&self, session: &Session) -> Markup {
        let codes = Codes::of(&self.books);
        let body = html! {
            h1 { (self.doc) }
            (stale_banner(&self.stale))
            @if !self.attrs.is_empty() {
                dl.attrs { @for (k, v) in &self.attrs { dt { (k) } dd { (v) } } }
            }
            p.muted.help { "Select text to code it or write a memo on it; j / k move between paragraphs; a stripe or a sentence shows its codes." }
            div.doclayout {
                article.text aria-label="Document text" {
                    @for (p, sentences) in &self.paragraphs {
                        @let labels = labels_of(p, sentences);
                        section.para tabindex="0" id={ "p" (p.ordinal) } data-start=(p.loc.start) data-end=(p.loc.end) {
                            div.stripes aria-hidden="true" {
                                @for l in &labels {
                                    span class={ "stripe " (codes.colour(l)) } title=(codes.name(l)) data-code=(l) {}
                                }
                            }
                            div.where { (p.location_label()) }
                            @if !p.who().is_empty() { div.who { (p.who()) } }
                            p.ptext {
                                @if sentences.is_empty() {
                                    span.s data-start=(p.loc.start) data-end=(p.loc.end) { (p.text) }
                                }
                                @for s in sentences {
                                    span.s data-start=(s.loc.start) data-end=(s.loc.end)
                                        data-codes=(s.codes.iter().map(|f| codes.name(&Codes::label_of_facet(f))).collect::<Vec<_>>().join(", ")) { (s.text) }
                                    " "
                                }
                            }
                            @if !labels.is_empty() {
                                details.codes {
                                    summary { (labels.len()) " code(s): " (labels.iter().map(|l| codes.name(l)).collect::<Vec<_>>().join(", ")) }
                                    ul {
                                        @for seg in std::iter::once(p).chain(sentences.iter()) {
                                            @for f in &seg.codes {
                                                @let l = Codes::label_of_facet(f);
                                                li {
                                                    span class={ "swatch " (codes.colour(&l)) } aria-hidden="true" {}
                                                    strong { (codes.name(&l)) } " — "
                                                    q { (excerpt(&seg.text, 90)) }
                                                    @match self.hand_on(seg, &l) {
                                                        Some(h) => {
                                                            " " span.by { (h.action.name()) " by " (h.editor) }
                                                            form.inline method="post" action="/coding/withdraw" {
                                                                (csrf(session))
                                                                input type="hidden" name="id" value=(h.id);
                                                                input type="hidden" name="doc" value=(self.doc);
                                                                button type="submit" { "Withdraw" }
                                                            }
                                                        }
                                                        None => {
                                                            @for (action, text) in [("confirm", "Confirm"), ("reject", "Reject")] {
                                                                form.inline method="post" action="/coding" {
                                                                    (csrf(session))
                                                                    input type="hidden" name="doc" value=(self.doc);
                                                                    input type="hidden" name="start" value=(seg.loc.start);
                                                                    input type="hidden" name="end" value=(seg.loc.end);
                                                                    input type="hidden" name="code" value=(l);
                                                                    input type="hidden" name="action" value=(action);
                                                                    button type="submit" { (text) }
                                                                }
                                                            }
                                                        }
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                aside.panel aria-label="Coding and memos" {
                    h2 { "Code a passage" }
                    form #code-form method="post" action="/coding" {
                        (csrf(session))
                        input type="hidden" name="doc" value=(self.doc);
                        input type="hidden" name="action" value="add";
                        p #selection.muted { "Select text in the document." }
                        label for="start" { "From character" } input #start type="number" name="start" min="0" required;
                        label for="end" { "to" } input #end type="number" name="end" min="1" required;
                        label for="code" { "Code" } (codes.select("code", ""))
                        button type="submit" { "Add code" }
                    }
                    h2 { "Memos" }
                    @for m in &self.memos {
                        div.memo {
                            @if let MemoTarget::Passage(p) = &m.target { q { (excerpt(&p.quote, 80)) } }
                            p { (m.text) }
                            p.muted { (m.editor) ", " (m.updated) }
                        }
                    }
                    form #memo-form method="post" action="/memo" {
                        (csrf(session))
                        input type="hidden" name="doc" value=(self.doc);
                        input type="hidden" #memo-kind name="kind" value="document";
                        input type="hidden" #memo-start name="start";
                        input type="hidden" #memo-end name="end";
                        label for="memo-text" { "Memo on this document (or on the selection)" }
                        textarea #memo-text name="text" rows="4" required {}
                        button type="submit" { "Save memo" }
                    }
                }
            }
        };
        layout(Some(session), &self.doc, "", body)
    }
}

/// The codes of a paragraph and its sentences, `book:code`, sorted, once each.
fn labels_of(p: &StoredSegment, sentences: &[StoredSegment]) -> Vec<String> {
    let mut labels: Vec<String> = p
        .codes
        .iter()
        .chain(sentences.iter().flat_map(|s| s.codes.iter()))
        .map(|f| Codes::label_of_facet(f))
        .collect();
    labels.sort();
    labels.dedup();
    labels
}

/// The first `n` characters of `text`, with an ellipsis when cut.
fn excerpt(text: &str, n: usize) -> String {
    let mut out: String = text.chars().take(n).collect();
    if text.chars().count() > n {
        out.push('…');
    }
    out
}

/// A segment's text with its highlights marked.
fn highlighted(text: &str, spans: &[std::ops::Range<usize>]) -> Markup {
    let mut spans: Vec<_> = spans
        .iter()
        .filter(|r| r.start < r.end && r.end <= text.len())
        .filter(|r| text.is_char_boundary(r.start) && text.is_char_boundary(r.end))
        .cloned()
        .collect();
    spans.sort_by_key(|r| r.start);
    // (plain text, marked text) pieces; overlapping spans are merged away.
    let mut pieces: Vec<(&str, &str)> = Vec::new();
    let mut at = 0;
    for r in &spans {
        if r.start >= at {
            pieces.push((&text[at..r.start], &text[r.clone()]));
            at = r.end;
        }
    }
    html! {
        @for (plain, marked) in &pieces { (plain) mark { (marked) } }
        (&text[at..])
    }
}

fn hit_markup(hit: &Hit, codes: &Codes) -> Markup {
    let s = &hit.segment;
    html! {
        li.hit {
            div.source {
                a href={ "/doc?id=" (url_encode(&s.doc)) "#p" (s.loc.paragraph) } { (s.doc) }
                " · " (s.location_label())
                @if !s.who().is_empty() { " · " (s.who()) }
            }
            @for b in &hit.before { p.context { (b.text) } }
            p.excerpt { (highlighted(&s.text, &hit.highlights)) }
            @for a in &hit.after { p.context { (a.text) } }
            @if !s.codes.is_empty() {
                p.chips {
                    @for f in &s.codes {
                        @let l = Codes::label_of_facet(f);
                        span class={ "chip " (codes.colour(&l)) } { (codes.name(&l)) }
                    }
                }
            }
        }
    }
}

/// Every excerpt of a code, filtered by attributes.
pub(crate) struct CodeView {
    book: String,
    code: String,
    name: String,
    description: Option<String>,
    filter: String,
    result: std::result::Result<retrieve::Results, String>,
    books: Vec<Codebook>,
    memos: Vec<Memo>,
}

impl CodeView {
    pub(crate) fn load(
        project: &Project,
        book: &str,
        code: &str,
        filter: &str,
    ) -> Result<CodeView> {
        let books = crate::workflow::codebooks(project)?;
        let found = books
            .iter()
            .find(|b| b.id == book)
            .and_then(|b| b.codes.iter().find(|c| c.id == code))
            .ok_or_else(|| Error::Invalid(format!("no code `{code}` in codebook `{book}`")))?;
        let (name, description) = (found.name.clone(), found.description.clone());
        let result = (|| -> Result<retrieve::Results> {
            let store = IndexStore::open(&project.index_dir())?;
            crate::workflow::ensure_fresh(project, &store)?;
            let facets = crate::codebook::facets(&books, &format!("{book}:{code}"))
                .map_err(Error::Invalid)?;
            let filters = where_filters(project, filter)?;
            retrieve::search(
                &store,
                &Request {
                    query: crate::query::Query::All,
                    codes: facets,
                    filters,
                    doc_prefix: None,
                    unit: None,
                    context: 1,
                    offset: 0,
                    limit: 500,
                    sort: Sort::Doc,
                    estimate_total: false,
                },
            )
        })()
        .map_err(|e| e.to_string());
        let memos = match HumanStore::open_existing(&project.corpus)? {
            Some(s) => s
                .memos()?
                .into_iter()
                .filter(|m| matches!(&m.target, MemoTarget::Code { codebook, code: c } if codebook == book && c == code))
                .collect(),
            None => Vec::new(),
        };
        Ok(CodeView {
            book: book.into(),
            code: code.into(),
            name,
            description,
            filter: filter.into(),
            result,
            books,
            memos,
        })
    }

    pub(crate) fn render(&self, session: &Session) -> Markup {
        let codes = Codes::of(&self.books);
        let label = format!("{}:{}", self.book, self.code);
        let body = html! {
            h1 { span class={ "swatch " (codes.colour(&label)) } aria-hidden="true" {} (self.name) }
            @if let Some(d) = &self.description { p { (d) } }
            form.filters method="get" action="/code" {
                input type="hidden" name="book" value=(self.book);
                input type="hidden" name="code" value=(self.code);
                label for="where" { "Only documents where (ATTR=VALUE)" }
                input #where name="where" value=(self.filter) placeholder="region=Ganja";
                button type="submit" { "Filter" }
            }
            @match &self.result {
                Ok(r) => {
                    p { (r.total) " excerpt(s)" @if r.total > r.hits.len() { ", the first " (r.hits.len()) " shown" } }
                    ol.hits { @for h in &r.hits { (hit_markup(h, &codes)) } }
                }
                Err(e) => { p.error role="alert" { (e) } }
            }
            h2 { "Memos on this code" }
            @for m in &self.memos { div.memo { p { (m.text) } p.muted { (m.editor) ", " (m.updated) } } }
            form method="post" action="/memo" {
                (csrf(session))
                input type="hidden" name="kind" value="code";
                input type="hidden" name="code" value=(label);
                label for="memo-text" { "New memo" }
                textarea #memo-text name="text" rows="3" required {}
                button type="submit" { "Save memo" }
            }
        };
        layout(Some(session), &self.name, "", body)
    }
}

/// `ATTR=VALUE` filters, separated by commas; an unknown attribute is an
/// error naming the closest (as on the command line).
fn where_filters(project: &Project, spec: &str) -> Result<Vec<crate::query::Query>> {
    let meta = crate::metadata::Metadata::load(&project.metadata_path())?;
    let mut out = Vec::new();
    for w in spec.split(',').map(str::trim).filter(|w| !w.is_empty()) {
        let q = retrieve::where_filter(w)
            .ok_or_else(|| Error::Invalid(format!("a filter is ATTR=VALUE, not `{w}`")))?;
        for f in q.fields() {
            meta.check_field(f).map_err(Error::Invalid)?;
        }
        out.push(q);
    }
    Ok(out)
}

/// The search page: the project's query language, live results, paging,
/// a keyword-in-context view.
pub(crate) struct SearchView {
    params: super::SearchParams,
    result: std::result::Result<retrieve::Results, String>,
    books: Vec<Codebook>,
}

/// Hits per page.
const PAGE: usize = 20;

impl SearchView {
    pub(crate) fn load(project: &Project, p: &super::SearchParams) -> SearchView {
        let books = crate::workflow::codebooks(project).unwrap_or_default();
        let result = if p.q.trim().is_empty() && p.code.is_empty() {
            Ok(retrieve::Results {
                total: 0,
                estimated: false,
                hits: Vec::new(),
            })
        } else {
            (|| -> std::result::Result<retrieve::Results, String> {
                let query = crate::query::parse(&p.q).map_err(|e| e.render(&p.q))?;
                let store = IndexStore::open(&project.index_dir()).map_err(|e| e.to_string())?;
                let mut codes = Vec::new();
                if !p.code.is_empty() {
                    crate::workflow::ensure_fresh(project, &store).map_err(|e| e.to_string())?;
                    codes = crate::codebook::facets(&books, &p.code)?;
                }
                let filters = where_filters(project, &p.r#where).map_err(|e| e.to_string())?;
                let meta = crate::metadata::Metadata::load(&project.metadata_path())
                    .map_err(|e| e.to_string())?;
                for f in query.fields() {
                    meta.check_field(f)?;
                }
                let unit = if query == crate::query::Query::All {
                    None
                } else {
                    Some(SegmentKind::Sentence)
                };
                retrieve::search(
                    &store,
                    &Request {
                        query,
                        codes,
                        filters,
                        doc_prefix: None,
                        unit,
                        context: usize::from(p.view != "kwic"),
                        offset: p.offset,
                        limit: PAGE,
                        sort: Sort::Doc,
                        // The desk searches as the editor types: the page is exact, the
                        // total may be estimated where an exact count would
                        // cost a pass over every match (said "about").
                        estimate_total: true,
                    },
                )
                .map_err(|e| e.to_string())
            })()
        };
        SearchView {
            params: p.clone(),
            result,
            books,
        }
    }

    /// The results alone (the live search replaces them in place).
    pub(crate) fn results(&self) -> Markup {
        let codes = Codes::of(&self.books);
        let p = &self.params;
        let link = |offset: usize| {
            format!(
                "/search?q={}&code={}&where={}&view={}&offset={offset}",
                url_encode(&p.q),
                url_encode(&p.code),
                url_encode(&p.r#where),
                url_encode(&p.view)
            )
        };
        html! {
            div #results aria-live="polite" {
                @match &self.result {
                    Err(e) => { pre.error role="alert" { (e) } }
                    Ok(r) if p.q.trim().is_empty() && p.code.is_empty() => { p.muted { "Type a query: words, prefixes (dormitor*), \"phrases\", AND / OR / NOT, role:respondent, region:Ganja." } @let _ = r; }
                    Ok(r) => {
                        p.total { @if r.estimated { "about " } (r.total) " hit(s)" @if r.total > 0 { ", " (p.offset + 1) "–" (p.offset + r.hits.len()) } }
                        @if p.view == "kwic" {
                            table.kwic {
                                thead { tr { th scope="col" { "Before" } th scope="col" { "Match" } th scope="col" { "After" } th scope="col" { "Source" } } }
                                tbody {
                                    @for h in &r.hits {
                                        @for span in &h.highlights {
                                            @if span.end <= h.segment.text.len() && h.segment.text.is_char_boundary(span.start) && h.segment.text.is_char_boundary(span.end) {
                                                tr {
                                                    td.left { (tail(&h.segment.text[..span.start], 50)) }
                                                    td.match { mark { (&h.segment.text[span.clone()]) } }
                                                    td { (excerpt(&h.segment.text[span.end..], 50)) }
                                                    td { a href={ "/doc?id=" (url_encode(&h.segment.doc)) "#p" (h.segment.loc.paragraph) } { (h.segment.doc) } }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        } @else {
                            ol.hits start=(p.offset + 1) { @for h in &r.hits { (hit_markup(h, &codes)) } }
                        }
                        nav.pages aria-label="Pages" {
                            @if p.offset > 0 { a href=(link(p.offset.saturating_sub(PAGE))) rel="prev" { "← Previous" } }
                            @if (p.offset + r.hits.len() < r.total && !r.estimated) || (r.estimated && r.hits.len() == PAGE) { a href=(link(p.offset + PAGE)) rel="next" { "Next →" } }
                        }
                    }
                }
            }
        }
    }

    pub(crate) fn render(&self, session: &Session) -> Markup {
        let codes = Codes::of(&self.books);
        let p = &self.params;
        let body = html! {
            h1 { "Search" }
            form #search-form method="get" action="/search" role="search" {
                label for="q" { "Query" }
                input #q name="q" value=(p.q) autocomplete="off" spellcheck="false";
                label for="code" { "Code" }
                (codes.select_optional("code", &p.code))
                label for="where" { "Where (ATTR=VALUE, …)" }
                input #where name="where" value=(p.r#where);
                label for="view" { "View" }
                select #view name="view" {
                    option value="" selected[p.view != "kwic"] { "Excerpts with context" }
                    option value="kwic" selected[p.view == "kwic"] { "Keyword in context" }
                }
                button type="submit" { "Search" }
            }
            (self.results())
        };
        layout(Some(session), "Search", "Search", body)
    }
}

impl Codes {
    fn select_optional(&self, name: &str, chosen: &str) -> Markup {
        html! {
            select name=(name) id=(name) {
                option value="" { "any" }
                @for (label, (n, _, _)) in &self.by_label {
                    option value=(label) selected[label == chosen] { (n) }
                }
            }
        }
    }
}

/// The last `n` characters of `text`, with an ellipsis when cut.
fn tail(text: &str, n: usize) -> String {
    let count = text.chars().count();
    if count <= n {
        return text.to_string();
    }
    let mut out = String::from("…");
    out.extend(text.chars().skip(count - n));
    out
}

/// Code frequencies and heat maps.
pub(crate) struct TablesView {
    by: String,
    columns: Vec<String>,
    stats: Vec<crate::stats::CodeStats>,
    codes: crate::stats::Matrix,
    attrs: Option<crate::stats::Matrix>,
    docs: crate::stats::Matrix,
}

impl TablesView {
    pub(crate) fn load(project: &Project, by: &str) -> Result<TablesView> {
        let loaded = crate::workflow::load_coded(project)?;
        let coded = loaded.coded();
        let meta = crate::metadata::Metadata::load(&project.metadata_path())?;
        let columns: Vec<String> = meta
            .columns()
            .iter()
            .filter(|c| c.as_str() != "file")
            .cloned()
            .collect();
        let attrs = if by.is_empty() {
            None
        } else {
            meta.check_field(by).map_err(Error::Invalid)?;
            Some(coded.attribute_matrix(by, crate::stats::Count::Documents))
        };
        // Code × document: documents as columns, segments counted.
        let mut doc_cols: Vec<String> = loaded.attrs.keys().cloned().collect();
        doc_cols.sort();
        let stats = coded.stats(None);
        let mut cells = vec![vec![0usize; doc_cols.len()]; stats.len()];
        let row_of: HashMap<&str, usize> = stats
            .iter()
            .enumerate()
            .map(|(i, s)| (s.code.as_str(), i))
            .collect();
        let col_of: HashMap<&str, usize> = doc_cols
            .iter()
            .enumerate()
            .map(|(i, d)| (d.as_str(), i))
            .collect();
        for c in &loaded.codings {
            if let (Some(&r), Some(&k)) = (
                row_of.get(format!("{}:{}", c.codebook, c.code).as_str()),
                col_of.get(c.doc.as_str()),
            ) {
                cells[r][k] += 1;
            }
        }
        let docs = crate::stats::Matrix {
            rows: stats.iter().map(|s| s.code.clone()).collect(),
            cols: doc_cols,
            cells,
        };
        Ok(TablesView {
            by: by.to_string(),
            columns,
            codes: coded.code_matrix(crate::stats::Within::Segment, crate::stats::Count::Units),
            stats,
            attrs,
            docs,
        })
    }

    fn matrix(&self, kind: &str) -> Option<&crate::stats::Matrix> {
        match kind {
            "codes" => Some(&self.codes),
            "attribute" => self.attrs.as_ref(),
            "documents" => Some(&self.docs),
            _ => None,
        }
    }

    /// A table as CSV: `frequencies`, `codes`, `attribute` or `documents`.
    pub(crate) fn csv(&self, kind: &str) -> Result<String> {
        let mut w = csv::Writer::from_writer(Vec::new());
        let bad = |e: csv::Error| Error::Invalid(e.to_string());
        if kind == "frequencies" {
            w.write_record([
                "code",
                "name",
                "segments",
                "documents",
                "words",
                "share_of_documents",
            ])
            .map_err(bad)?;
            for s in &self.stats {
                w.write_record([
                    s.code.clone(),
                    s.name.clone(),
                    s.segments.to_string(),
                    s.documents.to_string(),
                    s.words.to_string(),
                    format!("{:.4}", s.share_of_documents),
                ])
                .map_err(bad)?;
            }
        } else {
            let m = self
                .matrix(kind)
                .ok_or_else(|| Error::Invalid(format!("no table `{kind}`")))?;
            let mut header = vec![String::new()];
            header.extend(m.cols.iter().cloned());
            w.write_record(&header).map_err(bad)?;
            for (r, row) in m.rows.iter().zip(&m.cells) {
                let mut line = vec![r.clone()];
                line.extend(row.iter().map(usize::to_string));
                w.write_record(&line).map_err(bad)?;
            }
        }
        String::from_utf8(w.into_inner().map_err(|e| Error::Invalid(e.to_string()))?)
            .map_err(|e| Error::Invalid(e.to_string()))
    }

    /// A table as an SVG heat map (`codes`, `attribute` or `documents`), or
    /// the frequencies as bars: a file to put in a report as it is.
    pub(crate) fn svg(&self, kind: &str) -> Result<String> {
        const BLUES: [&str; 10] = [
            "#ffffff", "#eef4fb", "#dce9f6", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5",
            "#08519c", "#08306b",
        ];
        let (rows, cols, cells): (Vec<String>, Vec<String>, Vec<Vec<usize>>) =
            if kind == "frequencies" {
                (
                    self.stats.iter().map(|s| s.name.clone()).collect(),
                    vec!["segments".into()],
                    self.stats.iter().map(|s| vec![s.segments]).collect(),
                )
            } else {
                let m = self
                    .matrix(kind)
                    .ok_or_else(|| Error::Invalid(format!("no table `{kind}`")))?;
                (m.rows.clone(), m.cols.clone(), m.cells.clone())
            };
        let max = cells.iter().flatten().copied().max().unwrap_or(0).max(1);
        let label_w = 7 * rows.iter().map(|r| r.chars().count()).max().unwrap_or(0) + 12;
        let head_h = 7 * cols.iter().map(|c| c.chars().count()).max().unwrap_or(0) + 12;
        let (cw, ch) = (44usize, 22usize);
        let width = label_w + cw * cols.len() + 4;
        let height = head_h + ch * rows.len() + 4;
        let svg = html! {
            svg xmlns="http://www.w3.org/2000/svg" width=(width) height=(height) viewBox={ "0 0 " (width) " " (height) } font-family="sans-serif" font-size="12" {
                @for (j, c) in cols.iter().enumerate() {
                    text transform={ "translate(" (label_w + j * cw + cw / 2 + 4) "," (head_h - 6) ") rotate(-60)" } { (c) }
                }
                @for (i, (r, row)) in rows.iter().zip(&cells).enumerate() {
                    text x="4" y=(head_h + i * ch + 15) { (r) }
                    @for (j, v) in row.iter().enumerate() {
                        @let level = (v * 9).div_ceil(max);
                        rect x=(label_w + j * cw) y=(head_h + i * ch) width=(cw - 2) height=(ch - 2) fill=(BLUES[level]) {}
                        text x=(label_w + j * cw + cw - 6) y=(head_h + i * ch + 15) text-anchor="end" fill=(if level >= 6 { "#ffffff" } else { "#000000" }) { (v) }
                    }
                }
            }
        };
        Ok(format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}\n",
            svg.into_string()
        ))
    }

    fn heat(&self, m: &crate::stats::Matrix, caption: &str, kind: &str) -> Markup {
        let max = m.cells.iter().flatten().copied().max().unwrap_or(0).max(1);
        html! {
            figure.heat {
                figcaption {
                    (caption) " · " a href={ "/tables.csv?kind=" (kind) "&by=" (url_encode(&self.by)) } download { "CSV" }
                    " · " a href={ "/tables.svg?kind=" (kind) "&by=" (url_encode(&self.by)) } download { "SVG" }
                    " · " button.png type="button" data-svg={ "/tables.svg?kind=" (kind) "&by=" (url_encode(&self.by)) } data-name=(kind) { "PNG" }
                }
                div.scroll {
                    table.heat {
                        thead { tr { th {} @for c in &m.cols { th scope="col" { (c) } } } }
                        tbody {
                            @for (r, row) in m.rows.iter().zip(&m.cells) {
                                tr {
                                    th scope="row" { (r) }
                                    @for v in row { td class={ "h" ((v * 9).div_ceil(max)) } { (v) } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    pub(crate) fn render(&self, session: &Session) -> Markup {
        let max = self
            .stats
            .iter()
            .map(|s| s.segments)
            .max()
            .unwrap_or(0)
            .max(1);
        let body = html! {
            h1 { "Tables and charts" }
            figure {
                figcaption { "Code frequencies · " a href="/tables.csv?kind=frequencies" download { "CSV" } " · " a href="/tables.svg?kind=frequencies" download { "SVG" } " · " button.png type="button" data-svg="/tables.svg?kind=frequencies" data-name="frequencies" { "PNG" } }
                table.freq {
                    thead { tr { th scope="col" { "Code" } th scope="col" { "Segments" } th scope="col" { "Documents" } th scope="col" { "Share of documents" } } }
                    tbody {
                        @for s in &self.stats {
                            tr {
                                th scope="row" { (s.name) " " span.muted { (s.code) } }
                                td.num {
                                    span class={ "bar w" ((s.segments * 20).div_ceil(max)) } aria-hidden="true" {}
                                    (s.segments)
                                }
                                td.num { (s.documents) }
                                td.num { (format!("{:.0} %", s.share_of_documents * 100.0)) }
                            }
                        }
                    }
                }
            }
            (self.heat(&self.codes, "Code × code: segments coded with both", "codes"))
            form.filters method="get" action="/tables" {
                label for="by" { "Code × attribute" }
                select #by name="by" {
                    option value="" { "— attribute —" }
                    @for c in &self.columns { option value=(c) selected[c == &self.by] { (c) } }
                }
                button type="submit" { "Show" }
            }
            @if let Some(m) = &self.attrs {
                (self.heat(m, &format!("Code × {}: documents", self.by), "attribute"))
            }
            (self.heat(&self.docs, "Code × document: codings", "documents"))
        };
        layout(Some(session), "Tables", "Tables", body)
    }
}

/// The review before publishing: a bundle as it would go out, every
/// replacement marked, every review flag with its context and the three
/// decisions, and the button that publishes through the same gates as
/// `pipeline bundle`.
pub(crate) struct ReviewView {
    profiles: Vec<String>,
    chosen: Option<(
        String,
        std::result::Result<crate::workflow::Prepared, String>,
    )>,
}

impl ReviewView {
    pub(crate) fn load(project: &Project, bundle: &str) -> Result<ReviewView> {
        let profiles = crate::workflow::review::profiles(project)?
            .into_iter()
            .map(|p| p.name)
            .collect();
        let chosen = if bundle.is_empty() {
            None
        } else {
            let profile = crate::workflow::review::profile(project, bundle)?;
            let prepared = crate::workflow::review::flags(project, &profile, &|_, _| {})
                .map_err(|e| e.to_string());
            Some((bundle.to_string(), prepared))
        };
        Ok(ReviewView { profiles, chosen })
    }

    pub(crate) fn render(&self, session: &Session, outcome: Option<&str>) -> Markup {
        let body = html! {
            h1 { "Review before publishing" }
            @if let Some(o) = outcome { p.outcome role="status" { (o) } }
            nav.bundles aria-label="Bundles" {
                @for name in &self.profiles {
                    a href={ "/review?bundle=" (url_encode(name)) }
                        aria-current=[(self.chosen.as_ref().is_some_and(|(c, _)| c == name)).then_some("page")] { (name) }
                }
            }
            @if let Some((name, prepared)) = &self.chosen {
                @match prepared {
                    Err(e) => { p.error role="alert" { (e) } }
                    Ok(p) => {
                        @let flagged = &p.report.flagged;
                        h2 { "Review flags (" (flagged.len()) ")" }
                        @if flagged.is_empty() {
                            p { "No flag is unresolved: the bundle can be published." }
                        }
                        ol.flags {
                            @for f in flagged {
                                li.flag {
                                    p { strong { (f.text) } " — " (f.reason) " " span.muted { "(" (f.excerpt) ")" } }
                                    p.context { "…" (highlight_word(&f.context, &f.text)) "…" }
                                    form.inline method="post" action="/review/decide" {
                                        (csrf(session))
                                        input type="hidden" name="bundle" value=(name);
                                        input type="hidden" name="text" value=(f.text);
                                        button type="submit" name="decision" value="keep" { "Keep (not identifying)" }
                                        button type="submit" name="decision" value="replace" { "Replace everywhere" }
                                        button type="submit" name="decision" value="register" { "Add to register" }
                                        label { "as " select name="kind" {
                                            @for k in ["name", "person", "place", "organisation", "other"] { option value=(k) { (k) } }
                                        } }
                                    }
                                }
                            }
                        }
                        h2 { "Publish" }
                        form method="post" action="/publish" {
                            (csrf(session))
                            input type="hidden" name="bundle" value=(name);
                            @if !flagged.is_empty() {
                                label { input type="checkbox" name="accept" value="1"; " Publish with " (flagged.len()) " unresolved flag(s) (said in the manifest)" }
                            }
                            button type="submit" { "Publish " (name) }
                        }
                        h2 { "Preview: " (p.built.excerpts.len()) " excerpt(s), replacements marked" }
                        ol.preview {
                            @for e in &p.built.excerpts {
                                li {
                                    p.muted { (e.id) " · " (e.document) @if let Some(r) = &e.role { " · " (r) } }
                                    p { (mark_replacements(&e.text)) }
                                }
                            }
                        }
                    }
                }
            }
        };
        layout(Some(session), "Review", "Review", body)
    }
}

/// Text with every `[Kind N]` replacement marked.
fn mark_replacements(text: &str) -> Markup {
    let mut pieces: Vec<(&str, &str)> = Vec::new();
    let mut at = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'['
            && let Some(len) = text[i..].find(']').filter(|&l| l <= 60)
            && len > 1
            && !text[i + 1..i + len].contains('[')
        {
            pieces.push((&text[at..i], &text[i..=i + len]));
            at = i + len + 1;
            i = at;
            continue;
        }
        i += 1;
    }
    html! {
        @for (plain, marked) in &pieces { (plain) mark.replacement { (marked) } }
        (&text[at..])
    }
}

/// `context` with the first occurrence of `word` marked.
fn highlight_word(context: &str, word: &str) -> Markup {
    match context.find(word) {
        Some(at) => {
            html! { (&context[..at]) mark { (word) } (&context[at + word.len()..]) }
        }
        None => html! { (context) },
    }
}

/// Memos, searched by their words.
pub(crate) fn memos_page(session: &Session, q: &str, memos: &[Memo]) -> Markup {
    let body = html! {
        h1 { "Memos" }
        form method="get" action="/memos" role="search" {
            label for="mq" { "Memos with the words" }
            input #mq name="q" value=(q);
            button type="submit" { "Search" }
        }
        p { (memos.len()) " memo(s)" }
        @for m in memos {
            div.memo {
                p.muted {
                    @match &m.target {
                        MemoTarget::Document { doc } => { "On " a href={ "/doc?id=" (url_encode(doc)) } { (doc) } }
                        MemoTarget::Passage(p) => { "On " a href={ "/doc?id=" (url_encode(&p.doc)) } { (p.doc) } ": " q { (excerpt(&p.quote, 80)) } }
                        MemoTarget::Code { codebook, code } => { "On code " a href={ "/code?book=" (url_encode(codebook)) "&code=" (url_encode(code)) } { (codebook) ":" (code) } }
                    }
                }
                p { (m.text) }
                p.muted { (m.editor) ", " (m.updated) }
            }
        }
    };
    layout(Some(session), "Memos", "Memos", body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_round_trip_through_the_url() {
        for s in ["Gəncə & Bərdə", "a+b=c", "общежитие №5", "x%y", "100%"] {
            assert_eq!(url_decode(&url_encode(s)), s);
        }
        assert_eq!(url_decode("a+b%2"), "a b%2");
    }

    #[test]
    fn hostile_text_is_escaped_and_highlights_stay_inside() {
        let text = "<script>alert(1)</script> \"dormitory\" </textarea>";
        let at = text.find("dormitory").unwrap();
        let html = highlighted(text, &[at..at + 9, 0..200]).into_string();
        assert!(!html.contains("<script>"), "{html}");
        assert!(!html.contains("</textarea>"), "{html}");
        assert!(html.contains("<mark>dormitory</mark>"), "{html}");
    }
}
