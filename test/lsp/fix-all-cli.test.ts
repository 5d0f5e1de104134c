// One fix loop, over the protocol: the real server's source.fixAll, run on each document of a workspace
// in turn and saved (as a user with fix-on-save), leaves the same text as `check --fix` on a copy of the
// same folder. Both apply safe fixes only.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { applyTextEdits, LspTestClient, vscodeLikeCapabilities, withTimeout } from '../helpers/lsp-client';
import { FIX_WORKSPACE_FILES } from '../helpers/fix-workspace';
import { captureIO, makeTempDir, removeDir, writeTree } from '../cli/cli-helpers';
import { runCli } from '../../server/src/cli/run';

const READY = /^workspace index ready: (\d+) files/;
const NAMES = Object.keys(FIX_WORKSPACE_FILES);

function editsOf(action: CodeAction): TextEdit[] {
  const changes = (action.edit?.documentChanges ?? []) as TextDocumentEdit[];
  return changes.flatMap((c) => c.edits as TextEdit[]);
}

describe("the server's source.fixAll and check --fix give the same text", () => {
  let editorDir = '';
  let cliDir = '';
  let client: LspTestClient;
  before(async () => {
    editorDir = makeTempDir('fixall-editor');
    cliDir = makeTempDir('fixall-cli');
    writeTree(editorDir, { ...FIX_WORKSPACE_FILES });
    writeTree(cliDir, { ...FIX_WORKSPACE_FILES });
    client = LspTestClient.start({ dockerCacheMounts: {} });
    const caps = vscodeLikeCapabilities();
    caps.workspace = {
      ...caps.workspace,
      workspaceFolders: true,
      didChangeWatchedFiles: { dynamicRegistration: true },
    };
    await withTimeout(
      client.connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: null,
        capabilities: caps,
        workspaceFolders: [{ uri: pathToFileURL(editorDir).href, name: 'ws' }],
      }),
      'initialize',
    );
    await client.connection.sendNotification('initialized', {});
    await client.logMessage((m) => READY.test(m), 'workspace index ready', 20_000);
  });
  after(async () => {
    await client.shutdown();
    removeDir(editorDir);
    removeDir(cliDir);
  });

  test('fix-all on save, file by file, equals check --fix on the folder', async () => {
    for (const name of NAMES) {
      const path = join(editorDir, name);
      const uri = pathToFileURL(path).href;
      const text = readFileSync(path, 'utf8');
      await client.open(uri, 'dockerfile', text);
      await client.diagnosticsFor(uri);
      const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      const actions = (await client.codeActions(uri, range, { diagnostics: [], only: ['source.fixAll'] })) ?? [];
      const fixed = actions.length ? applyTextEdits(text, editsOf(actions[0]!)) : text;
      // Saved: on disk and in the index, so the next document's fix-all sees it.
      writeFileSync(path, fixed);
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
      await client.close(uri);
    }
    const io = captureIO();
    runCli(['check', '--fix', '--fail-level', 'none', cliDir], io);
    for (const name of NAMES) {
      assert.equal(readFileSync(join(editorDir, name), 'utf8'), readFileSync(join(cliDir, name), 'utf8'), name);
    }
    assert.notEqual(
      readFileSync(join(cliDir, 'api/Dockerfile'), 'utf8'),
      FIX_WORKSPACE_FILES['api/Dockerfile'],
      'something was fixed',
    );
  });
});
