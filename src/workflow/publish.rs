//! Publishing a bundle: select, anonymise, render, gate, save the key, swap
//! the folder into place. Every gate lives here, so that no caller can
//! publish around one:
//!
//! 1. codings fresh ([`super::ensure_fresh`]);
//! 2. no registered identifier in the bundle's own selection (a bundle
//!    records its query and filters);
//! 3. no empty selection replacing a published bundle unless asked;
//! 4. the review gate: no unresolved review flag unless accepted, and then
//!    said in the manifest;
//! 5. the independent leak gate ([`crate::bundle::gate`]) over every file as
//!    it will be published, the text inside the DOCX included;
//! 6. the key saved before the folder is swapped into place, atomically.

use crate::anonymise::Pseudonyms;
use crate::bundle::profile::{Link, Profile};
use crate::bundle::{self, Inputs, Selection, gate, render};
use crate::error::{Error, Result};
use crate::index::IndexStore;
use crate::lock::ProjectLock;
use crate::metadata::{Metadata, hex};
use crate::project::Project;
use crate::retrieve::{self, Request, Sort};
use serde::Serialize;
use serde_json::json;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// The creation date of a bundle: `flag` (`YYYY-MM-DD`, a real date), else
/// `SOURCE_DATE_EPOCH`, else today (UTC).
pub fn created(flag: Option<&str>) -> Result<String> {
    if let Some(d) = flag {
        let ok = d.len() == 10 && d.parse::<jiff::civil::Date>().is_ok();
        if !ok {
            return Err(Error::Invalid(format!(
                "--date takes a date as YYYY-MM-DD, not `{d}`"
            )));
        }
        return Ok(d.to_string());
    }
    let unix = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) => v
            .trim()
            .parse::<i64>()
            .map_err(|_| Error::Invalid(format!("SOURCE_DATE_EPOCH is not a number: `{v}`")))?,
        Err(_) => jiff::Timestamp::now().as_second(),
    };
    Ok(bundle::date_of(unix))
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
    /// Whose key the table is: the project's or this bundle's own.
    pub link: Link,
}

/// What a published bundle holds and where it is.
#[derive(Debug, Clone, Serialize)]
pub struct Published {
    /// The profile's name.
    pub name: String,
    /// Excerpts.
    pub excerpts: usize,
    /// Documents they come from.
    pub documents: usize,
    /// Codes shown.
    pub codes: usize,
    /// Review flags published unresolved (`--accept-unreviewed`).
    pub unreviewed: usize,
    /// The bundle's folder.
    pub folder: PathBuf,
}

/// Selects and anonymises a bundle's excerpts (the caller holds the lock);
/// `progress(done, total)` per excerpt.
pub fn prepare(
    project: &Project,
    profile: &Profile,
    date: &str,
    progress: &dyn Fn(usize, usize),
) -> Result<Prepared> {
    let books = super::codebooks(project)?;
    let store = IndexStore::open(&project.index_dir())?;
    // Never a bundle from codings that no longer match the index.
    super::ensure_fresh(project, &store)?;
    let docs: Vec<String> = store.ingested_docs()?;
    let meta = Metadata::load(&project.metadata_path())?;
    let attrs: HashMap<String, BTreeMap<String, String>> = docs
        .iter()
        .map(|d| (d.clone(), meta.get(d).unwrap_or_default()))
        .collect();
    let link = profile.link().map_err(Error::Invalid)?;
    // `link = "bundle"`: ids and pseudonyms of this bundle's own, so that
    // two bundles cannot be joined on them.
    let doc_ids = match link {
        Link::Project => bundle::document_ids(&docs),
        Link::Bundle => bundle::document_ids_of_bundle(&docs, &profile.name),
    };
    let invalid = |what: String| Error::Invalid(format!("bundle `{}`: {what}", profile.name));

    // Selection.
    let query = match &profile.query {
        Some(q) => {
            crate::query::parse(q).map_err(|e| invalid(format!("bad query: {}", e.render(q))))?
        }
        None => crate::query::Query::All,
    };
    let mut codes = Vec::new();
    for c in &profile.codes {
        codes.extend(crate::codebook::facets(&books, c).map_err(|e| invalid(e.to_string()))?);
    }
    if !(profile.all || !codes.is_empty() || profile.query.is_some()) {
        return Err(invalid(
            "selects nothing: give codes, a query or all = true".into(),
        ));
    }
    let mut filters = Vec::new();
    for w in &profile.wheres {
        filters.push(
            retrieve::where_filter(w)
                .ok_or_else(|| invalid(format!("where takes ATTR=VALUE, got `{w}`")))?,
        );
    }
    let unit = if profile.all {
        Some(crate::segment::SegmentKind::Paragraph)
    } else if codes.is_empty() {
        Some(crate::segment::SegmentKind::Sentence)
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
        estimate_total: false,
    };
    let mut results = retrieve::search(&store, &request)?;
    // Titles and one-word table cells are no excerpts (unless the profile
    // asks for headings).
    results
        .hits
        .retain(|h| profile.excerptable(&h.segment.loc.block, &h.segment.text));
    // Nor does a short table cell stand beside an excerpt as its context
    // (`27` under `Age`: an exact age the anonymiser saw alone).
    for h in &mut results.hits {
        for side in [&mut h.before, &mut h.after] {
            side.retain(|c| Profile::context_allowed(&c.loc.block, &c.text));
        }
    }

    // Anonymise and build.
    let anon = super::anonymiser(project)?;
    let gate = gate::Gate::new(anon.register());
    let mut table: Pseudonyms = match link {
        Link::Project => {
            let mut table = crate::keys::load(&project.outputs)?.unwrap_or_default();
            // Register entries numbered first, in register order: the
            // same numbers in every bundle.
            anon.seed(&mut table);
            table
        }
        // Numbered in order of appearance in this bundle alone.
        Link::Bundle => Pseudonyms::default(),
    };
    let rules = profile.generalisations().map_err(invalid)?;
    let hierarchies = profile.hierarchies().map_err(Error::Invalid)?;
    let k = profile.k().map_err(Error::Invalid)?;
    let language = profile.language().map_err(Error::Invalid)?;
    // A bundle without a title of its own is titled by what it selects.
    let title = profile.title.clone();
    let inputs = Inputs {
        name: &profile.name,
        title: title.as_deref(),
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
        hierarchies: &hierarchies,
        k,
        link,
        language,
    };
    let (built, report) = bundle::build(&inputs, &anon, &mut table, progress);
    Ok(Prepared {
        built,
        report,
        table,
        gate,
        link,
    })
}

/// Builds, gates and publishes one bundle.
///
/// The review gate: a bundle with review flags that no decision in
/// `corpus/review.csv` resolves is not published unless `accept_unreviewed`.
/// An empty selection is not published unless `allow_empty`.
pub fn publish(
    project: &Project,
    profile: &Profile,
    date: &str,
    accept_unreviewed: bool,
    allow_empty: bool,
    progress: &dyn Fn(usize, usize),
) -> Result<Published> {
    let _lock = ProjectLock::acquire(&project.outputs)?;
    let Prepared {
        built,
        report,
        table,
        gate,
        link,
    } = prepare(project, profile, date, progress)?;
    // A bundle records its selection; a registered name in the query or the
    // attribute filters would be published with it.
    for s in profile.query.iter().chain(&profile.wheres) {
        if !gate.scan("selection", s, &[]).is_empty() {
            return Err(Error::Refused(format!(
                "bundle `{}`: its selection (`--query`/`--where`) contains a registered identifier, and a bundle records its selection; nothing was published. Select by codes or by words that name nobody",
                profile.name
            )));
        }
    }
    if built.excerpts.is_empty() && !allow_empty {
        return Err(Error::Outdated(format!(
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
        return Err(Error::Refused(format!(
            "bundle `{}`: {unresolved} review flag(s) unresolved (words the anonymiser was unsure of); nothing was published. Run `pipeline review {}` to see them and decide (--keep / --replace / --register), or publish anyway with --accept-unreviewed",
            profile.name, profile.name
        )));
    }

    let bundles = project.outputs.join("bundles");
    std::fs::create_dir_all(&bundles).map_err(|e| Error::io(&bundles, e))?;

    // Render in memory, gate every file as it will be published.
    let mut files: Vec<(&str, Vec<u8>)> = vec![
        ("bundle.json", render::json(&built).into_bytes()),
        ("bundle.html", render::html(&built).into_bytes()),
        ("bundle.docx", bundle::docx::docx(&built)),
        ("anonymisation-report.json", pretty(&report).into_bytes()),
    ];
    let documents = built.documents();
    let manifest = json!({
        "schema": "pipeline.bundle-manifest/v1",
        "name": built.name,
        "created": built.created,
        "codebooks": built.codebooks.iter().map(|b| json!({"id": b.id, "version": b.version})).collect::<Vec<_>>(),
        "counts": {"excerpts": built.excerpts.len(), "documents": documents, "codes": built.codes.len()},
        "link": {"mode": link.name(), "meaning": link_meaning(link)},
        "k_anonymity": built.k_anonymity,
        "review": {"flags": unresolved, "unresolved": unresolved, "accepted_unreviewed": unresolved > 0 && accept_unreviewed},
        "files": files.iter().map(|(name, bytes)| json!({"name": name, "sha256": hex(&Sha256::digest(bytes)), "bytes": bytes.len()})).collect::<Vec<_>>(),
    });
    files.push(("manifest.json", pretty(&manifest).into_bytes()));
    // What the bundle itself writes that a detector could take for an
    // identifier: its date, and its own document and excerpt ids (`D12345`
    // in a corpus of more than 9,999 documents reads like an ID number).
    // The bundle's own strings: its date, ids, and the at-rules of the
    // HTML's stylesheet (`@page` looks like a handle to the detectors).
    let mut own: Vec<&str> = vec![date];
    own.extend(crate::bundle::render::stylesheet_at_rules());
    own.extend(built.excerpts.iter().map(|e| e.document.as_str()));
    own.extend(built.excerpts.iter().map(|e| e.id.as_str()));
    own.sort_unstable();
    own.dedup();
    let leaks = leaks(&gate, &files, &own)?;
    if !leaks.is_empty() {
        return Err(Error::Leak {
            bundle: built.name.clone(),
            leaks,
        });
    }

    // Write into a temporary folder beside the target.
    let target = bundles.join(&profile.name);
    // A crash of an earlier run may have left a staged or an old folder.
    crate::project::recover_dir(&target)?;
    let tmp = crate::project::sibling(&target, "tmp");
    let written = std::fs::create_dir_all(&tmp)
        .map_err(|e| Error::io(&tmp, e))
        .and_then(|()| {
            files
                .iter()
                .try_for_each(|(name, bytes)| write_file(&tmp.join(name), bytes))
        })
        // Keep the key first (a key entry without a bundle is harmless; a
        // bundle whose pseudonyms are not in the key could never be traced
        // back), then swap the complete folder into place atomically.
        .and_then(|()| match link {
            Link::Project => crate::keys::save(&project.outputs, &table),
            Link::Bundle => crate::keys::save_bundle(&project.outputs, &profile.name, &table),
        });
    if let Err(e) = written {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    crate::project::swap_dir_into(&tmp, &target)?;
    Ok(Published {
        name: built.name.clone(),
        excerpts: built.excerpts.len(),
        documents,
        codes: built.codes.len(),
        unreviewed: if accept_unreviewed { unresolved } else { 0 },
        folder: target,
    })
}

/// What a bundle's link mode means for its readers (printed in the manifest).
pub fn link_meaning(link: Link) -> &'static str {
    match link {
        Link::Project => {
            "Document ids and pseudonyms are the project's: the same in every bundle of this project. A reader of two bundles can tell that two excerpts come from the same document or name the same person, and join what each bundle says about them, the attributes each shows included (k-anonymity holds within each bundle, not for their union)."
        }
        Link::Bundle => {
            "Document ids and pseudonyms are this bundle's own: numbered afresh for it. The same document or person has unrelated ids in another bundle, so two bundles cannot be joined on them."
        }
    }
}

fn pretty<T: Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).expect("a report serialises") + "\n"
}

/// The leak gate over every file: what it finds, as lines that name the
/// kind, the source, the file and the excerpt (never the text found).
fn leaks(gate: &gate::Gate, files: &[(&str, Vec<u8>)], own: &[&str]) -> Result<Vec<String>> {
    let mut found = Vec::new();
    for (name, bytes) in files {
        if name.ends_with(".docx") {
            // The text inside the DOCX, read back the way ingest reads DOCX,
            // each paragraph and part on its own (joined, the last digits of
            // one and a date in the next look like a phone).
            let x = crate::extract::extract_bytes(
                bytes,
                crate::extract::Format::Docx,
                &crate::extract::Limits::default(),
            )
            .map_err(|e| Error::Invalid(format!("cannot read back {name}: {e}")))?;
            let texts = x
                .blocks
                .into_iter()
                .map(|b| b.text)
                .chain(x.parts.into_iter().map(|p| p.text));
            let mut excerpt = None;
            for text in texts {
                let mut hits = gate.scan(name, &text, own);
                for l in &mut hits {
                    if l.excerpt.is_none() {
                        l.excerpt.clone_from(&excerpt);
                    }
                }
                found.extend(hits);
                if let Some(id) = gate::last_excerpt(&text) {
                    excerpt = Some(id);
                }
            }
        } else {
            found.extend(gate.scan(name, &String::from_utf8_lossy(bytes), own));
        }
    }
    Ok(found
        .iter()
        .map(|l| {
            format!(
                "leak: {} ({:?}) in {}{}",
                l.kind.name(),
                l.source,
                l.file,
                l.excerpt
                    .as_ref()
                    .map(|e| format!(", excerpt {e}"))
                    .unwrap_or_default()
            )
        })
        .collect())
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut f = std::fs::File::create(path).map_err(|e| Error::io(path, e))?;
    f.write_all(bytes)
        .and_then(|()| f.sync_all())
        .map_err(|e| Error::io(path, e))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_bundle_date_is_a_real_date() {
        assert_eq!(super::created(Some("2026-02-28")).unwrap(), "2026-02-28");
        for bad in [
            "2026-02-30",
            "2026-13-01",
            "26-02-28",
            "2026-2-28",
            "yesterday",
        ] {
            assert!(super::created(Some(bad)).is_err(), "{bad}");
        }
    }
}
