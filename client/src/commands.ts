// The extension's commands, registered from one table.
import { commands, languages, window, type Disposable, type ExtensionContext, type LogOutputChannel } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Commands } from './constants';
import { inspectBuilderCaches, INSPECT_VIEW } from './inspect/command';
import { BuilderCacheHovers } from './inspect/hover';
import { BuilderCachesTree } from './inspect/tree';

export function registerCommands(
  context: ExtensionContext,
  client: () => LanguageClient | undefined,
  output: LogOutputChannel,
): Disposable[] {
  const tree = new BuilderCachesTree();
  const hovers = new BuilderCacheHovers();
  const table: Record<string, () => unknown> = {
    [Commands.restartServer]: async () => {
      const current = client();
      if (!current) return;
      output.info('restarting the language server');
      await current.restart();
    },
    [Commands.showOutput]: () => output.show(true),
    [Commands.inspectBuilder]: () => inspectBuilderCaches(context, output, tree, hovers),
  };
  return [
    ...Object.entries(table).map(([id, run]) => commands.registerCommand(id, run)),
    window.registerTreeDataProvider(INSPECT_VIEW, tree),
    languages.registerHoverProvider({ language: 'dockerfile', scheme: 'file' }, hovers),
  ];
}
