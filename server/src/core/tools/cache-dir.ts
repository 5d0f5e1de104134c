// The last two steps every XDG-following tool shares: $XDG_CACHE_HOME/<sub>, then $HOME/.cache/<sub>.
import { known, unknown, type Maybe } from '../value';
import type { EnvLookup, ToolCacheResolution } from './types';
import { envDir, originWhere } from './flags';

export function xdgOrHomeCache(
  env: EnvLookup,
  home: Maybe<string>,
  sub: string,
  overrideVar: string,
): ToolCacheResolution {
  const xdg = envDir(env, 'XDG_CACHE_HOME');
  if (xdg) {
    return {
      cacheDir: xdg.dir.known ? known(joinDir(xdg.dir.value, sub)) : xdg.dir,
      source: `$XDG_CACHE_HOME/${sub} (${xdg.source})`,
    };
  }
  return underHome(env, home, `.cache/${sub}`, `${overrideVar} not set in this Dockerfile`);
}

/**
 * The HOME a command sees: one set on the command or earlier in the RUN wins over the model's HOME.
 * A relative or empty one set there (runc's passwd default applies only when the process starts,
 * docs/semantics.md#home-and-user) is unknown: what a tool does with it is not documented in docs/semantics.md.
 */
export function effectiveHome(env: EnvLookup, home: Maybe<string>): Maybe<string> {
  const origin = env.origin?.('HOME');
  if (!origin || (origin.kind !== 'inline' && origin.kind !== 'export')) return home;
  const homeVar = env.get('HOME');
  if (!homeVar.known) return homeVar;
  const value = homeVar.value ?? '';
  if (!value.startsWith('/')) return unknown(`HOME '${value}' (${originWhere(origin)}) is not an absolute path`);
  return known(value);
}

/** `$HOME/<rel>`, with the source "$HOME/<rel> (<why>)". */
export function underHome(env: EnvLookup, home: Maybe<string>, rel: string, why: string): ToolCacheResolution {
  const source = `$HOME/${rel} (${why})`;
  const effective = effectiveHome(env, home);
  if (!effective.known) return { cacheDir: unknown(`HOME is unknown: ${effective.reason}`), source };
  return { cacheDir: known(joinDir(effective.value, rel)), source };
}

/**
 * The first of `names` that is set (a known non-empty value, or an unknown one): for variables that
 * would move a cache in ways no primary source pins down, so the tool reports "unknown".
 */
export function firstSet(env: EnvLookup, names: readonly string[]): { name: string; source: string } | undefined {
  for (const name of names) {
    const found = envDir(env, name);
    if (found) return { name, source: found.source };
  }
  return undefined;
}

/** An unknown cache dir because `name` is set in a way this analyzer does not model. */
export function movedBy(name: string, source: string, what: string): ToolCacheResolution {
  return { cacheDir: unknown(`${name} is set: ${what}`), source };
}

export function joinDir(dir: string, sub: string): string {
  return dir.endsWith('/') ? dir + sub : `${dir}/${sub}`;
}
