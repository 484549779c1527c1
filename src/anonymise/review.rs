//! Review decisions: what people decided about the words the anonymiser was
//! unsure of (review flags), kept in `corpus/review.csv` so that every later
//! run reuses them.
//!
//! A flag that nobody looked at used to be a count inside
//! `anonymisation-report.json`; now a bundle with an unresolved flag is not
//! published (the review gate, `pipeline bundle`), and `pipeline review`
//! lists the flags and records a decision for each flagged text:
//! - `keep`: an ordinary word or a public name; it stays everywhere (it joins
//!   the allow-list);
//! - `replace`: an identifier; it is replaced everywhere, like a register
//!   entry of the given kind (`[Person 4]`, `[Name 2]`).
//!
//! Adding to the register itself writes `corpus/register.csv` (see
//! [`append_to_register`]). The file sits beside the corpus, not in
//! `outputs/`: decisions are research data made by people, and survive
//! `ingest --force` and a deleted `outputs/`. Columns: `text,decision,kind`.

use super::{Entity, Kind};
use crate::fold::fold;
use std::collections::BTreeMap;

/// The file name, in the corpus folder.
pub const FILE: &str = "review.csv";

/// One decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// The text stays (an ordinary word or a public name).
    Keep,
    /// The text is an identifier of this kind.
    Replace(Kind),
}

/// Every decision of a project, by folded text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Decisions {
    /// Folded text → (text as decided, decision).
    entries: BTreeMap<String, (String, Decision)>,
}

fn kind_of(name: &str) -> Option<Kind> {
    Some(match name.trim().to_lowercase().as_str() {
        "" | "name" => Kind::Name,
        "person" => Kind::Person,
        "place" => Kind::Place,
        "organisation" | "organization" => Kind::Organisation,
        "other" => Kind::Other,
        _ => return None,
    })
}

impl Decisions {
    /// Parses `review.csv`; errors name the line.
    pub fn parse(text: &str) -> Result<Decisions, String> {
        let (mut reader, headers) = super::register::csv_with_headers(text)?;
        let col = |n: &str| headers.iter().position(|h| h == n);
        let (Some(t), Some(d)) = (col("text"), col("decision")) else {
            return Err("line 1: the header must be `text,decision,kind`".into());
        };
        let k = col("kind");
        let mut out = Decisions::default();
        for (i, row) in reader.records().enumerate() {
            let line = i + 2;
            let row = row.map_err(|e| format!("line {line}: {e}"))?;
            let text = row.get(t).unwrap_or("").trim();
            if text.is_empty() {
                continue;
            }
            let kind = k.and_then(|k| row.get(k)).unwrap_or("");
            let decision = match row.get(d).unwrap_or("").trim().to_lowercase().as_str() {
                "keep" => Decision::Keep,
                "replace" => Decision::Replace(kind_of(kind).ok_or_else(|| {
                    format!("line {line}: kind `{kind}` is not person, place, organisation, other or name")
                })?),
                other => {
                    return Err(format!(
                        "line {line}: decision `{other}` is not keep or replace"
                    ));
                }
            };
            out.record(text, decision);
        }
        Ok(out)
    }

    /// Records (or changes) the decision for `text`.
    pub fn record(&mut self, text: &str, decision: Decision) {
        self.entries
            .insert(fold(text), (text.trim().to_string(), decision));
    }

    /// The decision for `text`, if any.
    pub fn get(&self, text: &str) -> Option<Decision> {
        self.entries.get(&fold(text)).map(|(_, d)| *d)
    }

    /// Kept texts.
    pub fn kept(&self) -> Vec<String> {
        self.entries
            .values()
            .filter(|(_, d)| *d == Decision::Keep)
            .map(|(t, _)| t.clone())
            .collect()
    }

    /// Kept texts, one per line: extra allow-list entries.
    pub fn allow_lines(&self) -> String {
        self.entries
            .values()
            .filter(|(_, d)| *d == Decision::Keep)
            .map(|(t, _)| format!("{t}\n"))
            .collect()
    }

    /// Replaced texts as register entities.
    pub fn entities(&self) -> Vec<Entity> {
        self.entries
            .values()
            .filter_map(|(t, d)| match d {
                Decision::Replace(kind) => Some(Entity {
                    kind: *kind,
                    canonical: t.clone(),
                    aliases: Vec::new(),
                    pseudonym: None,
                }),
                Decision::Keep => None,
            })
            .collect()
    }

    /// The file's text, sorted.
    pub fn to_csv(&self) -> String {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(["text", "decision", "kind"])
            .expect("in memory");
        for (text, d) in self.entries.values() {
            let (decision, kind) = match d {
                Decision::Keep => ("keep", ""),
                Decision::Replace(k) => ("replace", k.name()),
            };
            w.write_record([text.as_str(), decision, kind])
                .expect("in memory");
        }
        String::from_utf8(w.into_inner().expect("in memory")).expect("UTF-8 in, UTF-8 out")
    }
}

/// `register.csv` with one more entity (a header is written when empty).
pub fn append_to_register(register_csv: &str, kind: Kind, text: &str) -> String {
    let mut out = if register_csv.trim().is_empty() {
        "kind,canonical,aliases,pseudonym\n".to_string()
    } else {
        register_csv.to_string()
    };
    if !out.ends_with('\n') {
        out.push('\n');
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    let kind = if kind == Kind::Name {
        "other"
    } else {
        kind.name()
    };
    w.write_record([kind, text.trim(), "", ""])
        .expect("in memory");
    out.push_str(&String::from_utf8(w.into_inner().expect("in memory")).expect("UTF-8"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decisions_round_trip_and_apply() {
        let mut d =
            Decisions::parse("text,decision,kind\nRose,keep,\nNiva,replace,other\n").unwrap();
        assert_eq!(d.get("ROSE"), Some(Decision::Keep));
        assert_eq!(d.get("niva"), Some(Decision::Replace(Kind::Other)));
        d.record("Bakvetsi", Decision::Replace(Kind::Name));
        let again = Decisions::parse(&d.to_csv()).unwrap();
        assert_eq!(again, d);
        assert_eq!(d.allow_lines(), "Rose\n");
        assert_eq!(d.entities().len(), 2);
        assert!(
            Decisions::parse("text,decision\nX,maybe\n")
                .unwrap_err()
                .contains("line 2")
        );
        let reg = append_to_register("", Kind::Person, "Zaur Qəhrəmanlı");
        assert_eq!(
            reg,
            "kind,canonical,aliases,pseudonym\nperson,Zaur Qəhrəmanlı,,\n"
        );
    }
}
