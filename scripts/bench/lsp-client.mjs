// One language server over stdio, driven the way an editor drives it, for the benchmarks (scripts/bench/lsp.mjs)
// and the side-by-side comparison of findings (scripts/peers/lsp-session.mjs). Works with any server: ours,
// tally's `tally lsp` and dockerfile-language-server-nodejs. A server's diagnostics are taken the way it offers
// them, which it says in its `initialize` answer:
// - pull (it has a diagnosticProvider, and the client announces textDocument.diagnostic as VS Code does): a
//   `textDocument/diagnostic` request after the change, answered when the server has the diagnostics;
// - push with a version (`publishDiagnostics.version`): the publication that carries the document's version;
// - push without a version: the first publication for that document after the change was sent (exact when
//   the server publishes once per change and changes are sent one at a time, each after the previous answer).
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { Transform } from 'node:stream';

const require = createRequire(import.meta.url);
const rpc = require('vscode-jsonrpc/node');

/** What the client announces, as VS Code's client does for what the benchmarks use. */
const EDITOR_CAPABILITIES = {
  workspace: { configuration: true, workspaceFolders: true },
  window: { workDoneProgress: true },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: false },
    publishDiagnostics: { versionSupport: true, relatedInformation: true, codeDescriptionSupport: true },
    diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
  },
};

const PAGE_KIB = 4;

export class LspClient {
  /** @param {{ name: string, command: string, args: string[] }} server */
  constructor(server) {
    this.name = server.name;
    /** performance.now() just before the process was spawned: start-up figures count from here. */
    this.spawnedAt = performance.now();
    this.child = spawn(server.command, server.args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.exited = new Promise((resolve) => this.child.once('exit', resolve));
    // A server that cannot start or dies: whatever waits on it fails at once, with the reason.
    this.stopping = false;
    this.died = new Promise((_, reject) => {
      this.child.once('error', (err) => reject(new Error(`${this.name}: ${err.message}`)));
      this.child.once('exit', (code, signal) => {
        if (!this.stopping)
          reject(
            new Error(`${this.name} exited (${signal ?? code}): ${this.stderrTail.trim().split('\n').pop() ?? ''}`),
          );
      });
    });
    this.died.catch(() => {});
    this.stderrTail = '';
    this.child.stderr.on('data', (d) => (this.stderrTail = (this.stderrTail + d.toString()).slice(-4000)));
    /** Bytes the server wrote so far, and bytes this client wrote to it (message payloads plus headers). */
    this.bytesReceived = 0;
    this.bytesSent = 0;
    this.child.stdout.on('data', (chunk) => (this.bytesReceived += chunk.length));
    const counted = new Transform({
      transform: (chunk, _encoding, done) => {
        this.bytesSent += chunk.length;
        done(null, chunk);
      },
    });
    counted.pipe(this.child.stdin);
    this.child.stdin.on('error', () => {}); // a server that exits early: its requests time out instead
    this.connection = rpc.createMessageConnection(
      new rpc.StreamMessageReader(this.child.stdout),
      new rpc.StreamMessageWriter(counted),
    );
    /** uri -> last publication: { version, diagnostics, at } */
    this.published = new Map();
    /** performance.now() of the last publishDiagnostics of any document. */
    this.lastPublishAt = 0;
    this.pushWaiters = [];
    /** How the diagnostics that were waited for arrived: counts by 'pull' | 'push, versioned' | 'push, no version'. */
    this.timedBy = {};
    /** Work-done progress tokens the server created; the titles of those that ended. */
    this.progressCreated = 0;
    this.progressEnded = [];
    this.progressWaiters = [];
    this.logMessages = [];
    this.workspaceFolders = null;
    this.connection.onRequest((method, params) => {
      if (method === 'workspace/configuration') return params.items.map(() => null);
      if (method === 'workspace/workspaceFolders') return this.workspaceFolders;
      if (method === 'window/workDoneProgress/create') this.progressCreated++;
      // client/registerCapability, window/workDoneProgress/create and the like: accepted.
      return null;
    });
    this.connection.onNotification('window/logMessage', (params) => this.logMessages.push(params.message));
    // vscode-jsonrpc routes $/progress to handlers by token; tokens the server created reach this one.
    const progressTitles = new Map();
    this.connection.onUnhandledProgress(({ token, value }) => {
      if (value?.kind === 'begin') progressTitles.set(token, value.title);
      if (value?.kind !== 'end') return;
      this.progressEnded.push(progressTitles.get(token) ?? String(token));
      for (const w of this.progressWaiters.splice(0)) w();
    });
    this.connection.onNotification('textDocument/publishDiagnostics', (p) => {
      const at = performance.now();
      this.lastPublishAt = at;
      this.published.set(p.uri, { version: p.version, diagnostics: p.diagnostics, at });
      for (let i = this.pushWaiters.length - 1; i >= 0; i--) {
        const w = this.pushWaiters[i];
        if (w.uri !== p.uri || (p.version !== undefined && p.version !== null && p.version !== w.version)) continue;
        this.pushWaiters.splice(i, 1);
        w.resolve({
          at,
          items: p.diagnostics,
          by: p.version === undefined || p.version === null ? 'push, no version' : 'push, versioned',
        });
      }
    });
    this.connection.listen();
  }

  /** initialize + initialized; resolves with the answer. The server's way of giving diagnostics is read from it. */
  async initialize({
    rootUri = null,
    workspaceFolders = null,
    initializationOptions,
    capabilities = EDITOR_CAPABILITIES,
    timeoutMs = 60_000,
  } = {}) {
    this.workspaceFolders = workspaceFolders;
    const result = await this.request(
      'initialize',
      { processId: process.pid, rootUri, workspaceFolders, initializationOptions, capabilities },
      timeoutMs,
    );
    this.initializedAt = performance.now();
    const sync = result.capabilities.textDocumentSync;
    const change = typeof sync === 'number' ? sync : sync?.change;
    /** The server wants the whole text on every change (TextDocumentSyncKind.Full). */
    this.fullSync = change === 1;
    this.pull = Boolean(result.capabilities.diagnosticProvider && capabilities.textDocument?.diagnostic);
    this.serverInfo = result.serverInfo;
    this.texts = new Map();
    await this.notify('initialized', {});
    return result;
  }

  request(method, params, timeoutMs = 60_000) {
    return withTimeout(
      Promise.race([this.connection.sendRequest(method, params), this.died]),
      `${this.name}: ${method}`,
      timeoutMs,
    );
  }

  notify(method, params) {
    return this.connection.sendNotification(method, params);
  }

  open(uri, text, version = 1) {
    this.texts.set(uri, text);
    return this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version, text } });
  }

  /**
   * The didChange parameters that insert `text` at `offset` of the document (and the client's copy updated):
   * an incremental change, or the whole text when the server wants it. Built before the change is timed.
   */
  insertion(uri, version, offset, text) {
    const before = this.texts.get(uri);
    const after = before.slice(0, offset) + text + before.slice(offset);
    this.texts.set(uri, after);
    const position = positionAt(before, offset);
    return {
      textDocument: { uri, version },
      contentChanges: this.fullSync ? [{ text: after }] : [{ range: { start: position, end: position }, text }],
    };
  }

  close(uri) {
    this.texts.delete(uri);
    return this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  /**
   * Sends a change (`send`) and waits for the diagnostics of (uri, version) that follow it, pulled or pushed (see
   * the top of this file). Resolves with { sent, at, items }: performance.now() before sending and at the answer.
   */
  async diagnosticsAfter(uri, version, send, timeoutMs = 60_000) {
    const pushed = this.pull ? undefined : this.waitPush(uri, version, timeoutMs);
    const sent = performance.now();
    await send();
    let answer;
    if (this.pull) {
      const report = await this.request('textDocument/diagnostic', { textDocument: { uri } }, timeoutMs);
      answer = { at: performance.now(), items: report.items ?? [], by: 'pull' };
    } else {
      answer = await pushed;
    }
    this.timedBy[answer.by] = (this.timedBy[answer.by] ?? 0) + 1;
    return { sent, at: answer.at, items: answer.items };
  }

  waitPush(uri, version, timeoutMs) {
    return withTimeout(
      Promise.race([new Promise((resolve) => this.pushWaiters.push({ uri, version, resolve })), this.died]),
      `${this.name}: diagnostics for ${uri} v${version}`,
      timeoutMs,
    );
  }

  /**
   * Resolves with true once a work-done progress the server created has ended (at once if one did), or with
   * false after timeoutMs, or at once when the server created none.
   */
  progressEnd(timeoutMs) {
    if (this.progressEnded.length) return Promise.resolve(true);
    if (!this.progressCreated) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.progressWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  /**
   * Resolves once the server was idle for `windowMs`: no diagnostics published and under 5% of a core used (CPU
   * time from /proc): true; false when it was not within `maxMs`.
   */
  async idle(windowMs, maxMs) {
    const end = performance.now() + maxMs;
    while (performance.now() < end) {
      const cpu = this.cpuMs();
      const from = performance.now();
      await new Promise((r) => setTimeout(r, windowMs));
      if (this.lastPublishAt < from && this.cpuMs() - cpu <= windowMs * 0.05) return true;
    }
    return false;
  }

  /** The server process and every process it started (/proc, Linux). */
  processTree() {
    const pids = [this.child.pid];
    for (let i = 0; i < pids.length; i++) {
      try {
        for (const task of readdirSafe(`/proc/${pids[i]}/task`)) {
          const children = readFileSync(`/proc/${pids[i]}/task/${task}/children`, 'utf8').trim();
          if (children) pids.push(...children.split(/\s+/).map(Number));
        }
      } catch {
        // exited meanwhile
      }
    }
    return pids;
  }

  /** CPU time (user + system, all threads) the server's processes used so far, in ms (100 Hz clock ticks). */
  cpuMs() {
    let ticks = 0;
    for (const pid of this.processTree()) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        ticks += Number(fields[11]) + Number(fields[12]);
      } catch {
        // exited meanwhile
      }
    }
    return ticks * 10;
  }

  /** Resident memory of the server's processes (VmRSS summed), in KiB; the count of processes. */
  rss() {
    let kib = 0;
    const pids = this.processTree();
    for (const pid of pids) {
      try {
        const statm = readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ');
        kib += Number(statm[1]) * PAGE_KIB;
      } catch {
        // exited meanwhile
      }
    }
    return { kib, processes: pids.length };
  }

  /** Bytes the server process read with read(2)-like calls (/proc/<pid>/io rchar): files and its stdin. */
  readBytes() {
    try {
      return Number(/^rchar:\s+(\d+)/m.exec(readFileSync(`/proc/${this.child.pid}/io`, 'utf8'))?.[1] ?? NaN);
    } catch {
      return NaN;
    }
  }

  async stop() {
    this.stopping = true;
    try {
      await this.request('shutdown', undefined, 5000);
      await this.notify('exit');
    } catch {
      // killed below
    }
    if (this.child.pid !== undefined && this.child.exitCode === null && this.child.signalCode === null) {
      const timer = setTimeout(() => this.child.kill(), 2000);
      await this.exited;
      clearTimeout(timer);
    }
    this.connection.dispose();
  }
}

function readdirSafe(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function positionAt(text, offset) {
  let line = 0;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, character: offset - start };
}

function withTimeout(promise, what, ms) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms))),
  ]).finally(() => clearTimeout(timer));
}
