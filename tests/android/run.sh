#!/usr/bin/env bash
# The Android app's checks on this machine (no Gradle here: Maven and the Android tools,
# doing what AGP does for local unit tests):
#   1. tests/bindgen.sh builds libihanoi_ffi.so and the Kotlin bindings (android = false:
#      the tests run on the JVM and load the Linux library through JNA);
#   2. Maven fetches the pinned dependency list of pom.xml (resolved as Gradle would by
#      resolve-deps.py), Robolectric's instrumented android-all 14 and aapt2;
#   3. every AAR's classes.jar (+ libs/*.jar) goes into aar-classes.jar; aapt2 compiles
#      each AAR's res/ and the app's, links them against android-all into resources.ap_
#      and R.java (app + every AAR's package); javac makes r-classes.jar; the file AGP
#      writes for Robolectric (com/android/tools/test_config.properties) points at them;
#   4. ktfmt (kotlinlang style) checks every Kotlin file of android/ and tests/android/;
#   5. Maven compiles android/app/src/main/kotlin + the bindings with the Compose
#      compiler, then the tests (android/app/src/test/kotlin, tests/android/src/test/kotlin)
#      and runs them under Robolectric, offline, verifying the Roborazzi goldens in
#      android/app/src/test/screenshots.
# Steps 2-3 are cached in $IHANOI_ANDROID_CACHE (default ~/.cache/ihanoi/android), keyed
# by pom.xml (tests/android/env.sh, shared with apk.sh); the app's resources are relinked
# when they change.
#
# Usage: tests/android/run.sh [record] [maven args...]
#   record   re-record the golden images instead of verifying them (look at them, then commit)
#   e.g.     tests/android/run.sh -Dtest=HomeScreenTest
set -euo pipefail
source "$(dirname "$0")/env.sh"

roborazzi=(-Droborazzi.record=false -Droborazzi.verify=true)
if [[ ${1:-} == record ]]; then
  roborazzi=(-Droborazzi.record=true -Droborazzi.verify=false)
  shift
fi

# Text in screenshots needs a font fontconfig can find (Robolectric's native graphics).
if ! fc-list 2>/dev/null | grep -qi dejavu; then
  echo "tests/android: installing fonts-dejavu-core (apt)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends fonts-dejavu-core fontconfig >/dev/null
fi

"$repo/tests/bindgen.sh"
[[ -f $target/debug/libihanoi_ffi.so ]] || { echo "tests/android: no libihanoi_ffi.so in $target/debug" >&2; exit 1; }

# ---- 2-3. dependencies, AAR classes, the AARs' compiled resources (env.sh, once per pom.xml) ----
android_prepare_deps

# ---- 3. the app's resources, R classes and Robolectric's test_config.properties ----
res_key=$(cd "$app/src/main" && find res AndroidManifest.xml -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
if [[ $(cat "$cache/res.key" 2>/dev/null) != "$deps_key-$res_key" ]]; then
  work=$cache/app
  rm -rf "$work"
  mkdir -p "$work/gen" "$work/r-classes" "$work/assets" "$cache/test-config/com/android/tools"
  "$cache/tools/aapt2" compile --dir "$app/src/main/res" -o "$work/app-res.zip"
  # What AGP's manifest merger would add for the tests: the package (Gradle's `namespace`)
  # and ui-test-manifest's ComponentActivity, which createComposeRule() starts.
  sed -e 's|<manifest |<manifest package="vn.ihanoi.app" |' \
    -e 's|</application>|    <activity android:name="androidx.activity.ComponentActivity" android:exported="false" />\n    </application>|' \
    "$app/src/main/AndroidManifest.xml" >"$work/AndroidManifest.xml"
  overlays=()
  for zip in "$cache"/aar-res/*.zip; do overlays+=(-R "$zip"); done
  "$cache/tools/aapt2" link -I "$(android_all)" \
    --manifest "$work/AndroidManifest.xml" --auto-add-overlay "${overlays[@]}" -R "$work/app-res.zip" \
    --java "$work/gen" --extra-packages "$(sort -u "$cache/aar-packages" | grep -v '^vn\.ihanoi\.app$' | paste -sd:)" \
    --min-sdk-version 24 --target-sdk-version 34 -o "$work/resources.ap_"
  find "$work/gen" -name R.java -print0 | xargs -0 javac -nowarn -encoding UTF-8 -d "$work/r-classes" --release 17
  (cd "$work/r-classes" && jar cf "$cache/r-classes.jar" .)
  cat >"$cache/test-config/com/android/tools/test_config.properties" <<PROPS
android_merged_manifest=$work/AndroidManifest.xml
android_resource_apk=$work/resources.ap_
android_custom_package=vn.ihanoi.app
android_merged_assets=$work/assets
PROPS
  echo "$deps_key-$res_key" >"$cache/res.key"
fi

# ---- lint: every Kotlin file of the app and of these tests, formatted by ktfmt ----
mapfile -t kotlin_files < <(find "$repo/android" "$here/src" -name '*.kt' -o -name '*.kts' | sort)
if ! java -jar "$cache/tools/ktfmt-"*-with-dependencies.jar --kotlinlang-style --dry-run \
  --set-exit-if-changed "${kotlin_files[@]}" >"$cache/ktfmt.out" 2>&1; then
  echo "tests/android: not formatted as ktfmt --kotlinlang-style wants (run it on them):" >&2
  grep -v '^Done' "$cache/ktfmt.out" >&2
  exit 1
fi

# ---- 5. compile with the Compose compiler, run under Robolectric ----
# The journey and the background worker talk to the reference city server over loopback.
city=$(mktemp -d)
trap '"$repo/tests/city-server.sh" stop "$city"; rm -rf "$city"' EXIT
city_url=$("$repo/tests/city-server.sh" start "$city")
"${mvn_quiet[@]}" \
  -Dihanoi.city="$city_url" -Dihanoi.sharedDir="$shared" \
  -Dorg.slf4j.simpleLogger.log.org.apache.maven.plugin.surefire=info \
  -Dihanoi.target="$target" "${roborazzi[@]}" "$@" test
