//! What a location fix is and what the core concludes from it.

use crate::time::UnixMillis;

/// Where a position came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
}

/// One position reading as the shell got it.
#[derive(Debug, Clone, Copy, PartialEq)]
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
pub struct ExifPosition {
    pub lat: f64,
    pub lon: f64,
    /// GPSHPositioningError when the camera wrote one.
    pub accuracy_m: Option<f64>,
    /// Capture time (Unix ms) when known.
    pub captured_at_ms: Option<UnixMillis>,
}

/// How much to trust a fix. Not UI text: the shells decide what to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LocationQuality {
    Good,
    Fair,
    /// The shell asks the resident to confirm the position on the map.
    Poor,
}

/// Why a fix is poor (several may hold).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PoorReason {
    /// Accuracy radius above the fair threshold.
    Inaccurate,
    /// Measured longer ago than the freshness limit.
    Stale,
    /// The OS reported a mock location.
    Mocked,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocationVerdict {
    pub quality: LocationQuality,
    pub reasons: Vec<PoorReason>,
    /// The shell should ask the resident to confirm on the map.
    pub needs_confirmation: bool,
}

/// The location attached to a report, with its routing.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportLocation {
    pub report_id: String,
    pub fix: LocationFix,
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
pub struct NearbyReport {
    pub report_id: String,
    pub category_code: Option<String>,
    pub created_at_ms: UnixMillis,
    pub distance_m: f64,
}
