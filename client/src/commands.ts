// The extension's commands, registered from one table.
import { commands, type Disposable, type LogOutputChannel } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Commands } from './constants';

export function registerCommands(client: () => LanguageClient | undefined, output: LogOutputChannel): Disposable[] {
  const table: Record<string, () => unknown> = {
    [Commands.restartServer]: async () => {
      const current = client();
      if (!current) return;
      output.info('restarting the language server');
      await current.restart();
    },
    [Commands.showOutput]: () => output.show(true),
  };
  return Object.entries(table).map(([id, run]) => commands.registerCommand(id, run));
}
