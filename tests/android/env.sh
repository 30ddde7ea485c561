# Sourced by tests/android/run.sh and tests/android/apk.sh: what both need before they
# compile anything. Sets $here $repo $target $app $cache $shared and mvn_quiet, installs
# a JDK/Maven/unzip if missing, and (android_prepare_deps) fetches the pinned dependency
# list of pom.xml, Robolectric's android-all 14 and the tools, unzips every AAR, merges
# their classes into aar-classes.jar and compiles their resources with aapt2 — once per
# pom.xml, in $IHANOI_ANDROID_CACHE (default ~/.cache/ihanoi/android):
#   aars/<group>.<artifact>-<version>.aar   every AAR of the list (main and test)
#   aar/<same name>/                        each unzipped (manifest, res/, jni/, proguard.txt)
#   aar-res/<same name>.zip                 its res/ compiled by aapt2
#   aar-packages                            each AAR's manifest package (its R class)
#   aar-classes.jar                         every AAR's classes.jar + libs/*.jar
#   tools/                                  aapt2, ktfmt, android-all (jar and instrumented)
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
target=${CARGO_TARGET_DIR:-$repo/target}
app=$repo/android/app
cache=${IHANOI_ANDROID_CACHE:-$HOME/.cache/ihanoi/android}
shared=${IHANOI_SHARED:-$repo/../shared}

if ! command -v mvn >/dev/null || ! command -v javac >/dev/null || ! command -v unzip >/dev/null; then
  echo "tests/android: installing a JDK, Maven and unzip (apt)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends openjdk-17-jdk-headless maven unzip >/dev/null
fi

mvn_quiet=(mvn -B --no-transfer-progress -Dstyle.color=never -f "$here/pom.xml"
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dihanoi.android.work="$cache")

# Keyed by pom.xml and this file: a version change or a change to these steps redoes them.
deps_key=$(sha256sum "$here/pom.xml" "$here/env.sh" | sha256sum | cut -c1-16)

android_prepare_deps() {
  [[ $(cat "$cache/deps.key" 2>/dev/null) == "$deps_key" ]] && return 0
  echo "tests/android: preparing dependencies in $cache (first run or pom.xml changed)" >&2
  rm -rf "$cache"
  mkdir -p "$cache"
  "${mvn_quiet[@]}" -q -Dihanoi.fetch dependency:copy-dependencies@aars dependency:copy@robolectric

  unzip -q -o "$cache/tools/aapt2-"*-linux.jar aapt2 -d "$cache/tools"
  chmod +x "$cache/tools/aapt2"

  local classes=$cache/aar-classes aar name dir jar
  mkdir -p "$classes" "$cache/aar-res"
  : >"$cache/aar-packages"
  for aar in "$cache"/aars/*.aar; do
    name=$(basename "$aar" .aar)
    dir=$cache/aar/$name
    mkdir -p "$dir"
    unzip -q -o "$aar" -d "$dir"
    for jar in "$dir/classes.jar" "$dir"/libs/*.jar; do
      [[ -f $jar ]] && unzip -q -o "$jar" -d "$classes"
    done
    # The AAR's package: its R class is generated under it.
    sed -n 's/.*package="\([^"]*\)".*/\1/p' "$dir/AndroidManifest.xml" | head -n1 >>"$cache/aar-packages"
    if [[ -d $dir/res ]] && [[ -n $(ls -A "$dir/res") ]]; then
      "$cache/tools/aapt2" compile --dir "$dir/res" -o "$cache/aar-res/$name.zip"
    fi
  done
  (cd "$classes" && jar cf "$cache/aar-classes.jar" .)
  rm -rf "$classes"
  echo "$deps_key" >"$cache/deps.key"
}

# The framework the resources link against and the code compiles against (SDK 34).
android_all() { ls "$cache/tools/android-all-"[0-9]*.jar; }
