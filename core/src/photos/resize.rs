//! Lanczos3 resizing with fast_image_resize (SSE4.1/AVX2 on x86, NEON on ARM).
//!
//! Everything the pipeline resizes ends as a 4:2:0 [`YcbcrImage`]: decoded
//! planes are resized plane by plane (luma to the output size, chroma to half
//! of it), RGB images are resized and then converted once, at the output size.

use fast_image_resize::images::{TypedImage, TypedImageRef};
use fast_image_resize::pixels::{U8, U8x3};
use fast_image_resize::{FilterType, PixelTrait, ResizeAlg, ResizeOptions, Resizer};

use crate::photos::decode::Pixels;
use crate::photos::error::PhotoError;
use crate::photos::image::RgbImage;
use crate::photos::planes::{Plane, PlaneRef, PlanesView, YcbcrImage};

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
    let source = (image.width, image.height, image.pixels.as_slice());
    let whole = (f64::from(image.width), f64::from(image.height));
    let pixels = lanczos3::<U8x3>(&mut Resizer::new(), source, whole, (width, height))?;
    Ok(RgbImage {
        width,
        height,
        pixels,
    })
}

/// `pixels` resized to exactly `width` x `height`, as 4:2:0 planes.
pub fn to_ycbcr420(pixels: &Pixels, width: u32, height: u32) -> Result<YcbcrImage, PhotoError> {
    match pixels {
        Pixels::Rgb(rgb) => YcbcrImage::from_rgb(&resize(rgb, width, height)?),
        Pixels::Planes(planes) => resize_view(planes.view(), width, height),
    }
}

/// [`resize_view`] of an image's own planes.
pub fn resize_planes(
    image: &YcbcrImage,
    width: u32,
    height: u32,
) -> Result<YcbcrImage, PhotoError> {
    resize_view(image.view(), width, height)
}

/// Resize each plane over the image's visible area: luma to `width` x
/// `height`, chroma to half that (rounded up), whatever the source's chroma
/// sampling was. A greyscale source gets neutral chroma.
pub fn resize_view(
    image: PlanesView<'_>,
    width: u32,
    height: u32,
) -> Result<YcbcrImage, PhotoError> {
    let (chroma_w, chroma_h) = YcbcrImage::chroma_size(width, height);
    // One resizer for the three planes: its work buffer, sized for luma, is
    // reused for chroma.
    let mut resizer = Resizer::new();
    let y = resize_plane(
        &mut resizer,
        image.y,
        (f64::from(image.width), f64::from(image.height)),
        width,
        height,
    )?;
    // The visible area in chroma samples. A rounded-up chroma side covers one
    // luma pixel more than the image: take the same extra from the source so
    // chroma stays aligned with luma.
    let (cb, cr) = match image.chroma {
        Some((cb, cr)) => {
            let (step_x, step_y) = image.chroma_step;
            let extent = |visible: u32, step: u32, out: u32, out_chroma: u32, plane_side: u32| {
                let covered = f64::from(2 * out_chroma) / f64::from(out);
                (f64::from(visible) / f64::from(step) * covered).min(f64::from(plane_side))
            };
            let area = (
                extent(image.width, step_x, width, chroma_w, cb.width),
                extent(image.height, step_y, height, chroma_h, cb.height),
            );
            (
                resize_plane(&mut resizer, cb, area, chroma_w, chroma_h)?,
                resize_plane(&mut resizer, cr, area, chroma_w, chroma_h)?,
            )
        }
        None => (
            Plane::filled(chroma_w, chroma_h, 128),
            Plane::filled(chroma_w, chroma_h, 128),
        ),
    };
    Ok(YcbcrImage {
        width,
        height,
        y,
        cb,
        cr,
        chroma_step: YcbcrImage::SUBSAMPLED,
    })
}

/// The top-left `area` (in samples, fractional) of `plane`, Lanczos3 to
/// `width` x `height`.
fn resize_plane(
    resizer: &mut Resizer,
    plane: PlaneRef<'_>,
    area: (f64, f64),
    width: u32,
    height: u32,
) -> Result<Plane, PhotoError> {
    let whole = (f64::from(plane.width), f64::from(plane.height));
    if (width, height) == (plane.width, plane.height) && area == whole {
        return Ok(Plane::new(width, height, plane.samples.to_vec()));
    }
    let source = (plane.width, plane.height, plane.samples);
    let samples = lanczos3::<U8>(resizer, source, area, (width, height))?;
    Ok(Plane::new(width, height, samples))
}

/// The top-left `area` of `(width, height, pixels)`, Lanczos3 to `size`:
/// the one call into fast_image_resize, for RGB images and planes alike.
///
/// Typed on purpose: `Resizer::resize` picks the pixel type at run time and so
/// links every pixel type the crate has (U16, F32, alpha variants…, each for
/// every CPU level and precision: 2.5 MB of the phone library, docs/size.md).
/// `resize_typed` instantiates only the two the pipeline uses, U8 planes and
/// U8x3 RGB, with the same code paths as before.
fn lanczos3<P: PixelTrait>(
    resizer: &mut Resizer,
    (width, height, pixels): (u32, u32, &[u8]),
    area: (f64, f64),
    (out_w, out_h): (u32, u32),
) -> Result<Vec<u8>, PhotoError> {
    let source = TypedImageRef::<P>::from_buffer(width, height, pixels)
        .map_err(|e| PhotoError::corrupt(format!("resize input: {e}")))?;
    let mut samples = vec![0u8; out_w as usize * out_h as usize * P::size()];
    let mut target = TypedImage::<P>::from_buffer(out_w, out_h, &mut samples)
        .map_err(|e| PhotoError::corrupt(format!("resize output: {e}")))?;
    let options = ResizeOptions::new()
        .resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3))
        .crop(0.0, 0.0, area.0, area.1);
    resizer
        .resize_typed(&source, &mut target, &options)
        .map_err(|e| PhotoError::corrupt(format!("resize: {e}")))?;
    Ok(samples)
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

    /// A 4:2:2 image with a flat colour and a luma ramp: the planes come out
    /// 4:2:0 at the asked size, chroma stays flat, the ramp stays a ramp.
    #[test]
    fn planes_resize_to_four_two_zero() {
        let (w, h) = (401u32, 300u32);
        let luma: Vec<u8> = (0..h)
            .flat_map(|_| (0..w).map(|x| (x * 255 / w) as u8))
            .collect();
        let chroma_w = w.div_ceil(2);
        let image = YcbcrImage {
            width: w,
            height: h,
            y: Plane::new(w, h, luma),
            cb: Plane::filled(chroma_w, h, 90),
            cr: Plane::filled(chroma_w, h, 200),
            chroma_step: (2, 1),
        };
        let small = resize_planes(&image, 161, 120).unwrap();
        assert_eq!((small.y.width, small.y.height), (161, 120));
        assert_eq!((small.cb.width, small.cb.height), (81, 60));
        assert_eq!((small.cr.width, small.cr.height), (81, 60));
        assert!(small.cb.samples.iter().all(|&v| v == 90));
        assert!(small.cr.samples.iter().all(|&v| v == 200));
        let row = &small.y.samples[..161];
        assert!(row.windows(2).all(|p| p[0] <= p[1]), "{row:?}");
        assert!(row[0] < 5 && row[160] > 245, "{row:?}");
    }
}
