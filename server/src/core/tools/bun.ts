// bun (docs/semantics.md#bun-cache): "stored in a global cache at `~/.bun/install/cache`, or the path defined by
// the environment variable `BUN_INSTALL_CACHE_DIR`". bunfig's `[install.cache] dir`, BUN_INSTALL and
// XDG_CACHE_HOME may also matter but no primary source pins them down: when set, the dir is
// unknown. The oven/bun image's ENV is not verified, so BUN_INSTALL* from a base image are unknown.
import type { SimpleCommand } from '../shell/types';
import { firstSet, movedBy, underHome } from './cache-dir';
import { envDir, findFlag, isProgram, subcommandOf } from './flags';
import type { Tool } from './types';

const VALUE_OPTIONS = new Set(['--cwd', '--config', '-c', '--cache-dir', '--registry']);
const USES_CACHE = new Set(['install', 'i', 'add', 'a', 'update', 'ci']);

function bunArgs(command: SimpleCommand) {
  return isProgram(command, ['bun']) ? subcommandOf(command, VALUE_OPTIONS) : undefined;
}

export const bunTool: Tool = {
  id: 'bun',
  displayName: 'bun',
  program: 'bun',
  defaultCacheId: 'bun-cache',
  cacheEnvVars: ['BUN_INSTALL_CACHE_DIR'],
  cacheDirEnvVar: 'BUN_INSTALL_CACHE_DIR',
  imageEnvVars: ['BUN_INSTALL_CACHE_DIR', 'BUN_INSTALL'],
  matches(command) {
    const sub = bunArgs(command)?.sub;
    return sub !== undefined && USES_CACHE.has(sub);
  },
  resolveCacheDir(command, env, home) {
    const flag = findFlag(command.words.slice(1), ['--cache-dir'], true);
    if (flag) return movedBy('--cache-dir', '--cache-dir flag', 'bun caches elsewhere');
    const fromEnv = envDir(env, 'BUN_INSTALL_CACHE_DIR');
    if (fromEnv) return { cacheDir: fromEnv.dir, source: fromEnv.source };
    const other = firstSet(env, ['BUN_INSTALL', 'XDG_CACHE_HOME']);
    if (other) return movedBy(other.name, other.source, "bun's cache dir may follow it");
    return underHome(env, home, '.bun/install/cache', 'BUN_INSTALL_CACHE_DIR not set in this Dockerfile');
  },
  disabled() {
    return undefined;
  },
  looksLikeCacheDir(path) {
    return /(^|\/)\.bun\/install\/cache$/.test(path.replace(/\/+$/, ''));
  },
};
