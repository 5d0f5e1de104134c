#!/bin/sh
# Installs what the build-verified suite (test/buildkit) needs from Debian's packages:
# docker.io (dockerd 20.10 + the classic client that builds with BuildKit without buildx),
# busybox-static (the only userland of the FROM-scratch test images) and debootstrap (makes the minimal Debian
# rootfs with python3 and python3-pip for the package-manager premises: scripts/buildkit/debian-rootfs.sh).
# Idempotent: installs nothing when everything is present; runs `apt-get update` at most once.
set -eu

need=""
[ -x /usr/sbin/dockerd ] && [ -x /usr/bin/docker ] || need="$need docker.io"
[ -x /bin/busybox ] && /bin/busybox --list >/dev/null 2>&1 && ldd /bin/busybox 2>&1 | grep -q 'not a dynamic' \
  || need="$need busybox-static"
[ -x /usr/sbin/debootstrap ] && command -v wget >/dev/null 2>&1 || need="$need debootstrap"

if [ -z "$need" ]; then
  echo "buildkit setup: docker.io, busybox-static and debootstrap already installed"
  exit 0
fi

if [ "$(id -u)" != 0 ]; then
  SUDO=sudo
  command -v sudo >/dev/null 2>&1 || { echo "buildkit setup: need root (or sudo) to install:$need" >&2; exit 1; }
else
  SUDO=
fi

export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
if ! $SUDO apt-get install -y --no-install-recommends $need; then
  echo "buildkit setup: install failed; running apt-get update once and retrying" >&2
  $SUDO apt-get update || { echo "buildkit setup: apt-get update failed (no Debian mirror reachable?)" >&2; exit 1; }
  # shellcheck disable=SC2086
  $SUDO apt-get install -y --no-install-recommends $need \
    || { echo "buildkit setup: apt-get install$need failed; the buildkit suite cannot run" >&2; exit 1; }
fi

for f in /usr/sbin/dockerd /usr/bin/docker /bin/busybox /usr/sbin/debootstrap; do
  [ -x "$f" ] || { echo "buildkit setup: $f missing after install" >&2; exit 1; }
done
echo "buildkit setup: installed$need"
