#!/usr/bin/env bash
# Build the Rust library, generate its Swift bindings, compile them and the XCTest tests in
# tests/swift/Tests/*.swift with Swift 6 (Debian trixie's swiftlang, in a chroot made by
# install-toolchain.sh), and run the tests against the real library.
#
#   tests/swift/run.sh                 everything; exit status non-zero when a test fails
#   tests/swift/run.sh DraftTests      only that XCTestCase (or DraftTests/testName; several allowed)
#
# The library is built on the host (bookworm) and loaded inside the chroot (trixie): its glibc is
# newer, so that direction works. Works with CARGO_TARGET_DIR set (bindings come from there).
# The tests that use real data (a phone photo, the ward boundaries) get copies of those files from
# $IHANOI_SHARED (default: <repo>/../shared) inside the chroot, as IHANOI_SHARED there.
# Needs root, like install-toolchain.sh.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
target=${CARGO_TARGET_DIR:-$repo/target}
swiftc=/usr/libexec/swift/bin/swiftc
shared=${IHANOI_SHARED:-$repo/../shared}
# The shared test data the Swift tests read (Tests/TestSupport.swift: sharedFile, realPhonePhoto).
shared_files=(photos/phone-12mp-rot6-hanoi.jpg photos/iphone4s-gps-small.jpg photos/nokia-lumia-gps.jpg
  geo/hanoi_wards_2025.geojson)

log() { echo "tests/swift: $*" >&2; }

for file in "${shared_files[@]}"; do
  if [ ! -f "$shared/$file" ]; then
    log "missing test data $shared/$file (set IHANOI_SHARED to the shared data folder)"
    exit 1
  fi
done

chroot_dir=$("$here/install-toolchain.sh" | tail -n1)

log "building libihanoi_ffi and generating bindings"
"$repo/tests/bindgen.sh"
generated="$target/bindings/swift"
library="$target/debug/libihanoi_ffi.so"

# A fresh work directory inside the chroot per run (runs may overlap on a shared machine), holding
# copies: the chroot sees nothing of the host's file system, and copying is cheaper than managing
# one more bind mount.
work_host=$(mktemp -d "$chroot_dir/tmp/ihanoi-swift.XXXXXX")
# The reference city server for FullFlowTests, on a free loopback port (the chroot shares the
# host's network, so the tests reach it at the same URL).
city=$(mktemp -d /tmp/ihanoi-swift-city.XXXXXX)
# And for ServiceFormTests a plain GeoReport v2 one whose services have forms (a required attribute).
forms_city=$(mktemp -d /tmp/ihanoi-swift-forms-city.XXXXXX)
trap '"$repo/tests/city-server.sh" stop "$city"; "$repo/tests/city-server.sh" stop "$forms_city"; rm -rf "$work_host" "$city" "$forms_city"' EXIT
city_url=$("$repo/tests/city-server.sh" start "$city")
forms_city_url=$("$repo/tests/city-server.sh" start "$forms_city" plain,city-forms)
work=${work_host#"$chroot_dir"}
# TMPDIR inside it too: swiftc leaves TemporaryDirectory.* behind, and a crashed test its data.
mkdir -p "$work_host/lib" "$work_host/tests" "$work_host/tmp"
# The shared data too (6 MB, gone with the work directory): no mount to leak if a run is killed,
# and nothing a test does can touch the originals.
for file in "${shared_files[@]}"; do
  mkdir -p "$work_host/shared/$(dirname "$file")"
  cp "$shared/$file" "$work_host/shared/$file"
done
# Two generated Swift files (the API, bindings/, and the core's own types) make ONE Swift
# module, IhanoiCore; each has its own C header and module map (uniffi.toml).
generated_swift=(IhanoiCore.swift IhanoiCoreModel.swift)
ffi_modules=(IhanoiCoreFFI IhanoiCoreModelFFI)
for name in "${generated_swift[@]}"; do cp "$generated/$name" "$work_host/lib/"; done
for name in "${ffi_modules[@]}"; do cp "$generated/$name.h" "$generated/$name.modulemap" "$work_host/lib/"; done
cp "$library" "$work_host/lib/"
shopt -s nullglob
test_sources=("$here"/Tests/*.swift)
shopt -u nullglob
if [ "${#test_sources[@]}" -eq 0 ]; then
  log "no tests in $here/Tests"
  exit 1
fi
cp "${test_sources[@]}" "$here"/Runner/*.swift "$work_host/tests/"
# The reference city as its officials use it: one file, shared with the iOS package's tests.
cp "$repo/ios/IhanoiKit/Sources/IhanoiKitTestSupport/ReferenceCity.swift" "$work_host/tests/"
"$here/discover-tests.sh" "${test_sources[@]}" >"$work_host/tests/main.swift"

in_chroot() {
  chroot "$chroot_dir" /usr/bin/env -i PATH=/usr/libexec/swift/bin:/usr/bin:/bin HOME=/root \
    LANG=C.UTF-8 TMPDIR="$work/tmp" IHANOI_SHARED="$work/shared" \
    IHANOI_CITY_URL="$city_url" IHANOI_FORMS_CITY_URL="$forms_city_url" "$@"
}

module_maps=()
for name in "${ffi_modules[@]}"; do
  module_maps+=(-Xcc "-fmodule-map-file=$work/lib/$name.modulemap")
done

log "compiling the generated ${generated_swift[*]} into the IhanoiCore module"
in_chroot "$swiftc" -swift-version 6 -module-name IhanoiCore -parse-as-library \
  -emit-library -o "$work/lib/libIhanoiCore.so" \
  -emit-module -emit-module-path "$work/lib/IhanoiCore.swiftmodule" \
  "${module_maps[@]}" -I "$work/lib" -L "$work/lib" -lihanoi_ffi \
  "${generated_swift[@]/#/$work/lib/}"

sources_in_chroot=()
for source in "$work_host"/tests/*.swift; do
  sources_in_chroot+=("${source#"$chroot_dir"}")
done
log "compiling ${#test_sources[@]} test file(s)"
in_chroot "$swiftc" -swift-version 6 -module-name IhanoiSwiftTests \
  "${module_maps[@]}" -I "$work/lib" -L "$work/lib" -lIhanoiCore -lihanoi_ffi \
  -Xlinker -rpath -Xlinker "$work/lib" \
  -o "$work/ihanoi-swift-tests" "${sources_in_chroot[@]}"

# XCTest takes one argument, a comma-separated list of filters that name the module:
# `DraftTests` → `IhanoiSwiftTests.DraftTests`.
filters=()
if [ "$#" -gt 0 ]; then
  selected=""
  for filter in "$@"; do
    case "$filter" in
      IhanoiSwiftTests.*) ;;
      *) filter="IhanoiSwiftTests.$filter" ;;
    esac
    selected="${selected:+$selected,}$filter"
  done
  filters=("$selected")
fi
log "running"
# XCTMain's exit status is the result; its last line is `N passed, N failed`.
status=0
in_chroot "$work/ihanoi-swift-tests" "${filters[@]}" || status=$?
if [ "$status" -gt 128 ]; then
  log "the test process crashed (signal $((status - 128))); see the backtrace above"
fi
exit "$status"
