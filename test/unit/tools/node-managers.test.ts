import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { APP_HOME, cmd, env, matches, modelDir, NO_HOME, resolve, tool } from './helpers';
import { known } from '../../../server/src/core/value';

describe('npm', () => {
  test('real spellings match; non-installing commands do not', () => {
    for (const t of [
      'npm ci',
      'npm install',
      'npm i --omit=dev',
      'npm --prefix /app ci',
      'npm install -g pnpm',
      'npx prettier .',
      'npm exec -- tsc',
    ])
      assert.ok(matches('npm', t), t);
    for (const t of ['npm run build', 'npm test', 'npm --version', 'pnpm install']) assert.ok(!matches('npm', t), t);
  });
  test('default ~/.npm for root and non-root HOME', () => {
    assert.equal(resolve('npm', 'npm ci'), '/root/.npm');
    assert.equal(resolve('npm', 'npm ci', {}, APP_HOME), '/home/app/.npm');
    assert.equal(resolve('npm', 'npm ci', {}, NO_HOME), 'unknown');
  });
  test('npm_config_cache and --cache move it; NPM_CONFIG_CACHE makes it unknown', () => {
    assert.equal(resolve('npm', 'npm ci', { npm_config_cache: '/cache/npm' }), '/cache/npm');
    assert.equal(resolve('npm', 'npm ci --cache /tmp/npm', { npm_config_cache: '/cache/npm' }), '/tmp/npm');
    assert.equal(resolve('npm', 'npm install --cache=/tmp/npm'), '/tmp/npm');
    assert.equal(resolve('npm', 'npm ci', { NPM_CONFIG_CACHE: '/x' }), 'unknown');
  });
  test('npm cache clean --force wipes; without --force it does not (npm refuses)', () => {
    const npm = tool('npm');
    assert.ok(npm.wipes?.(cmd('npm cache clean --force')));
    assert.ok(npm.wipes?.(cmd('npm cache clean -f')));
    assert.ok(!npm.wipes?.(cmd('npm cache clean')));
    assert.ok(!npm.wipes?.(cmd('npm cache verify')));
  });
  test('npm config set cache reconfigures', () => {
    assert.ok(tool('npm').reconfiguredBy?.(cmd('npm config set cache /x')));
    assert.ok(!tool('npm').reconfiguredBy?.(cmd('npm config set registry https://r')));
  });
  test('usual paths', () => {
    assert.ok(tool('npm').looksLikeCacheDir('/root/.npm'));
    assert.ok(!tool('npm').looksLikeCacheDir('/app/node_modules'));
  });
});

describe('yarn (v1 and Berry)', () => {
  const yarn = tool('yarn');
  test('matches installs, not scripts', () => {
    for (const t of [
      'yarn',
      'yarn install --frozen-lockfile',
      'yarn install --immutable',
      'yarn add lodash',
      'yarnpkg install',
    ])
      assert.ok(matches('yarn', t), t);
    for (const t of ['yarn build', 'yarn run test', 'yarn cache clean']) assert.ok(!matches('yarn', t), t);
  });
  test('the version is unknown without evidence: unknown dir (v1 and Berry differ)', () => {
    assert.equal(resolve('yarn', 'yarn install --frozen-lockfile'), 'unknown');
    assert.equal(resolve('yarn', 'yarn install', { YARN_CACHE_FOLDER: '/c' }), 'unknown');
  });
  test('v1 is recognised by --cache-folder (Berry has none): its value is the dir, over YARN_CACHE_FOLDER', () => {
    assert.equal(resolve('yarn', 'yarn install --cache-folder /yc'), '/yc');
    assert.equal(
      resolve('yarn', 'yarn install --frozen-lockfile --cache-folder=/yc', { YARN_CACHE_FOLDER: '/env' }),
      '/yc',
    );
    assert.match(tool('yarn').resolveCacheDir(cmd('yarn --cache-folder /yc'), env(), known('/root')).source, /yarn v1/);
  });
  test('Berry (--immutable, YARN_GLOBAL_FOLDER...): ~/.yarn/berry/cache, ignoring YARN_CACHE_FOLDER (berry#6302)', () => {
    assert.equal(resolve('yarn', 'yarn install --immutable'), '/root/.yarn/berry/cache');
    assert.equal(resolve('yarn', 'yarn install --immutable', {}, APP_HOME), '/home/app/.yarn/berry/cache');
    assert.equal(
      resolve('yarn', 'yarn install --immutable', { YARN_CACHE_FOLDER: '/ignored' }),
      '/root/.yarn/berry/cache',
    );
    assert.equal(resolve('yarn', 'yarn install', { YARN_GLOBAL_FOLDER: '/yg' }), '/yg/cache');
    assert.equal(
      resolve('yarn', 'yarn install', { YARN_ENABLE_GLOBAL_CACHE: 'false', YARN_CACHE_FOLDER: '/yc' }),
      '/yc',
    );
    assert.equal(resolve('yarn', 'yarn install', { YARN_ENABLE_GLOBAL_CACHE: 'false' }), 'unknown');
    assert.equal(resolve('yarn', 'yarn install --immutable', { XDG_DATA_HOME: '/d' }), 'unknown');
  });
  test('usual paths', () => {
    for (const p of ['/usr/local/share/.cache/yarn', '/root/.cache/yarn', '/home/node/.yarn/berry/cache'])
      assert.ok(yarn.looksLikeCacheDir(p), p);
    assert.ok(!yarn.looksLikeCacheDir('/app/.yarn'));
  });
});

describe('pnpm', () => {
  test('matches installs', () => {
    for (const t of [
      'pnpm install --frozen-lockfile',
      'pnpm i',
      'pnpm fetch --prod',
      'pnpm add -D vitest',
      'pnpm',
      'pnpm --filter web install',
    ])
      assert.ok(matches('pnpm', t), t);
    for (const t of ['pnpm run build', 'pnpm test', 'npm i -g pnpm']) assert.ok(!matches('pnpm', t), t);
  });
  test('PNPM_HOME/store, XDG_DATA_HOME/pnpm/store, ~/.local/share/pnpm/store', () => {
    assert.equal(resolve('pnpm', 'pnpm install', { PNPM_HOME: '/pnpm' }), '/pnpm/store');
    assert.equal(resolve('pnpm', 'pnpm install', { XDG_DATA_HOME: '/data' }), '/data/pnpm/store');
    assert.equal(resolve('pnpm', 'pnpm install'), '/root/.local/share/pnpm/store');
    assert.equal(resolve('pnpm', 'pnpm install', {}, APP_HOME), '/home/app/.local/share/pnpm/store');
  });
  test('--store-dir moves it; npm_config_store_dir makes it unknown; pnpm config set store-dir reconfigures', () => {
    assert.equal(resolve('pnpm', 'pnpm install --store-dir /s', { PNPM_HOME: '/pnpm' }), '/s');
    assert.equal(resolve('pnpm', 'pnpm install', { npm_config_store_dir: '/s' }), 'unknown');
    assert.ok(tool('pnpm').reconfiguredBy?.(cmd('pnpm config set store-dir /s')));
  });
  test('usual paths: pnpm docs /pnpm/store, old ~/.pnpm-store', () => {
    assert.ok(tool('pnpm').looksLikeCacheDir('/pnpm/store'));
    assert.ok(tool('pnpm').looksLikeCacheDir('/root/.local/share/pnpm/store'));
    assert.ok(tool('pnpm').looksLikeCacheDir('/root/.pnpm-store'));
  });
  test('model: ENV PNPM_HOME as in the pnpm Docker guide', () => {
    assert.equal(
      modelDir('FROM node:20-slim\nENV PNPM_HOME="/pnpm"\nRUN pnpm install --prod --frozen-lockfile\n', 'pnpm'),
      '/pnpm/store',
    );
  });
});

describe('bun', () => {
  test('matches bun install/add', () => {
    for (const t of ['bun install', 'bun install --frozen-lockfile', 'bun add zod', 'bun i'])
      assert.ok(matches('bun', t), t);
    for (const t of ['bun run build', 'bun test', 'bunx tsc']) assert.ok(!matches('bun', t), t);
  });
  test('~/.bun/install/cache; BUN_INSTALL_CACHE_DIR moves it; BUN_INSTALL / XDG_CACHE_HOME / --cache-dir: unknown', () => {
    assert.equal(resolve('bun', 'bun install'), '/root/.bun/install/cache');
    assert.equal(resolve('bun', 'bun install', {}, APP_HOME), '/home/app/.bun/install/cache');
    assert.equal(resolve('bun', 'bun install', { BUN_INSTALL_CACHE_DIR: '/bc' }), '/bc');
    assert.equal(resolve('bun', 'bun install', { BUN_INSTALL: '/b' }), 'unknown');
    assert.equal(resolve('bun', 'bun install', { XDG_CACHE_HOME: '/x' }), 'unknown');
    assert.equal(resolve('bun', 'bun install --cache-dir /c'), 'unknown');
  });
  test('model: BUN_INSTALL_CACHE_DIR from an unverified base image is unknown, not unset', () => {
    assert.equal(modelDir('FROM oven/bun:1\nUSER root\nRUN bun install\n', 'bun'), 'unknown');
    // root with no /etc/passwd in the stage: HOME=/ (verified: no-passwd-file-user).
    assert.equal(modelDir('FROM scratch\nRUN bun install\n', 'bun'), '/.bun/install/cache');
  });
});

test('yarn cache clean (no package names) empties the mounted yarn cache: CM005', async () => {
  const { analyze } = await import('../../../server/src/core/engine');
  const { DEFAULT_SETTINGS } = await import('../../../server/src/core/settings');
  const codes = (text: string) =>
    analyze(text, 'file:///w/Dockerfile', 'dockerfile', DEFAULT_SETTINGS)
      .findings.filter((f) => f.severity !== 'hint')
      .map((f) => f.code);
  assert.deepEqual(
    codes(
      'FROM node:18-alpine\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn cache clean && yarn install --frozen-lockfile\n',
    ),
    ['CM005'],
  );
  assert.deepEqual(
    codes(
      'FROM node:18-alpine\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn cache clean left-pad && yarn install\n',
    ),
    [],
  );
});
