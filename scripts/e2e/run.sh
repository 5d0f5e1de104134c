#!/usr/bin/env bash
# `npm run test:e2e`: the packaged extension in a real VS Code in a real browser.
# 1. scripts/e2e/setup.sh (cached after the first run), 2. build and package the .vsix, 3. check its contents,
# 4. node --test test/e2e/: code-server installs the .vsix, Chromium opens test/e2e/fixtures/workspace (copied),
# Playwright asserts squiggles, Problems, hover, quick fixes; then general Dockerfile support with and without a
# Container Tools stand-in (test/e2e/dockerfile-support.e2e.test.mjs, installs dockerfile-language-server-nodejs
# on demand into ~/.cache/docker-cache-mounts/peer-dockerfile-ls); screenshots go to docs/images/ (to the scratch
# folder under CI=true, so CI never rewrites tracked files).
# code-server and Chromium are stopped at the end, also on failure (the test's after() hook, then this trap).
# Env: DCM_E2E_HOME (tools folder), DCM_E2E_KEEP=1 keeps the scratch folder, DCM_E2E_TIMEOUT_MS (UI waits).
set -euo pipefail
cd "$(dirname "$0")/../.."

die() { printf '\ntest:e2e: FAILED: %s\n' "$*" >&2; exit 1; }

t0=$SECONDS
setup_out=$(mktemp)
bash scripts/e2e/setup.sh 2>&1 | tee "$setup_out" || die "the e2e setup did not complete (scripts/e2e/setup.sh, output above)"
E2E_HOME=$(sed -n 's/^E2E_HOME=//p' "$setup_out" | tail -n 1)
rm -f "$setup_out"
[ -n "$E2E_HOME" ] || die "scripts/e2e/setup.sh did not report its folder"
echo "test:e2e: setup took $((SECONDS - t0)) s"

work=$(mktemp -d "${TMPDIR:-/tmp}/dcm-e2e.XXXXXX")
cleanup() {
  local rc=$?
  # Anything still running from this run's code-server or Chromium (found by the scratch folder in its
  # command line) is ended: the test's after() hook normally did that already.
  for pid in $(pgrep -f -- "$work" || true); do kill "$pid" 2>/dev/null || true; done
  if [ "$rc" -ne 0 ] || [ "${DCM_E2E_KEEP:-}" = 1 ]; then echo "test:e2e: scratch folder kept: $work"; else rm -rf "$work"; fi
  exit "$rc"
}
trap cleanup EXIT

t1=$SECONDS
vsix="$work/docker-cache-mounts.vsix"
npm run package -- -o "$vsix" || die "npm run package failed"
node scripts/e2e/check-vsix.mjs "$vsix" || die "the .vsix contents are wrong (see above; fix .vscodeignore)"
echo "test:e2e: build + package took $((SECONDS - t1)) s"

t2=$SECONDS
# CI never rewrites tracked files: its screenshots go to the scratch folder. Locally they refresh the
# README's pictures in docs/images/ (DCM_E2E_SCREENSHOTS overrides either).
if [ "${CI:-}" = true ]; then shots="$work/screenshots"; else shots="$PWD/docs/images"; fi
shots="${DCM_E2E_SCREENSHOTS:-$shots}"
mkdir -p "$shots"
DCM_E2E_HOME="$E2E_HOME" DCM_VSIX="$vsix" DCM_E2E_WORK="$work" DCM_E2E_SCREENSHOTS="$shots" \
  node --test --test-concurrency=1 test/e2e/vscode.e2e.test.mjs test/e2e/dockerfile-support.e2e.test.mjs \
  || die "a scenario failed: failure screenshots and logs are in $work"
echo "test:e2e: scenarios took $((SECONDS - t2)) s; screenshots in $shots"
