//! What an administrative unit is, as the rest of the app sees it.

/// Since 1 July 2025 Hanoi has one level below the city: urban wards (phường)
/// and rural communes (xã).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum AreaKind {
    /// Phường.
    Ward,
    /// Xã.
    Commune,
}

impl AreaKind {
    /// The Vietnamese word, as written before the unit's name.
    pub fn as_vietnamese(self) -> &'static str {
        match self {
            AreaKind::Ward => "Phường",
            AreaKind::Commune => "Xã",
        }
    }

    pub(crate) fn as_byte(self) -> u8 {
        match self {
            AreaKind::Ward => 1,
            AreaKind::Commune => 2,
        }
    }

    pub(crate) fn from_byte(b: u8) -> Option<Self> {
        match b {
            1 => Some(AreaKind::Ward),
            2 => Some(AreaKind::Commune),
            _ => None,
        }
    }

    /// From a full name ("Phường Ba Đình") or a type word ("Phường", "xa").
    pub(crate) fn from_vietnamese(text: &str) -> Option<Self> {
        let folded = crate::areas::search::fold(text);
        if folded == "phuong" || folded.starts_with("phuong ") {
            Some(AreaKind::Ward)
        } else if folded == "xa" || folded.starts_with("xa ") {
            Some(AreaKind::Commune)
        } else {
            None
        }
    }
}

/// One commune-level unit: the city's routing target for a report.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Area {
    /// 5-digit code (Decision 19/2025/QĐ-TTg), e.g. "00070". Sent to the city.
    pub code: String,
    /// Full name with diacritics, NFC: "Phường Hoàn Kiếm".
    pub name: String,
    /// Name without the type word: "Hoàn Kiếm".
    pub short_name: String,
    /// English name when the source has one ("Hoan Kiem Ward").
    pub name_en: Option<String>,
    pub kind: AreaKind,
}

/// A WGS84 position in degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LatLon {
    pub lat: f64,
    pub lon: f64,
}

impl LatLon {
    pub fn new(lat: f64, lon: f64) -> Self {
        LatLon { lat, lon }
    }

    /// Finite and on the globe.
    pub fn is_valid(self) -> bool {
        self.lat.is_finite()
            && self.lon.is_finite()
            && self.lat.abs() <= 90.0
            && self.lon.abs() <= 180.0
    }
}
