//! The bundle's own words — headings, labels, how to read it — in English or
//! Russian (Russian is the common language of many contact-group members on
//! both sides). The excerpts themselves are never translated.

use super::{Bundle, Excerpt};

/// The bundle's own words in one language.
pub struct Words {
    /// `lang` of the page.
    pub lang: &'static str,
    pub(super) contents: &'static str,
    pub(super) back: &'static str,
    pub(super) how_to_read: &'static str,
    pub(super) how_to_read_text: &'static [&'static str],
    pub(super) created: &'static str,
    pub(super) excerpts: &'static str,
    pub(super) documents: &'static str,
    pub(super) selected: &'static str,
    pub(super) codes: &'static str,
    pub(super) query: &'static str,
    pub(super) filters: &'static str,
    pub(super) everything: &'static str,
    pub(super) also_coded: &'static str,
    pub(super) document: &'static str,
    pub(super) paragraph: &'static str,
    pub(super) page: &'static str,
    pub(super) other_excerpts: &'static str,
    pub(super) excerpts_title: &'static str,
    pub(super) codebooks: &'static str,
    interviewer: &'static str,
    respondent: &'static str,
    other: &'static str,
}

const EN: Words = Words {
    lang: "en",
    contents: "Contents",
    back: "Back to contents",
    how_to_read: "How to read this bundle",
    how_to_read_text: &[
        "Each excerpt is a passage from an interview or a report, quoted as it was said or written, in its own language. It appears once, under the first topic it belongs to; the other topics it touches are named below it.",
        "Names of people and places, organisations, telephone numbers, dates and other details that could identify someone are replaced by marked pseudonyms such as [Person 3], [Place 2] or [Age 40–49]. The same pseudonym means the same person or place throughout this bundle. There is no way back from a pseudonym to a name.",
        "Documents are identified only by numbers such as D004. Lines in smaller type before and after an excerpt are its context, there so that the excerpt makes sense; each line says who speaks: the interviewer or the person interviewed.",
    ],
    created: "created",
    excerpts: "excerpts",
    documents: "documents",
    selected: "Selected",
    codes: "topics",
    query: "words",
    filters: "documents where",
    everything: "every passage of the documents",
    also_coded: "Also about",
    document: "Document",
    paragraph: "paragraph",
    page: "page",
    other_excerpts: "Other excerpts",
    excerpts_title: "Excerpts",
    codebooks: "Codebooks",
    interviewer: "Interviewer",
    respondent: "Respondent",
    other: "Other speaker",
};

const RU: Words = Words {
    lang: "ru",
    contents: "Содержание",
    back: "К содержанию",
    how_to_read: "Как читать эту подборку",
    how_to_read_text: &[
        "Каждый фрагмент — отрывок из интервью или отчёта, приведённый так, как он был сказан или написан, на языке оригинала. Фрагмент приводится один раз, в первой теме, к которой он относится; другие его темы названы под ним.",
        "Имена людей, названия мест и организаций, номера телефонов, даты и другие сведения, по которым можно узнать человека, заменены помеченными псевдонимами, например [Person 3], [Place 2] или [Age 40–49]. Один и тот же псевдоним во всей подборке означает одного и того же человека или одно и то же место. Восстановить имя по псевдониму нельзя.",
        "Документы обозначены только номерами, например D004. Строки мелким шрифтом до и после фрагмента — его контекст, он дан для понимания; у каждой строки указано, кто говорит: интервьюер или собеседник.",
    ],
    created: "создана",
    excerpts: "фрагментов",
    documents: "документов",
    selected: "Отбор",
    codes: "темы",
    query: "слова",
    filters: "документы, где",
    everything: "все отрывки документов",
    also_coded: "Также о",
    document: "Документ",
    paragraph: "абзац",
    page: "стр.",
    other_excerpts: "Другие фрагменты",
    excerpts_title: "Фрагменты",
    codebooks: "Кодовые книги",
    interviewer: "Интервьюер",
    respondent: "Собеседник",
    other: "Другой участник",
};

/// The words of `lang` (`ru`, else English).
pub fn words(lang: &str) -> &'static Words {
    if lang == "ru" { &RU } else { &EN }
}

impl Words {
    /// A speaker role as readers call it.
    pub fn role(&self, role: &str) -> &'static str {
        match role {
            "interviewer" => self.interviewer,
            "respondent" => self.respondent,
            _ => self.other,
        }
    }

    /// What the bundle selected, in words: codes by name, the query, the
    /// filters (the query and filters have passed the leak gate's check of
    /// the selection before a bundle is published).
    pub fn selection(&self, b: &Bundle) -> String {
        if b.selection.all {
            return format!("{}: {}", self.selected, self.everything);
        }
        let mut parts = Vec::new();
        if !b.selection.codes.is_empty() {
            let names: Vec<String> = b
                .selection
                .codes
                .iter()
                .map(|spec| {
                    b.codes
                        .iter()
                        .find(|c| c.id == *spec || c.id.ends_with(&format!(":{spec}")))
                        .map_or_else(|| spec.clone(), |c| c.name.clone())
                })
                .collect();
            parts.push(format!("{} {}", self.codes, names.join(", ")));
        }
        if let Some(q) = &b.selection.query {
            parts.push(format!("{} “{q}”", self.query));
        }
        if !b.selection.wheres.is_empty() {
            let w: Vec<String> = b
                .selection
                .wheres
                .iter()
                .map(|w| match w.split_once('=') {
                    Some((k, v)) => format!("{} = {v}", attribute_name(k)),
                    None => w.clone(),
                })
                .collect();
            parts.push(format!("{} {}", self.filters, w.join(", ")));
        }
        format!("{}: {}", self.selected, parts.join("; "))
    }

    /// The title of a bundle that has none of its own: what it selects
    /// (`Excerpts: topics Housing and shelter; words “dormitory”`).
    pub fn title_of(&self, b: &Bundle) -> String {
        let what = self.selection(b);
        let what = what
            .split_once(": ")
            .map_or(what.as_str(), |(_, rest)| rest)
            .to_string();
        format!("{}: {what}", self.excerpts_title)
    }

    /// A section's heading: the code's name, `Other excerpts`, or a document with
    /// its released attributes.
    pub fn section_title(&self, b: &Bundle, s: &super::Section) -> String {
        if b.organised_by == "documents" {
            let attrs = b
                .excerpts
                .iter()
                .find(|e| e.document == s.id)
                .map(|e| {
                    e.attributes
                        .iter()
                        .map(|(k, v)| format!("{}: {v}", attribute_name(k)))
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default();
            if attrs.is_empty() {
                format!("{} {}", self.document, s.id)
            } else {
                format!("{} {} ({attrs})", self.document, s.id)
            }
        } else if s.id == "other" {
            self.other_excerpts.to_string()
        } else {
            s.name.clone()
        }
    }

    /// What readers should know about the people behind the excerpts: how
    /// the attributes were coarsened so that each combination fits at least
    /// `k` people interviewed, and whether ids match other bundles'.
    pub fn disclosure(&self, b: &Bundle) -> Vec<String> {
        let ru = self.lang == "ru";
        let mut out = Vec::new();
        if let Some(k) = &b.k_anonymity {
            let mut changes = Vec::new();
            for (attr, level) in &k.levels {
                let name = if ru {
                    attribute_name(attr)
                } else {
                    attribute_name(attr).to_lowercase()
                };
                let change = if level == "as profiled" {
                    continue;
                } else if level == "dropped" {
                    if ru {
                        format!("«{name}» не указан")
                    } else {
                        format!("{name} is left out")
                    }
                } else if let Some(w) = level.strip_prefix("band of ") {
                    if ru {
                        format!("«{name}» дан интервалами по {w} лет")
                    } else {
                        format!("{name} is given in bands of {w} years")
                    }
                } else if let Some(other) = level.strip_prefix("attr:") {
                    let other = attribute_name(other);
                    if ru {
                        format!("вместо «{name}» указан «{other}»")
                    } else {
                        format!("{name} is given as {}", other.to_lowercase())
                    }
                } else if ru {
                    format!("«{name}» дан более общими категориями")
                } else {
                    format!("{name} is given in broader categories")
                };
                changes.push(change);
            }
            let mut p = if ru {
                format!(
                    "Сведения о собеседниках (например, возрастная группа) показаны только в сочетаниях, общих не менее чем для {} человек, опрошенных в этом исследовании.",
                    k.k
                )
            } else {
                format!(
                    "Details about the people interviewed (such as an age band) are shown only in combinations that at least {} people interviewed for this research share.",
                    k.k
                )
            };
            if !changes.is_empty() {
                p.push_str(if ru { " Поэтому " } else { " So " });
                p.push_str(&changes.join("; "));
                p.push('.');
            }
            if !k.suppressed.is_empty() {
                p.push_str(&if ru {
                    format!(
                        " Для документов {} эти сведения не показаны.",
                        k.suppressed.join(", ")
                    )
                } else {
                    format!(
                        " For {} they are not shown at all.",
                        k.suppressed.join(", ")
                    )
                });
            }
            out.push(p);
        }
        out.push(
            match (b.link.as_str(), ru) {
                ("bundle", false) => "Document numbers and pseudonyms are this bundle's own: they do not match those of any other bundle.",
                ("bundle", true) => "Номера документов и псевдонимы относятся только к этой подборке и не совпадают с номерами и псевдонимами других подборок.",
                (_, false) => "Document numbers and pseudonyms are the same in every bundle of this project.",
                (_, true) => "Номера документов и псевдонимы одинаковы во всех подборках этого проекта.",
            }
            .to_string(),
        );
        out
    }

    /// Where an excerpt is: `Document D004, paragraph 12, page 3, 00:12:34`.
    pub fn place(&self, e: &Excerpt) -> String {
        let mut s = format!(
            "{} {}, {} {}",
            self.document, e.document, self.paragraph, e.location.paragraph
        );
        if let Some(p) = e.location.page {
            s.push_str(&format!(", {} {p}", self.page));
        }
        if let Some(t) = &e.location.time {
            s.push_str(&format!(", {t}"));
        }
        s
    }
}

/// An attribute's name as people read it: `settlement_type` → `Settlement type`.
pub fn attribute_name(key: &str) -> String {
    let spaced = key.replace(['_', '-'], " ");
    let mut c = spaced.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
