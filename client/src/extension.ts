// Extension entry point: activate and deactivate only.
import { window, type ExtensionContext } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createClient, forwardWorkspaceTrust } from './client';
import { registerCommands } from './commands';
import { CLIENT_NAME } from './constants';
import { forwardDockerfileSupport } from './dockerfile-support';
import { createStatusItem } from './status';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const output = window.createOutputChannel(CLIENT_NAME, { log: true });
  client = createClient(context, output);
  context.subscriptions.push(
    output,
    ...registerCommands(context, () => client, output),
    createStatusItem(client),
    forwardWorkspaceTrust(() => client, output),
    ...forwardDockerfileSupport(() => client, output),
  );
  try {
    await client.start();
  } catch (err) {
    output.error(`the language server failed to start: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export async function deactivate(): Promise<void> {
  const stopping = client;
  client = undefined;
  await stopping?.stop();
}
