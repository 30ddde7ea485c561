//! Photos: from a camera or gallery file to a small, private, upright JPEG.
//!
//! The pipeline ([`pipeline::compress`]): check the header before allocating
//! ([`decode::probe`], [`limits`]), read EXIF ([`metadata`]), decode with
//! DCT-domain downscaling ([`decode`]; camera JPEGs straight to Y'CbCr
//! [`planes`]), Lanczos3 resize to 4:2:0 planes ([`resize`]), turn upright
//! ([`orient`]), encode 4:2:0 JPEG at the highest quality within the byte
//! budget ([`encode`]), and a 320 px thumbnail. The output carries no
//! metadata at all.
//!
//! Around it: which files may be read ([`input`]), atomic content-addressed
//! files ([`storage`]), the `report_photos` table ([`db`]) and the operations
//! the shells call ([`ops`]).

pub mod db;
pub mod decode;
pub mod encode;
pub mod error;
pub mod format;
pub mod image;
pub mod input;
pub mod limits;
pub mod metadata;
pub mod model;
pub mod ops;
pub mod orient;
pub mod pipeline;
pub mod planes;
pub mod resize;
pub mod storage;

use std::sync::{Mutex, MutexGuard};

pub use error::PhotoError;
pub use format::ImageFormat;
pub use model::{
    CompressOptions, GpsPosition, Photo, PhotoMetadata, PhotoSource, ReviewFlagLabel, ReviewFlags,
    SizePreset,
};
pub use pipeline::{CompressedPhoto, compress};

/// The core's photo state: readable folders, and the lock that serialises the
/// short write-and-commit step of attaches (so one attach's cleanup never
/// removes a file another has just written for the same content).
#[derive(Debug, Default)]
pub struct Photos {
    pub(crate) input_dirs: input::InputDirs,
    files: Mutex<()>,
}

impl Photos {
    pub(crate) fn files_lock(&self) -> MutexGuard<'_, ()> {
        self.files.lock().unwrap_or_else(|p| p.into_inner())
    }
}
