//! How long a request may take. A fixed timeout is wrong both ways on phones: a
//! 6 MB upload over 3G needs minutes (FixMyStreet #986), while a small JSON call
//! that has not answered in a minute never will (FixMyStreet mobile #87).

use std::time::Duration;

/// Reaching the server (DNS, TCP, TLS) must not take longer than this.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// No byte of the answer for this long means a stalled connection.
pub const READ_IDLE_TIMEOUT: Duration = Duration::from_secs(30);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeoutPolicy {
    /// Round trips, server work and the answer of a request without a body.
    pub base: Duration,
    /// The slowest link we still want to succeed on: 2G/EDGE upstream is about
    /// 100–200 kbit/s; 16 KB/s (128 kbit/s) leaves such a link room.
    pub floor_bytes_per_second: u64,
    /// Never wait longer than this for one request, whatever its size.
    pub max: Duration,
}

impl Default for TimeoutPolicy {
    fn default() -> Self {
        TimeoutPolicy {
            base: Duration::from_secs(30),
            floor_bytes_per_second: 16 * 1024,
            max: Duration::from_secs(20 * 60),
        }
    }
}

impl TimeoutPolicy {
    /// The whole-request timeout for a request body of `body_bytes`.
    pub fn for_body(&self, body_bytes: u64) -> Duration {
        let floor = self.floor_bytes_per_second.max(1);
        let transfer = Duration::from_millis(body_bytes.saturating_mul(1000) / floor);
        self.base.saturating_add(transfer).min(self.max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_timeout_grows_with_the_body_at_the_floor_bandwidth() {
        let policy = TimeoutPolicy::default();
        assert_eq!(policy.for_body(0), Duration::from_secs(30));
        // Two 1 MiB photos: 128 s at 16 KiB/s, plus the base.
        assert_eq!(policy.for_body(2 * 1024 * 1024), Duration::from_secs(158));
        // The largest body the city accepts (12 MiB): under the cap.
        assert_eq!(policy.for_body(12 * 1024 * 1024), Duration::from_secs(798));
        assert_eq!(policy.for_body(u64::MAX), policy.max);
    }
}
