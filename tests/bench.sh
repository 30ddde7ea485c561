#!/usr/bin/env bash
# Benchmarks (never run by the test command): each prints a table.
#   tests/bench.sh store    the store: autosave, first page, cold open on 10 000 reports,
#                           and the size of the release FFI library (proxy for the Android .so)
#   tests/bench.sh areas    ward routing: lookup vs a naive scan, cold start from the cache,
#                           the 30 m ambiguity check, index memory
#   tests/bench.sh sync     sending: 200 reports x 2 photos through the fault proxy (50 ms round
#                           trip, capped bandwidth) beside the round-trip + bytes/bandwidth bound
#   tests/bench.sh server   the reference city server under load on loopback — req/s, p50/p99 of
#                           GET /requests (default page) and POST /requests with a photo on a 300 000-report
#                           database, and peak RSS — for this tree beside the tree it was hardened from
#                           ($SERVER_BEFORE, default 9d5554e), both built --release without LTO
#                           (SERVER_PROFILE=dev: the debug build; SERVER_REPORTS, SERVER_SECONDS)
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

bench_server() {
  before=${SERVER_BEFORE:-9d5554e}
  # SERVER_PROFILE=release (default): optimised, without the workspace's LTO
  # (minutes, not tens of minutes, on two shared cores); SERVER_PROFILE=dev reuses
  # the test build. Both binaries are built the same way.
  profile=${SERVER_PROFILE:-release}
  export CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16
  out=$target/$([[ $profile == dev ]] && echo debug || echo "$profile")
  work=$(mktemp -d)
  trap 'git -C "$repo" worktree remove --force "$work/before-tree" 2>/dev/null || true; rm -rf "$work"' RETURN
  git -C "$repo" worktree add --quiet --detach "$work/before-tree" "$before"
  (cd "$work/before-tree" && CARGO_TARGET_DIR=$target nice -n 10 cargo build --quiet --profile "$profile" \
    -p ihanoi-city-api --bin ihanoi-city-api)
  cp "$out/ihanoi-city-api" "$work/before"
  nice -n 10 cargo build --quiet --profile "$profile" -p ihanoi-city-api --bin ihanoi-city-api --example load
  cp "$out/ihanoi-city-api" "$work/after"
  echo "reference server ($profile build), ${SERVER_REPORTS:-300000} reports, 8 concurrent clients, loopback (before = $before)"
  for label in before after; do
    "$out/examples/load" --server "$work/$label" --label "$label" \
      --reports "${SERVER_REPORTS:-300000}" --seconds "${SERVER_SECONDS:-20}"
  done
}

case "${1:-all}" in
  store) bench_store ;;
  areas) bench_areas ;;
  sync) bench_sync ;;
  server) bench_server ;;
  all) bench_store; bench_areas; bench_sync; bench_server ;;
  *) echo "usage: tests/bench.sh [store|areas|sync|server|all]" >&2; exit 2 ;;
esac
