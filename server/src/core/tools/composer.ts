// composer (docs/semantics.md#composer-cache, composer `Factory::getCacheDir()`): COMPOSER_CACHE_DIR, else
// `$COMPOSER_HOME/cache`, else (XDG mode) `$XDG_CACHE_HOME/composer` or `~/.cache/composer`, else
// `~/.composer/cache`. Whether composer is in XDG mode depends on any XDG_* variable or on /etc/xdg
// existing in the image, so without COMPOSER_* or XDG_CACHE_HOME the dir is unknown. The composer
// image sets `ENV COMPOSER_HOME /tmp` (Docker docs mount /tmp/cache), so COMPOSER_* from an external
// base image are unknown.
import { known, unknown } from '../value';
import { joinDir } from './cache-dir';
import { envDir, isProgram, subcommandOf } from './flags';
import type { Tool } from './types';

const USES_CACHE = new Set([
  'install',
  'i',
  'update',
  'u',
  'upgrade',
  'require',
  'r',
  'create-project',
  'reinstall',
  'remove',
  'rm',
]);

export const composerTool: Tool = {
  id: 'composer',
  displayName: 'composer',
  program: 'composer',
  defaultCacheId: 'composer-cache',
  cacheEnvVars: ['COMPOSER_CACHE_DIR', 'COMPOSER_HOME', 'XDG_CACHE_HOME'],
  cacheDirEnvVar: 'COMPOSER_CACHE_DIR',
  imageEnvVars: ['COMPOSER_HOME'],
  matches(command) {
    if (!isProgram(command, ['composer', 'composer.phar'])) return false;
    const sub = subcommandOf(command, new Set(['-d', '--working-dir'])).sub;
    return sub !== undefined && USES_CACHE.has(sub);
  },
  resolveCacheDir(_command, env) {
    const cacheDir = envDir(env, 'COMPOSER_CACHE_DIR');
    if (cacheDir) return { cacheDir: cacheDir.dir, source: cacheDir.source };
    const home = envDir(env, 'COMPOSER_HOME');
    if (home)
      return {
        cacheDir: home.dir.known ? known(joinDir(home.dir.value, 'cache')) : home.dir,
        source: `$COMPOSER_HOME/cache (${home.source})`,
      };
    const xdg = envDir(env, 'XDG_CACHE_HOME');
    if (xdg)
      return {
        cacheDir: xdg.dir.known ? known(joinDir(xdg.dir.value, 'composer')) : xdg.dir,
        source: `$XDG_CACHE_HOME/composer (${xdg.source})`,
      };
    return {
      cacheDir: unknown('composer uses ~/.cache/composer or ~/.composer/cache depending on /etc/xdg in the image'),
      source: 'COMPOSER_CACHE_DIR / COMPOSER_HOME not set in this Dockerfile',
    };
  },
  disabled() {
    return undefined;
  },
  looksLikeCacheDir(path) {
    return /(^|\/)(\.cache\/composer|\.composer\/cache|composer-cache)$/.test(path.replace(/\/+$/, ''));
  },
};
