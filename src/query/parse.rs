//! Parser of the query language: a small recursive-descent parser over a
//! token stream that keeps character positions for error messages.

use super::{Query, Word};
use crate::fold::{fold, word_spans};
use std::ops::Range;

/// A syntax error with the character column (0-based) it points at.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("column {}: {message}", column + 1)]
pub struct QueryError {
    /// 0-based character offset of the problem in the query.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl QueryError {
    fn at(column: usize, message: impl Into<String>) -> QueryError {
        QueryError {
            column,
            message: message.into(),
        }
    }

    /// The query with a caret under the problem, for terminals.
    pub fn render(&self, query: &str) -> String {
        format!("{query}\n{}^ {}", " ".repeat(self.column), self.message)
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Open,
    Close,
    And,
    Or,
    Not,
    /// A bare word (may contain `field:` and a trailing `*`).
    Word(String),
    /// A quoted phrase and its `~N`.
    Quoted(String, Option<u32>),
    /// `field:` followed directly by a quoted value.
    FieldQuoted(String, String),
}

fn lex(input: &str) -> Result<Vec<(Tok, Range<usize>)>, QueryError> {
    let chars: Vec<char> = input.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let quoted = |i: &mut usize| -> Result<String, QueryError> {
        let start = *i;
        *i += 1;
        let mut s = String::new();
        while *i < chars.len() && chars[*i] != '"' {
            s.push(chars[*i]);
            *i += 1;
        }
        if *i >= chars.len() {
            return Err(QueryError::at(start, "unclosed quote"));
        }
        *i += 1;
        Ok(s)
    };
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        if c.is_whitespace() {
            i += 1;
        } else if c == '(' {
            out.push((Tok::Open, i..i + 1));
            i += 1;
        } else if c == ')' {
            out.push((Tok::Close, i..i + 1));
            i += 1;
        } else if c == '"' {
            let s = quoted(&mut i)?;
            let mut slop = None;
            if i < chars.len() && chars[i] == '~' {
                let num_start = i + 1;
                let mut j = num_start;
                while j < chars.len() && chars[j].is_ascii_digit() {
                    j += 1;
                }
                if j == num_start {
                    return Err(QueryError::at(
                        i,
                        "`~` must be followed by a number of words, as in \"school live\"~5",
                    ));
                }
                let n: String = chars[num_start..j].iter().collect();
                slop = Some(
                    n.parse()
                        .map_err(|_| QueryError::at(num_start, "proximity is too large"))?,
                );
                i = j;
            }
            out.push((Tok::Quoted(s, slop), start..i));
        } else if c == '-'
            && chars
                .get(i + 1)
                .is_some_and(|n| !n.is_whitespace() && *n != '-')
        {
            out.push((Tok::Not, i..i + 1));
            i += 1;
        } else {
            let mut s = String::new();
            while i < chars.len()
                && !chars[i].is_whitespace()
                && !matches!(chars[i], '(' | ')' | '"')
            {
                s.push(chars[i]);
                i += 1;
            }
            if s.ends_with(':') && i < chars.len() && chars[i] == '"' {
                let value = quoted(&mut i)?;
                out.push((
                    Tok::FieldQuoted(s.trim_end_matches(':').to_string(), value),
                    start..i,
                ));
                continue;
            }
            let tok = match s.as_str() {
                "AND" | "&&" => Tok::And,
                "OR" | "||" => Tok::Or,
                "NOT" => Tok::Not,
                _ => Tok::Word(s),
            };
            out.push((tok, start..i));
        }
    }
    Ok(out)
}

struct Parser {
    toks: Vec<(Tok, Range<usize>)>,
    pos: usize,
    end: usize,
    /// Open parentheses and `NOT`s around the current position.
    depth: usize,
}

/// Nesting (parentheses and `NOT`s) a query may have. The parser, the
/// translation to the index's queries, the evaluator and even dropping the query recurse
/// once per level: 30,000 levels overflowed the stack (exit 134).
pub const MAX_DEPTH: usize = 100;

/// Parses a query. An empty (or all-blank) query is [`Query::All`].
pub fn parse(input: &str) -> Result<Query, QueryError> {
    let toks = lex(input)?;
    let end = input.chars().count();
    if toks.is_empty() {
        return Ok(Query::All);
    }
    let mut p = Parser {
        toks,
        pos: 0,
        end,
        depth: 0,
    };
    let q = p.or()?;
    if let Some((tok, at)) = p.toks.get(p.pos) {
        let what = if *tok == Tok::Close {
            "unmatched `)`"
        } else {
            "unexpected text"
        };
        return Err(QueryError::at(at.start, what));
    }
    Ok(q)
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|(t, _)| t)
    }

    fn here(&self) -> usize {
        self.toks.get(self.pos).map_or(self.end, |(_, r)| r.start)
    }

    fn or(&mut self) -> Result<Query, QueryError> {
        let mut parts = vec![self.and()?];
        while self.peek() == Some(&Tok::Or) {
            self.pos += 1;
            parts.push(self.and()?);
        }
        Ok(if parts.len() == 1 {
            parts.pop().expect("one")
        } else {
            Query::Or(parts)
        })
    }

    fn and(&mut self) -> Result<Query, QueryError> {
        let mut parts = vec![self.unary()?];
        loop {
            match self.peek() {
                Some(Tok::And) => {
                    self.pos += 1;
                    parts.push(self.unary()?);
                }
                Some(Tok::Or) | Some(Tok::Close) | None => break,
                Some(_) => parts.push(self.unary()?),
            }
        }
        Ok(if parts.len() == 1 {
            parts.pop().expect("one")
        } else {
            Query::And(parts)
        })
    }

    fn deeper(&mut self) -> Result<(), QueryError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(QueryError::at(
                self.here(),
                format!("nested too deeply: more than {MAX_DEPTH} levels of parentheses and NOT"),
            ));
        }
        Ok(())
    }

    fn unary(&mut self) -> Result<Query, QueryError> {
        if self.peek() == Some(&Tok::Not) {
            self.pos += 1;
            self.deeper()?;
            let inner = self.unary()?;
            self.depth -= 1;
            return Ok(Query::Not(Box::new(inner)));
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Query, QueryError> {
        let at = self.here();
        let Some((tok, range)) = self.toks.get(self.pos).cloned() else {
            return Err(QueryError::at(
                at,
                "expected a word, a \"phrase\" or `(` here",
            ));
        };
        self.pos += 1;
        match tok {
            Tok::Open => {
                if self.peek() == Some(&Tok::Close) {
                    return Err(QueryError::at(at, "empty parentheses"));
                }
                self.deeper()?;
                let q = self.or()?;
                self.depth -= 1;
                if self.peek() != Some(&Tok::Close) {
                    return Err(QueryError::at(at, "unclosed `(`"));
                }
                self.pos += 1;
                Ok(q)
            }
            Tok::Close => Err(QueryError::at(at, "unmatched `)`")),
            Tok::And | Tok::Or => Err(QueryError::at(at, "operator without a term before it")),
            Tok::Not => unreachable!("handled in unary"),
            Tok::Quoted(text, slop) => phrase(&text, slop, range.start),
            Tok::FieldQuoted(name, value) => field(&name, &value, range),
            Tok::Word(w) => match w.split_once(':') {
                Some((name, value)) if is_field_name(name) => {
                    if value.is_empty() {
                        return Err(QueryError::at(
                            range.end,
                            format!("`{name}:` needs a value"),
                        ));
                    }
                    field(name, value, range)
                }
                _ => term(&w, range.start),
            },
        }
    }
}

fn is_field_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

fn field(name: &str, value: &str, at: Range<usize>) -> Result<Query, QueryError> {
    let prefix = value.ends_with('*');
    let text = fold(value.trim_end_matches('*').trim());
    if text.is_empty() {
        return Err(QueryError::at(at.start, format!("`{name}:` needs a value")));
    }
    Ok(Query::Field {
        name: name.to_ascii_lowercase(),
        value: Word { text, prefix },
        at,
    })
}

/// Words of a query word or phrase, folded; a trailing `*` on a word makes it a prefix.
fn words(text: &str, at: usize) -> Result<Vec<Word>, QueryError> {
    let spans: Vec<(usize, usize)> = word_spans(text).collect();
    let mut out = Vec::with_capacity(spans.len());
    for (i, &(a, b)) in spans.iter().enumerate() {
        let next = spans.get(i + 1).map_or(text.len(), |s| s.0);
        let prefix = text[b..next].trim_start().starts_with('*');
        out.push(Word {
            text: fold(&text[a..b]),
            prefix,
        });
    }
    if out.is_empty() {
        return Err(QueryError::at(
            at,
            format!("nothing to search for in `{text}`"),
        ));
    }
    Ok(out)
}

fn term(text: &str, at: usize) -> Result<Query, QueryError> {
    if text.starts_with('*') {
        return Err(QueryError::at(
            at,
            "a wildcard must follow at least one letter (`dormitor*`)",
        ));
    }
    let mut ws = words(text, at)?;
    Ok(if ws.len() == 1 {
        Query::Term(ws.pop().expect("one"))
    } else {
        Query::Phrase {
            words: ws,
            slop: None,
        }
    })
}

fn phrase(text: &str, slop: Option<u32>, at: usize) -> Result<Query, QueryError> {
    let ws = words(text, at)?;
    Ok(if ws.len() == 1 && slop.is_none() {
        Query::Term(ws.into_iter().next().expect("one"))
    } else {
        Query::Phrase { words: ws, slop }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(t: &str) -> Word {
        Word {
            text: t.into(),
            prefix: false,
        }
    }

    #[test]
    fn precedence_and_implicit_and() {
        let q = parse("a b OR c NOT d").unwrap();
        assert_eq!(
            q,
            Query::Or(vec![
                Query::And(vec![Query::Term(w("a")), Query::Term(w("b"))]),
                Query::And(vec![
                    Query::Term(w("c")),
                    Query::Not(Box::new(Query::Term(w("d"))))
                ]),
            ])
        );
    }

    #[test]
    fn phrases_proximity_prefix_fields() {
        assert_eq!(
            parse("\"School  Live\"~5").unwrap(),
            Query::Phrase {
                words: vec![w("school"), w("live")],
                slop: Some(5)
            }
        );
        assert_eq!(
            parse("dormitor*").unwrap(),
            Query::Term(Word {
                text: "dormitor".into(),
                prefix: true
            })
        );
        assert!(
            matches!(parse("speaker:\"Leyla M\"").unwrap(), Query::Field { ref name, ref value, .. } if name == "speaker" && value.text == "leyla m")
        );
        assert!(
            matches!(parse("Region:GƏNCƏ").unwrap(), Query::Field { ref name, ref value, .. } if name == "region" && value.text == "gence")
        );
        assert_eq!(
            parse("-fees").unwrap(),
            Query::Not(Box::new(Query::Term(w("fees"))))
        );
        assert_eq!(
            parse("collective-centre").unwrap(),
            Query::Phrase {
                words: vec![w("collective"), w("centre")],
                slop: None
            }
        );
        assert_eq!(parse("  ").unwrap(), Query::All);
    }

    #[test]
    fn errors_point_at_the_problem() {
        let cases = [
            ("housing AND (shelter", 12, "unclosed `(`"),
            ("housing)", 7, "unmatched `)`"),
            ("\"school live", 0, "unclosed quote"),
            ("\"school live\"~x", 13, "`~` must be followed"),
            ("OR housing", 0, "operator without"),
            ("housing AND", 11, "expected a word"),
            ("*ing", 0, "wildcard"),
            ("region:", 7, "needs a value"),
        ];
        for (q, col, msg) in cases {
            let e = parse(q).unwrap_err();
            assert_eq!(e.column, col, "{q}: {e}");
            assert!(e.message.contains(msg), "{q}: {e}");
        }
        assert_eq!(
            parse("a )").unwrap_err().render("a )"),
            "a )\n  ^ unmatched `)`"
        );
    }
}
