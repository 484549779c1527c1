//! Bundle profiles (`codebooks/bundles.toml`): what a bundle selects, which
//! document attributes it keeps and how it generalises them.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// How one attribute appears in a bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Generalise {
    /// As it is.
    Keep,
    /// Ten-year band of a number (`47` → `40–49`).
    Band,
    /// Replaced by another attribute's value (village → region).
    From(String),
}

/// One bundle profile.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Bundle name (folder under `outputs/bundles/`).
    pub name: String,
    /// Title shown in the bundle.
    #[serde(default)]
    pub title: Option<String>,
    /// Codes to select (a parent includes its children).
    #[serde(default)]
    pub codes: Vec<String>,
    /// Query to select.
    #[serde(default)]
    pub query: Option<String>,
    /// `ATTR=VALUE` filters, all of which must hold.
    #[serde(default, rename = "where")]
    pub wheres: Vec<String>,
    /// Every segment (whole anonymised transcripts, for archiving).
    #[serde(default)]
    pub all: bool,
    /// Segments of context before and after each excerpt.
    #[serde(default)]
    pub context: usize,
    /// Attributes to keep: name → `keep`, `band` or `attr:OTHER`.
    #[serde(default)]
    pub attributes: BTreeMap<String, String>,
    /// Keep headings and short table cells as excerpts (left out by default:
    /// a document's title or a cell reading `Dormitory` is no excerpt). A
    /// cell holding only a number stays out even so: out of its table, the
    /// bundle cannot tell an age or a year of birth from a count.
    #[serde(default)]
    pub headings: bool,
    /// Language of the bundle's own words: `en` (default) or `ru`.
    #[serde(default)]
    pub language: Option<String>,
    /// Every combination of released attribute values must be shared by at
    /// least `k` respondents of the corpus (default [`DEFAULT_K`]).
    #[serde(default)]
    pub k: Option<usize>,
    /// Further generalisations of attributes, by attribute (beside and over
    /// the file's `[hierarchy]`): each step coarser than the one before,
    /// then the attribute is dropped.
    #[serde(default)]
    pub hierarchy: BTreeMap<String, Vec<Step>>,
    /// Whether document ids and pseudonyms are the project's (`project`,
    /// the default: two bundles can be joined) or this bundle's own
    /// (`bundle`: they cannot).
    #[serde(default)]
    pub link: Option<String>,
}

/// The smallest class of released attribute values, unless a profile says.
pub const DEFAULT_K: usize = 5;

/// One step of an attribute's hierarchy.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum Step {
    /// `band:N` (a band of N years of a number) or `attr:OTHER` (another
    /// attribute's value: settlement → region → country).
    Rule(String),
    /// Value → coarser value (`dormitory` → `collective housing`); values
    /// not listed stay as they are.
    Map(BTreeMap<String, String>),
}

/// How a bundle's document ids and pseudonyms relate to other bundles'.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    /// The project's: the same person, place and document have the same
    /// pseudonym and id in every bundle (readers of two bundles can join them).
    Project,
    /// The bundle's own: numbered afresh, so two bundles cannot be joined.
    Bundle,
}

impl Link {
    /// `project` or `bundle`.
    pub fn name(self) -> &'static str {
        match self {
            Link::Project => "project",
            Link::Bundle => "bundle",
        }
    }
}

/// Languages a bundle's own words are written in.
pub const LANGUAGES: &[&str] = &["en", "ru"];

impl Profile {
    /// Whether a segment of this block kind and text is running text an
    /// excerpt can be: not a heading, not a table cell of under four words;
    /// with `headings`, any but a table cell holding only a number.
    pub fn excerptable(&self, block: &str, text: &str) -> bool {
        if self.headings {
            return !(block == "table" && bare_number(text));
        }
        match block {
            "heading" => false,
            "table" => !short_cell(text),
            _ => true,
        }
    }

    /// Whether a segment may stand beside an excerpt as its context: not a
    /// table cell of under four words, whatever the profile. A cell alone
    /// (`27`, `Qapanlı`) reads as nothing without its column, and the
    /// anonymiser, which sees it alone, cannot tell an exact age or a
    /// village's name in it.
    pub fn context_allowed(block: &str, text: &str) -> bool {
        !(block == "table" && short_cell(text))
    }
}

/// A table cell of under four words.
fn short_cell(text: &str) -> bool {
    text.split_whitespace().count() < 4
}

/// A number alone, with at most a short unit (`27`, `1961`, `45 y.`, `45 лет`).
fn bare_number(text: &str) -> bool {
    let t = text.trim();
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    digits > 0 && t[digits..].trim().chars().count() <= 6
}

#[cfg(test)]
mod cell_tests {
    use super::*;

    #[test]
    fn table_cells_alone_stay_out_of_context_and_numbers_out_of_excerpts() {
        assert!(!Profile::context_allowed("table", "27"));
        assert!(!Profile::context_allowed("table", "Qapanlı"));
        assert!(Profile::context_allowed(
            "table",
            "we lived there for ten years"
        ));
        assert!(Profile::context_allowed("body", "27"));
        assert!(bare_number("27") && bare_number(" 45 лет ") && bare_number("1961"));
        assert!(!bare_number("Dormitory") && !bare_number("3 rooms for the whole family"));
    }
}

impl Profile {
    /// The smallest class size asked for.
    pub fn k(&self) -> Result<usize, String> {
        match self.k {
            None => Ok(DEFAULT_K),
            Some(0) => Err(format!("bundle `{}`: k must be 1 or more", self.name)),
            Some(k) => Ok(k),
        }
    }

    /// How ids and pseudonyms link to other bundles (`project` unless said).
    pub fn link(&self) -> Result<Link, String> {
        match self.link.as_deref() {
            None | Some("project") => Ok(Link::Project),
            Some("bundle") => Ok(Link::Bundle),
            Some(other) => Err(format!(
                "bundle `{}`: link `{other}` is not `project` or `bundle`",
                self.name
            )),
        }
    }

    /// The hierarchy of each released attribute: the profile's own steps,
    /// else the file's, else a band of 20 after a band of 10; every step
    /// checked.
    pub fn hierarchies(&self) -> Result<BTreeMap<String, Vec<Level>>, String> {
        let rules = self.generalisations()?;
        let mut out = BTreeMap::new();
        for (name, rule) in &rules {
            let declared = self
                .hierarchy
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v);
            let steps = match declared {
                Some(steps) => steps
                    .iter()
                    .map(|s| {
                        Level::of(s).map_err(|e| {
                            format!("bundle `{}`: hierarchy of `{name}`: {e}", self.name)
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()?,
                None if *rule == Generalise::Band => vec![Level::Band(20)],
                None => Vec::new(),
            };
            out.insert(name.clone(), steps);
        }
        Ok(out)
    }

    /// The language of the bundle's own words (`en` unless the profile says).
    pub fn language(&self) -> Result<&str, String> {
        match self.language.as_deref() {
            None => Ok("en"),
            Some(l) if LANGUAGES.contains(&l) => Ok(l),
            Some(l) => Err(format!(
                "bundle `{}`: language `{l}` is not one of {}",
                self.name,
                LANGUAGES.join(", ")
            )),
        }
    }

    /// The generalisation of each kept attribute.
    pub fn generalisations(&self) -> Result<BTreeMap<String, Generalise>, String> {
        self.attributes
            .iter()
            .map(|(name, how)| {
                let g = match how.as_str() {
                    "keep" => Generalise::Keep,
                    "band" => Generalise::Band,
                    other => match other.strip_prefix("attr:") {
                        Some(a) if !a.is_empty() => Generalise::From(a.to_ascii_lowercase()),
                        _ => return Err(format!("bundle `{}`: attribute `{name}`: `{how}` is not keep, band or attr:NAME", self.name)),
                    },
                };
                Ok((name.to_ascii_lowercase(), g))
            })
            .collect()
    }
}

/// A checked step of a hierarchy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Level {
    /// A band of this many years of the attribute's number.
    Band(u32),
    /// Another attribute's value.
    From(String),
    /// Value → coarser value.
    Map(BTreeMap<String, String>),
}

impl Level {
    fn of(step: &Step) -> Result<Level, String> {
        match step {
            Step::Map(m) => Ok(Level::Map(
                m.iter()
                    .map(|(a, b)| (crate::fold::fold(a), b.clone()))
                    .collect(),
            )),
            Step::Rule(r) => {
                if let Some(n) = r.strip_prefix("band:") {
                    match n.trim().parse::<u32>() {
                        Ok(n) if n >= 2 => Ok(Level::Band(n)),
                        _ => Err(format!("`{r}`: a band takes a width of 2 or more")),
                    }
                } else if let Some(a) = r.strip_prefix("attr:").filter(|a| !a.is_empty()) {
                    Ok(Level::From(a.to_ascii_lowercase()))
                } else {
                    Err(format!(
                        "`{r}` is not band:N, attr:NAME or a table of value = coarser value"
                    ))
                }
            }
        }
    }

    /// This step over the value of the step before (`None`: no value).
    pub fn apply(
        &self,
        name: &str,
        before: Option<String>,
        attrs: &BTreeMap<String, String>,
    ) -> Option<String> {
        match self {
            Level::Band(w) => attrs
                .get(name)
                .and_then(|v| v.trim().parse::<u32>().ok())
                .map(|n| band(n, *w))
                .or(before),
            Level::From(other) => attrs.get(other).cloned().filter(|v| !v.is_empty()),
            Level::Map(m) => before.map(|v| m.get(&crate::fold::fold(&v)).cloned().unwrap_or(v)),
        }
    }
}

/// `47` in bands of 10 → `40–49`.
pub fn band(n: u32, width: u32) -> String {
    let b = n / width * width;
    format!("{b}–{}", b + width - 1)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    bundle: Vec<Profile>,
    /// Hierarchies shared by every profile (a profile's own win).
    #[serde(default)]
    hierarchy: BTreeMap<String, Vec<Step>>,
}

/// Reads `bundles.toml` (missing: no profiles).
pub fn load(path: &Path) -> Result<Vec<Profile>, String> {
    if !path.exists() {
        return Ok(Vec::new());
    }
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut file: File = toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    for p in &mut file.bundle {
        for (name, steps) in &file.hierarchy {
            p.hierarchy
                .entry(name.to_ascii_lowercase())
                .or_insert_with(|| steps.clone());
        }
        let checked = valid_name(&p.name)
            .and_then(|()| p.hierarchies().map(|_| ()))
            .and_then(|()| p.k().map(|_| ()))
            .and_then(|()| p.link().map(|_| ()))
            .and_then(|()| p.language().map(|_| ()));
        checked.map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(file.bundle)
}

/// A bundle name is one safe folder name: letters, digits, `-`, `_`.
pub fn valid_name(name: &str) -> Result<(), String> {
    if name.is_empty()
        || name.len() > 80
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(format!(
            "bundle name `{name}` may use only letters, digits, - and _ (it becomes a folder in outputs/bundles/)"
        ));
    }
    Ok(())
}

/// Applies a generalisation to a document's attributes.
pub fn generalise(
    attrs: &BTreeMap<String, String>,
    rules: &BTreeMap<String, Generalise>,
) -> BTreeMap<String, String> {
    rules
        .iter()
        .filter_map(|(name, rule)| generalise_one(attrs, name, rule).map(|v| (name.clone(), v)))
        .collect()
}

/// One attribute as a rule gives it (`None`: no value).
pub fn generalise_one(
    attrs: &BTreeMap<String, String>,
    name: &str,
    rule: &Generalise,
) -> Option<String> {
    match rule {
        Generalise::Keep => attrs.get(name).cloned(),
        Generalise::Band => attrs
            .get(name)
            .and_then(|v| v.trim().parse::<u32>().ok())
            .map(|n| band(n, 10)),
        Generalise::From(other) => attrs.get(other).cloned(),
    }
    .filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_generalisation() {
        assert!(valid_name("../x").is_err());
        assert!(valid_name("housing-2023").is_ok());
        let attrs: BTreeMap<String, String> = [
            ("age", "47"),
            ("village", "Aşağı Güneyli"),
            ("region", "Aghdam"),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        let rules: BTreeMap<String, Generalise> = [
            ("age".to_string(), Generalise::Band),
            ("village".to_string(), Generalise::From("region".into())),
        ]
        .into_iter()
        .collect();
        let g = generalise(&attrs, &rules);
        assert_eq!(g["age"], "40–49");
        assert_eq!(g["village"], "Aghdam");
        assert!(!g.contains_key("region"));
    }
}
