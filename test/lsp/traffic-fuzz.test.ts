// Fuzzing the language server past the engine (issue 12): seeded random LSP traffic over the real process.
// (1) Requests and changes with random positions and ranges (past the end, negative, reversed), null or odd
// params, opens and closes: every request gets an answer or an error in time, the process stays up, each
// open document's latest version gets its diagnostics, and a fresh document is still analysed afterwards.
// (2) Random bytes mixed into the framing: the server either ends (non-zero exit, so the client restarts
// it) or still answers; it is never alive and deaf.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import {
  assertServerBuilt,
  diagnosticsWithCode,
  LspTestClient,
  REPO_ROOT,
  SERVER_JS,
  withTimeout,
} from '../helpers/lsp-client';
import { seeded } from '../helpers/seeded-random';
import { FRAMING_CASES, TRAFFIC_OPERATIONS, TRAFFIC_SEEDS } from '../helpers/fuzz-budget';

const TEXTS = [
  readFileSync(join(REPO_ROOT, 'examples/uv-root-and-user/Dockerfile'), 'utf8'),
  readFileSync(join(REPO_ROOT, 'examples/apt-cache/Dockerfile'), 'utf8'),
  'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n',
  'FROM x\nRUN --mount=type=cache,tagret=/a,,id= \\\n  echo "unterminated\n# cache-mounts-ignore CM999\n',
  '\u0000\u0001 binary \uffff',
  '',
];
const DEVCONTAINER = '{ "mounts": ["type=cache,target=/root/.cache/uv"], "containerEnv": { "UV_CACHE_DIR": "/x" } }';
const SNIPPETS = [
  '',
  'x',
  '\n',
  'RUN --mount=type=cache,target=/c uv sync\n',
  '\\\n',
  '"',
  '${',
  '\u{1F600}',
  '\r\n',
  ' id=uv-cache,',
];
const REQUESTS = [
  'textDocument/hover',
  'textDocument/codeAction',
  'textDocument/completion',
  'textDocument/documentLink',
  'textDocument/inlayHint',
  'textDocument/references',
  'textDocument/prepareRename',
  'textDocument/rename',
];

type Rng = () => number;
const int = (next: Rng, lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
const pick = <T>(next: Rng, items: readonly T[]): T => items[Math.floor(next() * items.length)]!;

function position(next: Rng, lines: number) {
  return { line: int(next, -2, lines + 3), character: int(next, -2, 120) };
}

/** Params for a request: mostly well formed with a random position, sometimes null or of the wrong shape. */
function paramsFor(next: Rng, method: string, uri: string, lines: number): unknown {
  const roll = next();
  if (roll < 0.08) return null;
  if (roll < 0.14) return { textDocument: { uri: 42 }, position: 'here' };
  const textDocument = { uri };
  const start = position(next, lines);
  const end = next() < 0.8 ? position(next, lines) : start;
  switch (method) {
    case 'textDocument/codeAction':
      return {
        textDocument,
        range: { start, end },
        context: {
          diagnostics: [],
          ...(next() < 0.5 ? { only: [pick(next, ['quickfix', 'source.fixAll', 'source'])] } : {}),
        },
      };
    case 'textDocument/inlayHint':
      return { textDocument, range: { start, end } };
    case 'textDocument/documentLink':
      return { textDocument };
    case 'textDocument/references':
      return { textDocument, position: start, context: { includeDeclaration: next() < 0.5 } };
    case 'textDocument/rename':
      return { textDocument, position: start, newName: pick(next, ['uv-cache', '', 'a b', 'x'.repeat(300)]) };
    default:
      return { textDocument, position: start };
  }
}

describe('LSP server under random traffic', () => {
  for (let seed = 1; seed <= TRAFFIC_SEEDS; seed++) {
    test(`seed ${seed}: ${TRAFFIC_OPERATIONS} random operations; every request answered, diagnostics current, still working`, async () => {
      const next = seeded(seed * 7919);
      const client = LspTestClient.start({ dockerCacheMounts: {} });
      try {
        await client.initialize();
        /** `since`: how many publications the document had when its current version was sent (only later ones count). */
        const open = new Map<string, { version: number; lines: number; since: number }>();
        let answered = 0;
        for (let op = 0; op < TRAFFIC_OPERATIONS; op++) {
          const uri = `file:///fuzz/${int(next, 0, 2)}/${next() < 0.8 ? 'Dockerfile' : '.devcontainer/devcontainer.json'}`;
          const doc = open.get(uri);
          const roll = next();
          if (!doc) {
            const text = uri.endsWith('.json') ? DEVCONTAINER : pick(next, TEXTS);
            await client.connection.sendNotification('textDocument/didOpen', {
              textDocument: { uri, languageId: uri.endsWith('.json') ? 'jsonc' : 'dockerfile', version: 1, text },
            });
            open.set(uri, { version: 1, lines: text.split('\n').length, since: client.publishedFor(uri).length });
          } else if (roll < 0.35) {
            doc.version++;
            doc.since = client.publishedFor(uri).length;
            const start = position(next, doc.lines);
            const end = next() < 0.7 ? position(next, doc.lines) : start;
            const text = pick(next, SNIPPETS);
            await client.connection.sendNotification('textDocument/didChange', {
              textDocument: { uri, version: doc.version },
              contentChanges: [{ range: { start, end }, text }],
            });
            doc.lines = Math.max(1, doc.lines + (text.split('\n').length - 1));
          } else if (roll < 0.4) {
            await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
            open.delete(uri);
          } else {
            const method = pick(next, REQUESTS);
            await withTimeout(
              client.connection.sendRequest(method, paramsFor(next, method, uri, doc.lines)).then(
                () => undefined,
                (err: { code?: number }) =>
                  assert.ok(typeof err.code === 'number', `${method}: an LSP error, not ${JSON.stringify(err)}`),
              ),
              `${method} (seed ${seed}, operation ${op})`,
              5_000,
            );
            answered++;
          }
        }
        assert.ok(answered > TRAFFIC_OPERATIONS / 3, `requests sent: ${answered}`);
        assert.equal(client.hasExited, false, `the server is still running; stderr:\n${client.stderr}`);
        // Each open document's latest version got its diagnostics (sent once per version: a re-analysis
        // that finds the same is not sent again).
        for (const [uri, doc] of open) {
          const current = (p: PublishDiagnosticsParams): boolean =>
            p.version === doc.version || (p.version === undefined && doc.version === 1);
          if (client.publishedFor(uri).slice(doc.since).some(current)) continue;
          await withTimeout(
            client.nextDiagnostics(uri, current, `diagnostics of ${uri} v${doc.version}`),
            `diagnostics of ${uri} v${doc.version}`,
            10_000,
          );
        }
        const fresh = 'file:///fuzz/after/Dockerfile';
        await client.open(fresh, 'dockerfile', TEXTS[2]!);
        assert.equal(
          diagnosticsWithCode(await client.diagnosticsFor(fresh), 'CM001').length,
          1,
          'a fresh document is analysed',
        );
      } finally {
        await client.shutdown().catch(() => client.kill());
      }
    });
  }
});

function frame(body: string): Buffer {
  return Buffer.concat([Buffer.from(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`), Buffer.from(body)]);
}

/** Valid frames with random bytes spliced in somewhere. */
function noisyStream(next: Rng): Buffer {
  const init = frame(
    JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { processId: null, rootUri: null, capabilities: {} },
    }),
  );
  const whole = Buffer.concat([init, frame(JSON.stringify({ jsonrpc: '2.0', method: 'initialized', params: {} }))]);
  const at = int(next, 0, whole.length);
  const noise = Buffer.from(
    Array.from({ length: int(next, 1, 40) }, () =>
      pick(next, [10, 13, 58, 32, 45, 48, 57, 67, 123, int(next, 0, 255)]),
    ),
  );
  return Buffer.concat([whole.subarray(0, at), noise, whole.subarray(at)]);
}

describe('LSP server under random framing', () => {
  test(`${FRAMING_CASES} noisy streams: it ends with a non-zero code or answers a probe; never alive and deaf`, async () => {
    assertServerBuilt();
    const next = seeded(4242);
    let ended = 0;
    let answeredProbes = 0;
    for (let i = 0; i < FRAMING_CASES; i++) {
      const child = spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
      child.stdin.on('error', () => undefined);
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      try {
        child.stdin.write(noisyStream(next));
        // A probe after the noise: a well-formed request the server must answer if it is still reading.
        child.stdin.write(
          frame(
            JSON.stringify({
              jsonrpc: '2.0',
              id: 99,
              method: 'textDocument/hover',
              params: { textDocument: { uri: 'file:///p' }, position: { line: 0, character: 0 } },
            }),
          ),
        );
        const outcome = await Promise.race([
          exited.then((code) => ({ kind: 'exit' as const, code })),
          new Promise<{ kind: 'answer' }>((resolve) => {
            const timer = setInterval(() => {
              if (/"id":99/.test(out)) {
                clearInterval(timer);
                resolve({ kind: 'answer' });
              }
            }, 20);
            exited.then(() => clearInterval(timer));
          }),
          new Promise<{ kind: 'deaf' }>((resolve) => setTimeout(() => resolve({ kind: 'deaf' }), 5_000)),
        ]);
        assert.notEqual(outcome.kind, 'deaf', `case ${i}: alive but no answer in 5 s`);
        if (outcome.kind === 'exit') {
          assert.notEqual(outcome.code, 0, `case ${i}: ended with code 0`);
          ended++;
        } else {
          answeredProbes++;
        }
      } finally {
        child.kill();
      }
    }
    assert.equal(ended + answeredProbes, FRAMING_CASES);
  });
});
