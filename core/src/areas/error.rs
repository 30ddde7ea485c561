//! Why an area set (or a point given to it) was refused. Every bad input gets
//! one of these — never a panic — so a broken file from the city or a wild GPS
//! reading cannot take the app down.

/// Where in the area file a problem was found, for the log and the bug report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeatureRef {
    /// 0-based position of the feature in the collection.
    pub index: usize,
    /// Its unit code, when the feature got far enough to have one.
    pub code: Option<String>,
}

impl std::fmt::Display for FeatureRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.code {
            Some(code) => write!(f, "feature {} (unit {code})", self.index),
            None => write!(f, "feature {}", self.index),
        }
    }
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AreasError {
    /// Not JSON, or JSON that is not a GeoJSON FeatureCollection of units.
    #[error("malformed area GeoJSON: {reason}")]
    MalformedGeoJson { reason: String },

    /// A feature lacks a property every unit must have (code, name).
    #[error("{at}: missing or empty property {property:?}")]
    MissingProperty {
        at: FeatureRef,
        property: &'static str,
    },

    /// A unit whose geometry is not a Polygon or MultiPolygon.
    #[error("{at}: geometry type {found:?} is not Polygon or MultiPolygon")]
    UnsupportedGeometry { at: FeatureRef, found: String },

    /// NaN or infinite coordinate.
    #[error("{at}: coordinate is not a finite number")]
    NonFiniteCoordinate { at: FeatureRef },

    /// Latitude beyond ±90° or longitude beyond ±180°.
    #[error("{at}: coordinate out of range (lat {lat}, lon {lon})")]
    CoordinateOutOfRange { at: FeatureRef, lat: f64, lon: f64 },

    /// A ring needs at least 4 positions (a triangle plus the closing one).
    #[error("{at}: a ring has {points} position(s); at least 4 are needed")]
    RingTooShort { at: FeatureRef, points: usize },

    /// GeoJSON rings end where they start.
    #[error("{at}: a ring is not closed")]
    RingNotClosed { at: FeatureRef },

    /// Two edges of the unit's boundary cross (a bow-tie): inside is undefined.
    #[error("{at}: the boundary crosses itself near lat {lat}, lon {lon}")]
    SelfIntersecting { at: FeatureRef, lat: f64, lon: f64 },

    /// A unit with no polygon at all.
    #[error("{at}: the unit has no polygon")]
    EmptyGeometry { at: FeatureRef },

    /// The file holds no unit: it must never replace a working set.
    #[error("the area set is empty")]
    EmptySet,

    /// Two features claim the same unit code.
    #[error("unit code {code} appears more than once")]
    DuplicateCode { code: String },

    /// A cached binary set that this build cannot read (truncated, corrupted, or
    /// written by a different format version).
    #[error("the cached area set cannot be read: {reason}")]
    CorruptCache { reason: String },

    /// The former-names table (old wards → new units) is malformed.
    #[error("former names table, line {line}: {reason}")]
    MalformedFormerNames { line: usize, reason: String },

    /// No area set was imported on this device yet.
    #[error("no area set is loaded yet")]
    NotLoaded,

    /// A point given to a lookup is not a valid WGS84 position.
    #[error("invalid position (lat {lat}, lon {lon})")]
    InvalidPosition { lat: f64, lon: f64 },

    /// An accuracy radius that is negative or not a number.
    #[error("invalid accuracy radius {radius_m} m")]
    InvalidRadius { radius_m: f64 },
}

pub type AreasResult<T> = std::result::Result<T, AreasError>;
