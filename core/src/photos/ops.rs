//! The photo operations the shells call: attach (compress + store), remove,
//! reorder, list. Compression runs without any lock held; only the short file
//! write and database commit are serialised.

use std::path::{Path, PathBuf};

use crate::app::Core;
use crate::error::{Error, Result};
use crate::observers::ReportChangeKind;
use crate::photos::db::{self, NewPhoto};
use crate::photos::error::PhotoError;
use crate::photos::metadata;
use crate::photos::model::{CompressOptions, Photo, PhotoSource};
use crate::photos::pipeline::{self, CompressedPhoto};
use crate::photos::storage::{self, PHOTO_EXTENSION, TEMP_SUFFIX};
use crate::reports::db as reports_db;
use crate::reports::ops::{parse_id, require_editable};
use crate::reports::readiness::MAX_PHOTOS;
use crate::tasks::{CancelToken, run_blocking_on_core};
use crate::time::now_ms;

/// A photo that passed the cheap checks, before compression.
struct PreparedAttach {
    report_id: String,
    input: Vec<u8>,
    source_sha256: String,
}

impl Core {
    /// Declare the folders (besides the data directory) from which the shell
    /// passes photos: the camera's output folder, the picker's copy folder.
    pub fn set_photo_input_dirs(&self, dirs: &[PathBuf]) -> Result<()> {
        self.photos.input_dirs.set(dirs)
    }

    /// Compress the photo at `path` and attach it to draft `report_id`.
    ///
    /// The compression (tens to hundreds of milliseconds of CPU) runs on the
    /// core runtime's blocking pool, so the awaiting executor only waits.
    /// Cancelling `cancel`, or dropping this future, stops it between stages
    /// ([`crate::tasks`]); a cancelled or failed attach leaves no file and no
    /// row behind.
    pub async fn attach_photo(
        &self,
        report_id: &str,
        path: &Path,
        source: PhotoSource,
        options: &CompressOptions,
        cancel: CancelToken,
    ) -> Result<Photo> {
        let prepared = self.prepare_attach(report_id, path, &cancel)?;
        let (input, options, token) = (prepared.input, *options, cancel.clone());
        let compressed = run_blocking_on_core(&cancel, move || {
            Ok::<_, Error>(pipeline::compress_owned(input, &options, &token)?)
        })
        .await?;
        self.store_attached(
            &prepared.report_id,
            &prepared.source_sha256,
            compressed,
            source,
            &cancel,
        )
    }

    /// [`Core::attach_photo`] on the caller's thread (the terminal shell,
    /// tools): blocking and CPU-heavy, never on a UI thread.
    pub fn attach_photo_blocking(
        &self,
        report_id: &str,
        path: &Path,
        source: PhotoSource,
        options: &CompressOptions,
        cancel: &CancelToken,
    ) -> Result<Photo> {
        let prepared = self.prepare_attach(report_id, path, cancel)?;
        let compressed = pipeline::compress_owned(prepared.input, options, cancel)?;
        self.store_attached(
            &prepared.report_id,
            &prepared.source_sha256,
            compressed,
            source,
            cancel,
        )
    }

    /// The cheap refusals before any decoding, and the file's bytes.
    fn prepare_attach(
        &self,
        report_id: &str,
        path: &Path,
        cancel: &CancelToken,
    ) -> Result<PreparedAttach> {
        let report_id = parse_id(report_id)?;
        self.store.read(|conn| check_can_attach(conn, &report_id))?;
        let input = self.photos.input_dirs.read_photo(self.files.root(), path)?;
        let source_sha256 = storage::sha256_hex(&input);
        if let Some(existing_photo_id) = self
            .store
            .read(|conn| db::find_by_source(conn, &report_id, &source_sha256))?
        {
            return Err(PhotoError::Duplicate { existing_photo_id }.into());
        }
        cancel.check().map_err(PhotoError::from)?;
        Ok(PreparedAttach {
            report_id,
            input,
            source_sha256,
        })
    }

    /// Write the compressed photo and commit its row (short, serialised).
    fn store_attached(
        &self,
        report_id: &str,
        source_sha256: &str,
        compressed: CompressedPhoto,
        source: PhotoSource,
        cancel: &CancelToken,
    ) -> Result<Photo> {
        let (report_id, source_sha256) = (report_id.to_owned(), source_sha256.to_owned());
        let now = now_ms();
        let flags = metadata::review_flags(&compressed.metadata, now);

        let _files = self.photos.files_lock();
        cancel.check().map_err(PhotoError::from)?;
        let dir = self.files.report_dir(&report_id);
        let mut written = Vec::new();
        let stored = (|| {
            let (file_name, sha256) = storage::write_content_addressed(&dir, &compressed.jpeg)?;
            written.push(file_name.clone());
            let (thumbnail_file_name, _) =
                storage::write_content_addressed(&dir, &compressed.thumbnail)?;
            written.push(thumbnail_file_name.clone());
            // Last moment to cancel: after the commit the photo is attached.
            cancel.check().map_err(PhotoError::from)?;
            let photo_id = uuid::Uuid::now_v7().to_string();
            let meta = &compressed.metadata;
            self.store.write(|tx| {
                let position = check_can_attach(tx, &report_id)?;
                if let Some(existing_photo_id) = db::find_by_source(tx, &report_id, &source_sha256)?
                {
                    return Err(PhotoError::Duplicate { existing_photo_id }.into());
                }
                db::insert(
                    tx,
                    &NewPhoto {
                        id: &photo_id,
                        report_id: &report_id,
                        position,
                        file_name: &file_name,
                        thumbnail_file_name: &thumbnail_file_name,
                        width: compressed.width,
                        height: compressed.height,
                        bytes: compressed.jpeg.len() as u64,
                        sha256: &sha256,
                        source_sha256: &source_sha256,
                        source,
                        captured_at_ms: meta.captured_at_ms,
                        capture_utc_offset_minutes: meta.capture_utc_offset_minutes,
                        gps: meta.gps,
                        camera_make: meta.camera_make.as_deref(),
                        camera_model: meta.camera_model.as_deref(),
                        software: meta.software.as_deref(),
                        flags,
                        added_at_ms: now,
                    },
                )?;
                db::touch_report(tx, &report_id, now)?;
                let photos = db::list(tx, &dir, &report_id)?;
                photos
                    .into_iter()
                    .find(|p| p.id == photo_id)
                    .ok_or_else(|| {
                        PhotoError::PhotoNotFound {
                            id: photo_id.clone(),
                        }
                        .into()
                    })
            })
        })();
        match &stored {
            Ok(photo) => {
                tracing::debug!(
                    report_id = %report_id,
                    width = photo.width,
                    height = photo.height,
                    bytes = photo.bytes,
                    has_gps = photo.gps.is_some(),
                    "photo attached"
                );
                self.report_changed(&report_id, ReportChangeKind::Edited);
            }
            Err(_) => self.remove_unreferenced(&report_id, &written)?,
        }
        stored
    }

    /// A report's photos, in order.
    pub fn photos(&self, report_id: &str) -> Result<Vec<Photo>> {
        let report_id = parse_id(report_id)?;
        let dir = self.files.report_dir(&report_id);
        self.store.read(|conn| {
            reports_db::get(conn, &report_id)?;
            db::list(conn, &dir, &report_id)
        })
    }

    /// Detach a photo from a draft and delete its files.
    pub fn remove_photo(&self, report_id: &str, photo_id: &str) -> Result<()> {
        let report_id = parse_id(report_id)?;
        let _files = self.photos.files_lock();
        let names = self.store.write(|tx| {
            require_editable(&reports_db::get(tx, &report_id)?)?;
            let names: Vec<String> = db::list(tx, Path::new(""), &report_id)?
                .into_iter()
                .find(|p| p.id == photo_id)
                .map(|p| vec![p.path, p.thumbnail_path])
                .ok_or_else(|| PhotoError::PhotoNotFound {
                    id: photo_id.to_owned(),
                })?;
            db::delete(tx, &report_id, photo_id)?;
            // Close the gap so positions stay 0..n.
            for (position, photo) in db::list(tx, Path::new(""), &report_id)?.iter().enumerate() {
                db::set_position(tx, &photo.id, position as u32)?;
            }
            db::touch_report(tx, &report_id, now_ms())?;
            Ok(names)
        })?;
        self.report_changed(&report_id, ReportChangeKind::Edited);
        // Files go after the commit; a crash in between leaves strays that the
        // next start sweeps.
        self.remove_unreferenced(&report_id, &names)
    }

    /// Put a draft's photos in the order given (every photo id exactly once).
    pub fn reorder_photos(&self, report_id: &str, photo_ids: &[String]) -> Result<Vec<Photo>> {
        let report_id = parse_id(report_id)?;
        let dir = self.files.report_dir(&report_id);
        let photos = self.store.write(|tx| {
            require_editable(&reports_db::get(tx, &report_id)?)?;
            let current = db::list(tx, &dir, &report_id)?;
            let mut wanted: Vec<&str> = photo_ids.iter().map(String::as_str).collect();
            let mut have: Vec<&str> = current.iter().map(|p| p.id.as_str()).collect();
            wanted.sort_unstable();
            have.sort_unstable();
            if wanted != have {
                return Err(PhotoError::InvalidOrder.into());
            }
            for (position, id) in photo_ids.iter().enumerate() {
                db::set_position(tx, id, position as u32)?;
            }
            db::touch_report(tx, &report_id, now_ms())?;
            db::list(tx, &dir, &report_id)
        })?;
        self.report_changed(&report_id, ReportChangeKind::Edited);
        Ok(photos)
    }

    /// Delete files named in `names` that no photo row refers to (any more).
    fn remove_unreferenced(&self, report_id: &str, names: &[String]) -> Result<()> {
        let referenced = self.store.read(|conn| db::file_names(conn, report_id))?;
        let dir = self.files.report_dir(report_id);
        for name in names {
            let name = Path::new(name)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if !name.is_empty() && !referenced.contains(&name) {
                storage::remove_if_present(&dir.join(&name))?;
            }
        }
        Ok(())
    }

    /// Remove photo files of one report that no row refers to: temporaries of a
    /// write cut short and files of an attach killed before its commit. Run at
    /// start, when no attach can be in flight.
    pub(crate) fn sweep_stray_photo_files(&self, report_id: &str) -> Result<()> {
        let keep = self.store.read(|conn| db::file_names(conn, report_id))?;
        for path in storage::stray_files(&self.files.report_dir(report_id), &keep)? {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            if name.ends_with(TEMP_SUFFIX) || name.ends_with(&format!(".{PHOTO_EXTENSION}")) {
                storage::remove_if_present(&path)?;
            }
        }
        Ok(())
    }
}

/// The position a new photo takes, or why the report cannot take one.
fn check_can_attach(conn: &rusqlite::Connection, report_id: &str) -> Result<u32> {
    require_editable(&reports_db::get(conn, report_id)?)?;
    let count = db::count(conn, report_id)?;
    if count >= MAX_PHOTOS {
        return Err(Error::Photo(PhotoError::TooManyPhotos { max: MAX_PHOTOS }));
    }
    Ok(count as u32)
}

/// One photo compressed into a folder, outside any report (the terminal
/// shell's `compress` command and the benchmark use it).
#[derive(Debug, Clone)]
pub struct CompressedFile {
    pub path: PathBuf,
    pub thumbnail_path: PathBuf,
    pub width: u32,
    pub height: u32,
    pub bytes: u64,
    pub quality: i32,
    pub sha256: String,
    pub metadata: crate::photos::PhotoMetadata,
    pub flags: crate::photos::ReviewFlags,
}

/// Compress the photo at `input` into `out_dir` as `<sha256>.jpg` plus its
/// thumbnail, atomically. `input` must be a regular file (no allow-list: the
/// caller is a local tool, not a shell passing paths from intents).
pub fn compress_file(
    input: &Path,
    out_dir: &Path,
    options: &CompressOptions,
) -> Result<CompressedFile> {
    let reader = crate::photos::input::InputDirs::default();
    // Allow exactly the input's own folder.
    let folder = input
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if folder.is_dir() {
        reader.set(&[folder.to_path_buf()])?;
    }
    let bytes = reader.read_photo(out_dir, input)?;
    let compressed = pipeline::compress_owned(bytes, options, &CancelToken::new())?;
    let (name, sha256) = storage::write_content_addressed(out_dir, &compressed.jpeg)?;
    let (thumbnail, _) = storage::write_content_addressed(out_dir, &compressed.thumbnail)?;
    Ok(CompressedFile {
        path: out_dir.join(name),
        thumbnail_path: out_dir.join(thumbnail),
        width: compressed.width,
        height: compressed.height,
        bytes: compressed.jpeg.len() as u64,
        quality: compressed.quality,
        sha256,
        flags: metadata::review_flags(&compressed.metadata, now_ms()),
        metadata: compressed.metadata,
    })
}
