//! Wall-clock time as Unix milliseconds: what the store keeps and the FFI converts.
//!
//! - [`calendar`]: proleptic Gregorian dates to day numbers and back;
//! - [`w3c`]: the API's W3C date-times (`2026-11-27T09:12:00+07:00`), read and written.

use std::time::{SystemTime, UNIX_EPOCH};

pub mod calendar;
pub mod w3c;

/// Milliseconds since the Unix epoch (UTC).
pub type UnixMillis = i64;

/// Now, in Unix milliseconds. A clock set before 1970 reads as 0 rather than failing:
/// a wrong clock must never stop a resident from saving a draft.
pub fn now_ms() -> UnixMillis {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as UnixMillis)
        .unwrap_or(0)
}

pub const MINUTE_MS: i64 = 60_000;
pub const HOUR_MS: i64 = 60 * MINUTE_MS;
pub const DAY_MS: i64 = 24 * HOUR_MS;
