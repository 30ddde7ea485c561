//! The FFI surface of iHaNoi: thin uniffi wrappers over `ihanoi-core`.
//!
//! Rules for this crate: no logic, no I/O, no decisions. Each export converts its
//! arguments, calls the core, and maps the core's detailed error onto
//! [`IhanoiError`]. Core types that cross unchanged derive their uniffi
//! conversions in the core itself (its `ffi` feature), so their doc comments
//! reach Kotlin and Swift; records are written here only where the shape
//! changes (with `From`). The exported
//! API is the same on every target: nothing here is `cfg`-gated.

uniffi::setup_scaffolding!();

mod areas;
mod core_object;
mod device_check;
mod diagnostics;
mod error;
mod forms;
mod location;
mod logs;
mod nearby;
mod observers;
mod photos;
mod preferences;
mod pull;
mod reports;
mod secrets;
mod status;
mod sync;
mod tasks;

pub use core_object::IhanoiCore;
pub use error::IhanoiError;
pub use logs::LogSink;
pub use observers::{CountsListener, ListenerHandle, ReportsListener, SyncActivityListener};
pub use secrets::{SecretStore, SecretStoreError};
pub use sync::SyncListener;
pub use tasks::TaskHandle;
