//! Characters with positions → plain text per page. One set of layout rules
//! for both interpreters (ours in `content.rs` and pdf-extract's): a new line
//! on a vertical jump, a space on a horizontal gap, as pdf-extract's
//! `PlainTextOutput` does.

/// A text-rendering matrix `[a b c d e f]`: a point `(x, y)` maps to
/// `(a·x + c·y + e, b·x + d·y + f)`.
pub type Matrix = [f64; 6];

/// Collects the text of each page.
#[derive(Default)]
pub struct Layout {
    pub done: Vec<(u32, String)>,
    current: Option<(u32, String)>,
    page_height: f64,
    last_end: f64,
    last_y: f64,
    first_char: bool,
}

impl Layout {
    pub fn begin_page(&mut self, page: u32, height: f64) {
        self.current = Some((page, String::new()));
        self.page_height = height;
        self.last_end = 100_000.0;
        self.last_y = 0.0;
        self.first_char = false;
    }

    pub fn end_page(&mut self) {
        if let Some(page) = self.current.take() {
            self.done.push(page);
        }
    }

    /// A shown string begins (a space or line break may precede its first character).
    pub fn begin_word(&mut self) {
        self.first_char = true;
    }

    /// One character at `trm` (text-rendering matrix), `width` in text space
    /// units (glyph width / 1000).
    pub fn character(&mut self, trm: &Matrix, width: f64, font_size: f64, ch: &str) {
        let Some((_, text)) = self.current.as_mut() else {
            return;
        };
        // Position in a y-down page space, and the font size after the text matrix.
        let (x, y) = (trm[4], self.page_height - trm[5]);
        let fx = font_size * trm[0] + font_size * trm[2];
        let fy = font_size * trm[1] + font_size * trm[3];
        let size = (fx * fy).sqrt();
        if self.first_char {
            if (y - self.last_y).abs() > size * 1.5 {
                text.push('\n');
            }
            if x < self.last_end && (y - self.last_y).abs() > size * 0.5 {
                text.push('\n');
            }
            if x > self.last_end + size * 0.1 {
                text.push(' ');
            }
        }
        text.push_str(ch);
        self.first_char = false;
        self.last_y = y;
        self.last_end = x + width * size;
    }
}

impl pdf_extract::OutputDev for Layout {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &pdf_extract::MediaBox,
        _: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), pdf_extract::OutputError> {
        Layout::begin_page(self, page_num, media_box.ury - media_box.lly);
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), pdf_extract::OutputError> {
        Layout::end_page(self);
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &pdf_extract::Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        ch: &str,
    ) -> Result<(), pdf_extract::OutputError> {
        let m = [trm.m11, trm.m12, trm.m21, trm.m22, trm.m31, trm.m32];
        self.character(&m, width, font_size, ch);
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Layout::begin_word(self);
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
}
