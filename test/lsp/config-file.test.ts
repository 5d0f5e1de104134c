// `.cache-mounts.json` through the protocol: read from the workspace folder root, its keys win over
// editor settings, edits reported by didChangeWatchedFiles change results live, bad files are named
// in the log and a warning message; hover on a code in an ignore comment shows the rule.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MarkupContent, ShowMessageParams } from 'vscode-languageserver-protocol';
import { diagnosticsWithCode, LspTestClient, vscodeLikeCapabilities } from '../helpers/lsp-client';
import { makeTempDir, removeDir } from '../cli/cli-helpers';

const TEXT = 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n';
const CHANGED = 2;

describe('LSP server: .cache-mounts.json', () => {
  let client: LspTestClient;
  let dir = '';
  let folderUri = '';
  const registrations: string[] = [];
  const shown: ShowMessageParams[] = [];

  const writeConfig = async (text: string) => {
    writeFileSync(join(dir, '.cache-mounts.json'), text);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: `${folderUri}/.cache-mounts.json`, type: CHANGED }],
    });
  };

  before(async () => {
    dir = makeTempDir('lsp-config');
    folderUri = pathToFileURL(dir).href;
    writeFileSync(join(dir, '.cache-mounts.json'), '{ "rules": { "CM001": "off" } }');
    // The editor turns CM001 to error and CM003 off; the file's CM001 entry wins, CM003 stays off.
    client = LspTestClient.start({ dockerCacheMounts: { rules: { CM001: 'error', CM003: 'off' } } });
    client.connection.onRequest('client/registerCapability', (p: { registrations: { method: string }[] }) => {
      registrations.push(...p.registrations.map((r) => r.method));
      return null;
    });
    client.connection.onNotification('window/showMessage', (p: ShowMessageParams) => shown.push(p));
    const capabilities = vscodeLikeCapabilities();
    capabilities.workspace!.didChangeWatchedFiles = { dynamicRegistration: true };
    capabilities.workspace!.workspaceFolders = true;
    await client.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folderUri,
      capabilities,
      workspaceFolders: [{ uri: folderUri, name: 'w' }],
    });
    await client.connection.sendNotification('initialized', {});
  });
  after(() => {
    client.kill();
    removeDir(dir);
  });

  test('the file applies on top of editor settings, and the server watches it', async () => {
    const uri = `${folderUri}/Dockerfile`;
    await client.open(uri, 'dockerfile', TEXT);
    const published = await client.diagnosticsFor(uri);
    assert.deepEqual(diagnosticsWithCode(published, 'CM001'), [], 'the file turns CM001 off');
    assert.deepEqual(
      diagnosticsWithCode(published, 'CM003'),
      [],
      'the editor setting still applies where the file is silent',
    );
    assert.ok(registrations.includes('workspace/didChangeWatchedFiles'), JSON.stringify(registrations));
  });

  test('editing the file re-analyses open documents', async () => {
    const uri = `${folderUri}/Dockerfile`;
    const back = client.nextDiagnostics(
      uri,
      (p) => diagnosticsWithCode(p, 'CM001').length === 1,
      'CM001 after the file changed',
    );
    await writeConfig('{ "rules": { "CM009": "off" } }');
    const published = await back;
    assert.equal(diagnosticsWithCode(published, 'CM001')[0]!.severity, 1, "the editor's error severity applies again");
    assert.deepEqual(diagnosticsWithCode(published, 'CM009'), []);
  });

  test('a bad file: the key is named in the log and once in a warning message; defaults apply', async () => {
    const uri = `${folderUri}/Dockerfile`;
    const back = client.nextDiagnostics(
      uri,
      (p) => diagnosticsWithCode(p, 'CM009').length === 1,
      'CM009 back after a bad file',
    );
    await writeConfig('{ "rules": { "CM009": "silent" } }');
    await back;
    const log = await client.logMessage(
      (m) => m.includes('rules.CM009') && m.includes('silent'),
      'the bad key in the log',
    );
    assert.equal(log.type, 2, 'a warning');
    assert.equal(shown.filter((m) => m.message.includes('rules.CM009')).length, 1);

    await writeConfig('{ "rules": ');
    await client.logMessage((m) => /\.cache-mounts\.json: \(file\): not valid JSON/.test(m), 'bad JSON in the log');
    // The open document's findings were the defaults' already, so nothing is sent again for it; a document
    // opened now is analysed with the defaults.
    const fresh = `${folderUri}/after-bad-json/Dockerfile`;
    await client.open(fresh, 'dockerfile', TEXT);
    const published = await client.diagnosticsFor(fresh);
    assert.equal(diagnosticsWithCode(published, 'CM001').length, 1);
    assert.equal(diagnosticsWithCode(published, 'CM009').length, 1);
    assert.equal(client.hasExited, false);
  });

  test("hover on a code in an ignore comment shows the rule's summary and link", async () => {
    const uri = `${folderUri}/hover/Dockerfile`;
    const text = `FROM python:3.12\n# cache-mounts-ignore CM001, uv-link-mode\n${TEXT.split('\n')[1]}\n`;
    await client.open(uri, 'dockerfile', text);
    const hover = await client.hover(uri, client.positionOf(uri, 'CM001', 2));
    assert.ok(hover);
    const value = (hover.contents as MarkupContent).value;
    assert.match(value, /CM001 missing-cache-id/);
    assert.match(value, /docs\/rules\/CM001\.md/);
    const byName = await client.hover(uri, client.positionOf(uri, 'uv-link-mode', 3));
    assert.match((byName!.contents as MarkupContent).value, /CM009 uv-link-mode/);
  });
});
