//! The one call a background job makes (Android WorkManager, iOS
//! BGTaskScheduler, the terminal's `ihanoi sync`): send the outbox, then pull
//! what the city did, and say in one summary what happened and when to run
//! again. The shells only schedule it; the sequence and its decisions are here.
//!
//! - [`model`]: the summary;
//! - [`ops`]: the call itself, `Core::sync_and_pull`.

pub mod model;
pub mod ops;

pub use model::SyncAndPullSummary;
