// devcontainer.json over the protocol: CM101 on a `type=cache` string mount, its fix applied as a
// change (comments kept), and devcontainer files found by name whatever their language id or scheme.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { MarkupContent, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { applyWorkspaceEdit, diagnosticsWithCode, editsToChanges, LspTestClient } from '../helpers/lsp-client';

const TEXT = [
  '{',
  '  // the uv cache, shared with the host',
  '  "name": "app",',
  '  "mounts": ["type=cache,target=/root/.cache/uv"],',
  '}',
  '',
].join('\n');
const SEVERITY_ERROR = 1;

describe('LSP server: devcontainer.json', () => {
  let client: LspTestClient;

  before(async () => {
    client = LspTestClient.start({ dockerCacheMounts: {} });
    await client.initialize();
  });
  after(() => client.kill());

  test('CM101 on the `type=cache` mount string, and its (unsafe, so not isPreferred) fix turns it into a bind mount', async () => {
    const uri = 'file:///work/project/.devcontainer/devcontainer.json';
    await client.open(uri, 'jsonc', TEXT);
    const published = await client.diagnosticsFor(uri);
    const cm101 = diagnosticsWithCode(published, 'CM101');
    assert.equal(cm101.length, 1, JSON.stringify(published.diagnostics));
    const d = cm101[0]!;
    assert.equal(d.severity, SEVERITY_ERROR);
    assert.equal(d.range.start.line, 3);
    // The range is the part of the mount string at fault (or the whole string), never the whole line.
    const valueStart = TEXT.split('\n')[3]!.indexOf('"type=cache');
    const valueEnd = TEXT.split('\n')[3]!.indexOf('uv"') + 3;
    assert.ok(
      d.range.start.character >= valueStart && d.range.end.character <= valueEnd && d.range.end.line === 3,
      JSON.stringify(d.range),
    );
    assert.match(client.textAt(uri, d.range), /type=cache/);
    assert.match(d.codeDescription!.href, /CM101\.md$/);

    const actions = (await client.codeActions(uri, d.range, { diagnostics: [d] })) ?? [];
    // The bind rewrite is unsafe (it adds containerEnv and a host variable): offered, never isPreferred.
    assert.equal(actions.filter((a) => a.isPreferred).length, 0, JSON.stringify(actions.map((a) => a.title)));
    const fix = actions.find((a) => a.title.startsWith('Replace with a bind mount'));
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    const fixed = applyWorkspaceEdit(fix.edit, uri, TEXT, 1);
    assert.doesNotMatch(fixed, /type=cache/);
    assert.match(fixed, /type=bind/);
    assert.match(fixed, /"UV_CACHE_DIR": "\/uvcache"/);
    assert.match(fixed, /\/\/ the uv cache, shared with the host/);
    assert.ok(actions.some((a) => a.title === 'Ignore CM101 for this line'));

    const edits = (fix.edit!.documentChanges as TextDocumentEdit[])[0]!.edits as TextEdit[];
    await client.change(uri, editsToChanges(edits));
    assert.equal(client.text(uri), fixed);
    assert.deepEqual(diagnosticsWithCode(await client.diagnosticsFor(uri), 'CM101'), []);
  });

  test('the "Ignore CM101" action writes a `//` comment the next analysis honours', async () => {
    const uri = 'file:///work/other/.devcontainer.json';
    await client.open(uri, 'jsonc', TEXT);
    const d = diagnosticsWithCode(await client.diagnosticsFor(uri), 'CM101')[0];
    assert.ok(d);
    const actions = (await client.codeActions(uri, d.range, { diagnostics: [d] })) ?? [];
    const ignore = actions.find((a) => a.title === 'Ignore CM101 for this line');
    assert.ok(ignore);
    const ignored = applyWorkspaceEdit(ignore.edit, uri, TEXT, 1);
    assert.match(ignored, /\n {2}\/\/ cache-mounts-ignore CM101\n {2}"mounts"/);
    const edits = (ignore.edit!.documentChanges as TextDocumentEdit[])[0]!.edits as TextEdit[];
    await client.change(uri, editsToChanges(edits));
    assert.deepEqual(diagnosticsWithCode(await client.diagnosticsFor(uri), 'CM101'), []);
  });

  test('hover on a devcontainer mount explains it', async () => {
    const uri = 'file:///work/hover/.devcontainer/devcontainer.json';
    await client.open(uri, 'jsonc', TEXT);
    const position = client.positionOf(uri, 'target=/root', 3);
    const hover = await client.hover(uri, position);
    assert.ok(hover, 'expected a hover on the mount string');
    const contents = hover.contents as MarkupContent;
    assert.equal(contents.kind, 'markdown');
    assert.match(contents.value, /\/root\/\.cache\/uv/);
    assert.ok(hover.range && hover.range.start.line === 3, JSON.stringify(hover.range));
    assert.equal(await client.hover(uri, client.positionOf(uri, '"name"', 2)), null);
  });

  test('a devcontainer.json is analysed whatever its language id, on non-file URIs too', async () => {
    for (const [uri, languageId] of [
      ['vscode-vfs://github/org/repo/.devcontainer.json', 'json'],
      ['untitled:/scratch/devcontainer.json', 'plaintext'],
    ] as const) {
      await client.open(uri, languageId, TEXT);
      assert.equal(diagnosticsWithCode(await client.diagnosticsFor(uri), 'CM101').length, 1, uri);
    }
  });

  test('shutdown and exit end the process with code 0', async () => {
    assert.equal(await client.shutdown(), 0);
  });
});
