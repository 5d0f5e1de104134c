// The CLI under hostile input (issue 12 items 5-8): a Dockerfile that links to /dev/zero, a FIFO named on the
// command line, an oversized file and a .cache-mounts.json nested thousands of levels deep each get a one-line
// reason; nothing hangs, nothing runs out of memory, and the other files are still checked.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../server/src/cli/run';
import { MAX_INPUT_BYTES } from '../../server/src/cli/check';
import { captureIO, makeTempDir, removeDir, writeTree } from './cli-helpers';

const GOOD = 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n';

function cli(...argv: string[]) {
  const io = captureIO();
  const code = runCli(argv, io);
  return { code, out: io.out, err: io.err };
}

describe('hostile input', () => {
  let dir = '';
  before(() => {
    dir = makeTempDir('hostile');
  });
  after(() => removeDir(dir));

  test('a Dockerfile linking to /dev/zero in a walked folder: one line, the other files checked', () => {
    writeTree(dir, { 'zero/ok/Dockerfile': GOOD });
    symlinkSync('/dev/zero', join(dir, 'zero/Dockerfile'));
    const r = cli('check', '--format', 'json', '--fail-level', 'none', join(dir, 'zero'));
    assert.equal(r.code, 2);
    assert.match(r.err, /zero\/Dockerfile: not a regular file \(a device, FIFO or socket\): not read\n/);
    assert.match(r.out, /ok\/Dockerfile/, 'the other file is in the report');
  });

  test('a FIFO named on the command line does not block', () => {
    const fifo = join(dir, 'fifo.Dockerfile');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    const r = cli('check', fifo);
    assert.ok(Date.now() - started < 5000);
    assert.equal(r.code, 2);
    assert.match(r.err, /not a regular file/);
  });

  test('an oversized file is not read', () => {
    const big = join(dir, 'big/Dockerfile');
    writeTree(dir, { 'big/Dockerfile': '' });
    truncateSync(big, MAX_INPUT_BYTES + 1);
    const r = cli('check', big);
    assert.equal(r.code, 2);
    assert.match(r.err, /over the 8 MB limit: not read/);
  });

  test('a .cache-mounts.json nested 4000 levels: a problem naming the file, the defaults, no crash', () => {
    writeTree(dir, { 'deep/Dockerfile': GOOD });
    writeFileSync(join(dir, 'deep/.cache-mounts.json'), `${'{"a":'.repeat(4000)}1${'}'.repeat(4000)}`);
    const r = cli('check', '--fail-level', 'none', join(dir, 'deep'));
    assert.equal(r.code, 0);
    assert.match(
      r.err,
      /\.cache-mounts\.json: \(file\): nested 4000 levels deep \(at most 64\); the whole file is ignored/,
    );
    assert.match(r.out, /CM009/, 'the Dockerfile is still checked, with the defaults');
  });
});

describe('10,000 levels of nesting', () => {
  let dir = '';
  before(() => {
    dir = makeTempDir('deep10k');
  });
  after(() => removeDir(dir));

  test('.cache-mounts.json and devcontainer.json nested 10,000 levels: one line for the config, the real CM101 kept', () => {
    const n = 10_000;
    writeTree(dir, {
      '.cache-mounts.json': `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`,
      '.devcontainer/devcontainer.json': `{ "mounts": ["type=cache,target=/root/.cache/uv"], "x": ${'['.repeat(n)}1${']'.repeat(n)} }`,
    });
    const r = cli('check', '--format', 'json', dir);
    assert.equal(r.code, 1, r.err);
    assert.match(r.err, /\.cache-mounts\.json: \(file\): nested 10000 levels deep/);
    const report = JSON.parse(r.out) as { files: { diagnostics: { code: string }[] }[] };
    assert.deepEqual(
      report.files.flatMap((f) => f.diagnostics.map((d) => d.code)),
      ['CM101'],
    );
  });
});

describe('links and --fix', () => {
  let dir = '';
  before(() => {
    dir = makeTempDir('links');
  });
  after(() => removeDir(dir));

  test('two links to one file: checked once; a link out of the checked folder is not written', () => {
    writeTree(dir, { 'outside/Dockerfile': GOOD, 'repo/real/Dockerfile': GOOD });
    symlinkSync(join(dir, 'repo/real/Dockerfile'), join(dir, 'repo/a.Dockerfile'));
    symlinkSync(join(dir, 'repo/real/Dockerfile'), join(dir, 'repo/b.Dockerfile'));
    symlinkSync(join(dir, 'outside/Dockerfile'), join(dir, 'repo/out.Dockerfile'));
    const r = cli('check', '--format', 'json', '--fail-level', 'none', join(dir, 'repo'));
    const report = JSON.parse(r.out) as { files: { path: string }[] };
    assert.equal(report.files.length, 2, r.out); // the real file once, the outside link once
    const fixed = cli('check', '--fix', '--fail-level', 'none', join(dir, 'repo'));
    assert.match(
      fixed.out + fixed.err,
      /out\.Dockerfile: .*not applied: it links to .*outside\/Dockerfile, outside the checked paths/,
    );
    assert.doesNotMatch(readFileSync(join(dir, 'outside/Dockerfile'), 'utf8'), /id=uv-cache/);
    assert.match(readFileSync(join(dir, 'repo/real/Dockerfile'), 'utf8'), /id=uv-cache/);
  });
});

describe('paths with control characters', () => {
  let dir = '';
  before(() => {
    dir = makeTempDir('ctl');
  });
  after(() => removeDir(dir));

  test('a folder name with a newline cannot inject a line (a GitHub Actions ::error command)', () => {
    writeTree(dir, { 'x\n::error file=evil::pwned/Dockerfile': GOOD });
    const r = cli('check', '--fail-level', 'none', dir);
    assert.doesNotMatch(r.out, /^::error/m);
    assert.match(r.out, /x\\u000a::error file=evil::pwned\/Dockerfile:2:/);
  });
});

test('an error nothing caught (a bug) is one line on stderr and exit code 2, not a stack trace and 1', () => {
  const cliJs = join(__dirname, '../../../dist/cli.js');
  const script =
    "const [, target, entry] = process.argv; JSON.stringify = () => { throw new Error('boom\\nsecond line'); }; process.argv = ['node', 'cli', 'check', '--format', 'json', target]; require(entry);";
  const r = spawnSync(process.execPath, ['-e', script, join(__dirname, '../../../examples/good'), cliJs], {
    encoding: 'utf8',
  });
  assert.equal(r.status, 2, r.stderr);
  assert.equal(r.stderr, 'docker-cache-mounts: internal error: boom\n');
});

describe('unreadable encodings and shapes', () => {
  let dir = '';
  before(() => {
    dir = makeTempDir('enc');
  });
  after(() => removeDir(dir));

  test('a UTF-16 Dockerfile, a binary one, a CR-only one and a devcontainer.json that is no object each get one line and exit 2', () => {
    writeTree(dir, {
      'u16/Dockerfile': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(GOOD, 'utf16le')]),
      'bin/Dockerfile': Buffer.from([0x46, 0x52, 0x00, 0x01, 0x02]),
      'arr/.devcontainer/devcontainer.json': '[1, 2, 3]',
      'cr/Dockerfile': GOOD.replace(/\n/g, '\r'),
    });
    for (const [path, why] of [
      ['u16/Dockerfile', /UTF-16 text \(byte order mark\): this tool reads UTF-8/],
      ['bin/Dockerfile', /binary content \(NUL bytes\): not analysed/],
      ['arr/.devcontainer/devcontainer.json', /not a JSON object \(or not JSON at all\): not analysed/],
      [
        'cr/Dockerfile',
        /lines end in CR only \(no LF\): this tool reads lines ending in LF or CRLF, so it was not analysed/,
      ],
    ] as const) {
      const r = cli('check', join(dir, path));
      assert.equal(r.code, 2, path);
      assert.match(r.err, why);
      assert.doesNotMatch(r.out, /No problems found in 1 file/);
    }
  });
});

describe('check - (stdin)', () => {
  const cliJs = join(__dirname, '../../../dist/cli.js');
  test('reads stdin and checks it as --stdin-filename (kind and name from it)', () => {
    const r = spawnSync(process.execPath, [cliJs, 'check', '--stdin-filename', 'services/api/Dockerfile', '-'], {
      input: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/home/vscode/.cache/uv uv sync\n',
      encoding: 'utf8',
    });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /^services\/api\/Dockerfile:2:24: warning CM004 /m);
    const dc = spawnSync(
      process.execPath,
      [cliJs, 'check', '--stdin-filename', '.devcontainer/devcontainer.json', '--format', 'json', '-'],
      {
        input: '{ "mounts": ["type=cache,target=/x"] }',
        encoding: 'utf8',
      },
    );
    assert.match(dc.stdout, /"code":"CM101"/);
  });
  test('--fix with stdin and a second - are usage errors (exit 2)', () => {
    assert.equal(
      spawnSync(process.execPath, [cliJs, 'check', '--fix', '-'], { input: '', encoding: 'utf8' }).status,
      2,
    );
    assert.equal(spawnSync(process.execPath, [cliJs, 'check', '-', '-'], { input: '', encoding: 'utf8' }).status, 2);
  });
});
