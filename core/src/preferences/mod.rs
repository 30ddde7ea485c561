//! The app's own settings, kept in the core's store so both phones keep them
//! the same way (and a device check or a reinstall test can read them): first
//! run done, the language override, the photo size, photos only on Wi-Fi.
//! The settings screen's choices, worded, come from here too.
//!
//! No observer: only the settings screen changes them, and it gets the new
//! values back from [`crate::Core::set_preference`].
//!
//! - [`model`]: the settings, one change, the pickers' choices;
//! - [`db`]: one row per setting (a value the core does not know reads as the default);
//! - [`ops`]: what the shells call.

pub mod db;
pub mod model;
pub mod ops;

pub use model::{
    LanguageChoice, LanguageOption, PhotoSizeOption, PreferenceChange, Preferences,
    language_options, photo_size_options,
};
