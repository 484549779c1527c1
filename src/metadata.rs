//! Document attributes from `corpus/metadata.csv`.
//!
//! A `file` column (path relative to the corpus, or a bare file name when that is
//! unique) and any number of attribute columns (region, gender, age, interview
//! date, language, …). The optional `interviewer` column lists the speaker names
//! that are interviewers in that file (`|`-separated); the segmenter uses it to
//! assign roles to named speakers.

use crate::error::{Error, Result};
use crate::fold::fold;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// Attributes of one document, by column name (lower-case).
pub type Attributes = BTreeMap<String, String>;

/// All rows of `metadata.csv`, held compactly: column names once, each row's
/// values in one string (100,000 rows as maps of owned strings were ~100 MB,
/// the largest part of ingest's memory that grew with the corpus). A row's
/// [`Attributes`] are built when asked for.
#[derive(Debug, Default, Clone)]
pub struct Metadata {
    /// Attribute columns (lower-case), without `file`.
    columns: Vec<String>,
    /// Row index by path.
    by_path: HashMap<Box<str>, u32>,
    /// Row index by bare file name; `None` when two rows share the name.
    by_name: HashMap<Box<str>, Option<u32>>,
    rows: Vec<Row>,
}

/// One row's values, concatenated, with the end of each (one per column).
#[derive(Debug, Clone)]
struct Row {
    values: Box<str>,
    ends: Box<[u32]>,
}

impl Row {
    fn get(&self, column: usize) -> &str {
        let start = match column {
            0 => 0,
            c => self.ends[c - 1] as usize,
        };
        &self.values[start..self.ends[column] as usize]
    }
}

impl Metadata {
    /// Reads `path`; a missing file is an empty table.
    pub fn load(path: &Path) -> Result<Metadata> {
        if !path.exists() {
            return Ok(Metadata::default());
        }
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let text = crate::extract::text::decode(&bytes).text;
        Metadata::parse(&text).map_err(|reason| Error::Csv {
            path: path.to_path_buf(),
            reason,
        })
    }

    /// Parses CSV text.
    pub fn parse(text: &str) -> std::result::Result<Metadata, String> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(false)
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let headers: Vec<String> = reader
            .headers()
            .map_err(|e| format!("line 1: {e}"))?
            .iter()
            .map(|h| h.to_lowercase())
            .collect();
        let Some(file_col) = headers.iter().position(|h| h == "file") else {
            return Err("line 1: no `file` column".into());
        };
        let mut meta = Metadata {
            columns: headers.iter().filter(|h| *h != "file").cloned().collect(),
            ..Metadata::default()
        };
        let mut record = csv::StringRecord::new();
        let mut line = 1;
        loop {
            line += 1;
            match reader.read_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => return Err(format!("line {line}: {e}")),
            }
            let file = record.get(file_col).unwrap_or("").replace('\\', "/");
            if file.is_empty() {
                return Err(format!("line {line}: empty `file` value"));
            }
            let mut values = String::new();
            let mut ends = Vec::with_capacity(meta.columns.len());
            for (h, v) in headers.iter().zip(record.iter()) {
                if h != "file" {
                    values.push_str(v);
                    ends.push(
                        u32::try_from(values.len())
                            .map_err(|_| format!("line {line}: row longer than 4 GB"))?,
                    );
                }
            }
            let at = u32::try_from(meta.rows.len()).map_err(|_| "too many rows".to_string())?;
            let name: Box<str> = file.rsplit('/').next().unwrap_or(&file).into();
            if meta.by_path.insert(file.as_str().into(), at).is_some() {
                return Err(format!("line {line}: `{file}` is listed twice"));
            }
            meta.by_name
                .entry(name)
                .and_modify(|e| *e = None)
                .or_insert(Some(at));
            meta.rows.push(Row {
                values: values.into_boxed_str(),
                ends: ends.into_boxed_slice(),
            });
        }
        Ok(meta)
    }

    /// The row of the document at corpus-relative `path`: by path, or by bare
    /// file name when only one row has that name.
    fn row_of(&self, path: &str) -> Option<&Row> {
        self.rows.get(self.row_index(path)? as usize)
    }

    fn row_index(&self, path: &str) -> Option<u32> {
        self.by_path.get(path).copied().or_else(|| {
            let name = path.rsplit('/').next().unwrap_or(path);
            self.by_name.get(name).copied().flatten()
        })
    }

    /// Attributes of the document at corpus-relative `path` (non-empty values).
    pub fn get(&self, path: &str) -> Option<Attributes> {
        let row = self.row_of(path)?;
        Some(
            self.columns
                .iter()
                .enumerate()
                .map(|(i, c)| (c, row.get(i)))
                .filter(|(_, v)| !v.is_empty())
                .map(|(c, v)| (c.clone(), v.to_string()))
                .collect(),
        )
    }

    /// The attribute columns (lower case), without `file`.
    pub fn columns(&self) -> &[String] {
        &self.columns
    }

    /// Checks that `name` is a field of every segment or an attribute column
    /// of metadata.csv; the error names the closest ones, so that a typo
    /// (`regoin`) is an error, never an empty answer.
    pub fn check_field(&self, name: &str) -> std::result::Result<(), String> {
        let name = name.to_lowercase();
        if crate::query::BUILTIN_FIELDS.contains(&name.as_str()) || self.columns.contains(&name) {
            return Ok(());
        }
        let mut known: Vec<&str> = self.columns.iter().map(String::as_str).collect();
        known.extend(crate::query::BUILTIN_FIELDS);
        Err(format!(
            "unknown attribute `{name}`{}; attributes of this project: {}",
            crate::codebook::closest(&name, &known)
                .map(|c| format!(" (did you mean `{c}`?)"))
                .unwrap_or_default(),
            if self.columns.is_empty() {
                "none (no metadata.csv), fields: speaker, role, lang, kind, doc".to_string()
            } else {
                self.columns.join(", ")
            }
        ))
    }

    /// Every non-empty value of a column, in file order of the rows' paths.
    pub fn values(&self, column: &str) -> Vec<&str> {
        // The last column of that name, as in `get`.
        let Some(c) = self.columns.iter().rposition(|h| h == column) else {
            return Vec::new();
        };
        let mut paths: Vec<(&str, u32)> = self.by_path.iter().map(|(p, &at)| (&**p, at)).collect();
        paths.sort_unstable();
        paths
            .into_iter()
            .map(|(_, at)| self.rows[at as usize].get(c))
            .filter(|v| !v.is_empty())
            .collect()
    }

    /// Rows naming no file in `paths`.
    pub fn unmatched<'a>(&'a self, paths: &[&str]) -> Vec<&'a str> {
        let matched: std::collections::HashSet<u32> =
            paths.iter().filter_map(|p| self.row_index(p)).collect();
        let mut out: Vec<&str> = self
            .by_path
            .iter()
            .filter(|(_, at)| !matched.contains(at))
            .map(|(p, _)| &**p)
            .collect();
        out.sort();
        out
    }
}

/// Folded interviewer names from the `interviewer` attribute.
pub fn interviewers(attrs: Option<&Attributes>) -> std::collections::HashSet<String> {
    attrs
        .and_then(|a| a.get("interviewer"))
        .map(|v| {
            v.split('|')
                .map(|n| fold(n.trim()))
                .filter(|n| !n.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// Stable hash of a document's attributes.
pub fn attributes_hash(attrs: Option<&Attributes>) -> String {
    let mut h = Sha256::new();
    if let Some(a) = attrs {
        for (k, v) in a {
            h.update(k.as_bytes());
            h.update([0]);
            h.update(v.as_bytes());
            h.update([0]);
        }
    }
    hex(&h.finalize())
}

/// Lower-case hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_by_path_and_unique_name() {
        let m = Metadata::parse("file,Region,age\ninterviews/a.txt,Ganja,47\nb.docx,Tbilisi,\n")
            .unwrap();
        assert_eq!(m.get("interviews/a.txt").unwrap()["region"], "Ganja");
        assert_eq!(m.get("x/b.docx").unwrap()["region"], "Tbilisi");
        assert!(!m.get("x/b.docx").unwrap().contains_key("age"));
        assert_eq!(m.unmatched(&["interviews/a.txt"]), ["b.docx"]);
    }

    #[test]
    fn a_name_two_rows_share_matches_neither_and_values_keep_path_order() {
        let m = Metadata::parse(
            "file,region,interviewer\nb/x.txt,Ganja,Leyla\na/x.txt,Barda,\nc/y.txt,,Nino|Aram\n",
        )
        .unwrap();
        assert!(m.get("other/x.txt").is_none());
        assert_eq!(m.get("a/x.txt").unwrap()["region"], "Barda");
        assert_eq!(m.get("y.txt").unwrap().len(), 1);
        assert_eq!(m.values("region"), ["Barda", "Ganja"]);
        assert_eq!(m.values("interviewer"), ["Leyla", "Nino|Aram"]);
        assert!(m.values("nope").is_empty());
        assert_eq!(m.unmatched(&["y.txt", "b/x.txt"]), ["a/x.txt"]);
    }

    #[test]
    fn errors_name_the_line() {
        assert!(
            Metadata::parse("file,region\na.txt,X\na.txt,Y\n")
                .unwrap_err()
                .starts_with("line 3")
        );
        assert!(Metadata::parse("name\nx\n").unwrap_err().contains("file"));
    }
}
