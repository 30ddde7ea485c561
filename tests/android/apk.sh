#!/usr/bin/env bash
# The Android app as an APK, assembled without Gradle by the tools AGP itself calls, all
# from the registry (no Android SDK here):
#   1. the app's dependencies: pom.xml's main (compile-scope) list, prepared by env.sh as
#      for run.sh, with JNA as its AAR (classes.jar + jni/) instead of the JVM jar the
#      tests load; AGP's manifest merger, R8/D8 and apksig (apk-tools.xml);
#   2. manifest merging: android/app's manifest + every AAR's (manifest-merger 32.5.1, the
#      one in AGP 9.5.1), with the applicationId, SDK levels and version of
#      android/app/build.gradle.kts;
#   3. aapt2 link of the app's and the AARs' resources against android-all 14 (SDK 34: no
#      android.jar of compileSdk 36 is served) into the APK's binary resources, the R
#      classes of every package and aapt2's keep rules;
#   4. the app's Kotlin (android/app/src/main) + the bindings generated with android = true
#      (tests/bindgen.sh), compiled by Maven with the Compose compiler against those R classes;
#   5. D8 (debug: the dependencies dexed once and cached, the app each run) and R8 (release:
#      the app's proguard-rules.pro + the AARs' and jars' consumer rules + aapt2's);
#   6. packaging: dex, Java resources (META-INF/services: coroutines finds Dispatchers.Main
#      through it), native libraries (JNA's libjnidispatch.so and, where cargo ndk built it,
#      libihanoi_ffi.so) per ABI of build.gradle.kts; aligned and signed by apksig with a
#      debug key made by keytool (AGP's debug key's name and password);
#   7. checks: `aapt2 dump badging` must show the package, version, SDK levels, launcher
#      activity and every permission the app's manifest asks for; the merged manifest must not
#      start WorkManager's default initializer (the app configures WorkManager itself); the
#      signatures verify (apksig; Debian's apksigner too when installed); stored entries
#      aligned. Then the sizes: the release APK with R8 and its dex.
# Not here: libihanoi_ffi.so for Android ABIs (no NDK, no Android Rust targets) — the script
# says so loudly when the APK lacks it; resource shrinking; running the APK (no emulator).
#
# Usage: tests/android/apk.sh            APKs in $CARGO_TARGET_DIR/android (default target/)
# Cached in $IHANOI_ANDROID_CACHE/apk (default ~/.cache/ihanoi/android/apk): the tools, the
# dexed dependencies, the debug key; the app's classes and R8's output while their inputs
# are unchanged.
set -euo pipefail
source "$(dirname "$0")/env.sh"
started=$SECONDS

"$repo/tests/bindgen.sh"
android_prepare_deps

apk=$cache/apk
out=$target/android
aapt2=$cache/tools/aapt2
framework=$(android_all)
mkdir -p "$out"
# R8 and D8 read java.* from the JDK (android-all has the framework, not the core library).
java_home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
tools_cp=$(ls "$cache"/apk-tools/*.jar 2>/dev/null | paste -sd: || true)

# ---- what Gradle would know: android/app/build.gradle.kts ----
gradle_value() {
  sed -n "s/^ *$1 = \"\{0,1\}\([^\"]*\)\"\{0,1\}\$/\1/p" "$app/build.gradle.kts" | head -n1
}
application_id=$(gradle_value applicationId)
min_sdk=$(gradle_value minSdk)
target_sdk=$(gradle_value targetSdk)
version_code=$(gradle_value versionCode)
version_name=$(gradle_value versionName)
mapfile -t abis < <(sed -n 's/.*abiFilters += listOf(\(.*\)).*/\1/p' "$app/build.gradle.kts" | tr -d '" ' | tr , '\n')
for v in application_id min_sdk target_sdk version_code version_name; do
  [[ -n ${!v} ]] || { echo "tests/android/apk.sh: no $v in android/app/build.gradle.kts" >&2; exit 1; }
done
((${#abis[@]})) || { echo "tests/android/apk.sh: no abiFilters in android/app/build.gradle.kts" >&2; exit 1; }

# ---- 1. tools and the app's runtime dependencies (once per pom.xml / apk-tools.xml) ----
apk_key=$deps_key-$(sha256sum "$here/apk-tools.xml" "$here/apk.sh" | sha256sum | cut -c1-16)
if [[ $(cat "$apk/deps.key" 2>/dev/null) != "$apk_key" ]]; then
  echo "tests/android/apk.sh: preparing the APK's tools and dependencies in $apk" >&2
  rm -rf "$apk"
  mkdir -p "$apk/jna" "$apk/lib-jars" "$apk/java-res" "$apk/rules" "$apk/jni"
  mvn -B -q --no-transfer-progress -Dstyle.color=never -f "$here/apk-tools.xml" \
    -Dihanoi.android.work="$cache" dependency:copy-dependencies
  tools_cp=$(ls "$cache"/apk-tools/*.jar | paste -sd:)
  # The app's runtime list: pom.xml without test and provided scopes, and without the JVM
  # JNA (the AAR below replaces it; both on one class path make D8 fail on duplicates).
  "${mvn_quiet[@]}" -q -Dihanoi.fetch dependency:copy-dependencies -DincludeScope=runtime \
    -DexcludeArtifactIds=jna -Dmdep.prependGroupId=true -DoutputDirectory="$apk/deps"
  unzip -q -o "$cache/apk-tools/jna-"*.aar -d "$apk/jna"
  "$aapt2" compile --dir "$apk/jna/res" -o "$apk/jna-res.zip"

  : >"$apk/aar-dirs"
  for aar in "$apk"/deps/*.aar; do echo "$cache/aar/$(basename "$aar" .aar)" >>"$apk/aar-dirs"; done
  echo "$apk/jna" >>"$apk/aar-dirs"
  n=0
  while read -r dir; do
    for jar in "$dir/classes.jar" "$dir"/libs/*.jar; do
      [[ -f $jar ]] && cp "$jar" "$apk/lib-jars/$((n++))-$(basename "$dir").jar"
    done
    [[ -f $dir/proguard.txt ]] && cp "$dir/proguard.txt" "$apk/rules/$(basename "$dir").pro"
    for abi in "${abis[@]}"; do
      if [[ -d $dir/jni/$abi ]]; then
        mkdir -p "$apk/jni/$abi"
        cp "$dir/jni/$abi/"*.so "$apk/jni/$abi/"
      fi
    done
  done <"$apk/aar-dirs"
  cp "$apk"/deps/*.jar "$apk/lib-jars/"
  # The empty placeholder pom.xml's list holds instead of ListenableFuture (apk-tools.xml).
  rm -f "$apk"/lib-jars/*listenablefuture-9999.0*.jar
  cp "$cache"/apk-tools/listenablefuture-1.0.jar "$apk/lib-jars/"
  for jar in "$apk"/lib-jars/*.jar; do
    # Consumer rules shipped inside jars: R8's own folder when present, else ProGuard's (as AGP).
    rules=$(unzip -Z1 "$jar" 2>/dev/null | grep -E '^META-INF/com\.android\.tools/r8(-from-[^/]*)?/[^/]+$' || true)
    [[ -n $rules ]] || rules=$(unzip -Z1 "$jar" 2>/dev/null | grep -E '^META-INF/proguard/[^/]+$' || true)
    for r in $rules; do unzip -p "$jar" "$r" >"$apk/rules/$(basename "$jar" .jar)-$(basename "$r")"; done
    # Java resources the runtime reads (ServiceLoader files, library version markers).
    unzip -q -o "$jar" 'META-INF/services/*' 'META-INF/*.version' -d "$apk/java-res" 2>/dev/null || true
  done

  # D8 the dependencies once; each run only dexes the app and merges.
  java -cp "$tools_cp" com.android.tools.r8.D8 --debug --min-api "$min_sdk" \
    --lib "$framework" --lib "$java_home" --intermediate --output "$apk/lib-dex.zip" \
    "$apk"/lib-jars/*.jar 2> >(grep -v '^Warning' >&2 || true)

  # AGP's debug key: same alias and passwords, made the way Android Studio makes it.
  keytool -genkeypair -keystore "$apk/debug.keystore" -storetype PKCS12 -alias androiddebugkey \
    -storepass android -keypass android -keyalg RSA -keysize 2048 -validity 10000 \
    -dname "CN=Android Debug,O=Android,C=US" 2>/dev/null
  echo "$apk_key" >"$apk/deps.key"
fi

# ---- 2. the merged manifest ----
work=$apk/work
rm -rf "$work"
mkdir -p "$work/gen" "$work/r-classes"
mapfile -t aar_dirs <"$apk/aar-dirs"
lib_manifests=$(for d in "${aar_dirs[@]}"; do echo "$d/AndroidManifest.xml"; done | paste -sd:)
java -cp "$tools_cp" com.android.manifmerger.Merger --main "$app/src/main/AndroidManifest.xml" \
  --libs "$lib_manifests" --log WARNING --remove-tools-declarations \
  --property PACKAGE="$application_id" \
  --property MIN_SDK_VERSION="$min_sdk" --property TARGET_SDK_VERSION="$target_sdk" \
  --property VERSION_CODE="$version_code" --property VERSION_NAME="$version_name" \
  --property EXTRACT_NATIVE_LIBS=false --out "$work/AndroidManifest.xml"

# ---- 3. resources: the app's + every AAR's, one link per build type ----
"$aapt2" compile --dir "$app/src/main/res" -o "$work/app-res.zip"
overlays=()
packages=()
for d in "${aar_dirs[@]}"; do
  name=$(basename "$d")
  if [[ -f $cache/aar-res/$name.zip ]]; then overlays+=(-R "$cache/aar-res/$name.zip"); fi
  packages+=("$(sed -n 's/.*package="\([^"]*\)".*/\1/p' "$d/AndroidManifest.xml" | head -n1)")
done
overlays+=(-R "$apk/jna-res.zip")
link=("$aapt2" link -I "$framework" --manifest "$work/AndroidManifest.xml" --auto-add-overlay
  "${overlays[@]}" -R "$work/app-res.zip" --min-sdk-version "$min_sdk" --target-sdk-version "$target_sdk"
  --version-code "$version_code" --version-name "$version_name")
# Release first: its R.java (app + every AAR package) and keep rules serve both builds.
"${link[@]}" --java "$work/gen" --proguard "$work/aapt-rules.pro" \
  --extra-packages "$(printf '%s\n' "${packages[@]}" | sort -u | grep -vx "$application_id" | paste -sd:)" \
  -o "$work/release.ap_"
"${link[@]}" --debug-mode -o "$work/debug.ap_"
find "$work/gen" -name R.java -print0 | xargs -0 javac -nowarn -encoding UTF-8 -d "$work/r-classes" --release 17
(cd "$work/r-classes" && jar cf "$work/r-classes.jar" .)

# ---- 4. the app's Kotlin with the android = true bindings (Maven, Compose compiler) ----
classes=$apk/build/classes
classes_key=$( (cd "$app/src/main" && find kotlin -type f -print0 | sort -z | xargs -0 sha256sum
  cd "$target/bindings/kotlin-android" && find . -type f -print0 | sort -z | xargs -0 sha256sum
  find "$work/gen" -name R.java | sort | xargs cat) | sha256sum | cut -c1-16)
if [[ $(cat "$apk/classes.key" 2>/dev/null) != "$classes_key" ]]; then
  rm -rf "$apk/build"
  "${mvn_quiet[@]}" -q -Dihanoi.build.dir="$apk/build" -Dihanoi.r.classes="$work/r-classes.jar" \
    -Dihanoi.bindings="$target/bindings/kotlin-android" compile
  # D8 and R8 take archives, not folders.
  (cd "$classes" && jar cf "$apk/build/app-classes.jar" .)
  echo "$classes_key" >"$apk/classes.key"
fi

# ---- 5. dex: D8 for debug, R8 for release ----
java -cp "$tools_cp" com.android.tools.r8.D8 --debug --min-api "$min_sdk" --lib "$framework" \
  --lib "$java_home" --classpath "$apk/lib-dex.zip" $(printf -- '--classpath %s ' "$apk"/lib-jars/*.jar) \
  --output "$work/app-dex.zip" "$apk/build/app-classes.jar" "$work/r-classes.jar"
java -cp "$tools_cp" com.android.tools.r8.D8 --debug --min-api "$min_sdk" \
  --output "$work/debug-dex.zip" "$work/app-dex.zip" "$apk/lib-dex.zip"

r8_rules=("$app/proguard-rules.pro" "$work/aapt-rules.pro" "$apk"/rules/*)
r8_key=$( (echo "$classes_key"; cat "${r8_rules[@]}") | sha256sum | cut -c1-16)
if [[ $(cat "$apk/r8.key" 2>/dev/null) != "$r8_key" ]]; then
  java -cp "$tools_cp" com.android.tools.r8.R8 --release --min-api "$min_sdk" --lib "$framework" \
    --lib "$java_home" $(printf -- '--pg-conf %s ' "${r8_rules[@]}") \
    --pg-map-output "$apk/mapping.txt" --output "$apk/release-dex.zip" \
    "$apk/build/app-classes.jar" "$work/r-classes.jar" "$apk"/lib-jars/*.jar
  echo "$r8_key" >"$apk/r8.key"
fi
cp "$apk/mapping.txt" "$out/ihanoi-release-mapping.txt"

# ---- 6. native libraries, packaging, signing ----
# libihanoi_ffi.so per ABI from cargo ndk: its jniLibs output (android/app/src/main/jniLibs,
# or the Gradle task's), else cargo's own target/<rust target>/release.
rust_target() {
  case $1 in
    arm64-v8a) echo aarch64-linux-android ;;
    armeabi-v7a) echo armv7-linux-androideabi ;;
    x86_64) echo x86_64-linux-android ;;
    x86) echo i686-linux-android ;;
  esac
}
jni=$work/jni
cp -r "$apk/jni" "$jni"
missing=()
for abi in "${abis[@]}"; do
  found=
  for so in "$app/src/main/jniLibs/$abi/libihanoi_ffi.so" "$app/build/rust/jniLibs/release/$abi/libihanoi_ffi.so" \
    "$target/$(rust_target "$abi")/release/libihanoi_ffi.so"; do
    if [[ -f $so ]]; then
      found=$so
      break
    fi
  done
  if [[ -n $found ]]; then
    mkdir -p "$jni/$abi"
    cp "$found" "$jni/$abi/"
    echo "tests/android/apk.sh: $abi: libihanoi_ffi.so from $found"
  else
    missing+=("$abi")
  fi
done

for build in debug release; do
  dex=$work/debug-dex.zip java_res=(--java-res "$apk/java-res")
  if [[ $build == release ]]; then
    # R8 wrote the Java resources it kept, service files rewritten to the renamed classes.
    dex=$apk/release-dex.zip java_res=()
  fi
  python3 "$here/apk_zip.py" pack "$work/$build-unsigned.apk" "$work/$build.ap_" "$dex" \
    "${java_res[@]}" --jni "$jni"
  java -cp "$tools_cp" "$here/ApkSign.java" sign "$apk/debug.keystore" android androiddebugkey \
    "$min_sdk" "$work/$build-unsigned.apk" "$out/ihanoi-$build.apk"
done

# ---- 7. checks ----
fail() {
  echo "tests/android/apk.sh: FAILED: $*" >&2
  exit 1
}
for build in debug release; do
  file=$out/ihanoi-$build.apk
  echo "== aapt2 dump badging ihanoi-$build.apk"
  "$aapt2" dump badging "$file" | grep -Ev "^(application-label|application-icon|locales|densities)" | tee "$work/$build.badging"
  b=$work/$build.badging
  grep -qx "package: name='$application_id' versionCode='$version_code' versionName='$version_name'.*" "$b" ||
    grep -q "^package: name='$application_id' versionCode='$version_code' versionName='$version_name'" "$b" ||
    fail "$build: package is not $application_id $version_code $version_name"
  grep -qx "minSdkVersion:'$min_sdk'" "$b" || grep -qx "sdkVersion:'$min_sdk'" "$b" || fail "$build: minSdk is not $min_sdk"
  grep -qx "targetSdkVersion:'$target_sdk'" "$b" || fail "$build: targetSdk is not $target_sdk"
  grep -q "^launchable-activity: name='$application_id.MainActivity'" "$b" || fail "$build: no launcher MainActivity"
  for permission in $(sed -n 's/.*<uses-permission android:name="\([^"]*\)".*/\1/p' "$app/src/main/AndroidManifest.xml"); do
    grep -q "^uses-permission: name='$permission'" "$b" || fail "$build: permission $permission missing"
  done
  if [[ $build == debug ]]; then
    grep -qx "application-debuggable" "$b" || fail "debug: not debuggable"
  else
    ! grep -qx "application-debuggable" "$b" || fail "release: debuggable"
  fi
  # The app starts WorkManager itself with its worker factory; the merger must have removed
  # the library's initializer (tools:node="remove"), or WorkManager would start twice.
  "$aapt2" dump xmltree --file AndroidManifest.xml "$file" >"$work/$build.manifest.txt"
  if grep -q 'androidx.work.WorkManagerInitializer' "$work/$build.manifest.txt"; then
    fail "$build: the merged manifest still starts WorkManagerInitializer"
  fi
  # Listed into a file: `unzip | grep -q` fails under pipefail when grep stops reading early.
  unzip -Z1 "$file" >"$work/$build.files"
  for abi in "${abis[@]}"; do
    grep -qx "lib/$abi/libjnidispatch.so" "$work/$build.files" || fail "$build: no JNA native library for $abi"
  done
  python3 "$here/apk_zip.py" check-aligned "$file"
  java -cp "$tools_cp" "$here/ApkSign.java" verify "$min_sdk" "$file"
  if command -v apksigner >/dev/null; then
    apksigner verify --min-sdk-version "$min_sdk" "$file" || fail "$build: apksigner verify"
  fi
done

if ((${#missing[@]})); then
  cat <<MSG

!! THESE APKs LACK THE RUST CORE: no libihanoi_ffi.so for ${missing[*]}.
!! Nothing here builds it (no NDK, no Android Rust targets): they would install and stop at
!! the first call into the core. Build it with cargo ndk (README, "Android app") and run again.
MSG
fi
dex_size=$(unzip -Zl "$out/ihanoi-release.apk" | awk '$NF ~ /^classes[0-9]*\.dex$/ {s += $4} END {print s}')
printf '\nihanoi-debug.apk    %8d bytes (D8, not minified)\n' "$(stat -c %s "$out/ihanoi-debug.apk")"
printf 'ihanoi-release.apk  %8d bytes (R8), of which dex %d bytes uncompressed\n' \
  "$(stat -c %s "$out/ihanoi-release.apk")" "$dex_size"
echo "tests/android/apk.sh: APKs in $out ($((SECONDS - started)) s)"
