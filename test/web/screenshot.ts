// Leaves web/screenshot.Dockerfile open with its warning squiggle, then waits while test/e2e/ext-host.mjs
// hovers the squiggle and takes docs/images/web-extension.png (after the run the workbench is gone). The two
// sides meet through files in the workspace: READY from here, DONE from there.
import * as vscode from 'vscode';
import { diagnosticsWhere, hasCode, open } from '../electron/suite/helpers';

const READY = 'web-screenshot-ready';
const DONE = 'web-screenshot-done';

async function exists(uri: vscode.Uri): Promise<boolean> {
  return vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
}

export async function showScreenshotFile(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return;
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  const editor = await open('web/screenshot.Dockerfile');
  await diagnosticsWhere(editor.document.uri, hasCode('CM005'));
  await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder.uri, READY), new Uint8Array());
  // The script fails the run itself when it took no picture: here a missing DONE only ends the wait.
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline && !(await exists(vscode.Uri.joinPath(folder.uri, DONE))))
    await new Promise((r) => setTimeout(r, 250));
}
