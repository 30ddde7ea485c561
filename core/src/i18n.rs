//! The words screens show for the core's states, in Vietnamese (first) and
//! English: decided here once, so Android, iOS and the terminal say the same.

/// A user-facing text in both languages: **every bilingual text uses this** — labels,
/// messages, errors, advice — in the core, across the FFI (a record with `vi` and
/// `en`) and in the terminal shell (`--json` writes `{"vi": …, "en": …}`). Vietnamese
/// first; both NFC. Screens show [`Bilingual::pick`] for the person's language, or both.
/// (Not named `Text`: that would clash with SwiftUI's `Text` in the iOS app.)
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, serde::Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Bilingual {
    /// Vietnamese (the default language of the app).
    pub vi: String,
    /// English.
    pub en: String,
}

impl Bilingual {
    /// Vietnamese first, English second (as everywhere in the app).
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Bilingual {
            vi: vi.into(),
            en: en.into(),
        }
    }

    /// The text in this language.
    pub fn pick(&self, language: Language) -> &str {
        language.pick(&self.vi, &self.en)
    }

    /// Read a text written as "Vietnamese — English", the shape of the city
    /// API's `description` (docs/city-api.md) and of what the store keeps of
    /// it; `None` when empty. Without the separator both languages get the whole.
    pub fn from_joined(text: &str) -> Option<Bilingual> {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        Some(match text.split_once(JOINED_SEPARATOR) {
            Some((vi, en)) => Bilingual::new(vi.trim(), en.trim()),
            None => Bilingual::new(text, text),
        })
    }

    /// The inverse of [`Bilingual::from_joined`], for storage only: screens
    /// get the record.
    pub(crate) fn joined(&self) -> String {
        format!("{}{JOINED_SEPARATOR}{}", self.vi, self.en)
    }
}

/// Between the two languages of a joined text (an em dash with spaces).
const JOINED_SEPARATOR: &str = " — ";

/// The language of user-facing text. Vietnamese is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
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

    #[test]
    fn a_bilingual_text_picks_the_persons_language() {
        let text = Bilingual::new("Bản nháp", "Draft");
        assert_eq!(text.pick(Language::Vi), "Bản nháp");
        assert_eq!(text.pick(Language::En), "Draft");
    }
}
