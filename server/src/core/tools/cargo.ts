// cargo (docs/semantics.md#cargo-home): three caches, three Tools.
// - `cargo-registry`: `$CARGO_HOME/registry` (index + crate archives); `cargo-git`: `$CARGO_HOME/git`.
//   CARGO_HOME defaults to `$HOME/.cargo` (Cargo book); the rust image uses /usr/local/cargo
//   (UNVERIFIED), so CARGO_HOME from an external base image is unknown and the rules stay silent.
// - `cargo-target`: `--target-dir` / CARGO_TARGET_DIR; the default `<workspace>/target` depends on
//   where the workspace root is (and on `cd` in the RUN), so it is left unknown. A cached target dir
//   keeps the built binary out of the image unless it is copied out in the same RUN.
import type { SimpleCommand } from '../shell/types';
import { known, unknown } from '../value';
import { firstSet, joinDir, movedBy, underHome } from './cache-dir';
import { envDir, expandWithEnv, findFlag, isProgram } from './flags';
import type { EnvLookup, Tool, ToolCacheResolution } from './types';
import type { Maybe } from '../value';

const FETCHES = new Set([
  'build',
  'b',
  'check',
  'c',
  'test',
  't',
  'run',
  'r',
  'install',
  'fetch',
  'update',
  'doc',
  'd',
  'bench',
  'clippy',
  'vendor',
  'package',
  'publish',
  'generate-lockfile',
  'tree',
  'metadata',
]);
const BUILDS = new Set(['build', 'b', 'check', 'c', 'test', 't', 'run', 'r', 'doc', 'd', 'bench', 'clippy']);

/** The cargo subcommand; `cargo +nightly build` skips the toolchain word. */
function cargoSub(command: SimpleCommand): string | undefined {
  if (!isProgram(command, ['cargo'])) return undefined;
  for (const word of command.words.slice(1)) {
    const v = word.value;
    if (v.startsWith('+') || v.startsWith('-')) continue;
    return v;
  }
  return undefined;
}

function cargoHome(env: EnvLookup, home: Maybe<string>, sub: string): ToolCacheResolution {
  const fromEnv = envDir(env, 'CARGO_HOME');
  if (fromEnv)
    return {
      cacheDir: fromEnv.dir.known ? known(joinDir(fromEnv.dir.value, sub)) : fromEnv.dir,
      source: `$CARGO_HOME/${sub} (${fromEnv.source})`,
    };
  return underHome(env, home, `.cargo/${sub}`, 'CARGO_HOME not set in this Dockerfile');
}

function matchesAny(path: string, sub: string): boolean {
  return new RegExp(`(^|/)(\\.cargo|cargo)/${sub}(/[a-z]+)?$`).test(path.replace(/\/+$/, ''));
}

function homeTool(id: string, displayName: string, sub: string): Tool {
  return {
    id,
    displayName,
    program: 'cargo',
    defaultCacheId: id,
    cacheEnvVars: ['CARGO_HOME'],
    imageEnvVars: ['CARGO_HOME'],
    matches(command) {
      const s = cargoSub(command);
      return s !== undefined && FETCHES.has(s);
    },
    resolveCacheDir(_command, env, home) {
      return cargoHome(env, home, sub);
    },
    disabled() {
      return undefined;
    },
    looksLikeCacheDir(path) {
      return matchesAny(path, sub);
    },
  };
}

export const cargoRegistryTool = homeTool('cargo-registry', 'cargo registry', 'registry');
export const cargoGitTool = homeTool('cargo-git', 'cargo git', 'git');

export const cargoTargetTool: Tool = {
  id: 'cargo-target',
  displayName: 'cargo target',
  program: 'cargo',
  defaultCacheId: 'cargo-target',
  cacheEnvVars: ['CARGO_TARGET_DIR'],
  cacheDirEnvVar: 'CARGO_TARGET_DIR',
  matches(command) {
    const s = cargoSub(command);
    return s !== undefined && BUILDS.has(s);
  },
  resolveCacheDir(command, env) {
    const flag = findFlag(command.words.slice(1), ['--target-dir'], true);
    if (flag?.value !== undefined) {
      const dir = expandWithEnv(flag.value, env);
      if (dir.known && !dir.value.startsWith('/'))
        return { cacheDir: unknown(`--target-dir ${dir.value} is relative`), source: '--target-dir flag' };
      return { cacheDir: dir, source: '--target-dir flag' };
    }
    const fromEnv = envDir(env, 'CARGO_TARGET_DIR');
    if (fromEnv) {
      if (fromEnv.dir.known && !fromEnv.dir.value.startsWith('/'))
        return { cacheDir: unknown('CARGO_TARGET_DIR is relative'), source: fromEnv.source };
      return { cacheDir: fromEnv.dir, source: fromEnv.source };
    }
    const other = firstSet(env, ['CARGO_BUILD_TARGET_DIR']);
    if (other) return movedBy(other.name, other.source, 'cargo reads it as build.target-dir');
    return {
      cacheDir: unknown('<workspace root>/target: the workspace root is not known from the Dockerfile'),
      source: 'cargo default <workspace>/target',
    };
  },
  disabled() {
    return undefined;
  },
  looksLikeCacheDir() {
    // `target` is too common a name (maven uses it too) to recognise by path alone.
    return false;
  },
};
