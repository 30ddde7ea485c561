//! Talking to the city over the network: what sending the outbox
//! ([`crate::sync`]), pulling ([`crate::pull`]) and signing in
//! ([`crate::account`]) share.
//!
//! - [`transport`]: HTTPS to the city API (rustls, timeouts, size caps, typed errors);
//! - [`retry`]: when to try again and what an answer means — no network needed;
//! - [`runtime`]: the core's own tokio runtime the network work runs on;
//! - [`city`]: the configured server and the network work's locks;
//! - stopping work: [`crate::tasks`] (one rule for every long call);
//! - [`error`]: why a network flow did not complete.
//!
//! The design is in docs/sync.md.

pub mod city;
pub mod error;
pub mod retry;
pub mod runtime;
pub mod transport;

pub use city::{CityConfig, SyncState, SyncTuning};
pub use error::SyncError;
