//! The photo pipeline against the real test photos in `$IHANOI_SHARED/photos`
//! (default `<repo>/../shared/photos`), a real SQLite store and real files.

use std::path::{Path, PathBuf};

use ihanoi_core::photos::{
    self, CompressOptions, ImageFormat, Photo, PhotoError, PhotoSource, SizePreset,
};
use ihanoi_core::reports::ProblemCode;
use ihanoi_core::tasks::CancelToken;
use ihanoi_core::{Core, Error};
use ihanoi_test_kit::images::png_declaring;

mod photo_support;
use photo_support::*;

// ---------------------------------------------------------------- helpers

fn shared_photos() -> PathBuf {
    ihanoi_test_kit::shared_dir().join("photos")
}

fn photo(name: &str) -> PathBuf {
    let path = shared_photos().join(name);
    assert!(path.is_file(), "test photo missing: {}", path.display());
    path
}

fn all_photos() -> Vec<PathBuf> {
    let mut photos: Vec<PathBuf> = std::fs::read_dir(shared_photos())
        .expect("shared photos folder")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "jpg"))
        .collect();
    photos.sort();
    assert!(photos.len() >= 9, "expected the 9 shared test photos");
    photos
}

struct Fixture {
    core: Core,
    data: tempfile::TempDir,
    /// A folder the core is told it may read (like the shell's cache).
    inbox: tempfile::TempDir,
}

fn fixture() -> Fixture {
    let data = tempfile::tempdir().unwrap();
    let inbox = tempfile::tempdir().unwrap();
    let core = ihanoi_test_kit::open_core(data.path());
    core.set_photo_input_dirs(&[shared_photos(), inbox.path().to_owned()])
        .unwrap();
    Fixture { core, data, inbox }
}

impl Fixture {
    fn attach(&self, report_id: &str, path: &Path) -> Result<Photo, Error> {
        self.core.attach_photo_blocking(
            report_id,
            path,
            PhotoSource::Camera,
            &CompressOptions::default(),
            &CancelToken::new(),
        )
    }

    fn report_dir(&self, report_id: &str) -> PathBuf {
        self.data.path().join("reports").join(report_id)
    }

    /// Every file under the data directory except the database.
    fn photo_files(&self) -> Vec<PathBuf> {
        fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, out);
                } else if !path.to_string_lossy().contains("ihanoi.sqlite3") {
                    out.push(path);
                }
            }
        }
        let mut files = Vec::new();
        walk(&self.data.path().join("reports"), &mut files);
        files
    }
}

// ---------------------------------------------------------------- real photos

#[test]
fn every_real_photo_becomes_an_upright_private_jpeg_within_budget() {
    let f = fixture();
    for path in all_photos() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let original = std::fs::read(&path).unwrap();
        let orientation = exif_orientation(&original);
        let header = turbojpeg::read_header(&original).unwrap();
        let (upright_w, upright_h) = if orientation >= 5 {
            (header.height, header.width)
        } else {
            (header.width, header.height)
        };

        let draft = f.core.create_draft().unwrap();
        let stored = f.attach(&draft.id, &path).unwrap();
        let jpeg = std::fs::read(&stored.path).unwrap();

        // Size: long edge 1600 or the photo's own, never upscaled, aspect kept.
        let long = upright_w.max(upright_h);
        let expected_long = long.min(1600);
        assert_eq!(
            stored.width.max(stored.height) as usize,
            expected_long,
            "{name}"
        );
        assert_eq!(
            stored.width > stored.height,
            upright_w > upright_h,
            "{name}: portrait/landscape follows the EXIF orientation"
        );
        let aspect = |w: f64, h: f64| w / h;
        assert!(
            (aspect(stored.width.into(), stored.height.into())
                - aspect(upright_w as f64, upright_h as f64))
            .abs()
                < 0.01,
            "{name}: aspect ratio kept"
        );
        // Record matches the file.
        assert_eq!(stored.bytes as usize, jpeg.len(), "{name}");
        assert!(stored.bytes <= 400 * 1024, "{name}: {} bytes", stored.bytes);
        let written = turbojpeg::read_header(&jpeg).unwrap();
        assert_eq!(
            (written.width, written.height),
            (stored.width as usize, stored.height as usize)
        );
        assert_eq!(
            Path::new(&stored.path)
                .file_name()
                .unwrap()
                .to_string_lossy(),
            format!("{}.jpg", stored.sha256),
            "{name}: named by content hash"
        );
        assert_no_metadata(&jpeg);
        if stored.width >= 16 && stored.height >= 16 {
            assert_420(&jpeg);
        }

        // Thumbnail: 320 px long edge from the resized image, also clean.
        let thumbnail = std::fs::read(&stored.thumbnail_path).unwrap();
        let thumb = turbojpeg::read_header(&thumbnail).unwrap();
        assert_eq!(
            thumb.width.max(thumb.height),
            expected_long.min(320),
            "{name}"
        );
        assert_no_metadata(&thumbnail);

        // Content is upright: compare a coarse luma grid with the original
        // turned by an independent implementation.
        // Decode the original small, but not so small that grid cells blur.
        let factor = [
            turbojpeg::ScalingFactor::ONE_EIGHTH,
            turbojpeg::ScalingFactor::ONE_QUARTER,
            turbojpeg::ScalingFactor::ONE_HALF,
        ]
        .into_iter()
        .find(|f| f.scale(long) >= 400)
        .unwrap_or(turbojpeg::ScalingFactor::ONE);
        let reference = reference_upright(&decode(&original, factor), orientation);
        let output = decode(&jpeg, turbojpeg::ScalingFactor::ONE);
        let (cols, rows) = (6, 6);
        let right = mean_abs_diff(&grid(&output, cols, rows), &grid(&reference, cols, rows));
        eprintln!("{name}: orientation {orientation}, grid difference {right:.2}");
        assert!(
            right < 2.0,
            "{name}: content differs from the upright original ({right:.1})"
        );
        let colour = mean_abs_diff(
            &colour_grid(&output, cols, rows),
            &colour_grid(&reference, cols, rows),
        );
        assert!(
            colour < 2.5,
            "{name}: colours differ from the upright original ({colour:.1})"
        );
        if orientation != 1 {
            let unturned = decode(&original, factor);
            let wrong = mean_abs_diff(&grid(&output, cols, rows), &grid(&unturned, cols, rows));
            assert!(
                wrong > right * 2.0,
                "{name}: orientation {orientation} must change the content ({wrong:.1} vs {right:.1})"
            );
        }
    }
}

/// Camera JPEGs are decoded to their planes as stored, whatever the chroma
/// sampling, and resized plane by plane: each sampling must come out with the
/// colours of the original. The variants are made here from a real photo.
#[test]
fn every_chroma_sampling_keeps_the_colours() {
    use turbojpeg::Subsamp;
    let original = std::fs::read(photo("nokia-lumia-gps.jpg")).unwrap();
    let source = decode(&original, turbojpeg::ScalingFactor::ONE);
    let image = turbojpeg::Image {
        pixels: source.rgb.as_slice(),
        width: source.width,
        pitch: source.width * 3,
        height: source.height,
        format: turbojpeg::PixelFormat::RGB,
    };
    let (cols, rows) = (8, 6);
    let expected = colour_grid(&source, cols, rows);
    let f = fixture();
    for subsamp in [
        Subsamp::None,
        Subsamp::Sub2x1,
        Subsamp::Sub2x2,
        Subsamp::Sub1x2,
        Subsamp::Sub4x1,
        Subsamp::Sub1x4,
        Subsamp::Gray,
    ] {
        let jpeg = turbojpeg::compress(image, 95, subsamp).unwrap();
        let path = f.inbox.path().join(format!("{subsamp:?}.jpg"));
        std::fs::write(&path, &*jpeg).unwrap();
        let compressed = photos::ops::compress_file(
            &path,
            f.inbox.path(),
            &CompressOptions {
                preset: SizePreset::Small,
                ..CompressOptions::default()
            },
        )
        .unwrap();
        let output = decode(
            &std::fs::read(&compressed.path).unwrap(),
            turbojpeg::ScalingFactor::ONE,
        );
        let (w, h) = photos::resize::fit(source.width as u32, source.height as u32, 1024);
        assert_eq!(
            (output.width, output.height),
            (w as usize, h as usize),
            "{subsamp:?}"
        );
        let got = colour_grid(&output, cols, rows);
        let difference = if subsamp == Subsamp::Gray {
            // Grey in, grey out: every channel equals the source's luma.
            let luma = grid(&source, cols, rows);
            let grey: Vec<f64> = got.chunks(3).map(|c| (c[0] + c[1] + c[2]) / 3.0).collect();
            assert!(
                got.chunks(3).all(|c| (c[0] - c[2]).abs() < 1.0),
                "{subsamp:?}: grey stays grey"
            );
            mean_abs_diff(&grey, &luma)
        } else {
            mean_abs_diff(&got, &expected)
        };
        eprintln!("{subsamp:?}: colour difference {difference:.2}");
        assert!(
            difference < 2.5,
            "{subsamp:?}: colours differ ({difference:.1})"
        );
    }
}

#[test]
fn exif_gps_time_and_flags_are_read() {
    let f = fixture();
    let draft = f.core.create_draft().unwrap();

    let hanoi = f
        .attach(&draft.id, &photo("phone-12mp-rot6-hanoi.jpg"))
        .unwrap();
    let gps = hanoi.gps.expect("GPS");
    assert!((gps.latitude - 21.02870).abs() < 1e-4, "{gps:?}");
    assert!((gps.longitude - 105.85240).abs() < 1e-4, "{gps:?}");
    assert_eq!(gps.accuracy_m, Some(8.0));
    // 2026-11-20 08:15 +07:00 = 01:15 UTC.
    assert_eq!(hanoi.capture_utc_offset_minutes, Some(420));
    assert_eq!(hanoi.captured_at_ms, Some(1_795_137_300_000));
    assert!(!hanoi.flags.no_capture_time);
    assert!(!hanoi.flags.edited_by_software);
    assert_eq!(
        hanoi.flags.older_than_7_days,
        hanoi.added_at_ms - 1_795_137_300_000 > 7 * 24 * 3600 * 1000
    );
    assert_eq!(hanoi.source, PhotoSource::Camera);

    let xiaomi = f
        .attach(&draft.id, &photo("phone-13mp-xiaomi-rot6-hanoi.jpg"))
        .unwrap();
    let gps = xiaomi.gps.expect("GPS");
    assert!((gps.latitude - 21.03680).abs() < 1e-4 && (gps.longitude - 105.83470).abs() < 1e-4);

    let edited = f
        .attach(&draft.id, &photo("nikon-photoshop-edited.jpg"))
        .unwrap();
    assert!(edited.flags.edited_by_software, "{:?}", edited.software);
    assert!(edited.software.as_deref().unwrap().contains("Photoshop"));
    assert!(edited.flags.older_than_7_days);
    assert!(!edited.flags.no_capture_time);

    let iphone = f
        .attach(&draft.id, &photo("iphone4s-gps-small.jpg"))
        .unwrap();
    assert!(
        iphone.gps.is_some(),
        "iPhone 4S GPS (outside Hanoi) is still read"
    );
}

#[test]
fn presets_and_byte_budget_are_respected() {
    let file = std::fs::read(photo("camera-18mp-progressive-q100.jpg")).unwrap();
    for (preset, long) in [
        (SizePreset::Small, 1024),
        (SizePreset::Standard, 1600),
        (SizePreset::Large, 2048),
    ] {
        let out = photos::compress(
            &file,
            &CompressOptions {
                preset,
                max_bytes: 400 * 1024,
            },
            &CancelToken::new(),
        )
        .unwrap();
        assert_eq!(out.width.max(out.height), long);
        assert!(out.jpeg.len() <= 400 * 1024);
    }
    // A tight budget lowers the quality, not the promise.
    let tight = photos::compress(
        &file,
        &CompressOptions {
            preset: SizePreset::Standard,
            max_bytes: 120 * 1024,
        },
        &CancelToken::new(),
    )
    .unwrap();
    assert!(tight.jpeg.len() <= 120 * 1024, "{}", tight.jpeg.len());
    assert!(tight.quality < 80);
    assert_no_metadata(&tight.jpeg);
}

#[test]
fn a_photo_that_does_not_fit_at_the_lowest_quality_is_shrunk_until_it_does() {
    // Noise compresses badly: 1200×900 of it is far over 60 KB even at quality 40.
    let (w, h) = (1200u32, 900u32);
    let mut state = 0x2025_1126_u64;
    let noise: Vec<u8> = (0..w * h * 3)
        .map(|_| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 56) as u8
        })
        .collect();
    let png_bytes = png_file(w, h, png::ColorType::Rgb, &noise);
    let max_bytes = 60 * 1024;
    let out = photos::compress(
        &png_bytes,
        &CompressOptions {
            preset: SizePreset::Standard,
            max_bytes,
        },
        &CancelToken::new(),
    )
    .unwrap();
    assert!(out.jpeg.len() as u64 <= max_bytes, "{}", out.jpeg.len());
    assert!(out.width < w, "shrunk: {}×{}", out.width, out.height);
    // The aspect ratio survives the shrinking (to a pixel).
    assert!((i64::from(out.width) * 3 - i64::from(out.height) * 4).abs() <= 4);
    assert_no_metadata(&out.jpeg);
}

#[test]
fn png_alpha_is_flattened_on_white_and_webp_and_cmyk_decode() {
    // PNG: left half opaque red, right half fully transparent.
    let (w, h) = (64u32, 32u32);
    let mut rgba = Vec::new();
    for _y in 0..h {
        for x in 0..w {
            rgba.extend_from_slice(if x < w / 2 {
                &[200, 0, 0, 255]
            } else {
                &[0, 0, 0, 0]
            });
        }
    }
    let png_bytes = png_file(w, h, png::ColorType::Rgba, &rgba);
    let out =
        photos::compress(&png_bytes, &CompressOptions::default(), &CancelToken::new()).unwrap();
    let pixels = decode(&out.jpeg, turbojpeg::ScalingFactor::ONE);
    let at = |x: usize, y: usize| &pixels.rgb[(y * pixels.width + x) * 3..][..3];
    assert!(
        at(56, 16).iter().all(|&c| c > 245),
        "transparent became white: {:?}",
        at(56, 16)
    );
    assert!(
        at(8, 16)[0] > 170 && at(8, 16)[1] < 40,
        "opaque red kept: {:?}",
        at(8, 16)
    );

    // WebP (lossless, from the pure-Rust encoder).
    let rgb: Vec<u8> = (0..w * h).flat_map(|i| [(i % 251) as u8, 90, 30]).collect();
    let mut webp = Vec::new();
    image_webp::WebPEncoder::new(&mut webp)
        .encode(&rgb, w, h, image_webp::ColorType::Rgb8)
        .unwrap();
    let out = photos::compress(&webp, &CompressOptions::default(), &CancelToken::new()).unwrap();
    assert_eq!((out.width, out.height), (w, h));

    // CMYK JPEG (as Photoshop writes them: inverted inks). Top half no ink
    // (white), bottom half full magenta.
    let (cw, ch) = (64usize, 64usize);
    let cmyk: Vec<u8> = (0..cw * ch)
        .flat_map(|i| {
            if i < cw * ch / 2 {
                [255, 255, 255, 255]
            } else {
                [255, 0, 255, 255]
            }
        })
        .collect();
    let mut compressor = turbojpeg::Compressor::new().unwrap();
    compressor.set_quality(95).unwrap();
    let cmyk_jpeg = compressor
        .compress_to_vec(turbojpeg::Image {
            pixels: cmyk.as_slice(),
            width: cw,
            pitch: cw * 4,
            height: ch,
            format: turbojpeg::PixelFormat::CMYK,
        })
        .unwrap();
    let header = turbojpeg::read_header(&cmyk_jpeg).unwrap();
    assert!(matches!(
        header.colorspace,
        turbojpeg::Colorspace::YCCK | turbojpeg::Colorspace::CMYK
    ));
    let out =
        photos::compress(&cmyk_jpeg, &CompressOptions::default(), &CancelToken::new()).unwrap();
    let pixels = decode(&out.jpeg, turbojpeg::ScalingFactor::ONE);
    let at = |x: usize, y: usize| pixels.rgb[(y * pixels.width + x) * 3..][..3].to_vec();
    assert!(at(32, 8).iter().all(|&c| c > 240), "white: {:?}", at(32, 8));
    let magenta = at(32, 56);
    assert!(
        magenta[0] > 200 && magenta[1] < 60 && magenta[2] > 200,
        "magenta: {magenta:?}"
    );
}

// ---------------------------------------------------------------- drafts

#[test]
fn attach_remove_reorder_and_limits() {
    let f = fixture();
    let draft = f.core.create_draft().unwrap();
    let problem_codes = |id: &str| -> Vec<ProblemCode> {
        f.core
            .problems(id)
            .unwrap()
            .iter()
            .map(|p| p.code)
            .collect()
    };
    assert!(problem_codes(&draft.id).contains(&ProblemCode::PhotoMissing));

    let names = [
        "iphone4s-gps-small.jpg",
        "nikon-photoshop-edited.jpg",
        "orientation-rotate270.jpg",
        "orientation-mirror-vertical.jpg",
        "nokia-lumia-gps.jpg",
    ];
    let mut attached = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let p = f.attach(&draft.id, &photo(name)).unwrap();
        assert_eq!(p.position as usize, i);
        attached.push(p);
    }
    assert!(!problem_codes(&draft.id).contains(&ProblemCode::PhotoMissing));

    // The same source photo twice is refused, and so is a sixth photo.
    match f.attach(&draft.id, &photo(names[1])) {
        Err(Error::Photo(PhotoError::Duplicate { .. }))
        | Err(Error::Photo(PhotoError::TooManyPhotos { .. })) => {}
        other => panic!("expected a refusal, got {other:?}"),
    }
    match f.attach(&draft.id, &photo("phone-13mp-xiaomi-rot6-hanoi.jpg")) {
        Err(Error::Photo(PhotoError::TooManyPhotos { max: 5 })) => {}
        other => panic!("expected TooManyPhotos, got {other:?}"),
    }

    // Remove: the row and both files go; positions close up.
    let removed = attached.remove(1);
    f.core.remove_photo(&draft.id, &removed.id).unwrap();
    assert!(!Path::new(&removed.path).exists());
    assert!(!Path::new(&removed.thumbnail_path).exists());
    let listed = f.core.photos(&draft.id).unwrap();
    assert_eq!(listed.len(), 4);
    assert_eq!(
        listed.iter().map(|p| p.position).collect::<Vec<_>>(),
        vec![0, 1, 2, 3]
    );

    // Duplicate detection now on a report with room.
    match f.attach(&draft.id, &photo(names[0])) {
        Err(Error::Photo(PhotoError::Duplicate { existing_photo_id })) => {
            assert_eq!(existing_photo_id, attached[0].id)
        }
        other => panic!("expected Duplicate, got {other:?}"),
    }

    // Reorder: reversed, then a wrong list is refused.
    let mut order: Vec<String> = listed.iter().map(|p| p.id.clone()).collect();
    order.reverse();
    let reordered = f.core.reorder_photos(&draft.id, &order).unwrap();
    assert_eq!(
        reordered.iter().map(|p| p.id.clone()).collect::<Vec<_>>(),
        order
    );
    assert!(matches!(
        f.core.reorder_photos(&draft.id, &order[..2]),
        Err(Error::Photo(PhotoError::InvalidOrder))
    ));

    // The same photo may go on another report.
    let other = f.core.create_draft().unwrap();
    f.attach(&other.id, &photo(names[0])).unwrap();

    // Deleting the draft deletes its files.
    let dir = f.report_dir(&draft.id);
    assert!(dir.is_dir());
    f.core.delete_draft(&draft.id).unwrap();
    assert!(!dir.exists());
    assert_eq!(f.core.photos(&other.id).unwrap().len(), 1);
}

#[test]
fn a_cancelled_attach_leaves_nothing() {
    let f = fixture();
    let draft = f.core.create_draft().unwrap();
    let cancel = CancelToken::new();
    cancel.cancel();
    let result = f.core.attach_photo_blocking(
        &draft.id,
        &photo("phone-12mp-rot6-hanoi.jpg"),
        PhotoSource::Gallery,
        &CompressOptions::default(),
        &cancel,
    );
    assert!(
        matches!(result, Err(Error::Photo(PhotoError::Cancelled))),
        "{result:?}"
    );
    assert!(f.photo_files().is_empty());
    assert!(f.core.photos(&draft.id).unwrap().is_empty());

    // Cancelled from another thread while it runs: either it finished first
    // (attached, files present) or it stopped (nothing left).
    let cancel = CancelToken::new();
    let result = std::thread::scope(|s| {
        let flag = cancel.clone();
        s.spawn(move || flag.cancel());
        f.core.attach_photo_blocking(
            &draft.id,
            &photo("camera-24mp-sony.jpg"),
            PhotoSource::Gallery,
            &CompressOptions::default(),
            &cancel,
        )
    });
    match result {
        Ok(_) => assert_eq!(f.photo_files().len(), 2),
        Err(Error::Photo(PhotoError::Cancelled)) => assert!(f.photo_files().is_empty()),
        Err(other) => panic!("unexpected {other:?}"),
    }
}

#[test]
fn stray_files_from_a_killed_attach_are_swept_at_start() {
    let f = fixture();
    let draft = f.core.create_draft().unwrap();
    let kept = f
        .attach(&draft.id, &photo("iphone4s-gps-small.jpg"))
        .unwrap();
    let dir = f.report_dir(&draft.id);
    std::fs::write(dir.join(".abc.0190.partial"), b"half").unwrap();
    std::fs::write(
        dir.join("0000000000000000000000000000000000000000000000000000000000000000.jpg"),
        b"x",
    )
    .unwrap();
    drop(f.core);
    let core = ihanoi_test_kit::open_core(f.data.path());
    let mut left: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    let mut expected = vec![
        format!("{}.jpg", kept.sha256),
        Path::new(&kept.thumbnail_path)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned(),
    ];
    expected.sort();
    assert_eq!(left, expected);
    assert_eq!(core.photos(&draft.id).unwrap().len(), 1);
}

// ---------------------------------------------------------------- bad input

#[test]
fn every_bad_input_gets_its_own_typed_error_and_leaves_nothing() {
    let f = fixture();
    let draft = f.core.create_draft().unwrap();
    let inbox = f.inbox.path();
    let write = |name: &str, bytes: &[u8]| {
        let path = inbox.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    };
    let lumia = std::fs::read(photo("nokia-lumia-gps.jpg")).unwrap();
    let outside = tempfile::tempdir().unwrap();
    let outside_photo = outside.path().join("secret.jpg");
    std::fs::copy(photo("iphone4s-gps-small.jpg"), &outside_photo).unwrap();
    std::fs::create_dir(inbox.join("a-folder")).unwrap();

    type Check = fn(&PhotoError) -> bool;
    let cases: Vec<(&str, PathBuf, Check)> = vec![
        ("truncated JPEG", write("truncated.jpg", &lumia[..lumia.len() / 2]), |e| {
            matches!(e, PhotoError::Corrupt { .. })
        }),
        ("zero-byte file", write("empty.jpg", b""), |e| matches!(e, PhotoError::Empty)),
        ("random bytes", write("noise.jpg", &random_bytes(100_000)), |e| {
            matches!(e, PhotoError::UnrecognizedFormat)
        }),
        ("JPEG declaring 65500x65500", write("bomb.jpg", &jpeg_declaring(65500, 65500)), |e| {
            matches!(e, PhotoError::TooManyPixels { width: 65500, height: 65500, .. })
        }),
        ("PNG declaring 65500x65500", write("bomb.png", &png_declaring(65500, 65500)), |e| {
            matches!(e, PhotoError::TooManyPixels { width: 65500, height: 65500, .. })
        }),
        ("GIF", write("anim.gif", b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"), |e| {
            matches!(e, PhotoError::UnsupportedFormat(ImageFormat::Gif))
        }),
        ("HEIC header", write("iphone.heic", b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic\x00\x00\x00\x00"), |e| {
            matches!(e, PhotoError::UnsupportedFormat(ImageFormat::Heif))
        }),
        ("missing path", inbox.join("does-not-exist.jpg"), |e| matches!(e, PhotoError::NotFound)),
        ("directory", inbox.join("a-folder"), |e| matches!(e, PhotoError::NotAFile)),
        ("outside the readable folders", outside_photo.clone(), |e| {
            matches!(e, PhotoError::OutsideReadableDirs)
        }),
        ("escape with ..", inbox.join("..").join(outside.path().file_name().unwrap()).join("secret.jpg"), |e| {
            matches!(e, PhotoError::OutsideReadableDirs)
        }),
    ];
    for (what, path, expected) in cases {
        let started = std::time::Instant::now();
        let result = f.attach(&draft.id, &path);
        match result {
            Err(Error::Photo(ref e)) if expected(e) => {}
            other => panic!("{what}: unexpected {other:?}"),
        }
        eprintln!(
            "{what}: {:?} in {:?}",
            result.unwrap_err().to_string(),
            started.elapsed()
        );
        assert!(
            f.photo_files().is_empty(),
            "{what}: left {:?}",
            f.photo_files()
        );
    }
    // The same checks hold on the in-memory entry point.
    assert!(matches!(
        photos::compress(
            &png_declaring(65500, 65500),
            &CompressOptions::default(),
            &CancelToken::new()
        ),
        Err(PhotoError::TooManyPixels { .. })
    ));
    assert!(f.core.photos(&draft.id).unwrap().is_empty());
}
