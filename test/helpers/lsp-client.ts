// A minimal LSP client for protocol tests: spawns the bundled server (`node dist/server.js --stdio`),
// speaks JSON-RPC over its stdio, answers workspace/configuration from a settings object the test
// controls, tracks each open document's text and version, and lets a test await notifications.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type {
  ClientCapabilities,
  CodeAction,
  CodeActionContext,
  Diagnostic,
  Hover,
  InitializeResult,
  LogMessageParams,
  Position,
  PublishDiagnosticsParams,
  Range,
  TextDocumentContentChangeEvent,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const SERVER_JS = path.join(REPO_ROOT, 'dist', 'server.js');
const DEFAULT_TIMEOUT_MS = 10_000;

export function assertServerBuilt(): void {
  if (!existsSync(SERVER_JS)) {
    throw new Error(`${SERVER_JS} does not exist: run \`npm run build\` before the LSP tests`);
  }
}

export function withTimeout<T>(promise: Promise<T>, what: string, ms = DEFAULT_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

interface Waiter<T> {
  matches(value: T): boolean;
  resolve(value: T): void;
}

/** The capabilities VS Code announces for what these tests use. */
export function vscodeLikeCapabilities(pullConfiguration = true): ClientCapabilities {
  return {
    workspace: {
      configuration: pullConfiguration,
      didChangeConfiguration: { dynamicRegistration: true },
      workspaceEdit: { documentChanges: true },
    },
    textDocument: {
      synchronization: { dynamicRegistration: false },
      publishDiagnostics: {
        relatedInformation: true,
        versionSupport: true,
        codeDescriptionSupport: true,
        dataSupport: true,
      },
      codeAction: {
        codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
        isPreferredSupport: true,
        dataSupport: true,
      },
      hover: { contentFormat: ['markdown', 'plaintext'] },
    },
  };
}

export class LspTestClient {
  readonly logs: LogMessageParams[] = [];
  /** Every configuration request the server made: the sections and scopes it asked for. */
  readonly configurationRequests: { section?: string; scopeUri?: string }[] = [];
  stderr = '';
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  private readonly diagnosticWaiters: Waiter<PublishDiagnosticsParams>[] = [];
  private readonly logWaiters: Waiter<LogMessageParams>[] = [];
  private readonly docs = new Map<string, TextDocument>();
  private readonly exited: Promise<number | null>;

  private constructor(
    private readonly child: ChildProcess,
    readonly connection: MessageConnection,
    /** What workspace/configuration answers: the value of each requested section. */
    public settings: Record<string, unknown>,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    connection.onRequest('workspace/configuration', (params: { items: { section?: string; scopeUri?: string }[] }) =>
      params.items.map((item) => {
        this.configurationRequests.push(item);
        return item.section === undefined ? this.settings : (this.settings[item.section] ?? null);
      }),
    );
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      const list = this.diagnostics.get(p.uri) ?? [];
      list.push(p);
      this.diagnostics.set(p.uri, list);
      this.notify(this.diagnosticWaiters, p);
    });
    connection.onNotification('window/logMessage', (p: LogMessageParams) => {
      this.logs.push(p);
      this.notify(this.logWaiters, p);
    });
    connection.listen();
  }

  /** `env`: the server process's environment (default: this process's). */
  static start(settings: Record<string, unknown> = {}, env?: NodeJS.ProcessEnv): LspTestClient {
    assertServerBuilt();
    const child = spawn(process.execPath, [SERVER_JS, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(env ? { env } : {}),
    });
    const connection = createMessageConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    return new LspTestClient(child, connection, settings);
  }

  async initialize(
    capabilities: ClientCapabilities = vscodeLikeCapabilities(),
    initializationOptions?: unknown,
  ): Promise<InitializeResult> {
    const result = await withTimeout(
      this.connection.sendRequest<InitializeResult>('initialize', {
        processId: process.pid,
        rootUri: null,
        capabilities,
        initializationOptions,
        workspaceFolders: null,
      }),
      'initialize',
    );
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  // ---- documents ----

  async open(uri: string, languageId: string, text: string): Promise<void> {
    this.docs.set(uri, TextDocument.create(uri, languageId, 1, text));
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId, version: 1, text },
    });
  }

  /** Sends incremental changes (applied in order, like the editor does) and bumps the version. */
  async change(uri: string, changes: { range: Range; text: string }[]): Promise<number> {
    const doc = this.doc(uri);
    const version = doc.version + 1;
    TextDocument.update(doc, changes, version);
    const contentChanges: TextDocumentContentChangeEvent[] = changes;
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges,
    });
    return version;
  }

  async close(uri: string): Promise<void> {
    this.docs.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  doc(uri: string): TextDocument {
    const doc = this.docs.get(uri);
    if (!doc) throw new Error(`${uri} is not open`);
    return doc;
  }

  text(uri: string): string {
    return this.doc(uri).getText();
  }

  /** The document text at a range of the current version. */
  textAt(uri: string, range: Range): string {
    return this.doc(uri).getText(range);
  }

  positionOf(uri: string, needle: string, delta = 0): Position {
    const text = this.text(uri);
    const offset = text.indexOf(needle);
    if (offset < 0) throw new Error(`'${needle}' not found in ${uri}`);
    return this.doc(uri).positionAt(offset + delta);
  }

  // ---- notifications ----

  /**
   * The first diagnostics published for `uri` that satisfy `matches` (default: for the document's
   * current version), including one that already arrived.
   */
  diagnosticsFor(
    uri: string,
    matches?: (p: PublishDiagnosticsParams) => boolean,
    what?: string,
    timeoutMs = DEFAULT_TIMEOUT_MS,
  ): Promise<PublishDiagnosticsParams> {
    const predicate = (p: PublishDiagnosticsParams): boolean =>
      p.uri === uri && (matches ? matches(p) : p.version === this.docs.get(uri)?.version);
    const existing = [...(this.diagnostics.get(uri) ?? [])].reverse().find(predicate);
    if (existing) return Promise.resolve(existing);
    return withTimeout(this.wait(this.diagnosticWaiters, predicate), what ?? `diagnostics for ${uri}`, timeoutMs);
  }

  /** The diagnostics published for `uri` from now on that satisfy `matches`. */
  nextDiagnostics(
    uri: string,
    matches: (p: PublishDiagnosticsParams) => boolean,
    what?: string,
  ): Promise<PublishDiagnosticsParams> {
    return withTimeout(
      this.wait(this.diagnosticWaiters, (p) => p.uri === uri && matches(p)),
      what ?? `next diagnostics for ${uri}`,
    );
  }

  publishedFor(uri: string): PublishDiagnosticsParams[] {
    return this.diagnostics.get(uri) ?? [];
  }

  logMessage(matches: (message: string) => boolean, what: string, ms = DEFAULT_TIMEOUT_MS): Promise<LogMessageParams> {
    const existing = this.logs.find((l) => matches(l.message));
    if (existing) return Promise.resolve(existing);
    return withTimeout(
      this.wait(this.logWaiters, (l) => matches(l.message)),
      what,
      ms,
    );
  }

  // ---- requests ----

  codeActions(uri: string, range: Range, context: CodeActionContext): Promise<CodeAction[] | null> {
    return withTimeout(
      this.connection.sendRequest<CodeAction[] | null>('textDocument/codeAction', {
        textDocument: { uri },
        range,
        context,
      }),
      'textDocument/codeAction',
    );
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return withTimeout(
      this.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position }),
      'textDocument/hover',
    );
  }

  /** Replaces the settings workspace/configuration answers with, and tells the server. */
  async changeSettings(settings: Record<string, unknown>, pushPayload = false): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification('workspace/didChangeConfiguration', {
      settings: pushPayload ? settings : null,
    });
  }

  /** shutdown + exit; resolves with the process exit code. */
  async shutdown(): Promise<number | null> {
    await withTimeout(this.connection.sendRequest('shutdown'), 'shutdown');
    await this.connection.sendNotification('exit');
    const code = await withTimeout(this.exited, 'the server process to exit');
    this.connection.dispose();
    return code;
  }

  /** For after() hooks: ends the process if a test failed before shutdown. */
  kill(): void {
    this.connection.dispose();
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
  }

  get hasExited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  private wait<T>(waiters: Waiter<T>[], matches: (value: T) => boolean): Promise<T> {
    return new Promise<T>((resolve) => waiters.push({ matches, resolve }));
  }

  private notify<T>(waiters: Waiter<T>[], value: T): void {
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (waiters[i]!.matches(value)) {
        waiters[i]!.resolve(value);
        waiters.splice(i, 1);
      }
    }
  }
}

// ---- applying edits the way an editor does ----

/**
 * Applies a WorkspaceEdit made of versioned TextDocumentEdits to one document's text, checking that
 * it is pinned to `version`. Throws for any other shape: the server promises documentChanges only.
 */
export function applyWorkspaceEdit(
  edit: WorkspaceEdit | undefined,
  uri: string,
  text: string,
  version: number,
): string {
  if (!edit) throw new Error('the action has no edit');
  if (edit.changes) throw new Error('the edit uses `changes` instead of versioned `documentChanges`');
  const changes = edit.documentChanges ?? [];
  let result = text;
  for (const change of changes) {
    if (!('textDocument' in change)) throw new Error(`unexpected resource operation ${JSON.stringify(change)}`);
    if (change.textDocument.uri !== uri) throw new Error(`edit for another document: ${change.textDocument.uri}`);
    if (change.textDocument.version !== version) {
      throw new Error(`edit computed for version ${change.textDocument.version}, the document is at ${version}`);
    }
    result = applyTextEdits(result, change.edits);
  }
  return result;
}

export function applyTextEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('memory://x', 'plaintext', 0, text), edits);
}

export function diagnosticsWithCode(p: PublishDiagnosticsParams, code: string): Diagnostic[] {
  return p.diagnostics.filter((d) => d.code === code);
}

/**
 * A WorkspaceEdit's TextEdits all refer to the original text, while didChange content changes apply
 * one after another: send them last-first, as an editor does (ties keep their relative order).
 */
export function editsToChanges(edits: TextEdit[]): { range: Range; text: string }[] {
  return edits
    .map((edit, index) => ({ edit, index }))
    .sort((a, b) => comparePositions(b.edit.range.start, a.edit.range.start) || b.index - a.index)
    .map(({ edit }) => ({ range: edit.range, text: edit.newText }));
}

function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}
