// go (docs/semantics.md#go-caches): two caches, two Tools.
// - `go-build` (GOCACHE): GOCACHE, else `$XDG_CACHE_HOME/go-build`, else `$HOME/.cache/go-build`
//   (os.UserCacheDir). Docker's reference mounts /root/.cache/go-build. `GOCACHE=off` is fatal since
//   Go 1.12: the dir is then unknown (the build fails, which is not a cache question).
// - `go-mod` (GOMODCACHE): GOMODCACHE, else `$GOPATH[0]/pkg/mod`. The golang image sets
//   `ENV GOPATH /go` (so /go/pkg/mod): GOPATH from an external base image is unknown, not unset,
//   and an unset GOPATH (Go's own default) is left unknown too, as no primary source we cite says it.
//   (GOMODCACHE is treated like the other tools' variables: unset unless this file sets it.)
// `go env -w` writes settings to a file this analyzer does not read.
import type { SimpleCommand } from '../shell/types';
import { known, unknown } from '../value';
import { xdgOrHomeCache, joinDir } from './cache-dir';
import { envDir, isProgram, subcommandOf } from './flags';
import type { Tool } from './types';

const BUILDS = new Set(['build', 'install', 'test', 'run', 'vet', 'generate', 'list']);
const FETCHES = new Set(['build', 'install', 'test', 'run', 'vet', 'get', 'mod', 'list', 'work', 'generate']);

function goSub(command: SimpleCommand): string | undefined {
  return isProgram(command, ['go']) ? subcommandOf(command).sub : undefined;
}

/** `go env -w NAME=...` for one of `names`. */
function goEnvWrites(command: SimpleCommand, names: readonly string[]): boolean {
  return (
    goSub(command) === 'env' &&
    command.words.some((w) => w.value === '-w') &&
    command.words.some((w) => names.some((n) => w.value.startsWith(n + '=')))
  );
}

function under(path: string, re: RegExp): boolean {
  return re.test(path.replace(/\/+$/, ''));
}

export const goBuildTool: Tool = {
  id: 'go-build',
  displayName: 'go build',
  program: 'go',
  defaultCacheId: 'go-build',
  cacheEnvVars: ['GOCACHE', 'XDG_CACHE_HOME'],
  cacheDirEnvVar: 'GOCACHE',
  matches(command) {
    const sub = goSub(command);
    return sub !== undefined && BUILDS.has(sub);
  },
  resolveCacheDir(_command, env, home) {
    const fromEnv = envDir(env, 'GOCACHE');
    if (fromEnv) {
      if (fromEnv.dir.known && fromEnv.dir.value === 'off')
        return { cacheDir: unknown('GOCACHE=off is an error since Go 1.12'), source: fromEnv.source };
      return { cacheDir: fromEnv.dir, source: fromEnv.source };
    }
    return xdgOrHomeCache(env, home, 'go-build', 'GOCACHE');
  },
  disabled() {
    return undefined;
  },
  looksLikeCacheDir(path) {
    return under(path, /(^|\/)(\.cache\/go-build|go-build)$/);
  },
  reconfiguredBy(command) {
    return goEnvWrites(command, ['GOCACHE']);
  },
};

export const goModTool: Tool = {
  id: 'go-mod',
  displayName: 'go module',
  program: 'go',
  defaultCacheId: 'go-mod',
  cacheEnvVars: ['GOMODCACHE', 'GOPATH'],
  cacheDirEnvVar: 'GOMODCACHE',
  imageEnvVars: ['GOPATH'],
  matches(command) {
    const sub = goSub(command);
    return sub !== undefined && FETCHES.has(sub);
  },
  resolveCacheDir(_command, env) {
    const fromEnv = envDir(env, 'GOMODCACHE');
    if (fromEnv) return { cacheDir: fromEnv.dir, source: fromEnv.source };
    const gopath = envDir(env, 'GOPATH');
    if (!gopath)
      return {
        cacheDir: unknown('GOPATH is not set in this Dockerfile'),
        source: '$GOPATH/pkg/mod (GOPATH not set in this Dockerfile)',
      };
    if (!gopath.dir.known) return { cacheDir: gopath.dir, source: `$GOPATH/pkg/mod (${gopath.source})` };
    const first = gopath.dir.value.split(':')[0] ?? '';
    if (!first.startsWith('/'))
      return {
        cacheDir: unknown(`GOPATH '${gopath.dir.value}' is not absolute`),
        source: `$GOPATH/pkg/mod (${gopath.source})`,
      };
    return { cacheDir: known(joinDir(first, 'pkg/mod')), source: `$GOPATH/pkg/mod (${gopath.source})` };
  },
  disabled() {
    return undefined;
  },
  looksLikeCacheDir(path) {
    return under(path, /(^|\/)pkg\/mod$/);
  },
  reconfiguredBy(command) {
    return goEnvWrites(command, ['GOMODCACHE', 'GOPATH']);
  },
};
