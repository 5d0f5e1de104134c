// Open documents over the size cap (issue 12 item 10): a 5 MB Dockerfile used to block every other
// request for 13 s. Such a document gets one notice instead of analysis, every request on it answers
// at once and empty, and it stays out of the workspace index; under the cap it is analysed as before.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity, type Location } from 'vscode-languageserver-protocol';
import { MAX_OPEN_DOCUMENT_BYTES } from '../../server/src/document-size';
import { diagnosticsWithCode, LspTestClient, vscodeLikeCapabilities, withTimeout } from '../helpers/lsp-client';

const HEADER = 'FROM python:3.12\n';
const MOUNT = 'RUN --mount=type=cache,target=/root/.cache/uv uv sync\n';
const SHARED = 'RUN --mount=type=cache,id=shared,target=/root/.cache/uv uv sync\n';
const NOTICE = /^File too large to analyze \(\d+ KB > limit 128 KB\)$/;
/** Well under the 13 s a 5 MB document took; generous for a loaded machine. */
const QUICK_MS = 3_000;

function dockerfileOf(bytes: number): string {
  return HEADER + SHARED.repeat(Math.floor((bytes - HEADER.length) / SHARED.length));
}

function capabilities() {
  const caps = vscodeLikeCapabilities();
  caps.textDocument = {
    ...caps.textDocument,
    rename: { prepareSupport: true },
    inlayHint: {},
    documentLink: {},
    completion: {},
  };
  return caps;
}

describe('LSP server: open documents over the size cap', () => {
  let client: LspTestClient;
  const big = 'file:///work/size/big/Dockerfile';
  const small = 'file:///work/size/small/Dockerfile';

  before(async () => {
    client = LspTestClient.start({ dockerCacheMounts: { inlayHints: { implicitId: true } } });
    await client.initialize(capabilities());
    await client.open(small, 'dockerfile', HEADER + SHARED);
    await client.diagnosticsFor(small);
  });
  after(() => client.kill());

  test('a 5 MB Dockerfile gets one notice at its start, quickly', async () => {
    await client.open(big, 'dockerfile', dockerfileOf(5 * 1024 * 1024));
    const published = await client.diagnosticsFor(big, undefined, 'the notice for 5 MB', QUICK_MS);
    assert.equal(published.diagnostics.length, 1);
    const [notice] = published.diagnostics;
    assert.equal(notice!.severity, DiagnosticSeverity.Information);
    assert.deepEqual(notice!.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.equal(notice!.message, 'File too large to analyze (5.0 MB > limit 128 KB)');
  });

  test('every request on it answers empty, and other documents are answered meanwhile', async () => {
    const position = { line: 1, character: 40 };
    const range = { start: { line: 0, character: 0 }, end: { line: 10, character: 0 } };
    const ask = <T>(method: string, params: Record<string, unknown>) =>
      withTimeout(
        client.connection.sendRequest<T>(method, { textDocument: { uri: big }, ...params }),
        method,
        QUICK_MS,
      );
    assert.equal(await ask('textDocument/hover', { position }), null);
    assert.deepEqual(await ask('textDocument/codeAction', { range, context: { diagnostics: [] } }), []);
    assert.deepEqual(
      await ask('textDocument/codeAction', { range, context: { diagnostics: [], only: ['source.fixAll'] } }),
      [],
    );
    assert.deepEqual(await ask('textDocument/completion', { position }), []);
    assert.deepEqual(await ask('textDocument/documentLink', {}), []);
    assert.deepEqual(await ask('textDocument/inlayHint', { range }), []);
    assert.deepEqual(await ask('textDocument/references', { position, context: { includeDeclaration: true } }), []);
    assert.equal(await ask('textDocument/prepareRename', { position }), null);
    assert.equal(await ask('textDocument/rename', { position, newName: 'other' }), null);
    assert.ok(
      await withTimeout(client.hover(small, { line: 1, character: 30 }), 'hover on the small document', QUICK_MS),
    );
  });

  test('its mounts are not in the workspace index: references from another file do not list them', async () => {
    const at = client.positionOf(small, 'id=shared', 4);
    const locations = await withTimeout(
      client.connection.sendRequest<Location[]>('textDocument/references', {
        textDocument: { uri: small },
        position: at,
        context: { includeDeclaration: true },
      }),
      'references',
      QUICK_MS,
    );
    assert.deepEqual(
      locations.map((l) => l.uri),
      [small],
    );
  });

  test('growing past the cap replaces the findings with the notice; shrinking back brings them back', async () => {
    const uri = 'file:///work/size/grows/Dockerfile';
    await client.open(uri, 'dockerfile', HEADER + MOUNT);
    assert.equal(diagnosticsWithCode(await client.diagnosticsFor(uri), 'CM001').length, 1);
    const end = client.doc(uri).positionAt(client.text(uri).length);
    await client.change(uri, [
      { range: { start: end, end }, text: MOUNT.repeat(Math.ceil(MAX_OPEN_DOCUMENT_BYTES / MOUNT.length)) },
    ]);
    const grown = await client.diagnosticsFor(uri, undefined, 'the notice after growing', QUICK_MS);
    assert.equal(grown.diagnostics.length, 1);
    assert.match(grown.diagnostics[0]!.message, NOTICE);
    await client.change(uri, [
      {
        range: { start: { line: 2, character: 0 }, end: client.doc(uri).positionAt(client.text(uri).length) },
        text: '',
      },
    ]);
    assert.equal(
      diagnosticsWithCode(await client.diagnosticsFor(uri, undefined, 'findings after shrinking', QUICK_MS), 'CM001')
        .length,
      1,
    );
  });

  test('the cap counts UTF-8 bytes: under it in characters, over it in bytes', async () => {
    const uri = 'file:///work/size/wide/Dockerfile';
    const comment = `# ${'é'.repeat(Math.ceil(MAX_OPEN_DOCUMENT_BYTES / 2))}\n`; // 2 bytes each: ~64 K characters, ~128 KB
    await client.open(uri, 'dockerfile', HEADER + comment + MOUNT);
    const published = await client.diagnosticsFor(uri, undefined, 'the notice for a wide text', QUICK_MS);
    assert.equal(published.diagnostics.length, 1);
    assert.match(published.diagnostics[0]!.message, NOTICE);
  });

  test('closing it clears the notice', async () => {
    const cleared = client.nextDiagnostics(big, (p) => p.diagnostics.length === 0, 'cleared diagnostics');
    await client.close(big);
    await cleared;
    assert.equal(await client.shutdown(), 0);
  });
});
