//! The quality reference: full decode (no DCT scaling), upright, Lanczos3 in
//! 32-bit float to exactly the size each tool produced.

use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use ihanoi_core::photos::image::RgbImage;
use ihanoi_core::photos::{metadata, orient};

use crate::ssim;

pub struct Reference {
    upright: RgbImage,
}

fn decode_full(jpeg: &[u8]) -> RgbImage {
    let image = turbojpeg::decompress(jpeg, turbojpeg::PixelFormat::RGB).expect("decode");
    let mut pixels = Vec::with_capacity(image.width * image.height * 3);
    for row in image.pixels.chunks_exact(image.pitch).take(image.height) {
        pixels.extend_from_slice(&row[..image.width * 3]);
    }
    RgbImage {
        width: image.width as u32,
        height: image.height as u32,
        pixels,
    }
}

impl Reference {
    pub fn new(original: &[u8]) -> Self {
        let stored = decode_full(original);
        let orientation = metadata::read(original).orientation;
        Reference {
            upright: orient::apply(stored, orientation),
        }
    }

    fn resized_luma(&self, width: u32, height: u32) -> Vec<f32> {
        let src: Vec<f32> = self.upright.pixels.iter().map(|&v| f32::from(v)).collect();
        let bytes: &[u8] = bytemuck_f32(&src);
        let source = ImageRef::new(
            self.upright.width,
            self.upright.height,
            bytes,
            PixelType::F32x3,
        )
        .unwrap();
        let mut target = Image::new(width, height, PixelType::F32x3);
        Resizer::new()
            .resize(
                &source,
                &mut target,
                &ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3)),
            )
            .unwrap();
        let out = target.into_vec();
        out.chunks_exact(12)
            .map(|px| {
                let c = |i: usize| {
                    f32::from_ne_bytes(px[i * 4..i * 4 + 4].try_into().unwrap()).clamp(0.0, 255.0)
                };
                0.299 * c(0) + 0.587 * c(1) + 0.114 * c(2)
            })
            .collect()
    }

    /// SSIM of a tool's JPEG against the reference at the same size.
    pub fn ssim_of(&self, jpeg: &[u8]) -> f64 {
        let out = decode_full(jpeg);
        let luma: Vec<f32> = out
            .pixels
            .chunks_exact(3)
            .map(|p| 0.299 * f32::from(p[0]) + 0.587 * f32::from(p[1]) + 0.114 * f32::from(p[2]))
            .collect();
        let reference = self.resized_luma(out.width, out.height);
        ssim::ssim(&reference, &luma, out.width as usize, out.height as usize)
    }
}

fn bytemuck_f32(values: &[f32]) -> &[u8] {
    // SAFETY: f32 has no padding and any byte pattern is a valid u8.
    unsafe {
        std::slice::from_raw_parts(values.as_ptr().cast::<u8>(), std::mem::size_of_val(values))
    }
}
