//! Fuzz the photo pipeline's entry point on arbitrary bytes: header checks,
//! EXIF parsing, JPEG/PNG/WebP decoding, resize, orientation and encoding.
//! Any panic, abort, timeout or allocation over libFuzzer's RSS limit is a bug.

#![no_main]

use ihanoi_core::photos::{CompressOptions, SizePreset, compress};
use ihanoi_core::tasks::CancelToken;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options = CompressOptions {
        preset: SizePreset::Small,
        max_bytes: 400 * 1024,
    };
    let _ = compress(data, &options, &CancelToken::new());
});
