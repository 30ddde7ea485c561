#!/usr/bin/env bash
# Kotlin (JVM) tests of the generated bindings against the real Linux library.
#   1. tests/bindgen.sh builds libihanoi_ffi.so and regenerates the Kotlin bindings
#      under $TARGET/bindings/kotlin ($TARGET = $CARGO_TARGET_DIR or <repo>/target);
#   2. tests/city-server.sh starts the reference city server on loopback;
#   3. Maven compiles those bindings plus src/test/kotlin and runs JUnit 5, with
#      jna.library.path pointing at $TARGET/debug.
# Extra arguments go to Maven, e.g. one test:
#   tests/kotlin/run.sh -Dtest='DraftsTest#each draft field*'
# The first run downloads Maven plugins and dependencies into ~/.m2 (see README.md).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
target=${CARGO_TARGET_DIR:-$repo/target}
shared=${IHANOI_SHARED:-$repo/../shared}

# A JDK (17+) and Maven; present on the project's machines, installed here if not.
if ! command -v mvn >/dev/null || ! command -v javac >/dev/null; then
  echo "tests/kotlin: installing a JDK and Maven (apt)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends openjdk-17-jdk-headless maven >/dev/null
fi

"$repo/tests/bindgen.sh"
lib="$target/debug/libihanoi_ffi.so"
[[ -f $lib ]] || { echo "tests/kotlin: $lib was not built" >&2; exit 1; }

# An error field named `message` clashes with Throwable.message and the Kotlin
# compiler's complaint about it is cryptic; say what to do instead (uniffi-rs #1434).
generated="$target/bindings/kotlin/vn/ihanoi/core/ihanoi_ffi.kt"
if clashes=$(grep -n 'val `message`' "$generated"); then
  cat >&2 <<MSG
tests/kotlin: an exported error has a field named 'message', which does not compile
in Kotlin (it clashes with Throwable.message). Name the Rust field `detail`, as the
other variants of IhanoiError do. Generated lines:
$clashes
MSG
  exit 1
fi

# The reference city server for the full-flow tests, on a free loopback port.
city=$(mktemp -d /tmp/ihanoi-kotlin-city.XXXXXX)
# And a plain GeoReport v2 one whose services have forms with a required attribute.
forms_city=$(mktemp -d /tmp/ihanoi-kotlin-forms-city.XXXXXX)
trap '"$repo/tests/city-server.sh" stop "$city"; "$repo/tests/city-server.sh" stop "$forms_city"; rm -rf "$city" "$forms_city"' EXIT
city_url=$("$repo/tests/city-server.sh" start "$city")
forms_city_url=$("$repo/tests/city-server.sh" start "$forms_city" plain,city-forms)

# Quiet Maven (warnings and errors only) except Surefire, whose per-class lines and
# "Tests run: N, Failures: N, ..." summary are the point of this run.
mvn -B --no-transfer-progress -Dstyle.color=never -f "$here/pom.xml" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -Dorg.slf4j.simpleLogger.log.org.apache.maven.plugin.surefire=info \
  -Dihanoi.target="$target" \
  -Dihanoi.sharedDir="$shared" \
  -Dihanoi.city="$city_url" \
  -Dihanoi.formsCity="$forms_city_url" \
  "$@" test
