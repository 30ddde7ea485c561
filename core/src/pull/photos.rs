//! Result photos of official replies: downloaded through the transport (size
//! cap, deadline, typed errors), checked as images before anything is kept,
//! written temp + fsync + rename under `reports/<id>/results/`.
//!
//! The city serves full images only (`GET /media/{name}`), so thumbnails are
//! made here with the photo pipeline's own stages (header check before
//! allocating, DCT-scaled decode, Lanczos resize, EXIF orientation).

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::files::DataDir;
use crate::net::transport::{DEFAULT_RESPONSE_LIMIT, Transport, TransportError};
use crate::photos::format::ImageFormat;
use crate::photos::limits::Budget;
use crate::photos::model::{THUMBNAIL_LONG_EDGE, THUMBNAIL_QUALITY};
use crate::photos::storage::{TEMP_SUFFIX, sha256_hex};
use crate::photos::{PhotoError, decode, pipeline};
use crate::pull::api::PHOTO_RESPONSE_LIMIT;
use crate::pull::model::ResultPhotoProblem;

const RESULTS_DIR: &str = "results";

/// The folder of a report's result photos. `report_id` is a validated id
/// from the database.
pub fn results_dir(files: &DataDir, report_id: &str) -> PathBuf {
    files.report_dir(report_id).join(RESULTS_DIR)
}

/// Local names never come from the server: the stem is the SHA-256 of the URL.
pub fn file_stem(url: &str) -> String {
    sha256_hex(url.as_bytes())
}

pub fn thumbnail_name(stem: &str) -> String {
    format!("{stem}.thumb.jpg")
}

pub fn photo_name(stem: &str, format: ImageFormat) -> String {
    let extension = match format {
        ImageFormat::Png => "png",
        ImageFormat::WebP => "webp",
        _ => "jpg",
    };
    format!("{stem}.{extension}")
}

/// Why a result photo could not be fetched.
#[derive(Debug)]
pub enum FetchError {
    /// The network or the server failed: try again later.
    Transport(TransportError),
    /// The server's file is not an image this app reads (or too large to decode).
    Image(PhotoError),
}

impl FetchError {
    /// The mark this failure leaves on the photo (so it is not asked for
    /// again); `None`: a passing failure, the next pull tries again.
    pub fn problem(&self) -> Option<ResultPhotoProblem> {
        match self {
            FetchError::Image(
                PhotoError::FileTooLarge { .. } | PhotoError::TooManyPixels { .. },
            )
            | FetchError::Transport(TransportError::ResponseTooLarge { .. }) => {
                Some(ResultPhotoProblem::TooLarge)
            }
            FetchError::Image(_) => Some(ResultPhotoProblem::InvalidImage),
            FetchError::Transport(TransportError::Status { status: 404, .. }) => {
                Some(ResultPhotoProblem::NotFound)
            }
            FetchError::Transport(_) => None,
        }
    }
}

/// Where result photos may be fetched from: the API's own origin (scheme,
/// host and port of its base URL) and the origins the city lists in discovery
/// (`extensions.media_origins.origins`, docs/city-api.md). Anything else is
/// never fetched: a server could otherwise make every phone fetch any URL or
/// probe the phone's own network and ports.
#[derive(Debug, Clone)]
pub struct MediaOrigins {
    /// ASCII serializations (`https://host:port`), never the opaque `null`.
    allowed: Vec<String>,
}

/// The origin of `url` (`None` for an opaque one, e.g. `data:`).
fn origin_of(url: &reqwest::Url) -> Option<String> {
    let origin = url.origin();
    origin.is_tuple().then(|| origin.ascii_serialization())
}

/// Discovery, relative to the API's base URL.
const DISCOVERY_PATH: &str = "discovery.json";

impl MediaOrigins {
    /// The API's origin only.
    pub fn of_api(transport: &Transport) -> Self {
        MediaOrigins {
            allowed: origin_of(transport.endpoint().base()).into_iter().collect(),
        }
    }

    pub fn allows(&self, url: &str) -> bool {
        reqwest::Url::parse(url)
            .ok()
            .and_then(|url| origin_of(&url))
            .is_some_and(|origin| self.allowed.contains(&origin))
    }

    /// Add the origins the city lists in discovery. A discovery without the
    /// extension adds nothing; one that cannot be fetched is an error (the
    /// photos wait for the next pull rather than being marked).
    pub async fn add_listed(&mut self, transport: &Transport) -> Result<(), TransportError> {
        let answer = transport
            .get(DISCOVERY_PATH, &[], None, DEFAULT_RESPONSE_LIMIT)
            .await?
            .success()?;
        let discovery: serde_json::Value = answer.json()?;
        let listed = discovery["extensions"]["media_origins"]["origins"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default();
        for origin in listed.iter().filter_map(serde_json::Value::as_str) {
            // Only an origin: a listed path or query would suggest more than is allowed.
            let Ok(url) = transport.endpoint().check_absolute(origin) else {
                continue;
            };
            if url.path() == "/" && url.query().is_none() {
                self.allowed.extend(origin_of(&url));
            }
        }
        Ok(())
    }
}

/// Download one photo and check, from its header, that it is an image we can
/// read within the budget for images from the network ([`Budget::REMOTE`]):
/// nothing is decoded here.
pub async fn download(
    transport: &Transport,
    url: &str,
) -> Result<(Vec<u8>, ImageFormat), FetchError> {
    let answer = transport
        .get_absolute(url, PHOTO_RESPONSE_LIMIT)
        .await
        .and_then(|a| a.success())
        .map_err(FetchError::Transport)?;
    let header = decode::probe_within(&answer.body, Budget::REMOTE).map_err(FetchError::Image)?;
    Ok((answer.body, header.format))
}

/// A 320 px upright JPEG of an image from the server.
pub fn thumbnail_of(image: &[u8]) -> Result<Vec<u8>, PhotoError> {
    pipeline::small_upright(image, THUMBNAIL_LONG_EDGE, THUMBNAIL_QUALITY)
}

/// [`thumbnail_of`] on the runtime's blocking pool (decoding is CPU work,
/// never on the network threads). Must be called on the core's runtime.
pub(crate) async fn thumbnail_off_thread(image: Vec<u8>) -> Result<Vec<u8>, FetchError> {
    tokio::task::spawn_blocking(move || thumbnail_of(&image))
        .await
        .unwrap_or_else(|e| {
            Err(PhotoError::Encode {
                reason: format!("thumbnail task ended abnormally: {e}"),
            })
        })
        .map_err(FetchError::Image)
}

/// Write `bytes` as `dir/name`: a temporary file, fsync, rename, fsync of the
/// folder — a kill leaves the whole file or only a temporary.
pub fn write_atomically(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf> {
    crate::files::create_private_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let path = dir.join(name);
    let temp = dir.join(format!(
        ".{name}.{}{TEMP_SUFFIX}",
        uuid::Uuid::now_v7().simple()
    ));
    let written = (|| {
        let mut file = crate::files::create_private_file(&temp).map_err(|e| Error::io(&temp, e))?;
        file.write_all(bytes).map_err(|e| Error::io(&temp, e))?;
        file.sync_all().map_err(|e| Error::io(&temp, e))?;
        fs::rename(&temp, &path).map_err(|e| Error::io(&path, e))?;
        #[cfg(unix)]
        File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(|e| Error::io(dir, e))?;
        Ok(())
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written.map(|()| path)
}

/// Remove temporaries a kill left in a report's results folder (called by the
/// start-up sweep; a missing folder is the common case and costs one lookup).
pub fn sweep_temporaries(files: &DataDir, report_id: &str) -> Result<()> {
    sweep_temporaries_in(&results_dir(files, report_id))
}

/// Remove the temporaries [`write_atomically`] left in `dir` (a missing
/// folder is fine).
pub fn sweep_temporaries_in(dir: &Path) -> Result<()> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(dir, e)),
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().ends_with(TEMP_SUFFIX) {
            crate::photos::storage::remove_if_present(&entry.path())?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_images_are_typed_errors() {
        assert!(matches!(thumbnail_of(b""), Err(PhotoError::Empty)));
        assert!(matches!(
            thumbnail_of(b"<html>not found</html>"),
            Err(PhotoError::UnrecognizedFormat)
        ));
        // A JPEG cut after its first bytes.
        assert!(thumbnail_of(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 16]).is_err());
    }

    #[test]
    fn the_start_up_sweep_removes_only_temporaries() {
        let root = tempfile::tempdir().unwrap();
        let files = DataDir::create(root.path()).unwrap();
        let id = "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
        sweep_temporaries(&files, id).unwrap();
        let dir = results_dir(&files, id);
        write_atomically(&dir, "a.thumb.jpg", b"abc").unwrap();
        fs::write(dir.join(format!(".a.jpg.x{TEMP_SUFFIX}")), b"half").unwrap();
        sweep_temporaries(&files, id).unwrap();
        let left: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(left, vec![std::ffi::OsString::from("a.thumb.jpg")]);
    }

    #[test]
    fn files_are_written_whole_with_no_temporary_left() {
        let dir = tempfile::tempdir().unwrap();
        let path = write_atomically(dir.path(), "a.thumb.jpg", b"abc").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"abc");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
