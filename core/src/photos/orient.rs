//! Turning pixels upright according to EXIF Orientation (values 1..=8).
//!
//! Applied after the resize, on the small image: resizing and an axis
//! permutation commute, and moving 2 MP is cheaper than moving 12.

use crate::photos::image::RgbImage;

/// Whether `orientation` swaps width and height (5..=8 turn by 90°).
pub fn swaps_axes(orientation: u16) -> bool {
    (5..=8).contains(&orientation)
}

/// The upright image for a stored image with EXIF `orientation`.
pub fn apply(image: RgbImage, orientation: u16) -> RgbImage {
    if !(2..=8).contains(&orientation) {
        return image;
    }
    let (w, h) = (image.width as usize, image.height as usize);
    let (out_w, out_h) = if swaps_axes(orientation) {
        (h, w)
    } else {
        (w, h)
    };
    let mut out = vec![0u8; image.pixels.len()];
    // Where stored pixel (x, y) lands in the upright image.
    let target = |x: usize, y: usize| -> (usize, usize) {
        match orientation {
            2 => (w - 1 - x, y),         // mirror horizontal
            3 => (w - 1 - x, h - 1 - y), // rotate 180
            4 => (x, h - 1 - y),         // mirror vertical
            5 => (y, x),                 // transpose
            6 => (h - 1 - y, x),         // rotate 90 clockwise
            7 => (h - 1 - y, w - 1 - x), // transverse
            _ => (y, w - 1 - x),         // 8: rotate 270 clockwise
        }
    };
    for y in 0..h {
        let row = &image.pixels[y * w * 3..(y + 1) * w * 3];
        for (x, pixel) in row.chunks_exact(3).enumerate() {
            let (ox, oy) = target(x, y);
            let at = (oy * out_w + ox) * 3;
            out[at..at + 3].copy_from_slice(pixel);
        }
    }
    RgbImage {
        width: out_w as u32,
        height: out_h as u32,
        pixels: out,
    }
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
}
