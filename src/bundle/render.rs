//! Rendering a bundle: `bundle.json` and a self-contained `bundle.html` (inline
//! CSS, no scripts, no external requests, readable on a phone and printable;
//! every piece of text escaped).

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

const CSS: &str = "body{font-family:Georgia,'Noto Serif',serif;max-width:46rem;margin:0 auto;padding:1rem;line-height:1.5;color:#222;background:#fff}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:2px solid #ccc;padding-bottom:.2rem}
.meta{color:#555;font-size:.9rem}nav ol{padding-left:1.2rem}nav a{color:#234}
.excerpt{border-left:4px solid #999;margin:1rem 0;padding:.3rem .8rem;background:#fafafa;page-break-inside:avoid}
.excerpt blockquote{margin:.3rem 0;font-size:1.05rem}.context{color:#666;font-size:.9rem;margin:.2rem 0}
.tags{font-size:.8rem;color:#444}.tag{display:inline-block;border:1px solid #bbb;border-radius:.6rem;padding:0 .4rem;margin:.1rem .2rem .1rem 0}
@media print{body{max-width:none}nav{display:none}.excerpt{background:none}}
@media (max-width:30rem){body{padding:.5rem}h1{font-size:1.3rem}}";

fn excerpt_html(e: &Excerpt, out: &mut String) {
    let _ = write!(
        out,
        "<article class=\"excerpt\" id=\"{}-{}\">",
        escape(&e.id),
        escape(&e.codes.first().cloned().unwrap_or_default()).replace([':', '/'], "-")
    );
    let mut tags = vec![format!(
        "<span class=\"tag\">{}</span>",
        escape(&e.document)
    )];
    if let Some(r) = &e.role {
        tags.push(format!("<span class=\"tag\">{}</span>", escape(r)));
    }
    for (k, v) in &e.attributes {
        tags.push(format!(
            "<span class=\"tag\">{}: {}</span>",
            escape(k),
            escape(v)
        ));
    }
    let _ = write!(
        out,
        "<p class=\"tags\">{} · {}</p>",
        escape(&e.id),
        tags.join(" ")
    );
    for c in &e.context_before {
        let _ = write!(out, "<p class=\"context\">{}</p>", escape(c));
    }
    let _ = write!(out, "<blockquote>{}</blockquote>", escape(&e.text));
    for c in &e.context_after {
        let _ = write!(out, "<p class=\"context\">{}</p>", escape(c));
    }
    let _ = writeln!(
        out,
        "<p class=\"tags\">codes: {}</p></article>",
        e.codes
            .iter()
            .map(|c| escape(c))
            .collect::<Vec<_>>()
            .join(", ")
    );
}

/// `bundle.html`: contents by code with counts, each excerpt under each of its codes.
pub fn html(bundle: &Bundle) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>\n{CSS}\n</style>\n</head>\n<body>\n",
        escape(&bundle.title)
    );
    let _ = write!(
        out,
        "<header><h1>{}</h1>\n<p class=\"meta\">Bundle <code>{}</code> · created {} · {} excerpt(s) · codebooks: {}</p>\n<p class=\"meta\">All names, places and contact details are replaced by pseudonyms such as [Person 1]; documents are identified only as D001, D002, ….</p></header>\n",
        escape(&bundle.title),
        escape(&bundle.name),
        escape(&bundle.created),
        bundle.excerpts.len(),
        bundle
            .codebooks
            .iter()
            .map(|b| format!("{} {}", escape(&b.title), escape(&b.version)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let anchor = |id: &str| format!("code-{}", id.replace([':', '/'], "-"));
    out.push_str("<nav><h2>Contents</h2>\n<ol>\n");
    for c in &bundle.codes {
        let _ = writeln!(
            out,
            "<li><a href=\"#{}\">{}</a> ({})</li>",
            escape(&anchor(&c.id)),
            escape(&c.name),
            c.excerpts
        );
    }
    if bundle.codes.is_empty() {
        let _ = writeln!(
            out,
            "<li><a href=\"#all\">All excerpts</a> ({})</li>",
            bundle.excerpts.len()
        );
    }
    out.push_str("</ol></nav>\n<main>\n");
    if bundle.codes.is_empty() {
        let _ = writeln!(
            out,
            "<section id=\"all\"><h2>All excerpts ({})</h2>",
            bundle.excerpts.len()
        );
        for e in &bundle.excerpts {
            excerpt_html(e, &mut out);
        }
        out.push_str("</section>\n");
    }
    for c in &bundle.codes {
        let _ = writeln!(
            out,
            "<section id=\"{}\"><h2>{} ({})</h2>",
            escape(&anchor(&c.id)),
            escape(&c.name),
            c.excerpts
        );
        let child = format!("{}/", c.id);
        for e in bundle
            .excerpts
            .iter()
            .filter(|e| e.codes.iter().any(|x| *x == c.id || x.starts_with(&child)))
        {
            excerpt_html(e, &mut out);
        }
        out.push_str("</section>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_is_escaped() {
        assert_eq!(
            escape("<script>alert(\"x\")</script></p>&'"),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;/p&gt;&amp;&#39;"
        );
    }
}
