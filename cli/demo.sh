#!/usr/bin/env bash
# The README's main job on a fresh machine: install the two build tools the photo
# pipeline needs (cmake and nasm build libjpeg-turbo from source), then build and run
# `ihanoi demo` — a local reference city server, sign-in, an offline report from a
# photo, sync, the ward's answer and the timeline. Arguments go to the demo, e.g.
#   cli/demo.sh --lang en
#   cli/demo.sh --photo my.jpg --keep /tmp/demo
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)

need=()
for tool in cmake nasm; do
  command -v "$tool" >/dev/null || need+=("$tool")
done
if ((${#need[@]})); then
  echo "cli/demo.sh: installing ${need[*]} (apt-get), needed to build libjpeg-turbo" >&2
  sudo=()
  [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
command -v cargo >/dev/null || { echo "cli/demo.sh: cargo is missing (install Rust 1.88 or newer)" >&2; exit 1; }

cd "$repo"
exec cargo run --release -q -p ihanoi-cli -- demo "$@"
