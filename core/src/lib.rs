//! iHaNoi core — everything the phone shells need below the UI.
//!
//! One folder per concept:
//! - [`store`]: the SQLite file, its connection settings and the schema migrations;
//! - [`reports`]: a resident's field reports, from draft to the city's answer;
//! - [`areas`]: Hanoi's wards and communes, point lookup and name search, offline;
//! - [`photos`]: from a camera file to a small, private, upright JPEG attached to a draft;
//! - [`location`]: GPS, photo and pin positions, their verdict, a report's routed unit;
//! - [`files`]: the layout of the data directory (every path the core writes);
//! - [`net`]: the network layer — HTTPS transport, retries, the core's runtime, the configured city;
//! - [`sync`]: the outbox to the city, exactly once, with progress;
//! - [`pull`]: what the city did — timelines, result photos, alerts, categories, areas;
//! - [`categories`]: the categories to offer — the pulled list, else the shipped snapshot;
//! - [`forms`]: the city's service definitions as questions of the draft, answered and checked;
//! - [`nearby`]: the city's open reports near a draft, before it is queued (cached for offline);
//! - [`tasks`]: long work the shells may stop (one cancel rule for all);
//! - [`logs`]: the core's log lines to the platform log, without personal data;
//! - [`observers`]: listeners the screens register instead of polling;
//! - [`background`]: the one call a background job makes (send, then pull);
//! - [`account`]: the resident's sign-in; tokens only in the secure store;
//! - [`device_check`]: what is wrong with this phone, for community install teams;
//! - [`preferences`]: the app's settings (first run, language, photo size, Wi-Fi only);
//! - [`secrets`]: the platform secure store the shells plug in (tokens live only there);
//! - [`text`]: Unicode normalisation shared by every user-typed string.
//!
//! [`Core`] is the entry point the FFI crate wraps. The core's records and enums
//! that cross the FFI unchanged derive their uniffi conversions here, only with the
//! `ffi` feature (`#[cfg_attr(feature = "ffi", derive(uniffi::Record))]`), so their
//! doc comments reach the generated Kotlin and Swift; the exported functions and the
//! flat error live in `bindings/`. Without the feature nothing here knows about uniffi.

// The core is its own uniffi namespace (`ihanoi_core`): its types are generated into
// their own Kotlin package and Swift file (uniffi.toml, tests/bindgen.sh).
#[cfg(feature = "ffi")]
uniffi::setup_scaffolding!();

pub mod account;
pub mod app;
pub mod areas;
pub mod background;
pub mod categories;
pub mod device_check;
pub mod error;
pub mod files;
pub mod forms;
pub mod i18n;
pub mod licences;
pub mod location;
pub mod logs;
pub mod nearby;
pub mod net;
pub mod observers;
pub mod photos;
pub mod preferences;
pub mod pull;
pub mod reports;
pub mod secrets;
pub mod server_profile;
pub mod store;
pub mod sync;
pub mod tasks;
pub mod text;
pub mod time;

pub use crate::app::{Core, CoreConfig};
pub use crate::error::{Error, ErrorKind, Result};
