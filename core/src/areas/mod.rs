//! Hanoi's 126 commune-level units (51 phường, 75 xã since 1 July 2025) and the
//! questions a report asks of them, offline:
//!
//! - [`index`]: which unit holds a point, and which others an accuracy circle
//!   reaches, with distances ([`AreaIndex`]);
//! - [`search`]: units by name, diacritics- and tone-placement-insensitive, and by
//!   pre-reform ward names;
//! - [`geojson`] and [`codec`]: the city's GeoJSON in, the cache's compact form
//!   in and out; [`geometry`]: validation;
//! - [`outlines`]: simplified outlines around a point, for the map with no network;
//! - [`cache`] and [`ops`]: the set kept in SQLite and the [`crate::Core`] calls;
//!   [`snapshot`] and [`compact`]: the set the core ships, used until one is
//!   pulled or imported.

pub mod cache;
pub mod codec;
pub mod compact;
pub mod error;
pub mod geojson;
pub mod geometry;
pub mod index;
pub mod model;
pub mod ops;
pub mod outlines;
pub mod projection;
pub mod search;
mod shape;
pub mod snapshot;

pub use cache::AreaSetInfo;
pub use error::{AreasError, FeatureRef};
pub use geometry::UnitOutline;
pub use index::{AreaIndex, Candidate, Lookup, MAX_RADIUS_M};
pub use model::{Area, AreaKind, LatLon};
pub use ops::{AreaCandidate, AreaLookup, AreaState, LoadedAreas};
pub use search::{FormerName, FormerNames, NameSearch, SearchHit};
