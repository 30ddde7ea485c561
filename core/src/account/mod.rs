//! The resident's account: phone number → one-time code → tokens
//! (docs/city-api.md, "Resident sign-in").
//!
//! Tokens live only in the shell's secure store ([`crate::secrets`]); SQLite
//! keeps one non-secret flag, "sign-in needed", so the outbox stays paused
//! across restarts until the resident signs in again. Drafts never depend on
//! the account: they are written before signing in and kept after signing out.
//!
//! - [`api`]: the three HTTP calls and their answers;
//! - [`session`]: the tokens in the secure store, and refresh-once-on-401;
//! - [`ops`]: what the shells call.

pub mod api;
pub mod ops;
pub mod session;

pub use ops::{CodeSent, SessionState};
