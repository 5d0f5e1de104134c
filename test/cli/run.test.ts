// The CLI through runCli with captured streams, on real files and the real rules.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { accessSync, chmodSync, constants, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../server/src/cli/run';
import type { JsonReport } from '../../server/src/cli/format-json';
import { analyze } from '../../server/src/core/engine';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import { LineIndex } from '../../server/src/core/text';
import {
  CACHE_DEVCONTAINER,
  captureIO,
  GOOD_DOCKERFILE,
  makeTempDir,
  PIP_NO_CACHE_DOCKERFILE,
  removeDir,
  UV_ROOT_DOCKERFILE,
  writeTree,
} from './cli-helpers';

function cli(...argv: string[]) {
  const io = captureIO();
  const code = runCli(argv, io);
  return { code, out: io.out, err: io.err };
}

function codesIn(report: JsonReport, pathEnd: string): string[] {
  const file = report.files.find((f) => f.path.endsWith(pathEnd));
  assert.ok(file, `${pathEnd} is in the report`);
  return file.diagnostics.map((d) => d.code);
}

describe('check', () => {
  let dir = '';
  const p = (name: string) => join(dir, name);
  before(() => {
    dir = makeTempDir('run');
    writeTree(dir, {
      'good/Dockerfile': GOOD_DOCKERFILE,
      'pip/Dockerfile': PIP_NO_CACHE_DOCKERFILE,
      'uv/Dockerfile': UV_ROOT_DOCKERFILE,
      'dc/.devcontainer/devcontainer.json': CACHE_DEVCONTAINER,
    });
  });
  after(() => removeDir(dir));

  test('a clean file: exit 0 and a summary', () => {
    const r = cli('check', p('good/Dockerfile'));
    assert.equal(r.err, '');
    assert.equal(r.out, 'No problems found in 1 file checked.\n');
    assert.equal(r.code, 0);
  });

  test('text format: one 1-based line per finding, then the summary', () => {
    const r = cli('check', p('pip/Dockerfile'));
    const lines = r.out.trimEnd().split('\n');
    const cm005 = lines.find((l) => / warning CM005 /.test(l));
    assert.ok(cm005, r.out);
    assert.match(cm005, new RegExp(`^${p('pip/Dockerfile')}:2:\\d+: warning CM005 .*--no-cache-dir`));
    assert.match(lines[lines.length - 1]!, /^\d+ problems? \(.*\) in 1 of 1 file checked\.$/);
  });

  test('exit codes follow --fail-level', () => {
    // pip: a warning (CM005). uv as root: info and hints only. devcontainer: an error (CM101).
    assert.equal(cli('check', p('pip/Dockerfile')).code, 1);
    assert.equal(cli('check', '--fail-level', 'warning', p('pip/Dockerfile')).code, 1);
    assert.equal(cli('check', '--fail-level', 'error', p('pip/Dockerfile')).code, 0);
    assert.equal(cli('check', '--fail-level', 'none', p('pip/Dockerfile')).code, 0);
    assert.equal(cli('check', p('uv/Dockerfile')).code, 0);
    assert.equal(cli('check', '--fail-level', 'info', p('uv/Dockerfile')).code, 1);
    assert.equal(cli('check', '--fail-level', 'error', p('dc')).code, 1);
    assert.equal(cli('check', '--fail-level', 'none', dir).code, 0);
  });

  test('json format (--no-workspace): exact keys, 0-based LSP ranges that match the engine, fixes that apply', () => {
    // Each file on its own, so the single-file engine gives the same findings (good/ and uv/ mount the
    // uv cache under different keys: together they are cross-file findings, tested in workspace.test.ts).
    const r = cli('check', '--format', 'json', '--fail-level', 'none', '--no-workspace', dir);
    assert.equal(r.code, 0);
    assert.equal(r.err, '');
    const report = JSON.parse(r.out) as JsonReport;
    assert.deepEqual(Object.keys(report), ['version', 'files']);
    assert.equal(report.version, 1);
    assert.deepEqual(report.files.map((f) => f.path).sort(), [
      p('dc/.devcontainer/devcontainer.json'),
      p('good/Dockerfile'),
      p('pip/Dockerfile'),
      p('uv/Dockerfile'),
    ]);
    assert.deepEqual(codesIn(report, 'good/Dockerfile'), []);
    assert.ok(codesIn(report, 'pip/Dockerfile').includes('CM005'));
    assert.ok(codesIn(report, 'uv/Dockerfile').includes('CM001'));
    assert.ok(codesIn(report, 'devcontainer.json').includes('CM101'));

    const text = UV_ROOT_DOCKERFILE;
    const engine = analyze(text, 'file:///x/Dockerfile', 'dockerfile', DEFAULT_SETTINGS).findings;
    const lines = new LineIndex(text);
    const uv = report.files.find((f) => f.path.endsWith('uv/Dockerfile'))!;
    assert.equal(uv.diagnostics.length, engine.length);
    uv.diagnostics.forEach((d, i) => {
      assert.deepEqual(Object.keys(d), [
        'code',
        'name',
        'severity',
        'messageId',
        'data',
        'message',
        'detail',
        'range',
        'fixes',
      ]);
      assert.match(d.severity, /^(error|warning|info|hint)$/);
      assert.equal(d.code, engine[i]!.code);
      assert.deepEqual(d.range, lines.rangeOf(engine[i]!.span));
      for (const fix of d.fixes) {
        assert.deepEqual(Object.keys(fix), ['title', 'preferred', 'edits']);
        for (const e of fix.edits) assert.deepEqual(Object.keys(e), ['range', 'newText']);
      }
    });
    const cm001 = uv.diagnostics.find((d) => d.code === 'CM001')!;
    assert.equal(cm001.range.start.line, 2, 'the RUN is on the third line, 0-based line 2');
    // Applying the preferred fix through its LSP ranges removes the finding.
    const edits = cm001.fixes
      .find((f) => f.preferred)!
      .edits.map((e) => ({
        start: lines.offsetAt(e.range.start),
        end: lines.offsetAt(e.range.end),
        newText: e.newText,
      }))
      .sort((a, b) => b.start - a.start);
    let fixed = text;
    for (const e of edits) fixed = fixed.slice(0, e.start) + e.newText + fixed.slice(e.end);
    const after = analyze(fixed, 'file:///x/Dockerfile', 'dockerfile', DEFAULT_SETTINGS).findings;
    assert.ok(!after.some((f) => f.code === 'CM001'), fixed);
  });

  test('a missing file: exit 2, a message naming it, and the other files are still reported', () => {
    const missing = p('no/such/Dockerfile');
    const r = cli('check', missing, p('pip/Dockerfile'));
    assert.equal(r.code, 2);
    assert.match(r.err, new RegExp(`${missing}: cannot read: no such file or directory`));
    assert.match(r.out, /CM005/);
    const json = cli('check', '--format=json', missing, p('pip/Dockerfile'));
    assert.equal(json.code, 2);
    const files = (JSON.parse(json.out) as JsonReport).files;
    assert.deepEqual(
      files.map((f) => [f.path, f.error]),
      [
        [missing, 'cannot read: no such file or directory'],
        [p('pip/Dockerfile'), undefined],
      ],
    );
  });

  test('a dangling Dockerfile symlink found in a folder: exit 2 naming it', () => {
    const sub = makeTempDir('dangling-run');
    try {
      symlinkSync(join(sub, 'gone'), join(sub, 'Dockerfile'));
      writeTree(sub, { 'ok/Dockerfile': GOOD_DOCKERFILE });
      const r = cli('check', sub);
      assert.equal(r.code, 2);
      assert.match(r.err, new RegExp(`${join(sub, 'Dockerfile')}: cannot read: no such file or directory`));
      assert.match(r.out, /No problems found in 1 file checked; 1 file could not be read\./);
    } finally {
      removeDir(sub);
    }
  });

  test('a file without read permission: exit 2 unless this process can read it anyway (root)', () => {
    const file = p('locked/Dockerfile');
    writeTree(dir, { 'locked/Dockerfile': PIP_NO_CACHE_DOCKERFILE });
    chmodSync(file, 0o000);
    try {
      let readable = true;
      try {
        accessSync(file, constants.R_OK);
      } catch {
        readable = false;
      }
      const r = cli('check', file);
      if (readable) {
        // Running as root: permissions do not stop reading, so the file is checked normally.
        assert.equal(r.code, 1);
        assert.match(r.out, /CM005/);
      } else {
        assert.equal(r.code, 2);
        assert.match(r.err, new RegExp(`${file}: cannot read: permission denied`));
      }
    } finally {
      chmodSync(file, 0o644);
    }
  });

  test('a folder with nothing to check: exit 0 and a note on stderr', () => {
    const empty = makeTempDir('empty');
    try {
      const r = cli('check', empty);
      assert.equal(r.code, 0);
      assert.match(r.err, /no Dockerfile or devcontainer.json found/);
    } finally {
      removeDir(empty);
    }
  });
});

describe('check --fix', () => {
  let dir = '';
  before(() => {
    dir = makeTempDir('fix');
  });
  after(() => removeDir(dir));

  test('rewrites a copy, reports what it fixed, and the file then re-checks clean for that rule', () => {
    writeTree(dir, { 'a/Dockerfile': UV_ROOT_DOCKERFILE });
    const file = join(dir, 'a/Dockerfile');
    const r = cli('check', '--fix', '--fail-level', 'none', file);
    assert.equal(r.code, 0, r.err);
    const fixed = readFileSync(file, 'utf8');
    assert.notEqual(fixed, UV_ROOT_DOCKERFILE);
    assert.match(fixed, /id=uv-cache/);
    assert.match(r.out, new RegExp(`^${file}: fixed \\d+ problems? \\(.*CM001.*\\)$`, 'm'));
    const again = cli('check', '--format', 'json', '--fail-level', 'none', file);
    assert.ok(!codesIn(JSON.parse(again.out) as JsonReport, 'a/Dockerfile').includes('CM001'));
    // A second --fix has nothing left to apply and leaves the file alone.
    const second = cli('check', '--fix', '--fail-level', 'none', file);
    assert.doesNotMatch(second.out, /: fixed /);
    assert.equal(readFileSync(file, 'utf8'), fixed);
  });

  test('in JSON mode the fix notice goes to stderr and stdout stays one JSON document', () => {
    writeTree(dir, { 'j/Dockerfile': UV_ROOT_DOCKERFILE });
    const r = cli('check', '--fix', '--format', 'json', '--fail-level', 'none', join(dir, 'j/Dockerfile'));
    assert.match(r.err, /fixed \d+ problem/);
    const report = JSON.parse(r.out) as JsonReport;
    assert.ok(!codesIn(report, 'j/Dockerfile').includes('CM001'));
  });

  test('--fix applies safe fixes only and says how many unsafe ones wait; --unsafe-fixes applies them', () => {
    writeTree(dir, { 'dc/devcontainer.json': CACHE_DEVCONTAINER });
    const file = join(dir, 'dc/devcontainer.json');
    const safeOnly = cli('check', '--fix', '--fail-level', 'none', file);
    assert.match(readFileSync(file, 'utf8'), /type=cache/, 'the unsafe CM101 rewrite is not applied');
    assert.match(
      safeOnly.out,
      /^1 unsafe fix available \(they change what the build does; apply with --fix --unsafe-fixes\)\.$/m,
    );
    assert.doesNotMatch(cli('check', '--fail-level', 'none', file).out, /unsafe fix/, 'no note without --fix');
  });

  test('"fixed N problems" adds up with the codes it lists', () => {
    writeTree(dir, {
      'sum/Dockerfile':
        'FROM python:3.12-slim AS a\nENV UV_LINK_MODE=copy\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\nFROM python:3.12-slim AS b\nENV UV_LINK_MODE=copy UV_CACHE_DIR=/opt/uv\nRUN --mount=type=cache,target=/opt/uv uv sync\n',
    });
    const r = cli('check', '--fix', '--fail-level', 'none', join(dir, 'sum/Dockerfile'));
    const m = /fixed (\d+) problems? \(([^)]*)\)/.exec(r.out);
    assert.ok(m, r.out);
    const listed = m[2]!.split(', ').reduce((sum, part) => sum + Number(/ x(\d+)$/.exec(part)?.[1] ?? 1), 0);
    assert.equal(Number(m[1]), listed, r.out);
  });

  test('fixes devcontainer.json and keeps its comments (--unsafe-fixes)', () => {
    writeTree(dir, { 'dc/devcontainer.json': CACHE_DEVCONTAINER });
    const file = join(dir, 'dc/devcontainer.json');
    const r = cli('check', '--fix', '--unsafe-fixes', '--fail-level', 'error', file);
    const fixed = readFileSync(file, 'utf8');
    assert.match(fixed, /\/\/ a uv project/);
    assert.doesNotMatch(fixed, /type=cache/);
    assert.match(r.out, /fixed \d+ problems? \(CM101/);
    assert.doesNotMatch(r.out, /CM101 /, 'no CM101 left');
  });

  test('a file with nothing to fix keeps its exact bytes (BOM, CRLF)', () => {
    const bytes = Buffer.from('\ufeff' + GOOD_DOCKERFILE.replace(/\n/g, '\r\n'), 'utf8');
    writeTree(dir, { 'b/Dockerfile': bytes });
    const file = join(dir, 'b/Dockerfile');
    cli('check', '--fix', '--fail-level', 'none', file);
    assert.ok(readFileSync(file).equals(bytes));
  });

  test('a file that is not valid UTF-8 is never rewritten: exit 2 with the reason', () => {
    const bytes = Buffer.concat([Buffer.from('# \xff\n', 'latin1'), Buffer.from(UV_ROOT_DOCKERFILE, 'utf8')]);
    writeTree(dir, { 'c/Dockerfile': bytes });
    const file = join(dir, 'c/Dockerfile');
    const r = cli('check', '--fix', '--fail-level', 'none', file);
    assert.ok(readFileSync(file).equals(bytes));
    assert.equal(r.code, 2);
    assert.match(
      r.err,
      /^docker-cache-mounts: .*c\/Dockerfile: \d+ fix(es)? not applied: the file is not valid UTF-8/m,
    );
    assert.doesNotMatch(r.out, /not applied/);
  });

  test('a read-only file: exit 2 unless this process can write it anyway (root)', () => {
    writeTree(dir, { 'ro/Dockerfile': UV_ROOT_DOCKERFILE });
    const file = join(dir, 'ro/Dockerfile');
    chmodSync(file, 0o444);
    try {
      let writable = true;
      try {
        accessSync(file, constants.W_OK);
      } catch {
        writable = false;
      }
      const r = cli('check', '--fix', '--fail-level', 'none', file);
      if (writable) {
        assert.equal(r.code, 0);
        assert.match(readFileSync(file, 'utf8'), /id=uv-cache/);
      } else {
        assert.equal(r.code, 2);
        assert.match(r.err, /not applied: cannot write: permission denied/);
        assert.equal(readFileSync(file, 'utf8'), UV_ROOT_DOCKERFILE);
      }
    } finally {
      chmodSync(file, 0o644);
    }
  });
});

describe('help, version, usage errors, explain', () => {
  test('--help prints the usage on stdout', () => {
    const r = cli('--help');
    assert.equal(r.code, 0);
    assert.match(
      r.out,
      /^Usage:\n {2}docker-cache-mounts check \[--format text\|json\|sarif\] \[--fix\] \[--no-workspace\]\n +\[--fail-level error\|warning\|info\|none\] \[--config FILE\] PATH\.\.\./,
    );
    assert.match(r.out, /--no-workspace +Check each file on its own/);
    assert.match(r.out, /--format FORMAT +Output format: text \(default\), json or sarif\./);
  });

  test('--version prints the package version', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { version: string };
    assert.deepEqual(cli('--version'), { code: 0, out: `${pkg.version}\n`, err: '' });
  });

  test('bad usage: exit 2, the reason and the usage on stderr, nothing on stdout', () => {
    const r = cli('check', '--format', 'xml', 'Dockerfile');
    assert.equal(r.code, 2);
    assert.equal(r.out, '');
    assert.match(r.err, /^docker-cache-mounts: unknown format 'xml': use text, json or sarif\n\nUsage:/);
  });

  test("explain prints a rule's docs by code or name", () => {
    const byCode = cli('explain', 'cm001');
    assert.equal(byCode.code, 0);
    assert.match(byCode.out, /^# CM001 missing-cache-id\n/);
    assert.match(byCode.out, /## Why it matters/);
    assert.equal(cli('explain', 'missing-cache-id').out, byCode.out);
    const unknown = cli('explain', 'CM999');
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /unknown rule 'CM999'/);
  });
});
