#!/bin/sh
# `npm run test:buildkit`: installs the engines and debootstrap if needed, compiles the suite, runs the real builds
# once per builder (Docker 20.10 from bookworm, Docker 28 from a Debian sid chroot), renders docs/verified-facts.md
# from both and checks that file is current, then checks with Docker 28's `buildx build --check` that the text
# our fixes write is accepted by the real Dockerfile frontend (fix-check.test.ts). Fails loudly when an engine
# cannot start or a root filesystem cannot be made (they are cached in /var/cache/docker-cache-mounts).
set -eu
cd "$(dirname "$0")/../.."
start=$(date +%s)
sh scripts/buildkit/setup.sh
sh scripts/buildkit/setup-docker28.sh >/dev/null
npx tsc -b test/buildkit
# Results of an earlier run must never be mixed into this one's facts file.
rm -rf out/buildkit/facts-results
status=0
for builder in docker-20.10 docker-28; do
  t=$(date +%s)
  DCM_BUILDER=$builder node --test out/buildkit/buildkit/premises.test.js || status=1
  echo "buildkit suite: premises on $builder in $(( $(date +%s) - t ))s"
done
node out/buildkit/buildkit/facts-write.js || status=1
node --test out/buildkit/buildkit/facts-current.test.js || status=1
t=$(date +%s)
node --test out/buildkit/buildkit/fix-check.test.js || status=1
echo "buildkit suite: fix check (buildx build --check) in $(( $(date +%s) - t ))s"
echo "buildkit suite: done in $(( $(date +%s) - start ))s"
exit $status
