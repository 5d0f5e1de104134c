// The last two steps every XDG-following tool shares: $XDG_CACHE_HOME/<sub>, then $HOME/.cache/<sub>.
import { known, unknown, type Maybe } from '../value';
import type { EnvLookup, ToolCacheResolution } from './types';
import { envDir } from './flags';

export function xdgOrHomeCache(env: EnvLookup, home: Maybe<string>, sub: string, overrideVar: string): ToolCacheResolution {
  const xdg = envDir(env, 'XDG_CACHE_HOME');
  if (xdg) {
    return {
      cacheDir: xdg.dir.known ? known(joinDir(xdg.dir.value, sub)) : xdg.dir,
      source: `$XDG_CACHE_HOME/${sub} (${xdg.source})`,
    };
  }
  const source = `$HOME/.cache/${sub} (${overrideVar} not set in this Dockerfile)`;
  // A HOME set on the command or earlier in the RUN overrides the HOME the model computed.
  const homeVar = env.get('HOME');
  const origin = env.origin?.('HOME');
  const effective =
    homeVar.known && homeVar.value && origin && (origin.kind === 'inline' || origin.kind === 'export') ? known(homeVar.value) : home;
  if (!effective.known) return { cacheDir: unknown(`HOME is unknown: ${effective.reason}`), source };
  return { cacheDir: known(joinDir(effective.value, `.cache/${sub}`)), source };
}

export function joinDir(dir: string, sub: string): string {
  return dir.endsWith('/') ? dir + sub : `${dir}/${sub}`;
}
