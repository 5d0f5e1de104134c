#!/bin/sh
# Prints (last stdout line) the path of a tarball of a Debian sid root filesystem holding today's Docker:
# docker.io (dockerd 28.x with its BuildKit), docker-cli and docker-buildx. bookworm cannot install them, so the
# suite runs them in a chroot of this root (test/buildkit/engine-docker28.ts). Built once per machine with
# debootstrap from a Debian mirror of this machine's apt sources, then reused from the cache folder
# (DCM_ROOTFS_CACHE, default /var/cache/docker-cache-mounts). Fails loudly, naming the cause, when it cannot build.
# Safe to run from several worktrees at once (one builds, the others wait on a lock).
# Env: DCM_DEBIAN_MIRROR forces a mirror URL; DCM_ROOTFS_CACHE moves the cache.
set -eu

SUITE=sid
VARIANT=minbase
# iptables: dockerd refuses to start without the binary, even with --iptables=false.
PACKAGES=docker.io,iptables
# Installed in a second step: debootstrap's dependency resolution does not pull the buildx plugin in.
EXTRA='docker-cli docker-buildx'
# The engine this suite's expectations were recorded with (test/buildkit/builders.ts): another major is a failure.
EXPECT_MAJOR=28
CACHE_DIR=${DCM_ROOTFS_CACHE:-/var/cache/docker-cache-mounts}
# Nothing the engine runs reads these; every run unpacks the root, so smaller is faster.
SLIM='usr/share/doc usr/share/man usr/share/locale usr/share/info var/cache/apt var/lib/apt/lists'

fail() {
  echo "docker 28 root: FAILED: $*" >&2
  echo "docker 28 root: the suite's second builder (Docker 28) cannot run without it; this is a failure, not a skip." >&2
  exit 1
}

arch=$(dpkg --print-architecture 2>/dev/null) || fail "dpkg is missing (not a Debian host?)"
key=$(printf '%s\n' "$SUITE" "$VARIANT" "$PACKAGES" "$EXTRA" "$EXPECT_MAJOR" "$arch" "$SLIM" | sha256sum | cut -c1-12)
tarball="$CACHE_DIR/docker28-$SUITE-$VARIANT-$key.tar"

if [ -s "$tarball" ]; then
  echo "docker 28 root: cached $tarball ($(cat "$tarball.versions" 2>/dev/null || echo 'versions unknown'))" >&2
  echo "$tarball"
  exit 0
fi

[ "$(id -u)" = 0 ] || fail "debootstrap and chroot need root"
command -v debootstrap >/dev/null 2>&1 || fail "debootstrap is not installed (scripts/buildkit/setup.sh installs it)"
command -v flock >/dev/null 2>&1 || fail "flock is missing (util-linux)"

mkdir -p "$CACHE_DIR"
# One builder per machine: another worktree may be making the same root right now.
exec 9>"$CACHE_DIR/.docker28.lock"
flock 9
if [ -s "$tarball" ]; then
  echo "docker 28 root: built meanwhile by another run: $tarball" >&2
  echo "$tarball"
  exit 0
fi

. "$(dirname "$0")/unmount-under.sh"
mirror=$(sh "$(dirname "$0")/debian-mirror.sh" "$SUITE") || fail "no Debian mirror for $SUITE (reason above)"

work=$(mktemp -d "$CACHE_DIR/.docker28-build-XXXXXX")
partial="$CACHE_DIR/.docker28-$$.tar"
cleanup() {
  unmount_under "$work"
  rm -rf "$work"
  rm -f "$partial"
}
trap cleanup EXIT INT TERM
# dpkg syncs every file it unpacks: on a tmpfs that costs nothing.
if mount -t tmpfs -o size=3g,mode=0700 dcm-docker28 "$work" 2>/dev/null; then where=tmpfs; else where="disk (tmpfs mount failed)"; fi

root="$work/root"
echo "docker 28 root: debootstrap --variant=$VARIANT --include=$PACKAGES $SUITE from $mirror on $where, then $EXTRA (once per machine)" >&2
start=$(date +%s)
if ! debootstrap --variant="$VARIANT" --include="$PACKAGES" "$SUITE" "$root" "$mirror" >"$work/debootstrap.log" 2>&1; then
  tail -n 30 "$work/debootstrap.log" >&2
  [ -f "$root/debootstrap/debootstrap.log" ] && tail -n 30 "$root/debootstrap/debootstrap.log" >&2
  fail "debootstrap of $SUITE from $mirror failed (log above)"
fi
# shellcheck disable=SC2086
if ! chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $EXTRA >"$work/apt.log" 2>&1; then
  tail -n 30 "$work/apt.log" >&2
  fail "apt-get install $EXTRA in the $SUITE root failed (log above)"
fi

for f in usr/sbin/dockerd usr/bin/docker usr/bin/containerd usr/sbin/runc usr/libexec/docker/cli-plugins/docker-buildx; do
  [ -x "$root/$f" ] || fail "/$f is missing in the $SUITE root after the install"
done
engine=$(chroot "$root" dockerd --version) || fail "dockerd does not run in the $SUITE root"
client=$(chroot "$root" docker --version) || fail "docker does not run in the $SUITE root"
buildx=$(chroot "$root" docker buildx version) || fail "docker buildx does not run in the $SUITE root"
major=$(echo "$engine" | sed -n 's/^Docker version \([0-9]*\)\..*/\1/p')
[ "$major" = "$EXPECT_MAJOR" ] ||
  fail "$SUITE now ships '$engine', not Docker $EXPECT_MAJOR: the suite's expectations (test/buildkit/builders.ts) were recorded for $EXPECT_MAJOR; review them and EXPECT_MAJOR"

for d in $SLIM; do
  [ ! -d "$root/$d" ] || find "$root/$d" -mindepth 1 -delete
done
tar -C "$root" --numeric-owner -cf "$partial" .
versions="$engine; $client; $buildx"
printf '%s\n' "$versions" > "$tarball.versions"
mv "$partial" "$tarball"
# Tarballs of older package lists are dead weight: only this script writes these names.
for old in "$CACHE_DIR/docker28-$SUITE-$VARIANT-"*.tar; do
  [ "$old" = "$tarball" ] || rm -f "$old" "$old.versions"
done
echo "docker 28 root: built $tarball ($(du -h "$tarball" | cut -f1); $versions) in $(( $(date +%s) - start ))s" >&2
echo "$tarball"
