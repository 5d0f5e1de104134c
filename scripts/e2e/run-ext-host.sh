#!/usr/bin/env bash
# `npm run test:ext-host`: the extension-host suite (test/electron/suite/, Mocha through the vscode API) in
# code-server's Node extension host (VS Code 1.100.3), driven by Playwright in Debian's Chromium
# (test/e2e/ext-host.mjs); the exit code is the suite's. Where a VS Code desktop build is named by
# VSCODE_EXECUTABLE_PATH, the same suite then also runs there through @vscode/test-electron.
# With --web (`npm run test:web`) it makes the browser run instead: the extension's `browser` entry in code-server's
# web worker extension host, the suite bundled for it (test/web/), and docs/images/web-extension.png (under
# CI=true into the scratch folder, so CI never rewrites tracked files).
# Env: DCM_E2E_HOME (tools folder, see scripts/e2e/setup.sh), DCM_E2E_KEEP=1 keeps the scratch folder,
# DCM_EXT_HOST_TIMEOUT_MS (the whole suite, default 10 min), DCM_E2E_SCREENSHOTS (the screenshot's folder).
set -euo pipefail
cd "$(dirname "$0")/../.."
kind=node
[ "${1:-}" = --web ] && kind=web

die() { printf '\ntest:ext-host: FAILED: %s\n' "$*" >&2; exit 1; }

t0=$SECONDS
setup_out=$(mktemp)
bash scripts/e2e/setup.sh 2>&1 | tee "$setup_out" || die "the e2e setup did not complete (scripts/e2e/setup.sh, output above)"
E2E_HOME=$(sed -n 's/^E2E_HOME=//p' "$setup_out" | tail -n 1)
rm -f "$setup_out"
[ -n "$E2E_HOME" ] || die "scripts/e2e/setup.sh did not report its folder"

# The extension runs from dist/ (extensionDevelopmentPath is this folder); the suite is compiled afresh so no
# test file deleted from the sources lingers in out/electron/.
npm run build || die "npm run build failed"
rm -rf out/electron out/web
if [ "$kind" = web ]; then
  npx tsc -p test/web && node scripts/e2e/build-web-tests.mjs || die "the browser suite does not compile"
else
  npx tsc -p test/electron || die "the suite does not compile"
fi
echo "test:ext-host: setup and build took $((SECONDS - t0)) s"

work=$(mktemp -d "${TMPDIR:-/tmp}/dcm-ext-host.XXXXXX")
cleanup() {
  local rc=$?
  # Anything left of this run's code-server or Chromium (their command lines name the scratch folder).
  for pid in $(pgrep -f -- "$work" || true); do kill "$pid" 2>/dev/null || true; done
  if [ "$rc" -ne 0 ] || [ "${DCM_E2E_KEEP:-}" = 1 ]; then echo "test:ext-host: scratch folder kept: $work"; else rm -rf "$work"; fi
  exit "$rc"
}
trap cleanup EXIT

t1=$SECONDS
if [ "${CI:-}" = true ]; then shots="$work/screenshots"; else shots="$PWD/docs/images"; fi
DCM_E2E_HOME="$E2E_HOME" DCM_E2E_WORK="$work" DCM_EXT_HOST_KIND="$kind" DCM_E2E_SCREENSHOTS="${DCM_E2E_SCREENSHOTS:-$shots}" \
  node test/e2e/ext-host.mjs || die "the suite failed in code-server's $kind extension host (output above; logs in $work)"
echo "test:ext-host: code-server's $kind extension host passed in $((SECONDS - t1)) s"
[ "$kind" = web ] && exit 0

if [ -n "${VSCODE_EXECUTABLE_PATH:-}" ]; then
  node out/electron/run-test.js || die "the suite failed in VS Code desktop ($VSCODE_EXECUTABLE_PATH)"
else
  echo "test:ext-host: no VSCODE_EXECUTABLE_PATH, so the desktop (@vscode/test-electron) run was not made"
fi
