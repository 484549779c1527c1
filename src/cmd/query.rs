//! `pipeline query`: retrieve coded excerpts with context, in four formats.

use crate::cli::{Global, OutputFormat, QueryArgs};
use pipeline::codebook::{self};
use pipeline::index::IndexStore;
use pipeline::project::Project;
use pipeline::query::{self, Query, Word};
use pipeline::retrieve::{self, Request, Sort};
use pipeline::segment::SegmentKind;
use serde_json::json;
use std::io::IsTerminal;
use std::process::ExitCode;

/// Runs a query and prints the hits.
pub fn run(project: &Project, global: &Global, args: &QueryArgs) -> anyhow::Result<ExitCode> {
    let text = args.query.clone().unwrap_or_default();
    let parsed = match query::parse(&text) {
        Ok(q) => q,
        Err(e) => {
            eprintln!("{}", e.render(&text));
            anyhow::bail!("bad query: {e}");
        }
    };
    let books = if args.codes.is_empty() {
        Vec::new()
    } else {
        pipeline::workflow::codebooks(project)?
    };
    let mut codes = Vec::new();
    for spec in &args.codes {
        codes.extend(codebook::facets(&books, spec).map_err(|e| anyhow::anyhow!(e))?);
    }
    let mut filters = Vec::new();
    for w in &args.wheres {
        filters.push(
            retrieve::where_filter(w)
                .ok_or_else(|| anyhow::anyhow!("--where takes ATTR=VALUE, got `{w}`"))?,
        );
    }
    let field = |name: &str, v: &str| Query::Field {
        name: name.into(),
        value: Word {
            text: pipeline::fold::fold(v.trim_end_matches('*')),
            prefix: v.ends_with('*'),
        },
        at: 0..0,
    };
    if let Some(s) = &args.speaker {
        filters.push(field("speaker", s));
    }
    if let Some(r) = &args.role {
        if !["interviewer", "respondent", "other"].contains(&r.as_str()) {
            anyhow::bail!("--role takes interviewer, respondent or other, not `{r}`");
        }
        filters.push(field("role", r));
    }
    let documents = args.unit.as_deref() == Some("document");
    let unit = match args.unit.as_deref() {
        Some("any" | "document") => None,
        Some(u) => Some(SegmentKind::parse(u).ok_or_else(|| {
            anyhow::anyhow!("--unit takes sentence, paragraph, turn, document or any, not `{u}`")
        })?),
        None if !codes.is_empty() && parsed == Query::All => None,
        None => Some(SegmentKind::Sentence),
    };
    let sort = match args.sort.as_str() {
        "doc" => Sort::Doc,
        "score" => Sort::Score,
        other => anyhow::bail!("--sort takes doc or score, not `{other}`"),
    };
    // An unknown attribute is an error naming the closest, never an empty answer.
    let meta = pipeline::metadata::Metadata::load(&project.metadata_path())?;
    for f in filters
        .iter()
        .flat_map(Query::fields)
        .chain(parsed.fields())
    {
        meta.check_field(f).map_err(|e| anyhow::anyhow!(e))?;
    }
    let store = IndexStore::open(&project.index_dir())?;
    if !codes.is_empty() {
        // A query never answers from codings that no longer match the index.
        pipeline::workflow::ensure_fresh(project, &store)?;
    }
    // Never cut silently: a terminal shows a first page and says how to get
    // the rest; a pipe, a file or a machine format gets every hit.
    let page = std::io::stdout().is_terminal() && matches!(global.format, OutputFormat::Text);
    let limit = match args.limit.as_deref() {
        Some("all") => usize::MAX / 2,
        Some(n) => n
            .parse::<usize>()
            .map_err(|_| anyhow::anyhow!("--limit takes a number or `all`, not `{n}`"))?,
        None if page => 20,
        None => usize::MAX / 2,
    };
    let request = Request {
        query: parsed,
        codes,
        filters,
        doc_prefix: args.doc.clone(),
        unit,
        context: args.context,
        offset: args.offset,
        limit,
        sort,
        estimate_total: args.estimate_total,
    };
    // The documents that hold the hits, one line each.
    if documents {
        let docs = retrieve::search_documents(&store, &request)?;
        print_documents(&docs, global.format)?;
        return Ok(ExitCode::SUCCESS);
    }
    // Sentence codings asked for as paragraphs or turns: the units that hold them.
    let results = match request.unit {
        Some(u @ (SegmentKind::Paragraph | SegmentKind::Turn)) if !request.codes.is_empty() => {
            retrieve::search_lifted(&store, &request, u)?
        }
        _ => retrieve::search(&store, &request)?,
    };
    match global.format {
        OutputFormat::Json => println!(
            "{}",
            serde_json::to_string_pretty(&pipeline::views::hits_json(&results))?
        ),
        OutputFormat::Csv => pipeline::views::hits_csv(&results, std::io::stdout().lock())?,
        OutputFormat::Md => print!("{}", pipeline::views::hits_markdown(&results, args.offset)),
        _ => print_text(&results, args.offset, std::io::stdout().is_terminal()),
    }
    let shown = args.offset + results.hits.len();
    if shown < results.total && !global.quiet {
        eprintln!(
            "{}{} more hit(s) not shown: --limit all shows every hit, --offset {shown} the next page",
            if results.estimated { "about " } else { "" },
            results.total - shown
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `--unit document`: one row per document.
fn print_documents(docs: &[retrieve::DocumentHit], format: OutputFormat) -> anyhow::Result<()> {
    match format {
        OutputFormat::Json => println!(
            "{}",
            serde_json::to_string_pretty(&json!({"total": docs.len(), "documents": docs}))?
        ),
        OutputFormat::Csv => {
            let mut w = csv::Writer::from_writer(std::io::stdout().lock());
            w.write_record(["doc", "segments", "codes"])?;
            for d in docs {
                w.write_record([d.doc.as_str(), &d.segments.to_string(), &d.codes.join("; ")])?;
            }
            w.flush()?;
        }
        OutputFormat::Md => {
            println!("| doc | segments | codes |\n|---|---|---|");
            for d in docs {
                println!("| {} | {} | {} |", d.doc, d.segments, d.codes.join(", "));
            }
        }
        _ => {
            println!("{} document(s) match", docs.len());
            for d in docs {
                println!(
                    "{}  {} segment(s)  [{}]",
                    d.doc,
                    d.segments,
                    d.codes.join(", ")
                );
            }
        }
    }
    Ok(())
}

fn print_text(results: &retrieve::Results, offset: usize, colour: bool) {
    let (hl_open, hl_close, dim, reset) = if colour {
        ("\x1b[1;33m", "\x1b[0m", "\x1b[2m", "\x1b[0m")
    } else {
        ("[", "]", "", "")
    };
    println!(
        "{}{} segment(s) match{}",
        if results.estimated { "about " } else { "" },
        results.total,
        if results.hits.is_empty() {
            String::new()
        } else {
            format!("; showing {}–{}", offset + 1, offset + results.hits.len())
        }
    );
    for hit in &results.hits {
        let s = &hit.segment;
        println!();
        let codes = s.code_ids();
        println!(
            "{}  {}  {}{}",
            s.doc,
            s.location_label(),
            s.who(),
            if codes.is_empty() {
                String::new()
            } else {
                format!("  [{}]", codes.join(", "))
            }
        );
        for c in &hit.before {
            println!("  {dim}{}{reset}", c.text);
        }
        println!(
            "> {}",
            pipeline::model::marked(&s.text, &hit.highlights, hl_open, hl_close)
        );
        for c in &hit.after {
            println!("  {dim}{}{reset}", c.text);
        }
    }
}
