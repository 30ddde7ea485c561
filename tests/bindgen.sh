#!/usr/bin/env bash
# Build the FFI library for this machine and generate the Kotlin and Swift bindings
# from it (uniffi library mode). Prints nothing but errors; the outputs are:
#   $TARGET/debug/libihanoi_ffi.so        the library the JVM and Swift tests load
#   $TARGET/bindings/kotlin/vn/ihanoi/core/ihanoi_ffi.kt            the API (bindings/)
#   $TARGET/bindings/kotlin/vn/ihanoi/core/model/ihanoi_core.kt     the core's own types
#   $TARGET/bindings/kotlin-android/...  the same with android = true (android/uniffi-android.toml),
#                                         what the APK tests/android/apk.sh assembles compiles
#   $TARGET/bindings/swift/{IhanoiCore.swift,IhanoiCoreFFI.h,IhanoiCoreFFI.modulemap}
#   $TARGET/bindings/swift/{IhanoiCoreModel.swift,IhanoiCoreModelFFI.h,IhanoiCoreModelFFI.modulemap}
# (two uniffi namespaces, one per crate; the layout is explained in uniffi.toml).
# where $TARGET is $CARGO_TARGET_DIR or <repo>/target.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
target=${CARGO_TARGET_DIR:-$repo/target}
cd "$repo"
cargo build --quiet -p ihanoi-ffi -p uniffi-bindgen
lib="$target/debug/libihanoi_ffi.so"
# A Mac (tests/ios/run.sh with Xcode's swift) builds a .dylib.
[ "$(uname -s)" = Darwin ] && lib="$target/debug/libihanoi_ffi.dylib"
for language in kotlin swift; do
  out="$target/bindings/$language"
  rm -rf "$out"
  "$target/debug/uniffi-bindgen" generate --library "$lib" --language "$language" \
    --config "$repo/uniffi.toml" --no-format --out-dir "$out" >/dev/null
done
# The Android app's flavour (android = true: it reads android.os.Build), same API.
rm -rf "$target/bindings/kotlin-android"
"$target/debug/uniffi-bindgen" generate --library "$lib" --language kotlin \
  --config "$repo/android/uniffi-android.toml" --no-format --out-dir "$target/bindings/kotlin-android" >/dev/null
