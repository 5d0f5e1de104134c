// extensionTestsPath of the browser run (test/e2e/ext-host.mjs with DCM_EXT_HOST_KIND=web): the extension-host
// suite and the browser's own tests, in the web worker extension host. The report is written into the
// workspace (the worker's console reaches the page only on errors); run() rejects when a test failed.
import { showScreenshotFile } from './screenshot';
import { note, runAll } from './tdd';
import * as vscode from 'vscode';
import './browser.test';
import '../electron/suite/dockerfile.test';
import '../electron/suite/devcontainer.test';
import '../electron/suite/settings.test';
import '../electron/suite/save.test';

/** The workspace file the report goes to; test/e2e/ext-host.mjs prints it. */
const REPORT = 'web-test-report.txt';

export async function run(): Promise<void> {
  note(
    `${vscode.env.appName} ${vscode.version}, uiKind ${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'}`,
  );
  // The browser's own tests first: the 2,000-file index is being filled while they start.
  const { failures, report } = await runAll(120_000, ['In the browser']);
  await showScreenshotFile();
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (folder)
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder.uri, REPORT), new TextEncoder().encode(report));
  if (failures > 0) throw new Error(`${failures} test(s) failed`);
}
