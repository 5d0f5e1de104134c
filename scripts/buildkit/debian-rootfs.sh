#!/bin/sh
# Prints (last stdout line) the path of a tarball of a minimal Debian root filesystem for the package-manager
# premises: `debootstrap --variant=minbase --include=python3,python3-pip bookworm` from a Debian mirror named in
# this machine's apt sources. Built once per machine and package list, then reused from the cache folder
# (DCM_ROOTFS_CACHE, default /var/cache/docker-cache-mounts). Fails loudly, naming the cause, when it cannot build.
# Env: DCM_DEBIAN_MIRROR forces a mirror URL; DCM_ROOTFS_CACHE moves the cache.
set -eu

SUITE=bookworm
VARIANT=minbase
PACKAGES=python3,python3-pip
CACHE_DIR=${DCM_ROOTFS_CACHE:-/var/cache/docker-cache-mounts}
# Docker's official Debian images carry this file; a debootstrap rootfs does not. The image gets it so that it
# behaves like `FROM debian:bookworm` for apt cache mounts (see docs/semantics.md#apt-docker-clean).
DOCKER_CLEAN='DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache ""; Dir::Cache::srcpkgcache "";'
# Removed from the rootfs to make it a quarter smaller: every build step copies the whole rootfs (vfs storage),
# and nothing the tests run reads these (documentation and translations).
SLIM='usr/share/doc usr/share/man usr/share/locale usr/share/info'

fail() {
  echo "debian rootfs: FAILED: $*" >&2
  echo "debian rootfs: the package-manager premises (pip, apt) cannot run without it; this is a failure, not a skip." >&2
  exit 1
}

arch=$(dpkg --print-architecture 2>/dev/null) || fail "dpkg is missing (not a Debian host?)"
# The key changes whenever what goes into the rootfs changes.
key=$(printf '%s\n' "$SUITE" "$VARIANT" "$PACKAGES" "$arch" "$DOCKER_CLEAN" "$SLIM" | sha256sum | cut -c1-12)
tarball="$CACHE_DIR/debian-$SUITE-$VARIANT-$key.tar"

if [ -s "$tarball" ]; then
  echo "debian rootfs: cached $tarball" >&2
  echo "$tarball"
  exit 0
fi

[ "$(id -u)" = 0 ] || fail "debootstrap needs root"
command -v debootstrap >/dev/null 2>&1 || fail "debootstrap is not installed (scripts/buildkit/setup.sh installs it)"
command -v wget >/dev/null 2>&1 || fail "wget is not installed (debootstrap depends on it)"

. "$(dirname "$0")/unmount-under.sh"
mirror=$(sh "$(dirname "$0")/debian-mirror.sh" "$SUITE") || fail "no Debian mirror for $SUITE (reason above)"

mkdir -p "$CACHE_DIR"
work=$(mktemp -d "$CACHE_DIR/.build-XXXXXX")
partial="$CACHE_DIR/.rootfs-$$.tar"
cleanup() {
  unmount_under "$work"
  rm -rf "$work"
  rm -f "$partial"
}
trap cleanup EXIT INT TERM
# dpkg syncs every file it unpacks: on a tmpfs that costs nothing, on this machine's disk it was much slower.
if mount -t tmpfs -o size=2g,mode=0700 dcm-rootfs "$work" 2>/dev/null; then where=tmpfs; else where="disk (tmpfs mount failed)"; fi

echo "debian rootfs: debootstrap --variant=$VARIANT --include=$PACKAGES $SUITE from $mirror on $where (once per machine)" >&2
start=$(date +%s)
if ! debootstrap --variant="$VARIANT" --include="$PACKAGES" "$SUITE" "$work/root" "$mirror" >"$work/debootstrap.log" 2>&1; then
  tail -n 30 "$work/debootstrap.log" >&2
  [ -f "$work/root/debootstrap/debootstrap.log" ] && tail -n 30 "$work/root/debootstrap/debootstrap.log" >&2
  fail "debootstrap from $mirror failed (log above)"
fi
# Smaller image, same behaviour: downloaded .debs and apt lists are not needed in the rootfs.
rm -rf "$work/root/var/cache/apt/archives/"*.deb "$work/root/var/lib/apt/lists/"*_Packages
# The facts file says a debootstrap rootfs has no docker-clean of its own: checked here on every build.
[ ! -e "$work/root/etc/apt/apt.conf.d/docker-clean" ] || fail "debootstrap made an apt.conf.d/docker-clean itself; review the CM008 fact"
printf '%s\n' "$DOCKER_CLEAN" > "$work/root/etc/apt/apt.conf.d/docker-clean"
for d in $SLIM; do
  [ ! -d "$work/root/$d" ] || find "$work/root/$d" -mindepth 1 -delete
done
tar -C "$work/root" --numeric-owner -cf "$partial" .
mv "$partial" "$tarball"
# Tarballs of older package lists are dead weight: only this script writes these names.
for old in "$CACHE_DIR/debian-$SUITE-$VARIANT-"*.tar; do
  [ "$old" = "$tarball" ] || rm -f "$old"
done
echo "debian rootfs: built $tarball ($(du -h "$tarball" | cut -f1)) in $(( $(date +%s) - start ))s" >&2
echo "$tarball"
