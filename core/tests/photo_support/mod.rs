//! The photo tests' image toolkit, written independently of the core: a
//! reference decode, the upright image by the EXIF table, content grids to
//! compare images of different sizes, the JPEG segment checks (no metadata,
//! 4:2:0), and hand-made inputs (a PNG of given pixels, a JPEG declaring
//! another size, random bytes).

#![allow(dead_code)] // not every test binary uses every tool

#[derive(Debug)]
pub struct Pixels {
    pub width: usize,
    pub height: usize,
    pub rgb: Vec<u8>,
}

pub fn decode(jpeg: &[u8], factor: turbojpeg::ScalingFactor) -> Pixels {
    let mut d = turbojpeg::Decompressor::new().unwrap();
    let header = d.read_header(jpeg).unwrap().scaled(factor);
    d.set_scaling_factor(factor).unwrap();
    let mut rgb = vec![0; header.width * header.height * 3];
    d.decompress(
        jpeg,
        turbojpeg::Image {
            pixels: rgb.as_mut_slice(),
            width: header.width,
            pitch: header.width * 3,
            height: header.height,
            format: turbojpeg::PixelFormat::RGB,
        },
    )
    .unwrap();
    Pixels {
        width: header.width,
        height: header.height,
        rgb,
    }
}

/// The upright image, written independently of the core: for each *output*
/// pixel, which stored pixel it shows (EXIF 2.32, table of Orientation).
pub fn reference_upright(stored: &Pixels, orientation: u32) -> Pixels {
    let (w, h) = (stored.width, stored.height);
    let (ow, oh) = if orientation >= 5 { (h, w) } else { (w, h) };
    let mut rgb = vec![0; ow * oh * 3];
    for oy in 0..oh {
        for ox in 0..ow {
            let (x, y) = match orientation {
                1 => (ox, oy),
                2 => (w - 1 - ox, oy),
                3 => (w - 1 - ox, h - 1 - oy),
                4 => (ox, h - 1 - oy),
                5 => (oy, ox),
                6 => (oy, h - 1 - ox),
                7 => (w - 1 - oy, h - 1 - ox),
                8 => (w - 1 - oy, ox),
                _ => unreachable!(),
            };
            let from = (y * w + x) * 3;
            rgb[(oy * ow + ox) * 3..][..3].copy_from_slice(&stored.rgb[from..from + 3]);
        }
    }
    Pixels {
        width: ow,
        height: oh,
        rgb,
    }
}

/// Mean luma of each cell of a `cols` x `rows` grid: compares images of
/// different sizes by content.
pub fn grid(image: &Pixels, cols: usize, rows: usize) -> Vec<f64> {
    let mut cells = vec![(0.0, 0u64); cols * rows];
    for y in 0..image.height {
        for x in 0..image.width {
            let p = &image.rgb[(y * image.width + x) * 3..][..3];
            let luma = 0.299 * f64::from(p[0]) + 0.587 * f64::from(p[1]) + 0.114 * f64::from(p[2]);
            let cell = &mut cells[(y * rows / image.height) * cols + x * cols / image.width];
            cell.0 += luma;
            cell.1 += 1;
        }
    }
    cells.iter().map(|(sum, n)| sum / *n as f64).collect()
}

/// Mean red, green and blue of each cell of a `cols` x `rows` grid: catches
/// what luma alone cannot (chroma swapped, shifted or lost).
pub fn colour_grid(image: &Pixels, cols: usize, rows: usize) -> Vec<f64> {
    let mut cells = vec![([0.0; 3], 0u64); cols * rows];
    for y in 0..image.height {
        for x in 0..image.width {
            let p = &image.rgb[(y * image.width + x) * 3..][..3];
            let cell = &mut cells[(y * rows / image.height) * cols + x * cols / image.width];
            for (sum, &value) in cell.0.iter_mut().zip(p) {
                *sum += f64::from(value);
            }
            cell.1 += 1;
        }
    }
    cells
        .iter()
        .flat_map(|(sums, n)| sums.map(|sum| sum / *n as f64))
        .collect()
}

pub fn mean_abs_diff(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| (x - y).abs()).sum::<f64>() / a.len() as f64
}

pub fn exif_orientation(file: &[u8]) -> u32 {
    exif::Reader::new()
        .read_from_container(&mut std::io::Cursor::new(file))
        .ok()
        .and_then(|e| {
            e.get_field(exif::Tag::Orientation, exif::In::PRIMARY)
                .and_then(|f| f.value.get_uint(0))
        })
        .unwrap_or(1)
}

/// The segments of a JPEG before its first scan: (marker, payload).
pub fn segments(jpeg: &[u8]) -> Vec<(u8, Vec<u8>)> {
    assert_eq!(&jpeg[..2], &[0xFF, 0xD8], "starts with SOI");
    let mut at = 2;
    let mut found = Vec::new();
    loop {
        assert_eq!(jpeg[at], 0xFF);
        let marker = jpeg[at + 1];
        let len = usize::from(u16::from_be_bytes([jpeg[at + 2], jpeg[at + 3]]));
        found.push((marker, jpeg[at + 4..at + 2 + len].to_vec()));
        if marker == 0xDA {
            return found;
        }
        at += 2 + len;
    }
}

/// Proves "no metadata at all": only JFIF APP0, tables, frame and scan headers.
pub fn assert_no_metadata(jpeg: &[u8]) {
    for (marker, payload) in segments(jpeg) {
        match marker {
            0xE0 => assert!(payload.starts_with(b"JFIF\0"), "APP0 other than JFIF"),
            0xDB | 0xC4 | 0xC0 | 0xDD | 0xDA => {}
            other => panic!("unexpected segment FF{other:02X} (metadata?)"),
        }
    }
    assert!(
        exif::Reader::new()
            .read_from_container(&mut std::io::Cursor::new(jpeg))
            .is_err(),
        "the output must carry no EXIF"
    );
    for needle in [
        &b"Exif"[..],
        b"http://ns.adobe.com/xap",
        b"Photoshop 3.0",
        b"ICC_PROFILE",
    ] {
        assert!(
            !jpeg.windows(needle.len()).any(|w| w == needle),
            "found {:?} in output",
            String::from_utf8_lossy(needle)
        );
    }
}

/// 4:2:0: luma sampled 2x2, both chroma components 1x1.
pub fn assert_420(jpeg: &[u8]) {
    let (_, sof) = segments(jpeg)
        .into_iter()
        .find(|(m, _)| *m == 0xC0)
        .expect("baseline SOF0");
    assert_eq!(sof[5], 3, "three components");
    assert_eq!(sof[6 + 1], 0x22, "Y sampled 2x2");
    assert_eq!(sof[9 + 1], 0x11, "Cb 1x1");
    assert_eq!(sof[12 + 1], 0x11, "Cr 1x1");
}

/// An 8-bit PNG of these pixels, in memory.
pub fn png_file(w: u32, h: u32, color: png::ColorType, pixels: &[u8]) -> Vec<u8> {
    let mut png_bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut png_bytes, w, h);
    encoder.set_color(color);
    encoder.set_depth(png::BitDepth::Eight);
    encoder
        .write_header()
        .unwrap()
        .write_image_data(pixels)
        .unwrap();
    png_bytes
}

/// A JPEG whose frame header claims `width` x `height` (the rest is a real
/// small photo, so everything up to the scan parses).
pub fn jpeg_declaring(width: u16, height: u16) -> Vec<u8> {
    let mut jpeg = std::fs::read(ihanoi_test_kit::shared_photo("iphone4s-gps-small.jpg")).unwrap();
    let mut at = 2;
    loop {
        let marker = jpeg[at + 1];
        let len = usize::from(u16::from_be_bytes([jpeg[at + 2], jpeg[at + 3]]));
        if matches!(marker, 0xC0..=0xC2) {
            jpeg[at + 5..at + 7].copy_from_slice(&height.to_be_bytes());
            jpeg[at + 7..at + 9].copy_from_slice(&width.to_be_bytes());
            return jpeg;
        }
        at += 2 + len;
    }
}

pub fn random_bytes(len: usize) -> Vec<u8> {
    // xorshift: deterministic "random" content without a dependency.
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect()
}
