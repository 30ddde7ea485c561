//! Others' reports nearby (docs/sync.md § Reports nearby): before a resident
//! queues a draft, the city's open reports of the same category within 50 m
//! of its position, with their status, distance, words and photo thumbnails,
//! so the resident can see the problem is already known. Never a blocker:
//! the resident may still send (it may be a different problem).
//!
//! - [`model`]: what the screens get, every word decided here;
//! - [`api`]: the `GET /requests` query the server's profile allows, and its
//!   answer checked and filtered here (distance, status, category, own reports);
//! - [`fetch`]: one search on the core's runtime, thumbnails included;
//! - [`db`]: the last answer per draft, for offline use (migration 9);
//! - [`ops`]: what the shells call.

pub mod api;
pub mod db;
pub(crate) mod fetch;
pub mod model;
pub mod ops;

pub use model::{
    NEARBY_RADIUS_M, NearbyCityPhoto, NearbyCityReport, NearbyCityReports, NearbySource,
};
