//! Wall-clock time as Unix milliseconds: what the store keeps and the FFI converts.
//!
//! - [`calendar`]: proleptic Gregorian dates to day numbers and back;
//! - [`w3c`]: the API's W3C date-times (`2026-11-27T09:12:00+07:00`), read and written.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
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

/// Where "now" comes from where the app ages what it learned from the city
/// (how long a missing endpoint stays "not offered"): the system clock, or
/// one a test sets and moves, so a day can pass without waiting a day.
#[derive(Debug, Clone, Default)]
pub enum Clock {
    #[default]
    System,
    Manual(Arc<AtomicI64>),
}

impl Clock {
    /// A clock that stands at `at` until [`Clock::advance`] moves it.
    pub fn manual(at: UnixMillis) -> Clock {
        Clock::Manual(Arc::new(AtomicI64::new(at)))
    }

    pub fn now_ms(&self) -> UnixMillis {
        match self {
            Clock::System => now_ms(),
            Clock::Manual(at) => at.load(Ordering::SeqCst),
        }
    }

    /// Move a manual clock forward by `ms` (the system clock moves itself).
    pub fn advance(&self, ms: i64) {
        if let Clock::Manual(at) = self {
            at.fetch_add(ms, Ordering::SeqCst);
        }
    }
}

pub const MINUTE_MS: i64 = 60_000;
pub const HOUR_MS: i64 = 60 * MINUTE_MS;
pub const DAY_MS: i64 = 24 * HOUR_MS;
