//! What a location fix is and what the core concludes from it.

use crate::i18n::Bilingual;
use crate::time::UnixMillis;

/// Where a position came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum LocationSource {
    /// The phone's satellite fix.
    DeviceGps,
    /// Wi-Fi / cell positioning (the OS's "network" provider).
    Network,
    /// The GPS tags of the report's first photo (may be old).
    PhotoExif,
    /// The resident placed or moved the pin on the map: always wins.
    ManualPin,
}

impl LocationSource {
    pub const ALL: [LocationSource; 4] = [
        LocationSource::DeviceGps,
        LocationSource::Network,
        LocationSource::PhotoExif,
        LocationSource::ManualPin,
    ];

    pub fn as_db_str(self) -> &'static str {
        match self {
            LocationSource::DeviceGps => "device_gps",
            LocationSource::Network => "network",
            LocationSource::PhotoExif => "photo_exif",
            LocationSource::ManualPin => "manual_pin",
        }
    }

    pub fn from_db_str(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_db_str() == s)
    }

    /// Where the position came from, as the report screen names it.
    pub fn label(self) -> Bilingual {
        let (vi, en) = match self {
            LocationSource::DeviceGps => ("GPS của máy", "device GPS"),
            LocationSource::Network => ("định vị qua mạng", "network position"),
            LocationSource::PhotoExif => ("GPS trong ảnh", "the photo's GPS"),
            LocationSource::ManualPin => ("ghim trên bản đồ", "map pin"),
        };
        Bilingual::new(vi, en)
    }
}

/// One position reading as the shell got it.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct LocationFix {
    pub lat: f64,
    pub lon: f64,
    /// Horizontal accuracy (68 % radius) in metres, as the OS reports it. For a
    /// manual pin, the shell passes 0.
    pub accuracy_m: f64,
    /// When the position was measured (Unix ms): for a photo, its capture time.
    pub time_ms: UnixMillis,
    pub source: LocationSource,
    /// The OS flagged the position as coming from a mock-location app.
    pub mocked: bool,
}

/// A GPS position read from a photo's EXIF (the photo pipeline supplies it).
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ExifPosition {
    pub lat: f64,
    pub lon: f64,
    /// GPSHPositioningError when the camera wrote one.
    pub accuracy_m: Option<f64>,
    /// Capture time (Unix ms) when known.
    pub captured_at_ms: Option<UnixMillis>,
}

/// How much to trust a fix. What a screen says about it comes from
/// [`LocationQuality::label`], so every shell says the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum LocationQuality {
    Good,
    Fair,
    /// The shell asks the resident to confirm the position on the map.
    Poor,
}

impl LocationQuality {
    pub const ALL: [LocationQuality; 3] = [
        LocationQuality::Good,
        LocationQuality::Fair,
        LocationQuality::Poor,
    ];

    /// The verdict in words; a poor one says what to do.
    pub fn label(self) -> Bilingual {
        let (vi, en) = match self {
            LocationQuality::Good => ("tốt", "good"),
            LocationQuality::Fair => ("tạm được", "fair"),
            LocationQuality::Poor => ("kém, nên xác nhận trên bản đồ", "poor, confirm on the map"),
        };
        Bilingual::new(vi, en)
    }
}

/// Why a fix is poor (several may hold).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum PoorReason {
    /// Accuracy radius above the fair threshold.
    Inaccurate,
    /// Measured longer ago than the freshness limit.
    Stale,
    /// The OS reported a mock location.
    Mocked,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct LocationVerdict {
    pub quality: LocationQuality,
    /// `quality` in words ([`LocationQuality::label`]), ready to show.
    pub quality_label: Bilingual,
    pub reasons: Vec<PoorReason>,
    /// The shell should ask the resident to confirm on the map.
    pub needs_confirmation: bool,
}

/// The location attached to a report, with its routing.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ReportLocation {
    pub report_id: String,
    pub fix: LocationFix,
    /// `fix.source` in words ([`LocationSource::label`]), ready to show.
    pub source_label: Bilingual,
    pub verdict: LocationVerdict,
    /// The resident moved the pin away from a sensor or photo position.
    pub pin_adjusted: bool,
    /// How far the pin was moved from that position (metres), when there was one.
    pub pin_moved_m: Option<f64>,
    /// The unit the report is routed to (`None` outside Hanoi or before an area
    /// set is available).
    pub area_code: Option<String>,
    pub area_name: Option<String>,
    /// The accuracy circle reached more than one unit when routed.
    pub area_ambiguous: bool,
    /// The resident picked the unit among the candidates.
    pub area_chosen_by_user: bool,
    pub attached_at_ms: UnixMillis,
}

/// A report near a point (a possible duplicate to show the resident).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct NearbyReport {
    pub report_id: String,
    pub category_code: Option<String>,
    pub created_at_ms: UnixMillis,
    pub distance_m: f64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text;

    /// The words each source must have. An exhaustive match: a new source does
    /// not compile until its words are written here (and it is added to `ALL`).
    fn source_words(source: LocationSource) -> (&'static str, &'static str) {
        match source {
            LocationSource::DeviceGps => ("GPS của máy", "device GPS"),
            LocationSource::Network => ("định vị qua mạng", "network position"),
            LocationSource::PhotoExif => ("GPS trong ảnh", "the photo's GPS"),
            LocationSource::ManualPin => ("ghim trên bản đồ", "map pin"),
        }
    }

    fn quality_words(quality: LocationQuality) -> (&'static str, &'static str) {
        match quality {
            LocationQuality::Good => ("tốt", "good"),
            LocationQuality::Fair => ("tạm được", "fair"),
            LocationQuality::Poor => ("kém, nên xác nhận trên bản đồ", "poor, confirm on the map"),
        }
    }

    /// Every pair as the core gives it: the expected words, Vietnamese NFC,
    /// and no two variants worded alike.
    fn check_labels<T: std::fmt::Debug + Copy>(
        all: &[T],
        label: impl Fn(T) -> Bilingual,
        expected: impl Fn(T) -> (&'static str, &'static str),
    ) {
        let mut seen = std::collections::HashSet::new();
        for &variant in all {
            let Bilingual { vi, en } = label(variant);
            assert_eq!((vi.as_str(), en.as_str()), expected(variant), "{variant:?}");
            assert_eq!(text::nfc(&vi), vi, "{variant:?}: Vietnamese is NFC");
            assert!(
                seen.insert(vi) && seen.insert(en),
                "{variant:?} worded twice"
            );
        }
    }

    #[test]
    fn every_source_has_its_words_in_both_languages() {
        check_labels(&LocationSource::ALL, LocationSource::label, source_words);
    }

    #[test]
    fn every_quality_has_its_words_in_both_languages() {
        check_labels(&LocationQuality::ALL, LocationQuality::label, quality_words);
    }
}
