// @vscode/test-cli configuration (`npx vscode-test`, and VS Code's Extension Test Runner): the extension-host
// suite of test/electron/ in a VS Code desktop build. Before running: `npm run build && npx tsc -p test/electron`
// (the suite is compiled to out/electron/, the extension runs from dist/).
// VS Code: VSCODE_EXECUTABLE_PATH when set (no download); otherwise test-cli downloads the stable build, which
// fails loudly where there is no network. `npm run test:vscode` (scripts/e2e/run-electron.sh) runs the same
// suite through @vscode/test-electron directly and says SKIPPED when no VS Code is named.
import { defineConfig } from '@vscode/test-cli';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));

// The suite edits the fixture files, and VS Code restores unsaved editors from its user data: both live in a
// scratch folder made for this run (copied from test/electron/fixtures/workspace, like test/electron/run-test.ts does)
// and removed when the CLI exits.
const scratch = mkdtempSync(join(tmpdir(), 'dcm-vscode-test-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));
const workspace = join(scratch, 'workspace');
cpSync(join(root, 'test/electron/fixtures/workspace'), workspace, { recursive: true });

const executable = process.env.VSCODE_EXECUTABLE_PATH;

export default defineConfig({
  label: 'extension-host',
  files: 'out/electron/suite/**/*.test.js',
  extensionDevelopmentPath: root,
  workspaceFolder: workspace,
  launchArgs: ['--disable-extensions', '--user-data-dir', join(scratch, 'user-data'), '--extensions-dir', join(scratch, 'extensions')],
  ...(executable ? { useInstallation: { fromPath: executable } } : {}),
  mocha: { ui: 'tdd', timeout: 60_000 },
});
