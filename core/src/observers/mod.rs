//! Listeners the screens register so they update when anything changes —
//! the resident's own edits or the background sync and pull — instead of
//! polling.
//!
//! Three things can be observed:
//! - the report list ([`ReportListUpdate`]: which reports, what changed);
//! - the badge numbers ([`BadgeCounts`]: drafts, waiting to send, needing
//!   attention, unread updates, unread alerts);
//! - the sync ([`SyncActivity`]: idle, sending n of m, waiting until a time,
//!   offline, sign-in needed).
//!
//! Each registration returns a [`Subscription`]; the listener is called first
//! with the current value, then on every change, until the subscription is
//! cancelled or dropped.
//!
//! **Threads.** Listeners are called on whichever core thread made the change:
//! the thread that called an edit, or one of the core's network threads during
//! a sync or pull. Calls to one listener never overlap and keep their order; a
//! listener that calls back into the core is safe (its own notification is
//! delivered after it returns). Listeners should hand the value to their UI
//! thread and return quickly.
//!
//! - [`model`]: what listeners receive;
//! - [`hub`]: the registry and delivery;
//! - [`channel`]: one listener's ordered, non-overlapping delivery;
//! - [`db`]: the queries behind the values;
//! - [`sync_activity`]: the sync's events turned into its state;
//! - [`ops`]: registration as the shells call it;
//! - [`status`]: the outbox's line for the home screen.

pub mod channel;
pub mod db;
pub mod hub;
pub mod model;
pub mod ops;
pub mod status;
pub mod sync_activity;

pub use hub::{Observers, Subscription};
pub use model::{BadgeCounts, ReportChange, ReportChangeKind, ReportListUpdate, SyncActivity};

/// Told about report list changes. See the module docs for threads.
pub trait ReportsObserver: Send + Sync {
    fn on_reports_changed(&self, update: ReportListUpdate);
}

/// Told the badge numbers whenever one of them changes.
pub trait CountsObserver: Send + Sync {
    fn on_counts_changed(&self, counts: BadgeCounts);
}

/// Told what the sync is doing whenever that changes.
pub trait SyncActivityObserver: Send + Sync {
    fn on_sync_activity(&self, activity: SyncActivity);
}
