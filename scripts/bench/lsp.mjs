// LSP benchmarks, run alike against our bundled server (dist/server.js --stdio) and the peers
// (scripts/bench/peer.mjs): start-up, didChange -> diagnostics latency while typing into a 1,000-line
// Dockerfile, and resident memory with 500 documents open in a 2,000-file workspace. Each server is
// spoken to over stdio with vscode-jsonrpc (scripts/bench/lsp-client.mjs), one server at a time.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dockerfileOfLines, workspaceFiles } from './corpus.mjs';
import { LspClient } from './lsp-client.mjs';
import { summarize } from './stats.mjs';

const require = createRequire(import.meta.url);
// Our server runs with the Node flags the VS Code client gives it (client/src/server-flags.ts), as
// users get it. BENCH_SERVER_JS / BENCH_SERVER_NODE_ARGS (space-separated, replacing those flags; set
// it empty for none) exist for experiments such as profiling the server (--cpu-prof) or measuring a
// patched copy; the report uses the defaults.
const SERVER_JS = process.env.BENCH_SERVER_JS ?? fileURLToPath(new URL('../../dist/server.js', import.meta.url));
export const CLIENT_SERVER_FLAGS = [...require('../../out/client/src/server-flags.js').SERVER_EXEC_ARGV];
export const SERVER_NODE_ARGS =
  process.env.BENCH_SERVER_NODE_ARGS === undefined
    ? CLIENT_SERVER_FLAGS
    : process.env.BENCH_SERVER_NODE_ARGS.split(' ').filter(Boolean);

/** Our server, started as `node <nodeArgs> dist/server.js --stdio`. */
export function ourServer(nodeArgs = SERVER_NODE_ARGS, name = 'docker-cache-mounts') {
  return { name, command: process.execPath, args: [...nodeArgs, SERVER_JS, '--stdio'] };
}

// tally's slow checks may query registries while linting; neither tool should touch the network here (as
// `tally lint --slow-checks off` in peer.mjs). `tally lsp` has no flag for it: it reads .tally.toml.
const TALLY_CONFIG = '[slow-checks]\nmode = "off"\n';

/** A temp folder holding `files` ({ name, text }) and the peers' configuration; removed by the caller. */
function writeFolder(files) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dcm-bench-lsp-'));
  writeFileSync(path.join(dir, '.tally.toml'), TALLY_CONFIG);
  for (const f of files) {
    mkdirSync(path.join(dir, path.dirname(f.name)), { recursive: true });
    writeFileSync(path.join(dir, f.name), f.text);
  }
  return dir;
}

/** What a user types: a new cache-mounted RUN, one character per didChange (newlines included). */
const TYPED = [
  '# install the tools with a shared uv cache',
  'RUN --mount=type=cache,id=uv-cache,target=/root/.cache/uv \\',
  '    uv pip install --system httpx rich typer \\',
  '    && uv pip install --system fastapi uvicorn pydantic sqlalchemy',
  '',
].join('\n');

const LARGE = { name: 'typing/Dockerfile', text: dockerfileOfLines(1000) };

/** Opens the 1,000-line file (no workspace folder) and waits for its diagnostics. */
async function openLarge(client, dir) {
  await client.initialize();
  const uri = pathToFileURL(path.join(dir, LARGE.name)).href;
  const first = await client.diagnosticsAfter(uri, 1, () => client.open(uri, LARGE.text));
  return { uri, first };
}

/**
 * Cold start, `runs` fresh processes: spawn -> `initialize` answered, and spawn -> first diagnostics of the
 * 1,000-line file (opened right after `initialized`).
 */
export async function benchStartup(server, { runs = 5, primeMs = 0 } = {}) {
  const dir = writeFolder([LARGE]);
  const initialize = [];
  const firstDiagnostics = [];
  try {
    // Ours writes its V8 code cache 10 s after a start that found none (server/src/common/code-cache.ts): one
    // start kept running that long first, so the timed starts are the ones a user gets from the second on.
    if (primeMs > 0) {
      const client = new LspClient(server);
      try {
        await openLarge(client, dir);
        await new Promise((resolve) => setTimeout(resolve, primeMs));
      } finally {
        await client.stop();
      }
    }
    for (let i = 0; i < runs; i++) {
      const client = new LspClient(server);
      try {
        const { first } = await openLarge(client, dir);
        initialize.push(client.initializedAt - client.spawnedAt);
        firstDiagnostics.push(first.at - client.spawnedAt);
      } finally {
        await client.stop();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { runs, initialize: summarize(initialize), firstDiagnostics: summarize(firstDiagnostics) };
}

/**
 * `edits` one-character changes typed at `line` of the 1,000-line file, each sent after the previous one's
 * diagnostics arrived, each timed from sending the didChange to its diagnostics (lsp-client.mjs says how).
 * Then, in the same process, `warmEdits` more (typing goes on: the JIT has warmed up on the first ones),
 * reported apart as `warm`; skipped when the first edits took over `warmBudgetMs` (a slow server).
 */
export async function benchTyping(server, { edits = 200, line = 500, warmEdits = 0, warmBudgetMs = 30_000 } = {}) {
  const dir = writeFolder([LARGE]);
  const client = new LspClient(server);
  try {
    const { uri, first } = await openLarge(client, dir);
    let offset = LARGE.text.split('\n').slice(0, line).join('\n').length + 1;
    let version = 1;
    /** Types `count` characters of TYPED, going on from where the last call stopped. */
    const type = async (count) => {
      const latencies = [];
      let emptyAnswers = 0;
      const cpuBefore = client.cpuMs();
      const bytesBefore = client.bytesReceived;
      const started = performance.now();
      for (let i = 0; i < count; i++) {
        const ch = TYPED[(version - 1) % TYPED.length];
        version++;
        const params = client.insertion(uri, version, offset, ch);
        const r = await client.diagnosticsAfter(uri, version, () => client.notify('textDocument/didChange', params));
        latencies.push(r.at - r.sent);
        if (r.items.length === 0) emptyAnswers++;
        offset += ch.length;
      }
      return {
        latency: summarize(latencies),
        serverCpuPerEdit: (client.cpuMs() - cpuBefore) / count,
        bytesPerEdit: (client.bytesReceived - bytesBefore) / count,
        edits: count,
        emptyAnswers,
        wallMs: performance.now() - started,
      };
    };
    const cold = await type(edits);
    const warm = warmEdits > 0 && cold.wallMs <= warmBudgetMs ? await type(warmEdits) : undefined;
    return {
      firstDiagnostics: first.at - first.sent,
      ...cold,
      warm,
      findingsAtOpen: first.items.length,
      timedBy: Object.keys(client.timedBy).join(' + '),
      fullSync: client.fullSync,
    };
  } finally {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The memory scenario's workspace: 2,000 generated Dockerfiles (30-150 lines), the first `open` of them opened. */
export function memoryWorkspace({ files = 2000, open = 500 } = {}) {
  const all = workspaceFiles(files, 11);
  return { all, open: all.slice(0, open) };
}

/**
 * RSS with the workspace's folder given as the root (rootUri and workspaceFolders) and `open` of its files
 * opened at once. Measured once every opened file has diagnostics, the work-done progress the server created
 * has ended (our server reports its initial index walk that way; waited for up to `progressWaitMs`), and the
 * server was idle for `quietMs` (no diagnostics published, under 5% of a core); then again `settleMs` later.
 */
export async function benchMemory(
  server,
  workspace,
  { progressWaitMs = 300_000, quietMs = 500, settleMs = 1500 } = {},
) {
  const dir = writeFolder(workspace.all);
  const client = new LspClient(server);
  try {
    const rootUri = pathToFileURL(dir).href;
    await client.initialize({ rootUri, workspaceFolders: [{ uri: rootUri, name: 'bench' }] });
    await new Promise((r) => setTimeout(r, 200));
    const baseline = client.rss();
    const readBefore = client.readBytes();
    const sentBefore = client.bytesSent;
    const t0 = performance.now();
    // All sent at once: pushed diagnostics are awaited from before each didOpen; a pull follows its didOpen.
    await Promise.all(
      workspace.open.map((f) => {
        const uri = pathToFileURL(path.join(dir, f.name)).href;
        return client.diagnosticsAfter(uri, 1, () => client.open(uri, f.text), 600_000);
      }),
    );
    const openAll = performance.now() - t0;
    const progressEnded = await client.progressEnd(progressWaitMs);
    const indexLog = client.logMessages.find((m) => /workspace index ready/.test(m));
    const idle = await client.idle(quietMs, 30_000);
    const ready = performance.now() - t0;
    const after = client.rss();
    await new Promise((r) => setTimeout(r, settleMs));
    const settled = client.rss();
    // Bytes the server read beyond the messages sent to it: a server that indexes the folder reads its files.
    const readBeyondMessages = client.readBytes() - readBefore - (client.bytesSent - sentBefore);
    return {
      open: workspace.open.length,
      files: workspace.all.length,
      workspaceChars: workspace.all.reduce((n, f) => n + f.text.length, 0),
      openChars: workspace.open.reduce((n, f) => n + f.text.length, 0),
      baselineKiB: baseline.kib,
      afterKiB: after.kib,
      settledKiB: settled.kib,
      processes: settled.processes,
      openAll,
      ready,
      progressEnded: progressEnded ? client.progressEnded : [],
      indexLog,
      idle,
      readBeyondMessages,
      timedBy: Object.keys(client.timedBy).join(' + '),
    };
  } finally {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
