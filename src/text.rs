//! Writing systems: which characters are written without spaces between words. Line breaking
//! (PDF), joining soft breaks (every renderer) and estimating label widths (charts) all ask the
//! same question, so it has one answer here.

/// Whether a character belongs to a script written without spaces between words
/// (Han, kana, Hangul) or is full-width CJK punctuation.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FFF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3100..=0x31FF |
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF |
        0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x2FA1F)
}

#[cfg(test)]
mod tests {
    use super::*;

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
