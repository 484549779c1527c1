//! Plain text and Markdown: encoding detection and line-ending normalisation.
//!
//! Order of evidence: a byte-order mark (UTF-8, UTF-16 LE/BE) wins; then valid
//! UTF-8; then UTF-16 without a BOM (recognised by NUL bytes in alternate
//! positions, as Windows tools write it); otherwise chardetng guesses a legacy
//! encoding (Windows-1251 for our Russian field notes) and encoding_rs decodes.
//! Control characters other than tab and newline are dropped; CR and CRLF become LF.

use super::{Block, BlockKind, ExtractError, Extracted, Limits};
use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// Decoded text and the name of the encoding it was in.
pub struct Decoded {
    /// Text with LF line endings and no control characters but tab and LF.
    pub text: String,
    /// WHATWG name of the source encoding.
    pub encoding: &'static str,
}

/// Decodes `bytes` of unknown encoding.
pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some((text, name)) = decode_utf32(bytes) {
        return Decoded {
            text: clean(&text),
            encoding: name,
        };
    }
    let (encoding, body): (&'static Encoding, &[u8]) =
        if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
            (enc, &bytes[bom_len..])
        } else if let Some(enc) = looks_like_utf16(bytes) {
            (enc, bytes)
        } else if std::str::from_utf8(bytes).is_ok() {
            (UTF_8, bytes)
        } else {
            let mut detector = chardetng::EncodingDetector::new();
            detector.feed(bytes, true);
            (detector.guess(None, true), bytes)
        };
    let (text, _) = encoding.decode_without_bom_handling(body);
    Decoded {
        text: clean(&text),
        encoding: encoding.name(),
    }
}

/// UTF-32 (which encoding_rs does not decode): a UTF-32 BOM, or three NUL bytes
/// in every four with every unit a valid scalar value.
fn decode_utf32(bytes: &[u8]) -> Option<(String, &'static str)> {
    let (little, body, name) = if bytes.starts_with(&[0xff, 0xfe, 0, 0]) {
        (true, &bytes[4..], "UTF-32LE")
    } else if bytes.starts_with(&[0, 0, 0xfe, 0xff]) {
        (false, &bytes[4..], "UTF-32BE")
    } else if bytes.len() >= 8 && bytes.len().is_multiple_of(4) {
        let sample = &bytes[..bytes.len().min(4096)];
        let units = sample.len() / 4;
        let le = sample
            .chunks_exact(4)
            .filter(|c| c[2] == 0 && c[3] == 0 && c[0] != 0)
            .count();
        let be = sample
            .chunks_exact(4)
            .filter(|c| c[0] == 0 && c[1] == 0 && c[3] != 0)
            .count();
        if le * 10 >= units * 9 {
            (true, bytes, "UTF-32LE")
        } else if be * 10 >= units * 9 {
            (false, bytes, "UTF-32BE")
        } else {
            return None;
        }
    } else {
        return None;
    };
    let text = body
        .chunks_exact(4)
        .map(|c| {
            let arr = [c[0], c[1], c[2], c[3]];
            let u = if little {
                u32::from_le_bytes(arr)
            } else {
                u32::from_be_bytes(arr)
            };
            char::from_u32(u).unwrap_or('\u{fffd}')
        })
        .collect();
    Some((text, name))
}

/// UTF-16 without a BOM: at least a third of the even or odd bytes are NUL.
fn looks_like_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 {
        return None;
    }
    let sample = &bytes[..bytes.len().min(4096) & !1];
    let pairs = sample.len() / 2;
    let even_nul = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if odd_nul * 3 > pairs && even_nul * 10 < pairs {
        Some(UTF_16LE)
    } else if even_nul * 3 > pairs && odd_nul * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// LF line endings; control characters other than tab and LF removed.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\n' | '\t' => out.push(c),
            '\u{feff}' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Extracts a plain-text file as one flowing block.
///
/// Binary data with a text extension is refused: decoded as some legacy
/// encoding it became pages of mojibake, indexed and coded as if it were an
/// interview. Text has control characters only by accident (a stray NUL);
/// random bytes have one in eight.
pub fn extract(bytes: &[u8], _limits: &Limits) -> Result<Extracted, ExtractError> {
    let decoded = decode(bytes);
    let wide = decoded.encoding.starts_with("UTF-16") || decoded.encoding.starts_with("UTF-32");
    if !wide && bytes.len() >= 256 {
        let control = bytes
            .iter()
            .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f)
            .count();
        let share = control * 100 / bytes.len();
        if share >= 5 {
            return Err(ExtractError::Corrupt(format!(
                "not text: {share} % of the bytes are control characters (a binary file with a text extension?)"
            )));
        }
    }
    Ok(Extracted {
        blocks: vec![Block::new(BlockKind::Flow, decoded.text)],
        encoding: Some(decoded.encoding.to_string()),
        ..Extracted::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1251_is_detected() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(
            "Мы жили в общежитии в Гяндже, в одной комнате вшестером. Потом нас переселили.",
        );
        let d = decode(&bytes);
        assert_eq!(d.encoding, "windows-1251");
        assert!(d.text.contains("общежитии"));
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let text = "Interviewer: Salam!\r\nRespondent: Салам, Ləman xanım.";
        let mut le: Vec<u8> = vec![0xff, 0xfe];
        le.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
        let d = decode(&le);
        assert_eq!(d.encoding, "UTF-16LE");
        assert_eq!(
            d.text,
            "Interviewer: Salam!\nRespondent: Салам, Ləman xanım."
        );
        let be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(decode(&be).text, d.text);
    }

    #[test]
    fn random_bytes_are_refused_as_not_text() {
        // A deterministic stream of bytes (an LCG), as a binary file would be.
        let mut x: u32 = 12345;
        let bytes: Vec<u8> = (0..4096)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                (x >> 16) as u8
            })
            .collect();
        let err = extract(&bytes, &Limits::default()).unwrap_err();
        assert!(err.to_string().contains("not text"), "{err}");
        // Text with a stray NUL is text.
        let mut text = "Respondent: we lived here for years. "
            .repeat(20)
            .into_bytes();
        text[40] = 0;
        assert!(extract(&text, &Limits::default()).is_ok());
    }

    #[test]
    fn cr_only_and_nul_bytes() {
        assert_eq!(decode(b"a\rb\r\nc\0d").text, "a\nb\ncd");
    }
}
