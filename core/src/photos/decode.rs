//! From file bytes to pixels, checking the header before allocating.
//!
//! JPEG goes through libjpeg-turbo with DCT-domain downscaling: when the output
//! is much smaller than the photo, the decoder skips most of the inverse DCT
//! and writes 1/2, 1/4 or 1/8 of the pixels. Only those factors are used —
//! libjpeg-turbo's 3/8, 5/8, … visibly blur detailed scenes — and always the
//! largest reduction that still leaves at least the target size, so quality
//! comes from the Lanczos resize that follows.
//!
//! A Y'CbCr JPEG (every camera's) is decoded to its planes as stored: the
//! decoder neither upsamples chroma nor converts colour, which is a third of
//! its work on a scaled decode. CMYK JPEGs, and JPEGs whose sampling
//! libjpeg-turbo cannot hand out as planes, decode to RGB, as PNG and WebP
//! do (in full).

use std::io::Cursor;

use turbojpeg::{
    Colorspace, DecompressHeader, Decompressor, PixelFormat, ScalingFactor, Subsamp, YuvImage,
};

use crate::photos::error::PhotoError;
use crate::photos::format::{self, ImageFormat};
use crate::photos::image::{RgbImage, try_zeroed};
use crate::photos::limits::{Budget, MAX_JPEG_SCANS};
use crate::photos::planes::DecodedPlanes;

/// Decoded pixels in the form the file gave them cheapest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pixels {
    Rgb(RgbImage),
    Planes(DecodedPlanes),
}

/// What the header says, read without decoding pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    pub format: ImageFormat,
    pub width: u32,
    pub height: u32,
}

/// Identify the format and read the dimensions, refusing unsupported formats and
/// images over the local budget ([`Budget::LOCAL`]). Allocates nothing in
/// proportion to the image.
pub fn probe(file: &[u8]) -> Result<Header, PhotoError> {
    probe_within(file, Budget::LOCAL)
}

/// [`probe`] against `budget`: images from the network use [`Budget::REMOTE`].
pub fn probe_within(file: &[u8], budget: Budget) -> Result<Header, PhotoError> {
    if file.is_empty() {
        return Err(PhotoError::Empty);
    }
    if file.len() as u64 > budget.max_bytes {
        return Err(PhotoError::FileTooLarge {
            bytes: file.len() as u64,
            max: budget.max_bytes,
        });
    }
    let format = format::sniff(file).ok_or(PhotoError::UnrecognizedFormat)?;
    let (width, height) = match format {
        ImageFormat::Jpeg => {
            let header = Decompressor::new()
                .and_then(|mut d| d.read_header(file))
                .map_err(PhotoError::corrupt)?;
            (header.width as u64, header.height as u64)
        }
        ImageFormat::Png => png_dimensions(file)?,
        ImageFormat::WebP => {
            let decoder =
                image_webp::WebPDecoder::new(Cursor::new(file)).map_err(PhotoError::corrupt)?;
            let (w, h) = decoder.dimensions();
            (u64::from(w), u64::from(h))
        }
        other => return Err(PhotoError::UnsupportedFormat(other)),
    };
    check_pixels_within(width, height, budget.max_pixels)?;
    Ok(Header {
        format,
        width: width as u32,
        height: height as u32,
    })
}

fn check_pixels(width: u64, height: u64) -> Result<(), PhotoError> {
    check_pixels_within(width, height, Budget::LOCAL.max_pixels)
}

fn check_pixels_within(width: u64, height: u64, max_pixels: u64) -> Result<(), PhotoError> {
    if width == 0 || height == 0 {
        return Err(PhotoError::corrupt("the header declares an empty image"));
    }
    if width.saturating_mul(height) > max_pixels {
        return Err(PhotoError::TooManyPixels {
            width,
            height,
            max_pixels,
        });
    }
    Ok(())
}

/// IHDR is always the first chunk: width and height are bytes 16..24.
fn png_dimensions(file: &[u8]) -> Result<(u64, u64), PhotoError> {
    if file.len() < 24 || &file[12..16] != b"IHDR" {
        return Err(PhotoError::corrupt("PNG without a header chunk"));
    }
    let be = |at: usize| {
        u64::from(u32::from_be_bytes([
            file[at],
            file[at + 1],
            file[at + 2],
            file[at + 3],
        ]))
    };
    Ok((be(16), be(20)))
}

/// Decode `file` (already probed) for an output whose long edge will be
/// `target_long_edge` after orientation. The result may be larger than the
/// target (the resize follows) but never smaller, unless the photo itself is.
pub fn decode(file: &[u8], header: Header, target_long_edge: u32) -> Result<Pixels, PhotoError> {
    match header.format {
        ImageFormat::Jpeg => decode_jpeg(file, target_long_edge),
        ImageFormat::Png => decode_png(file).map(Pixels::Rgb),
        ImageFormat::WebP => decode_webp(file).map(Pixels::Rgb),
        other => Err(PhotoError::UnsupportedFormat(other)),
    }
}

/// The largest power-of-two reduction that keeps the long edge ≥ the target.
pub fn jpeg_scaling(width: usize, height: usize, target_long_edge: u32) -> ScalingFactor {
    let long = width.max(height);
    [
        ScalingFactor::ONE_EIGHTH,
        ScalingFactor::ONE_QUARTER,
        ScalingFactor::ONE_HALF,
    ]
    .into_iter()
    .find(|factor| factor.scale(long) >= target_long_edge as usize)
    .unwrap_or(ScalingFactor::ONE)
}

fn decode_jpeg(file: &[u8], target_long_edge: u32) -> Result<Pixels, PhotoError> {
    let mut decompressor = Decompressor::new().map_err(PhotoError::corrupt)?;
    let header = decompressor
        .read_header(file)
        .map_err(PhotoError::corrupt)?;
    check_pixels(header.width as u64, header.height as u64)?;
    decompressor
        .set_scan_limit(MAX_JPEG_SCANS)
        .map_err(PhotoError::corrupt)?;
    // Lossless JPEG cannot be DCT-scaled.
    let factor = if header.is_lossless {
        ScalingFactor::ONE
    } else {
        jpeg_scaling(header.width, header.height, target_long_edge)
    };
    decompressor
        .set_scaling_factor(factor)
        .map_err(PhotoError::corrupt)?;
    if has_planes(&header) {
        return decode_jpeg_planes(&mut decompressor, file, header.scaled(factor))
            .map(Pixels::Planes);
    }
    let scaled = header.scaled(factor);
    let (width, height) = (scaled.width, scaled.height);
    // libjpeg cannot convert CMYK to RGB: take CMYK and convert here.
    let cmyk = matches!(header.colorspace, Colorspace::CMYK | Colorspace::YCCK);
    let format = if cmyk {
        PixelFormat::CMYK
    } else {
        PixelFormat::RGB
    };
    let channels = format.size();
    let mut pixels = try_zeroed(width * height * channels)?;
    decompressor
        .decompress(
            file,
            turbojpeg::Image {
                pixels: pixels.as_mut_slice(),
                width,
                pitch: width * channels,
                height,
                format,
            },
        )
        .map_err(PhotoError::corrupt)?;
    if cmyk {
        pixels = cmyk_to_rgb(&pixels);
    }
    Ok(Pixels::Rgb(RgbImage {
        width: width as u32,
        height: height as u32,
        pixels,
    }))
}

/// Whether libjpeg-turbo can hand this JPEG out as Y'CbCr (or grey) planes:
/// not CMYK/YCCK, not stored as RGB, and a sampling it knows.
fn has_planes(header: &DecompressHeader) -> bool {
    let planar = matches!(header.colorspace, Colorspace::YCbCr | Colorspace::Gray);
    planar && !header.is_lossless && header.subsamp != Subsamp::Unknown
}

/// Scaled decode straight to planes. libjpeg-turbo writes them one after
/// another into one buffer, which is kept whole; each side is padded to whole
/// chroma samples (TurboJPEG's `tj3YUVPlaneWidth`: luma to a multiple of the
/// chroma step, chroma that divided by the step).
fn decode_jpeg_planes(
    decompressor: &mut Decompressor,
    file: &[u8],
    scaled: DecompressHeader,
) -> Result<DecodedPlanes, PhotoError> {
    let (width, height, subsamp) = (scaled.width, scaled.height, scaled.subsamp);
    let len = turbojpeg::yuv_pixels_len(width, 1, height, subsamp).map_err(PhotoError::corrupt)?;
    let (step_x, step_y) = subsamp.size();
    let (luma_w, luma_h) = (
        width.next_multiple_of(step_x),
        height.next_multiple_of(step_y),
    );
    let (chroma_w, chroma_h) = (luma_w / step_x, luma_h / step_y);
    let grey = subsamp == Subsamp::Gray;
    let planes = if grey { 1 } else { 3 };
    let expected = luma_w * luma_h + (planes - 1) * chroma_w * chroma_h;
    if len != expected {
        return Err(PhotoError::corrupt(format!(
            "unexpected plane layout: {len} bytes for {width}x{height} {subsamp:?}"
        )));
    }
    let mut samples = try_zeroed(len)?;
    decompressor
        .decompress_to_yuv(
            file,
            YuvImage {
                pixels: samples.as_mut_slice(),
                width,
                align: 1,
                height,
                subsamp,
            },
        )
        .map_err(PhotoError::corrupt)?;
    Ok(DecodedPlanes {
        width: width as u32,
        height: height as u32,
        samples,
        luma_size: (luma_w as u32, luma_h as u32),
        chroma_size: (!grey).then_some((chroma_w as u32, chroma_h as u32)),
        chroma_step: (step_x as u32, step_y as u32),
    })
}

/// Adobe (Photoshop), which writes nearly every CMYK JPEG, stores the inks
/// inverted: 255 means no ink. Without an ICC transform this naive conversion
/// is what browsers and Pillow show.
fn cmyk_to_rgb(cmyk: &[u8]) -> Vec<u8> {
    let mut rgb = Vec::with_capacity(cmyk.len() / 4 * 3);
    for px in cmyk.chunks_exact(4) {
        let k = u16::from(px[3]);
        for &ink in &px[..3] {
            rgb.push(((u16::from(ink) * k + 127) / 255) as u8);
        }
    }
    rgb
}

fn decode_png(file: &[u8]) -> Result<RgbImage, PhotoError> {
    let limits = png::Limits {
        // Chunk buffers and the like; the image buffer is ours (checked size).
        bytes: 64 * 1024 * 1024,
    };
    let mut decoder = png::Decoder::new_with_limits(Cursor::new(file), limits);
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    decoder.set_ignore_text_chunk(true);
    decoder.set_ignore_iccp_chunk(true);
    let mut reader = decoder.read_info().map_err(PhotoError::corrupt)?;
    let (width, height) = (reader.info().width, reader.info().height);
    check_pixels(u64::from(width), u64::from(height))?;
    let len = reader
        .output_buffer_size()
        .ok_or_else(|| PhotoError::corrupt("PNG too large"))?;
    let mut buffer = try_zeroed(len)?;
    let frame = reader
        .next_frame(&mut buffer)
        .map_err(PhotoError::corrupt)?;
    buffer.truncate(frame.buffer_size());
    let rgb = match frame.color_type {
        png::ColorType::Rgb => buffer,
        png::ColorType::Rgba => flatten_on_white(&buffer, 4),
        png::ColorType::Grayscale => buffer.iter().flat_map(|&g| [g, g, g]).collect(),
        png::ColorType::GrayscaleAlpha => {
            let rgba: Vec<u8> = buffer
                .chunks_exact(2)
                .flat_map(|p| [p[0], p[0], p[0], p[1]])
                .collect();
            flatten_on_white(&rgba, 4)
        }
        png::ColorType::Indexed => {
            return Err(PhotoError::corrupt("PNG palette was not expanded"));
        }
    };
    Ok(RgbImage {
        width,
        height,
        pixels: rgb,
    })
}

fn decode_webp(file: &[u8]) -> Result<RgbImage, PhotoError> {
    let mut decoder =
        image_webp::WebPDecoder::new(Cursor::new(file)).map_err(PhotoError::corrupt)?;
    let (width, height) = decoder.dimensions();
    check_pixels(u64::from(width), u64::from(height))?;
    let len = decoder
        .output_buffer_size()
        .ok_or_else(|| PhotoError::corrupt("WebP too large"))?;
    let mut buffer = try_zeroed(len)?;
    decoder
        .read_image(&mut buffer)
        .map_err(PhotoError::corrupt)?;
    let pixels = if decoder.has_alpha() {
        flatten_on_white(&buffer, 4)
    } else {
        buffer
    };
    Ok(RgbImage {
        width,
        height,
        pixels,
    })
}

/// Composite RGBA over white (the city's viewer has no notion of transparency;
/// black, JPEG's default for "no colour", would hide dark drawings).
fn flatten_on_white(rgba: &[u8], channels: usize) -> Vec<u8> {
    let mut rgb = Vec::with_capacity(rgba.len() / channels * 3);
    for px in rgba.chunks_exact(channels) {
        let alpha = u32::from(px[3]);
        for &c in &px[..3] {
            rgb.push(((u32::from(c) * alpha + 255 * (255 - alpha) + 127) / 255) as u8);
        }
    }
    rgb
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dct_scaling_keeps_at_least_the_target() {
        let factor = |w, h| jpeg_scaling(w, h, 1600);
        assert_eq!(factor(4000, 3000), ScalingFactor::ONE_HALF);
        assert_eq!(factor(6000, 4000), ScalingFactor::ONE_HALF);
        assert_eq!(factor(12800, 9600), ScalingFactor::ONE_EIGHTH);
        assert_eq!(factor(6400, 4800), ScalingFactor::ONE_QUARTER);
        assert_eq!(factor(1278, 720), ScalingFactor::ONE);
    }

    #[test]
    fn transparent_pixels_become_white() {
        assert_eq!(flatten_on_white(&[0, 0, 0, 0], 4), vec![255, 255, 255]);
        assert_eq!(flatten_on_white(&[10, 20, 30, 255], 4), vec![10, 20, 30]);
        assert_eq!(flatten_on_white(&[0, 0, 0, 128], 4), vec![127, 127, 127]);
    }

    #[test]
    fn inverted_cmyk_converts() {
        // No ink (255 inverted) is white; full black ink (K=0) is black.
        assert_eq!(cmyk_to_rgb(&[255, 255, 255, 255]), vec![255, 255, 255]);
        assert_eq!(cmyk_to_rgb(&[255, 255, 255, 0]), vec![0, 0, 0]);
    }
}
