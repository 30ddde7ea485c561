//! When to try a report again, and what a server's answer means for it.
//!
//! No attempt limit: a report is never dropped because the network was bad for a
//! week. Only an answer that says the report itself is wrong (a 4xx other than
//! 408, 409 and 429) stops the retries, and then the resident is asked to act.

use std::time::Duration;

/// Backoff for one report: exponential from `base`, capped, with jitter so a
/// thousand phones coming back online do not retry in lockstep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    pub base: Duration,
    pub cap: Duration,
    /// A server's Retry-After above this is treated as this (a misconfigured
    /// server must not park a report for a month).
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            base: Duration::from_secs(30),
            cap: Duration::from_secs(60 * 60),
            max_retry_after: Duration::from_secs(6 * 60 * 60),
        }
    }
}

impl RetryPolicy {
    /// The delay before attempt `failures + 1`, after `failures` failed attempts
    /// (≥ 1). `unit` is a random number in [0, 1): the delay is spread over the
    /// upper half of the nominal value, never below half of it.
    pub fn delay(&self, failures: u32, unit: f64, retry_after: Option<Duration>) -> Duration {
        let exponent = failures.saturating_sub(1).min(30);
        let nominal = self
            .base
            .saturating_mul(1u32 << exponent.min(31))
            .min(self.cap);
        let unit = if unit.is_finite() {
            unit.clamp(0.0, 1.0)
        } else {
            0.0
        };
        let jittered = nominal.mul_f64(0.5 + 0.5 * unit);
        match retry_after {
            // The server knows its load: wait at least as long as it asks.
            Some(asked) => jittered.max(asked.min(self.max_retry_after)),
            None => jittered,
        }
    }
}

/// What an attempt's outcome means for the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The city has it.
    Accepted,
    /// Try again later (network failure, timeout, overload, server error).
    Retry { retry_after: Option<Duration> },
    /// The access token was refused: refresh it once, then pause the outbox in a
    /// "sign-in needed" state. The report itself is fine and stays queued.
    SignInNeeded,
    /// The same id was sent before with other content: the server will never
    /// accept this body under this id. The engine marks the report as needing
    /// attention (docs/sync.md, "Typed errors and what they mean for a report").
    Conflict,
    /// The server refused the report itself; the resident must edit it.
    Rejected,
}

/// Classify an HTTP status (`None`: no answer at all — connection refused, reset,
/// timed out, or the response was lost after the request was sent).
pub fn classify(status: Option<u16>, retry_after: Option<Duration>) -> Verdict {
    match status {
        None => Verdict::Retry { retry_after: None },
        Some(200..=299) => Verdict::Accepted,
        Some(401) => Verdict::SignInNeeded,
        Some(408) | Some(429) => Verdict::Retry { retry_after },
        Some(409) => Verdict::Conflict,
        Some(400..=499) => Verdict::Rejected,
        // 5xx, and anything odd (1xx, 3xx that were not followed): try again.
        Some(_) => Verdict::Retry { retry_after },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: Duration = Duration::from_secs(60);

    #[test]
    fn delays_double_from_30_seconds_up_to_an_hour() {
        let policy = RetryPolicy::default();
        let upper: Vec<u64> = (1..=9)
            .map(|n| policy.delay(n, 0.999_999, None).as_secs())
            .collect();
        assert_eq!(upper, vec![29, 59, 119, 239, 479, 959, 1919, 3599, 3599]);
        assert_eq!(policy.delay(1, 0.0, None), Duration::from_secs(15));
        assert_eq!(
            policy.delay(1_000_000, 0.0, None),
            Duration::from_secs(1800)
        );
    }

    #[test]
    fn jitter_spreads_retries_over_the_upper_half() {
        let policy = RetryPolicy::default();
        let low = policy.delay(4, 0.0, None);
        let high = policy.delay(4, 0.99, None);
        assert_eq!(low, Duration::from_secs(120));
        assert!(high > Duration::from_secs(235) && high <= Duration::from_secs(240));
        assert_eq!(policy.delay(4, f64::NAN, None), low);
    }

    #[test]
    fn retry_after_is_honoured_but_bounded() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.delay(1, 0.0, Some(10 * MIN)), 10 * MIN);
        // A shorter Retry-After does not shorten our own backoff.
        assert_eq!(policy.delay(5, 0.0, Some(Duration::from_secs(1))), 4 * MIN);
        assert_eq!(
            policy.delay(1, 0.0, Some(Duration::from_secs(90 * 24 * 3600))),
            policy.max_retry_after
        );
    }

    #[test]
    fn only_a_refusal_of_the_report_itself_stops_retrying() {
        assert_eq!(classify(Some(201), None), Verdict::Accepted);
        assert_eq!(classify(None, None), Verdict::Retry { retry_after: None });
        for transient in [408, 429, 500, 502, 503, 504] {
            assert!(
                matches!(classify(Some(transient), None), Verdict::Retry { .. }),
                "{transient}"
            );
        }
        assert_eq!(classify(Some(409), None), Verdict::Conflict);
        assert_eq!(classify(Some(401), None), Verdict::SignInNeeded);
        for permanent in [400, 403, 404, 413, 422] {
            assert_eq!(
                classify(Some(permanent), None),
                Verdict::Rejected,
                "{permanent}"
            );
        }
        assert_eq!(
            classify(Some(429), Some(MIN)),
            Verdict::Retry {
                retry_after: Some(MIN)
            }
        );
    }
}
