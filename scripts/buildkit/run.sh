#!/bin/sh
# `npm run test:buildkit`: installs the engine and debootstrap if needed, compiles the suite, runs the real builds
# (which rewrite docs/verified-facts.md), then checks that file is current. Fails loudly when the engine cannot
# start or the Debian rootfs cannot be made (the rootfs is cached in /var/cache/docker-cache-mounts between runs).
set -eu
cd "$(dirname "$0")/../.."
start=$(date +%s)
sh scripts/buildkit/setup.sh
npx tsc -b test/buildkit
node --test out/buildkit/buildkit/premises.test.js
node --test out/buildkit/buildkit/facts-current.test.js
echo "buildkit suite: done in $(( $(date +%s) - start ))s"
