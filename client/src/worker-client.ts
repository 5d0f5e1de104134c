// The language client for the server in a web worker (dist/browser-server.js). Each start makes a new
// worker and ends the previous one, so "Restart Server" gives a fresh worker; the client then sends the
// open documents again and the server re-reads the workspace through the client. A worker the browser
// ends (a crash, memory pressure) sends no event: a heartbeat finds it silent and starts a new one.
import { Uri, workspace, type ExtensionContext, type LogOutputChannel } from 'vscode';
import { BaseLanguageClient, State, type MessageTransports } from 'vscode-languageclient';
import { BrowserMessageReader, BrowserMessageWriter } from 'vscode-languageclient/browser';
import { clientOptions } from './client-options';
import { CLIENT_ID, CLIENT_NAME, PING_REQUEST } from './constants';

/**
 * How often the client asks the running worker for a sign of life, and how long it waits for the answer. A busy
 * worker answers late (a fix-all over a large workspace index on a loaded machine can hold it for seconds), a
 * dead one never: the wait is long enough that only a dead one is replaced.
 */
const HEARTBEAT_MS = 5_000;
const HEARTBEAT_TIMEOUT_MS = 20_000;

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

export class WorkerLanguageClient extends BaseLanguageClient {
  private worker: Worker | undefined;
  private url: Promise<string> | undefined;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private restarting = false;

  constructor(
    private readonly output: LogOutputChannel,
    private readonly script: Uri,
  ) {
    super(CLIENT_ID, CLIENT_NAME, clientOptions(output));
  }

  protected async createMessageTransports(): Promise<MessageTransports> {
    this.worker?.terminate();
    this.url ??= workerUrl(this.script);
    const worker = new Worker(await this.url);
    worker.addEventListener('error', (e) => this.output.error(`the server's worker reported an error: ${e.message}`));
    this.worker = worker;
    this.heartbeat ??= setInterval(() => void this.checkAlive(), HEARTBEAT_MS);
    return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
  }

  /** Ends the worker without a word, as the browser does when it kills one (for the browser tests). */
  terminateWorker(): void {
    this.worker?.terminate();
  }

  override async dispose(timeout?: number): Promise<void> {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    return super.dispose(timeout);
  }

  /** A running server that does not answer a ping in time is gone: start a new worker (the documents follow). */
  private async checkAlive(): Promise<void> {
    if (this.restarting || this.state !== State.Running) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const silent = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), HEARTBEAT_TIMEOUT_MS)));
    const alive = await Promise.race([
      this.sendRequest<boolean>(PING_REQUEST).then(
        () => true,
        () => false,
      ),
      silent,
    ]);
    clearTimeout(timer);
    if (alive || this.restarting || this.state !== State.Running) return;
    this.restarting = true;
    this.output.warn(
      `the language server's worker did not answer for ${HEARTBEAT_TIMEOUT_MS / 1000} s: starting a new one`,
    );
    try {
      await this.stop(1_000).catch(() => undefined);
      await this.start();
    } catch (err) {
      this.output.error(`restarting the language server failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      this.restarting = false;
    }
  }
}

export function createWorkerClient(context: ExtensionContext, output: LogOutputChannel): WorkerLanguageClient {
  return new WorkerLanguageClient(output, Uri.joinPath(context.extensionUri, 'dist', 'browser-server.js'));
}
