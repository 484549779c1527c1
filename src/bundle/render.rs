//! Rendering a bundle: `bundle.json` and a self-contained `bundle.html` (inline
//! CSS, no scripts, no external requests, readable on a phone and printable;
//! every piece of text escaped).

use super::words::{Words, attribute_name, words};
use super::{Bundle, Excerpt};
use std::fmt::Write;

/// `bundle.json`, pretty-printed, deterministic.
pub fn json(bundle: &Bundle) -> String {
    let mut s = serde_json::to_string_pretty(bundle).expect("serialisable");
    s.push('\n');
    s
}

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The at-rules of the stylesheet (`@page`, `@media`): strings of the
/// bundle's own that the leak gate's detectors would take for handles.
pub(crate) fn stylesheet_at_rules() -> Vec<&'static str> {
    let mut rules: Vec<&str> = CSS
        .match_indices('@')
        .map(|(i, _)| {
            let end = CSS[i + 1..]
                .find(|c: char| !c.is_ascii_alphabetic() && c != '-')
                .map_or(CSS.len(), |n| i + 1 + n);
            &CSS[i..end]
        })
        .collect();
    rules.sort_unstable();
    rules.dedup();
    rules
}

const CSS: &str = "body{font-family:Georgia,'Noto Serif',serif;max-width:46rem;margin:0 auto;padding:1rem;line-height:1.5;color:#222;background:#fff}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.3rem;margin-top:2.2rem;border-bottom:2px solid #ccc;padding-bottom:.2rem}h3{font-size:1.1rem;margin-top:1.6rem}
.meta{color:#555;font-size:.9rem}nav ol{padding-left:1.2rem}nav a,.back a{color:#234}.back{font-size:.85rem;margin:.4rem 0 1rem}
.howto{border:1px solid #ccc;padding:.2rem .9rem;background:#f6f6f6;font-size:.95rem}
.excerpt{border-left:4px solid #999;margin:1.2rem 0;padding:.3rem .8rem;background:#fafafa;break-inside:avoid;page-break-inside:avoid}
.excerpt blockquote{margin:.3rem 0;font-size:1.05rem}.context{color:#555;font-size:.9rem;margin:.2rem 0}
.who{font-variant:small-caps;color:#444;margin-right:.3rem}.interviewer{font-style:italic}
.place{font-size:.85rem;color:#444}.tags{font-size:.8rem;color:#444}.tag{display:inline-block;border:1px solid #bbb;border-radius:.6rem;padding:0 .4rem;margin:.1rem .2rem .1rem 0}
.pseudonym{background:#e8eefc;border-radius:.2rem;padding:0 .15rem;font-family:monospace;font-size:.95em}
@page{margin:1.6cm 1.5cm}
@media print{body{max-width:none;padding:0;font-size:10pt;line-height:1.35}h1{font-size:15pt}h2{font-size:12.5pt;margin-top:1rem}h3{font-size:11pt;margin-top:.8rem}.howto{padding:0 .6rem;font-size:9pt}.excerpt{background:none;margin:.55rem 0;padding:.1rem .6rem}.excerpt blockquote{font-size:10pt}.context{font-size:8.5pt}.back{display:none}.pseudonym{background:none;border:1px solid #999;font-size:9pt}}
@media (max-width:30rem){body{padding:.5rem}h1{font-size:1.3rem}}";

/// Escaped text with every pseudonym (`[Person 3]`, `[Age 40–49]`) marked,
/// so that readers see what was replaced.
fn marked_text(text: &str) -> String {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(r"\[(?:Person|Place|Organisation|Name|Phone|Email|URL|Date|ID|Age|Address)(?: [^\]\[]{1,12})?\]")
            .expect("valid")
    });
    let mut out = String::with_capacity(text.len() + 32);
    let mut at = 0;
    for m in re.find_iter(text) {
        out.push_str(&escape(&text[at..m.start()]));
        out.push_str("<span class=\"pseudonym\">");
        out.push_str(&escape(m.as_str()));
        out.push_str("</span>");
        at = m.end();
    }
    out.push_str(&escape(&text[at..]));
    out
}

/// The `lang` attribute of a text in another language than the page, so that
/// screen readers switch voices (`en`, `ru`, `az`, `hy`, `ka`; nothing when
/// the guess is unsure or the same as the page's).
fn lang_attr(lang: &str, page: &str) -> String {
    if lang.is_empty() || lang == page || lang == "und" {
        String::new()
    } else {
        format!(" lang=\"{}\"", escape(lang))
    }
}

fn line(out: &mut String, class: &str, role: Option<&str>, text: &str, lang: &str, w: &Words) {
    let interviewer = role == Some("interviewer");
    let _ = write!(
        out,
        "<p class=\"{class}{}\">",
        if interviewer { " interviewer" } else { "" }
    );
    if let Some(r) = role {
        let _ = write!(out, "<span class=\"who\">{}:</span>", escape(w.role(r)));
    }
    let _ = write!(
        out,
        "<span{}>{}</span></p>",
        lang_attr(lang, w.lang),
        marked_text(text)
    );
}

fn excerpt_html(b: &Bundle, e: &Excerpt, w: &Words, out: &mut String) {
    let _ = write!(out, "<article class=\"excerpt\" id=\"{}\">", escape(&e.id));
    let _ = write!(
        out,
        "<p class=\"place\"><strong>{}</strong> · {}",
        escape(&e.id),
        escape(&w.place(e))
    );
    for (k, v) in &e.attributes {
        let _ = write!(
            out,
            " · <span class=\"tag\">{}: {}</span>",
            escape(&attribute_name(k)),
            escape(v)
        );
    }
    out.push_str("</p>");
    for (i, c) in e.context_before.iter().enumerate() {
        let role = e.context_before_roles.get(i).cloned().flatten();
        line(out, "context", role.as_deref(), c, &e.lang, w);
    }
    let interviewer = e.role.as_deref() == Some("interviewer");
    let _ = write!(
        out,
        "<blockquote{}>",
        if interviewer {
            " class=\"interviewer\""
        } else {
            ""
        }
    );
    if let Some(r) = &e.role {
        let _ = write!(out, "<span class=\"who\">{}:</span>", escape(w.role(r)));
    }
    let _ = write!(
        out,
        "<span{}>{}</span></blockquote>",
        lang_attr(&e.lang, w.lang),
        marked_text(&e.text)
    );
    for (i, c) in e.context_after.iter().enumerate() {
        let role = e.context_after_roles.get(i).cloned().flatten();
        line(out, "context", role.as_deref(), c, &e.lang, w);
    }
    // The other codes it carries, by name.
    let others = b.other_code_names(e);
    if !others.is_empty() {
        let _ = write!(
            out,
            "<p class=\"tags\">{}: {}</p>",
            escape(w.also_coded),
            others
                .iter()
                .map(|n| format!("<span class=\"tag\">{}</span>", escape(n)))
                .collect::<Vec<_>>()
                .join(" ")
        );
    }
    out.push_str("</article>\n");
}

fn section_anchor(id: &str) -> String {
    format!("s-{}", id.replace([':', '/'], "-"))
}

/// `bundle.html`: how to read it, nested contents with counts, then each
/// section with its excerpts — every excerpt once, in the section of the
/// first of the profile's codes it carries (or its document's).
pub fn html(bundle: &Bundle) -> String {
    let w = words(&bundle.language);
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>\n{CSS}\n</style>\n</head>\n<body>\n",
        w.lang,
        escape(&bundle.title)
    );
    let documents = bundle.documents();
    let _ = write!(
        out,
        "<header id=\"top\"><h1>{}</h1>\n<p class=\"meta\">{} · {} {} · {} {} · {} {}</p>\n<p class=\"meta\">{}</p>\n<p class=\"meta\">{}: {}</p></header>\n",
        escape(&bundle.title),
        escape(&bundle.name),
        escape(w.created),
        escape(&bundle.created),
        bundle.excerpts.len(),
        escape(w.excerpts),
        documents,
        escape(w.documents),
        escape(&w.selection(bundle)),
        escape(w.codebooks),
        bundle
            .codebooks
            .iter()
            .map(|b| format!("{} {}", escape(&b.title), escape(&b.version)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let _ = write!(
        out,
        "<section class=\"howto\"><h2>{}</h2>",
        escape(w.how_to_read)
    );
    for p in w.how_to_read_text {
        let _ = write!(out, "<p>{}</p>", marked_text(p));
    }
    for p in w.disclosure(bundle) {
        let _ = write!(out, "<p>{}</p>", marked_text(&p));
    }
    out.push_str("</section>\n");
    // Nested contents.
    let _ = write!(
        out,
        "<nav id=\"contents\"><h2>{}</h2>\n<ol>",
        escape(w.contents)
    );
    let mut depth = 0;
    for (i, s) in bundle.sections.iter().enumerate() {
        while depth < s.depth {
            out.push_str("<ol>");
            depth += 1;
        }
        while depth > s.depth {
            out.push_str("</li></ol>");
            depth -= 1;
        }
        if i > 0 && bundle.sections[i - 1].depth >= s.depth {
            out.push_str("</li>");
        }
        let _ = write!(
            out,
            "<li><a href=\"#{}\">{}</a> ({})",
            escape(&section_anchor(&s.id)),
            escape(&w.section_title(bundle, s)),
            bundle.section_total(i)
        );
    }
    while depth > 0 {
        out.push_str("</li></ol>");
        depth -= 1;
    }
    if !bundle.sections.is_empty() {
        out.push_str("</li>");
    }
    out.push_str("</ol></nav>\n<main>\n");
    let by_id: std::collections::HashMap<&str, &Excerpt> =
        bundle.excerpts.iter().map(|e| (e.id.as_str(), e)).collect();
    for (i, s) in bundle.sections.iter().enumerate() {
        let h = if s.depth == 0 { "h2" } else { "h3" };
        let _ = writeln!(
            out,
            "<section id=\"{}\"><{h}>{} ({})</{h}>",
            escape(&section_anchor(&s.id)),
            escape(&w.section_title(bundle, s)),
            bundle.section_total(i)
        );
        for id in &s.excerpts {
            if let Some(e) = by_id.get(id.as_str()) {
                excerpt_html(bundle, e, w, &mut out);
            }
        }
        if s.excerpts.is_empty() {
            out.push_str("</section>\n");
        } else {
            let _ = writeln!(
                out,
                "<p class=\"back\"><a href=\"#contents\">↑ {}</a></p></section>",
                escape(w.back)
            );
        }
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_stylesheets_at_rules_are_found_whole() {
        assert_eq!(stylesheet_at_rules(), vec!["@media", "@page"]);
    }

    use super::*;

    #[test]
    fn hostile_text_is_escaped() {
        assert_eq!(
            escape("<script>alert(\"x\")</script></p>&'"),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;/p&gt;&amp;&#39;"
        );
    }
}
