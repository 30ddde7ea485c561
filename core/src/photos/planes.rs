//! A photo as JPEG stores it: a luma (Y) plane at full resolution and two
//! chroma planes (Cb, Cr) with fewer samples.
//!
//! The pipeline works in this form from decode to encode. A camera JPEG is
//! decoded straight to its planes (no chroma upsampling, no colour
//! conversion), the planes are resized — 1.5 samples per pixel for 4:2:0
//! instead of 3 for RGB — turned upright, and encoded as 4:2:0 without
//! converting back. Images that arrive as RGB (PNG, WebP, CMYK JPEG) are
//! resized in RGB first and converted once, at the output size.

use crate::photos::error::PhotoError;
use crate::photos::image::RgbImage;

/// One plane of 8-bit samples, rows packed without padding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plane {
    pub width: u32,
    pub height: u32,
    pub samples: Vec<u8>,
}

impl Plane {
    pub fn new(width: u32, height: u32, samples: Vec<u8>) -> Plane {
        Plane {
            width,
            height,
            samples,
        }
    }

    pub fn filled(width: u32, height: u32, value: u8) -> Plane {
        Plane {
            width,
            height,
            samples: vec![value; width as usize * height as usize],
        }
    }

    /// This plane widened and heightened to `width` x `height` (not smaller
    /// than it is) by repeating its last column and row — what libjpeg does
    /// to fill a partial block, so the padding adds no edge to the image.
    pub fn padded_to(&self, width: u32, height: u32) -> Plane {
        if self.width == 0 || self.height == 0 {
            return Plane::filled(width, height, 0);
        }
        let (w, h) = (self.width as usize, self.height as usize);
        let (out_w, out_h) = (width as usize, height as usize);
        let mut samples = Vec::with_capacity(out_w * out_h);
        for row in self.samples.chunks_exact(w).take(h) {
            samples.extend_from_slice(row);
            let last = row[w - 1];
            samples.resize(samples.len() + out_w - w, last);
        }
        let last_row = samples.len() - out_w;
        for _ in h..out_h {
            samples.extend_from_within(last_row..last_row + out_w);
        }
        Plane {
            width,
            height,
            samples,
        }
    }
}

/// A plane borrowed from wherever its samples live.
#[derive(Debug, Clone, Copy)]
pub struct PlaneRef<'a> {
    pub width: u32,
    pub height: u32,
    pub samples: &'a [u8],
}

impl Plane {
    pub fn view(&self) -> PlaneRef<'_> {
        PlaneRef {
            width: self.width,
            height: self.height,
            samples: &self.samples,
        }
    }
}

/// The planes of an image as the resizer reads them: a [`YcbcrImage`]'s own,
/// or slices of the one buffer a decoder wrote ([`DecodedPlanes`]).
#[derive(Debug, Clone, Copy)]
pub struct PlanesView<'a> {
    /// The visible size in pixels (the planes may be padded beyond it).
    pub width: u32,
    pub height: u32,
    pub y: PlaneRef<'a>,
    /// Cb and Cr; `None` for a greyscale image.
    pub chroma: Option<(PlaneRef<'a>, PlaneRef<'a>)>,
    pub chroma_step: (u32, u32),
}

/// What libjpeg-turbo's decode-to-planes writes: Y, Cb and Cr one after
/// another in one buffer, each side padded to whole chroma samples. Kept as
/// one buffer — splitting it would copy the chroma (6 MB for a 24 MP 4:2:2
/// photo decoded at 1/2) into fresh pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodedPlanes {
    pub width: u32,
    pub height: u32,
    pub samples: Vec<u8>,
    pub luma_size: (u32, u32),
    /// `None` for a greyscale JPEG (luma only).
    pub chroma_size: Option<(u32, u32)>,
    pub chroma_step: (u32, u32),
}

impl DecodedPlanes {
    pub fn view(&self) -> PlanesView<'_> {
        let (luma_w, luma_h) = self.luma_size;
        let luma_len = luma_w as usize * luma_h as usize;
        let (luma, rest) = self.samples.split_at(luma_len.min(self.samples.len()));
        let plane = |width: u32, height: u32, samples| PlaneRef {
            width,
            height,
            samples,
        };
        let chroma = self.chroma_size.map(|(w, h)| {
            let len = (w as usize * h as usize).min(rest.len() / 2);
            let (cb, cr) = rest.split_at(len);
            (plane(w, h, cb), plane(w, h, &cr[..len]))
        });
        PlanesView {
            width: self.width,
            height: self.height,
            y: plane(luma_w, luma_h, luma),
            chroma,
            chroma_step: self.chroma_step,
        }
    }
}

/// A Y'CbCr image (JPEG's full-range BT.601).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YcbcrImage {
    /// The visible size in pixels. The planes may hold more: a decoder
    /// pads them to whole chroma samples.
    pub width: u32,
    pub height: u32,
    pub y: Plane,
    pub cb: Plane,
    pub cr: Plane,
    /// Luma samples per chroma sample across and down: (2, 2) is 4:2:0,
    /// (2, 1) is 4:2:2, (1, 1) is 4:4:4.
    pub chroma_step: (u32, u32),
}

impl YcbcrImage {
    /// 4:2:0, the form the encoder writes.
    pub const SUBSAMPLED: (u32, u32) = (2, 2);

    pub fn long_edge(&self) -> u32 {
        self.width.max(self.height)
    }

    /// Chroma plane size for a 4:2:0 image of `width` x `height`: one
    /// sample per 2x2 pixels, rounded up.
    pub fn chroma_size(width: u32, height: u32) -> (u32, u32) {
        (width.div_ceil(2), height.div_ceil(2))
    }

    pub fn view(&self) -> PlanesView<'_> {
        PlanesView {
            width: self.width,
            height: self.height,
            y: self.y.view(),
            chroma: Some((self.cb.view(), self.cr.view())),
            chroma_step: self.chroma_step,
        }
    }

    /// Convert RGB to 4:2:0 with libjpeg's coefficients and rounding; each
    /// chroma sample is the average of its 2x2 pixels (edge pixels repeat
    /// when a side is odd), as libjpeg's own downsampler does.
    pub fn from_rgb(rgb: &RgbImage) -> Result<YcbcrImage, PhotoError> {
        let (w, h) = (rgb.width as usize, rgb.height as usize);
        if w == 0 || h == 0 || rgb.pixels.len() < w * h * 3 {
            return Err(PhotoError::corrupt("RGB image smaller than its size"));
        }
        let (cw, ch) = Self::chroma_size(rgb.width, rgb.height);
        let mut y = Vec::with_capacity(w * h);
        for px in rgb.pixels[..w * h * 3].chunks_exact(3) {
            let (r, g, b) = (i32::from(px[0]), i32::from(px[1]), i32::from(px[2]));
            y.push(((Y_R * r + Y_G * g + Y_B * b + HALF) >> SCALE_BITS) as u8);
        }
        let (mut cb, mut cr) = (
            Vec::with_capacity(cw as usize * ch as usize),
            Vec::with_capacity(cw as usize * ch as usize),
        );
        let pixel = |x: usize, y: usize| {
            let at = (y.min(h - 1) * w + x.min(w - 1)) * 3;
            let p = &rgb.pixels[at..at + 3];
            (i32::from(p[0]), i32::from(p[1]), i32::from(p[2]))
        };
        for cy in 0..ch as usize {
            for cx in 0..cw as usize {
                let (mut r, mut g, mut b) = (0, 0, 0);
                for (dx, dy) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
                    let p = pixel(2 * cx + dx, 2 * cy + dy);
                    r += p.0;
                    g += p.1;
                    b += p.2;
                }
                // Sums of four: two more bits of scale.
                let round = (128 << (SCALE_BITS + 2)) + (1 << (SCALE_BITS + 1)) - 1;
                cb.push(((CB_R * r + CB_G * g + CB_B * b + round) >> (SCALE_BITS + 2)) as u8);
                cr.push(((CR_R * r + CR_G * g + CR_B * b + round) >> (SCALE_BITS + 2)) as u8);
            }
        }
        Ok(YcbcrImage {
            width: rgb.width,
            height: rgb.height,
            y: Plane {
                width: rgb.width,
                height: rgb.height,
                samples: y,
            },
            cb: Plane {
                width: cw,
                height: ch,
                samples: cb,
            },
            cr: Plane {
                width: cw,
                height: ch,
                samples: cr,
            },
            chroma_step: Self::SUBSAMPLED,
        })
    }
}

// libjpeg's jccolor.c: 16-bit fixed point, FIX(x) = round(x * 65536).
const SCALE_BITS: i32 = 16;
const HALF: i32 = 1 << (SCALE_BITS - 1);
const Y_R: i32 = 19595; // 0.29900
const Y_G: i32 = 38470; // 0.58700
const Y_B: i32 = 7471; // 0.11400
const CB_R: i32 = -11059; // -0.16874
const CB_G: i32 = -21709; // -0.33126
const CB_B: i32 = 32768; // 0.5
const CR_R: i32 = 32768; // 0.5
const CR_G: i32 = -27439; // -0.41869
const CR_B: i32 = -5329; // -0.08131

#[cfg(test)]
mod tests {
    use super::*;

    fn rgb(width: u32, height: u32, pixel: [u8; 3]) -> RgbImage {
        RgbImage {
            width,
            height,
            pixels: pixel.repeat(width as usize * height as usize),
        }
    }

    #[test]
    fn primaries_convert_like_libjpeg() {
        // BT.601 full range, rounded as libjpeg rounds (Cr of pure red is
        // 255.5: libjpeg's offset keeps it at 255).
        let cases = [
            ([255, 255, 255], (255, 128, 128)),
            ([0, 0, 0], (0, 128, 128)),
            ([255, 0, 0], (76, 85, 255)),
            ([0, 255, 0], (150, 44, 21)),
            ([0, 0, 255], (29, 255, 107)),
        ];
        for (pixel, (y, cb, cr)) in cases {
            let image = YcbcrImage::from_rgb(&rgb(3, 3, pixel)).unwrap();
            assert_eq!(image.y.samples, vec![y; 9], "{pixel:?}");
            assert_eq!((image.cb.width, image.cb.height), (2, 2));
            assert_eq!(image.cb.samples, vec![cb; 4], "{pixel:?}");
            assert_eq!(image.cr.samples, vec![cr; 4], "{pixel:?}");
        }
    }

    #[test]
    fn chroma_averages_each_two_by_two_block() {
        // Left column white, right column black: chroma stays neutral,
        // luma keeps the edge.
        let mut image = rgb(2, 2, [0, 0, 0]);
        image.pixels[..3].copy_from_slice(&[255, 255, 255]);
        image.pixels[6..9].copy_from_slice(&[255, 255, 255]);
        let planes = YcbcrImage::from_rgb(&image).unwrap();
        assert_eq!(planes.y.samples, vec![255, 0, 255, 0]);
        assert_eq!(planes.cb.samples, vec![128]);
        assert_eq!(planes.cr.samples, vec![128]);
    }

    #[test]
    fn padding_repeats_the_last_column_and_row() {
        let plane = Plane {
            width: 3,
            height: 2,
            samples: vec![1, 2, 3, 4, 5, 6],
        };
        let padded = plane.padded_to(4, 3);
        assert_eq!(padded.samples, vec![1, 2, 3, 3, 4, 5, 6, 6, 4, 5, 6, 6]);
    }
}
