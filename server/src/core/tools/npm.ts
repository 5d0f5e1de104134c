// npm (docs/semantics.md#npm-cache): cache in `--cache` / npm_config_cache, else $HOME/.npm (npm docs: "Posix:
// ~/.npm"; Docker docs mount /root/.npm). Other spellings of the config variable (NPM_CONFIG_CACHE)
// and an .npmrc can move it too: a set NPM_CONFIG_CACHE makes the dir unknown; an .npmrc copied
// into the image is not visible here. `npm cache clean --force` empties the cache (CM005).
import type { SimpleCommand } from '../shell/types';
import { firstSet, movedBy, underHome } from './cache-dir';
import { envDir, absoluteDir, expandWithEnv, findFlag, isProgram, subcommandOf } from './flags';
import type { Tool } from './types';

const VALUE_OPTIONS = new Set([
  '--cache',
  '--prefix',
  '-C',
  '--registry',
  '--userconfig',
  '--globalconfig',
  '-w',
  '--workspace',
]);
const USES_CACHE = new Set([
  'install',
  'i',
  'in',
  'ins',
  'inst',
  'insta',
  'instal',
  'isnt',
  'isnta',
  'isntal',
  'isntall',
  'add',
  'ci',
  'clean-install',
  'ic',
  'install-clean',
  'isntall-clean',
  'install-ci-test',
  'cit',
  'install-test',
  'it',
  'update',
  'up',
  'upgrade',
  'udpate',
  'exec',
  'x',
  'pack',
  'rebuild',
]);

function npmArgs(command: SimpleCommand) {
  return isProgram(command, ['npm']) ? subcommandOf(command, VALUE_OPTIONS) : undefined;
}

export const npmTool: Tool = {
  id: 'npm',
  displayName: 'npm',
  program: 'npm',
  defaultCacheId: 'npm-cache',
  cacheEnvVars: ['npm_config_cache'],
  cacheDirEnvVar: 'npm_config_cache',
  matches(command) {
    if (isProgram(command, ['npx'])) return true;
    const sub = npmArgs(command)?.sub;
    return sub !== undefined && USES_CACHE.has(sub);
  },
  resolveCacheDir(command, env, home) {
    const flag = findFlag(command.words.slice(1), ['--cache'], true);
    if (flag?.value !== undefined)
      return { cacheDir: absoluteDir(expandWithEnv(flag.value, env)), source: '--cache flag' };
    const fromEnv = envDir(env, 'npm_config_cache');
    if (fromEnv) return { cacheDir: fromEnv.dir, source: fromEnv.source };
    const other = firstSet(env, ['NPM_CONFIG_CACHE']);
    if (other) return movedBy(other.name, other.source, 'npm reads it as its cache setting');
    return underHome(env, home, '.npm', 'npm_config_cache not set in this Dockerfile');
  },
  disabled() {
    return undefined;
  },
  looksLikeCacheDir(path) {
    return /(^|\/)(\.npm|npm-cache|\.npm-cache)$/.test(path.replace(/\/+$/, ''));
  },
  reconfiguredBy(command) {
    const a = npmArgs(command);
    return a?.sub === 'config' && a.args.some((w) => w.value === 'cache' || w.value.startsWith('cache='));
  },
  wipes(command) {
    const a = npmArgs(command);
    if (a?.sub !== 'cache') return false;
    const rest = a.args.slice(a.index + 1).map((w) => w.value);
    // Without --force, `npm cache clean` refuses and fails (npm >= 5): only the forced form empties it.
    return (
      rest[0] === 'clean' &&
      (rest.includes('--force') || rest.includes('-f') || a.args.some((w) => w.value === '--force'))
    );
  },
};
