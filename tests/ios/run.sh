#!/usr/bin/env bash
# The iOS app's checks on this Linux machine (see ios/README.md for what they do not cover):
#   1. `swift build` and `swift test` of ios/IhanoiKit against the Linux build of libihanoi_ffi,
#      with the reference city server (tests/city-server.sh; a second one as a plain server with
#      the city's own forms) and the shared test photos;
#   2. tests/ios/lint.sh: every .swift file under ios/ parses and passes swift-format --strict.
#
#   tests/ios/run.sh                       everything
#   tests/ios/run.sh JourneyTests          swift test --filter (one class or Class/testName)
#
# Where a Swift toolchain is on the PATH (a Mac with Xcode, a Linux with swift installed) it is
# used as it is and no root is needed; otherwise the Swift 6 toolchain of the trixie chroot that
# tests/swift/install-toolchain.sh makes (root). The library is built once, on the host, by
# tests/bindgen.sh (the same build tests/swift uses), and the package's .build is kept between
# runs (a warm run only recompiles what changed).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
target=${CARGO_TARGET_DIR:-$repo/target}
shared=${IHANOI_SHARED:-$repo/../shared}
shared_files=(photos/iphone4s-gps-small.jpg photos/nokia-lumia-gps.jpg photos/phone-12mp-rot6-hanoi.jpg)

log() { echo "tests/ios: $*" >&2; }

for file in "${shared_files[@]}"; do
  if [ ! -f "$shared/$file" ]; then
    log "missing test data $shared/$file (set IHANOI_SHARED to the shared data folder)"
    exit 1
  fi
done

log "building libihanoi_ffi and generating the package's bindings"
"$repo/ios/scripts/generate-bindings.sh"
case "$(uname -s)" in
  Darwin) library_name=libihanoi_ffi.dylib ;;
  *) library_name=libihanoi_ffi.so ;;
esac

log "the generated Swift and Kotlin name the same functions"
"$here/api-parity.sh"

city=$(mktemp -d /tmp/ihanoi-ios-city.XXXXXX)
# A second server, a plain GeoReport v2 one (no sign-in, no extension) whose flooding and tree
# services publish forms of the city's own: the category's questions and the personal fields.
forms_city=$(mktemp -d /tmp/ihanoi-ios-forms-city.XXXXXX)
cleanup() {
  "$repo/tests/city-server.sh" stop "$city"
  "$repo/tests/city-server.sh" stop "$forms_city"
  rm -rf "$city" "$forms_city"
}
trap cleanup EXIT
city_url=$("$repo/tests/city-server.sh" start "$city")
forms_city_url=$("$repo/tests/city-server.sh" start "$forms_city" plain,city-forms)

# Empty unless test names are given (expanded as ${filter[@]+…}: macOS's bash 3.2 calls an
# empty array unbound under `set -u`).
filter=()
if [ "$#" -gt 0 ]; then
  joined=""
  for name in "$@"; do joined="${joined:+$joined|}IhanoiKitTests.$name"; done
  filter=(--filter "$joined")
fi

if command -v swift >/dev/null 2>&1 && swift --version >/dev/null 2>&1; then
  # A native toolchain: build in place, the library where tests/bindgen.sh left it.
  lib="$target/debug"
  package="$repo/ios/IhanoiKit"
  flags=(-Xlinker -L"$lib" -Xlinker -rpath -Xlinker "$lib")
  cd "$package"
  log "swift build (native toolchain: $(swift --version 2>&1 | head -n1))"
  export IHANOI_FFI_SYSTEM_LIBRARY=1 # the host's library, not the app's XCFramework
  swift build --build-tests "${flags[@]}"
  log "swift test"
  IHANOI_SHARED="$shared" IHANOI_CITY_URL="$city_url" IHANOI_FORMS_CITY_URL="$forms_city_url" \
    IHANOI_APP_DIR="$repo/ios/App" swift test --skip-build "${flags[@]}" ${filter[@]+"${filter[@]}"}
else
  chroot_dir=$("$repo/tests/swift/install-toolchain.sh" | tail -n1)
  # One build folder inside the chroot, kept between runs; runs take turns (flock).
  work_host="$chroot_dir/var/tmp/ihanoi-ios"
  mkdir -p "$work_host"
  exec 8>"$work_host.lock"
  flock 8
  work=${work_host#"$chroot_dir"}
  # The package's sources replace the previous copy (its .build stays); the library and the
  # shared photos beside it.
  mkdir -p "$work_host/IhanoiKit" "$work_host/lib" "$work_host/shared" "$work_host/tmp" "$work_host/App"
  find "$work_host/IhanoiKit" -mindepth 1 -maxdepth 1 ! -name .build -exec rm -rf {} +
  (cd "$repo/ios/IhanoiKit" && tar --exclude=./.build --exclude=./.swiftpm -cf - .) | tar -C "$work_host/IhanoiKit" -xf -
  cp "$target/debug/$library_name" "$work_host/lib/"
  # The app's per-language Info.plist strings, which PermissionTests compares with the models.
  rm -rf "$work_host/App"/*.lproj
  cp -R "$repo/ios/App/vi.lproj" "$repo/ios/App/en.lproj" "$work_host/App/"
  for file in "${shared_files[@]}"; do
    mkdir -p "$work_host/shared/$(dirname "$file")"
    cp "$shared/$file" "$work_host/shared/$file"
  done
  flags=(-Xlinker -L"$work/lib" -Xlinker -rpath -Xlinker "$work/lib")
  in_chroot() {
    chroot "$chroot_dir" /usr/bin/env -i PATH=/usr/libexec/swift/bin:/usr/bin:/bin HOME=/root \
      LANG=C.UTF-8 TMPDIR="$work/tmp" IHANOI_SHARED="$work/shared" IHANOI_CITY_URL="$city_url" \
      IHANOI_FORMS_CITY_URL="$forms_city_url" \
      IHANOI_APP_DIR="$work/App" \
      sh -c 'cd "$0" && exec "$@"' "$work/IhanoiKit" "$@"
  }
  log "swift build (trixie chroot)"
  in_chroot swift build --build-tests "${flags[@]}"
  log "swift test"
  in_chroot swift test --skip-build "${flags[@]}" ${filter[@]+"${filter[@]}"}
fi

log "parse + swift-format lint of every .swift file under ios/"
"$here/lint.sh"
