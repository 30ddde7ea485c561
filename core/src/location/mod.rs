//! Where a report is: fixes from the phone's sensors, its photos and the
//! resident's pin; how far to trust them; and the unit each report is routed to.
//!
//! - [`model`]: fixes, verdicts, a report's stored location;
//! - [`verdict`]: the thresholds (good ≤ 20 m, fair ≤ 100 m, fresh ≤ 2 min), in one place;
//! - [`ops`]: attaching a fix to a report, routing it, nearby reports;
//! - [`db`]: the `report_locations` table.

pub mod db;
pub mod error;
pub mod model;
pub mod ops;
pub mod verdict;

pub use error::LocationError;
pub use model::{
    ExifPosition, LocationFix, LocationQuality, LocationSource, LocationVerdict, NearbyReport,
    PoorReason, ReportLocation,
};
pub use ops::{DEFAULT_NEARBY_RADIUS_M, offered_location, validate_fix};
pub use verdict::verdict;
