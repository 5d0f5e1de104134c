#!/usr/bin/env bash
# `npm run test:vscode`: the extension-host suite (test/electron/, Mocha through @vscode/test-electron) in a
# VS Code desktop build named by VSCODE_EXECUTABLE_PATH. None can be downloaded here: without that variable it
# prints "SKIPPED: no VS Code executable (set VSCODE_EXECUTABLE_PATH)" and exits 0 — it did not run, which is
# not a pass. Not part of CI. code-server's VS Code is no substitute: it is a server without Electron.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -n "${VSCODE_EXECUTABLE_PATH:-}" ]; then
  npm run build
fi
npx tsc -p test/electron
exec node out/electron/runTest.js
