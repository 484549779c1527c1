//! The review gate's other half: a bundle's flags to decide, and the
//! decisions recorded where every later run reads them (`corpus/review.csv`,
//! `corpus/register.csv`). `pipeline review` and the desk's review page
//! call these same functions.

use crate::anonymise::{Kind, review};
use crate::bundle::profile::Profile;
use crate::error::{Error, Result};
use crate::lock::ProjectLock;
use crate::project::Project;

use super::Prepared;

/// The profile `name` of `codebooks/bundles.toml`.
pub fn profile(project: &Project, name: &str) -> Result<Profile> {
    let path = project.codebooks.join("bundles.toml");
    let profiles = crate::bundle::profile::load(&path).map_err(Error::Invalid)?;
    profiles
        .into_iter()
        .find(|p| p.name == name)
        .ok_or_else(|| Error::Invalid(format!("no bundle profile `{name}` in {}", path.display())))
}

/// Every profile of `codebooks/bundles.toml`.
pub fn profiles(project: &Project) -> Result<Vec<Profile>> {
    crate::bundle::profile::load(&project.codebooks.join("bundles.toml")).map_err(Error::Invalid)
}

/// The bundle `profile` as it would be published now, with its review
/// flags (`report.flagged`), built under the project lock.
pub fn flags(
    project: &Project,
    profile: &Profile,
    progress: &dyn Fn(usize, usize),
) -> Result<Prepared> {
    let date = super::created(None)?;
    let _lock = ProjectLock::acquire_within(&project.outputs, super::desk::PATIENCE)?;
    super::prepare(project, profile, &date, progress)
}

/// What [`decide`] recorded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Decided {
    /// Texts kept (ordinary words or public names).
    pub kept: usize,
    /// Texts to replace everywhere.
    pub replaced: usize,
    /// Texts added to the register.
    pub registered: usize,
}

/// Records decisions about flagged texts: `keep` stays, `replace` is an
/// identifier to replace everywhere, `register` goes into
/// `corpus/register.csv`; `kind` for the last two. Written atomically
/// under the project lock.
pub fn decide(
    project: &Project,
    keep: &[String],
    replace: &[String],
    register: &[String],
    kind: Kind,
) -> Result<Decided> {
    for t in keep.iter().chain(replace).chain(register) {
        if t.trim().is_empty() || t.contains(['\n', '\r']) {
            return Err(Error::Invalid(format!("not a text to decide on: {t:?}")));
        }
    }
    let _lock = ProjectLock::acquire_within(&project.outputs, super::desk::PATIENCE)?;
    if !keep.is_empty() || !replace.is_empty() {
        let mut decisions = super::review_decisions(project)?;
        for t in keep {
            decisions.record(t, review::Decision::Keep);
        }
        for t in replace {
            decisions.record(t, review::Decision::Replace(kind));
        }
        crate::project::write_atomic(
            &project.corpus.join(review::FILE),
            decisions.to_csv().as_bytes(),
        )?;
    }
    if !register.is_empty() {
        let path = project.corpus.join("register.csv");
        let mut text = if path.exists() {
            std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?
        } else {
            String::new()
        };
        for t in register {
            text = review::append_to_register(&text, kind, t);
        }
        crate::project::write_atomic(&path, text.as_bytes())?;
    }
    Ok(Decided {
        kept: keep.len(),
        replaced: replace.len(),
        registered: register.len(),
    })
}
