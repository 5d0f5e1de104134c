// LSP benchmarks against the bundled server (dist/server.js --stdio), spoken to with vscode-jsonrpc
// the way test/helpers/lsp-client.ts does: startup, didChange -> publishDiagnostics latency while
// typing into a 1,000-line Dockerfile, and resident memory with many documents open.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { dockerfileOfLines, workspaceFiles } from './corpus.mjs';
import { summarize } from './stats.mjs';

const require = createRequire(import.meta.url);
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');
// The server runs with the Node flags the VS Code client gives it (client/src/server-flags.ts), as
// users get it. BENCH_SERVER_JS / BENCH_SERVER_NODE_ARGS (space-separated, replacing those flags; set
// it empty for none) exist for experiments such as profiling the server (--cpu-prof) or measuring a
// patched copy; the report uses the defaults.
const SERVER_JS = process.env.BENCH_SERVER_JS ?? fileURLToPath(new URL('../../dist/server.js', import.meta.url));
export const CLIENT_SERVER_FLAGS = [...require('../../out/client/src/server-flags.js').SERVER_EXEC_ARGV];
export const SERVER_NODE_ARGS =
  process.env.BENCH_SERVER_NODE_ARGS === undefined
    ? CLIENT_SERVER_FLAGS
    : process.env.BENCH_SERVER_NODE_ARGS.split(' ').filter(Boolean);

export class BenchClient {
  constructor(nodeArgs = SERVER_NODE_ARGS) {
    this.child = spawn(process.execPath, [...nodeArgs, SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.connection = createMessageConnection(
      new StreamMessageReader(this.child.stdout),
      new StreamMessageWriter(this.child.stdin),
    );
    /** Bytes the server wrote so far (message payloads plus headers). */
    this.bytesReceived = 0;
    this.child.stdout.on('data', (chunk) => {
      this.bytesReceived += chunk.length;
    });
    this.waiters = [];
    /** uri -> highest version published */
    this.published = new Map();
    this.connection.onRequest('workspace/configuration', (p) => p.items.map(() => null));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onNotification('window/logMessage', () => {});
    this.connection.onNotification('textDocument/publishDiagnostics', (p) => {
      const at = performance.now();
      this.published.set(p.uri, p.version);
      for (let i = this.waiters.length - 1; i >= 0; i--) {
        const w = this.waiters[i];
        if (w.uri === p.uri && w.version === p.version) {
          this.waiters.splice(i, 1);
          w.resolve(at);
        }
      }
    });
    this.connection.listen();
  }

  async initialize() {
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: null,
      capabilities: {
        workspace: { configuration: true },
        textDocument: { publishDiagnostics: { versionSupport: true, relatedInformation: true } },
      },
    });
    await this.connection.sendNotification('initialized', {});
  }

  /** Resolves with the performance.now() at which diagnostics for (uri, version) arrived. */
  diagnostics(uri, version, timeoutMs = 30_000) {
    if (this.published.get(uri) === version) return Promise.resolve(performance.now());
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no diagnostics for ${uri} v${version} after ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.waiters.push({
        uri,
        version,
        resolve: (at) => {
          clearTimeout(timer);
          resolve(at);
        },
      });
    });
  }

  open(uri, text) {
    return this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'dockerfile', version: 1, text },
    });
  }

  change(uri, version, range, text) {
    return this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range, text }],
    });
  }

  /** CPU time (user + system) the server process used so far, in ms (/proc clock ticks, 100 Hz on Linux). */
  cpuMs() {
    const stat = readFileSync(`/proc/${this.child.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  }

  rssKiB() {
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) : NaN;
  }

  async stop() {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // fall through to kill
    }
    await new Promise((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      const timer = setTimeout(() => {
        this.child.kill();
        resolve();
      }, 2000);
      this.child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.connection.dispose();
  }
}

/** What a user types: a new cache-mounted RUN, one character per didChange (newlines included). */
const TYPED = [
  '# install the tools with a shared uv cache',
  'RUN --mount=type=cache,id=uv-cache,target=/root/.cache/uv \\',
  '    uv pip install --system httpx rich typer \\',
  '    && uv pip install --system fastapi uvicorn pydantic sqlalchemy',
  '',
].join('\n');

export async function benchTyping({ edits = 200, line = 500, nodeArgs = SERVER_NODE_ARGS } = {}) {
  const client = new BenchClient(nodeArgs);
  try {
    const t0 = performance.now();
    await client.initialize();
    const startup = performance.now() - t0;
    const uri = 'file:///bench/typing/Dockerfile';
    const text = dockerfileOfLines(1000);
    const openAt = performance.now();
    await client.open(uri, text);
    const firstDiagnostics = (await client.diagnostics(uri, 1)) - openAt;
    const latencies = [];
    const cpuBefore = client.cpuMs();
    const bytesBefore = client.bytesReceived;
    let position = { line, character: 0 };
    for (let i = 0; i < edits; i++) {
      const ch = TYPED[i % TYPED.length];
      const version = i + 2;
      const sent = performance.now();
      const arrived = client.diagnostics(uri, version);
      await client.change(uri, version, { start: position, end: position }, ch);
      latencies.push((await arrived) - sent);
      position =
        ch === '\n'
          ? { line: position.line + 1, character: 0 }
          : { line: position.line, character: position.character + 1 };
    }
    const serverCpuPerEdit = (client.cpuMs() - cpuBefore) / edits;
    const bytesPerEdit = (client.bytesReceived - bytesBefore) / edits;
    return { startup, firstDiagnostics, latency: summarize(latencies), serverCpuPerEdit, bytesPerEdit, edits };
  } finally {
    await client.stop();
  }
}

export async function benchMemory({ files = 500, sequential = false, nodeArgs = SERVER_NODE_ARGS } = {}) {
  const client = new BenchClient(nodeArgs);
  try {
    await client.initialize();
    await new Promise((r) => setTimeout(r, 200));
    const baselineKiB = client.rssKiB();
    const corpus = workspaceFiles(files, 11);
    const t0 = performance.now();
    const pending = [];
    for (const f of corpus) {
      const uri = `file:///bench/memory/${f.name}`;
      pending.push(client.diagnostics(uri, 1, 120_000));
      await client.open(uri, f.text);
      // Sequential: one file at a time, as a user opening tabs; else all at once, as an indexer would.
      if (sequential) await pending[pending.length - 1];
    }
    await Promise.all(pending);
    const openAll = performance.now() - t0;
    const afterOpenKiB = client.rssKiB();
    // Settled: give the collector a moment, as an idle editor would.
    await new Promise((r) => setTimeout(r, 1500));
    const settledKiB = client.rssKiB();
    const chars = corpus.reduce((n, f) => n + f.text.length, 0);
    return { files, chars, baselineKiB, afterOpenKiB, settledKiB, openAll };
  } finally {
    await client.stop();
  }
}
