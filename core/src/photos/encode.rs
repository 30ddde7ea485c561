//! JPEG encoding with libjpeg-turbo: 4:2:0 chroma (a third smaller than the
//! image crate's 4:4:4 at the same visible quality), baseline, and nothing but
//! the pixels — no EXIF, XMP, IPTC, ICC or comment segment is ever written.

use turbojpeg::{Compressor, PixelFormat, Subsamp};

use crate::photos::error::PhotoError;
use crate::photos::image::RgbImage;

/// A finished JPEG and the quality that produced it.
#[derive(Debug, Clone)]
pub struct Encoded {
    pub jpeg: Vec<u8>,
    pub quality: i32,
}

pub fn encode(image: &RgbImage, quality: i32) -> Result<Vec<u8>, PhotoError> {
    let mut compressor = Compressor::new().map_err(encode_error)?;
    compressor.set_quality(quality).map_err(encode_error)?;
    compressor
        .set_subsamp(Subsamp::Sub2x2)
        .map_err(encode_error)?;
    compressor
        .compress_to_vec(turbojpeg::Image {
            pixels: image.pixels.as_slice(),
            width: image.width as usize,
            pitch: image.width as usize * RgbImage::CHANNELS,
            height: image.height as usize,
            format: PixelFormat::RGB,
        })
        .map_err(encode_error)
}

/// The highest quality in `min..=max` whose file fits in `max_bytes`, found by
/// bisection (at most 1 + log2(max - min) encodes; usually one, since most
/// photos fit at `max`). `None` when even `min` is too big.
pub fn encode_within(
    image: &RgbImage,
    min: i32,
    max: i32,
    max_bytes: u64,
) -> Result<Option<Encoded>, PhotoError> {
    let fits = |jpeg: &Vec<u8>| jpeg.len() as u64 <= max_bytes;
    let first = encode(image, max)?;
    if fits(&first) {
        return Ok(Some(Encoded {
            jpeg: first,
            quality: max,
        }));
    }
    let (mut low, mut high) = (min, max - 1);
    let mut best = None;
    while low <= high {
        let quality = low + (high - low) / 2;
        let jpeg = encode(image, quality)?;
        if fits(&jpeg) {
            best = Some(Encoded { jpeg, quality });
            low = quality + 1;
        } else {
            high = quality - 1;
        }
    }
    Ok(best)
}

fn encode_error(error: turbojpeg::Error) -> PhotoError {
    PhotoError::Encode {
        reason: error.to_string(),
    }
}
