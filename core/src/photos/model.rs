//! What a compressed photo is, what the reviewer is told about it, and the
//! knobs of the pipeline.

use crate::i18n::Bilingual;
use crate::time::UnixMillis;

/// How large the stored photo is: the long edge in pixels. Never upscaled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum SizePreset {
    /// 1024 px: very slow or metered connections.
    Small,
    /// 1600 px: the default, enough for a ward officer to read a sign.
    #[default]
    Standard,
    /// 2048 px: detailed scenes (long cracks, wiring).
    Large,
}

impl SizePreset {
    pub fn long_edge(self) -> u32 {
        match self {
            SizePreset::Small => 1024,
            SizePreset::Standard => 1600,
            SizePreset::Large => 2048,
        }
    }
}

/// Knobs of [`crate::photos::compress`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct CompressOptions {
    pub preset: SizePreset,
    /// The stored JPEG is at most this many bytes.
    pub max_bytes: u64,
}

/// Quality the search starts at (and never exceeds): past 80, files grow fast
/// for detail nobody on a ward desk sees; it is also what Pillow and libvips
/// are compared at.
pub const MAX_QUALITY: i32 = 80;
/// Below this, blocks show; the pipeline shrinks the image instead.
pub const MIN_QUALITY: i32 = 40;
pub const DEFAULT_MAX_BYTES: u64 = 400 * 1024;
pub const THUMBNAIL_LONG_EDGE: u32 = 320;
pub const THUMBNAIL_QUALITY: i32 = 75;

impl Default for CompressOptions {
    fn default() -> Self {
        CompressOptions {
            preset: SizePreset::Standard,
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

/// Where the shell got the photo from (the city weighs a fresh capture above a
/// gallery pick).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum PhotoSource {
    Camera,
    Gallery,
}

impl PhotoSource {
    pub fn as_db_str(self) -> &'static str {
        match self {
            PhotoSource::Camera => "camera",
            PhotoSource::Gallery => "gallery",
        }
    }

    pub fn from_db_str(s: &str) -> Option<Self> {
        match s {
            "camera" => Some(PhotoSource::Camera),
            "gallery" => Some(PhotoSource::Gallery),
            _ => None,
        }
    }
}

/// A position read from the photo's EXIF (the phone's GPS when it was taken).
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct GpsPosition {
    pub latitude: f64,
    pub longitude: f64,
    /// Horizontal error in metres (EXIF GPSHPositioningError), when recorded.
    pub accuracy_m: Option<f64>,
}

/// Warnings for the city's reviewer. The app shows them; the city decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ReviewFlags {
    /// Taken more than 7 days before it was attached.
    pub older_than_7_days: bool,
    /// The file records no capture time (screenshots, photos from the internet).
    pub no_capture_time: bool,
    /// The EXIF Software tag names an editing tool (Photoshop, GIMP, Snapseed, …).
    pub edited_by_software: bool,
}

/// One review flag, worded for a screen (the resident's and the reviewer's).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ReviewFlagLabel {
    /// Stable spelling: `older_than_7_days`, `no_capture_time`, `edited_by_software`.
    pub code: String,
    pub label: Bilingual,
}

impl ReviewFlags {
    /// The flags that are set, worded, in a fixed order.
    pub fn labels(&self) -> Vec<ReviewFlagLabel> {
        [
            (
                self.older_than_7_days,
                "older_than_7_days",
                "ảnh chụp cách đây hơn 7 ngày",
                "taken more than 7 days ago",
            ),
            (
                self.no_capture_time,
                "no_capture_time",
                "không rõ thời điểm chụp",
                "no capture time",
            ),
            (
                self.edited_by_software,
                "edited_by_software",
                "đã qua phần mềm chỉnh sửa",
                "edited with software",
            ),
        ]
        .into_iter()
        .filter(|(set, ..)| *set)
        .map(|(_, code, vi, en)| ReviewFlagLabel {
            code: code.to_owned(),
            label: Bilingual::new(vi, en),
        })
        .collect()
    }
}

/// What the EXIF block says about a photo. Read before decoding; never written out.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PhotoMetadata {
    /// EXIF Orientation 1..=8 (1 when absent or invalid).
    pub orientation: u16,
    pub gps: Option<GpsPosition>,
    /// DateTimeOriginal as Unix ms. When the file records no UTC offset the
    /// time is read as Hanoi time (UTC+7) and `capture_utc_offset_minutes` is `None`.
    pub captured_at_ms: Option<UnixMillis>,
    pub capture_utc_offset_minutes: Option<i32>,
    pub camera_make: Option<String>,
    pub camera_model: Option<String>,
    pub software: Option<String>,
}

/// A photo attached to a report, as stored.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Photo {
    pub id: String,
    pub report_id: String,
    /// 0-based place in the report (the order the city shows).
    pub position: u32,
    /// Absolute path of the upload-ready JPEG (no metadata).
    pub path: String,
    /// Absolute path of the 320 px thumbnail for lists.
    pub thumbnail_path: String,
    pub width: u32,
    pub height: u32,
    pub bytes: u64,
    /// SHA-256 of the stored JPEG, lower-case hex (also its file name).
    pub sha256: String,
    pub source: PhotoSource,
    pub captured_at_ms: Option<UnixMillis>,
    pub capture_utc_offset_minutes: Option<i32>,
    pub gps: Option<GpsPosition>,
    pub software: Option<String>,
    pub flags: ReviewFlags,
    pub added_at_ms: UnixMillis,
}
