//! The app's settings, kept by the core, and the words of their pickers.

use ihanoi_core::i18n::Language;
use ihanoi_core::preferences::{LanguageOption, PhotoSizeOption, PreferenceChange, Preferences};

use crate::core_object::IhanoiCore;
use crate::error::IhanoiError;

type Result<T> = std::result::Result<T, IhanoiError>;

#[uniffi::export]
impl IhanoiCore {
    /// The app's settings (the defaults on a fresh install).
    pub fn preferences(&self) -> Result<Preferences> {
        Ok(self.core.preferences()?)
    }

    /// Change one setting; durable when it returns. Returns every setting.
    pub fn set_preference(&self, change: PreferenceChange) -> Result<Preferences> {
        Ok(self.core.set_preference(change)?)
    }

    /// The language screens show: the override, else the phone's
    /// (`system_tag`, a BCP 47 tag as the OS gives it, e.g. "vi-VN").
    pub fn display_language(&self, system_tag: String) -> Result<Language> {
        Ok(self.core.display_language(&system_tag)?)
    }
}

/// The language picker's rows, in order (follow the phone, Vietnamese, English).
#[uniffi::export]
pub fn language_options() -> Vec<LanguageOption> {
    ihanoi_core::preferences::language_options()
}

/// The photo size picker's rows, smallest first, each with when to choose it.
#[uniffi::export]
pub fn photo_size_options() -> Vec<PhotoSizeOption> {
    ihanoi_core::preferences::photo_size_options()
}
