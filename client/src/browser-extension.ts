// Extension entry point in the browser (package.json `browser`: vscode.dev, github.dev, Codespaces in the
// browser): the server runs in a web worker and reads the workspace's files through the client.
import { commands, window, type Disposable, type ExtensionContext } from 'vscode';
import { activateWith, deactivateClient } from './activate';
import { Commands } from './constants';
import { serveWorkspaceFiles } from './workspace-files';
import { createWorkerClient } from './worker-client';

export function activate(context: ExtensionContext): Promise<void> {
  return activateWith(
    context,
    (output) => createWorkerClient(context, output),
    (client) => [...serveWorkspaceFiles(client), ...withoutInspect()],
  );
}

/**
 * "Inspect the builder's caches" runs docker through the CLI: not in a browser. package.json hides the command
 * and the view under `dockerCacheMounts.inBrowser` (`isWeb` would hide them in code-server too, whose
 * extensions run under Node); invoked anyway (before that key is set), it says why.
 */
function withoutInspect(): Disposable[] {
  void commands.executeCommand('setContext', 'dockerCacheMounts.inBrowser', true);
  return [
    commands.registerCommand(Commands.inspectBuilder, () =>
      window.showInformationMessage(
        "Docker Cache Mounts: inspecting the builder's caches runs docker, which VS Code in the browser does not have.",
      ),
    ),
  ];
}

export function deactivate(): Promise<void> {
  return deactivateClient();
}
