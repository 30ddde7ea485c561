//! The demo's own photos, made at run time so the repository carries no binary
//! samples: a street scene (sky, houses, pavement, a heap of rubbish) encoded by
//! the core's JPEG encoder, with an EXIF block written here the way a phone
//! camera writes it (capture time with its UTC offset, GPS position and
//! accuracy) — so the demo shows the core reading the time and place from the
//! photo, and stripping them from what it uploads.

use std::path::{Path, PathBuf};

use ihanoi_core::photos::encode::encode;
use ihanoi_core::photos::image::RgbImage;

use crate::error::{CliError, CliResult};

/// Where the sample is "taken": the pavement at Hoàn Kiếm Lake's north end.
pub const SAMPLE_LAT: f64 = 21.0293;
pub const SAMPLE_LON: f64 = 105.8526;
const SAMPLE_ACCURACY_M: u32 = 6;

const WIDTH: u32 = 2000;
const HEIGHT: u32 = 1500;

/// The "before" photo: rubbish on the pavement, with camera EXIF.
pub fn write_report_photo(dir: &Path, taken_at_ms: i64) -> CliResult<PathBuf> {
    let image = scene(true);
    let jpeg = encode(&image, 92).map_err(ihanoi_core::Error::from)?;
    let exif = exif_block(taken_at_ms, SAMPLE_LAT, SAMPLE_LON, SAMPLE_ACCURACY_M);
    write(dir, "pho-ban-truoc.jpg", &with_exif(&jpeg, &exif))
}

/// The ward's "after" photo: the same pavement, cleaned.
pub fn write_result_photo(dir: &Path) -> CliResult<PathBuf> {
    let image = scene(false);
    let jpeg = encode(&image, 85).map_err(ihanoi_core::Error::from)?;
    write(dir, "ket-qua-xu-ly.jpg", &jpeg)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> CliResult<PathBuf> {
    let path = dir.join(name);
    std::fs::write(&path, bytes).map_err(|e| CliError::file(&path, e))?;
    Ok(path)
}

/// A simple street: sky gradient, a row of tube houses, pavement, road; with
/// `rubbish`, a dark heap with a few coloured bags on the pavement.
fn scene(rubbish: bool) -> RgbImage {
    let (w, h) = (WIDTH as usize, HEIGHT as usize);
    let mut pixels = vec![0u8; w * h * 3];
    let horizon = h * 45 / 100;
    let kerb = h * 72 / 100;
    for y in 0..h {
        for x in 0..w {
            let mut rgb = if y < horizon / 2 {
                // Sky: light blue fading to haze.
                let t = y as f32 / (horizon / 2) as f32;
                [
                    (120.0 + 90.0 * t) as u8,
                    (170.0 + 60.0 * t) as u8,
                    (230.0 - 10.0 * t) as u8,
                ]
            } else if y < horizon {
                // Tube houses, 4 m wide façades in pastel colours.
                let house = x / (w / 9);
                let palette = [
                    [236, 208, 120],
                    [200, 120, 90],
                    [150, 190, 170],
                    [240, 230, 210],
                    [210, 150, 160],
                ];
                let mut c = palette[house % palette.len()];
                let window = (x % (w / 9)) > w / 40 && (x % (w / 9)) < w / 14 && (y % 90) > 30;
                if window {
                    c = [60, 70, 80];
                }
                c
            } else if y < kerb {
                // Pavement tiles.
                let tile = ((x / 60) + (y / 60)) % 2 == 0;
                if tile {
                    [186, 180, 170]
                } else {
                    [170, 163, 152]
                }
            } else {
                // Road with a dashed lane line.
                let line = (y as i64 - (h * 86 / 100) as i64).abs() < 6 && (x / 120) % 2 == 0;
                if line { [235, 235, 225] } else { [70, 72, 76] }
            };
            if rubbish {
                let (cx, cy) = (w as f32 * 0.55, kerb as f32 - 20.0);
                let dx = (x as f32 - cx) / (w as f32 * 0.16);
                let dy = (y as f32 - cy) / (h as f32 * 0.14);
                if dy < 0.0 && dx * dx + dy * dy < 1.0 {
                    let bag = ((x / 47) * 7 + (y / 53) * 3) % 5;
                    rgb = match bag {
                        0 => [30, 30, 34],
                        1 => [40, 90, 160],
                        2 => [230, 230, 225],
                        3 => [50, 48, 44],
                        _ => [110, 80, 50],
                    };
                }
            }
            let i = (y * w + x) * 3;
            pixels[i..i + 3].copy_from_slice(&rgb);
        }
    }
    RgbImage {
        width: WIDTH,
        height: HEIGHT,
        pixels,
    }
}

/// Insert an APP1 "Exif" segment right after SOI (and JFIF's APP0, if any).
fn with_exif(jpeg: &[u8], tiff: &[u8]) -> Vec<u8> {
    let mut at = 2;
    if jpeg.len() > 6 && jpeg[2] == 0xFF && jpeg[3] == 0xE0 {
        at = 4 + usize::from(u16::from_be_bytes([jpeg[4], jpeg[5]]));
    }
    let length = u16::try_from(2 + 6 + tiff.len()).expect("a small EXIF block");
    let mut out = Vec::with_capacity(jpeg.len() + tiff.len() + 10);
    out.extend_from_slice(&jpeg[..at]);
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&length.to_be_bytes());
    out.extend_from_slice(b"Exif\0\0");
    out.extend_from_slice(tiff);
    out.extend_from_slice(&jpeg[at..]);
    out
}

const ASCII: u16 = 2;
const LONG: u16 = 4;
const RATIONAL: u16 = 5;
const BYTE: u16 = 1;

struct Entry {
    tag: u16,
    kind: u16,
    count: u32,
    data: Vec<u8>,
}

fn ascii(tag: u16, text: &str) -> Entry {
    let mut data = text.as_bytes().to_vec();
    data.push(0);
    Entry {
        tag,
        kind: ASCII,
        count: data.len() as u32,
        data,
    }
}

fn long(tag: u16, value: u32) -> Entry {
    Entry {
        tag,
        kind: LONG,
        count: 1,
        data: value.to_be_bytes().to_vec(),
    }
}

fn rationals(tag: u16, values: &[(u32, u32)]) -> Entry {
    let data = values
        .iter()
        .flat_map(|(n, d)| n.to_be_bytes().into_iter().chain(d.to_be_bytes()))
        .collect();
    Entry {
        tag,
        kind: RATIONAL,
        count: values.len() as u32,
        data,
    }
}

/// Degrees as EXIF's degrees, minutes, seconds (1/1000 s).
fn dms(value: f64) -> [(u32, u32); 3] {
    let value = value.abs();
    let degrees = value.floor();
    let minutes = ((value - degrees) * 60.0).floor();
    let seconds = ((value - degrees) * 60.0 - minutes) * 60.0;
    [
        (degrees as u32, 1),
        (minutes as u32, 1),
        ((seconds * 1000.0).round() as u32, 1000),
    ]
}

fn ifd_size(entries: &[Entry]) -> usize {
    let data: usize = entries
        .iter()
        .filter(|e| e.data.len() > 4)
        .map(|e| e.data.len().next_multiple_of(2))
        .sum();
    2 + 12 * entries.len() + 4 + data
}

/// One IFD at `offset` (from the TIFF header), values longer than 4 bytes
/// right after it.
fn ifd(entries: &[Entry], offset: usize) -> Vec<u8> {
    let mut head = Vec::new();
    let mut data = Vec::new();
    let data_start = offset + 2 + 12 * entries.len() + 4;
    head.extend_from_slice(&(entries.len() as u16).to_be_bytes());
    for e in entries {
        head.extend_from_slice(&e.tag.to_be_bytes());
        head.extend_from_slice(&e.kind.to_be_bytes());
        head.extend_from_slice(&e.count.to_be_bytes());
        if e.data.len() <= 4 {
            let mut inline = e.data.clone();
            inline.resize(4, 0);
            head.extend_from_slice(&inline);
        } else {
            head.extend_from_slice(&((data_start + data.len()) as u32).to_be_bytes());
            data.extend_from_slice(&e.data);
            if data.len() % 2 == 1 {
                data.push(0);
            }
        }
    }
    head.extend_from_slice(&0u32.to_be_bytes());
    head.extend_from_slice(&data);
    head
}

/// A big-endian TIFF block: camera make/model, capture time in Hanoi time
/// with its offset, GPS position and horizontal accuracy.
fn exif_block(taken_at_ms: i64, lat: f64, lon: f64, accuracy_m: u32) -> Vec<u8> {
    // "2026-11-20T08:15:00+07:00" → EXIF's "2026:11:20 08:15:00"
    let w3c = ihanoi_core::time::w3c::format(taken_at_ms, 7 * 60);
    let date_time = w3c[..19].replacen('-', ":", 2).replace('T', " ");
    let exif = vec![ascii(0x9003, &date_time), ascii(0x9011, "+07:00")];
    let gps = vec![
        Entry {
            tag: 0x0000,
            kind: BYTE,
            count: 4,
            data: vec![2, 3, 0, 0],
        },
        ascii(0x0001, if lat >= 0.0 { "N" } else { "S" }),
        rationals(0x0002, &dms(lat)),
        ascii(0x0003, if lon >= 0.0 { "E" } else { "W" }),
        rationals(0x0004, &dms(lon)),
        rationals(0x001F, &[(accuracy_m, 1)]),
    ];
    let ifd0_entries = |exif_at: u32, gps_at: u32| {
        vec![
            ascii(0x010F, "iHaNoi"),
            ascii(0x0110, "ihanoi demo camera"),
            long(0x8769, exif_at),
            long(0x8825, gps_at),
        ]
    };
    let ifd0_at = 8;
    let exif_at = ifd0_at + ifd_size(&ifd0_entries(0, 0));
    let gps_at = exif_at + ifd_size(&exif);
    let mut tiff = b"MM\0\x2A".to_vec();
    tiff.extend_from_slice(&(ifd0_at as u32).to_be_bytes());
    tiff.extend(ifd(&ifd0_entries(exif_at as u32, gps_at as u32), ifd0_at));
    tiff.extend(ifd(&exif, exif_at));
    tiff.extend(ifd(&gps, gps_at));
    tiff
}
