//! A cheap language guess from the script of the letters.

/// A cheap language guess from the script of the letters.
pub fn guess_lang(text: &str) -> &'static str {
    let (mut latin, mut cyr, mut arm, mut geo, mut az) = (0usize, 0usize, 0usize, 0usize, 0usize);
    // Letters counted by script range alone (no Unicode tables: this runs
    // for every segment).
    for c in text.chars() {
        match c as u32 {
            0x41..=0x5A | 0x61..=0x7A => latin += 1,
            0xC0..=0x24F if c != '×' && c != '÷' => {
                latin += 1;
                if matches!(c, 'ə' | 'Ə' | 'ı' | 'ğ' | 'Ğ' | 'ş' | 'Ş' | 'İ') {
                    az += 1;
                }
            }
            0x0400..=0x04FF => cyr += 1,
            0x0530..=0x058F | 0xFB13..=0xFB17 => arm += 1,
            0x10A0..=0x10FF | 0x1C90..=0x1CBF => geo += 1,
            _ => {}
        }
    }
    let max = latin.max(cyr).max(arm).max(geo);
    if max == 0 {
        "und"
    } else if max == cyr {
        "ru"
    } else if max == arm {
        "hy"
    } else if max == geo {
        "ka"
    } else if az * 25 >= latin {
        "az"
    } else {
        "en"
    }
}
