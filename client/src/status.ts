// A language status item next to the language mode of matching documents; clicking shows the log.
import { languages, LanguageStatusSeverity, type Disposable } from 'vscode';
import { State, type BaseLanguageClient } from 'vscode-languageclient';
import { Commands, CLIENT_NAME } from './constants';
import { DOCUMENT_SELECTOR } from './selector';

export function createStatusItem(client: BaseLanguageClient): Disposable {
  const item = languages.createLanguageStatusItem('dockerCacheMounts.status', DOCUMENT_SELECTOR);
  item.name = CLIENT_NAME;
  item.command = { title: 'Show Output', command: Commands.showOutput };
  const update = (state: State): void => {
    item.busy = state === State.Starting;
    item.text =
      state === State.Running
        ? 'Cache mounts'
        : state === State.Starting
          ? 'Cache mounts: starting'
          : 'Cache mounts: stopped';
    item.severity = state === State.Stopped ? LanguageStatusSeverity.Warning : LanguageStatusSeverity.Information;
  };
  update(client.state);
  const listener = client.onDidChangeState((e) => update(e.newState));
  return {
    dispose: () => {
      listener.dispose();
      item.dispose();
    },
  };
}
