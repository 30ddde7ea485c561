#!/usr/bin/env bash
# Every test of the project, on a fresh machine: the README's test command.
#   1. system packages (tests/install-deps.sh)
#   2. Rust: every crate's unit and integration tests (core, FFI, reference server),
#      including the crash test (200 SIGKILLs)
#   3. Kotlin: generated bindings + JUnit 5 on the JVM against the Linux library
#   4. Swift: generated bindings + tests compiled with swiftc 6 in a trixie chroot
#   5. iOS: ios/IhanoiKit built and tested with SwiftPM (same chroot and library as 4), every
#      .swift under ios/ parsed and linted
#   6. Android: the app compiled with the Compose compiler against the real framework and
#      androidx, its Robolectric tests, golden screenshots, the real core inside Robolectric;
#      then its debug and release APKs assembled by tests/android/apk.sh and checked
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
export IHANOI_SHARED=${IHANOI_SHARED:-$repo/../shared}

step() { printf '\n==> %s\n' "$*"; }

step "system packages"
tests/install-deps.sh

step "Rust tests"
cargo test --workspace

step "Kotlin tests (JVM)"
tests/kotlin/run.sh

step "Swift tests (swiftc on Linux)"
tests/swift/run.sh

step "iOS app (IhanoiKit with SwiftPM; parse + swift-format of ios/)"
tests/ios/run.sh

step "Android app (Maven + Robolectric)"
tests/android/run.sh

step "Android APK (manifest merger, aapt2, D8/R8, apksig; no Rust library for Android ABIs here)"
tests/android/apk.sh

step "all tests passed"
