//! Photos on disk, content-addressed: `media/<sha256>.<ext>`. The same bytes are
//! stored once, a URL never changes meaning, and a replayed upload writes nothing new.
//! Client file names are never used for storage; they are only checked (a name with
//! `../` is refused so that no client ever believes it worked).

use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::http::ApiError;
use crate::http::body::Upload;
use crate::http::error::ApiResult;

#[derive(Debug, Clone)]
pub struct MediaStore {
    dir: PathBuf,
}

/// A validated photo, not yet on disk.
#[derive(Debug, Clone)]
pub struct Photo {
    pub sha256: String,
    pub ext: &'static str,
    pub bytes: axum::body::Bytes,
}

impl Photo {
    pub fn file_name(&self) -> String {
        format!("{}.{}", self.sha256, self.ext)
    }
}

/// The image type by its first bytes (never by the declared type or name).
pub fn sniff(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(("jpg", "image/jpeg"))
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(("png", "image/png"))
    } else if bytes.len() >= 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some(("webp", "image/webp"))
    } else {
        None
    }
}

pub fn content_type_of(file_name: &str) -> &'static str {
    match file_name.rsplit('.').next() {
        Some("png") => "image/png",
        Some("webp") => "image/webp",
        _ => "image/jpeg",
    }
}

fn check_file_name(name: Option<&str>) -> ApiResult<()> {
    let Some(name) = name else { return Ok(()) };
    let bad = name.contains('/')
        || name.contains('\\')
        || name.contains("..")
        || name.len() > 255
        || name.chars().any(char::is_control);
    if bad {
        return Err(ApiError::bad_request(
            "invalid_media_filename",
            "Tên tệp ảnh không hợp lệ.",
            "Invalid media file name (no paths, \"..\" or control characters).",
        ));
    }
    Ok(())
}

/// What the server checks in a photo beyond its type.
#[derive(Debug, Clone, Copy)]
pub struct PhotoChecks {
    /// Width × height from the header (read without decoding a pixel).
    pub max_pixels: u64,
}

/// Check every upload before anything is stored: the type by its bytes and, for
/// residents' photos (`checks`), the size in pixels by its header and the metadata
/// removed ([`super::strip`]); the stored photo — and its content address — is then
/// the stripped one.
///
/// Officials' result photos (`checks: None`) are stored as sent: the officials'
/// side is how tests play a broken or hostile ward (a truncated JPEG, a
/// decompression bomb) against the phone, which defends itself; and a ward's
/// photo of its own work is published by a public body that chose to.
pub fn validate(uploads: &[Upload], checks: Option<&PhotoChecks>) -> ApiResult<Vec<Photo>> {
    uploads
        .iter()
        .enumerate()
        .map(|(i, upload)| {
            check_file_name(upload.filename.as_deref())?;
            let n = i + 1;
            let not_an_image = || {
                ApiError::bad_request(
                    "invalid_photo",
                    format!("Ảnh thứ {n} không phải JPEG, PNG hay WebP."),
                    format!("media[] part {n} is not a JPEG, PNG or WebP image."),
                )
            };
            let (ext, _) = sniff(&upload.bytes).ok_or_else(not_an_image)?;
            let bytes = match checks {
                None => upload.bytes.clone(),
                Some(checks) => checked_and_stripped(&upload.bytes, ext, checks, n)
                    .map_err(|e| e.unwrap_or_else(not_an_image))?
                    .into(),
            };
            Ok(Photo {
                sha256: Sha256::digest(&bytes)
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect(),
                ext,
                bytes,
            })
        })
        .collect()
}

/// The pixel count from the header (nothing decoded), then the metadata out.
/// `Err(None)`: not a readable image of its type.
fn checked_and_stripped(
    bytes: &[u8],
    ext: &str,
    checks: &PhotoChecks,
    n: usize,
) -> Result<Vec<u8>, Option<ApiError>> {
    let header = ihanoi_core::photos::decode::probe(bytes).map_err(|error| match error {
        ihanoi_core::photos::PhotoError::TooManyPixels { .. } => {
            Some(too_many_pixels(n, checks.max_pixels))
        }
        _ => None,
    })?;
    if u64::from(header.width) * u64::from(header.height) > checks.max_pixels {
        return Err(Some(too_many_pixels(n, checks.max_pixels)));
    }
    match ext {
        "jpg" => {
            let orientation = ihanoi_core::photos::metadata::read(bytes).orientation;
            super::strip::jpeg(bytes, orientation)
        }
        "png" => super::strip::png(bytes),
        _ => super::strip::webp(bytes),
    }
    .ok_or(None)
}

fn too_many_pixels(n: usize, max: u64) -> ApiError {
    ApiError::new(
        axum::http::StatusCode::PAYLOAD_TOO_LARGE,
        "photo_too_many_pixels",
        format!("Ảnh thứ {n} quá lớn (tối đa {max} điểm ảnh)."),
        format!("media[] part {n} has more than {max} pixels."),
    )
}

/// Is `name` one of ours (`<64 hex>.<jpg|png|webp>`)? Guards `GET /media/{name}`.
pub fn is_media_name(name: &str) -> bool {
    match name.split_once('.') {
        Some((hash, ext)) => {
            hash.len() == 64
                && hash
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
                && matches!(ext, "jpg" | "png" | "webp")
        }
        None => false,
    }
}

impl MediaStore {
    pub fn open(dir: PathBuf) -> std::io::Result<Self> {
        std::fs::create_dir_all(&dir)?;
        Ok(MediaStore { dir })
    }

    pub fn path_of(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// Write the photos that are not on disk yet (temp file + rename, so a crash
    /// never leaves a truncated photo under its final name). Returns the names this
    /// call created, for [`MediaStore::remove`] if the transaction fails.
    pub fn put_all(&self, photos: &[Photo]) -> std::io::Result<Vec<String>> {
        let mut created = Vec::new();
        for photo in photos {
            let name = photo.file_name();
            let path = self.path_of(&name);
            if path.exists() {
                continue;
            }
            let tmp = self
                .dir
                .join(format!(".{}.{}.tmp", name, uuid::Uuid::new_v4().simple()));
            let write = (|| {
                let mut file = std::fs::File::create(&tmp)?;
                file.write_all(&photo.bytes)?;
                file.sync_all()?;
                std::fs::rename(&tmp, &path)
            })();
            if let Err(error) = write {
                let _ = std::fs::remove_file(&tmp);
                self.remove(&created);
                return Err(error);
            }
            created.push(name);
        }
        Ok(created)
    }

    pub fn remove(&self, names: &[String]) {
        for name in names {
            let _ = std::fs::remove_file(self.path_of(name));
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }
}
