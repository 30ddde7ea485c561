//! The words screens show for the core's states, in Vietnamese (first) and
//! English: decided here once, so Android, iOS and the terminal say the same.

/// The language of user-facing text. Vietnamese is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Language {
    #[default]
    Vi,
    En,
}

impl Language {
    /// From a BCP 47 tag as the OS gives it ("vi-VN", "en_US", "EN"); anything
    /// that is not English is shown in Vietnamese.
    pub fn from_tag(tag: &str) -> Self {
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("en") {
            Language::En
        } else {
            Language::Vi
        }
    }

    /// Pick the text for this language.
    pub fn pick<'a>(self, vi: &'a str, en: &'a str) -> &'a str {
        match self {
            Language::Vi => vi,
            Language::En => en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn os_tags_map_to_a_language_with_vietnamese_as_default() {
        assert_eq!(Language::from_tag("en-US"), Language::En);
        assert_eq!(Language::from_tag("EN_gb"), Language::En);
        assert_eq!(Language::from_tag("vi-VN"), Language::Vi);
        assert_eq!(Language::from_tag("fr"), Language::Vi);
        assert_eq!(Language::from_tag(""), Language::Vi);
    }
}
