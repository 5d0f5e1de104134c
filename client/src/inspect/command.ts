// "Docker Cache Mounts: Inspect the builder's caches": only when the user runs it, never in an untrusted workspace.
// Runs the CLI with a cancellable progress notification, then fills the tree view and the hovers.
import { commands, ProgressLocation, window, workspace, type ExtensionContext, type LogOutputChannel } from 'vscode';
import * as path from 'node:path';
import type { BuilderCacheHovers } from './hover';
import type { BuilderCachesTree } from './tree';
import { runInspectCli } from './run-cli';

export const INSPECT_VIEW = 'dockerCacheMounts.builderCaches';

export async function inspectBuilderCaches(
  context: ExtensionContext,
  output: LogOutputChannel,
  tree: BuilderCachesTree,
  hovers: BuilderCacheHovers,
): Promise<void> {
  if (!workspace.isTrusted) {
    void window.showWarningMessage(
      "Docker Cache Mounts: inspecting the builder's caches runs docker, which is off in an untrusted workspace.",
    );
    return;
  }
  const folders = (workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
  if (folders.length === 0) {
    void window.showWarningMessage('Docker Cache Mounts: open a folder to inspect the caches of its Dockerfiles.');
    return;
  }
  const cli = context.asAbsolutePath(path.join('dist', 'cli.js'));
  const result = await window.withProgress(
    { location: ProgressLocation.Notification, title: "Inspecting the builder's caches", cancellable: true },
    (_progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return runInspectCli({ cli, folders, signal: abort.signal });
    },
  );
  if ('error' in result) {
    if (result.error === 'cancelled') return;
    output.warn(`inspect: ${result.error}`);
    void window.showErrorMessage(`Docker Cache Mounts: ${result.error}`);
    return;
  }
  output.info(
    `inspect: builder ${result.builder.name} (${result.builder.source}): ${result.caches.length} caches, ${result.mounts.length} mounts`,
  );
  tree.show(result);
  hovers.show(result);
  await commands.executeCommand(`${INSPECT_VIEW}.focus`);
}
