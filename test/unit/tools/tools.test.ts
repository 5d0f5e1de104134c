import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseShell } from '../../../server/src/core/shell/parse';
import type { SimpleCommand } from '../../../server/src/core/shell/types';
import { TOOLS, toolById } from '../../../server/src/core/tools';
import { parseBoolish } from '../../../server/src/core/tools/bool';
import type { EnvLookup } from '../../../server/src/core/tools/types';
import { known, unknown, type Maybe } from '../../../server/src/core/value';

const uv = toolById('uv')!;
const pip = toolById('pip')!;
const command = (text: string): { cmd: SimpleCommand; text: string } => ({
  cmd: parseShell(text, 0, text.length).commands[0]!,
  text,
});
const env = (vars: Record<string, string>): EnvLookup => ({ get: (name) => known(vars[name]) });
const HOME: Maybe<string> = known('/root');
const dir = (m: Maybe<string>): string => (m.known ? m.value : `unknown: ${m.reason}`);

describe('registry', () => {
  test('every tool is registered once with its documented default id', () => {
    assert.deepEqual(
      TOOLS.map((t) => [t.id, t.defaultCacheId]),
      [
        ['uv', 'uv-cache'],
        ['pip', 'pip-cache'],
        ['poetry', 'poetry-cache'],
        ['apt', 'apt-cache'],
        ['apt-lists', 'apt-lists'],
        ['apk', 'apk-cache'],
        ['dnf', 'dnf-cache'],
        ['npm', 'npm-cache'],
        ['yarn', 'yarn-cache'],
        ['pnpm', 'pnpm-store'],
        ['bun', 'bun-cache'],
        ['go-build', 'go-build'],
        ['go-mod', 'go-mod'],
        ['cargo-registry', 'cargo-registry'],
        ['cargo-git', 'cargo-git'],
        ['cargo-target', 'cargo-target'],
        ['maven', 'maven-repo'],
        ['gradle', 'gradle-cache'],
        ['composer', 'composer-cache'],
        ['bundler', 'bundler-cache'],
        ['ccache', 'ccache'],
      ],
    );
    assert.equal(new Set(TOOLS.map((t) => t.id)).size, TOOLS.length);
    assert.equal(toolById('nope'), undefined);
  });
  test('only apt asks for sharing=locked', () => {
    assert.deepEqual(
      TOOLS.filter((t) => t.sharing === 'locked').map((t) => t.id),
      ['apt', 'apt-lists'],
    );
  });
  test('the env var a fix may set is one the tool lists', () => {
    for (const t of TOOLS) if (t.cacheDirEnvVar) assert.ok(t.cacheEnvVars.includes(t.cacheDirEnvVar), t.id);
  });
});

describe('uv', () => {
  test('matches uv and uvx, not pip', () => {
    assert.ok(uv.matches(command('uv sync').cmd));
    assert.ok(uv.matches(command('/usr/local/bin/uvx ruff').cmd));
    assert.ok(uv.matches(command('uv pip install x').cmd));
    assert.ok(!uv.matches(command('pip install x').cmd));
  });
  test('cache dir order: --cache-dir, UV_CACHE_DIR, XDG_CACHE_HOME, HOME', () => {
    assert.equal(
      dir(uv.resolveCacheDir(command('uv sync --cache-dir /a').cmd, env({ UV_CACHE_DIR: '/b' }), HOME).cacheDir),
      '/a',
    );
    assert.equal(dir(uv.resolveCacheDir(command('uv --cache-dir=/a sync').cmd, env({}), HOME).cacheDir), '/a');
    assert.equal(
      dir(uv.resolveCacheDir(command('uv sync').cmd, env({ UV_CACHE_DIR: '/b', XDG_CACHE_HOME: '/x' }), HOME).cacheDir),
      '/b',
    );
    assert.equal(
      dir(uv.resolveCacheDir(command('uv sync').cmd, env({ XDG_CACHE_HOME: '/x' }), HOME).cacheDir),
      '/x/uv',
    );
    const fallback = uv.resolveCacheDir(command('uv sync').cmd, env({}), HOME);
    assert.equal(dir(fallback.cacheDir), '/root/.cache/uv');
    assert.equal(fallback.source, '$HOME/.cache/uv (UV_CACHE_DIR not set in this Dockerfile)');
    assert.equal(uv.resolveCacheDir(command('uv sync').cmd, env({}), unknown('base image')).cacheDir.known, false);
  });
  test('an unknown env value keeps the cache dir unknown', () => {
    const lookup: EnvLookup = {
      get: (name) => (name === 'UV_CACHE_DIR' ? unknown('ARG without default') : known(undefined)),
    };
    assert.equal(uv.resolveCacheDir(command('uv sync').cmd, lookup, HOME).cacheDir.known, false);
  });
  test('--no-cache, -n, --no-cache-dir disable, with a removal span including the blank before', () => {
    for (const flag of ['--no-cache', '-n', '--no-cache-dir']) {
      const { cmd, text } = command(`uv sync ${flag} --locked`);
      const d = uv.disabled(cmd, env({}));
      assert.ok(d, flag);
      assert.equal(text.slice(d.span.start, d.span.end), flag);
      assert.equal(text.slice(d.removal!.start, d.removal!.end), ` ${flag}`);
    }
    assert.equal(uv.disabled(command('uv run pytest --no-cache').cmd, env({})), undefined);
  });
  test('UV_NO_CACHE is boolish: 1/true/yes disable, 0/false/off/empty do not', () => {
    for (const v of ['1', 'true', 'YES', 'on', 't', 'y'])
      assert.ok(uv.disabled(command('uv sync').cmd, env({ UV_NO_CACHE: v })), v);
    for (const v of ['0', 'false', 'off', 'no', '', 'maybe'])
      assert.equal(uv.disabled(command('uv sync').cmd, env({ UV_NO_CACHE: v })), undefined, v);
  });
  test('looksLikeCacheDir', () => {
    for (const p of ['/root/.cache/uv', '/home/app/.cache/uv/', '/cache/uv', '/opt/uv-cache'])
      assert.ok(uv.looksLikeCacheDir(p), p);
    for (const p of ['/root/.cache/pip', '/usr/local/bin', '/app']) assert.ok(!uv.looksLikeCacheDir(p), p);
  });
});

describe('pip', () => {
  test('matches pip, pip3, pip3.12 and python -m pip, only for cache-using subcommands', () => {
    for (const t of [
      'pip install x',
      'pip3 download x',
      'pip3.12 wheel .',
      'python -m pip install x',
      'python3.11 -m pip install x',
      'pip --no-cache-dir install x',
    ]) {
      assert.ok(pip.matches(command(t).cmd), t);
    }
    for (const t of ['pip freeze', 'pip --version', 'uv pip install x', 'python -m venv .venv', 'pipx install x'])
      assert.ok(!pip.matches(command(t).cmd), t);
  });
  test('cache dir order: --cache-dir, PIP_CACHE_DIR, XDG_CACHE_HOME, HOME', () => {
    assert.equal(
      dir(
        pip.resolveCacheDir(command('pip install --cache-dir=/a x').cmd, env({ PIP_CACHE_DIR: '/b' }), HOME).cacheDir,
      ),
      '/a',
    );
    assert.equal(
      dir(pip.resolveCacheDir(command('pip install x').cmd, env({ PIP_CACHE_DIR: '/b' }), HOME).cacheDir),
      '/b',
    );
    assert.equal(
      dir(pip.resolveCacheDir(command('pip install x').cmd, env({ XDG_CACHE_HOME: '/x' }), HOME).cacheDir),
      '/x/pip',
    );
    assert.equal(
      dir(pip.resolveCacheDir(command('pip install x').cmd, env({}), known('/home/app')).cacheDir),
      '/home/app/.cache/pip',
    );
  });
  test('--no-cache-dir disables with a removal span', () => {
    const { cmd, text } = command('python3 -m pip install --no-cache-dir -r req.txt');
    const d = pip.disabled(cmd, env({}))!;
    assert.equal(text.slice(d.removal!.start, d.removal!.end), ' --no-cache-dir');
  });
  test('PIP_NO_CACHE_DIR: any valid boolean disables (0/false/off too); an invalid value does not', () => {
    for (const v of ['1', 'true', '0', 'false', 'off', 'no'])
      assert.ok(pip.disabled(command('pip install x').cmd, env({ PIP_NO_CACHE_DIR: v })), v);
    for (const v of ['maybe', ''])
      assert.equal(pip.disabled(command('pip install x').cmd, env({ PIP_NO_CACHE_DIR: v })), undefined, v);
  });
  test('an inline assignment is the span to remove', () => {
    const { cmd, text } = command('PIP_NO_CACHE_DIR=1 pip install x');
    const lookup: EnvLookup = {
      get: (name) => known(name === 'PIP_NO_CACHE_DIR' ? '1' : undefined),
      origin: (name) => (name === 'PIP_NO_CACHE_DIR' ? { kind: 'inline', span: cmd.assignments[0]!.span } : undefined),
    };
    const d = pip.disabled(cmd, lookup)!;
    assert.equal(text.slice(d.removal!.start, d.removal!.end), 'PIP_NO_CACHE_DIR=1');
    assert.equal(d.reason, "PIP_NO_CACHE_DIR=1 disables pip's cache; set on the command");
  });
  test('looksLikeCacheDir', () => {
    assert.ok(pip.looksLikeCacheDir('/root/.cache/pip'));
    assert.ok(!pip.looksLikeCacheDir('/root/.cache/uv'));
  });
});

describe('parseBoolish', () => {
  test('clap and strtobool spellings', () => {
    assert.equal(parseBoolish('On'), true);
    assert.equal(parseBoolish('0'), false);
    assert.equal(parseBoolish('2'), undefined);
  });
});
