// The language client's options, the same for the Node server (client.ts) and the web worker (worker-client.ts).
import { workspace, type Disposable, type LogOutputChannel } from 'vscode';
import { State, type BaseLanguageClient, type LanguageClientOptions } from 'vscode-languageclient';
import { CONFIG_SECTION, WORKSPACE_TRUST_NOTIFICATION } from './constants';
import { dockerfileSupport } from './dockerfile-support';
import { DOCUMENT_SELECTOR } from './selector';

export function clientOptions(output: LogOutputChannel): LanguageClientOptions {
  return {
    documentSelector: DOCUMENT_SELECTOR,
    // files.exclude too: the server's workspace index re-walks a folder when its exclusions change.
    synchronize: { configurationSection: [CONFIG_SECTION, 'files.exclude'] },
    outputChannel: output,
    // Read at each (re)start. The server reads no local images (dockerCacheMounts.resolveImages) untrusted.
    initializationOptions: () => ({ workspaceTrusted: workspace.isTrusted, dockerfileSupport: dockerfileSupport() }),
  };
}

/** Tells the running server when the user trusts the workspace (trust is never taken back without a reload). */
export function forwardWorkspaceTrust(
  client: () => BaseLanguageClient | undefined,
  output: LogOutputChannel,
): Disposable {
  return workspace.onDidGrantWorkspaceTrust(() => {
    const current = client();
    // Starting: sent once it runs. Stopped: a server started later reads workspace.isTrusted at initialize.
    if (!current || current.state === State.Stopped) return;
    current
      .sendNotification(WORKSPACE_TRUST_NOTIFICATION, { trusted: true })
      .catch((err: unknown) =>
        output.warn(
          `telling the server the workspace is trusted failed: ${err instanceof Error ? err.message : String(err)}`,
        ),
      );
  });
}
