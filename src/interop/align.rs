//! Aligning two versions of one text: another tool's copy of a source (its
//! positions) and our normalised text (our offsets).
//!
//! Our normalisation only changes whitespace (line ends, wrapped lines joined,
//! runs collapsed), drops control characters and composes characters (NFC);
//! it never changes or reorders letters. So the two texts agree on their
//! sequence of non-space characters up to composition, and walking both at once
//! gives every source position its place in our text. When the texts are not
//! versions of one another (more than 1 % of the visible characters disagree),
//! there is no alignment.

use unicode_normalization::UnicodeNormalization;

/// For every position 0..=n in `source` (code points), the corresponding
/// position in `target`; `None` when the texts are not versions of each other.
pub fn offset_map(source: &str, target: &str) -> Option<Vec<usize>> {
    let src: Vec<char> = source.chars().collect();
    let tgt: Vec<char> = target.chars().collect();
    let mut map = vec![0usize; src.len() + 1];
    let (mut i, mut j) = (0usize, 0usize);
    let mut mismatches = 0usize;
    let mut visible = 0usize;
    while i < src.len() {
        let c = src[i];
        if j < tgt.len() && c == tgt[j] {
            map[i] = j;
            i += 1;
            j += 1;
            if !c.is_whitespace() {
                visible += 1;
            }
            continue;
        }
        if c.is_whitespace() || c.is_control() || c == '\u{feff}' {
            // Dropped or changed whitespace: it sits where the target is now.
            map[i] = j;
            i += 1;
            continue;
        }
        if j < tgt.len() && tgt[j].is_whitespace() {
            // Whitespace our normalisation added (a space for a joined line).
            j += 1;
            continue;
        }
        // Composition: a base letter and combining marks in the source, one
        // character in the target.
        if j < tgt.len()
            && let Some(k) = (i + 1..src.len().min(i + 8)).find(|&k| {
                let composed: String = src[i..=k].iter().collect::<String>().nfc().collect();
                let mut cs = composed.chars();
                cs.next() == Some(tgt[j]) && cs.next().is_none()
            })
        {
            for m in &mut map[i..=k] {
                *m = j;
            }
            i = k + 1;
            j += 1;
            visible += 1;
            continue;
        }
        // Characters only the target has: skip them when the source resumes
        // right after.
        if let Some(d) = (1..=4).find(|&d| {
            j + d + 1 < tgt.len() && tgt[j + d] == c && src.get(i + 1) == Some(&tgt[j + d + 1])
        }) {
            j += d;
            mismatches += d;
            continue;
        }
        // A real difference: skip the source character.
        map[i] = j;
        i += 1;
        mismatches += 1;
        visible += 1;
        if mismatches > 16 && mismatches * 100 > visible {
            return None;
        }
    }
    map[src.len()] = j;
    let remaining_visible = tgt[j.min(tgt.len())..]
        .iter()
        .filter(|c| !c.is_whitespace())
        .count();
    if remaining_visible * 100 > visible.max(1) {
        return None;
    }
    if mismatches * 100 > visible.max(1) {
        return None;
    }
    Some(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_changes_keep_positions_on_their_letters() {
        let source = "Title line\r\nsecond line\r\n\r\nInterviewer:  Where?\r\n";
        let target = "Title line second line\n\nInterviewer: Where?";
        let map = offset_map(source, target).unwrap();
        let find = |s: &str, w: &str| s.chars().count() - s[s.find(w).unwrap()..].chars().count();
        for word in ["second", "Interviewer", "Where"] {
            assert_eq!(map[find(source, word)], find(target, word), "{word}");
        }
        assert_eq!(map[source.chars().count()], target.chars().count());
    }

    #[test]
    fn decomposed_letters_map_to_composed_ones() {
        let source = "Ganca\u{301} and Şəki"; // á decomposed
        let target = "Gancá and Şəki";
        let map = offset_map(source, target).unwrap();
        assert_eq!(map[source.chars().position(|c| c == 'Ş').unwrap()], 10);
    }

    #[test]
    fn unrelated_texts_do_not_align() {
        assert!(
            offset_map(
                "We lived in a dormitory in Ganja for ten years.",
                "Completely different words about the weather today."
            )
            .is_none()
        );
    }
}
