// yarn, v1 and Berry (v2+), docs/semantics.md#yarn-cache. One Tool, because both run as `yarn` and the
// Dockerfile rarely says which one runs; the version decides the directory:
// - v1: `--cache-folder` / YARN_CACHE_FOLDER, else `$XDG_CACHE_HOME/yarn`, else `<userHome>/.cache/yarn`
//   where userHome is /usr/local/share when root on Linux (yarn `user-home-dir.js`), else HOME.
// - Berry: enableGlobalCache defaults to true, so `~/.yarn/berry/cache` (`$YARN_GLOBAL_FOLDER/cache`)
//   and YARN_CACHE_FOLDER is ignored (yarnpkg/berry#6302); with YARN_ENABLE_GLOBAL_CACHE=false the
//   cache is the project's `.yarn/cache` (or YARN_CACHE_FOLDER).
// Evidence of Berry: `--immutable`, `--immutable-cache`, `--check-cache`, `--mode`, `yarn dlx`, or a
// YARN_ENABLE_GLOBAL_CACHE / YARN_GLOBAL_FOLDER variable (Berry-only settings).
// Evidence of v1: `--cache-folder` (Berry has no such flag), whose value is then the dir. Without
// evidence the dir is unknown (so v1's default, which needs the user, is never claimed): a
// `.yarnrc.yml` with yarnPath makes even a v1 `yarn` run Berry, so nothing else counts as evidence.
import type { SimpleCommand } from '../shell/types';
import { known, unknown } from '../value';
import { parseBoolish } from './bool';
import { effectiveHome, firstSet, joinDir, movedBy } from './cache-dir';
import { envDir, absoluteDir, expandWithEnv, findFlag, isProgram, subcommandOf } from './flags';
import type { EnvLookup, Tool, ToolCacheResolution } from './types';

const VALUE_OPTIONS = new Set([
  '--cache-folder',
  '--cwd',
  '--modules-folder',
  '--mode',
  '--registry',
  '--network-timeout',
  '--mutex',
]);
const USES_CACHE = new Set(['install', 'add', 'upgrade', 'up', 'dlx', 'global', 'import', 'workspaces', 'workspace']);
const BERRY_FLAGS = ['--immutable', '--immutable-cache', '--check-cache', '--mode'];
const BERRY_VARS = ['YARN_ENABLE_GLOBAL_CACHE', 'YARN_GLOBAL_FOLDER'];

function yarnArgs(command: SimpleCommand) {
  return isProgram(command, ['yarn', 'yarnpkg']) ? subcommandOf(command, VALUE_OPTIONS) : undefined;
}

type YarnVersion = 'v1' | 'berry' | undefined;

function yarnVersion(command: SimpleCommand, env: EnvLookup): YarnVersion {
  const args = command.words.slice(1);
  if (findFlag(args, ['--cache-folder'], true)) return 'v1';
  if (findFlag(args, BERRY_FLAGS, true) || ['dlx'].includes(yarnArgs(command)?.sub ?? '')) return 'berry';
  if (BERRY_VARS.some((name) => envDir(env, name))) return 'berry';
  return undefined;
}

/** v1 is only recognised by its own `--cache-folder` flag, whose value is then the cache dir. */
function v1(command: SimpleCommand, env: EnvLookup): ToolCacheResolution {
  const flag = findFlag(command.words.slice(1), ['--cache-folder'], true);
  if (flag?.value !== undefined)
    return { cacheDir: absoluteDir(expandWithEnv(flag.value, env)), source: '--cache-folder flag (yarn v1)' };
  return { cacheDir: unknown('yarn v1 without a --cache-folder value'), source: '--cache-folder flag (yarn v1)' };
}

function berry(env: EnvLookup, home: ReturnType<typeof effectiveHome>): ToolCacheResolution {
  const globalCache = env.get('YARN_ENABLE_GLOBAL_CACHE');
  if (!globalCache.known) return { cacheDir: globalCache, source: 'YARN_ENABLE_GLOBAL_CACHE (yarn Berry)' };
  if (globalCache.value !== undefined && parseBoolish(globalCache.value) === false) {
    const folder = envDir(env, 'YARN_CACHE_FOLDER');
    if (folder?.dir.known && folder.dir.value.startsWith('/'))
      return { cacheDir: folder.dir, source: `${folder.source} (yarn Berry, global cache off)` };
    return {
      cacheDir: unknown("yarn Berry's project cache: <project>/.yarn/cache"),
      source: 'YARN_ENABLE_GLOBAL_CACHE=false (yarn Berry)',
    };
  }
  const globalFolder = envDir(env, 'YARN_GLOBAL_FOLDER');
  if (globalFolder) {
    return {
      cacheDir: globalFolder.dir.known ? known(joinDir(globalFolder.dir.value, 'cache')) : globalFolder.dir,
      source: `$YARN_GLOBAL_FOLDER/cache (${globalFolder.source}, yarn Berry)`,
    };
  }
  const xdgData = firstSet(env, ['XDG_DATA_HOME']);
  if (xdgData) return movedBy(xdgData.name, xdgData.source, "yarn Berry's global folder may follow it");
  const source = '$HOME/.yarn/berry/cache (yarn Berry global cache)';
  if (!home.known) return { cacheDir: unknown(`HOME is unknown: ${home.reason}`), source };
  return { cacheDir: known(joinDir(home.value, '.yarn/berry/cache')), source };
}

export const yarnTool: Tool = {
  id: 'yarn',
  displayName: 'yarn',
  program: 'yarn',
  defaultCacheId: 'yarn-cache',
  cacheEnvVars: ['YARN_CACHE_FOLDER', 'YARN_GLOBAL_FOLDER', 'YARN_ENABLE_GLOBAL_CACHE'],
  matches(command) {
    const a = yarnArgs(command);
    // `yarn` alone (or with options only) installs.
    return a !== undefined && (a.sub === undefined || USES_CACHE.has(a.sub));
  },
  resolveCacheDir(command, env, home) {
    const h = effectiveHome(env, home);
    const version = yarnVersion(command, env);
    if (version === 'v1') return v1(command, env);
    if (version === 'berry') return berry(env, h);
    return {
      cacheDir: unknown('the yarn version is unknown: v1 and Berry cache in different directories'),
      source:
        'yarn version unknown (v1: ~/.cache/yarn or /usr/local/share/.cache/yarn for root; Berry: ~/.yarn/berry/cache)',
    };
  },
  reconfiguredBy(command) {
    const a = yarnArgs(command);
    // `yarn config set cache-folder|cacheFolder ...`, and `yarn set version` (switches v1/Berry).
    return (
      (a?.sub === 'config' &&
        a.args.some((w) => /^(cache-folder|cacheFolder|enableGlobalCache|globalFolder)$/.test(w.value))) ||
      a?.sub === 'set'
    );
  },
  disabled() {
    return undefined;
  },
  /**
   * `yarn cache clean` without package names: v1 clears its global cache (classic.yarnpkg.com/en/docs/cli/cache,
   * "Running this command will clear the global cache"); Berry needs `--all`/`--mirror` to touch the global one.
   */
  wipes(command) {
    const a = yarnArgs(command);
    if (a?.sub !== 'cache') return false;
    const rest = a.args.slice(a.index + 1).map((w) => w.value);
    if (rest[0] !== 'clean') return false;
    const names = rest.slice(1).filter((v) => !v.startsWith('-'));
    return names.length === 0;
  },
  looksLikeCacheDir(path) {
    return /(^|\/)(\.cache\/yarn|\.yarn\/berry\/cache|yarn-cache|\.yarn-cache)$/.test(path.replace(/\/+$/, ''));
  },
};
