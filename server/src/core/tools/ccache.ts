// ccache (docs/semantics.md#ccache-dir): CCACHE_DIR, else `~/.ccache` if that directory exists, else (ccache >= 4)
// `$XDG_CACHE_HOME/ccache` or `~/.cache/ccache`. Whether ~/.ccache exists is not visible in a
// Dockerfile, so without CCACHE_DIR the dir is unknown. Only explicit `ccache` commands are
// recognised (compilers wrapped through PATH or CC are not visible either).
import { unknown } from '../value';
import { envDir, isProgram } from './flags';
import type { Tool } from './types';

export const ccacheTool: Tool = {
  id: 'ccache',
  displayName: 'ccache',
  program: 'ccache',
  defaultCacheId: 'ccache',
  cacheEnvVars: ['CCACHE_DIR'],
  cacheDirEnvVar: 'CCACHE_DIR',
  matches(command) {
    return isProgram(command, ['ccache']) && command.words.length > 1;
  },
  resolveCacheDir(_command, env) {
    const fromEnv = envDir(env, 'CCACHE_DIR');
    if (fromEnv) return { cacheDir: fromEnv.dir, source: fromEnv.source };
    return {
      cacheDir: unknown('ccache uses ~/.ccache when it exists, else ~/.cache/ccache'),
      source:
        'CCACHE_DIR not set in this Dockerfile (~/.ccache if it exists, else $XDG_CACHE_HOME/ccache or ~/.cache/ccache)',
    };
  },
  disabled() {
    return undefined;
  },
  looksLikeCacheDir(path) {
    return /(^|\/)(\.ccache|\.cache\/ccache)$/.test(path.replace(/\/+$/, ''));
  },
};
