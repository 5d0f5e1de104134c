// Fuzzing the CLI past the engine (issue 12): random folders mixing Dockerfiles with fixable findings,
// symbolic links (to siblings, to a file outside, to /dev/zero and /dev/null, dangling, looping), FIFOs,
// sparse files over the size cap, folders named Dockerfile, binary and UTF-16 files, run through the real
// `check --fix --format json`. Whatever the mix: the run ends in time with exit 0, 1 or 2, stdout is one
// JSON document, stderr has one line per problem and no stack trace, nothing outside the folder and no
// link, FIFO or oversized file is changed, and a second --fix finds nothing more to fix.
// Write failures: a 64 KB tmpfs (in a private mount namespace) that a fix cannot fit in leaves the file
// byte for byte as it was, with one line naming it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, readFileSync, readlinkSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_INPUT_BYTES } from '../../server/src/cli/check';
import { makeTempDir, removeDir, REPO_ROOT } from './cli-helpers';
import { seeded } from '../helpers/seeded-random';
import { FS_FUZZ_CASES } from '../helpers/fuzz-budget';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const FS_FUZZ_TIMEOUT_MS = 20_000;

const FIXABLE = [
  'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n',
  'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y gcc\n',
  'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install --no-cache-dir -r requirements.txt\n',
  '\ufeffFROM node:20\nRUN --mount=type=cache,target=/root/.npm npm ci\n',
  'FROM golang:1.22\r\nRUN --mount=type=cache,target=/go/pkg/mod go mod download\r\n',
];

interface Untouchable {
  path: string;
  /** What must still be true after the run. */
  check: () => void;
}

/** Builds one random folder under `root/repo`; returns what must not change. */
function buildCase(root: string, next: () => number): Untouchable[] {
  const repo = join(root, 'repo');
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const outside = join(root, 'outside.Dockerfile');
  writeFileSync(outside, FIXABLE[0]!);
  const untouchable: Untouchable[] = [
    { path: outside, check: () => assert.equal(readFileSync(outside, 'utf8'), FIXABLE[0]) },
  ];
  const count = 3 + Math.floor(next() * 8);
  for (let i = 0; i < count; i++) {
    const dir = join(repo, pick(['', 'a', 'a/b', 'svc']));
    mkdirSync(dir, { recursive: true });
    const name = `${i}.Dockerfile`;
    const path = join(dir, name);
    const kind = pick([
      'file',
      'file',
      'file',
      'link-sibling',
      'link-outside',
      'link-device',
      'dangling',
      'loop',
      'fifo',
      'sparse',
      'dir',
      'binary',
      'utf16',
    ]);
    const keepLink = (target: string) =>
      untouchable.push({ path, check: () => assert.equal(readlinkSync(path), target, `${path} is still a link`) });
    switch (kind) {
      case 'file':
        writeFileSync(path, pick(FIXABLE));
        break;
      case 'link-sibling': {
        const target = join(dir, `real-${i}.Dockerfile`);
        writeFileSync(target, pick(FIXABLE));
        symlinkSync(target, path);
        keepLink(target);
        break;
      }
      case 'link-outside':
        symlinkSync(outside, path);
        keepLink(outside);
        break;
      case 'link-device': {
        const target = pick(['/dev/zero', '/dev/null', '/dev/urandom']);
        symlinkSync(target, path);
        keepLink(target);
        break;
      }
      case 'dangling':
        symlinkSync(join(dir, 'nowhere'), path);
        keepLink(join(dir, 'nowhere'));
        break;
      case 'loop':
        symlinkSync('.', join(dir, `loop-${i}`));
        break;
      case 'fifo':
        execFileSync('mkfifo', [path]);
        untouchable.push({ path, check: () => assert.ok(lstatSync(path).isFIFO(), `${path} is still a FIFO`) });
        break;
      case 'sparse':
        writeFileSync(path, FIXABLE[0]!);
        truncateSync(path, MAX_INPUT_BYTES + 1 + Math.floor(next() * MAX_INPUT_BYTES));
        untouchable.push({
          path,
          check: () =>
            assert.ok(
              readFileSync(path).subarray(0, FIXABLE[0]!.length).equals(Buffer.from(FIXABLE[0]!)),
              `${path} untouched`,
            ),
        });
        break;
      case 'dir':
        mkdirSync(join(dir, 'Dockerfile', 'inner'), { recursive: true });
        break;
      case 'binary': {
        const bytes = Buffer.from(Array.from({ length: 64 }, () => Math.floor(next() * 256)));
        writeFileSync(path, bytes);
        untouchable.push({ path, check: () => assert.ok(readFileSync(path).equals(bytes), `${path} untouched`) });
        break;
      }
      case 'utf16': {
        const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(FIXABLE[0]!, 'utf16le')]);
        writeFileSync(path, bytes);
        untouchable.push({ path, check: () => assert.ok(readFileSync(path).equals(bytes), `${path} untouched`) });
        break;
      }
    }
  }
  return untouchable;
}

function runCheck(args: string[]) {
  return spawnSync(process.execPath, [CLI, 'check', ...args], { encoding: 'utf8', timeout: FS_FUZZ_TIMEOUT_MS });
}

function assertWellFormed(r: ReturnType<typeof runCheck>, label: string): void {
  assert.equal(r.error, undefined, `${label}: the run ended (${String(r.error)})`);
  assert.ok(r.status === 0 || r.status === 1 || r.status === 2, `${label}: exit ${r.status}\n${r.stderr}`);
  assert.doesNotThrow(() => JSON.parse(r.stdout), `${label}: stdout is one JSON document`);
  for (const line of r.stderr.split('\n').filter(Boolean)) {
    assert.match(line, /^docker-cache-mounts: /, `${label}: every stderr line is a reasoned one-liner`);
    assert.doesNotMatch(line, /^\s+at /, `${label}: no stack trace`);
  }
}

describe('the CLI on random folders of links, FIFOs, devices and huge files', () => {
  test(`${FS_FUZZ_CASES} seeded folders: in time, well formed, nothing outside or special touched, idempotent`, () => {
    const next = seeded(20261203);
    for (let i = 0; i < FS_FUZZ_CASES; i++) {
      const root = makeTempDir(`fsfuzz-${i}`);
      try {
        const untouchable = buildCase(root, next);
        const repo = join(root, 'repo');
        const first = runCheck(['--fix', '--format', 'json', '--fail-level', 'none', repo]);
        assertWellFormed(first, `case ${i} --fix`);
        for (const u of untouchable) u.check();
        const second = runCheck(['--fix', '--format', 'json', '--fail-level', 'none', repo]);
        assertWellFormed(second, `case ${i} second --fix`);
        assert.doesNotMatch(second.stderr, /fixed \d+ problem/, `case ${i}: a second --fix finds nothing more`);
      } finally {
        removeDir(root);
      }
    }
  });
});

/** `unshare -rm` gives a private mount namespace (root inside it) where a tiny tmpfs can be mounted. */
function canMountTmpfs(): boolean {
  const r = spawnSync('unshare', ['-rm', 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs /mnt'], { encoding: 'utf8' });
  return r.status === 0;
}

describe('write failures', () => {
  test('a full file system (64 KB tmpfs): the file stays byte for byte, one line names it, exit 2', (t) => {
    if (!canMountTmpfs()) {
      // Loud, and not counted as a pass of the behaviour: the test is reported as skipped with the reason.
      t.skip('UNTESTED HERE: cannot mount a tmpfs (unshare -rm failed); write failures not exercised');
      return;
    }
    const dir = makeTempDir('enospc');
    try {
      // Fills the tmpfs but for a few bytes, so the fixed text (longer) cannot be written.
      const original = `FROM python:3.12-slim\n${'# padding\n'.repeat(2000)}RUN --mount=type=cache,target=/root/.cache/uv uv sync\n`;
      writeFileSync(join(dir, 'Dockerfile'), original);
      const script = [
        'set -e',
        'mount -t tmpfs -o size=64k tmpfs "$MNT"',
        'cp "$SRC/Dockerfile" "$MNT/Dockerfile"',
        // Leave less free space than the file's size: the temporary copy cannot be written.
        'dd if=/dev/zero of="$MNT/fill" bs=1k count=30 2>/dev/null || true',
        'set +e',
        `"${process.execPath}" "${CLI}" check --fix --fail-level none "$MNT/Dockerfile" >"$SRC/out" 2>"$SRC/err"`,
        'echo $? >"$SRC/code"',
        'cp "$MNT/Dockerfile" "$SRC/after"',
        'ls -a "$MNT" >"$SRC/listing"',
      ].join('\n');
      mkdirSync(join(dir, 'mnt'));
      const r = spawnSync('unshare', ['-rm', 'sh', '-c', script], {
        encoding: 'utf8',
        env: { ...process.env, MNT: join(dir, 'mnt'), SRC: dir },
      });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(readFileSync(join(dir, 'after'), 'utf8'), original, 'the file is unchanged');
      assert.equal(readFileSync(join(dir, 'code'), 'utf8').trim(), '2');
      assert.match(
        readFileSync(join(dir, 'err'), 'utf8'),
        /^docker-cache-mounts: .*Dockerfile: \d+ fix(es)? not applied: cannot write: .*(no space|ENOSPC)/im,
      );
      assert.doesNotMatch(readFileSync(join(dir, 'out'), 'utf8'), /not applied/, 'trouble goes to stderr, not stdout');
      assert.doesNotMatch(readFileSync(join(dir, 'listing'), 'utf8'), /\.tmp/, 'no temporary file left behind');
    } finally {
      removeDir(dir);
    }
  });
});
