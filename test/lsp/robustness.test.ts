// The server keeps serving whatever it is sent: settings pushed by a client without
// workspace/configuration (Neovim-style), untitled documents, and inputs that are not Dockerfiles.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_OPEN_DOCUMENT_BYTES } from '../../server/src/document-size';
import { diagnosticsWithCode, LspTestClient, vscodeLikeCapabilities } from '../helpers/lsp-client';

const TEXT = 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n';

function randomText(length: number, seed: number): string {
  let x = seed;
  let out = '';
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out += String.fromCharCode(x % 0xd7ff); // any BMP code unit below the surrogates, control characters included
  }
  return out;
}

describe('LSP server: pushed settings and bad input', () => {
  let client: LspTestClient;

  before(async () => {
    client = LspTestClient.start();
    await client.initialize(vscodeLikeCapabilities(false), { dockerCacheMounts: { rules: { CM001: 'off' } } });
  });
  after(() => client.kill());

  test('without workspace/configuration, initializationOptions then didChangeConfiguration payloads are used', async () => {
    const uri = 'file:///work/pushed/Dockerfile';
    await client.open(uri, 'dockerfile', TEXT);
    assert.deepEqual(diagnosticsWithCode(await client.diagnosticsFor(uri), 'CM001'), []);
    const back = client.nextDiagnostics(
      uri,
      (p) => diagnosticsWithCode(p, 'CM001').length === 1,
      'CM001 after the pushed change',
    );
    await client.changeSettings({ dockerCacheMounts: { rules: {} } }, true);
    await back;
    assert.deepEqual(client.configurationRequests, [], 'the server must not pull from a client that cannot answer');
  });

  test('an untitled Dockerfile is analysed by its language id', async () => {
    const uri = 'untitled:Untitled-1';
    await client.open(uri, 'dockerfile', TEXT);
    assert.equal(diagnosticsWithCode(await client.diagnosticsFor(uri), 'CM001').length, 1);
  });

  const bad: [string, string, string][] = [
    ['empty', 'Dockerfile', ''],
    ['random code units', 'Dockerfile', randomText(4000, 7)],
    ['half-typed mount', 'Dockerfile', 'FROM alpine\nRUN --mount=type=\n'],
    ['unclosed heredoc', 'Dockerfile', 'FROM alpine\nRUN --mount=type=cache,target=/root/.cache/uv <<EOF\nuv sync\n'],
    [
      'a 5 MB RUN line',
      'Dockerfile',
      'FROM alpine\nRUN --mount=type=cache,target=/root/.cache/uv echo ' + 'x'.repeat(5_000_000) + '\n',
    ],
    ['JSON syntax error', 'devcontainer.json', '{ "mounts": ["type=cache,target=/x", }'],
    ['random devcontainer', 'devcontainer.json', randomText(2000, 11)],
  ];
  for (const [name, file, text] of bad) {
    test(`${name}: diagnostics are published and requests are answered`, async () => {
      const uri = `file:///work/bad/${name.replace(/\W+/g, '-')}/${file}`;
      await client.open(uri, file === 'Dockerfile' ? 'dockerfile' : 'jsonc', text);
      const published = await client.diagnosticsFor(uri, undefined, `diagnostics for ${name}`);
      assert.ok(Array.isArray(published.diagnostics));
      const end = client.doc(uri).positionAt(text.length);
      for (const position of [{ line: 0, character: 0 }, { line: 1, character: 14 }, end]) {
        assert.ok(
          Array.isArray(
            await client.codeActions(
              uri,
              { start: position, end: position },
              { diagnostics: published.diagnostics.slice(0, 5) },
            ),
          ),
        );
        await client.hover(uri, position); // null or a hover: either is fine, an error response is not
      }
      assert.equal(client.hasExited, false);
    });
  }

  test('shutdown and exit end the process with code 0', async () => {
    assert.equal(await client.shutdown(), 0);
  });
});

// Its own server: if analysis is slow, the other tests are not stuck behind it.
describe('LSP server: a Dockerfile just under the open-document size cap', () => {
  let client: LspTestClient;
  const line = 'RUN --mount=type=cache,target=/root/.cache/uv uv sync\n';
  const MOUNTS = Math.floor((MAX_OPEN_DOCUMENT_BYTES - 20) / line.length); // about 2,400
  const text = 'FROM python:3.12\n' + line.repeat(MOUNTS);

  before(async () => {
    client = LspTestClient.start({ dockerCacheMounts: {} });
    await client.initialize();
  });
  after(() => client.kill());

  test('is analysed, and hover and code actions are answered', async () => {
    const uri = 'file:///work/huge/Dockerfile';
    await client.open(uri, 'dockerfile', text);
    // Generous: the analysis takes well under a second; this catches a hang or a quadratic blow-up.
    const published = await client.diagnosticsFor(uri, undefined, `diagnostics for ${MOUNTS} mounts`, 30_000);
    assert.equal(diagnosticsWithCode(published, 'CM001').length, MOUNTS);
    const last = { line: MOUNTS, character: 15 };
    assert.ok(await client.hover(uri, last));
    const d = diagnosticsWithCode(published, 'CM001').at(-1)!;
    const actions = (await client.codeActions(uri, d.range, { diagnostics: [d] })) ?? [];
    assert.ok(actions.some((a) => a.isPreferred));
    assert.equal(await client.shutdown(), 0);
  });
});
