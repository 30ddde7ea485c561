#!/usr/bin/env bash
# Installs what the photo bench compares against: Pillow (PyPI) and
# vipsthumbnail (Debian libvips-tools). Idempotent; skips what is present.
set -euo pipefail
if ! python3 -c 'import PIL' 2>/dev/null; then
    python3 -m pip install --quiet 'Pillow>=10'
fi
if ! command -v vipsthumbnail >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends libvips-tools >/dev/null
fi
