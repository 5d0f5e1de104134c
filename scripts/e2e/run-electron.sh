#!/usr/bin/env bash
# `npm run test:vscode`: the extension-host suite (test/electron/, Mocha through @vscode/test-electron) in a
# VS Code desktop build named by VSCODE_EXECUTABLE_PATH. None can be downloaded here: without that variable it
# prints "SKIPPED: no VS Code executable (set VSCODE_EXECUTABLE_PATH)" and exits 0 (1 under CI=true) — it did
# not run, which is not a pass. CI runs the same suite in code-server's extension host: `npm run test:ext-host`.
# The same suite also runs with @vscode/test-cli (`npx vscode-test`, configured by .vscode-test.mjs); this
# script checks that configuration still finds the compiled suite, without starting VS Code.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -n "${VSCODE_EXECUTABLE_PATH:-}" ]; then
  npm run build
fi
rm -rf out/electron
npx tsc -p test/electron
# --list-configuration resolves .vscode-test.mjs and the test files, and starts nothing.
npx vscode-test --list-configuration | node -e '
  const runs = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const files = runs.flatMap((r) => JSON.parse(r.env.VSCODE_TEST_OPTIONS).files);
  if (!files.some((f) => f.endsWith("out/electron/suite/dockerfile.test.js"))) {
    console.error("test:vscode: .vscode-test.mjs does not find out/electron/suite/dockerfile.test.js; it lists: " + JSON.stringify(files));
    process.exit(1);
  }
'
exec node out/electron/run-test.js
