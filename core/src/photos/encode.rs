//! JPEG encoding with libjpeg-turbo: 4:2:0 chroma (a third smaller than the
//! image crate's 4:4:4 at the same visible quality), baseline, and nothing but
//! the pixels — no EXIF, XMP, IPTC, ICC or comment segment is ever written.

use std::borrow::Cow;

use turbojpeg::{Compressor, PixelFormat, Subsamp, YuvPlanesImage};

use crate::photos::error::PhotoError;
use crate::photos::image::RgbImage;
use crate::photos::planes::{Plane, YcbcrImage};

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

/// Encode 4:2:0 planes as they are: no colour conversion, no downsampling.
pub fn encode_planes(image: &YcbcrImage, quality: i32) -> Result<Vec<u8>, PhotoError> {
    let (width, height) = (image.width, image.height);
    let (chroma_w, chroma_h) = YcbcrImage::chroma_size(width, height);
    let chroma_fits = |p: &Plane| p.width == chroma_w && p.height == chroma_h;
    if image.chroma_step != YcbcrImage::SUBSAMPLED
        || (image.y.width, image.y.height) != (width, height)
        || !chroma_fits(&image.cb)
        || !chroma_fits(&image.cr)
    {
        return Err(PhotoError::Encode {
            reason: "planes are not tight 4:2:0".into(),
        });
    }
    // TurboJPEG reads luma in whole chroma samples: an odd side needs one
    // more column or row.
    let luma = match (width.next_multiple_of(2), height.next_multiple_of(2)) {
        (w, h) if (w, h) == (width, height) => Cow::Borrowed(&image.y),
        (w, h) => Cow::Owned(image.y.padded_to(w, h)),
    };
    let mut compressor = Compressor::new().map_err(encode_error)?;
    compressor.set_quality(quality).map_err(encode_error)?;
    compressor
        .compress_yuv_planes_to_vec(&YuvPlanesImage {
            y_plane: luma.samples.as_slice(),
            u_plane: image.cb.samples.as_slice(),
            v_plane: image.cr.samples.as_slice(),
            width: width as usize,
            height: height as usize,
            y_stride: luma.width as usize,
            u_stride: chroma_w as usize,
            v_stride: chroma_w as usize,
            subsamp: Subsamp::Sub2x2,
        })
        .map_err(encode_error)
}

/// The highest quality in `min..=max` whose file fits in `max_bytes`
/// (assuming size grows with quality). `None` when even `min` is too big.
///
/// One encode when `max` fits, as most photos do. A photo that misses usually
/// fits a step or two below (a q100 camera file fits at 79), so the search
/// first walks down in doubling steps (max−1, max−3, max−7, …) and bisects
/// only the last gap: 2 encodes instead of 7 for the common near miss, at
/// most about twice log2(max − min) for the rare deep one.
/// `encode` makes the file at a quality.
pub fn encode_within(
    encode: impl Fn(i32) -> Result<Vec<u8>, PhotoError>,
    min: i32,
    max: i32,
    max_bytes: u64,
) -> Result<Option<Encoded>, PhotoError> {
    let fits = |jpeg: &Vec<u8>| jpeg.len() as u64 <= max_bytes;
    let first = encode(max)?;
    if fits(&first) {
        return Ok(Some(Encoded {
            jpeg: first,
            quality: max,
        }));
    }
    // Walk down until something fits: the answer then lies in `low..=high`.
    let mut high = max - 1;
    let mut step = 1;
    let mut best = loop {
        let quality = (max - step).max(min);
        if quality > high {
            return Ok(None);
        }
        let jpeg = encode(quality)?;
        if fits(&jpeg) {
            break Encoded { jpeg, quality };
        }
        if quality == min {
            return Ok(None);
        }
        high = quality - 1;
        step *= 2;
    };
    let mut low = best.quality + 1;
    while low <= high {
        let quality = low + (high - low) / 2;
        let jpeg = encode(quality)?;
        if fits(&jpeg) {
            best = Encoded { jpeg, quality };
            low = quality + 1;
        } else {
            high = quality - 1;
        }
    }
    Ok(Some(best))
}

fn encode_error(error: turbojpeg::Error) -> PhotoError {
    PhotoError::Encode {
        reason: error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Noise, so the size climbs steadily with quality.
    fn noisy() -> RgbImage {
        let mut state = 12345u32;
        let pixels = (0..96 * 64 * 3)
            .map(|_| {
                state = state.wrapping_mul(1_103_515_245).wrapping_add(12345);
                (state >> 24) as u8
            })
            .collect();
        RgbImage {
            width: 96,
            height: 64,
            pixels,
        }
    }

    /// Planes of odd size (luma padded for the encoder) come back as the
    /// same picture, 4:2:0, at the same size.
    #[test]
    fn planes_encode_to_the_same_picture() {
        let (w, h) = (97u32, 63u32);
        let pixels = (0..h)
            .flat_map(|y| (0..w).flat_map(move |x| [(x * 2) as u8, (y * 3) as u8, 128]))
            .collect();
        let rgb = RgbImage {
            width: w,
            height: h,
            pixels,
        };
        let planes = YcbcrImage::from_rgb(&rgb).unwrap();
        let jpeg = encode_planes(&planes, 90).unwrap();
        let header = turbojpeg::read_header(&jpeg).unwrap();
        assert_eq!((header.width, header.height), (w as usize, h as usize));
        assert_eq!(header.subsamp, Subsamp::Sub2x2);
        let back = turbojpeg::decompress(&jpeg, PixelFormat::RGB).unwrap();
        let mut worst = 0;
        for y in 0..h as usize {
            for x in 0..w as usize {
                for c in 0..3 {
                    let was = rgb.pixels[(y * w as usize + x) * 3 + c];
                    let is = back.pixels[y * back.pitch + x * 3 + c];
                    worst = worst.max(was.abs_diff(is));
                }
            }
        }
        assert!(worst <= 8, "largest difference {worst}");
    }

    #[test]
    fn planes_of_the_wrong_shape_are_refused() {
        let mut planes = YcbcrImage::from_rgb(&noisy()).unwrap();
        planes.cb.width += 1;
        assert!(matches!(
            encode_planes(&planes, 80),
            Err(PhotoError::Encode { .. })
        ));
    }

    #[test]
    fn search_finds_the_highest_quality_that_fits() {
        let image = noisy();
        let sizes: Vec<(i32, u64)> = (40..=80)
            .map(|q| (q, encode(&image, q).unwrap().len() as u64))
            .collect();
        // Budgets at, just below and between the sizes of several qualities.
        for &(_, size) in sizes.iter().step_by(3) {
            for budget in [size - 1, size, size + 1] {
                let expected = sizes
                    .iter()
                    .filter(|&&(_, s)| s <= budget)
                    .map(|&(q, _)| q)
                    .max();
                let found = encode_within(|q| encode(&image, q), 40, 80, budget)
                    .unwrap()
                    .map(|e| e.quality);
                assert_eq!(found, expected, "budget {budget}");
            }
        }
    }
}
