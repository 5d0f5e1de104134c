// gradle (docs/semantics.md#gradle-user-home): caches under `$GRADLE_USER_HOME` (default `~/.gradle`), in its `caches`
// dir. The official gradle image's user and home are UNVERIFIED, so GRADLE_USER_HOME from an
// external base image is unknown. `-g` / `--gradle-user-home` and GRADLE_OPTS (gradle.user.home)
// move it as well: the dir is then unknown.
import { known } from '../value';
import { joinDir, movedBy, underHome } from './cache-dir';
import { describeOrigin, envDir, isProgram } from './flags';
import type { Tool } from './types';

export const gradleTool: Tool = {
  id: 'gradle',
  displayName: 'gradle',
  program: 'gradle',
  defaultCacheId: 'gradle-cache',
  cacheEnvVars: ['GRADLE_USER_HOME'],
  imageEnvVars: ['GRADLE_USER_HOME'],
  matches(command) {
    return isProgram(command, ['gradle', 'gradlew']) && command.words.length > 1;
  },
  resolveCacheDir(command, env, home) {
    const flag = command.words.find(
      (w) => w.value === '-g' || w.value === '--gradle-user-home' || w.value.startsWith('--gradle-user-home='),
    );
    if (flag)
      return movedBy(flag.value.split('=')[0]!, `${flag.value.split('=')[0]} flag`, 'gradle uses another user home');
    // GRADLE_OPTS holds JVM options, not a directory: read it as text.
    const opts = env.get('GRADLE_OPTS');
    if (!opts.known || opts.value?.includes('gradle.user.home')) {
      return movedBy(
        'GRADLE_OPTS',
        describeOrigin('GRADLE_OPTS', env.origin?.('GRADLE_OPTS')),
        'it may set gradle.user.home',
      );
    }
    const fromEnv = envDir(env, 'GRADLE_USER_HOME');
    if (fromEnv)
      return {
        cacheDir: fromEnv.dir.known ? known(joinDir(fromEnv.dir.value, 'caches')) : fromEnv.dir,
        source: `$GRADLE_USER_HOME/caches (${fromEnv.source})`,
      };
    return underHome(env, home, '.gradle/caches', 'GRADLE_USER_HOME not set in this Dockerfile');
  },
  disabled() {
    return undefined;
  },
  looksLikeCacheDir(path) {
    return /(^|\/)\.gradle(\/caches)?$/.test(path.replace(/\/+$/, ''));
  },
};
