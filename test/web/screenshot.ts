// Leaves web/screenshot.Dockerfile open with its warning squiggle shown, for the picture
// test/e2e/ext-host.mjs takes after the run (docs/images/web-extension.png): it hovers the squiggle itself.
import * as vscode from 'vscode';
import { diagnosticsWhere, hasCode, open } from '../electron/suite/helpers';

export async function showScreenshotFile(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  const editor = await open('web/screenshot.Dockerfile');
  await diagnosticsWhere(editor.document.uri, hasCode('CM005'));
}
