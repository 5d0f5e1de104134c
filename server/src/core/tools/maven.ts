// maven (docs/semantics.md#maven-repository): local repository `~/.m2/repository` (Docker's Java guide mounts /root/.m2
// for `./mvnw dependency:go-offline`). `-Dmaven.repo.local=<dir>` moves it. A settings file
// (`-s`, `-gs`, settings.xml localRepository), MAVEN_OPTS with maven.repo.local, or MAVEN_CONFIG
// (UNVERIFIED, docs/semantics.md#tool-cache-dirs) may move it too: the dir is then unknown.
import type { SimpleCommand } from '../shell/types';
import { unknown } from '../value';
import { firstSet, movedBy, underHome } from './cache-dir';
import { absoluteDir, describeOrigin, expandWithEnv, isProgram } from './flags';
import type { Tool } from './types';

const REPO_LOCAL = 'maven.repo.local=';

function repoLocal(command: SimpleCommand): string | undefined {
  const words = command.words;
  let found: string | undefined;
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!.value;
    if (w.startsWith('-D' + REPO_LOCAL)) found = w.slice(2 + REPO_LOCAL.length);
    else if (w === '-D' && words[i + 1]?.value.startsWith(REPO_LOCAL))
      found = words[i + 1]!.value.slice(REPO_LOCAL.length);
  }
  return found;
}

export const mavenTool: Tool = {
  id: 'maven',
  displayName: 'maven',
  program: 'mvn',
  defaultCacheId: 'maven-repo',
  cacheEnvVars: [],
  imageEnvVars: ['MAVEN_CONFIG'],
  matches(command) {
    return isProgram(command, ['mvn', 'mvnw', 'mvnd']) && command.words.length > 1;
  },
  resolveCacheDir(command, env, home) {
    const flag = repoLocal(command);
    if (flag !== undefined) return { cacheDir: absoluteDir(expandWithEnv(flag, env)), source: '-Dmaven.repo.local' };
    const settings = command.words.find(
      (w) =>
        ['-s', '--settings', '-gs', '--global-settings'].includes(w.value) || /^--(global-)?settings=/.test(w.value),
    );
    if (settings)
      return {
        cacheDir: unknown(`${settings.value} reads a settings file that may set localRepository`),
        source: `${settings.value} flag`,
      };
    // MAVEN_OPTS holds JVM options, not a directory: read it as text.
    const opts = env.get('MAVEN_OPTS');
    if (!opts.known || opts.value?.includes('maven.repo.local')) {
      return movedBy(
        'MAVEN_OPTS',
        describeOrigin('MAVEN_OPTS', env.origin?.('MAVEN_OPTS')),
        'it may set maven.repo.local',
      );
    }
    const config = firstSet(env, ['MAVEN_CONFIG']);
    if (config) return movedBy(config.name, config.source, 'its effect on the local repository is not verified');
    return underHome(env, home, '.m2/repository', 'maven default local repository');
  },
  disabled() {
    return undefined;
  },
  looksLikeCacheDir(path) {
    return /(^|\/)\.m2(\/repository)?$/.test(path.replace(/\/+$/, ''));
  },
};
