//! Turning pixels upright according to EXIF Orientation (values 1..=8).
//!
//! Applied after the resize, on the small image: resizing and an axis
//! permutation commute, and moving 2 MP is cheaper than moving 12.

use crate::photos::image::RgbImage;
use crate::photos::planes::{Plane, YcbcrImage};

/// Whether `orientation` swaps width and height (5..=8 turn by 90°).
pub fn swaps_axes(orientation: u16) -> bool {
    (5..=8).contains(&orientation)
}

/// The upright image for a stored RGB image with EXIF `orientation`.
pub fn apply(image: RgbImage, orientation: u16) -> RgbImage {
    let (width, height) = (image.width, image.height);
    match turn::<3>(&image.pixels, width, height, orientation) {
        Some((width, height, pixels)) => RgbImage {
            width,
            height,
            pixels,
        },
        None => image,
    }
}

/// The upright image for stored planes with EXIF `orientation`. A 90° turn of
/// 4:2:0 is still 4:2:0, so each plane turns on its own.
pub fn apply_planes(image: YcbcrImage, orientation: u16) -> YcbcrImage {
    if !(2..=8).contains(&orientation) {
        return image;
    }
    let plane =
        |plane: Plane| match turn::<1>(&plane.samples, plane.width, plane.height, orientation) {
            Some((width, height, samples)) => Plane {
                width,
                height,
                samples,
            },
            None => plane,
        };
    let (width, height) = if swaps_axes(orientation) {
        (image.height, image.width)
    } else {
        (image.width, image.height)
    };
    let (step_x, step_y) = image.chroma_step;
    YcbcrImage {
        width,
        height,
        y: plane(image.y),
        cb: plane(image.cb),
        cr: plane(image.cr),
        chroma_step: if swaps_axes(orientation) {
            (step_y, step_x)
        } else {
            (step_x, step_y)
        },
    }
}

/// `pixels` (`N` bytes each, `w` x `h`) moved to where `orientation` puts
/// them: the new width, height and pixels, or `None` when nothing moves.
fn turn<const N: usize>(
    pixels: &[u8],
    w: u32,
    h: u32,
    orientation: u16,
) -> Option<(u32, u32, Vec<u8>)> {
    if !(2..=8).contains(&orientation) {
        return None;
    }
    let (w, h) = (w as usize, h as usize);
    let (out_w, out_h) = if swaps_axes(orientation) {
        (h, w)
    } else {
        (w, h)
    };
    // Where stored pixel (x, y) lands in the upright image: one closure per
    // orientation, so each gets its own loop with no branch per pixel.
    let source = (pixels, w, h);
    let out = match orientation {
        2 => permute::<N>(source, out_w, |x, y| (w - 1 - x, y)), // mirror horizontal
        3 => permute::<N>(source, out_w, |x, y| (w - 1 - x, h - 1 - y)), // rotate 180
        4 => permute::<N>(source, out_w, |x, y| (x, h - 1 - y)), // mirror vertical
        5 => permute::<N>(source, out_w, |x, y| (y, x)),         // transpose
        6 => permute::<N>(source, out_w, |x, y| (h - 1 - y, x)), // rotate 90 clockwise
        7 => permute::<N>(source, out_w, |x, y| (h - 1 - y, w - 1 - x)), // transverse
        _ => permute::<N>(source, out_w, |x, y| (y, w - 1 - x)), // 8: rotate 270 clockwise
    };
    Some((out_w as u32, out_h as u32, out))
}

/// Side of the square blocks the permutation walks: a 90° turn reads rows and
/// writes columns, and walking the whole image row by row would touch a new
/// cache line for every output pixel (a 2 MP turn took 7–13 ms that way).
const TILE: usize = 64;

/// Move every pixel of `(pixels, w, h)` to `target(x, y)` in an image `out_w`
/// wide, block by block so reads and writes both stay in cache.
fn permute<const N: usize>(
    (pixels, w, h): (&[u8], usize, usize),
    out_w: usize,
    target: impl Fn(usize, usize) -> (usize, usize),
) -> Vec<u8> {
    // Whole pixels, so each move is one N-byte store with one bounds check.
    let (src, _) = pixels[..w * h * N].as_chunks::<N>();
    let mut out = vec![[0u8; N]; src.len()];
    for tile_y in (0..h).step_by(TILE) {
        for tile_x in (0..w).step_by(TILE) {
            let tile_end = (tile_x + TILE).min(w);
            for y in tile_y..(tile_y + TILE).min(h) {
                let row = &src[y * w + tile_x..y * w + tile_end];
                for (dx, &pixel) in row.iter().enumerate() {
                    let (ox, oy) = target(tile_x + dx, y);
                    out[oy * out_w + ox] = pixel;
                }
            }
        }
    }
    out.into_flattened()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 3x2 image whose pixels are numbered 1..=6, row by row.
    fn numbered() -> RgbImage {
        RgbImage {
            width: 3,
            height: 2,
            pixels: (1..=6u8).flat_map(|n| [n, n, n]).collect(),
        }
    }

    fn rows(image: &RgbImage) -> Vec<Vec<u8>> {
        image
            .pixels
            .chunks_exact(image.width as usize * 3)
            .map(|row| row.chunks_exact(3).map(|p| p[0]).collect())
            .collect()
    }

    #[test]
    fn every_orientation_puts_pixels_where_exif_says() {
        // Stored:  1 2 3
        //          4 5 6
        let expect: [(u16, Vec<Vec<u8>>); 8] = [
            (1, vec![vec![1, 2, 3], vec![4, 5, 6]]),
            (2, vec![vec![3, 2, 1], vec![6, 5, 4]]),
            (3, vec![vec![6, 5, 4], vec![3, 2, 1]]),
            (4, vec![vec![4, 5, 6], vec![1, 2, 3]]),
            (5, vec![vec![1, 4], vec![2, 5], vec![3, 6]]),
            (6, vec![vec![4, 1], vec![5, 2], vec![6, 3]]),
            (7, vec![vec![6, 3], vec![5, 2], vec![4, 1]]),
            (8, vec![vec![3, 6], vec![2, 5], vec![1, 4]]),
        ];
        for (orientation, upright) in expect {
            assert_eq!(
                rows(&apply(numbered(), orientation)),
                upright,
                "orientation {orientation}"
            );
        }
    }

    /// Sizes that are not multiples of the block side: every pixel lands where
    /// the per-pixel definition puts it.
    #[test]
    fn blocks_cover_ragged_edges() {
        let (w, h) = (TILE * 2 + 7, TILE + 3);
        let image = RgbImage {
            width: w as u32,
            height: h as u32,
            pixels: (0..w * h)
                .flat_map(|i| [(i % 251) as u8, (i / 251 % 251) as u8, 7])
                .collect(),
        };
        let pixel = |img: &RgbImage, x: usize, y: usize| {
            let at = (y * img.width as usize + x) * 3;
            img.pixels[at..at + 3].to_vec()
        };
        for orientation in 2..=8u16 {
            let upright = apply(image.clone(), orientation);
            for y in 0..h {
                for x in 0..w {
                    let (ox, oy) = match orientation {
                        2 => (w - 1 - x, y),
                        3 => (w - 1 - x, h - 1 - y),
                        4 => (x, h - 1 - y),
                        5 => (y, x),
                        6 => (h - 1 - y, x),
                        7 => (h - 1 - y, w - 1 - x),
                        _ => (y, w - 1 - x),
                    };
                    assert_eq!(
                        pixel(&upright, ox, oy),
                        pixel(&image, x, y),
                        "orientation {orientation} at ({x}, {y})"
                    );
                }
            }
        }
    }

    /// Planes turn like pixels: the luma plane lands where the RGB image
    /// would, chroma (half size) turns with it, sizes swap on 90° turns.
    #[test]
    fn planes_turn_like_rgb() {
        let (w, h) = (5u32, 3u32);
        let luma: Vec<u8> = (0..w * h).map(|i| i as u8).collect();
        let rgb = RgbImage {
            width: w,
            height: h,
            pixels: luma.iter().flat_map(|&v| [v, 0, 0]).collect(),
        };
        let (cw, ch) = YcbcrImage::chroma_size(w, h);
        let chroma: Vec<u8> = (0..cw * ch).map(|i| 100 + i as u8).collect();
        let planes = YcbcrImage {
            width: w,
            height: h,
            y: Plane::new(w, h, luma),
            cb: Plane::new(cw, ch, chroma.clone()),
            cr: Plane::new(cw, ch, chroma),
            chroma_step: YcbcrImage::SUBSAMPLED,
        };
        for orientation in 1..=8u16 {
            let turned = apply_planes(planes.clone(), orientation);
            let expected = apply(rgb.clone(), orientation);
            assert_eq!(
                (turned.width, turned.height),
                (expected.width, expected.height)
            );
            let expected_luma: Vec<u8> = expected.pixels.chunks_exact(3).map(|p| p[0]).collect();
            assert_eq!(turned.y.samples, expected_luma, "orientation {orientation}");
            let (tw, th) = YcbcrImage::chroma_size(turned.width, turned.height);
            assert_eq!((turned.cb.width, turned.cb.height), (tw, th));
            assert_eq!(turned.cb.samples, turned.cr.samples);
        }
        // Rotating 90° clockwise puts the chroma's bottom-left sample first.
        let turned = apply_planes(planes, 6);
        assert_eq!(turned.cb.samples[0], 100 + (ch - 1) as u8 * cw as u8);
    }
}
