// The V8 code cache (server/src/common/code-cache.ts, run by dist/server.js and dist/cli.js): a small bundle run
// in fresh Node processes through runWithCodeCache, with a cache that is missing, good, corrupt, cut short,
// refused by V8, for another bundle or other Node flags, or in a folder others can write, written after a delay
// (the server) or at exit (the CLI). Whatever the cache, the bundle runs and prints the same; a bad cache is
// replaced, a good one is left alone.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeCacheDir } from '../../server/src/common/code-cache';

const CODE_CACHE_JS = join(__dirname, '../../server/src/common/code-cache.js');

/** A bundle with a few functions; `n` makes another bundle (other source, other length). */
function bundleText(n: number): string {
  return [
    '"use strict";',
    `function square(x) { return x * x + ${n}; }`,
    'let total = 0;',
    'for (let i = 0; i < 100; i++) total += square(i);',
    'const path = require("node:path");',
    'console.log(JSON.stringify({ total, file: path.basename(__filename), same: module.exports === exports }));',
    // The cache is written by a timer that does not keep the process alive: this one does, briefly.
    'setTimeout(() => {}, 100);',
    '',
  ].join('\n');
}

let root: string;

before(() => {
  root = mkdtempSync(join(tmpdir(), 'dcm-code-cache-'));
});

after(() => {
  rmSync(root, { recursive: true, force: true });
});

/** A fresh folder holding bundle-N.js files. */
function workspace(name: string): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

function writeBundle(dir: string, n: number): string {
  const file = join(dir, `bundle-${n}.js`);
  writeFileSync(file, bundleText(n));
  return file;
}

/** Runs the bundle through the cache in a fresh node; its output line and the status. */
function run(
  bundle: string,
  cacheDir: string | undefined,
  nodeArgs: string[] = [],
  options: Record<string, unknown> = { writeAfterMs: 0 },
): { output: string; status: string } {
  const driver = [
    `const { runWithCodeCache } = require(${JSON.stringify(CODE_CACHE_JS)});`,
    `const status = runWithCodeCache(${JSON.stringify(bundle)}, ${JSON.stringify({ dir: cacheDir, ...options })});`,
    'console.log("status " + status);',
  ].join('\n');
  const r = spawnSync(process.execPath, [...nodeArgs, '-e', driver], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 2, r.stdout);
  return { output: lines[0]!, status: lines[1]!.replace(/^status /, '') };
}

function cacheFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => n.endsWith('.bin'))
    .sort();
}

function expectedOutput(n: number): string {
  let total = 0;
  for (let i = 0; i < 100; i++) total += i * i + n;
  return JSON.stringify({ total, file: `bundle-${n}.js`, same: true });
}

describe('the server code cache', () => {
  test('written on the first start, used and left alone on the next', () => {
    const dir = workspace('first');
    const cache = join(dir, 'cache');
    const bundle = writeBundle(dir, 1);
    assert.deepEqual(run(bundle, cache), { output: expectedOutput(1), status: 'missing' });
    const files = cacheFiles(cache);
    assert.equal(files.length, 1);
    const path = join(cache, files[0]!);
    if (process.platform !== 'win32') {
      assert.equal(statSync(cache).mode & 0o777, 0o700);
      assert.equal(statSync(path).mode & 0o777, 0o600);
    }
    const bytes = readFileSync(path);
    assert.deepEqual(run(bundle, cache), { output: expectedOutput(1), status: 'accepted' });
    assert.deepEqual(readFileSync(path), bytes, 'a good cache is not rewritten');
    assert.deepEqual(cacheFiles(cache), files);
  });

  test('a corrupt or cut short file fails the checksum, the bundle compiles from source, and the file is replaced', () => {
    const dir = workspace('corrupt');
    const cache = join(dir, 'cache');
    const bundle = writeBundle(dir, 2);
    run(bundle, cache);
    const path = join(cache, cacheFiles(cache)[0]!);
    const good = readFileSync(path);
    const flipped = Buffer.from(good);
    flipped[flipped.length - 10]! ^= 0xff;
    for (const bad of [flipped, good.subarray(0, good.length - 100), good.subarray(0, 20), Buffer.alloc(0)]) {
      writeFileSync(path, bad);
      assert.deepEqual(run(bundle, cache), { output: expectedOutput(2), status: 'corrupt' });
      assert.equal(run(bundle, cache).status, 'accepted', 'replaced by a good one');
    }
  });

  test("another bundle's cache under this bundle's name passes the checksum but V8 refuses it; it is replaced", () => {
    const dir = workspace('refused');
    const cacheA = join(dir, 'a');
    const cacheB = join(dir, 'b');
    const bundleA = writeBundle(dir, 3);
    const bundleB = writeBundle(dir, 40000); // another source length: V8's own check tells
    run(bundleA, cacheA);
    run(bundleB, cacheB);
    const pathB = join(cacheB, cacheFiles(cacheB)[0]!);
    writeFileSync(pathB, readFileSync(join(cacheA, cacheFiles(cacheA)[0]!)));
    assert.deepEqual(run(bundleB, cacheB), { output: expectedOutput(40000), status: 'rejected' });
    assert.equal(run(bundleB, cacheB).status, 'accepted');
  });

  test('another bundle or other Node flags get a file of their own', () => {
    const dir = workspace('keys');
    const cache = join(dir, 'cache');
    run(writeBundle(dir, 5), cache);
    assert.equal(run(writeBundle(dir, 6), cache).status, 'missing');
    assert.equal(cacheFiles(cache).length, 2);
    assert.equal(run(join(dir, 'bundle-5.js'), cache, ['--max-semi-space-size=1']).status, 'missing');
    assert.equal(cacheFiles(cache).length, 3);
    assert.equal(run(join(dir, 'bundle-5.js'), cache).status, 'accepted');
  });

  test('a write keeps the four newest other cache files and removes the older ones', () => {
    const dir = workspace('prune');
    const cache = join(dir, 'cache');
    mkdirSync(cache, { mode: 0o700 });
    const old = Array.from({ length: 6 }, (_, i) => `server-old${i}.bin`);
    old.forEach((name, i) => {
      writeFileSync(join(cache, name), 'x');
      const when = new Date(Date.now() - (i + 1) * 60_000); // old0 newest
      utimesSync(join(cache, name), when, when);
    });
    writeFileSync(join(cache, 'notes.txt'), 'not a cache file');
    run(writeBundle(dir, 7), cache);
    const left = readdirSync(cache).sort();
    assert.equal(left.length, 6, left.join(', '));
    assert.deepEqual(
      left.filter((n) => n.startsWith('server-old')),
      ['server-old0.bin', 'server-old1.bin', 'server-old2.bin', 'server-old3.bin'],
    );
    assert.ok(left.includes('notes.txt'));
  });

  test("the CLI's cache: written at exit, under a name of its own, and pruned apart from the server's", () => {
    const dir = workspace('cli');
    const cache = join(dir, 'cache');
    mkdirSync(cache, { mode: 0o700 });
    const servers = Array.from({ length: 5 }, (_, i) => `server-old${i}.bin`);
    for (const name of servers) writeFileSync(join(cache, name), 'x');
    // A bundle that keeps the process alive for no timer: the cache is written when it exits.
    const bundle = join(dir, 'cli-bundle.js');
    writeFileSync(bundle, 'console.log(JSON.stringify({ sum: [1, 2, 3].reduce((a, b) => a + b, 0) }));\n');
    const cli = { program: 'cli', atExit: true };
    assert.deepEqual(run(bundle, cache, [], cli), { output: '{"sum":6}', status: 'missing' });
    const written = cacheFiles(cache).filter((n) => n.startsWith('cli-'));
    assert.equal(written.length, 1);
    const bytes = readFileSync(join(cache, written[0]!));
    assert.deepEqual(run(bundle, cache, [], cli), { output: '{"sum":6}', status: 'accepted' });
    assert.deepEqual(readFileSync(join(cache, written[0]!)), bytes, 'a good cache is not rewritten');
    // The CLI's write pruned none of the five server files (each program keeps four besides its own).
    assert.deepEqual(
      cacheFiles(cache).filter((n) => n.startsWith('server-')),
      servers,
    );
    // And a server write prunes server files only.
    run(writeBundle(dir, 11), cache);
    assert.equal(cacheFiles(cache).filter((n) => n.startsWith('server-')).length, 5);
    assert.deepEqual(
      cacheFiles(cache).filter((n) => n.startsWith('cli-')),
      written,
    );
  });

  test('no usable folder: no cache, the bundle runs all the same', () => {
    const dir = workspace('nofolder');
    const bundle = writeBundle(dir, 8);
    assert.deepEqual(run(bundle, undefined), { output: expectedOutput(8), status: 'off' });
    const aFile = join(dir, 'a-file');
    writeFileSync(aFile, '');
    assert.deepEqual(run(bundle, aFile), { output: expectedOutput(8), status: 'off' });
    assert.deepEqual(run(bundle, join(aFile, 'below')), { output: expectedOutput(8), status: 'off' });
  });

  test('a folder others can write is not used', { skip: process.platform === 'win32' }, () => {
    const dir = workspace('shared');
    const cache = join(dir, 'cache');
    mkdirSync(cache);
    chmodSync(cache, 0o777);
    assert.deepEqual(run(writeBundle(dir, 9), cache), { output: expectedOutput(9), status: 'off' });
    assert.deepEqual(cacheFiles(cache), []);
  });
});

describe('the code cache folder', () => {
  const home = '/home/u';
  test('DCM_CODE_CACHE_DIR wins; set but empty, there is no cache', () => {
    assert.equal(codeCacheDir({ DCM_CODE_CACHE_DIR: '/c' }, 'linux', home), '/c');
    assert.equal(codeCacheDir({ DCM_CODE_CACHE_DIR: '' }, 'linux', home), undefined);
  });

  test("else the platform's user cache folder", () => {
    assert.equal(codeCacheDir({}, 'linux', home), '/home/u/.cache/docker-cache-mounts/code-cache');
    assert.equal(codeCacheDir({ XDG_CACHE_HOME: '/x' }, 'linux', home), '/x/docker-cache-mounts/code-cache');
    assert.equal(
      codeCacheDir({ XDG_CACHE_HOME: 'rel' }, 'linux', home),
      '/home/u/.cache/docker-cache-mounts/code-cache',
    );
    assert.equal(codeCacheDir({}, 'darwin', home), '/home/u/Library/Caches/docker-cache-mounts/code-cache');
    assert.equal(codeCacheDir({}, 'linux', ''), undefined);
    assert.equal(codeCacheDir({}, 'linux', 'relative'), undefined);
  });

  test('on Windows, LOCALAPPDATA (Windows path rules on every platform)', () => {
    assert.equal(codeCacheDir({ LOCALAPPDATA: 'C:\\L' }, 'win32', 'C:\\U'), 'C:\\L\\docker-cache-mounts\\code-cache');
    assert.equal(codeCacheDir({}, 'win32', 'C:\\U'), undefined);
  });
});
