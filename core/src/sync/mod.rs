//! Sending queued reports to the city and pulling what it did (issue 6).
//!
//! - [`retry`]: when to try again and what an answer means — no network needed;
//! - [`transport`]: HTTPS to the city API (rustls, timeouts, size caps, typed errors);
//! - [`runtime`]: the core's own tokio runtime the network work runs on;
//! - [`city`]: the configured server and the sync's locks;
//! - [`outbox`]: queued reports to the city, exactly once, with their photos;
//! - [`listener`], [`cancel`]: progress for the shells, and stopping a sync;
//! - [`ops`]: what the shells call.
//!
//! Sign-in lives in [`crate::account`]. The design is in docs/sync.md.

pub mod cancel;
pub mod city;
pub mod error;
pub mod listener;
pub mod ops;
pub mod outbox;
pub mod retry;
pub mod runtime;
pub mod transport;

pub use cancel::SyncCancel;
pub use city::{CityConfig, SyncState, SyncTuning};
pub use error::SyncError;
pub use listener::{NetworkType, NoListener, SyncEvent, SyncListener, SyncOptions, SyncSummary};
pub use outbox::Submission;
