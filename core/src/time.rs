//! Wall-clock time as Unix milliseconds: what the store keeps and the FFI converts.

use std::time::{SystemTime, UNIX_EPOCH};

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
