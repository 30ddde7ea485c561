//! Judging a fix. Every threshold lives here, nowhere else.

use crate::location::model::{
    LocationFix, LocationQuality, LocationSource, LocationVerdict, PoorReason,
};
use crate::time::UnixMillis;

/// A fix this accurate needs no confirmation.
pub const GOOD_MAX_ACCURACY_M: f64 = 20.0;
/// Up to this, fair; beyond it, poor.
pub const FAIR_MAX_ACCURACY_M: f64 = 100.0;
/// A fix older than this is poor whatever its accuracy: the resident may have
/// walked away from the problem since.
pub const MAX_FIX_AGE_MS: UnixMillis = 2 * 60 * 1000;
/// Accuracy assumed for a photo whose EXIF has no GPSHPositioningError (typical
/// phone GPS outdoors): fair, never good.
pub const EXIF_ASSUMED_ACCURACY_M: f64 = 50.0;

/// The verdict on `fix` at time `now`. A pin the resident placed is their
/// decision and is always good.
pub fn verdict(fix: &LocationFix, now: UnixMillis) -> LocationVerdict {
    if fix.source == LocationSource::ManualPin {
        return judged(LocationQuality::Good, Vec::new());
    }
    let mut reasons = Vec::new();
    if fix.accuracy_m > FAIR_MAX_ACCURACY_M {
        reasons.push(PoorReason::Inaccurate);
    }
    if now.saturating_sub(fix.time_ms) > MAX_FIX_AGE_MS {
        reasons.push(PoorReason::Stale);
    }
    if fix.mocked {
        reasons.push(PoorReason::Mocked);
    }
    let quality = if !reasons.is_empty() {
        LocationQuality::Poor
    } else if fix.accuracy_m <= GOOD_MAX_ACCURACY_M {
        LocationQuality::Good
    } else {
        LocationQuality::Fair
    };
    judged(quality, reasons)
}

/// The verdict with its words; only a poor fix asks for confirmation.
fn judged(quality: LocationQuality, reasons: Vec<PoorReason>) -> LocationVerdict {
    LocationVerdict {
        quality,
        quality_label: quality.label(),
        reasons,
        needs_confirmation: quality == LocationQuality::Poor,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(accuracy_m: f64, age_ms: i64, mocked: bool) -> LocationFix {
        LocationFix {
            lat: 21.0,
            lon: 105.8,
            accuracy_m,
            time_ms: 1_000_000 - age_ms,
            source: LocationSource::DeviceGps,
            mocked,
        }
    }

    #[test]
    fn thresholds_are_inclusive_at_20_and_100_metres() {
        let q = |a| verdict(&fix(a, 0, false), 1_000_000).quality;
        assert_eq!(q(0.0), LocationQuality::Good);
        assert_eq!(q(20.0), LocationQuality::Good);
        assert_eq!(q(20.1), LocationQuality::Fair);
        assert_eq!(q(100.0), LocationQuality::Fair);
        assert_eq!(q(100.1), LocationQuality::Poor);
    }

    #[test]
    fn stale_or_mocked_fixes_are_poor_with_every_reason() {
        let v = verdict(&fix(5.0, MAX_FIX_AGE_MS + 1, true), 1_000_000);
        assert_eq!(v.quality, LocationQuality::Poor);
        assert_eq!(v.reasons, vec![PoorReason::Stale, PoorReason::Mocked]);
        assert!(v.needs_confirmation);
        assert_eq!(
            v.quality_label,
            crate::i18n::Bilingual::new(
                "kém, nên xác nhận trên bản đồ",
                "poor, confirm on the map"
            )
        );
        let fresh = verdict(&fix(5.0, MAX_FIX_AGE_MS, false), 1_000_000);
        assert_eq!(fresh.quality, LocationQuality::Good);
    }
}
