// The language client for the server in a web worker (dist/browser-server.js). Each start makes a new
// worker and ends the previous one, so "Restart Server" gives a fresh worker; the client then sends the
// open documents again and the server re-reads the workspace through the client.
import { Uri, workspace, type ExtensionContext, type LogOutputChannel } from 'vscode';
import { BaseLanguageClient, type MessageTransports } from 'vscode-languageclient';
import { BrowserMessageReader, BrowserMessageWriter } from 'vscode-languageclient/browser';
import { clientOptions } from './client-options';
import { CLIENT_ID, CLIENT_NAME } from './constants';

/**
 * A URL the worker can be started from. An extension served over http(s) (vscode.dev, github.dev) is loaded
 * from there; one on another file system (vscode-remote:// in code-server or Codespaces) is read through
 * vscode.workspace.fs into a blob: a worker cannot load those schemes.
 */
async function workerUrl(script: Uri): Promise<string> {
  if (script.scheme === 'http' || script.scheme === 'https') return script.toString(true);
  const bytes = await workspace.fs.readFile(script);
  // workspace.fs returns a plain (not shared) buffer.
  return URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'text/javascript' }));
}

class WorkerLanguageClient extends BaseLanguageClient {
  private worker: Worker | undefined;
  private url: Promise<string> | undefined;

  constructor(
    output: LogOutputChannel,
    private readonly script: Uri,
  ) {
    super(CLIENT_ID, CLIENT_NAME, clientOptions(output));
  }

  protected async createMessageTransports(): Promise<MessageTransports> {
    this.worker?.terminate();
    this.url ??= workerUrl(this.script);
    const worker = new Worker(await this.url);
    this.worker = worker;
    return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
  }
}

export function createWorkerClient(context: ExtensionContext, output: LogOutputChannel): BaseLanguageClient {
  return new WorkerLanguageClient(output, Uri.joinPath(context.extensionUri, 'dist', 'browser-server.js'));
}
