// One language server over stdio, as an editor drives it for a side-by-side comparison: initialize, open a
// file, take its diagnostics (pushed, or pulled with textDocument/diagnostic when the server offers that).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const rpc = require('vscode-jsonrpc/node');

const WAIT_MS = 15_000;

/** @param {{ name: string, command: string, args: string[], initializationOptions?: unknown, rootDir: string }} o */
export async function startSession(o) {
  const child = spawn(o.command, o.args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr = (stderr + d.toString()).slice(-4000)));
  const c = rpc.createMessageConnection(
    new rpc.StreamMessageReader(child.stdout),
    new rpc.StreamMessageWriter(child.stdin),
  );
  const pushed = new Map();
  const waiters = new Map();
  c.onNotification('textDocument/publishDiagnostics', (p) => {
    pushed.set(p.uri, p.diagnostics);
    waiters.get(p.uri)?.(p.diagnostics);
  });
  c.onRequest('workspace/configuration', (p) => p.items.map(() => null));
  c.onRequest('client/registerCapability', () => null);
  c.onRequest('client/unregisterCapability', () => null);
  c.onRequest('window/workDoneProgress/create', () => null);
  c.onNotification('window/logMessage', () => {});
  c.listen();
  const rootUri = pathToFileURL(o.rootDir).href;
  const init = await withTimeout(
    c.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: null,
      initializationOptions: o.initializationOptions,
      capabilities: {
        textDocument: {
          publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true },
          diagnostic: { dynamicRegistration: false },
          hover: { contentFormat: ['markdown'] },
        },
      },
    }),
    `${o.name}: initialize`,
  );
  await c.sendNotification('initialized', {});
  const pull = Boolean(init.capabilities.diagnosticProvider);
  const serverInfo = init.serverInfo;

  return {
    name: o.name,
    serverInfo,
    /** The diagnostics of one file, opened, read and closed. */
    async diagnostics(path, text) {
      const uri = pathToFileURL(path).href;
      pushed.delete(uri);
      const pushedNow = new Promise((resolve) => waiters.set(uri, resolve));
      await c.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'dockerfile', version: 1, text },
      });
      let result;
      if (pull) {
        const report = await withTimeout(
          c.sendRequest('textDocument/diagnostic', { textDocument: { uri } }),
          `${o.name}: pull ${path}`,
        );
        result = report.items ?? [];
      } else {
        result = await withTimeout(pushedNow, `${o.name}: diagnostics for ${path}`);
      }
      waiters.delete(uri);
      await c.sendNotification('textDocument/didClose', { textDocument: { uri } });
      return result;
    },
    async stop() {
      try {
        await withTimeout(c.sendRequest('shutdown'), `${o.name}: shutdown`, 5000);
        await c.sendNotification('exit');
      } catch {
        /* killed below */
      }
      c.dispose();
      child.kill();
    },
    stderr: () => stderr,
  };
}

function withTimeout(promise, what, ms = WAIT_MS) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), ms))),
  ]).finally(() => clearTimeout(timer));
}
