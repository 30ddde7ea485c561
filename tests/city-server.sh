#!/usr/bin/env bash
# Run the reference city server (tests/city-api) in the background for the Kotlin
# and Swift full-flow tests, which drive the real generated bindings against it
# over loopback HTTP.
#
#   tests/city-server.sh start DIR [PROFILE]  # builds it, starts it on a free loopback
#                                    # port (under --profile PROFILE, e.g. plain,city-forms),
#                                    # writes DIR/url and DIR/pid, prints the URL
#   tests/city-server.sh stop DIR
#
# Keys are the test ones (app key `test-app-key`, officials `test-official-key`), dev
# mode is on so a test reads the one-time sign-in code from the officials endpoint.
# Ward areas: $IHANOI_SHARED/geo/hanoi_wards_2025.geojson.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
target=${CARGO_TARGET_DIR:-$repo/target}
shared=${IHANOI_SHARED:-$repo/../shared}
action=${1:?start or stop}
dir=${2:?a folder for the server}
profile=${3:-full}

case "$action" in
start)
  mkdir -p "$dir"
  (cd "$repo" && cargo build --quiet -p ihanoi-city-api --bin ihanoi-city-api)
  rm -f "$dir/url" "$dir/pid" "$dir/stdout" # a stale stdout would give the previous URL
  "$target/debug/ihanoi-city-api" --port 0 --data-dir "$dir/data" \
    --areas "$shared/geo/hanoi_wards_2025.geojson" \
    --categories "$repo/core/data/categories.json" \
    --api-key test-app-key --official-key test-official-key --dev \
    --requests-per-minute 100000 --profile "$profile" \
    >"$dir/stdout" 2>"$dir/server.log" &
  echo $! >"$dir/pid"
  # The server prints its base URL on stdout once it listens. Loading the ward
  # boundaries takes a few seconds on a busy 2-core machine, so wait up to 60 s.
  for _ in $(seq 1 600); do
    if [[ -s $dir/stdout ]]; then
      head -n1 "$dir/stdout" >"$dir/url"
      cat "$dir/url"
      exit 0
    fi
    kill -0 "$(cat "$dir/pid")" 2>/dev/null || break
    sleep 0.1
  done
  echo "tests/city-server.sh: the reference server did not start; its log:" >&2
  cat "$dir/server.log" >&2
  exit 1
  ;;
stop)
  if [[ -f $dir/pid ]]; then
    kill "$(cat "$dir/pid")" 2>/dev/null || true
    rm -f "$dir/pid"
  fi
  ;;
*)
  echo "usage: tests/city-server.sh start DIR [PROFILE] | stop DIR" >&2
  exit 2
  ;;
esac
