// The bundled CLI as users run it: `node dist/cli.js ...` (built by `npm run build`).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonReport } from '../../server/src/cli/format-json';
import {
  makeTempDir,
  PIP_NO_CACHE_DOCKERFILE,
  REPO_ROOT,
  removeDir,
  UV_ROOT_DOCKERFILE,
  writeTree,
} from './cli-helpers';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, encoding: 'utf8', input: '' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('dist/cli.js', () => {
  let dir = '';
  before(() => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run \`npm run build\` before the tests (npm test does)`);
    dir = makeTempDir('e2e');
    writeTree(dir, { Dockerfile: PIP_NO_CACHE_DOCKERFILE, 'uv/Dockerfile': UV_ROOT_DOCKERFILE });
  });
  after(() => removeDir(dir));

  test('starts with a shebang and is executable', () => {
    assert.ok(readFileSync(CLI, 'utf8').startsWith('#!/usr/bin/env node\n'));
    const direct = spawnSync(CLI, ['--version'], { encoding: 'utf8' });
    assert.equal(direct.status, 0);
  });

  test('--help and --version', () => {
    const help = run('--help');
    assert.equal(help.code, 0);
    assert.match(help.out, /docker-cache-mounts check/);
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal(run('--version').out, `${pkg.version}\n`);
  });

  test('examples/ checked as one workspace and file by file: exit 0', () => {
    const r = run('check', '--fail-level', 'none', 'examples');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /examples\/pip-no-cache\/Dockerfile:\d+:\d+: warning CM005 /);
    assert.match(r.out, /examples\/devcontainer\/\.devcontainer\/devcontainer\.json:\d+:\d+: error CM101 /);
    // Each example is a project of its own: on its own, good/ reports nothing.
    const apart = run('check', '--fail-level', 'none', '--no-workspace', 'examples');
    assert.equal(apart.code, 0, apart.err);
    assert.match(apart.out, /examples\/pip-no-cache\/Dockerfile:\d+:\d+: warning CM005 /);
    assert.doesNotMatch(apart.out, /examples\/good\//);
    assert.doesNotMatch(apart.out, /across the workspace/);
  });

  test('json output parses and exit code 1 at the default fail level', () => {
    const r = run('check', '--format', 'json', dir);
    assert.equal(r.code, 1, r.err);
    const report = JSON.parse(r.out) as JsonReport;
    assert.equal(report.version, 1);
    assert.deepEqual(
      report.files.map((f) => f.path),
      [join(dir, 'Dockerfile'), join(dir, 'uv/Dockerfile')],
    );
    const cm005 = report.files[0]!.diagnostics.find((d) => d.code === 'CM005');
    assert.ok(cm005);
    assert.equal(cm005.range.start.line, 1);
  });

  test('bad usage exits 2 with the usage on stderr', () => {
    const r = run('check');
    assert.equal(r.code, 2);
    assert.equal(r.out, '');
    assert.match(r.err, /check needs at least one PATH[\s\S]*Usage:/);
  });

  test('a missing file exits 2 naming it while the other files are still reported', () => {
    const r = run('check', 'does-not-exist/Dockerfile', join(dir, 'Dockerfile'));
    assert.equal(r.code, 2);
    assert.match(r.err, /does-not-exist\/Dockerfile: cannot read: no such file or directory/);
    assert.match(r.out, /CM005/);
  });

  test('json lists what could not be checked, with the reason stderr gives: a missing PATH, an unreadable file', () => {
    const bad = makeTempDir('e2e-unreadable');
    try {
      writeTree(bad, {
        'u16/Dockerfile': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('FROM alpine\n', 'utf16le')]),
      });
      const r = run(
        'check',
        '--format',
        'json',
        '--fail-level',
        'none',
        join(dir, 'Dockerfile'),
        join(bad, 'u16/Dockerfile'),
        'does-not-exist/Dockerfile',
      );
      assert.equal(r.code, 2);
      const report = JSON.parse(r.out) as JsonReport;
      assert.deepEqual(
        report.files.map((f) => f.path),
        ['does-not-exist/Dockerfile', join(dir, 'Dockerfile'), join(bad, 'u16/Dockerfile')],
      );
      assert.deepEqual(report.files[0], {
        path: 'does-not-exist/Dockerfile',
        diagnostics: [],
        error: 'cannot read: no such file or directory',
      });
      assert.equal(report.files[1]!.error, undefined);
      assert.ok(report.files[1]!.diagnostics.length > 0);
      assert.deepEqual(Object.keys(report.files[2]!), ['path', 'diagnostics', 'error']);
      assert.match(report.files[2]!.error!, /^UTF-16 text \(byte order mark\)/);
      for (const f of [report.files[0], report.files[2]!])
        assert.ok(r.err.includes(`${f.path}: ${f.error}`), `stderr names ${f.path}`);
    } finally {
      removeDir(bad);
    }
  });

  test('--fix rewrites the file', () => {
    const copy = makeTempDir('e2e-fix');
    try {
      writeTree(copy, { Dockerfile: UV_ROOT_DOCKERFILE });
      const r = run('check', '--fix', '--fail-level', 'none', copy);
      assert.equal(r.code, 0, r.err);
      assert.match(readFileSync(join(copy, 'Dockerfile'), 'utf8'), /id=uv-cache/);
    } finally {
      removeDir(copy);
    }
  });
});
