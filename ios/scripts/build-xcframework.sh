#!/usr/bin/env bash
# Build libihanoi_ffi for iPhones (aarch64-apple-ios) and the simulator on Apple silicon
# (aarch64-apple-ios-sim) as static libraries and pack them, with the generated C headers and
# one module map, into ios/IhanoiKit/Frameworks/IhanoiCoreFFI.xcframework, the binary target
# IhanoiKit's Package.swift uses on Apple platforms (the headers are staged in ios/build/headers).
# Also writes the package's generated Swift. The static library's system dependencies (Security,
# CoreFoundation) are linked by Package.swift's IhanoiCore target.
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
# The app's deployment target (project.yml, Package.swift), for rustc and for the C the crates
# compile (SQLite, libjpeg-turbo), so that the linker does not warn of objects built for another.
export IPHONEOS_DEPLOYMENT_TARGET=17.0
libraries=()
for triple in aarch64-apple-ios aarch64-apple-ios-sim; do
  # ${flag[@]+…}: macOS's bash 3.2 calls an empty array unbound under `set -u` (PROFILE=debug).
  cargo build -p ihanoi-ffi --lib ${flag[@]+"${flag[@]}"} --target "$triple"
  libraries+=(-library "$target/$triple/$profile/libihanoi_ffi.a" -headers "$out/headers")
done

rm -rf "$framework"
mkdir -p "$(dirname "$framework")"
xcodebuild -create-xcframework "${libraries[@]}" -output "$framework"
echo "$framework"
