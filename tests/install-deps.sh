#!/usr/bin/env bash
# Install the system packages the build and the tests need, on a fresh Debian
# bookworm machine (as CI has). Idempotent: installs only what is missing.
#   cmake, nasm      build libjpeg-turbo (with its SIMD) for the photo pipeline
#   debootstrap      builds the Debian trixie chroot that holds Swift 6 (tests/swift)
#   maven, JDK 17    the Kotlin tests (preinstalled on these machines; checked here)
set -euo pipefail
need=()
for pkg in cmake nasm debootstrap; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if ((${#need[@]})); then
  echo "install-deps: apt-get install ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
for tool in cargo mvn java; do
  command -v "$tool" >/dev/null || { echo "install-deps: $tool is missing" >&2; exit 1; }
done
