// Requests the server cannot serve get the LSP error for it, over raw JSON-RPC (issue 12 item 16,
// part): before `initialize`, ServerNotInitialized (-32002) instead of a null result; params that are
// null or lack what the request needs, InvalidParams (-32602) instead of an internal error (-32603).
// Raw frames, because vscode-jsonrpc's client would wrap a null param in an array.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { StreamMessageReader, type Message, type ResponseMessage } from 'vscode-jsonrpc/node';
import { assertServerBuilt, SERVER_JS, withTimeout } from '../helpers/lsp-client';

const SERVER_NOT_INITIALIZED = -32002;
const INVALID_PARAMS = -32602;
const URI = 'file:///work/protocol/Dockerfile';
const TEXT = 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n';
const POSITION = { line: 1, character: 30 };
const RANGE = { start: { line: 1, character: 0 }, end: { line: 1, character: 10 } };

/** Every request the server registers, with params it accepts. */
const REQUESTS: [string, Record<string, unknown>][] = [
  ['textDocument/hover', { textDocument: { uri: URI }, position: POSITION }],
  ['textDocument/codeAction', { textDocument: { uri: URI }, range: RANGE, context: { diagnostics: [] } }],
  ['textDocument/completion', { textDocument: { uri: URI }, position: POSITION }],
  ['textDocument/documentLink', { textDocument: { uri: URI } }],
  ['textDocument/inlayHint', { textDocument: { uri: URI }, range: RANGE }],
  [
    'textDocument/references',
    { textDocument: { uri: URI }, position: POSITION, context: { includeDeclaration: true } },
  ],
  ['textDocument/prepareRename', { textDocument: { uri: URI }, position: POSITION }],
  ['textDocument/rename', { textDocument: { uri: URI }, position: POSITION, newName: 'uv' }],
];

class RawSession {
  private readonly child: ChildProcess;
  private readonly waiting = new Map<number | string, (response: ResponseMessage) => void>();
  private nextId = 1;
  readonly exited: Promise<number | null>;

  constructor() {
    assertServerBuilt();
    this.child = spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
    new StreamMessageReader(this.child.stdout!).listen((message: Message) => {
      const response = message as ResponseMessage;
      if (!('method' in message) && response.id !== null && response.id !== undefined)
        this.waiting.get(response.id)?.(response);
    });
  }

  /** Sends the message as written: `params: null` stays null. */
  send(message: Record<string, unknown>): void {
    const body = JSON.stringify({ jsonrpc: '2.0', ...message });
    this.child.stdin!.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }

  async request(method: string, params: unknown): Promise<ResponseMessage> {
    const id = this.nextId++;
    const answered = new Promise<ResponseMessage>((resolve) => this.waiting.set(id, resolve));
    this.send({ id, method, params });
    return withTimeout(answered, `the answer to ${method}`);
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
  }
}

async function initialize(session: RawSession): Promise<void> {
  const answer = await session.request('initialize', { processId: null, rootUri: null, capabilities: {} });
  assert.ok(answer.result, JSON.stringify(answer.error));
  session.send({ method: 'initialized', params: {} });
  session.send({
    method: 'textDocument/didOpen',
    params: { textDocument: { uri: URI, languageId: 'dockerfile', version: 1, text: TEXT } },
  });
}

describe('LSP server: requests before initialize', () => {
  let session: RawSession;
  before(() => (session = new RawSession()));
  after(() => session.kill());

  for (const [method, params] of [...REQUESTS, ['shutdown', undefined] as [string, undefined]]) {
    test(`${method} answers ServerNotInitialized`, async () => {
      const answer = await session.request(method, params);
      assert.equal(answer.error?.code, SERVER_NOT_INITIALIZED, JSON.stringify(answer));
    });
  }

  test('initialize still works afterwards, and the requests are served', async () => {
    await initialize(session);
    const hover = await session.request('textDocument/hover', REQUESTS[0]![1]);
    assert.equal(hover.error, undefined);
    assert.ok(hover.result, 'a hover on the mount');
  });
});

describe('LSP server: invalid params', () => {
  let session: RawSession;
  before(async () => {
    session = new RawSession();
    await initialize(session);
  });
  after(() => session.kill());

  for (const [method, valid] of REQUESTS) {
    test(`${method}: null params answer InvalidParams, valid ones an answer`, async () => {
      const answer = await session.request(method, null);
      assert.equal(answer.error?.code, INVALID_PARAMS, JSON.stringify(answer));
      const served = await session.request(method, valid);
      assert.equal(served.error, undefined, JSON.stringify(served));
    });
  }

  const invalid: [string, string, unknown][] = [
    ['textDocument/hover', 'no params fields', {}],
    ['textDocument/hover', 'a uri that is no string', { textDocument: { uri: 5 }, position: POSITION }],
    ['textDocument/hover', 'a negative line', { textDocument: { uri: URI }, position: { line: -1, character: 0 } }],
    ['textDocument/completion', 'no position', { textDocument: { uri: URI } }],
    ['textDocument/codeAction', 'no context', { textDocument: { uri: URI }, range: RANGE }],
    [
      'textDocument/codeAction',
      'an `only` that is no list',
      { textDocument: { uri: URI }, range: RANGE, context: { diagnostics: [], only: 'quickfix' } },
    ],
    ['textDocument/inlayHint', 'a range without an end', { textDocument: { uri: URI }, range: { start: POSITION } }],
    ['textDocument/rename', 'no newName', { textDocument: { uri: URI }, position: POSITION }],
  ];
  for (const [method, what, params] of invalid) {
    test(`${method}: ${what} answers InvalidParams`, async () => {
      const answer = await session.request(method, params);
      assert.equal(answer.error?.code, INVALID_PARAMS, JSON.stringify(answer));
    });
  }

  test('shutdown and exit still end the process with code 0', async () => {
    const answer = await session.request('shutdown', undefined);
    assert.equal(answer.error, undefined);
    session.send({ method: 'exit' });
    assert.equal(await withTimeout(session.exited, 'the process to exit'), 0);
  });
});
