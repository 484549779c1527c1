//! The project's anonymiser: its register, the interviewers of metadata.csv,
//! the review decisions, the built-in lists and the project's own lists.

use crate::anonymise::{Anonymiser, Entity, Kind, QuasiIdentifiers, Register, Resources, review};
use crate::error::{Error, Result};
use crate::project::Project;

/// The anonymiser every workflow of the project uses (bundles, review, the
/// preview): register plus interviewers plus review decisions, built-in
/// lists plus `corpus/allow-list.txt`, `corpus/settlements.txt` and
/// `corpus/quasi-identifiers.txt`.
pub fn anonymiser(project: &Project) -> Result<Anonymiser> {
    let reg_path = project.corpus.join("register.csv");
    let register = if reg_path.exists() {
        let bytes = std::fs::read(&reg_path).map_err(|e| Error::io(&reg_path, e))?;
        Register::parse(&crate::extract::text::decode(&bytes).text).map_err(|reason| {
            Error::Csv {
                path: reg_path.clone(),
                reason,
            }
        })?
    } else {
        Register::default()
    };
    let read = |name: &str| -> Result<String> {
        let path = project.corpus.join(name);
        if !path.exists() {
            return Ok(String::new());
        }
        std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))
    };
    let mut register = with_interviewers(
        register,
        &crate::metadata::Metadata::load(&project.metadata_path())?,
    );
    // Review decisions: replaced texts join the register; kept names join
    // the allow-list, kept quasi-identifiers (a clause, an occupation) only
    // silence their flag: a kept clause must not allow a name inside it.
    let decisions = review_decisions(project)?;
    register.entities.extend(decisions.entities());
    let quasi_path = project.corpus.join("quasi-identifiers.txt");
    let mut quasi = QuasiIdentifiers::builtin();
    quasi
        .add(&read("quasi-identifiers.txt")?)
        .map_err(|reason| Error::Csv {
            path: quasi_path,
            reason,
        })?;
    let (kept_quasi, kept_names): (Vec<String>, Vec<String>) = decisions
        .kept()
        .into_iter()
        .partition(|t| quasi.identifies(t));
    let allow = read("allow-list.txt")? + "\n" + &kept_names.join("\n");
    let resources = Resources::builtin(&allow, &read("settlements.txt")?)
        .with_quasi_identifiers(quasi, &kept_quasi);
    Ok(Anonymiser::new(register, resources))
}

/// The project's review decisions (`corpus/review.csv`; none when absent).
pub fn review_decisions(project: &Project) -> Result<review::Decisions> {
    let path = project.corpus.join(review::FILE);
    if !path.exists() {
        return Ok(review::Decisions::default());
    }
    let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
    review::Decisions::parse(&text).map_err(|reason| Error::Csv { path, reason })
}

/// Interviewers named in metadata.csv are persons to replace too, registered
/// or not (names of one or two letters, which are role labels, excepted).
fn with_interviewers(mut register: Register, meta: &crate::metadata::Metadata) -> Register {
    let known: std::collections::HashSet<String> = register
        .entities
        .iter()
        .flat_map(|e| std::iter::once(&e.canonical).chain(&e.aliases))
        .map(|n| crate::fold::fold(n))
        .collect();
    let mut added = std::collections::HashSet::new();
    for value in meta.values("interviewer") {
        for name in value.split('|').map(str::trim) {
            let folded = crate::fold::fold(name);
            if name.chars().count() > 2 && !known.contains(&folded) && added.insert(folded) {
                register.entities.push(Entity {
                    kind: Kind::Person,
                    canonical: name.to_string(),
                    aliases: Vec::new(),
                    pseudonym: None,
                });
            }
        }
    }
    register
}
