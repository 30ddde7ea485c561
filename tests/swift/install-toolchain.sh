#!/usr/bin/env bash
# Install the Swift 6 toolchain the Swift binding tests compile with.
#
# Debian bookworm has no Swift package; trixie has `swiftlang`. So we build a minimal trixie chroot
# with debootstrap at a fixed path outside the repository, install `swiftlang libc6-dev` inside it
# (libc6-dev: Swift's Glibc module needs the C headers), and mount /proc and /dev into it (swiftc
# needs both). Idempotent: a chroot that is present and whose swiftc runs is reused; mounts that are
# already there are left alone (never stacked); a half-built chroot from an interrupted run is
# rebuilt. Concurrent callers wait on a lock instead of racing.
#
#   tests/swift/install-toolchain.sh            install or check, then print the chroot path
#   tests/swift/install-toolchain.sh --unmount  unmount what this script mounted (keeps the chroot)
#   tests/swift/install-toolchain.sh --remove   unmount and delete the chroot
#
# Environment: IHANOI_SWIFT_CHROOT (default /var/cache/ihanoi/swift-trixie),
#              IHANOI_DEBIAN_MIRROR (default: the host's first Debian mirror in /etc/apt).
# Needs root (debootstrap, chroot, mount).
set -euo pipefail

chroot_dir=${IHANOI_SWIFT_CHROOT:-/var/cache/ihanoi/swift-trixie}
swiftc_in_chroot=/usr/libexec/swift/bin/swiftc
bootstrapped_marker="$chroot_dir/.ihanoi-debootstrap-done"
ready_marker="$chroot_dir/.ihanoi-swift-ready"
lock_file="$chroot_dir.lock"

log() { echo "install-toolchain: $*" >&2; }

if [ "$(id -u)" -ne 0 ]; then
  log "must run as root (debootstrap, chroot and mount need it)"
  exit 1
fi

# The host's Debian mirror: the network here reaches only Debian's package mirrors, so reuse
# whatever apt on the host already uses (deb822 .sources first, then one-line sources.list).
host_debian_mirror() {
  local uri
  uri=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null \
    | awk '/^URIs:/ { for (i = 2; i <= NF; i++) print $i }' \
    | grep -E '/debian/?$' | head -n1 || true)
  if [ -z "$uri" ]; then
    uri=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
      | awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^(http|https|file):/) { print $i; break } }' \
      | grep -E '/debian/?$' | head -n1 || true)
  fi
  echo "${uri:-http://deb.debian.org/debian}"
}

# Mount $2 on $chroot/$1 unless something is mounted there already.
ensure_mount() {
  local inside=$1
  shift
  local where="$chroot_dir$inside"
  mkdir -p "$where"
  if ! mountpoint -q "$where"; then
    mount "$@" "$where"
  fi
}

mount_all() {
  ensure_mount /proc -t proc proc
  ensure_mount /dev --bind /dev
  # Not part of a plain bind of /dev; apt warns without it.
  ensure_mount /dev/pts --bind /dev/pts
}

# Deepest first; each at most once per call, whatever is stacked.
unmount_all() {
  local inside
  for inside in /dev/pts /dev /proc; do
    while mountpoint -q "$chroot_dir$inside"; do
      umount "$chroot_dir$inside" || umount -l "$chroot_dir$inside"
    done
  done
}

in_chroot() {
  chroot "$chroot_dir" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
    DEBIAN_FRONTEND=noninteractive "$@"
}

# swiftc leaves a TemporaryDirectory.* behind even for --version: give it one we remove.
swift_version() {
  local scratch status=0
  scratch=$(mktemp -d "$chroot_dir/tmp/ihanoi-swift-check.XXXXXX")
  in_chroot TMPDIR="${scratch#"$chroot_dir"}" "$swiftc_in_chroot" --version 2>&1 || status=$?
  rm -rf "$scratch"
  return "$status"
}

swift_works() {
  [ -f "$ready_marker" ] && [ -x "$chroot_dir$swiftc_in_chroot" ] && swift_version >/dev/null
}

remove_chroot() {
  unmount_all
  # --one-file-system: never follow into anything still mounted below the chroot.
  rm -rf --one-file-system "$chroot_dir"
}

case "${1:-}" in
  --unmount) unmount_all; exit 0 ;;
  --remove) remove_chroot; exit 0 ;;
  "") ;;
  *) log "unknown option: $1"; exit 2 ;;
esac

mkdir -p "$(dirname "$chroot_dir")"
exec 9>"$lock_file"
flock 9

started=$(date +%s)

if [ -d "$chroot_dir" ]; then
  mount_all
  if swift_works; then
    echo "$chroot_dir"
    exit 0
  fi
fi

if ! command -v debootstrap >/dev/null 2>&1; then
  log "installing debootstrap on the host"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
fi

mirror=${IHANOI_DEBIAN_MIRROR:-$(host_debian_mirror)}

# A chroot without the marker is the leftover of an interrupted run: start it again from scratch
# rather than guessing how far it got.
if [ ! -f "$bootstrapped_marker" ]; then
  [ -d "$chroot_dir" ] && remove_chroot
  log "debootstrap --variant=minbase trixie $chroot_dir $mirror"
  if ! debootstrap --variant=minbase trixie "$chroot_dir" "$mirror" >"$chroot_dir.debootstrap.log" 2>&1; then
    log "debootstrap failed; last lines of $chroot_dir.debootstrap.log:"
    tail -n 20 "$chroot_dir.debootstrap.log" >&2
    unmount_all
    exit 1
  fi
  touch "$bootstrapped_marker"
fi

mount_all
# apt inside the chroot resolves names with the host's resolver.
cp -L /etc/resolv.conf "$chroot_dir/etc/resolv.conf" 2>/dev/null || true

log "apt-get install --no-install-recommends swiftlang libc6-dev (inside the chroot)"
in_chroot apt-get update -qq
in_chroot apt-get install -y -qq --no-install-recommends swiftlang libc6-dev >/dev/null
in_chroot apt-get clean

touch "$ready_marker"
if ! swift_works; then
  rm -f "$ready_marker"
  log "swiftc does not run inside $chroot_dir"
  exit 1
fi
log "Swift toolchain ready in $(($(date +%s) - started)) s: $(swift_version | head -n1)"
echo "$chroot_dir"
