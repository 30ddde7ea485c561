//! The settings as the shells read and change them.

use crate::app::Core;
use crate::error::Result;
use crate::i18n::Language;
use crate::preferences::db;
use crate::preferences::model::{PreferenceChange, Preferences};

impl Core {
    /// The app's settings (the defaults on a fresh install).
    pub fn preferences(&self) -> Result<Preferences> {
        self.store.read(db::get)
    }

    /// Change one setting; durable when it returns. Returns every setting.
    pub fn set_preference(&self, change: PreferenceChange) -> Result<Preferences> {
        self.store.write(|tx| {
            db::set(tx, change)?;
            db::get(tx)
        })
    }

    /// The language screens show: the override, else the phone's
    /// (`system_tag`, a BCP 47 tag as the OS gives it).
    pub fn display_language(&self, system_tag: &str) -> Result<Language> {
        Ok(self.preferences()?.language.resolve(system_tag))
    }
}
