// poetry (docs/semantics.md#poetry-cache): cache dir POETRY_CACHE_DIR, else the `cache-dir` setting, else
// `~/.cache/pypoetry` (XDG: `$XDG_CACHE_HOME/pypoetry`). Its virtualenvs default to
// `{cache-dir}/virtualenvs`: with a cache mount they vanish after the RUN unless
// virtualenvs.in-project / virtualenvs.create=false. A `poetry config cache-dir` in the same RUN
// makes the dir unknown; one in an earlier RUN (or a poetry.toml) is not visible here.
import type { SimpleCommand } from '../shell/types';
import { xdgOrHomeCache } from './cache-dir';
import { envDir, isProgram, subcommandOf } from './flags';
import type { Tool } from './types';

const USES_CACHE = new Set(['install', 'add', 'update', 'lock', 'sync', 'export', 'show']);

function poetrySub(command: SimpleCommand): string | undefined {
  return isProgram(command, ['poetry'])
    ? subcommandOf(command, new Set(['-C', '--directory', '-P', '--project'])).sub
    : undefined;
}

export const poetryTool: Tool = {
  id: 'poetry',
  displayName: 'poetry',
  program: 'poetry',
  defaultCacheId: 'poetry-cache',
  cacheEnvVars: ['POETRY_CACHE_DIR', 'XDG_CACHE_HOME'],
  cacheDirEnvVar: 'POETRY_CACHE_DIR',
  matches(command) {
    const sub = poetrySub(command);
    return sub !== undefined && USES_CACHE.has(sub);
  },
  resolveCacheDir(_command, env, home) {
    const fromEnv = envDir(env, 'POETRY_CACHE_DIR');
    if (fromEnv) return { cacheDir: fromEnv.dir, source: fromEnv.source };
    return xdgOrHomeCache(env, home, 'pypoetry', 'POETRY_CACHE_DIR');
  },
  disabled() {
    return undefined;
  },
  looksLikeCacheDir(path) {
    return /(^|\/)(\.cache\/pypoetry|pypoetry)$/.test(path.replace(/\/+$/, ''));
  },
  reconfiguredBy(command) {
    return poetrySub(command) === 'config' && command.words.some((w) => w.value === 'cache-dir');
  },
};
