// Rename never writes through a link out of the workspace (issue 12 item 4): a Dockerfile in the
// workspace folder that is a symbolic link to a file outside it is not indexed, so renaming an id the
// outside file shares edits only the files inside the folder.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LspTestClient, vscodeLikeCapabilities, withTimeout } from '../helpers/lsp-client';
import { makeTempDir, removeDir } from '../cli/cli-helpers';

const TEXT = 'FROM python:3.12-slim\nRUN --mount=type=cache,id=uv-shared,target=/root/.cache/uv uv sync\n';

describe('rename and links', () => {
  let root = '';
  let client: LspTestClient;
  before(async () => {
    root = makeTempDir('rename-links');
    mkdirSync(join(root, 'ws/api'), { recursive: true });
    mkdirSync(join(root, 'ws/worker'), { recursive: true });
    mkdirSync(join(root, 'outside'), { recursive: true });
    writeFileSync(join(root, 'ws/api/Dockerfile'), TEXT);
    writeFileSync(join(root, 'ws/worker/Dockerfile'), TEXT);
    writeFileSync(join(root, 'outside/Dockerfile'), TEXT);
    symlinkSync(join(root, 'outside/Dockerfile'), join(root, 'ws/linked.Dockerfile'));
    client = LspTestClient.start({ dockerCacheMounts: {} });
    const caps = vscodeLikeCapabilities();
    caps.workspace = { ...caps.workspace, workspaceFolders: true };
    caps.textDocument = { ...caps.textDocument, rename: { prepareSupport: true } };
    await withTimeout(
      client.connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: null,
        capabilities: caps,
        workspaceFolders: [{ uri: pathToFileURL(join(root, 'ws')).href, name: 'ws' }],
      }),
      'initialize',
    );
    await client.connection.sendNotification('initialized', {});
    await client.logMessage((m) => /^workspace index ready: (\d+) files/.test(m), 'workspace index ready', 20_000);
  });
  after(async () => {
    await client.shutdown();
    removeDir(root);
  });

  test('the rename edits the two files in the folder, not the link to the outside file', async () => {
    const uri = pathToFileURL(join(root, 'ws/api/Dockerfile')).href;
    await client.open(uri, 'dockerfile', TEXT);
    const position = client.positionOf(uri, 'uv-shared', 2);
    const edit = await withTimeout(
      client.connection.sendRequest<WorkspaceEdit>('textDocument/rename', {
        textDocument: { uri },
        position,
        newName: 'uv-cache',
      }),
      'rename',
    );
    const uris = ((edit.documentChanges ?? []) as TextDocumentEdit[]).map((c) => c.textDocument.uri).sort();
    assert.deepEqual(uris, [uri, pathToFileURL(join(root, 'ws/worker/Dockerfile')).href].sort());
  });
});
