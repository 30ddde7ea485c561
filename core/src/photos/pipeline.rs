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
    let decoded = decode_stage(file, options, cancel)?;
    finish(decoded, options, cancel)
}

/// [`compress`] for a file the caller hands over: its bytes are freed as soon
/// as the pixels are decoded, so they are not held during the resize, the
/// step that needs the most memory (decoded image + the resizer's
/// intermediate rows + the result). That is 3–7 MB less peak memory for a
/// 12–24 MP camera file.
pub fn compress_owned(
    file: Vec<u8>,
    options: &CompressOptions,
    cancel: &CancelFlag,
) -> Result<CompressedPhoto, PhotoError> {
    let decoded = decode_stage(&file, options, cancel)?;
    drop(file);
    finish(decoded, options, cancel)
}

/// A photo decoded (DCT-scaled) to at least its output size.
struct Decoded {
    pixels: RgbImage,
    metadata: PhotoMetadata,
    /// The output size, upright.
    out_w: u32,
    out_h: u32,
}

fn decode_stage(
    file: &[u8],
    options: &CompressOptions,
    cancel: &CancelFlag,
) -> Result<Decoded, PhotoError> {
    let header = decode::probe(file)?;
    let metadata = metadata::read(file);
    let swaps = orient::swaps_axes(metadata.orientation);

    // The output size, in upright orientation, never larger than the photo.
    let (upright_w, upright_h) = if swaps {
        (header.height, header.width)
    } else {
        (header.width, header.height)
    };
    let (out_w, out_h) = resize::fit(upright_w, upright_h, options.preset.long_edge());
    cancel.check()?;

    let pixels = decode::decode(file, header, out_w.max(out_h))?;
    cancel.check()?;
    Ok(Decoded {
        pixels,
        metadata,
        out_w,
        out_h,
    })
}

fn finish(
    decoded: Decoded,
    options: &CompressOptions,
    cancel: &CancelFlag,
) -> Result<CompressedPhoto, PhotoError> {
    let Decoded {
        pixels,
        metadata,
        out_w,
        out_h,
    } = decoded;
    // Resize in stored orientation, then turn the small image upright.
    let (stored_w, stored_h) = if orient::swaps_axes(metadata.orientation) {
        (out_h, out_w)
    } else {
        (out_w, out_h)
    };
    let resized = resize::resize(&pixels, stored_w, stored_h)?;
    // The decoded image is the biggest buffer: gone before the rotation copies
    // the small one and before encoding.
    drop(pixels);
    let mut upright = orient::apply(resized, metadata.orientation);
    cancel.check()?;

    loop {
        let encoded = encode::encode_within(&upright, MIN_QUALITY, MAX_QUALITY, options.max_bytes)?;
        cancel.check()?;
        let long = upright.width.max(upright.height);
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
            // Shrunk from the last attempt (Lanczos again, from a larger image
            // than the target): the decoded image is no longer at hand.
            None if long > THUMBNAIL_LONG_EDGE => {
                let (w, h) = resize::fit(
                    upright.width,
                    upright.height,
                    (f64::from(long) * SHRINK_STEP) as u32,
                );
                upright = resize::resize(&upright, w, h)?;
                cancel.check()?;
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
