//! `pipeline bundle NAME`: select, anonymise, render, leak-check, publish atomically.

use crate::cli::{BundleArgs, Global, OutputFormat};
use anyhow::Context;
use pipeline::anonymise::Pseudonyms;
use pipeline::bundle::{self, Inputs, Selection, gate, profile::Profile, render};
use pipeline::index::IndexStore;
use pipeline::lock::ProjectLock;
use pipeline::metadata::{Metadata, hex};
use pipeline::project::Project;
use pipeline::retrieve::{self, Request, Sort};
use serde_json::json;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::process::ExitCode;

/// The creation date: the flag, else SOURCE_DATE_EPOCH, else today (UTC).
pub fn created(flag: Option<&str>) -> anyhow::Result<String> {
    if let Some(d) = flag {
        let ok = d.len() == 10
            && d.chars().enumerate().all(|(i, c)| {
                if i == 4 || i == 7 {
                    c == '-'
                } else {
                    c.is_ascii_digit()
                }
            });
        anyhow::ensure!(ok, "--date takes YYYY-MM-DD, not `{d}`");
        return Ok(d.to_string());
    }
    let unix = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) => v
            .trim()
            .parse::<i64>()
            .with_context(|| format!("SOURCE_DATE_EPOCH is not a number: `{v}`"))?,
        Err(_) => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)?
            .as_secs() as i64,
    };
    Ok(bundle::date_of(unix))
}

/// The terminal line of a published bundle, saying when it went out unreviewed.
pub fn summary_line(name: &str, summary: &serde_json::Value) -> String {
    let mut line = format!(
        "bundle {name}: {} excerpts from {} documents → {}",
        summary["excerpts"],
        summary["documents"],
        summary["folder"].as_str().unwrap_or_default()
    );
    if let Some(n) = summary["unreviewed"].as_u64().filter(|&n| n > 0) {
        line.push_str(&format!(
            "\n  PUBLISHED WITH {n} UNREVIEWED FLAG(S) (--accept-unreviewed); the manifest says so. `pipeline review {name}` lists them."
        ));
    }
    line
}

/// Runs `pipeline bundle`.
pub fn run(project: &Project, global: &Global, args: &BundleArgs) -> anyhow::Result<ExitCode> {
    bundle::profile::valid_name(&args.name).map_err(|e| anyhow::anyhow!(e))?;
    let profiles = bundle::profile::load(&project.codebooks.join("bundles.toml"))
        .map_err(|e| anyhow::anyhow!(e))?;
    let adhoc =
        !args.codes.is_empty() || args.query.is_some() || !args.wheres.is_empty() || args.all;
    let mut profile = match profiles.into_iter().find(|p| p.name == args.name) {
        Some(p) if !adhoc => p,
        _ if adhoc => Profile {
            name: args.name.clone(),
            codes: args.codes.clone(),
            query: args.query.clone(),
            wheres: args.wheres.clone(),
            all: args.all,
            ..Profile::default()
        },
        _ => anyhow::bail!(
            "no bundle profile `{}` in {}; give --code, --query, --where or --all to select excerpts",
            args.name,
            project.codebooks.join("bundles.toml").display()
        ),
    };
    if let Some(c) = args.context {
        profile.context = c;
    }
    let date = created(args.date.as_deref())?;
    let summary = publish(
        project,
        global,
        &profile,
        &date,
        args.accept_unreviewed,
        args.allow_empty,
    )?;
    match global.format {
        OutputFormat::Json => println!("{}", serde_json::to_string_pretty(&summary)?),
        _ if global.quiet => {}
        _ => println!("{}", summary_line(&profile.name, &summary)),
    }
    Ok(ExitCode::SUCCESS)
}

/// A bundle built and anonymised in memory, not yet gated nor published.
pub struct Prepared {
    /// The bundle.
    pub built: bundle::Bundle,
    /// Its anonymisation report (with the flagged texts, for review).
    pub report: bundle::Report,
    /// The pseudonym table after building it (the key).
    pub table: Pseudonyms,
    /// The leak gate over the project's register.
    pub gate: gate::Gate,
}

/// Selects and anonymises a bundle's excerpts (the caller holds the lock).
pub fn prepare(
    project: &Project,
    global: &Global,
    profile: &Profile,
    date: &str,
) -> anyhow::Result<Prepared> {
    let books = pipeline::codebook::load_dir(&project.codebooks).map_err(|problems| {
        for p in &problems {
            eprintln!("{p}");
        }
        anyhow::anyhow!("{} problem(s) in codebooks", problems.len())
    })?;
    let store = IndexStore::open(&project.index_dir())?;
    // Never a bundle from codings that no longer match the index.
    super::stats::ensure_fresh(project, &store)?;
    let docs: Vec<String> = store.ingested_docs()?;
    let meta = Metadata::load(&project.metadata_path())?;
    let attrs: HashMap<String, BTreeMap<String, String>> = docs
        .iter()
        .map(|d| (d.clone(), meta.get(d).unwrap_or_default()))
        .collect();
    let doc_ids = bundle::document_ids(&docs);

    // Selection.
    let query = match &profile.query {
        Some(q) => pipeline::query::parse(q).map_err(|e| {
            anyhow::anyhow!("bundle `{}`: bad query: {}", profile.name, e.render(q))
        })?,
        None => pipeline::query::Query::All,
    };
    let mut codes = Vec::new();
    for c in &profile.codes {
        codes.extend(
            pipeline::codebook::facets(&books, c)
                .map_err(|e| anyhow::anyhow!("bundle `{}`: {e}", profile.name))?,
        );
    }
    anyhow::ensure!(
        profile.all || !codes.is_empty() || profile.query.is_some(),
        "bundle `{}` selects nothing: give codes, a query or all = true",
        profile.name
    );
    let mut filters = Vec::new();
    for w in &profile.wheres {
        filters.push(retrieve::where_filter(w).ok_or_else(|| {
            anyhow::anyhow!(
                "bundle `{}`: where takes ATTR=VALUE, got `{w}`",
                profile.name
            )
        })?);
    }
    let unit = if profile.all {
        Some(pipeline::segment::SegmentKind::Paragraph)
    } else if codes.is_empty() {
        Some(pipeline::segment::SegmentKind::Sentence)
    } else {
        None
    };
    let request = Request {
        query,
        codes,
        filters,
        doc_prefix: None,
        unit,
        context: profile.context,
        offset: 0,
        limit: usize::MAX / 2,
        sort: Sort::Doc,
    };
    let mut results = retrieve::search(&store, &request)?;
    // Titles and one-word table cells are no excerpts (unless the profile
    // asks for headings).
    results
        .hits
        .retain(|h| profile.excerptable(&h.segment.loc.block, &h.segment.text));

    // Anonymise and build.
    let anon = super::anonymise::anonymiser(project)?;
    let gate = gate::Gate::new(anon.register());
    let mut table: Pseudonyms = pipeline::keys::load(&project.outputs)?.unwrap_or_default();
    anon.seed(&mut table);
    let rules = profile.generalisations().map_err(|e| anyhow::anyhow!(e))?;
    let title = profile
        .title
        .clone()
        .unwrap_or_else(|| format!("Excerpts: {}", profile.name));
    let inputs = Inputs {
        name: &profile.name,
        title: &title,
        created: date,
        selection: Selection {
            codes: profile.codes.clone(),
            query: profile.query.clone(),
            wheres: profile.wheres.clone(),
            all: profile.all,
            context: profile.context,
        },
        books: &books,
        hits: &results.hits,
        doc_ids: &doc_ids,
        attrs: &attrs,
        rules: &rules,
    };
    let bar = super::progress_bar(global, &format!("bundle {}", profile.name));
    let (built, report) = bundle::build(&inputs, &anon, &mut table, &|done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    });
    bar.finish_and_clear();
    Ok(Prepared {
        built,
        report,
        table,
        gate,
    })
}

/// Builds, gates and publishes one bundle; returns a summary.
///
/// The review gate: a bundle with review flags that no decision in
/// `corpus/review.csv` resolves is not published unless `accept_unreviewed`.
pub fn publish(
    project: &Project,
    global: &Global,
    profile: &Profile,
    date: &str,
    accept_unreviewed: bool,
    allow_empty: bool,
) -> anyhow::Result<serde_json::Value> {
    let _lock = ProjectLock::acquire(&project.outputs)?;
    let Prepared {
        built,
        report,
        table,
        gate,
    } = prepare(project, global, profile, date)?;
    // A bundle records its selection; a registered name in the query or the
    // attribute filters would be published with it.
    let selection: Vec<&str> = profile
        .query
        .iter()
        .chain(&profile.wheres)
        .map(String::as_str)
        .collect();
    for s in &selection {
        if !gate.scan("selection", s, &[]).is_empty() {
            anyhow::bail!(
                "bundle `{}`: its selection (`--query`/`--where`) contains a registered identifier, and a bundle records its selection; nothing was published. Select by codes or by words that name nobody",
                profile.name
            );
        }
    }
    if built.excerpts.is_empty() && !allow_empty {
        anyhow::bail!(pipeline::Error::Outdated(format!(
            "bundle `{}` selects no excerpts; nothing was published{}. Check the selection (and that `pipeline code` ran), or publish an empty bundle with --allow-empty",
            profile.name,
            if project.outputs.join("bundles").join(&profile.name).exists() {
                " and the published bundle is left as it was"
            } else {
                ""
            }
        )));
    }
    let unresolved = report.flags.len();
    if unresolved > 0 && !accept_unreviewed {
        anyhow::bail!(
            "bundle `{}`: {unresolved} review flag(s) unresolved (words the anonymiser was unsure of); nothing was published. Run `pipeline review {}` to see them and decide (--keep / --replace / --register), or publish anyway with --accept-unreviewed",
            profile.name,
            profile.name
        );
    }

    // Render into a temporary folder.
    let bundles = project.outputs.join("bundles");
    std::fs::create_dir_all(&bundles)
        .with_context(|| format!("cannot create {}", bundles.display()))?;
    let target = bundles.join(&profile.name);
    // A crash of an earlier run may have left a staged or an old folder.
    pipeline::project::recover_dir(&target)?;
    let tmp = pipeline::project::sibling(&target, "tmp");
    std::fs::create_dir_all(&tmp)?;
    let result = (|| -> anyhow::Result<serde_json::Value> {
        let mut files: Vec<(&str, Vec<u8>)> = vec![
            ("bundle.json", render::json(&built).into_bytes()),
            ("bundle.html", render::html(&built).into_bytes()),
            ("bundle.docx", bundle::docx::docx(&built)),
            (
                "anonymisation-report.json",
                (serde_json::to_string_pretty(&report)? + "\n").into_bytes(),
            ),
        ];
        let documents = built
            .excerpts
            .iter()
            .map(|e| e.document.as_str())
            .collect::<std::collections::BTreeSet<_>>()
            .len();
        let manifest = json!({
            "schema": "pipeline.bundle-manifest/v1",
            "name": built.name,
            "created": built.created,
            "codebooks": built.codebooks.iter().map(|b| json!({"id": b.id, "version": b.version})).collect::<Vec<_>>(),
            "counts": {"excerpts": built.excerpts.len(), "documents": documents, "codes": built.codes.len()},
            "review": {"flags": unresolved, "unresolved": unresolved, "accepted_unreviewed": unresolved > 0 && accept_unreviewed},
            "files": files.iter().map(|(name, bytes)| json!({"name": name, "sha256": hex(&Sha256::digest(bytes)), "bytes": bytes.len()})).collect::<Vec<_>>(),
        });
        files.push((
            "manifest.json",
            (serde_json::to_string_pretty(&manifest)? + "\n").into_bytes(),
        ));
        // The leak gate, over every file as it will be published.
        let mut leaks = Vec::new();
        for (name, bytes) in &files {
            if name.ends_with(".docx") {
                // The text inside the DOCX, read back the way ingest reads
                // DOCX, each paragraph and part on its own (joined, the last
                // digits of one and a date in the next look like a phone).
                let x = pipeline::extract::extract_bytes(
                    bytes,
                    pipeline::extract::Format::Docx,
                    &pipeline::extract::Limits::default(),
                )
                .map_err(|e| anyhow::anyhow!("cannot read back {name}: {e}"))?;
                let texts = x
                    .blocks
                    .into_iter()
                    .map(|b| b.text)
                    .chain(x.parts.into_iter().map(|p| p.text));
                let mut excerpt = None;
                for text in texts {
                    let mut found = gate.scan(name, &text, &[date]);
                    for l in &mut found {
                        if l.excerpt.is_none() {
                            l.excerpt.clone_from(&excerpt);
                        }
                    }
                    leaks.extend(found);
                    if let Some(id) = gate::last_excerpt(&text) {
                        excerpt = Some(id);
                    }
                }
            } else {
                let text = String::from_utf8_lossy(bytes);
                leaks.extend(gate.scan(name, &text, &[date]));
            }
        }
        if !leaks.is_empty() {
            for l in &leaks {
                eprintln!(
                    "leak: {} ({:?}) in {}{}",
                    l.kind.name(),
                    l.source,
                    l.file,
                    l.excerpt
                        .as_ref()
                        .map(|e| format!(", excerpt {e}"))
                        .unwrap_or_default()
                );
            }
            anyhow::bail!(
                "LEAK: {} identifier(s) found in the bundle `{}`; nothing was published. Fix the register or the selection and run again.",
                leaks.len(),
                built.name
            );
        }
        for (name, bytes) in &files {
            write_file(&tmp.join(name), bytes)?;
        }
        Ok(
            json!({"name": built.name, "excerpts": built.excerpts.len(), "documents": documents, "codes": built.codes.len(), "unreviewed": if accept_unreviewed { unresolved } else { 0 }}),
        )
    })();
    let mut summary = match result {
        Ok(s) => s,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(e);
        }
    };
    // Keep the key first (a key entry without a bundle is harmless; a bundle
    // whose pseudonyms are not in the key could never be traced back), then
    // swap the complete folder into place atomically.
    if let Err(e) = pipeline::keys::save(&project.outputs, &table) {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e.into());
    }
    pipeline::project::swap_dir_into(&tmp, &target)?;
    summary["folder"] = json!(target.display().to_string());
    Ok(summary)
}

fn write_file(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    use std::io::Write;
    let mut f =
        std::fs::File::create(path).with_context(|| format!("cannot write {}", path.display()))?;
    f.write_all(bytes)?;
    f.sync_all()?;
    Ok(())
}
