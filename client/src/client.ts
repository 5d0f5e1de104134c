// Builds the LanguageClient for the bundled Node server (dist/server.js, next to dist/client.js).
import * as path from 'node:path';
import type { ExtensionContext, LogOutputChannel } from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { clientOptions } from './client-options';
import { CLIENT_ID, CLIENT_NAME, DEBUG_PORT } from './constants';
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
  return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions(output));
}
