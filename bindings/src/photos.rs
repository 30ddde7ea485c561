//! Photo exports: attach (async, cancellable with a [`TaskHandle`]), list,
//! remove, reorder, and a synchronous `compress_photo` for tools.
//!
//! Photos cross as file paths, never as bytes. Compression is CPU work of tens
//! to hundreds of milliseconds; the core runs it on its blocking pool, so the
//! foreign side's coroutine / task only awaits.

use std::path::PathBuf;
use std::sync::Arc;

use ihanoi_core::photos::{
    CompressOptions, GpsPosition, Photo, PhotoSource, ReviewFlagLabel, ReviewFlags,
    ops::compress_file,
};

use crate::core_object::IhanoiCore;
use crate::error::IhanoiError;
use crate::tasks::TaskHandle;

type Result<T> = std::result::Result<T, IhanoiError>;

/// The flags that are set, worded for the photo's card (reviewer and resident).
#[uniffi::export]
pub fn review_flag_labels(flags: ReviewFlags) -> Vec<ReviewFlagLabel> {
    flags.labels()
}

/// The default options: 1600 px long edge, at most 400 KB.
#[uniffi::export]
pub fn default_compress_options() -> CompressOptions {
    CompressOptions::default()
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
