#!/usr/bin/env bash
# Build libihanoi_ffi for iPhones (aarch64-apple-ios) and the simulator on Apple silicon
# (aarch64-apple-ios-sim) as static libraries and pack them, with the generated C headers and
# one module map, into ios/build/IhanoiCoreFFI.xcframework, the binary target IhanoiKit's
# Package.swift uses on Apple platforms. Also writes the package's generated Swift.
# Needs a Mac with Xcode and `rustup target add aarch64-apple-ios aarch64-apple-ios-sim`.
#
#   ios/scripts/build-xcframework.sh            release build
#   PROFILE=debug ios/scripts/build-xcframework.sh
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
target=${CARGO_TARGET_DIR:-$repo/target}
profile=${PROFILE:-release}
out="$repo/ios/build"
framework="$repo/ios/IhanoiKit/Frameworks/IhanoiCoreFFI.xcframework"
cd "$repo"

# The Swift API and headers come from the host build's metadata (identical exports on every
# target: bindings/ has no cfg-gated export).
"$repo/ios/scripts/generate-bindings.sh" --headers "$out/headers"

flag=()
[ "$profile" = release ] && flag=(--release)
libraries=()
for triple in aarch64-apple-ios aarch64-apple-ios-sim; do
  cargo build -p ihanoi-ffi --lib "${flag[@]}" --target "$triple"
  libraries+=(-library "$target/$triple/$profile/libihanoi_ffi.a" -headers "$out/headers")
done

rm -rf "$framework"
mkdir -p "$(dirname "$framework")"
xcodebuild -create-xcframework "${libraries[@]}" -output "$framework"
echo "$framework"
