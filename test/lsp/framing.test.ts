// Broken message framing on stdin (issue 12 item 11): the server used to stay alive and deaf, so the
// client never restarted it. Now it exits with a non-zero code; intact framing (a body split across
// writes, multi-byte text, even a body that is no JSON) keeps the session going.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { assertServerBuilt, LspTestClient, SERVER_JS, withTimeout } from '../helpers/lsp-client';

interface RawServer {
  child: ChildProcess;
  exited: Promise<number | null>;
  stdout(): string;
}

function startRaw(): RawServer {
  assertServerBuilt();
  const child = spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stdin.on('error', () => undefined); // writing to a process that already exited
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, stdout: () => out };
}

function frame(message: unknown): string {
  const body = JSON.stringify(message);
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { processId: null, rootUri: null, capabilities: {} },
};
const BODY = JSON.stringify(INITIALIZE);

const broken: [string, string][] = [
  ['no Content-Length header', `Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n${BODY}`],
  ['a negative Content-Length', `Content-Length: -5\r\n\r\n${BODY}`],
  ['a Content-Length that is no number', `Content-Length: twelve\r\n\r\n${BODY}`],
  ['LF-only headers', `Content-Length: ${BODY.length}\n\n${BODY}`],
  ['a header line without a colon', `Content-Length ${BODY.length}\r\n\r\n${BODY}`],
];

describe('LSP server: broken message framing ends the process', () => {
  for (const [name, bytes] of broken) {
    test(`${name}: exits with a non-zero code`, async () => {
      const server = startRaw();
      try {
        server.child.stdin!.write(bytes);
        const code = await withTimeout(server.exited, `the server to exit after ${name}`, 5_000);
        assert.notEqual(code, 0);
        assert.notEqual(code, null);
      } finally {
        server.child.kill();
      }
    });
  }

  test('after valid messages, broken framing still ends it', async () => {
    const server = startRaw();
    try {
      server.child.stdin!.write(frame(INITIALIZE));
      await poll(() => server.stdout().includes('"id":1'), 'the initialize answer');
      server.child.stdin!.write('Content-Length: 2\n\n{}');
      assert.equal(await withTimeout(server.exited, 'the server to exit', 5_000), 1);
    } finally {
      server.child.kill();
    }
  });
});

describe('LSP server: intact framing keeps the session', () => {
  test('a message written in pieces, split inside CRLF and inside the body, is answered', async () => {
    const server = startRaw();
    try {
      const bytes = Buffer.from(frame(INITIALIZE));
      const cuts = [5, bytes.indexOf('\r') + 1, bytes.indexOf('\n\r') + 1, bytes.indexOf('{') + 10, bytes.length];
      let from = 0;
      for (const cut of cuts) {
        server.child.stdin!.write(bytes.subarray(from, cut));
        from = cut;
        await new Promise((resolve) => setTimeout(resolve, 30)); // separate reads on the server's side
      }
      await poll(() => server.stdout().includes('"id":1'), 'the initialize answer');
      assert.equal(server.child.exitCode, null);
    } finally {
      server.child.kill();
    }
  });

  test('a body that is no JSON is skipped and the next request is answered', async () => {
    const server = startRaw();
    try {
      server.child.stdin!.write('Content-Length: 5\r\n\r\n{{{{{');
      server.child.stdin!.write(frame(INITIALIZE));
      await poll(() => server.stdout().includes('"id":1'), 'the initialize answer');
      assert.equal(server.child.exitCode, null);
    } finally {
      server.child.kill();
    }
  });

  test('a session with multi-byte text works and ends with code 0', async () => {
    const client = LspTestClient.start();
    try {
      await client.initialize();
      const uri = 'file:///work/framing/Dockerfile';
      await client.open(
        uri,
        'dockerfile',
        '# café ☕ 𝄞 ünïcödé\nFROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n',
      );
      assert.ok((await client.diagnosticsFor(uri)).diagnostics.length > 0);
      assert.ok(await client.hover(uri, client.positionOf(uri, 'target=')));
      assert.equal(await client.shutdown(), 0);
    } finally {
      client.kill();
    }
  });
});

/** Resolves once `done()` holds; rejects after `ms`. */
async function poll(done: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
