// Extension entry point in the browser (package.json `browser`: vscode.dev, github.dev, Codespaces in the
// browser): the server runs in a web worker and reads the workspace's files through the client.
import type { ExtensionContext } from 'vscode';
import { activateWith, deactivateClient } from './activate';
import { serveWorkspaceFiles } from './workspace-files';
import { createWorkerClient } from './worker-client';

export function activate(context: ExtensionContext): Promise<void> {
  return activateWith(context, (output) => createWorkerClient(context, output), serveWorkspaceFiles);
}

export function deactivate(): Promise<void> {
  return deactivateClient();
}
