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

/// Check every upload before anything is stored.
pub fn validate(uploads: &[Upload]) -> ApiResult<Vec<Photo>> {
    uploads
        .iter()
        .enumerate()
        .map(|(i, upload)| {
            check_file_name(upload.filename.as_deref())?;
            let (ext, _) = sniff(&upload.bytes).ok_or_else(|| {
                ApiError::bad_request(
                    "invalid_photo",
                    format!("Ảnh thứ {} không phải JPEG, PNG hay WebP.", i + 1),
                    format!("media[] part {} is not a JPEG, PNG or WebP image.", i + 1),
                )
            })?;
            Ok(Photo {
                sha256: Sha256::digest(&upload.bytes)
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect(),
                ext,
                bytes: upload.bytes.clone(),
            })
        })
        .collect()
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
