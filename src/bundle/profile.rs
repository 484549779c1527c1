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
    /// a document's title or a cell reading `Dormitory` is no excerpt).
    #[serde(default)]
    pub headings: bool,
    /// Language of the bundle's own words: `en` (default) or `ru`.
    #[serde(default)]
    pub language: Option<String>,
}

/// Languages a bundle's own words are written in.
pub const LANGUAGES: &[&str] = &["en", "ru"];

impl Profile {
    /// Whether a segment of this block kind and text is running text an
    /// excerpt can be: not a heading, not a table cell of under four words.
    pub fn excerptable(&self, block: &str, text: &str) -> bool {
        self.headings
            || match block {
                "heading" => false,
                "table" => text.split_whitespace().count() >= 4,
                _ => true,
            }
    }
}

impl Profile {
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    bundle: Vec<Profile>,
}

/// Reads `bundles.toml` (missing: no profiles).
pub fn load(path: &Path) -> Result<Vec<Profile>, String> {
    if !path.exists() {
        return Ok(Vec::new());
    }
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let file: File = toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    for p in &file.bundle {
        valid_name(&p.name).map_err(|e| format!("{}: {e}", path.display()))?;
        p.generalisations()
            .map_err(|e| format!("{}: {e}", path.display()))?;
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
    let mut out = BTreeMap::new();
    for (name, rule) in rules {
        let value = match rule {
            Generalise::Keep => attrs.get(name).cloned(),
            Generalise::Band => attrs
                .get(name)
                .and_then(|v| v.trim().parse::<u32>().ok())
                .map(|n| {
                    let b = n / 10 * 10;
                    format!("{b}–{}", b + 9)
                }),
            Generalise::From(other) => attrs.get(other).cloned(),
        };
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            out.insert(name.clone(), v);
        }
    }
    out
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
