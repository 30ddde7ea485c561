//! The app's settings and the words of their pickers.

use crate::i18n::{Bilingual, Language};
use crate::photos::{CompressOptions, SizePreset};

/// Which language the screens use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum LanguageChoice {
    /// Follow the phone's language (Vietnamese unless it is English).
    #[default]
    System,
    Vi,
    En,
}

impl LanguageChoice {
    pub const ALL: [LanguageChoice; 3] = [
        LanguageChoice::System,
        LanguageChoice::Vi,
        LanguageChoice::En,
    ];

    /// The spelling kept in the store.
    pub fn as_db_str(self) -> &'static str {
        match self {
            LanguageChoice::System => "system",
            LanguageChoice::Vi => "vi",
            LanguageChoice::En => "en",
        }
    }

    pub fn from_db_str(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_db_str() == s)
    }

    /// The language to show, given the phone's language tag ("vi-VN", "en_US").
    pub fn resolve(self, system_tag: &str) -> Language {
        match self {
            LanguageChoice::System => Language::from_tag(system_tag),
            LanguageChoice::Vi => Language::Vi,
            LanguageChoice::En => Language::En,
        }
    }
}

/// The app's settings. A fresh install has the defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Preferences {
    /// The first-run screens were gone through (shown once per install).
    pub first_run_done: bool,
    pub language: LanguageChoice,
    /// How large attached photos are stored (and sent).
    pub photo_size: SizePreset,
    /// Send reports with photos only on an unmetered network (the phone's
    /// background job takes this as its network constraint).
    pub photos_only_on_wifi: bool,
}

impl Preferences {
    /// What the new-report flow compresses with: the default limits at the
    /// chosen size.
    pub fn compress_options(&self) -> CompressOptions {
        CompressOptions {
            preset: self.photo_size,
            ..CompressOptions::default()
        }
    }
}

/// One setting changed on its own (each tap saves at once).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum PreferenceChange {
    FirstRunDone { done: bool },
    Language { choice: LanguageChoice },
    PhotoSize { preset: SizePreset },
    PhotosOnlyOnWifi { on: bool },
}

/// One row of the language picker.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct LanguageOption {
    pub choice: LanguageChoice,
    pub label: Bilingual,
}

/// The language picker's rows, in order. A language's own name is written in
/// that language whatever the screen's language.
pub fn language_options() -> Vec<LanguageOption> {
    LanguageChoice::ALL
        .into_iter()
        .map(|choice| LanguageOption {
            choice,
            label: match choice {
                LanguageChoice::System => Bilingual::new("Theo máy", "As the phone"),
                LanguageChoice::Vi => Bilingual::new("Tiếng Việt", "Tiếng Việt"),
                LanguageChoice::En => Bilingual::new("English", "English"),
            },
        })
        .collect()
}

/// One row of the photo size picker.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct PhotoSizeOption {
    pub preset: SizePreset,
    pub label: Bilingual,
    /// When to choose it.
    pub hint: Bilingual,
}

/// The photo size picker's rows, smallest first.
pub fn photo_size_options() -> Vec<PhotoSizeOption> {
    [SizePreset::Small, SizePreset::Standard, SizePreset::Large]
        .into_iter()
        .map(|preset| {
            let px = preset.long_edge();
            let (label, hint) = match preset {
                SizePreset::Small => (
                    Bilingual::new("Nhỏ (tiết kiệm dữ liệu)", "Small (saves data)"),
                    Bilingual::new(
                        format!("{px} px — mạng chậm hoặc tính phí theo dung lượng"),
                        format!("{px} px — slow or metered connections"),
                    ),
                ),
                SizePreset::Standard => (
                    Bilingual::new("Tiêu chuẩn", "Standard"),
                    Bilingual::new(
                        format!("{px} px — đủ đọc được biển hiệu (khuyên dùng)"),
                        format!("{px} px — enough to read a sign (recommended)"),
                    ),
                ),
                SizePreset::Large => (
                    Bilingual::new("Lớn", "Large"),
                    Bilingual::new(
                        format!("{px} px — cảnh nhiều chi tiết"),
                        format!("{px} px — detailed scenes"),
                    ),
                ),
            };
            PhotoSizeOption {
                preset,
                label,
                hint,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_system_choice_follows_the_phone_and_an_override_wins() {
        assert_eq!(LanguageChoice::System.resolve("en-US"), Language::En);
        assert_eq!(LanguageChoice::System.resolve("vi-VN"), Language::Vi);
        assert_eq!(LanguageChoice::System.resolve("fr-FR"), Language::Vi);
        assert_eq!(LanguageChoice::Vi.resolve("en-US"), Language::Vi);
        assert_eq!(LanguageChoice::En.resolve("vi-VN"), Language::En);
        for choice in LanguageChoice::ALL {
            assert_eq!(
                LanguageChoice::from_db_str(choice.as_db_str()),
                Some(choice)
            );
        }
        assert_eq!(LanguageChoice::from_db_str("fr"), None);
    }

    #[test]
    fn every_picker_row_is_worded_in_both_languages() {
        let languages = language_options();
        assert_eq!(
            languages.iter().map(|o| o.choice).collect::<Vec<_>>(),
            LanguageChoice::ALL
        );
        let sizes = photo_size_options();
        assert_eq!(sizes.len(), 3);
        assert!(sizes[1].hint.vi.contains("1600") && sizes[1].hint.en.contains("1600"));
        let labels = languages
            .iter()
            .map(|o| &o.label)
            .chain(sizes.iter().flat_map(|o| [&o.label, &o.hint]));
        for label in labels {
            assert!(!label.vi.is_empty() && !label.en.is_empty());
            assert_eq!(label.vi, crate::text::nfc(&label.vi));
        }
    }

    #[test]
    fn the_chosen_size_is_what_photos_are_compressed_with() {
        let prefs = Preferences {
            photo_size: SizePreset::Small,
            ..Preferences::default()
        };
        let options = prefs.compress_options();
        assert_eq!(options.preset, SizePreset::Small);
        assert_eq!(options.max_bytes, CompressOptions::default().max_bytes);
    }
}
