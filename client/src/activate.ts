// Activation, the same on desktop (extension.ts) and in the browser (browser-extension.ts): only how the
// client is made differs.
import { window, type Disposable, type ExtensionContext, type LogOutputChannel } from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { forwardWorkspaceTrust } from './client-options';
import { registerCommands } from './commands';
import { CLIENT_NAME } from './constants';
import { forwardDockerfileSupport } from './dockerfile-support';
import { createStatusItem } from './status';

let client: BaseLanguageClient | undefined;

export async function activateWith(
  context: ExtensionContext,
  create: (output: LogOutputChannel) => BaseLanguageClient,
  extra: (client: BaseLanguageClient, output: LogOutputChannel) => Disposable[] = () => [],
): Promise<void> {
  const output = window.createOutputChannel(CLIENT_NAME, { log: true });
  client = create(output);
  context.subscriptions.push(
    output,
    ...registerCommands(() => client, output),
    createStatusItem(client),
    forwardWorkspaceTrust(() => client, output),
    ...forwardDockerfileSupport(() => client, output),
    ...extra(client, output),
  );
  try {
    await client.start();
  } catch (err) {
    output.error(`the language server failed to start: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export async function deactivateClient(): Promise<void> {
  const stopping = client;
  client = undefined;
  await stopping?.stop();
}
