// Extension entry point in the browser (package.json `browser`: vscode.dev, github.dev, Codespaces in the
// browser): the server runs in a web worker and reads the workspace's files through the client.
import { commands, window, type Disposable, type ExtensionContext } from 'vscode';
import { activateWith, deactivateClient } from './activate';
import { Commands } from './constants';
import { serveWorkspaceFiles } from './workspace-files';
import { createWorkerClient, type WorkerLanguageClient } from './worker-client';

/** What the browser entry returns from activate: for the browser tests, which must end the worker as a crash would. */
export interface BrowserExtensionApi {
  terminateServerWorker(): void;
}

export async function activate(context: ExtensionContext): Promise<BrowserExtensionApi> {
  let client: WorkerLanguageClient | undefined;
  await activateWith(
    context,
    (output) => (client = createWorkerClient(context, output)),
    (started) => [...serveWorkspaceFiles(started), ...withoutInspect()],
  );
  return { terminateServerWorker: () => client?.terminateWorker() };
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
