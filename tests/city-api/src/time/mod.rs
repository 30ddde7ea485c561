//! Time as the city counts it: W3C date-times on the wire ([`w3c`]) and working
//! hours for deadlines ([`working`]). Asia/Ho_Chi_Minh has had no DST since 1975, so
//! a fixed UTC+07:00 offset is exact for every date the server handles. The
//! calendar arithmetic and the W3C reader are the core's ([`ihanoi_core::time`]).

pub mod w3c;
pub mod working;

pub use ihanoi_core::time::calendar::{civil_from_days, days_from_civil, days_in_month};
pub use ihanoi_core::time::{DAY_MS, HOUR_MS, MINUTE_MS};

/// UTC+07:00.
pub const CITY_OFFSET_MS: i64 = 7 * HOUR_MS;
