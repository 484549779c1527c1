//! Codebook exchange: what an imported codebook is before it becomes TOML,
//! CSV import, writing TOML, and the GUIDs codes keep across tools. REFI-QDA
//! `.qdc` reading and writing live with the rest of REFI-QDA in
//! `crate::interop::qdc`.
//!
//! GUIDs read from another tool are kept in the TOML (`guid`) and written
//! back unchanged, so codes keep their identity across tools; codes without
//! one get a GUID derived from the codebook and code ids (SHA-256, formatted
//! as a UUID), stable across runs.

use super::{Code, Codebook};
use crate::fold::fold;
use crate::segment::SegmentKind;
use std::collections::HashSet;

/// A codebook read from another format, before it becomes TOML.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Imported {
    /// Codes in document order (parents before children).
    pub codes: Vec<ImportedCode>,
    /// `origin` attribute of a `.qdc`.
    pub origin: Option<String>,
}

/// One imported code.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportedCode {
    /// Path id, made from the names.
    pub id: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// Colour.
    pub color: Option<String>,
    /// GUID.
    pub guid: Option<String>,
    /// Rule (CSV only).
    pub rule: Option<String>,
    /// Exclusion rule (CSV only).
    pub exclude: Option<String>,
}

/// Why an import failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ImportError(pub String);

/// Makes a code id part from a name: folded, `-` for anything not a-z0-9.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in fold(name).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() { "code".into() } else { out }
}

pub(crate) fn unique(id: String, used: &mut HashSet<String>) -> String {
    if used.insert(id.clone()) {
        return id;
    }
    (2..)
        .map(|n| format!("{id}-{n}"))
        .find(|c| used.insert(c.clone()))
        .expect("infinite")
}

/// Reads a CSV codebook: columns `id` (or `code`), `name`, and optionally
/// `description`, `color`, `match`, `exclude`, `parent`.
pub fn import_csv(text: &str) -> Result<Imported, ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| ImportError(format!("line 1: {e}")))?
        .iter()
        .map(|h| h.to_lowercase())
        .collect();
    let col = |name: &str| headers.iter().position(|h| h == name);
    let id_col = col("id").or_else(|| col("code"));
    let name_col = col("name").ok_or_else(|| ImportError("line 1: no `name` column".into()))?;
    let mut out = Imported::default();
    let mut used = HashSet::new();
    for (i, row) in reader.records().enumerate() {
        let row = row.map_err(|e| ImportError(format!("line {}: {e}", i + 2)))?;
        let get = |c: Option<usize>| {
            c.and_then(|c| row.get(c))
                .map(str::to_string)
                .filter(|s| !s.is_empty())
        };
        let name = get(Some(name_col))
            .ok_or_else(|| ImportError(format!("line {}: empty name", i + 2)))?;
        let mut id = get(id_col).unwrap_or_else(|| slug(&name));
        if let Some(parent) = get(col("parent")) {
            id = format!(
                "{}/{}",
                parent.trim_matches('/'),
                id.rsplit('/').next().unwrap_or(&id)
            );
        }
        if !used.insert(id.clone()) {
            return Err(ImportError(format!(
                "line {}: duplicate code id `{id}`",
                i + 2
            )));
        }
        out.codes.push(ImportedCode {
            id,
            name,
            description: get(col("description")),
            color: get(col("color")).or_else(|| get(col("colour"))),
            guid: get(col("guid")),
            rule: get(col("match")),
            exclude: get(col("exclude")),
        });
    }
    Ok(out)
}

/// TOML text of an imported codebook.
pub fn to_toml(imported: &Imported, id: &str, title: &str) -> String {
    use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, value};
    let mut doc = DocumentMut::new();
    let mut head = Table::new();
    head["id"] = value(id);
    head["title"] = value(title);
    head["version"] = value("1.0");
    head["unit"] = value(SegmentKind::Sentence.name());
    if let Some(origin) = &imported.origin {
        head["description"] = value(format!(
            "Imported from a REFI-QDA codebook (origin: {origin})."
        ));
    }
    doc["codebook"] = Item::Table(head);
    let mut codes = ArrayOfTables::new();
    for c in &imported.codes {
        let mut t = Table::new();
        t["id"] = value(&c.id);
        t["name"] = value(&c.name);
        if let Some(d) = &c.description {
            t["description"] = value(d);
        }
        if let Some(col) = &c.color {
            t["color"] = value(col);
        }
        if let Some(r) = &c.rule {
            t["match"] = value(r);
        }
        if let Some(r) = &c.exclude {
            t["exclude"] = value(r);
        }
        if let Some(g) = &c.guid {
            t["guid"] = value(g);
        }
        codes.push(t);
    }
    doc["code"] = Item::ArrayOfTables(codes);
    doc.to_string()
}

/// Whether `s` is a GUID as Codebook.xsd defines it.
pub fn is_guid(s: &str) -> bool {
    let inner = s
        .strip_prefix('{')
        .and_then(|x| x.strip_suffix('}'))
        .unwrap_or(s);
    let parts: Vec<&str> = inner.split('-').collect();
    parts.len() == 5
        && parts
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(p, n)| p.len() == n && p.chars().all(|c| c.is_ascii_hexdigit()))
}

/// A GUID derived from the codebook and code ids.
pub fn derived_guid(codebook: &str, code: &str) -> String {
    crate::interop::guid("code", &format!("{codebook}/{code}"))
}

/// The GUID written for a code.
pub fn guid_of(book: &Codebook, code: &Code) -> String {
    code.guid
        .clone()
        .filter(|g| is_guid(g))
        .unwrap_or_else(|| derived_guid(&book.id, &code.id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("Negativ/Aufgeregt"), "negativ-aufgeregt");
        assert_eq!(slug("Qaçqın statusu"), "qacqin-statusu");
        assert_eq!(slug("Жильё"), "code");
    }

    #[test]
    fn guids() {
        assert!(is_guid("0a1b2c3d-0000-4000-8000-00000000abcd"));
        assert!(is_guid("{0A1B2C3D-0000-4000-8000-00000000ABCD}"));
        assert!(!is_guid("c001"));
        assert!(is_guid(&derived_guid("displacement", "housing")));
        assert_eq!(derived_guid("a", "b"), derived_guid("a", "b"));
    }

    #[test]
    fn csv_with_parents() {
        let imp = import_csv(
            "code,name,parent,match\nhousing,Housing,,\ncc,Collective centre,housing,dormitor*\n",
        )
        .unwrap();
        assert_eq!(imp.codes[1].id, "housing/cc");
        assert_eq!(imp.codes[1].rule.as_deref(), Some("dormitor*"));
        assert!(
            import_csv("name\nA\nA\n")
                .unwrap_err()
                .0
                .contains("line 3: duplicate")
        );
    }
}
