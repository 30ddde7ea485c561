//! Text typed by residents arrives in whatever Unicode form the keyboard produced:
//! Vietnamese has several (precomposed "ệ" vs "e" + two combining marks). Everything
//! is stored NFC so that lengths, comparisons and the city's search agree.

use unicode_normalization::UnicodeNormalization;

/// NFC only, keeping white space (for text still being typed).
pub fn nfc(input: &str) -> String {
    input.nfc().collect()
}

/// NFC-normalise and trim surrounding white space.
pub fn normalize(input: &str) -> String {
    nfc(input).trim().to_owned()
}

/// NFC-normalise, trim, and turn an empty result into `None`.
pub fn normalize_optional(input: Option<&str>) -> Option<String> {
    input.map(normalize).filter(|s| !s.is_empty())
}

/// Length in user-perceived characters as the city counts them: Unicode scalar
/// values of the NFC form (Vietnamese letters are one scalar each once composed).
pub fn char_len(normalized: &str) -> usize {
    normalized.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decomposed_vietnamese_is_composed() {
        // "Rác" written as R + a + U+0301 (combining acute) by some keyboards.
        let decomposed = "Ra\u{301}c thải";
        let n = normalize(decomposed);
        assert_eq!(n, "Rác thải");
        assert_eq!(char_len(&n), 8);
    }

    #[test]
    fn blank_optional_is_none() {
        assert_eq!(normalize_optional(Some("  \t\n ")), None);
        assert_eq!(
            normalize_optional(Some(" ngõ 622 Minh Khai ")),
            Some("ngõ 622 Minh Khai".into())
        );
        assert_eq!(normalize_optional(None), None);
    }
}
