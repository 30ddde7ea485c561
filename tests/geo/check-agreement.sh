#!/usr/bin/env bash
# Regenerate the shapely answers for the ward lookup and check the committed
# fixture (core/tests/data/shapely_points.csv) still matches them; the Rust test
# `areas_agreement` compares the index against that fixture on every test run.
#   tests/geo/check-agreement.sh            check
#   tests/geo/check-agreement.sh --update   rewrite the fixture
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
shared="${IHANOI_SHARED:-$repo/../shared}"
venv="${IHANOI_GEO_VENV:-$HOME/.cache/ihanoi/geo-venv}"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/python" -c "import shapely" 2>/dev/null || "$venv/bin/pip" install --quiet "shapely>=2,<3"
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
"$venv/bin/python" "$repo/tests/geo/shapely_points.py" "$shared/geo/hanoi_wards_2025.geojson" "$out"
fixture="$repo/core/tests/data/shapely_points.csv"
if [ "${1:-}" = "--update" ]; then
    mkdir -p "$(dirname "$fixture")"
    cat "$out" >"$fixture"
    echo "updated $fixture"
elif cmp -s "$out" "$fixture"; then
    echo "shapely answers match the fixture ($(($(wc -l <"$fixture") - 1)) points)"
else
    echo "shapely answers differ from $fixture; run $0 --update and review" >&2
    exit 1
fi
cd "$repo" && cargo test -p ihanoi-core --test areas --release -q -- agrees_with_shapely
