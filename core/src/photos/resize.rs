//! Lanczos3 resizing with fast_image_resize (SSE4.1/AVX2 on x86, NEON on ARM).

use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};

use crate::photos::error::PhotoError;
use crate::photos::image::RgbImage;

/// `(width, height)` scaled so the long edge is at most `long_edge`, keeping the
/// aspect ratio; never larger than the input.
pub fn fit(width: u32, height: u32, long_edge: u32) -> (u32, u32) {
    let long = width.max(height);
    if long <= long_edge || long == 0 {
        return (width, height);
    }
    let scale = f64::from(long_edge) / f64::from(long);
    let scaled = |side: u32| ((f64::from(side) * scale).round() as u32).clamp(1, long_edge);
    if width >= height {
        (long_edge, scaled(height))
    } else {
        (scaled(width), long_edge)
    }
}

/// Resize to exactly `width` x `height` with Lanczos3.
pub fn resize(image: &RgbImage, width: u32, height: u32) -> Result<RgbImage, PhotoError> {
    if (width, height) == (image.width, image.height) {
        return Ok(image.clone());
    }
    let source = ImageRef::new(image.width, image.height, &image.pixels, PixelType::U8x3)
        .map_err(|e| PhotoError::corrupt(format!("resize input: {e}")))?;
    let mut target = Image::new(width, height, PixelType::U8x3);
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    Resizer::new()
        .resize(&source, &mut target, &options)
        .map_err(|e| PhotoError::corrupt(format!("resize: {e}")))?;
    Ok(RgbImage {
        width,
        height,
        pixels: target.into_vec(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fitting_keeps_aspect_and_never_upscales() {
        assert_eq!(fit(4000, 3000, 1600), (1600, 1200));
        assert_eq!(fit(3000, 4000, 1600), (1200, 1600));
        assert_eq!(fit(640, 480, 1600), (640, 480));
        assert_eq!(fit(5640, 3172, 1600), (1600, 900));
        assert_eq!(fit(10000, 1, 1600), (1600, 1));
    }
}
