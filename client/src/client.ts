// Builds the LanguageClient for the bundled server (dist/server.js, next to dist/client.js).
import * as path from 'node:path';
import type { ExtensionContext, LogOutputChannel } from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { CLIENT_ID, CLIENT_NAME, CONFIG_SECTION, DEBUG_PORT } from './constants';
import { DOCUMENT_SELECTOR } from './selector';
import { SERVER_EXEC_ARGV } from './serverFlags';

export function createClient(context: ExtensionContext, output: LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV] } },
    // The Extension Development Host runs this one: "Attach to Server" connects on DEBUG_PORT.
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', `--inspect=${DEBUG_PORT}`] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    // files.exclude too: the server's workspace index re-walks a folder when its exclusions change.
    synchronize: { configurationSection: [CONFIG_SECTION, 'files.exclude'] },
    outputChannel: output,
  };
  return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
}
