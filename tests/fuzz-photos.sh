#!/usr/bin/env bash
# Fuzz the photo decode entry point for N seconds (default 60).
#
#   tests/fuzz-photos.sh 60          # CI: a short run
#   tests/fuzz-photos.sh 28800       # overnight
#
# Works on the stable toolchain: libfuzzer-sys links libFuzzer, and the
# coverage instrumentation cargo-fuzz would add is passed here as stable
# codegen flags (no sanitizer: `cargo fuzz run -s none` does the same; with a
# nightly toolchain and cargo-fuzz installed, `cd fuzz && cargo fuzz run
# photo_decode` adds AddressSanitizer). The corpus is seeded from the test
# photos in $IHANOI_SHARED/photos (default <repo>/../shared/photos) and kept in
# fuzz/corpus (not committed); crashes land in fuzz/artifacts.
set -euo pipefail
seconds="${1:-60}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
shared="${IHANOI_SHARED:-$repo/../shared}"
fuzz="$repo/fuzz"
target="${CARGO_TARGET_DIR:-$repo/target}/fuzz"

export RUSTFLAGS="--cfg fuzzing -Cpasses=sancov-module \
 -Cllvm-args=-sanitizer-coverage-level=4 \
 -Cllvm-args=-sanitizer-coverage-inline-8bit-counters \
 -Cllvm-args=-sanitizer-coverage-pc-table \
 -Cllvm-args=-sanitizer-coverage-trace-compares \
 -Cdebug-assertions -Coverflow-checks"
# An explicit --target keeps RUSTFLAGS off build scripts and proc macros (as
# cargo-fuzz does): they must not be instrumented.
host="$(rustc -vV | sed -n 's/^host: //p')"
cargo build --release --manifest-path "$fuzz/Cargo.toml" --target-dir "$target" \
    --target "$host" --bin photo_decode

corpus="$fuzz/corpus/photo_decode"
mkdir -p "$corpus" "$fuzz/artifacts/photo_decode"
# Seeds: the small test photos whole, and the head of every photo (headers,
# EXIF, first scans) so big files still steer the fuzzer without slowing it.
for photo in "$shared"/photos/*.jpg; do
    name="$(basename "$photo" .jpg)"
    if [ "$(stat -c %s "$photo")" -le 1048576 ]; then
        cp -n "$photo" "$corpus/$name.jpg"
    fi
    head -c 65536 "$photo" > "$corpus/$name.head.jpg"
done

# -rss_limit_mb: a decompression bomb that allocates past 2 GiB is a crash.
"$target/$host/release/photo_decode" "$corpus" \
    -artifact_prefix="$fuzz/artifacts/photo_decode/" \
    -max_total_time="$seconds" -max_len=1048576 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1
