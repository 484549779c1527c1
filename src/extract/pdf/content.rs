//! Our own content-stream interpreter for the PDFs most of our corpus holds.
//!
//! Why: pdf-extract parses every font's ToUnicode CMap again on every page
//! (its font cache is keyed by resource name and cleared per page), which was
//! half of the PDF time and left us at 0.7× pdftotext. Here each font is read
//! once per document, keyed by its object id.
//!
//! Scope, deliberately narrow: fonts whose text is fully defined by the PDF
//! itself — simple TrueType/Type1 fonts with a `ToUnicode` CMap and `Widths`,
//! and `Type0` fonts with `Identity-H`/`Identity-V` encoding. That is what
//! LibreOffice, Word and most PDF printers write. Anything else (a code
//! missing from the CMap, Type3 fonts, standard-14 fonts without widths,
//! embedded CMaps, fonts set through `gs`) returns [`Unsupported`], and the
//! caller extracts the whole document with pdf-extract as before, so
//! nothing is ever extracted worse than pdf-extract would. Positions follow
//! pdf-extract exactly (same matrices, same [`Layout`] rules), so the text is
//! the same; tests compare the two on every PDF we have.

use super::layout::{Layout, Matrix};
use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;
use std::rc::Rc;

/// Why the fast path declined a document.
#[derive(Debug)]
pub struct Unsupported(
    /// The reason, for tests and debugging.
    #[allow(dead_code)]
    pub String,
);

fn unsupported<T>(why: impl Into<String>) -> Result<T, Unsupported> {
    Err(Unsupported(why.into()))
}

/// Text of every page, in page order.
pub fn pages(doc: &Document) -> Result<Vec<(u32, String)>, Unsupported> {
    let mut fonts = Fonts::default();
    let mut layout = Layout::default();
    let mut budget = BUDGET;
    for (num, id) in doc.get_pages() {
        let page = doc
            .get_dictionary(id)
            .or_else(|_| unsupported("page is not a dictionary"))?;
        let resources = inherited(doc, page, b"Resources").and_then(|o| as_dict(doc, o));
        let media_box: Vec<f64> = inherited(doc, page, b"MediaBox")
            .and_then(|o| deref(doc, o).as_array().ok())
            .map(|a| a.iter().filter_map(|o| number(doc, o)).collect())
            .unwrap_or_default();
        if media_box.len() != 4 {
            return unsupported("page without a MediaBox");
        }
        let content = doc
            .get_page_content(id)
            .or_else(|e| unsupported(format!("page content: {e}")))?;
        layout.begin_page(num, media_box[3] - media_box[1]);
        let mut run = Run {
            doc,
            fonts: &mut fonts,
            layout: &mut layout,
            budget: &mut budget,
        };
        run.stream(&content, resources, IDENTITY, 0)?;
        layout.end_page();
    }
    Ok(layout.done)
}

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `a` then `b`.
fn then(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn translation(x: f64, y: f64) -> Matrix {
    [1.0, 0.0, 0.0, 1.0, x, y]
}

#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    scaling: f64,
    leading: f64,
    rise: f64,
    tm: Matrix,
}

struct Run<'a, 'b> {
    doc: &'a Document,
    fonts: &'b mut Fonts,
    layout: &'b mut Layout,
    /// Operations left for the whole document: forms that draw forms can
    /// multiply a small file into endless work.
    budget: &'b mut u64,
}

/// Operations one document may execute (a 1,000-page report runs ~10 million).
const BUDGET: u64 = 200_000_000;

impl Run<'_, '_> {
    fn stream(
        &mut self,
        bytes: &[u8],
        resources: Option<&Dictionary>,
        ctm: Matrix,
        depth: u32,
    ) -> Result<(), Unsupported> {
        let doc = self.doc;
        let content =
            Content::decode(bytes).or_else(|e| unsupported(format!("content stream: {e}")))?;
        let mut gs = State {
            ctm,
            font: None,
            size: f64::NAN,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scaling: 1.0,
            leading: 0.0,
            rise: 0.0,
            tm: IDENTITY,
        };
        let mut stack: Vec<State> = Vec::new();
        let mut tlm = IDENTITY;
        if *self.budget < content.operations.len() as u64 {
            return unsupported("too many operations (forms drawing forms?)");
        }
        *self.budget -= content.operations.len() as u64;
        for op in &content.operations {
            let args = &op.operands;
            let num = |i: usize| args.get(i).and_then(|o| number(doc, o));
            let nums = |n: usize| -> Result<Vec<f64>, Unsupported> {
                (0..n)
                    .map(|i| num(i).ok_or(()))
                    .collect::<Result<_, _>>()
                    .or_else(|_| unsupported(format!("bad operands of {}", op.operator)))
            };
            match op.operator.as_str() {
                "BT" | "ET" => {
                    tlm = IDENTITY;
                    gs.tm = tlm;
                }
                "cm" => {
                    let m = nums(6)?;
                    gs.ctm = then(&[m[0], m[1], m[2], m[3], m[4], m[5]], &gs.ctm);
                }
                "q" => stack.push(gs.clone()),
                "Q" => {
                    if let Some(s) = stack.pop() {
                        gs = s;
                    }
                }
                "Tc" => gs.char_spacing = nums(1)?[0],
                "Tw" => gs.word_spacing = nums(1)?[0],
                "Tz" => gs.scaling = nums(1)?[0] / 100.0,
                "TL" => gs.leading = nums(1)?[0],
                "Ts" => gs.rise = nums(1)?[0],
                "Tf" => {
                    let name = args
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .ok_or_else(|| Unsupported("Tf without a font name".into()))?;
                    gs.font = Some(self.font(resources, name)?);
                    gs.size = num(1).ok_or_else(|| Unsupported("Tf without a size".into()))?;
                }
                "Tm" => {
                    let m = nums(6)?;
                    tlm = [m[0], m[1], m[2], m[3], m[4], m[5]];
                    gs.tm = tlm;
                }
                "Td" | "TD" => {
                    let t = nums(2)?;
                    if op.operator == "TD" {
                        gs.leading = -t[1];
                    }
                    tlm = then(&translation(t[0], t[1]), &tlm);
                    gs.tm = tlm;
                }
                "T*" => {
                    tlm = then(&translation(0.0, -gs.leading), &tlm);
                    gs.tm = tlm;
                }
                "Tj" => self.show(&mut gs, args.first())?,
                "'" | "\"" => {
                    // `T*` then show the last operand (`"` also sets spacing).
                    if op.operator == "\"" {
                        let s = nums(2)?;
                        gs.word_spacing = s[0];
                        gs.char_spacing = s[1];
                    }
                    tlm = then(&translation(0.0, -gs.leading), &tlm);
                    gs.tm = tlm;
                    self.show(&mut gs, args.last())?;
                }
                "TJ" => {
                    let Some(Object::Array(items)) = args.first() else {
                        return unsupported("TJ without an array");
                    };
                    for item in items {
                        match item {
                            Object::String(..) => self.show(&mut gs, Some(item))?,
                            Object::Integer(_) | Object::Real(_) => {
                                let adjust = number(doc, item).unwrap_or(0.0);
                                let tx = gs.scaling * (-adjust / 1000.0 * gs.size);
                                gs.tm = then(&translation(tx, 0.0), &gs.tm);
                            }
                            _ => {}
                        }
                    }
                }
                "gs" => {
                    // A graphics state may set the font; we do not follow it.
                    let sets_font = args
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .and_then(|n| {
                            let states = resources?.get(b"ExtGState").ok()?;
                            as_dict(doc, as_dict(doc, states)?.get(n).ok()?)
                        })
                        .is_some_and(|d| d.has(b"Font"));
                    if sets_font {
                        return unsupported("font set through a graphics state");
                    }
                }
                "Do" => {
                    let Some(name) = args.first().and_then(|o| o.as_name().ok()) else {
                        continue;
                    };
                    let Some(Object::Stream(form)) = resources
                        .and_then(|r| r.get(b"XObject").ok())
                        .and_then(|x| as_dict(doc, x))
                        .and_then(|x| x.get(name).ok())
                        .map(|o| deref(doc, o))
                    else {
                        continue;
                    };
                    if form.dict.get(b"Subtype").and_then(|s| s.as_name()).ok() != Some(b"Form") {
                        continue; // images
                    }
                    if depth >= 8 {
                        return unsupported("forms nested too deeply");
                    }
                    let matrix: Vec<f64> = form
                        .dict
                        .get(b"Matrix")
                        .ok()
                        .and_then(|m| deref(doc, m).as_array().ok())
                        .map(|a| a.iter().filter_map(|o| number(doc, o)).collect())
                        .unwrap_or_default();
                    let ctm = match matrix[..] {
                        [a, b, c, d, e, f] => then(&[a, b, c, d, e, f], &gs.ctm),
                        _ => gs.ctm,
                    };
                    let inner = form
                        .dict
                        .get(b"Resources")
                        .ok()
                        .and_then(|r| as_dict(doc, r))
                        .or(resources);
                    let bytes = form
                        .decompressed_content()
                        .unwrap_or_else(|_| form.content.clone());
                    self.stream(&bytes, inner, ctm, depth + 1)?;
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn font(
        &mut self,
        resources: Option<&Dictionary>,
        name: &[u8],
    ) -> Result<Rc<Font>, Unsupported> {
        let doc = self.doc;
        let entry = resources
            .and_then(|r| r.get(b"Font").ok())
            .and_then(|f| as_dict(doc, f))
            .and_then(|f| f.get(name).ok())
            .ok_or_else(|| Unsupported("font not in the resources".into()))?;
        match entry {
            Object::Reference(id) => {
                if let Some(font) = self.fonts.0.get(id) {
                    return Ok(font.clone());
                }
                let dict = as_dict(doc, entry)
                    .ok_or_else(|| Unsupported("font is not a dictionary".into()))?;
                let font = Rc::new(Font::read(doc, dict)?);
                self.fonts.0.insert(*id, font.clone());
                Ok(font)
            }
            Object::Dictionary(dict) => Ok(Rc::new(Font::read(doc, dict)?)),
            _ => unsupported("font is not a dictionary"),
        }
    }

    /// Shows one string: every character goes to the layout at its position
    /// and the text matrix advances by its width.
    fn show(&mut self, gs: &mut State, string: Option<&Object>) -> Result<(), Unsupported> {
        let Some(Object::String(bytes, _)) = string else {
            return unsupported("text operator without a string");
        };
        let Some(font) = gs.font.clone() else {
            return unsupported("text shown before a font was set");
        };
        self.layout.begin_word();
        let tsm = [gs.scaling, 0.0, 0.0, 1.0, 0.0, gs.rise];
        let step = if font.two_byte { 2 } else { 1 };
        for chunk in bytes.chunks(step) {
            let code = chunk.iter().fold(0u32, |c, &b| (c << 8) | u32::from(b));
            if chunk.len() != step {
                return unsupported("odd byte count in a two-byte string");
            }
            let text = match font.unicode.get(&code) {
                Some(t) => t.as_str(),
                None if font.two_byte => "",
                None => return unsupported(format!("character code {code} has no Unicode")),
            };
            let trm = then(&tsm, &then(&gs.tm, &gs.ctm));
            let w0 = font
                .widths
                .get(&code)
                .copied()
                .unwrap_or(font.default_width)
                / 1000.0;
            let mut spacing = gs.char_spacing;
            if code == 32 && step == 1 {
                spacing += gs.word_spacing;
            }
            self.layout.character(&trm, w0, gs.size, text);
            let tx = gs.scaling * (w0 * gs.size + spacing);
            gs.tm = then(&translation(tx, 0.0), &gs.tm);
        }
        Ok(())
    }
}

/// Fonts read so far, by object id.
#[derive(Default)]
struct Fonts(HashMap<ObjectId, Rc<Font>>);

/// What the interpreter needs of a font.
struct Font {
    two_byte: bool,
    unicode: HashMap<u32, String>,
    widths: HashMap<u32, f64>,
    default_width: f64,
}

impl Font {
    fn read(doc: &Document, font: &Dictionary) -> Result<Font, Unsupported> {
        let name = |d: &Dictionary, key: &[u8]| {
            d.get(key)
                .ok()
                .and_then(|o| deref(doc, o).as_name().ok())
                .map(<[u8]>::to_vec)
        };
        let unicode = to_unicode(doc, font)?;
        match name(font, b"Subtype").as_deref() {
            Some(b"TrueType" | b"Type1" | b"MMType1") => {
                let first = font.get(b"FirstChar").ok().and_then(|o| number(doc, o));
                let widths = font
                    .get(b"Widths")
                    .ok()
                    .and_then(|o| deref(doc, o).as_array().ok());
                let (Some(first), Some(widths)) = (first, widths) else {
                    return unsupported("simple font without widths");
                };
                let last = font.get(b"LastChar").ok().and_then(|o| number(doc, o));
                if last != Some(first + widths.len() as f64 - 1.0) {
                    return unsupported("Widths does not match FirstChar..LastChar");
                }
                let widths = widths
                    .iter()
                    .enumerate()
                    .map(|(i, w)| {
                        let code = (first as u32).saturating_add(i as u32);
                        (code, number(doc, w).unwrap_or(0.0))
                    })
                    .collect();
                Ok(Font {
                    two_byte: false,
                    unicode,
                    widths,
                    default_width: font
                        .get(b"MissingWidth")
                        .ok()
                        .and_then(|o| number(doc, o))
                        .unwrap_or(0.0),
                })
            }
            Some(b"Type0") => {
                if !matches!(
                    name(font, b"Encoding").as_deref(),
                    Some(b"Identity-H" | b"Identity-V")
                ) {
                    return unsupported("Type0 font with an embedded CMap");
                }
                let cid = font
                    .get(b"DescendantFonts")
                    .ok()
                    .and_then(|o| deref(doc, o).as_array().ok())
                    .and_then(|a| a.first())
                    .and_then(|o| as_dict(doc, o))
                    .ok_or_else(|| Unsupported("Type0 font without a descendant".into()))?;
                let mut widths = HashMap::new();
                if let Some(w) = cid
                    .get(b"W")
                    .ok()
                    .and_then(|o| deref(doc, o).as_array().ok())
                {
                    let mut i = 0;
                    while i < w.len() {
                        let start = number(doc, &w[i]).unwrap_or(0.0) as u32;
                        match w.get(i + 1).map(|o| deref(doc, o)) {
                            Some(Object::Array(list)) => {
                                for (j, x) in list.iter().enumerate() {
                                    let code = start.saturating_add(j as u32);
                                    widths.insert(code, number(doc, x).unwrap_or(0.0));
                                }
                                i += 2;
                            }
                            Some(end) => {
                                let end = number(doc, end).unwrap_or(0.0) as u32;
                                let width =
                                    w.get(i + 2).and_then(|o| number(doc, o)).unwrap_or(0.0);
                                if end.saturating_sub(start) > 0x1_0000 {
                                    return unsupported("W range too large");
                                }
                                for c in start..=end {
                                    widths.insert(c, width);
                                }
                                i += 3;
                            }
                            None => break,
                        }
                    }
                }
                Ok(Font {
                    two_byte: true,
                    unicode,
                    widths,
                    default_width: cid
                        .get(b"DW")
                        .ok()
                        .and_then(|o| number(doc, o))
                        .unwrap_or(1000.0),
                })
            }
            _ => unsupported("font type without a fast path (Type3 or unknown)"),
        }
    }
}

/// The font's `ToUnicode` CMap (required here: without it the text depends
/// on encodings and font programs, pdf-extract's domain).
fn to_unicode(doc: &Document, font: &Dictionary) -> Result<HashMap<u32, String>, Unsupported> {
    let Some(Object::Stream(stream)) = font.get(b"ToUnicode").ok().map(|o| deref(doc, o)) else {
        return unsupported("font without a ToUnicode CMap");
    };
    let bytes = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    let map = adobe_cmap_parser::get_unicode_map(&bytes)
        .or_else(|e| unsupported(format!("ToUnicode CMap: {e}")))?;
    let mut out = HashMap::with_capacity(map.len());
    for (code, be) in map {
        if be.len() % 2 != 0 {
            return unsupported("ToUnicode value of odd length");
        }
        let units: Vec<u16> = be
            .chunks(2)
            .map(|p| u16::from_be_bytes([p[0], p[1]]))
            .collect();
        if let [0xd800..=0xdfff] = units[..] {
            continue; // a lone surrogate maps to nothing (as in pdf-extract)
        }
        let text =
            String::from_utf16(&units).or_else(|_| unsupported("ToUnicode value is not UTF-16"))?;
        out.insert(code, text);
    }
    Ok(out)
}

fn deref<'a>(doc: &'a Document, mut o: &'a Object) -> &'a Object {
    for _ in 0..16 {
        match o {
            Object::Reference(id) => match doc.get_object(*id) {
                Ok(next) => o = next,
                Err(_) => return &Object::Null,
            },
            _ => return o,
        }
    }
    &Object::Null
}

fn as_dict<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Dictionary> {
    match deref(doc, o) {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

fn number(doc: &Document, o: &Object) -> Option<f64> {
    match deref(doc, o) {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

/// A page attribute, looked up through the page tree's parents.
fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut node = page;
    for _ in 0..32 {
        if let Ok(o) = node.get(key) {
            return Some(o);
        }
        node = as_dict(doc, node.get(b"Parent").ok()?)?;
    }
    None
}
