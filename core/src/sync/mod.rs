//! Sending queued reports to the city.
//!
//! - [`outbox`]: queued reports to the city, exactly once, with their photos;
//! - [`listener`]: progress for the shells;
//! - [`ops`]: what the shells call.
//!
//! The network layer it runs on (transport, retry, runtime, the configured
//! city) is [`crate::net`], stopping work [`crate::tasks`]; pulling is [`crate::pull`]; sign-in lives
//! in [`crate::account`]. The design is in docs/sync.md.

pub mod listener;
pub mod ops;
pub mod outbox;

pub use listener::{NetworkType, NoListener, SyncEvent, SyncListener, SyncOptions, SyncSummary};
pub use outbox::Submission;
