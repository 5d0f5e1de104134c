// pnpm >= 7 (docs/semantics.md#pnpm-store): store at `$PNPM_HOME/store`, else `$XDG_DATA_HOME/pnpm/store`, else
// `$HOME/.local/share/pnpm/store` (pnpm <= 6 used ~/.pnpm-store). pnpm's Docker guide:
// `ENV PNPM_HOME="/pnpm"` and `--mount=type=cache,id=pnpm,target=/pnpm/store`. `--store-dir` (the
// command-line form of the `store-dir` setting) moves it; npm_config_store_dir or an .npmrc
// `store-dir` may too: a set variable makes the dir unknown.
import type { SimpleCommand } from '../shell/types';
import { known } from '../value';
import { firstSet, joinDir, movedBy, underHome } from './cache-dir';
import { envDir, absoluteDir, expandWithEnv, findFlag, isProgram, subcommandOf } from './flags';
import type { Tool } from './types';

const VALUE_OPTIONS = new Set(['--store-dir', '-C', '--dir', '--filter', '-F', '--reporter', '--registry']);
const USES_CACHE = new Set([
  'install',
  'i',
  'add',
  'update',
  'up',
  'upgrade',
  'fetch',
  'import',
  'deploy',
  'dlx',
  'rebuild',
  'rb',
]);

function pnpmArgs(command: SimpleCommand) {
  return isProgram(command, ['pnpm']) ? subcommandOf(command, VALUE_OPTIONS) : undefined;
}

export const pnpmTool: Tool = {
  id: 'pnpm',
  displayName: 'pnpm',
  program: 'pnpm',
  defaultCacheId: 'pnpm-store',
  cacheEnvVars: ['PNPM_HOME', 'XDG_DATA_HOME'],
  matches(command) {
    if (isProgram(command, ['pnpx'])) return true;
    const a = pnpmArgs(command);
    // `pnpm` alone is `pnpm install`.
    return (
      a !== undefined &&
      (a.sub === undefined
        ? a.args.length === 0 || a.args.every((w) => w.value.startsWith('-'))
        : USES_CACHE.has(a.sub))
    );
  },
  resolveCacheDir(command, env, home) {
    const flag = findFlag(command.words.slice(1), ['--store-dir'], true);
    if (flag?.value !== undefined)
      return { cacheDir: absoluteDir(expandWithEnv(flag.value, env)), source: '--store-dir flag' };
    const other = firstSet(env, ['npm_config_store_dir', 'NPM_CONFIG_STORE_DIR']);
    if (other) return movedBy(other.name, other.source, 'pnpm reads it as its store-dir setting');
    const pnpmHome = envDir(env, 'PNPM_HOME');
    if (pnpmHome) {
      return {
        cacheDir: pnpmHome.dir.known ? known(joinDir(pnpmHome.dir.value, 'store')) : pnpmHome.dir,
        source: `$PNPM_HOME/store (${pnpmHome.source})`,
      };
    }
    const xdg = envDir(env, 'XDG_DATA_HOME');
    if (xdg)
      return {
        cacheDir: xdg.dir.known ? known(joinDir(xdg.dir.value, 'pnpm/store')) : xdg.dir,
        source: `$XDG_DATA_HOME/pnpm/store (${xdg.source})`,
      };
    return underHome(env, home, '.local/share/pnpm/store', 'PNPM_HOME not set in this Dockerfile');
  },
  reconfiguredBy(command) {
    const a = pnpmArgs(command);
    return a?.sub === 'config' && a.args.some((w) => w.value === 'store-dir' || w.value.startsWith('store-dir='));
  },
  disabled() {
    return undefined;
  },
  looksLikeCacheDir(path) {
    return /(^|\/)(pnpm\/store|\.pnpm-store|pnpm-store)$/.test(path.replace(/\/+$/, ''));
  },
};
