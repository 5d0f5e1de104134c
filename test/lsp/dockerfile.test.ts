// The bundled server over stdio, driven like an editor drives it: Dockerfile diagnostics, quick
// fixes applied to the text, fix-all, hover, incremental changes, stale requests, settings, shutdown.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type {
  CodeAction,
  Diagnostic,
  MarkupContent,
  Range,
  TextDocumentEdit,
  TextEdit,
} from 'vscode-languageserver-protocol';
import { fixAll } from '../../server/src/core/engine';
import { normalizeSettings } from '../../server/src/core/settings';
import { applyWorkspaceEdit, diagnosticsWithCode, editsToChanges, LspTestClient } from '../helpers/lsp-client';

const TEXT = 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n';
const FIXED = 'FROM python:3.12\nRUN --mount=type=cache,id=uv-cache,target=/root/.cache/uv uv sync\n';
const SEVERITY_HINT = 4;

let counter = 0;
/** A fresh document per test, so tests do not depend on each other's edits. */
function newUri(): string {
  return `file:///work/project-${++counter}/Dockerfile`;
}

function onlyCm001(diagnostics: Diagnostic[]): Diagnostic {
  const found = diagnostics.filter((d) => d.code === 'CM001');
  assert.equal(found.length, 1, `expected one CM001, got ${JSON.stringify(diagnostics)}`);
  return found[0]!;
}

function editsOf(action: CodeAction): TextEdit[] {
  const changes = action.edit?.documentChanges as TextDocumentEdit[] | undefined;
  assert.ok(changes && changes.length === 1, `expected one TextDocumentEdit in ${JSON.stringify(action.edit)}`);
  return changes[0]!.edits;
}

function versionOf(action: CodeAction): number | null {
  return (action.edit?.documentChanges as TextDocumentEdit[])[0]!.textDocument.version;
}

describe('LSP server: Dockerfile', () => {
  let client: LspTestClient;
  const settings = { dockerCacheMounts: {} };

  before(() => {
    client = LspTestClient.start(settings);
  });
  after(() => client.kill());

  test('initialize announces incremental sync, quick fixes, fix-all and hover', async () => {
    const result = await client.initialize();
    const caps = result.capabilities;
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2 });
    assert.ok(caps.hoverProvider);
    assert.deepEqual(caps.codeActionProvider, {
      codeActionKinds: ['quickfix', 'source.fixAll.dockerCacheMounts'],
      resolveProvider: false,
    });
  });

  test('didOpen publishes CM001 on `type=cache` with version, code, doc link and severity; data holds the version only', async () => {
    const uri = newUri();
    await client.open(uri, 'dockerfile', TEXT);
    const published = await client.diagnosticsFor(uri);
    assert.equal(published.version, 1);
    const d = onlyCm001(published.diagnostics);
    assert.equal(client.textAt(uri, d.range), 'type=cache');
    assert.deepEqual(d.range, { start: { line: 1, character: 12 }, end: { line: 1, character: 22 } });
    assert.equal(d.severity, SEVERITY_HINT);
    assert.equal(d.source, 'docker-cache-mounts');
    assert.match(d.codeDescription!.href, /\/docs\/rules\/CM001\.md$/);
    assert.match(d.message, /\/root\/\.cache\/uv/);
    // The fixes come from code actions, computed on the current text; data only says which version this is.
    assert.deepEqual(d.data, { version: 1 });
  });

  test('the preferred quick fix inserts `,id=uv-cache` after `type=cache`; applied as a change, CM001 goes away', async () => {
    const uri = newUri();
    await client.open(uri, 'dockerfile', TEXT);
    const d = onlyCm001((await client.diagnosticsFor(uri)).diagnostics);
    const actions = (await client.codeActions(uri, d.range, { diagnostics: [d] })) ?? [];
    const preferred = actions.filter((a) => a.isPreferred);
    assert.equal(preferred.length, 1, JSON.stringify(actions));
    const fix = preferred[0]!;
    assert.equal(fix.title, 'Add id=uv-cache');
    assert.equal(fix.kind, 'quickfix');
    assert.deepEqual(fix.diagnostics, [d]);
    assert.equal(versionOf(fix), 1);
    assert.equal(applyWorkspaceEdit(fix.edit, uri, client.text(uri), 1), FIXED);

    // The editor applies the edit as an incremental change; the server re-publishes for version 2.
    await client.change(uri, editsToChanges(editsOf(fix)));
    assert.equal(client.text(uri), FIXED);
    const after = await client.diagnosticsFor(uri);
    assert.equal(after.version, 2);
    assert.deepEqual(diagnosticsWithCode(after, 'CM001'), []);
  });

  test('a quick-fix request that carries none of our diagnostics still gets the fixes of the finding at its range', async () => {
    // VS Code can ask while it replaces the diagnostics it shows: the squiggle is there, the context is empty.
    const uri = newUri();
    await client.open(uri, 'dockerfile', TEXT);
    const d = onlyCm001((await client.diagnosticsFor(uri)).diagnostics);
    const atFinding = (await client.codeActions(uri, d.range, { diagnostics: [] })) ?? [];
    const preferred = atFinding.filter((a) => a.isPreferred);
    assert.deepEqual(
      preferred.map((a) => a.title),
      ['Add id=uv-cache'],
    );
    assert.equal(applyWorkspaceEdit(preferred[0]!.edit, uri, client.text(uri), 1), FIXED);
    assert.equal(preferred[0]!.diagnostics?.[0]?.code, 'CM001');
    // Elsewhere (the FROM line), nothing.
    const from = { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } };
    assert.deepEqual(await client.codeActions(uri, from, { diagnostics: [] }), []);
  });

  test('"Ignore CM001 for this line" writes `# cache-mounts-ignore CM001` above the RUN, which silences it', async () => {
    const uri = newUri();
    await client.open(uri, 'dockerfile', TEXT);
    const d = onlyCm001((await client.diagnosticsFor(uri)).diagnostics);
    const actions = (await client.codeActions(uri, d.range, { diagnostics: [d] })) ?? [];
    const ignore = actions.find((a) => a.title === 'Ignore CM001 for this line');
    assert.ok(ignore, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(ignore.kind, 'quickfix');
    assert.notEqual(ignore.isPreferred, true);
    const ignored = applyWorkspaceEdit(ignore.edit, uri, client.text(uri), 1);
    assert.equal(
      ignored,
      'FROM python:3.12\n# cache-mounts-ignore CM001\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n',
    );
    await client.change(uri, editsToChanges(editsOf(ignore)));
    assert.deepEqual(diagnosticsWithCode(await client.diagnosticsFor(uri), 'CM001'), []);
  });

  test("source.fixAll returns one minimal versioned edit equal to the engine's fix-all, and then nothing", async () => {
    const uri = newUri();
    await client.open(uri, 'dockerfile', TEXT);
    await client.diagnosticsFor(uri);
    const range: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const actions = (await client.codeActions(uri, range, { diagnostics: [], only: ['source.fixAll'] })) ?? [];
    assert.deepEqual(
      actions.map((a) => a.kind),
      ['source.fixAll.dockerCacheMounts'],
    );
    const action = actions[0]!;
    assert.equal(versionOf(action), 1);
    const edits = editsOf(action);
    assert.equal(edits.length, 1);
    const expected = fixAll(TEXT, uri, 'dockerfile', normalizeSettings({}).settings).text;
    assert.match(expected, /id=uv-cache/);
    assert.equal(applyWorkspaceEdit(action.edit, uri, TEXT, 1), expected);
    assert.ok(
      edits[0]!.newText.length < expected.length,
      'the edit should carry only the changed middle, not the whole file',
    );

    await client.change(uri, editsToChanges(edits));
    await client.diagnosticsFor(uri);
    const again =
      (await client.codeActions(uri, range, { diagnostics: [], only: ['source.fixAll.dockerCacheMounts'] })) ?? [];
    assert.deepEqual(again, [], 'fix-all of fixed text must offer nothing');
  });

  test('hover on the cache mount shows its cache key card; FROM the image card; the command nothing', async () => {
    const uri = newUri();
    await client.open(uri, 'dockerfile', TEXT);
    const hover = await client.hover(uri, client.positionOf(uri, 'type=cache', 3));
    assert.ok(hover, 'expected a hover on the mount');
    const contents = hover.contents as MarkupContent;
    assert.equal(contents.kind, 'markdown');
    assert.match(contents.value, /cache (key|id)/i);
    assert.match(contents.value, /implicit/i, 'an id-less mount is keyed by its target');
    assert.match(contents.value, /\/root\/\.cache\/uv/);
    assert.ok(hover.range);
    assert.ok(client.textAt(uri, hover.range).includes('type=cache'));
    const from = await client.hover(uri, { line: 0, character: 2 });
    assert.match(JSON.stringify(from?.contents ?? ''), /Base image/, 'FROM shows the image card');
    assert.equal(await client.hover(uri, { line: 1, character: 49 }), null, 'the command part has no card');
  });

  test('the diagnostic is one short sentence; its why (the detail) and rule page are in the hover over it', async () => {
    const uri = newUri();
    await client.open(uri, 'dockerfile', TEXT);
    const published = await client.diagnosticsFor(uri);
    const cm001 = diagnosticsWithCode(published, 'CM001')[0];
    assert.ok(cm001, 'CM001 is published');
    assert.ok(cm001.message.length <= 120 && !cm001.message.includes('\n'), cm001.message);
    const hover = await client.hover(uri, cm001.range.start);
    const value = (hover?.contents as MarkupContent | undefined)?.value ?? '';
    // The detail's wording depends on what else the server has indexed (a cross-file split reads otherwise):
    // what matters is that the hover carries more than the one-sentence message.
    const detail = /\*\*CM001 missing-cache-id\*\*: ([\s\S]*?) \(\[rule page\]/.exec(value)?.[1] ?? '';
    assert.ok(detail.length > cm001.message.length, `the hover gives the detail, not the message: ${value}`);
    assert.match(detail, /id=uv-cache/);
    assert.match(value, /\(\[rule page\]\(https:\/\/[^)]*\/docs\/rules\/CM001\.md\)\)/);
    assert.ok(value.indexOf('CM001 missing-cache-id') < value.indexOf('---'), 'the finding first, then the card');
  });

  test('hover on `ENV UV_CACHE_DIR` explains the variable the mounts depend on', async () => {
    const uri = newUri();
    await client.open(
      uri,
      'dockerfile',
      'FROM python:3.12\nENV UV_CACHE_DIR=/cache/uv\nRUN --mount=type=cache,id=uv-cache,target=/cache/uv uv sync\n',
    );
    const hover = await client.hover(uri, client.positionOf(uri, 'UV_CACHE_DIR', 2));
    assert.ok(hover, 'expected a hover on ENV UV_CACHE_DIR');
    const contents = hover.contents as MarkupContent;
    assert.equal(contents.kind, 'markdown');
    assert.match(contents.value, /UV_CACHE_DIR/);
    assert.match(contents.value, /\/cache\/uv/);
  });

  test('incremental didChange (several changes in one notification) re-publishes at the shifted range', async () => {
    const uri = newUri();
    await client.open(uri, 'dockerfile', TEXT);
    await client.diagnosticsFor(uri);
    const version = await client.change(uri, [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        text: '# syntax=docker/dockerfile:1\n',
      },
      { range: { start: { line: 2, character: 53 }, end: { line: 2, character: 53 } }, text: ' --locked' },
    ]);
    assert.equal(
      client.text(uri),
      '# syntax=docker/dockerfile:1\nFROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/uv uv sync --locked\n',
    );
    const published = await client.diagnosticsFor(uri);
    assert.equal(published.version, version);
    const d = onlyCm001(published.diagnostics);
    assert.deepEqual(d.range, { start: { line: 2, character: 12 }, end: { line: 2, character: 22 } });
    assert.equal((d.data as { version: number }).version, version);
  });

  test('a code action asked with diagnostics of an older version is recomputed on the current text', async () => {
    const uri = newUri();
    await client.open(uri, 'dockerfile', TEXT);
    const stale = onlyCm001((await client.diagnosticsFor(uri)).diagnostics);
    // Version 2 moves the RUN down a line; the editor still holds the version-1 diagnostic.
    await client.change(uri, [
      { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'ARG APP=demo\n' },
    ]);
    const current = client.text(uri);
    const where = client.positionOf(uri, 'type=cache', 1);
    const actions = (await client.codeActions(uri, { start: where, end: where }, { diagnostics: [stale] })) ?? [];
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(versionOf(fix), 2);
    assert.equal(
      applyWorkspaceEdit(fix.edit, uri, current, 2),
      current.replace('type=cache', 'type=cache,id=uv-cache'),
    );
    for (const d of fix.diagnostics ?? []) assert.equal((d.data as { version: number }).version, 2);
    for (const a of actions) assert.equal(versionOf(a), 2);

    // Version 3 fixes the mount: the old diagnostic no longer refers to anything.
    const afterType = client.positionOf(uri, 'type=cache', 'type=cache'.length);
    await client.change(uri, [{ range: { start: afterType, end: afterType }, text: ',id=uv-cache' }]);
    assert.match(client.text(uri), /type=cache,id=uv-cache,target/);
    const gone = (await client.codeActions(uri, { start: where, end: where }, { diagnostics: [stale] })) ?? [];
    assert.deepEqual(
      gone.filter((a) => a.kind === 'quickfix' && /CM001|id=uv-cache/.test(a.title)),
      [],
    );
    for (const a of gone) assert.equal(versionOf(a), 3);
  });

  test('configuration change: CM001 off removes it live, a bad value is logged by key, uvCacheId renames the fix', async () => {
    const uri = newUri();
    await client.open(uri, 'dockerfile', TEXT);
    onlyCm001((await client.diagnosticsFor(uri)).diagnostics);

    const off = client.nextDiagnostics(
      uri,
      (p) => diagnosticsWithCode(p, 'CM001').length === 0,
      'diagnostics without CM001',
    );
    await client.changeSettings({ dockerCacheMounts: { rules: { CM001: 'off' }, uvCacheDir: 'relative/dir' } });
    await off;
    const warning = await client.logMessage(
      (m) => m.includes('dockerCacheMounts.uvCacheDir'),
      'a log line naming dockerCacheMounts.uvCacheDir',
    );
    assert.equal(warning.type, 2 /* Warning */);

    const renamed = client.nextDiagnostics(uri, (p) => diagnosticsWithCode(p, 'CM001').length === 1, 'CM001 back');
    await client.changeSettings({ dockerCacheMounts: { uvCacheId: 'team-uv' } });
    const d = onlyCm001((await renamed).diagnostics);
    const actions = (await client.codeActions(uri, d.range, { diagnostics: [d] })) ?? [];
    assert.equal(
      applyWorkspaceEdit(actions.find((a) => a.isPreferred)!.edit, uri, TEXT, 1),
      TEXT.replace('type=cache', 'type=cache,id=team-uv'),
    );

    const restored = client.nextDiagnostics(uri, (p) => diagnosticsWithCode(p, 'CM001').length === 1, 'CM001 again');
    await client.changeSettings({ dockerCacheMounts: {} });
    const again = onlyCm001((await restored).diagnostics);
    const back = (await client.codeActions(uri, again.range, { diagnostics: [again] })) ?? [];
    assert.equal(back.find((a) => a.isPreferred)?.title, 'Add id=uv-cache', 'default settings back');
    assert.ok(
      client.configurationRequests.some((r) => r.section === 'dockerCacheMounts' && r.scopeUri === uri),
      'settings are pulled per document',
    );
  });

  test('the log level setting turns debug logging on', async () => {
    // At the default level (info) no debug line was written for the documents opened so far.
    assert.equal(client.logs.filter((l) => l.message.startsWith('analysing ')).length, 0);
    const uri = newUri();
    const debugLine = client.logMessage((m) => m.startsWith(`analysing ${uri} v1`), 'a debug line about the analysis');
    await client.changeSettings({ dockerCacheMounts: { server: { logLevel: 'debug' } } });
    await client.open(uri, 'dockerfile', TEXT);
    await client.diagnosticsFor(uri);
    await debugLine;
    await client.changeSettings({ dockerCacheMounts: {} });
  });

  test('documents the server does not know or does not analyse get empty answers', async () => {
    const unknown = 'file:///nowhere/Dockerfile';
    const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    assert.deepEqual(await client.codeActions(unknown, zero, { diagnostics: [] }), []);
    assert.equal(await client.hover(unknown, zero.start), null);
    const notes = 'file:///work/notes.txt';
    await client.open(notes, 'plaintext', 'RUN --mount=type=cache,target=/root/.cache/uv uv sync\n');
    assert.deepEqual(await client.codeActions(notes, zero, { diagnostics: [] }), []);
    assert.equal(await client.hover(notes, { line: 0, character: 15 }), null);
    assert.deepEqual(client.publishedFor(notes), []);
  });

  test('closing a document clears its diagnostics', async () => {
    const uri = newUri();
    await client.open(uri, 'dockerfile', TEXT);
    await client.diagnosticsFor(uri);
    const cleared = client.nextDiagnostics(uri, (p) => p.diagnostics.length === 0, 'empty diagnostics after close');
    await client.close(uri);
    await cleared;
  });

  test('shutdown and exit end the process with code 0', async () => {
    assert.equal(await client.shutdown(), 0);
    assert.doesNotMatch(client.stderr, /Error/);
  });
});
