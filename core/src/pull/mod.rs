//! Pulling what the city did (docs/sync.md, "Pulling"): the resident's report
//! updates as timelines with official replies and result photos, alerts, and
//! the categories and areas refreshed by ETag. Everything read here works
//! offline from SQLite and the cached files.
//!
//! - [`api`]: the endpoints' answers, checked (docs/city-api.md);
//! - [`db`]: the tables of migration 5, cursors and ETags;
//! - [`photos`]: result photos — download, thumbnail, atomic files;
//! - [`engine`]: one pull on the core's runtime;
//! - [`model`]: what the shells get, labels included;
//! - [`ops`]: what the shells call.
//!
//! The design is in docs/sync.md ("Pulling").

pub mod api;
pub mod db;
pub(crate) mod engine;
pub mod model;
pub mod ops;
pub mod photos;

pub use engine::{MAX_PAGES_PER_PULL, MAX_STORED_BYTES_PER_PULL};
pub use model::{
    Alert, AlertSeverity, DetailedStatus, PullStep, PullStepFailure, PullSummary, Refresh,
    ReportStatus, ResultPhoto, ResultPhotoProblem, StatusWord, TimelineEntry, UnreadCounts,
    UpdateKind,
};

/// The pull side of [`crate::Core`]: one pull at a time.
#[derive(Debug, Default)]
pub struct PullState {
    pub(crate) running: std::sync::Arc<tokio::sync::Mutex<()>>,
}
