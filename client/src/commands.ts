// The extension's commands, registered from one table.
import { commands, type Disposable, type LogOutputChannel } from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { Commands } from './constants';

export function registerCommands(client: () => BaseLanguageClient | undefined, output: LogOutputChannel): Disposable[] {
  const table: Record<string, () => unknown> = {
    [Commands.restartServer]: async () => {
      const current = client();
      if (!current) return;
      output.info('restarting the language server');
      // The Node client's restart() also waits for the debug port; the worker client has none (a new worker).
      const restartable = current as BaseLanguageClient & { restart?: () => Promise<void> };
      if (restartable.restart) return restartable.restart();
      await current.stop();
      await current.start();
    },
    [Commands.showOutput]: () => output.show(true),
  };
  return Object.entries(table).map(([id, run]) => commands.registerCommand(id, run));
}
