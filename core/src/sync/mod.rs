//! Sending queued reports to the city and pulling what it did (issue 6).
//!
//! This folder starts with the decisions that need no network — when to try again
//! and what an answer means ([`retry`]) — so they are tested on their own; the
//! outbox, the HTTP transport and the pull of updates build on them.

pub mod retry;
