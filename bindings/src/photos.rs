//! Photo exports: attach (async, cancellable with a [`TaskHandle`]), list,
//! remove, reorder, and a synchronous `compress_photo` for tools.
//!
//! Photos cross as file paths, never as bytes. Compression is CPU work of tens
//! to hundreds of milliseconds; the core runs it on its blocking pool, so the
//! foreign side's coroutine / task only awaits.

use std::path::PathBuf;
use std::sync::Arc;

use ihanoi_core::photos::{
    CompressOptions, GpsPosition, Photo, PhotoError, PhotoSource, ReviewFlagLabel, ReviewFlags,
    SizePreset, ops::compress_file,
};

use crate::core_object::IhanoiCore;
use crate::error::IhanoiError;
use crate::tasks::TaskHandle;

type Result<T> = std::result::Result<T, IhanoiError>;

#[uniffi::remote(Enum)]
pub enum PhotoSource {
    Camera,
    Gallery,
}

#[uniffi::remote(Enum)]
pub enum SizePreset {
    Small,
    Standard,
    Large,
}

#[uniffi::remote(Record)]
pub struct CompressOptions {
    pub preset: SizePreset,
    pub max_bytes: u64,
}

#[uniffi::remote(Record)]
pub struct GpsPosition {
    pub latitude: f64,
    pub longitude: f64,
    pub accuracy_m: Option<f64>,
}

#[uniffi::remote(Record)]
pub struct ReviewFlags {
    pub older_than_7_days: bool,
    pub no_capture_time: bool,
    pub edited_by_software: bool,
}

#[uniffi::remote(Record)]
pub struct ReviewFlagLabel {
    pub code: String,
    pub label_vi: String,
    pub label_en: String,
}

/// The flags that are set, worded for the photo's card (reviewer and resident).
#[uniffi::export]
pub fn review_flag_labels(flags: ReviewFlags) -> Vec<ReviewFlagLabel> {
    flags.labels()
}

#[uniffi::remote(Record)]
pub struct Photo {
    pub id: String,
    pub report_id: String,
    pub position: u32,
    pub path: String,
    pub thumbnail_path: String,
    pub width: u32,
    pub height: u32,
    pub bytes: u64,
    pub sha256: String,
    pub source: PhotoSource,
    pub captured_at_ms: Option<i64>,
    pub capture_utc_offset_minutes: Option<i32>,
    pub gps: Option<GpsPosition>,
    pub software: Option<String>,
    pub flags: ReviewFlags,
    pub added_at_ms: i64,
}

/// The default options: 1600 px long edge, at most 400 KB.
#[uniffi::export]
pub fn default_compress_options() -> CompressOptions {
    CompressOptions::default()
}

/// Which photo problem the shell should explain (the message says it in words).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum PhotoErrorKind {
    NotFound,
    NotAFile,
    OutsideReadableDirs,
    Empty,
    FileTooLarge,
    TooManyPixels,
    UnsupportedFormat,
    UnrecognizedFormat,
    Corrupt,
    TooManyPhotos,
    Duplicate,
    PhotoNotFound,
    InvalidOrder,
    Cancelled,
    Encode,
    ForeignOrigin,
}

impl From<&PhotoError> for PhotoErrorKind {
    fn from(error: &PhotoError) -> Self {
        match error {
            PhotoError::NotFound => PhotoErrorKind::NotFound,
            PhotoError::NotAFile => PhotoErrorKind::NotAFile,
            PhotoError::OutsideReadableDirs => PhotoErrorKind::OutsideReadableDirs,
            PhotoError::Empty => PhotoErrorKind::Empty,
            PhotoError::FileTooLarge { .. } => PhotoErrorKind::FileTooLarge,
            PhotoError::TooManyPixels { .. } => PhotoErrorKind::TooManyPixels,
            PhotoError::UnsupportedFormat(_) => PhotoErrorKind::UnsupportedFormat,
            PhotoError::UnrecognizedFormat => PhotoErrorKind::UnrecognizedFormat,
            PhotoError::Corrupt { .. } => PhotoErrorKind::Corrupt,
            PhotoError::TooManyPhotos { .. } => PhotoErrorKind::TooManyPhotos,
            PhotoError::Duplicate { .. } => PhotoErrorKind::Duplicate,
            PhotoError::PhotoNotFound { .. } => PhotoErrorKind::PhotoNotFound,
            PhotoError::InvalidOrder => PhotoErrorKind::InvalidOrder,
            PhotoError::Cancelled => PhotoErrorKind::Cancelled,
            PhotoError::Encode { .. } => PhotoErrorKind::Encode,
            PhotoError::ForeignOrigin => PhotoErrorKind::ForeignOrigin,
        }
    }
}

#[uniffi::export(async_runtime = "tokio")]
impl IhanoiCore {
    /// Compress the photo at `path` (a file the shell wrote in one of the
    /// folders given to `set_photo_input_dirs`) and attach it to the draft.
    /// The compression runs on the core's blocking pool; `task` (or cancelling
    /// the awaiting coroutine / Task) stops it and leaves nothing behind.
    pub async fn attach_photo(
        &self,
        report_id: String,
        path: String,
        source: PhotoSource,
        options: CompressOptions,
        task: Arc<TaskHandle>,
    ) -> Result<Photo> {
        Ok(self
            .core
            .attach_photo(
                &report_id,
                &PathBuf::from(path),
                source,
                &options,
                task.token(),
            )
            .await?)
    }
}

#[uniffi::export]
impl IhanoiCore {
    /// Folders (besides the data directory) the shell writes photos into
    /// before attaching them: camera output, picker copies. Paths elsewhere are
    /// refused with `Photo { kind: OutsideReadableDirs }`.
    pub fn set_photo_input_dirs(&self, dirs: Vec<String>) -> Result<()> {
        let dirs: Vec<PathBuf> = dirs.into_iter().map(PathBuf::from).collect();
        Ok(self.core.set_photo_input_dirs(&dirs)?)
    }

    /// A report's photos, in order.
    pub fn photos(&self, report_id: String) -> Result<Vec<Photo>> {
        Ok(self.core.photos(&report_id)?)
    }

    /// Detach a photo from a draft and delete its files.
    pub fn remove_photo(&self, report_id: String, photo_id: String) -> Result<()> {
        Ok(self.core.remove_photo(&report_id, &photo_id)?)
    }

    /// Put the draft's photos in this order (every photo id exactly once).
    pub fn reorder_photos(&self, report_id: String, photo_ids: Vec<String>) -> Result<Vec<Photo>> {
        Ok(self.core.reorder_photos(&report_id, &photo_ids)?)
    }
}

/// What `compress_photo` wrote.
#[derive(Debug, Clone, uniffi::Record)]
pub struct CompressedPhotoFile {
    pub path: String,
    pub thumbnail_path: String,
    pub width: u32,
    pub height: u32,
    pub bytes: u64,
    pub quality: i32,
    pub sha256: String,
    pub captured_at_ms: Option<i64>,
    pub gps: Option<GpsPosition>,
    pub flags: ReviewFlags,
}

/// Compress one photo into `out_dir` without a report (terminal tools,
/// benchmarks). Blocking: call it off the UI thread.
#[uniffi::export]
pub fn compress_photo(
    input: String,
    out_dir: String,
    options: CompressOptions,
) -> Result<CompressedPhotoFile> {
    let done = compress_file(&PathBuf::from(input), &PathBuf::from(out_dir), &options)?;
    Ok(CompressedPhotoFile {
        path: done.path.to_string_lossy().into_owned(),
        thumbnail_path: done.thumbnail_path.to_string_lossy().into_owned(),
        width: done.width,
        height: done.height,
        bytes: done.bytes,
        quality: done.quality,
        sha256: done.sha256,
        captured_at_ms: done.metadata.captured_at_ms,
        gps: done.metadata.gps,
        flags: done.flags,
    })
}
