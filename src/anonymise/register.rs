//! The register (`corpus/register.csv`): identifiers that must never reach a
//! bundle. Columns `kind,canonical,aliases,pseudonym`; kinds person, place,
//! organisation, other; aliases `|`-separated (`;` accepted too); an empty pseudonym is numbered.

use super::Kind;

/// One registered entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// Kind.
    pub kind: Kind,
    /// Canonical form.
    pub canonical: String,
    /// Other spellings.
    pub aliases: Vec<String>,
    /// Fixed pseudonym (wins over numbering).
    pub pseudonym: Option<String>,
}

/// The parsed register.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Register {
    /// Entities in file order.
    pub entities: Vec<Entity>,
}

/// A CSV reader over `text` (fields trimmed, rows of any length) and its
/// header names in lower case; the error names line 1.
pub(crate) fn csv_with_headers(text: &str) -> Result<(csv::Reader<&[u8]>, Vec<String>), String> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| format!("line 1: {e}"))?
        .iter()
        .map(str::to_lowercase)
        .collect();
    Ok((reader, headers))
}

impl Register {
    /// Parses register CSV text; errors name the line.
    pub fn parse(text: &str) -> Result<Register, String> {
        let (mut reader, headers) = csv_with_headers(text)?;
        let col = |name: &str| headers.iter().position(|h| h == name);
        let (Some(kind_col), Some(canon_col)) = (col("kind"), col("canonical")) else {
            return Err("line 1: the header must have `kind` and `canonical` columns (and optionally `aliases`, `pseudonym`)".into());
        };
        let mut entities = Vec::new();
        for (i, row) in reader.records().enumerate() {
            let line = i + 2;
            let row = row.map_err(|e| format!("line {line}: {e}"))?;
            let get =
                |c: Option<usize>| c.and_then(|c| row.get(c)).unwrap_or("").trim().to_string();
            let kind = match get(Some(kind_col)).to_lowercase().as_str() {
                "person" => Kind::Person,
                "place" => Kind::Place,
                "organisation" | "organization" => Kind::Organisation,
                "other" => Kind::Other,
                other => {
                    return Err(format!(
                        "line {line}: kind `{other}` is not person, place, organisation or other"
                    ));
                }
            };
            let canonical = get(Some(canon_col));
            if canonical.is_empty() {
                return Err(format!("line {line}: empty canonical form"));
            }
            // `|` as designed; `;` too, since a spreadsheet user writes lists
            // that way and a name never holds one (one long alias that
            // matches nothing would leak every form in it).
            let aliases = get(col("aliases"))
                .split(['|', ';'])
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(str::to_string)
                .collect();
            let pseudonym = Some(get(col("pseudonym"))).filter(|p| !p.is_empty());
            entities.push(Entity {
                kind,
                canonical,
                aliases,
                pseudonym,
            });
        }
        Ok(Register { entities })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rows_and_reports_lines() {
        let r = Register::parse("kind,canonical,aliases,pseudonym\nperson,Leyla Məmmədova,Leyla|Лейла,\nplace,Aşağı Güneyli,,[Village A]\n").unwrap();
        assert_eq!(r.entities.len(), 2);
        assert_eq!(r.entities[0].aliases, ["Leyla", "Лейла"]);
        assert_eq!(r.entities[1].pseudonym.as_deref(), Some("[Village A]"));
        let r = Register::parse(
            "kind,canonical,aliases\nperson,Rəşad Məmmədov,Rashad Mammadov; Рашад\n",
        )
        .unwrap();
        assert_eq!(r.entities[0].aliases, ["Rashad Mammadov", "Рашад"]);
        assert!(
            Register::parse("kind,canonical\nanimal,Rex\n")
                .unwrap_err()
                .starts_with("line 2")
        );
    }
}
