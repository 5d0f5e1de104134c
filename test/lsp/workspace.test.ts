// The workspace as one cache graph, over the protocol: the server indexes the workspace folders in
// the background (files.exclude honoured), and answers cross-file CM002 with relatedInformation,
// references, rename (a WorkspaceEdit across files), completion, inlay hints, document links and
// workspace hovers. A request on an open document answers while a large workspace still indexes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  ClientCapabilities,
  CompletionItem,
  DocumentLink,
  InlayHint,
  Location,
  MarkupContent,
  Position,
  Range,
  TextDocumentEdit,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import {
  applyTextEdits,
  diagnosticsWithCode,
  LspTestClient,
  REPO_ROOT,
  vscodeLikeCapabilities,
  withTimeout,
} from '../helpers/lsp-client';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'workspace');
const uriOf = (path: string) => pathToFileURL(path).href;
const API = join(FIXTURES, 'api', 'Dockerfile');
const WORKER = join(FIXTURES, 'worker', 'Dockerfile');
const CI = join(FIXTURES, 'worker', 'docker', 'ci.Dockerfile');
const DEVCONTAINER = join(FIXTURES, 'api', '.devcontainer', 'devcontainer.json');
const EXCLUDED = join(FIXTURES, 'tools', 'excluded', 'Dockerfile');
const READY = /^workspace index ready: (\d+) files/;

function capabilities(): ClientCapabilities {
  const caps = vscodeLikeCapabilities();
  caps.workspace = { ...caps.workspace, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } };
  caps.textDocument = {
    ...caps.textDocument,
    rename: { prepareSupport: true },
    inlayHint: {},
    documentLink: {},
    completion: {},
  };
  return caps;
}

/** Starts a server on these workspace folders and waits until the walk is done. */
async function startOn(folders: string[], settings: Record<string, unknown>, waitReady = true): Promise<LspTestClient> {
  const client = LspTestClient.start(settings);
  await withTimeout(
    client.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: capabilities(),
      workspaceFolders: folders.map((f) => ({ uri: uriOf(f), name: f.split('/').pop() })),
    }),
    'initialize',
  );
  await client.connection.sendNotification('initialized', {});
  if (waitReady) await readyLog(client, 30_000);
  return client;
}

/** The "workspace index ready" log line (polled: a large walk takes longer than the helper's timeout). */
async function readyLog(client: LspTestClient, ms: number): Promise<{ message: string }> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = client.logs.find((l) => READY.test(l.message));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no "workspace index ready" log within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function openFile(client: LspTestClient, path: string): Promise<string> {
  const uri = uriOf(path);
  await client.open(uri, path.endsWith('.json') ? 'jsonc' : 'dockerfile', readFileSync(path, 'utf8'));
  return uri;
}

function request<T>(client: LspTestClient, method: string, params: unknown): Promise<T> {
  return withTimeout(client.connection.sendRequest<T>(method, params), method);
}

/** The text of a single-line range. */
function textAt(text: string, range: Range): string {
  assert.equal(range.start.line, range.end.line);
  return text.split('\n')[range.start.line]!.slice(range.start.character, range.end.character);
}

function positionIn(text: string, needle: string, delta = 1): Position {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, needle);
  const before = text.slice(0, offset + delta).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

describe('LSP server: the workspace index over fixture folders', () => {
  let client: LspTestClient;
  const settings = { dockerCacheMounts: {}, 'files.exclude': { '**/excluded': true } };

  before(async () => {
    client = await startOn([join(FIXTURES, 'api'), join(FIXTURES, 'worker'), join(FIXTURES, 'tools')], settings);
  });
  after(() => client.kill());

  test('the walk indexed the folders, without the excluded folder', async () => {
    const ready = await client.logMessage((m) => READY.test(m), 'ready');
    // api: Dockerfile + devcontainer.json; worker: Dockerfile + ci.Dockerfile; tools: Containerfile.
    assert.equal(READY.exec(ready.message)![1], '5');
  });

  test('cross-file CM002 on the implicit-id mount, with relatedInformation into the other files', async () => {
    const uri = await openFile(client, WORKER);
    const published = await client.diagnosticsFor(uri);
    const cm002 = diagnosticsWithCode(published, 'CM002');
    assert.equal(cm002.length, 1, JSON.stringify(published.diagnostics));
    const d = cm002[0]!;
    assert.match(d.message, /split across files/);
    assert.equal(client.textAt(uri, d.range), 'target=/root/.cache/uv');
    const related = d.relatedInformation ?? [];
    assert.deepEqual(related.map((r) => r.location.uri).sort(), [uriOf(API), uriOf(CI)].sort());
    const apiRelated = related.find((r) => r.location.uri === uriOf(API))!;
    assert.equal(textAt(readFileSync(API, 'utf8'), apiRelated.location.range), 'id=uv-cache');
    assert.ok(!related.some((r) => r.location.uri === uriOf(EXCLUDED)));
    await client.close(uri);
  });

  test('Find All References on id=uv-cache: every file using it, the excluded one left out', async () => {
    const uri = await openFile(client, API);
    const text = client.text(uri);
    const refs = await request<Location[]>(client, 'textDocument/references', {
      textDocument: { uri },
      position: positionIn(text, 'uv-cache'),
      context: { includeDeclaration: true },
    });
    assert.deepEqual(refs.map((r) => r.uri).sort(), [uriOf(API), uriOf(CI)].sort());
    for (const r of refs) assert.equal(textAt(readFileSync(r.uri === uri ? API : CI, 'utf8'), r.range), 'uv-cache');
    // On the target of a mount without id=: the implicit id's references (only worker/Dockerfile).
    const worker = await openFile(client, WORKER);
    const implicit = await request<Location[]>(client, 'textDocument/references', {
      textDocument: { uri: worker },
      position: positionIn(client.text(worker), '/root/.cache/uv'),
      context: { includeDeclaration: true },
    });
    assert.deepEqual(
      implicit.map((r) => r.uri),
      [worker],
    );
    await client.close(worker);
    await client.close(uri);
  });

  test('Rename id=uv-cache: one WorkspaceEdit across files (open file versioned, others not)', async () => {
    const uri = await openFile(client, API);
    const text = client.text(uri);
    const position = positionIn(text, 'uv-cache');
    const prepared = await request<{ range: Range; placeholder: string }>(client, 'textDocument/prepareRename', {
      textDocument: { uri },
      position,
    });
    assert.equal(prepared.placeholder, 'uv-cache');
    assert.equal(client.textAt(uri, prepared.range), 'uv-cache');
    const edit = await request<WorkspaceEdit>(client, 'textDocument/rename', {
      textDocument: { uri },
      position,
      newName: 'uv-shared',
    });
    const changes = (edit.documentChanges ?? []) as TextDocumentEdit[];
    assert.deepEqual(
      changes.map((c) => [c.textDocument.uri, c.textDocument.version]).sort(),
      [
        [uriOf(API), 1],
        [uriOf(CI), null],
      ].sort(),
    );
    const ci = changes.find((c) => c.textDocument.uri === uriOf(CI))!;
    const renamedCi = applyTextEdits(readFileSync(CI, 'utf8'), ci.edits);
    assert.equal(renamedCi, readFileSync(CI, 'utf8').replace('id=uv-cache', 'id=uv-shared'));
    const own = changes.find((c) => c.textDocument.uri === uriOf(API))!;
    assert.equal(applyTextEdits(text, own.edits as TextEdit[]), text.replace('id=uv-cache', 'id=uv-shared'));
    await client.close(uri);
  });

  test('Rename refuses an invalid id with a clear message, and a position that is not an id', async () => {
    const uri = await openFile(client, API);
    const text = client.text(uri);
    await assert.rejects(
      request(client, 'textDocument/rename', {
        textDocument: { uri },
        position: positionIn(text, 'uv-cache'),
        newName: 'uv cache',
      }),
      /Cannot rename the cache id: 'uv cache' is not a valid cache id/,
    );
    await assert.rejects(
      request(client, 'textDocument/prepareRename', { textDocument: { uri }, position: positionIn(text, 'python') }),
      /Rename works on a cache id/,
    );
    await client.close(uri);
  });

  test('Rename an implicit id (on the target): id= is inserted, the target stays', async () => {
    const uri = await openFile(client, WORKER);
    const text = client.text(uri);
    const edit = await request<WorkspaceEdit>(client, 'textDocument/rename', {
      textDocument: { uri },
      position: positionIn(text, '/root/.cache/uv'),
      newName: 'uv-cache',
    });
    const changes = (edit.documentChanges ?? []) as TextDocumentEdit[];
    assert.deepEqual(
      changes.map((c) => c.textDocument.uri),
      [uri],
    );
    assert.equal(
      applyTextEdits(text, changes[0]!.edits as TextEdit[]),
      text.replace('type=cache,target=/root/.cache/uv', 'type=cache,id=uv-cache,target=/root/.cache/uv'),
    );
    await client.close(uri);
  });

  test("completion inside --mount=: workspace ids, sharing values, keys, the tool's target", async () => {
    const uri = uriOf(join(FIXTURES, 'api', 'scratch.Dockerfile')); // open only, never on disk
    const text =
      'FROM python:3.12-slim\nENV UV_CACHE_DIR=/opt/uv\nRUN --mount=type=cache,id= uv sync\nRUN --mount=type=cache,sharing= apt-get update\nRUN --mount=type=cache, uv sync\nRUN --mount=type=cache,target= uv sync\n';
    await client.open(uri, 'dockerfile', text);
    const complete = (needle: string, delta: number) =>
      request<CompletionItem[]>(client, 'textDocument/completion', {
        textDocument: { uri },
        position: positionIn(text, needle, delta),
      });
    const ids = (await complete('id= uv', 3)).map((c) => c.label);
    assert.equal(ids[0], 'uv-cache');
    for (const id of ['pip-cache', 'apt-cache']) assert.ok(ids.includes(id), `${id} in ${ids.join(',')}`);
    const sharing = await complete('sharing= apt', 8);
    assert.deepEqual(
      sharing.map((c) => c.label),
      ['shared', 'private', 'locked'],
    );
    const keys = (await complete('cache, uv', 6)).map((c) => c.label);
    assert.ok(keys.includes('target') && keys.includes('id') && !keys.includes('type'), keys.join(','));
    const targets = await complete('target= uv', 7);
    assert.deepEqual(
      targets.map((c) => c.label),
      ['/opt/uv'],
    );
    assert.equal(
      targets[0]!.textEdit && 'range' in targets[0]!.textEdit ? targets[0]!.textEdit.range.start.line : -1,
      5,
    );
    await client.close(uri);
  });

  test('inlay hints show the implicit id; the setting turns them off', async () => {
    const uri = await openFile(client, WORKER);
    const range = { start: { line: 0, character: 0 }, end: { line: 10, character: 0 } };
    const hints = await request<InlayHint[]>(client, 'textDocument/inlayHint', { textDocument: { uri }, range });
    assert.deepEqual(
      hints.map((h) => [h.label, h.position]),
      [['id=/root/.cache/uv', { line: 3, character: 'RUN --mount=type=cache,target=/root/.cache/uv'.length }]],
    );
    await client.changeSettings({ ...settings, dockerCacheMounts: { inlayHints: { implicitId: false } } });
    const off = await request<InlayHint[]>(client, 'textDocument/inlayHint', { textDocument: { uri }, range });
    assert.deepEqual(off, []);
    await client.changeSettings(settings);
    assert.ok(
      !client.logs.some((l) => /inlayHints: unknown setting/.test(l.message)),
      'the editor-only key is not an analysis problem',
    );
    await client.close(uri);
  });

  test('devcontainer.json: a document link to build.dockerfile, and a hover relating its mount to the Dockerfile', async () => {
    const uri = await openFile(client, DEVCONTAINER);
    const links = await request<DocumentLink[]>(client, 'textDocument/documentLink', { textDocument: { uri } });
    assert.equal(links.length, 1);
    assert.equal(links[0]!.target, uriOf(API));
    assert.equal(client.textAt(uri, links[0]!.range), '../Dockerfile');
    const hover = await client.hover(uri, client.positionOf(uri, 'target=/root', 3));
    const md = (hover?.contents as MarkupContent).value;
    assert.match(md, /\*\*Its Dockerfile\*\* \[\.\.\/Dockerfile\]/);
    assert.match(md, /the same path as this mount, but a different storage/);
    await client.close(uri);
  });

  test('no document link out of the workspace: a devcontainer.json cannot probe the machine', async () => {
    const uri = uriOf(join(FIXTURES, 'api', '.devcontainer', 'probe', 'devcontainer.json'));
    const depth = '../'.repeat(FIXTURES.split('/').length + 5);
    await client.open(uri, 'jsonc', `{ "build": { "dockerfile": "${depth}etc/passwd" } }`);
    const links = await request<DocumentLink[]>(client, 'textDocument/documentLink', { textDocument: { uri } });
    assert.deepEqual(links, []);
    await client.close(uri);
  });

  test("hover on a Dockerfile cache mount: the workspace's sharing mounts and the devcontainer that builds it", async () => {
    const uri = await openFile(client, API);
    const hover = await client.hover(uri, client.positionOf(uri, '--mount', 2));
    const md = (hover?.contents as MarkupContent).value;
    assert.match(
      md,
      /\*\*Shares its cache with\*\*\n\n- \[\.\.\/worker\/docker\/ci\.Dockerfile:4\]\(file:\/\/.*ci\.Dockerfile#L4\)/,
    );
    assert.match(md, /\*\*Looks like the same cache but does not share it\*\*\n\n- \[\.\.\/worker\/Dockerfile:4\]/);
    assert.match(md, /\*\*Built by\*\* \[\.devcontainer\/devcontainer\.json\]/);
    await client.close(uri);
  });
});

describe('LSP server: the index follows the disk', () => {
  let client: LspTestClient;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dcm-ws-'));
    mkdirSync(join(dir, 'a'));
    mkdirSync(join(dir, 'node_modules', 'x'), { recursive: true });
    writeFileSync(join(dir, 'a', 'Dockerfile'), 'FROM x\nRUN --mount=type=cache,id=shared,target=/c make\n');
    writeFileSync(
      join(dir, 'node_modules', 'x', 'Dockerfile'),
      'FROM x\nRUN --mount=type=cache,id=shared,target=/c make\n',
    );
    writeFileSync(
      join(dir, 'big.Dockerfile'),
      `FROM x\nRUN --mount=type=cache,id=shared,target=/c make\n${'#'.repeat(1024 * 1024)}\n`,
    );
    client = await startOn([dir], { dockerCacheMounts: {} });
  });
  after(() => {
    client.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  async function referenceUris(uri: string): Promise<string[]> {
    const refs = await request<Location[]>(client, 'textDocument/references', {
      textDocument: { uri },
      position: positionIn(client.text(uri), 'shared'),
      context: { includeDeclaration: true },
    });
    return refs.map((r) => r.uri).sort();
  }

  async function until(what: string, check: () => Promise<boolean>): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  test('node_modules and files over 1 MB are skipped; watched creations and deletions update the index', async () => {
    const a = await openFile(client, join(dir, 'a', 'Dockerfile'));
    assert.deepEqual(await referenceUris(a), [a]);
    const b = join(dir, 'b.Dockerfile');
    writeFileSync(b, 'FROM x\nRUN --mount=type=cache,id=shared,target=/c make\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uriOf(b), type: 1 }],
    });
    await until('the created file in the references', async () => (await referenceUris(a)).length === 2);
    assert.deepEqual(await referenceUris(a), [a, uriOf(b)].sort());
    unlinkSync(b);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uriOf(b), type: 3 }],
    });
    await until('the deleted file out of the references', async () => (await referenceUris(a)).length === 1);
  });

  test('workspace folders added and removed are indexed and forgotten', async () => {
    const a = uriOf(join(dir, 'a', 'Dockerfile'));
    const extra = mkdtempSync(join(tmpdir(), 'dcm-ws2-'));
    try {
      writeFileSync(join(extra, 'Dockerfile'), 'FROM x\nRUN --mount=type=cache,id=shared,target=/c make\n');
      const folder = { uri: uriOf(extra), name: 'extra' };
      await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
        event: { added: [folder], removed: [] },
      });
      await until('the added folder in the references', async () =>
        (await referenceUris(a)).includes(uriOf(join(extra, 'Dockerfile'))),
      );
      await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
        event: { added: [], removed: [folder] },
      });
      await until(
        'the removed folder out of the references',
        async () => !(await referenceUris(a)).includes(uriOf(join(extra, 'Dockerfile'))),
      );
    } finally {
      rmSync(extra, { recursive: true, force: true });
    }
  });

  test("an edit in an open document reaches the other documents' cross-file results", async () => {
    const a = uriOf(join(dir, 'a', 'Dockerfile'));
    const other = uriOf(join(dir, 'other.Dockerfile'));
    await client.open(
      other,
      'dockerfile',
      'FROM x\nRUN --mount=type=cache,id=uv-cache,target=/root/.cache/uv uv sync\n',
    );
    await client.change(a, [
      {
        range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } },
        text: 'RUN --mount=type=cache,target=/root/.cache/uv uv sync\n',
      },
    ]);
    const published = await client.nextDiagnostics(
      other,
      (p) => diagnosticsWithCode(p, 'CM002').length > 0,
      'CM002 in the other document',
    );
    assert.equal(diagnosticsWithCode(published, 'CM002')[0]!.relatedInformation?.[0]?.location.uri, a);
  });
});

describe('LSP server: a large workspace never delays requests', () => {
  let client: LspTestClient;
  let dir: string;
  const COUNT = 2000;
  const RUNS = 8;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'dcm-big-'));
    const body = [
      '# syntax=docker/dockerfile:1',
      'FROM python:3.12-slim AS base',
      'ENV UV_LINK_MODE=copy PIP_DISABLE_PIP_VERSION_CHECK=1',
      'WORKDIR /app',
      ...Array.from(
        { length: RUNS },
        (_, i) =>
          `RUN --mount=type=cache,id=big-cache,target=/root/.cache/uv uv pip install --system pkg${i} && echo done${i}`,
      ),
      '',
    ].join('\n');
    for (let i = 0; i < COUNT; i++) {
      const sub = join(dir, `p${Math.floor(i / 100)}`);
      if (i % 100 === 0) mkdirSync(sub, { recursive: true });
      writeFileSync(join(sub, `app${i}.Dockerfile`), body);
    }
  });
  after(() => {
    client?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  test(`hover on an open document answers while ${COUNT} Dockerfiles are still being indexed`, async () => {
    client = await startOn([dir], { dockerCacheMounts: {} }, false);
    const uri = uriOf(join(dir, 'open.Dockerfile'));
    const text = 'FROM python:3.12-slim\nRUN --mount=type=cache,id=big-cache,target=/root/.cache/uv uv sync\n';
    await client.open(uri, 'dockerfile', text);
    const hover = await client.hover(uri, positionIn(text, '--mount', 2));
    const readyBeforeHover = client.logs.some((l) => READY.test(l.message));
    assert.ok(hover, 'the hover answered');
    assert.equal(readyBeforeHover, false, 'the hover had to wait for the whole workspace');
    // The walk does finish, and then every file is known.
    const ready = await readyLog(client, 120_000);
    assert.equal(READY.exec(ready.message)![1], String(COUNT + 1), ready.message);
    const refs = await request<Location[]>(client, 'textDocument/references', {
      textDocument: { uri },
      position: positionIn(text, 'big-cache'),
      context: { includeDeclaration: true },
    });
    assert.equal(refs.length, COUNT * RUNS + 1);
  });
});
