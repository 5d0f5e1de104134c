// One language server over stdio, as an editor drives it for a side-by-side comparison: initialize, open a
// file, take its diagnostics (pushed, or pulled with textDocument/diagnostic when the server offers that).
// The client itself is the benchmarks' (scripts/bench/lsp-client.mjs).
import { pathToFileURL } from 'node:url';
import { LspClient } from '../bench/lsp-client.mjs';

const WAIT_MS = 15_000;

/** What this comparison announces (no configuration pull, no work-done progress). */
const CAPABILITIES = {
  textDocument: {
    publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true },
    diagnostic: { dynamicRegistration: false },
    hover: { contentFormat: ['markdown'] },
  },
};

/** @param {{ name: string, command: string, args: string[], initializationOptions?: unknown, rootDir: string }} o */
export async function startSession(o) {
  const client = new LspClient(o);
  await client.initialize({
    rootUri: pathToFileURL(o.rootDir).href,
    initializationOptions: o.initializationOptions,
    capabilities: CAPABILITIES,
    timeoutMs: WAIT_MS,
  });
  return {
    name: o.name,
    serverInfo: client.serverInfo,
    /** The diagnostics of one file, opened, read and closed. */
    async diagnostics(path, text) {
      const uri = pathToFileURL(path).href;
      const { items } = await client.diagnosticsAfter(uri, 1, () => client.open(uri, text), WAIT_MS);
      await client.close(uri);
      return items;
    },
    stop: () => client.stop(),
    stderr: () => client.stderrTail,
  };
}
