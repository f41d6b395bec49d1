//! Writing systems: which characters are written without spaces between words (line breaking,
//! joining soft breaks and estimating label widths all ask), and which control characters
//! change the direction of text (names and messages must never carry those).

/// Whether a character belongs to a script written without spaces between words
/// (Han, kana, Hangul) or is full-width CJK punctuation.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FFF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3100..=0x31FF |
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF |
        0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x2FA1F)
}

/// The explicit direction controls (embeddings, overrides, isolates). Written into a name,
/// the override U+202E between `evil` and `txt.exe` makes it read as `evilexe.txt`; real text
/// in any script needs none of them.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` without direction controls (each becomes U+FFFD, so the change is visible), for names,
/// comments and messages.
pub fn without_bidi_controls(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(is_bidi_control) {
        text.chars().map(|c| if is_bidi_control(c) { '\u{FFFD}' } else { c }).collect::<String>().into()
    } else {
        text.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direction_overrides_are_made_visible() {
        assert_eq!(without_bidi_controls("evil\u{202E}txt.exe"), "evil\u{FFFD}txt.exe");
        assert_eq!(without_bidi_controls("a\u{2066}b\u{2069}"), "a\u{FFFD}b\u{FFFD}");
        assert!(matches!(without_bidi_controls("北京一组"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn han_kana_hangul_and_fullwidth_punctuation_are_cjk() {
        for c in ['信', 'ア', '한', '，', '。', '（'] {
            assert!(is_cjk(c), "{c}");
        }
        for c in ['a', 'é', 'α', ' ', ',', '1'] {
            assert!(!is_cjk(c), "{c}");
        }
    }
}
