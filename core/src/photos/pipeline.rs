//! The whole pipeline on bytes in memory: probe → EXIF → decode (DCT-scaled) →
//! Lanczos resize → orientation → JPEG within the byte budget, plus thumbnail.

use crate::photos::cancel::CancelFlag;
use crate::photos::decode;
use crate::photos::encode;
use crate::photos::error::PhotoError;
use crate::photos::image::RgbImage;
use crate::photos::metadata;
use crate::photos::model::{
    CompressOptions, MAX_QUALITY, MIN_QUALITY, PhotoMetadata, THUMBNAIL_LONG_EDGE,
    THUMBNAIL_QUALITY,
};
use crate::photos::orient;
use crate::photos::resize;

/// An upload-ready photo, still in memory.
#[derive(Debug, Clone)]
pub struct CompressedPhoto {
    pub jpeg: Vec<u8>,
    pub width: u32,
    pub height: u32,
    pub quality: i32,
    pub thumbnail: Vec<u8>,
    pub metadata: PhotoMetadata,
}

/// When even the lowest quality does not fit the budget, shrink by this much
/// and try again (only noise-like images at tiny budgets get here).
const SHRINK_STEP: f64 = 0.8;

/// Compress one photo held in memory. `cancel` is checked between stages.
pub fn compress(
    file: &[u8],
    options: &CompressOptions,
    cancel: &CancelFlag,
) -> Result<CompressedPhoto, PhotoError> {
    let header = decode::probe(file)?;
    let metadata = metadata::read(file);
    let swaps = orient::swaps_axes(metadata.orientation);

    // The output size, in upright orientation, never larger than the photo.
    let (upright_w, upright_h) = if swaps {
        (header.height, header.width)
    } else {
        (header.width, header.height)
    };
    let (mut out_w, mut out_h) = resize::fit(upright_w, upright_h, options.preset.long_edge());
    cancel.check()?;

    let decoded = decode::decode(file, header, out_w.max(out_h))?;
    cancel.check()?;

    loop {
        // Resize in stored orientation, then turn the small image upright.
        let (stored_w, stored_h) = if swaps {
            (out_h, out_w)
        } else {
            (out_w, out_h)
        };
        let resized = resize::resize(&decoded, stored_w, stored_h)?;
        let upright = orient::apply(resized, metadata.orientation);
        cancel.check()?;

        let encoded = encode::encode_within(&upright, MIN_QUALITY, MAX_QUALITY, options.max_bytes)?;
        cancel.check()?;
        match encoded {
            Some(encoded) => {
                let thumbnail = thumbnail(&upright)?;
                return Ok(CompressedPhoto {
                    jpeg: encoded.jpeg,
                    width: upright.width,
                    height: upright.height,
                    quality: encoded.quality,
                    thumbnail,
                    metadata,
                });
            }
            None if out_w.max(out_h) > THUMBNAIL_LONG_EDGE => {
                let long = (f64::from(out_w.max(out_h)) * SHRINK_STEP) as u32;
                (out_w, out_h) = resize::fit(out_w, out_h, long);
            }
            None => {
                return Err(PhotoError::Encode {
                    reason: format!("cannot fit the photo in {} bytes", options.max_bytes),
                });
            }
        }
    }
}

/// The list-view thumbnail, made from the already-resized upright image.
fn thumbnail(upright: &RgbImage) -> Result<Vec<u8>, PhotoError> {
    let (w, h) = resize::fit(upright.width, upright.height, THUMBNAIL_LONG_EDGE);
    let small = resize::resize(upright, w, h)?;
    encode::encode(&small, THUMBNAIL_QUALITY)
}
