#!/usr/bin/env bash
# The core's uniffi derives are behind its `ffi` feature (bindings/ turns it on): built
# on its own, ihanoi-core must have no uniffi anywhere in its normal dependency tree.
# Fails, naming the path that brings it in, when one does.
set -euo pipefail
cd "$(dirname "$0")/.."
tree=$(cargo tree -p ihanoi-core -e normal --prefix none)
if grep -q '^uniffi' <<<"$tree"; then
  echo ".ci: ihanoi-core without features depends on uniffi:" >&2
  cargo tree -p ihanoi-core -e normal -i uniffi >&2 || true
  exit 1
fi
# And with the feature it does (otherwise this check proves nothing).
if ! cargo tree -p ihanoi-core -e normal --prefix none --features ffi | grep -q '^uniffi'; then
  echo ".ci: ihanoi-core --features ffi has no uniffi: is the check still looking at the right crate?" >&2
  exit 1
fi
