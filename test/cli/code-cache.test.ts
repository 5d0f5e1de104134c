// dist/cli.js runs the CLI's bundle (dist/cli-main.js) through a V8 code cache (server/src/common/code-cache.ts):
// the first `check` writes it when it exits, the next runs use it, and whatever the cache holds the output is
// the same as without one.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  makeTempDir,
  PIP_NO_CACHE_DOCKERFILE,
  REPO_ROOT,
  removeDir,
  UV_ROOT_DOCKERFILE,
  writeTree,
} from './cli-helpers';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');

describe('dist/cli.js code cache', () => {
  let dir = '';
  let files = '';
  before(() => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run \`npm run build\` before the tests (npm test does)`);
    dir = makeTempDir('cli-code-cache');
    files = join(dir, 'files');
    writeTree(files, { Dockerfile: PIP_NO_CACHE_DOCKERFILE, 'uv/Dockerfile': UV_ROOT_DOCKERFILE });
  });
  after(() => removeDir(dir));

  /** `check --format json` over the files with the cache in `cacheDir` ('' : none). */
  function check(cacheDir: string) {
    const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '--fail-level', 'none', files], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, DCM_CODE_CACHE_DIR: cacheDir },
    });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    return r.stdout;
  }

  function cliCaches(cacheDir: string): string[] {
    return readdirSync(cacheDir).filter((n) => n.startsWith('cli-') && n.endsWith('.bin'));
  }

  test('written by the first run, used unchanged by the next, the same output every time', () => {
    const cache = join(dir, 'cache');
    const expected = check('');
    assert.match(expected, /"CM005"/);
    assert.equal(check(cache), expected);
    const written = cliCaches(cache);
    assert.equal(written.length, 1);
    const path = join(cache, written[0]!);
    const bytes = readFileSync(path);
    assert.equal(check(cache), expected);
    assert.equal(check(cache), expected);
    assert.deepEqual(readFileSync(path), bytes, 'a good cache is not rewritten');
    assert.deepEqual(cliCaches(cache), written);
  });

  test('a corrupt cache file is ignored and replaced; the output is the same', () => {
    const cache = join(dir, 'corrupt');
    const expected = check('');
    check(cache);
    const path = join(cache, cliCaches(cache)[0]!);
    const good = readFileSync(path);
    const flipped = Buffer.from(good);
    flipped[flipped.length - 100]! ^= 0xff;
    for (const bad of [flipped, good.subarray(0, good.length >> 1), Buffer.from('not a cache')]) {
      writeFileSync(path, bad);
      assert.equal(check(cache), expected);
      const replaced = readFileSync(path);
      assert.notDeepEqual(replaced, bad, 'replaced');
      assert.ok(replaced.length > 1000, 'by a whole cache');
      assert.equal(check(cache), expected);
      assert.deepEqual(readFileSync(path), replaced, 'and then used as it is');
    }
  });

  test('--version, --help and explain use a cache but do not write one: a check does', () => {
    const cache = join(dir, 'only-check');
    for (const args of [['--version'], ['--help'], ['explain', 'CM001']]) {
      const r = spawnSync(process.execPath, [CLI, ...args], {
        encoding: 'utf8',
        env: { ...process.env, DCM_CODE_CACHE_DIR: cache },
      });
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(existsSync(cache) ? cliCaches(cache) : [], [], args.join(' '));
    }
    check(cache);
    assert.equal(cliCaches(cache).length, 1);
  });

  test(
    "the user's cache folder by default; DCM_CODE_CACHE_DIR set but empty: none",
    { skip: process.platform !== 'linux' },
    () => {
      const xdg = join(dir, 'xdg');
      const run = (env: NodeJS.ProcessEnv) => {
        const { DCM_CODE_CACHE_DIR: _unset, ...rest } = process.env;
        const r = spawnSync(process.execPath, [CLI, 'check', '--fail-level', 'none', files], {
          encoding: 'utf8',
          env: { ...rest, ...env },
        });
        assert.equal(r.status, 0, r.stderr);
      };
      run({ XDG_CACHE_HOME: xdg, DCM_CODE_CACHE_DIR: '' });
      assert.equal(existsSync(xdg), false);
      run({ XDG_CACHE_HOME: xdg });
      assert.equal(cliCaches(join(xdg, 'docker-cache-mounts', 'code-cache')).length, 1);
    },
  );
});
