//! The whole pipeline on bytes in memory: probe → EXIF → decode (DCT-scaled,
//! to Y'CbCr planes for camera JPEGs) → Lanczos resize to 4:2:0 planes →
//! orientation → JPEG within the byte budget, plus thumbnail.

use crate::photos::decode::{self, Pixels};
use crate::photos::encode;
use crate::photos::error::PhotoError;
use crate::photos::metadata;
use crate::photos::model::{
    CompressOptions, MAX_QUALITY, MIN_QUALITY, PhotoMetadata, THUMBNAIL_LONG_EDGE,
    THUMBNAIL_QUALITY,
};
use crate::photos::orient;
use crate::photos::planes::YcbcrImage;
use crate::photos::resize;
use crate::tasks::CancelToken;

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
    cancel: &CancelToken,
) -> Result<CompressedPhoto, PhotoError> {
    let decoded = decode_stage(file, options.preset.long_edge(), cancel)?;
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
    cancel: &CancelToken,
) -> Result<CompressedPhoto, PhotoError> {
    let decoded = decode_stage(&file, options.preset.long_edge(), cancel)?;
    drop(file);
    finish(decoded, options, cancel)
}

/// A photo decoded (DCT-scaled) to at least its output size.
struct Decoded {
    pixels: Pixels,
    metadata: PhotoMetadata,
    /// The output size, upright.
    out_w: u32,
    out_h: u32,
}

fn decode_stage(file: &[u8], long_edge: u32, cancel: &CancelToken) -> Result<Decoded, PhotoError> {
    let header = decode::probe(file)?;
    let metadata = metadata::read(file);
    let swaps = orient::swaps_axes(metadata.orientation);

    // The output size, in upright orientation, never larger than the photo.
    let (upright_w, upright_h) = if swaps {
        (header.height, header.width)
    } else {
        (header.width, header.height)
    };
    let (out_w, out_h) = resize::fit(upright_w, upright_h, long_edge);
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
    cancel: &CancelToken,
) -> Result<CompressedPhoto, PhotoError> {
    let Decoded {
        pixels,
        metadata,
        out_w,
        out_h,
    } = decoded;
    // Resize in stored orientation, then turn the small image upright.
    let (stored_w, stored_h) = stored_size(metadata.orientation, out_w, out_h);
    let resized = resize::to_ycbcr420(&pixels, stored_w, stored_h)?;
    // The decoded image is the biggest buffer: gone before the rotation copies
    // the small one and before encoding.
    drop(pixels);
    let mut upright = orient::apply_planes(resized, metadata.orientation);
    cancel.check()?;

    loop {
        let encoded = encode::encode_within(
            |quality| encode::encode_planes(&upright, quality),
            MIN_QUALITY,
            MAX_QUALITY,
            options.max_bytes,
        )?;
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
                upright = resize::resize_planes(&upright, w, h)?;
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

/// The size as stored in the file of an upright `width` x `height`.
fn stored_size(orientation: u16, width: u32, height: u32) -> (u32, u32) {
    if orient::swaps_axes(orientation) {
        (height, width)
    } else {
        (width, height)
    }
}

/// The list-view thumbnail, made from the already-resized upright image.
fn thumbnail(upright: &YcbcrImage) -> Result<Vec<u8>, PhotoError> {
    let (w, h) = resize::fit(upright.width, upright.height, THUMBNAIL_LONG_EDGE);
    let small = resize::resize_planes(upright, w, h)?;
    encode::encode_planes(&small, THUMBNAIL_QUALITY)
}

/// A small upright JPEG of any image the pipeline reads, at most `long_edge`
/// on its long side (the pull's thumbnails of the city's result photos).
pub fn small_upright(file: &[u8], long_edge: u32, quality: i32) -> Result<Vec<u8>, PhotoError> {
    let decoded = decode_stage(file, long_edge, &CancelToken::new())?;
    let (stored_w, stored_h) =
        stored_size(decoded.metadata.orientation, decoded.out_w, decoded.out_h);
    let small = resize::to_ycbcr420(&decoded.pixels, stored_w, stored_h)?;
    encode::encode_planes(
        &orient::apply_planes(small, decoded.metadata.orientation),
        quality,
    )
}
