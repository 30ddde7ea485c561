#!/usr/bin/env bash
# Benchmarks (never run by the test command): each prints a table.
#   tests/bench.sh store    the store: autosave, first page, cold open on 10 000 reports,
#                           and the size of the release FFI library (proxy for the Android .so)
#   tests/bench.sh areas    ward routing: lookup vs a naive scan, cold start from the cache,
#                           the 30 m ambiguity check, index memory
#   tests/bench.sh sync     sending: 200 reports x 2 photos through the fault proxy (50 ms round
#                           trip, capped bandwidth) beside the round-trip + bytes/bandwidth bound
#   tests/bench.sh all      every benchmark below
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
target=${CARGO_TARGET_DIR:-$repo/target}
cd "$repo"
export IHANOI_SHARED=${IHANOI_SHARED:-$repo/../shared}

bench_store() {
  cargo bench --quiet -p ihanoi-core --bench store
  cargo build --quiet --release -p ihanoi-ffi
  lib="$target/release/libihanoi_ffi.so"
  awk -v n="$(stat -c %s "$lib")" -v f="$(basename "$lib")" 'BEGIN {
    printf "\nrelease library %s: %d bytes (%.2f MB; target <= 6 MB once every capability has landed)\n", f, n, n / 1e6 }'
}

bench_areas() {
  cargo bench --quiet -p ihanoi-core --bench areas
}

bench_sync() {
  cargo bench --quiet -p ihanoi-core --bench sync
}

case "${1:-all}" in
  store) bench_store ;;
  areas) bench_areas ;;
  sync) bench_sync ;;
  all) bench_store; bench_areas; bench_sync ;;
  *) echo "usage: tests/bench.sh [store|areas|sync|all]" >&2; exit 2 ;;
esac
