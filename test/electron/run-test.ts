// Runs the extension-host suite (suite/) in a real VS Code desktop build with @vscode/test-electron.
// No VS Code can be downloaded on this machine, so it runs only when VSCODE_EXECUTABLE_PATH names a VS Code
// (Electron) executable; otherwise it says loudly that it did NOT run. The same suite runs in code-server's
// extension host through `npm run test:ext-host` (test/e2e/ext-host.mjs), which CI runs.
// Exit: 0 ran and passed, 1 failed; when it did not run, 0 with "SKIPPED" locally, 1 under CI=true.
import { runTests } from '@vscode/test-electron';
import { existsSync, mkdtempSync, cpSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

async function main(): Promise<number> {
  const executable = process.env.VSCODE_EXECUTABLE_PATH;
  if (!executable) {
    console.log('\n==================================================================');
    console.log('SKIPPED: no VS Code executable (set VSCODE_EXECUTABLE_PATH)');
    console.log('The extension-host suite did NOT run: nothing was tested.');
    console.log('==================================================================\n');
    return process.env.CI === 'true' ? 1 : 0;
  }
  if (!existsSync(executable)) {
    console.error(`test:vscode: VSCODE_EXECUTABLE_PATH=${executable} does not exist`);
    return 1;
  }
  const root = resolve(__dirname, '../..');
  if (!existsSync(join(root, 'dist/client.js'))) {
    console.error('test:vscode: dist/client.js is missing: run `npm run build` first');
    return 1;
  }
  const scratch = mkdtempSync(join(tmpdir(), 'dcm-electron-'));
  const workspace = join(scratch, 'workspace');
  // The suite's fixture folder, copied: the suite edits the files.
  cpSync(join(root, 'test/electron/fixtures/workspace'), workspace, { recursive: true });
  try {
    await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: root,
      extensionTestsPath: join(__dirname, 'suite/index.js'),
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--skip-welcome',
        '--skip-release-notes',
        '--user-data-dir',
        join(scratch, 'user-data'),
        '--extensions-dir',
        join(scratch, 'extensions'),
      ],
    });
    console.log('test:vscode: the extension-host suite passed');
    return 0;
  } catch (err) {
    console.error(`test:vscode: FAILED: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
