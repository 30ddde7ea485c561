#!/usr/bin/env bash
# Every .swift file under ios/ (the package, its tests, the SwiftUI app, Package.swift; not the
# generated bindings) must parse (`swiftc -parse`: syntax only, so the app's views, which import
# SwiftUI and UIKit and cannot be type-checked here, are at least well-formed) and pass
# `swift-format lint --strict` with ios/.swift-format. And no SwiftUI control under ios/App is
# given a string literal: what a view shows is a model property; no font is given a fixed size;
# the privacy manifest parses as a property list.
#
#   tests/ios/lint.sh            check
#   tests/ios/lint.sh --fix      rewrite the files with swift-format format first
# Uses swiftc and swift-format from the PATH when there are, else the trixie chroot (root).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
# A read loop, not mapfile: macOS's bash 3.2 has none.
files=()
while IFS= read -r file; do files+=("$file"); done < <(
  git ls-files --cached --others --exclude-standard -- 'ios/*.swift' 'ios/**/*.swift' | sort -u
)
if [ "${#files[@]}" -eq 0 ]; then
  echo "tests/ios/lint: no Swift files under ios/" >&2
  exit 1
fi
fix=0
[ "${1:-}" = --fix ] && fix=1

# The views show what the models say: no text of their own (a string literal in a control).
if grep -nE '\b(Text|Button|Label|Section|Toggle|TextField|Picker|PhotosPicker|Link)\("' -r ios/App; then
  echo "tests/ios/lint: the views above write their own text; make it a model property (IhanoiKit)" >&2
  exit 1
fi

# Dynamic Type: text styles only, never a fixed point size (the largest accessibility sizes must
# reach every text).
if grep -nE '\.system\(size:|Font\.custom\(|\.custom\("|UIFont\.systemFont\(ofSize' -r ios/App; then
  echo "tests/ios/lint: the views above fix a font size; use a text style (.body, .headline…)" >&2
  exit 1
fi

# The privacy manifest is copied into the app as it is: at least a well-formed property list.
python3 -c 'import plistlib, sys; plistlib.load(open(sys.argv[1], "rb"))' ios/App/PrivacyInfo.xcprivacy || {
  echo "tests/ios/lint: ios/App/PrivacyInfo.xcprivacy is not a well-formed property list" >&2
  exit 1
}

run_checks() { # $1: folder holding ios/ ; then the command prefix
  local root=$1
  shift
  if [ "$fix" -eq 1 ]; then
    "$@" swift-format format --in-place --configuration "$root/ios/.swift-format" "${files[@]/#/$root/}"
  fi
  "$@" swiftc -parse "${files[@]/#/$root/}"
  "$@" swift-format lint --strict --configuration "$root/ios/.swift-format" "${files[@]/#/$root/}"
}

if command -v swift-format >/dev/null 2>&1 && command -v swiftc >/dev/null 2>&1; then
  run_checks "$repo"
else
  chroot_dir=$("$repo/tests/swift/install-toolchain.sh" | tail -n1)
  work_host=$(mktemp -d "$chroot_dir/tmp/ihanoi-ios-lint.XXXXXX")
  trap 'rm -rf "$work_host"' EXIT
  tar -cf - ios/.swift-format "${files[@]}" | tar -C "$work_host" -xf -
  mkdir -p "$work_host/tmp"
  work=${work_host#"$chroot_dir"}
  run_checks "$work" chroot "$chroot_dir" /usr/bin/env -i PATH=/usr/libexec/swift/bin:/usr/bin:/bin HOME=/root \
    LANG=C.UTF-8 TMPDIR="$work/tmp"
  if [ "$fix" -eq 1 ]; then
    for file in "${files[@]}"; do cp "$work_host/$file" "$repo/$file"; done
  fi
fi
echo "tests/ios/lint: ${#files[@]} file(s) parse and pass swift-format lint --strict" >&2
