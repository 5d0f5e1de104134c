// A didChange whose range lies past the end of the document (a line beyond the last, or far beyond) is
// clamped to the end: the document keeps its diagnostics published for every later version, and the server
// stays responsive (issue 12 item 9).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnosticsWithCode, LspTestClient, vscodeLikeCapabilities } from '../helpers/lsp-client';

const TEXT = 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n';

describe('LSP server: edits with ranges past the end', () => {
  let client: LspTestClient;
  before(async () => {
    client = LspTestClient.start();
    await client.initialize(vscodeLikeCapabilities());
  });
  after(() => client.kill());

  test('a line beyond the last and a far line: clamped, diagnostics keep coming for each version', async () => {
    const uri = 'file:///work/bad-ranges/Dockerfile';
    await client.open(uri, 'dockerfile', TEXT);
    await client.diagnosticsFor(uri);
    const send = async (
      version: number,
      range: { start: { line: number; character: number }; end: { line: number; character: number } },
      text: string,
    ) => {
      await client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range, text }],
      });
    };
    const started = Date.now();
    await send(
      2,
      { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } },
      'RUN --mount=type=cache,target=/root/.cache/pip pip install --no-cache-dir x\n',
    );
    const second = await client.diagnosticsFor(uri, (p) => p.version === 2);
    assert.equal(second.version, 2);
    assert.equal(diagnosticsWithCode(second, 'CM005').length, 1, 'the text appended at the end was analysed');
    await send(
      3,
      { start: { line: 2_000_000_000, character: 5 }, end: { line: 2_000_000_000, character: 9 } },
      '# end\n',
    );
    const third = await client.diagnosticsFor(uri, (p) => p.version === 3);
    assert.equal(third.version, 3);
    assert.ok(Date.now() - started < 10_000, 'no runaway');
  });
});
