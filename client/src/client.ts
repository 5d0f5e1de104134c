// Builds the LanguageClient for the bundled server (dist/server.js, next to dist/client.js).
import * as path from 'node:path';
import { workspace, type Disposable, type ExtensionContext, type LogOutputChannel } from 'vscode';
import {
  LanguageClient,
  State,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { CLIENT_ID, CLIENT_NAME, CONFIG_SECTION, DEBUG_PORT, WORKSPACE_TRUST_NOTIFICATION } from './constants';
import { dockerfileSupport } from './dockerfile-support';
import { DOCUMENT_SELECTOR } from './selector';
import { SERVER_EXEC_ARGV } from './server-flags';

export function createClient(context: ExtensionContext, output: LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV] } },
    // The Extension Development Host runs this one: "Attach to Server" connects on DEBUG_PORT.
    debug: {
      module,
      transport: TransportKind.ipc,
      options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', `--inspect=${DEBUG_PORT}`] },
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    // files.exclude too: the server's workspace index re-walks a folder when its exclusions change.
    synchronize: { configurationSection: [CONFIG_SECTION, 'files.exclude'] },
    outputChannel: output,
    // Read at each (re)start. The server reads no local images (dockerCacheMounts.resolveImages) untrusted.
    initializationOptions: () => ({ workspaceTrusted: workspace.isTrusted, dockerfileSupport: dockerfileSupport() }),
  };
  return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
}

/** Tells the running server when the user trusts the workspace (trust is never taken back without a reload). */
export function forwardWorkspaceTrust(client: () => LanguageClient | undefined, output: LogOutputChannel): Disposable {
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
