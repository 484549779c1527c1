//! Codebooks: coding schemes in TOML (`codebooks/*.toml`, DESIGN §5), their
//! validation with `file:line:column` diagnostics, and REFI-QDA / CSV exchange.
//!
//! Loading never stops at the first problem: every unknown key, duplicate id,
//! missing parent, bad colour, bad unit and query syntax error is reported with
//! the position it is at, so an editor can fix a codebook in one pass.

pub mod exchange;

use crate::query::{self, Query};
use crate::segment::SegmentKind;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml_edit::{Document, Item, Table};

/// One problem in a codebook file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file.
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column (characters).
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A problem with a whole file or folder has no line to point at.
        if self.line == 0 {
            return write!(f, "{}: {}", self.path.display(), self.message);
        }
        write!(
            f,
            "{}:{}:{}: {}",
            self.path.display(),
            self.line,
            self.column,
            self.message
        )
    }
}

/// A coding scheme.
#[derive(Debug, Clone)]
pub struct Codebook {
    /// Identifier (file-independent), used in codings and facets.
    pub id: String,
    /// Human title.
    pub title: String,
    /// Version, recorded with every coding.
    pub version: String,
    /// Optional description.
    pub description: Option<String>,
    /// Default coding unit.
    pub unit: SegmentKind,
    /// Codes in file order.
    pub codes: Vec<Code>,
    /// Where it was read from.
    pub path: PathBuf,
}

/// A code.
#[derive(Debug, Clone)]
pub struct Code {
    /// Path id: `housing/collective-centre`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Definition, inclusion and exclusion criteria.
    pub description: Option<String>,
    /// `#rrggbb`.
    pub color: Option<String>,
    /// Rule that codes a segment (none: a category, not auto-coded).
    pub rule: Option<Rule>,
    /// Rule that vetoes a match.
    pub exclude: Option<Rule>,
    /// Speaker scope: role names or speaker names (folded); empty = everyone.
    pub speakers: Vec<String>,
    /// Coding unit override.
    pub unit: Option<SegmentKind>,
    /// REFI-QDA GUID, kept for round trips.
    pub guid: Option<String>,
}

/// A query with its source text.
#[derive(Debug, Clone)]
pub struct Rule {
    /// As written.
    pub source: String,
    /// Parsed.
    pub query: Query,
}

impl Code {
    /// The parent's id (`housing` for `housing/collective-centre`).
    pub fn parent(&self) -> Option<&str> {
        self.id.rsplit_once('/').map(|(p, _)| p)
    }
}

impl Codebook {
    /// The code with `id`.
    pub fn code(&self, id: &str) -> Option<&Code> {
        self.codes.iter().find(|c| c.id == id)
    }
}

/// Reads and validates every `*.toml` codebook in `dir` (sorted by file name).
pub fn load_dir(dir: &Path) -> Result<Vec<Codebook>, Vec<Diagnostic>> {
    let mut files: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.extension().is_some_and(|e| e == "toml")
                    && p.file_name().is_some_and(|n| n != "bundles.toml")
            })
            .collect(),
        Err(e) => {
            return Err(vec![Diagnostic {
                path: dir.to_path_buf(),
                line: 0,
                column: 0,
                message: if e.kind() == std::io::ErrorKind::NotFound {
                    "no such folder: run pipeline in a project folder (with corpus/, codebooks/, outputs/) or give --codebooks DIR".to_string()
                } else {
                    format!("cannot read folder: {e}")
                },
            }]);
        }
    };
    files.sort();
    load_files(&files)
}

/// Reads and validates codebook files; all problems of all files together.
pub fn load_files(files: &[PathBuf]) -> Result<Vec<Codebook>, Vec<Diagnostic>> {
    let mut books = Vec::new();
    let mut problems = Vec::new();
    for f in files {
        match load(f) {
            Ok(b) => books.push(b),
            Err(mut d) => problems.append(&mut d),
        }
    }
    let mut seen: std::collections::HashMap<String, PathBuf> = std::collections::HashMap::new();
    for b in &books {
        if let Some(other) = seen.insert(b.id.clone(), b.path.clone()) {
            problems.push(Diagnostic {
                path: b.path.clone(),
                line: 1,
                column: 1,
                message: format!("codebook id `{}` is also used by {}", b.id, other.display()),
            });
        }
    }
    if problems.is_empty() {
        Ok(books)
    } else {
        Err(problems)
    }
}

/// Reads and validates one codebook file.
pub fn load(path: &Path) -> Result<Codebook, Vec<Diagnostic>> {
    match std::fs::read_to_string(path) {
        Ok(text) => parse(&text, path),
        Err(e) => Err(vec![Diagnostic {
            path: path.to_path_buf(),
            line: 0,
            column: 0,
            message: format!("cannot read: {e}"),
        }]),
    }
}

struct Checker<'a> {
    text: &'a str,
    path: &'a Path,
    problems: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn at(&mut self, offset: usize, message: impl Into<String>) {
        let (line, column) = line_col(self.text, offset);
        self.problems.push(Diagnostic {
            path: self.path.to_path_buf(),
            line,
            column,
            message: message.into(),
        });
    }

    fn span_of(item: &Item) -> usize {
        item.span().map_or(0, |s| s.start)
    }

    fn string(
        &mut self,
        table: &Table,
        key: &str,
        required: bool,
        context: &str,
    ) -> Option<String> {
        match table.get(key) {
            Some(item) => match item.as_str() {
                Some(s) => Some(s.to_string()),
                None => {
                    self.at(
                        Self::span_of(item),
                        format!("`{key}` in {context} must be a string"),
                    );
                    None
                }
            },
            None => {
                if required {
                    self.at(
                        table.span().map_or(0, |s| s.start),
                        format!("{context} has no `{key}`"),
                    );
                }
                None
            }
        }
    }

    fn unknown_keys(&mut self, table: &Table, allowed: &[&str], context: &str) {
        for (key, _) in table.iter() {
            if !allowed.contains(&key) {
                let at = table.key(key).and_then(|k| k.span()).map_or(0, |s| s.start);
                let hint = closest(key, allowed)
                    .map(|c| format!(" (did you mean `{c}`?)"))
                    .unwrap_or_default();
                self.at(
                    at,
                    format!(
                        "unknown key `{key}` in {context}{hint}; allowed: {}",
                        allowed.join(", ")
                    ),
                );
            }
        }
    }

    fn unit(&mut self, table: &Table, context: &str) -> Option<SegmentKind> {
        let s = self.string(table, "unit", false, context)?;
        match SegmentKind::parse(&s) {
            Some(u) => Some(u),
            None => {
                let at = Self::span_of(table.get("unit").expect("present"));
                self.at(
                    at,
                    format!("unit `{s}` is not one of sentence, paragraph, turn"),
                );
                None
            }
        }
    }

    fn rule(&mut self, table: &Table, key: &str, context: &str) -> Option<Rule> {
        let source = self.string(table, key, false, context)?;
        match query::parse(&source) {
            Ok(query) => Some(Rule { source, query }),
            Err(e) => {
                let item = table.get(key).expect("present");
                let at = offset_in_string_value(self.text, item.span(), e.column);
                self.at(
                    at,
                    format!(
                        "in `{key}`: {}\n    {}",
                        e.message,
                        e.render(&source).replace('\n', "\n    ")
                    ),
                );
                None
            }
        }
    }
}

/// Parses and validates codebook TOML text read from `path`.
pub fn parse(text: &str, path: &Path) -> Result<Codebook, Vec<Diagnostic>> {
    let mut c = Checker {
        text,
        path,
        problems: Vec::new(),
    };
    let doc = match Document::parse(text) {
        Ok(d) => d,
        Err(e) => {
            c.at(
                e.span().map_or(0, |s| s.start),
                format!("TOML syntax: {}", e.message()),
            );
            return Err(c.problems);
        }
    };
    let root = doc.as_table();
    c.unknown_keys(root, &["codebook", "code"], "the file");
    let empty = Table::new();
    let head = match root.get("codebook").map(|i| i.as_table()) {
        Some(Some(t)) => t,
        Some(None) => {
            c.at(
                Checker::span_of(root.get("codebook").expect("present")),
                "`codebook` must be a table: [codebook]",
            );
            &empty
        }
        None => {
            c.at(0, "missing [codebook] table with id, title and version");
            &empty
        }
    };
    c.unknown_keys(
        head,
        &["id", "title", "version", "unit", "description"],
        "[codebook]",
    );
    let id = c.string(head, "id", true, "[codebook]").unwrap_or_default();
    if !id.is_empty() && !valid_segment(&id) {
        c.at(
            Checker::span_of(head.get("id").expect("present")),
            format!("codebook id `{id}` may use only a-z, 0-9, - and _"),
        );
    }
    let title = c
        .string(head, "title", true, "[codebook]")
        .unwrap_or_default();
    let version = c
        .string(head, "version", true, "[codebook]")
        .unwrap_or_default();
    let description = c.string(head, "description", false, "[codebook]");
    let unit = c.unit(head, "[codebook]").unwrap_or(SegmentKind::Sentence);

    let mut codes: Vec<(Code, usize)> = Vec::new();
    match root.get("code") {
        None => {}
        Some(item) => match item.as_array_of_tables() {
            None => c.at(
                Checker::span_of(item),
                "codes are written as [[code]] tables",
            ),
            Some(tables) => {
                for (n, t) in tables.iter().enumerate() {
                    let context = format!("[[code]] #{}", n + 1);
                    let at = t.span().map_or(0, |s| s.start);
                    c.unknown_keys(
                        t,
                        &[
                            "id",
                            "name",
                            "description",
                            "color",
                            "match",
                            "exclude",
                            "speakers",
                            "unit",
                            "guid",
                        ],
                        &context,
                    );
                    let Some(code_id) = c.string(t, "id", true, &context) else {
                        continue;
                    };
                    let id_at = Checker::span_of(t.get("id").expect("present"));
                    if !code_id.split('/').all(valid_segment) {
                        c.at(id_at, format!("code id `{code_id}`: each part of the path may use only a-z, 0-9, - and _"));
                    }
                    let context = format!("code `{code_id}`");
                    let name = c.string(t, "name", true, &context).unwrap_or_default();
                    let description = c.string(t, "description", false, &context);
                    let color = c.string(t, "color", false, &context);
                    if let Some(col) = &color
                        && !valid_colour(col)
                    {
                        c.at(
                            Checker::span_of(t.get("color").expect("present")),
                            format!("colour `{col}` is not #rrggbb"),
                        );
                    }
                    let rule = c.rule(t, "match", &context);
                    let exclude = c.rule(t, "exclude", &context);
                    if t.get("exclude").is_some() && t.get("match").is_none() {
                        c.at(
                            Checker::span_of(t.get("exclude").expect("present")),
                            format!("{context} has `exclude` but no `match`"),
                        );
                    }
                    let speakers = match t.get("speakers") {
                        None => Vec::new(),
                        Some(item) => match item.as_array() {
                            Some(arr) if arr.iter().all(|v| v.as_str().is_some()) => arr
                                .iter()
                                .filter_map(|v| v.as_str())
                                .map(crate::fold::fold)
                                .collect(),
                            _ => {
                                c.at(
                                    Checker::span_of(item),
                                    format!("`speakers` in {context} must be a list of strings"),
                                );
                                Vec::new()
                            }
                        },
                    };
                    let unit = c.unit(t, &context);
                    let guid = c.string(t, "guid", false, &context);
                    codes.push((
                        Code {
                            id: code_id,
                            name,
                            description,
                            color,
                            rule,
                            exclude,
                            speakers,
                            unit,
                            guid,
                        },
                        id_at.max(at),
                    ));
                }
            }
        },
    }
    // Duplicate ids and missing parents.
    let mut seen = std::collections::HashSet::new();
    for (code, at) in &codes {
        if !seen.insert(code.id.as_str()) {
            c.at(*at, format!("duplicate code id `{}`", code.id));
        }
    }
    for (code, at) in &codes {
        if let Some(parent) = code.parent()
            && !codes.iter().any(|(p, _)| p.id == parent)
        {
            c.at(
                *at,
                format!(
                    "code `{}` has no parent: add a code with id `{parent}`",
                    code.id
                ),
            );
        }
    }
    if !c.problems.is_empty() {
        return Err(c.problems);
    }
    Ok(Codebook {
        id,
        title,
        version,
        description,
        unit,
        codes: codes.into_iter().map(|(c, _)| c).collect(),
        path: path.to_path_buf(),
    })
}

fn valid_segment(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

pub(crate) fn valid_colour(s: &str) -> bool {
    let hex = s.strip_prefix('#').unwrap_or("");
    (hex.len() == 6 || hex.len() == 3) && hex.chars().all(|c| c.is_ascii_hexdigit())
}

/// 1-based line and character column of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    // Parsers may report a byte inside a multi-byte character.
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..offset].chars().count() + 1)
}

/// Byte offset in the file of character `column` inside a string value whose
/// span (with quotes) is `span`. Exact for strings without escapes.
fn offset_in_string_value(text: &str, span: Option<Range<usize>>, column: usize) -> usize {
    let Some(span) = span else { return 0 };
    let raw = &text[span.clone()];
    let quote = if raw.starts_with("\"\"\"") || raw.starts_with("'''") {
        3
    } else {
        1
    };
    let mut start = span.start + quote.min(raw.len());
    if quote == 3 && text[start..].starts_with('\n') {
        start += 1;
    }
    text[start..span.end]
        .char_indices()
        .nth(column)
        .map_or(span.end, |(i, _)| start + i)
}

/// `housing`, `displacement:housing` or `/displacement/housing` → facet paths.
pub fn facets(books: &[Codebook], spec: &str) -> Result<Vec<String>, String> {
    let spec = spec.trim_start_matches('/');
    let (book, code) = match spec.split_once(':') {
        Some((b, c)) => (Some(b), c),
        None => (None, spec),
    };
    let found: Vec<String> = books
        .iter()
        .filter(|b| book.is_none_or(|x| x == b.id))
        .filter(|b| b.code(code).is_some())
        .map(|b| format!("/{}/{}", b.id, code))
        .collect();
    if !found.is_empty() {
        return Ok(found);
    }
    // A code's name works as well as its id (`"Collective centres"`), in
    // any case and with or without diacritics.
    let wanted = crate::fold::fold(code.trim());
    let by_name: Vec<String> = books
        .iter()
        .filter(|b| book.is_none_or(|x| x == b.id))
        .flat_map(|b| {
            b.codes
                .iter()
                .filter(|c| crate::fold::fold(&c.name) == wanted)
                .map(move |c| format!("/{}/{}", b.id, c.id))
        })
        .collect();
    if !by_name.is_empty() {
        return Ok(by_name);
    }
    let mut all: Vec<(usize, String)> = books
        .iter()
        .flat_map(|b| b.codes.iter().map(move |c| c.id.clone()))
        .map(|id| {
            let last = id.rsplit('/').next().unwrap_or(&id).to_string();
            (
                strsim::levenshtein(code, &id).min(strsim::levenshtein(code, &last)),
                id,
            )
        })
        .collect();
    all.sort();
    let limit = (code.chars().count() / 3).max(2);
    let suggestions: Vec<String> = all
        .into_iter()
        .take(3)
        .filter(|(d, _)| *d <= limit)
        .map(|(_, id)| id)
        .collect();
    if suggestions.is_empty() {
        return Err(format!("unknown code `{spec}`"));
    }
    Err(format!(
        "unknown code `{spec}`; did you mean {}?",
        suggestions
            .iter()
            .map(|s| format!("`{s}`"))
            .collect::<Vec<_>>()
            .join(", ")
    ))
}

/// The allowed word closest to `word` (edit distance ≤ 2).
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::levenshtein(word, c), *c))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r##"
[codebook]
id = "displacement"
title = "Displacement"
version = "1.0"
unit = "sentence"

[[code]]
id = "housing"
name = "Housing"
color = "#d95f02"

[[code]]
id = "housing/collective-centre"
name = "Collective centre"
match = '"collective centre" OR dormitor*'
exclude = '"school fees"'
speakers = ["Respondent"]
unit = "paragraph"
"##;

    #[test]
    fn a_good_codebook_loads() {
        let b = parse(GOOD, Path::new("c.toml")).unwrap();
        assert_eq!(b.codes.len(), 2);
        assert_eq!(b.codes[1].parent(), Some("housing"));
        assert_eq!(b.codes[1].speakers, ["respondent"]);
        assert_eq!(b.codes[1].unit, Some(SegmentKind::Paragraph));
        assert!(b.codes[0].rule.is_none());
    }

    #[test]
    fn every_problem_is_reported_with_its_position() {
        let bad = r##"[codebook]
id = "x"
title = "X"
version = "1"
colour = "red"

[[code]]
id = "housing/collective-centre"
name = "CC"
color = "orange"
match = 'dormitory AND (shelter'
unit = "page"

[[code]]
id = "x"
name = "X"

[[code]]
id = "x"
nme = "X"
"##;
        let errors: Vec<String> = parse(bad, Path::new("b.toml"))
            .unwrap_err()
            .iter()
            .map(|d| d.to_string())
            .collect();
        let joined = errors.join("\n");
        assert!(
            joined.contains("b.toml:5:1: unknown key `colour` in [codebook]"),
            "{joined}"
        );
        assert!(
            joined.contains("b.toml:10:9: colour `orange` is not #rrggbb"),
            "{joined}"
        );
        assert!(
            joined.contains("b.toml:11:24: in `match`: unclosed `(`"),
            "{joined}"
        );
        assert!(
            joined.contains("b.toml:12:8: unit `page` is not one of"),
            "{joined}"
        );
        assert!(
            joined.contains("b.toml:20:1: unknown key `nme` in [[code]] #3 (did you mean `name`?)"),
            "{joined}"
        );
        assert!(joined.contains("code `x` has no `name`"), "{joined}");
        assert!(
            joined.contains("b.toml:19:6: duplicate code id `x`"),
            "{joined}"
        );
        assert!(
            joined.contains("b.toml:8:6: code `housing/collective-centre` has no parent"),
            "{joined}"
        );
    }

    #[test]
    fn toml_syntax_errors_have_positions() {
        let d = parse("[codebook]\nid = \"x\ntitle = 1\n", Path::new("s.toml")).unwrap_err();
        assert_eq!(d[0].line, 2, "{}", d[0]);
    }
}
