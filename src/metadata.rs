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

/// All rows of `metadata.csv`.
#[derive(Debug, Default, Clone)]
pub struct Metadata {
    by_path: HashMap<String, Attributes>,
    by_name: HashMap<String, Vec<String>>,
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
        let mut meta = Metadata::default();
        for (i, row) in reader.records().enumerate() {
            let row = row.map_err(|e| format!("line {}: {e}", i + 2))?;
            let file = row.get(file_col).unwrap_or("").replace('\\', "/");
            if file.is_empty() {
                return Err(format!("line {}: empty `file` value", i + 2));
            }
            let attrs: Attributes = headers
                .iter()
                .zip(row.iter())
                .filter(|(h, v)| h.as_str() != "file" && !v.is_empty())
                .map(|(h, v)| (h.clone(), v.to_string()))
                .collect();
            if meta.by_path.insert(file.clone(), attrs).is_some() {
                return Err(format!("line {}: `{file}` is listed twice", i + 2));
            }
            let name = file.rsplit('/').next().unwrap_or(&file).to_string();
            meta.by_name.entry(name).or_default().push(file);
        }
        Ok(meta)
    }

    /// Attributes of the document at corpus-relative `path`.
    pub fn get(&self, path: &str) -> Option<&Attributes> {
        if let Some(a) = self.by_path.get(path) {
            return Some(a);
        }
        let name = path.rsplit('/').next().unwrap_or(path);
        match self.by_name.get(name).map(Vec::as_slice) {
            Some([only]) => self.by_path.get(only),
            _ => None,
        }
    }

    /// Every non-empty value of a column, in file order of the rows' paths.
    pub fn values(&self, column: &str) -> Vec<&str> {
        let mut paths: Vec<&String> = self.by_path.keys().collect();
        paths.sort();
        paths
            .into_iter()
            .filter_map(|p| self.by_path[p].get(column).map(String::as_str))
            .collect()
    }

    /// Rows naming no file in `paths`.
    pub fn unmatched<'a>(&'a self, paths: &[&str]) -> Vec<&'a str> {
        let matched: std::collections::HashSet<&str> = paths
            .iter()
            .filter_map(|p| {
                self.by_path
                    .get_key_value(*p)
                    .map(|(k, _)| k.as_str())
                    .or_else(|| {
                        let name = p.rsplit('/').next()?;
                        match self.by_name.get(name).map(Vec::as_slice) {
                            Some([only]) => Some(only.as_str()),
                            _ => None,
                        }
                    })
            })
            .collect();
        let mut out: Vec<&str> = self
            .by_path
            .keys()
            .map(String::as_str)
            .filter(|k| !matched.contains(k))
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
    fn errors_name_the_line() {
        assert!(
            Metadata::parse("file,region\na.txt,X\na.txt,Y\n")
                .unwrap_err()
                .starts_with("line 3")
        );
        assert!(Metadata::parse("name\nx\n").unwrap_err().contains("file"));
    }
}
