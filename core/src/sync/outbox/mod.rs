//! The outbox: every queued report reaches the city exactly once, with its photos.
//!
//! - Oldest first, one multipart `POST /requests` per report with its photos
//!   streamed from disk and `client_request_id` = the report's id, so a resend
//!   after a lost answer or a crash creates nothing new on the server
//!   (docs/city-api.md, "Idempotency"). A server without that extension gets
//!   no `client_request_id`; a report that may have reached it is looked up
//!   ([`lookup`]) before it is posted again (docs/sync.md, "Exactly once").
//!   Only what the server's profile defines is sent ([`crate::server_profile`]).
//! - Before each attempt the report is marked `sending` (durably); a report
//!   found `sending` at the start of a sync was interrupted and is sent again
//!   under the same id.
//! - Failures that pass wait per [`crate::net::retry::RetryPolicy`], the next
//!   attempt time kept in SQLite; a refusal of the report itself moves it to
//!   `needs_attention` with the city's reason. Nothing is ever dropped.
//!
//! [`db`] keeps the outbox's state, [`payload`] builds the request, [`lookup`]
//! finds an earlier attempt, [`engine`] runs it.

pub mod db;
pub mod engine;
pub mod lookup;
pub mod payload;

pub use db::Submission;
