// One configuration resolver: in a monorepo with a root `.cache-mounts.json` and another in sub/dir, a file gets
// the nearest one from its own folder upward, however it is checked: `check .`, `check sub/dir`,
// `check sub/dir/Dockerfile`, or opened in the language server (whose search stops at the workspace folder).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspTestClient, vscodeLikeCapabilities } from '../helpers/lsp-client';
import { captureIO, makeTempDir, removeDir, writeTree } from '../cli/cli-helpers';
import { runCli } from '../../server/src/cli/run';
import type { JsonReport } from '../../server/src/cli/format-json';

const TEXT = 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n';

/** `code:severity` of one file's findings, sorted. */
function cliFindings(cwd: string, args: string[], file: string): string[] {
  const io = captureIO();
  const before = process.cwd();
  process.chdir(cwd);
  try {
    runCli(['check', '--format', 'json', '--fail-level', 'none', '--no-workspace', ...args], io);
  } finally {
    process.chdir(before);
  }
  const report = JSON.parse(io.out) as JsonReport;
  const entry = report.files.find((f) => f.path.replace(/\\/g, '/').endsWith(file));
  assert.ok(entry, `${file} in ${io.out}`);
  return entry.diagnostics.map((d) => `${d.code}:${d.severity}`).sort();
}

describe('one configuration resolver for the CLI and the language server', () => {
  let dir = '';
  let client: LspTestClient;
  before(async () => {
    dir = makeTempDir('monorepo');
    mkdirSync(join(dir, '.git'));
    writeTree(dir, {
      '.cache-mounts.json': '{ "rules": { "CM009": "warning" } }',
      Dockerfile: TEXT,
      'sub/dir/.cache-mounts.json': '{ "rules": { "CM009": "error", "CM001": "warning" } }',
      'sub/dir/Dockerfile': TEXT,
    });
    client = LspTestClient.start({});
    const folderUri = pathToFileURL(dir).href;
    await client.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folderUri,
      capabilities: {
        ...vscodeLikeCapabilities(),
        workspace: { ...vscodeLikeCapabilities().workspace, workspaceFolders: true },
      },
      workspaceFolders: [{ uri: folderUri, name: 'mono' }],
    });
    await client.connection.sendNotification('initialized', {});
  });
  after(() => {
    client.kill();
    removeDir(dir);
  });

  test('the CLI gives sub/dir/Dockerfile the same findings from the root, the folder and the file', () => {
    const fromRoot = cliFindings(dir, ['.'], 'sub/dir/Dockerfile');
    assert.deepEqual(cliFindings(dir, ['sub/dir'], 'sub/dir/Dockerfile'), fromRoot);
    assert.deepEqual(cliFindings(dir, ['sub/dir/Dockerfile'], 'sub/dir/Dockerfile'), fromRoot);
    assert.ok(fromRoot.includes('CM009:error'), `the nearest file (sub/dir) decides: ${fromRoot.join(' ')}`);
    assert.ok(fromRoot.includes('CM001:warning'));
    assert.ok(
      cliFindings(dir, ['Dockerfile'], 'Dockerfile').includes('CM009:warning'),
      'the root file applies at the root',
    );
  });

  test('the language server gives both files the severities the CLI gives', async () => {
    const severity = (n: number | undefined) => ['', 'error', 'warning', 'info', 'hint'][n ?? 0];
    for (const file of ['sub/dir/Dockerfile', 'Dockerfile']) {
      const uri = pathToFileURL(join(dir, file)).href;
      await client.open(uri, 'dockerfile', TEXT);
      const published = await client.diagnosticsFor(uri);
      const lsp = published.diagnostics.map((d) => `${String(d.code)}:${severity(d.severity)}`).sort();
      assert.deepEqual(lsp, cliFindings(dir, [file], file), file);
    }
  });
});
