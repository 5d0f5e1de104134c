// A package manager or build tool whose cache a mount can serve.
import type { SimpleCommand } from '../shell/types';
import type { Maybe } from '../value';
import type { Span } from '../text';

export type ToolId = 'uv' | 'pip' | string;

/** Variables visible to a command: Dockerfile ENV/ARG plus assignments earlier in the RUN or on the command. */
export interface EnvLookup {
  get(name: string): Maybe<string | undefined>; // known undefined = definitely unset
}

export interface ToolCacheResolution {
  cacheDir: Maybe<string>;
  source: string;
}

export interface ToolDisable {
  reason: string;
  span: Span;
  /** Span whose removal re-enables the cache (a flag, an assignment); absent when none is safe. */
  removal?: Span;
}

export interface Tool {
  id: ToolId;
  displayName: string;
  /** The id CM001 suggests by default (settings may override). */
  defaultCacheId: string;
  /** Env vars that move the cache (shown in hovers and checked by rules). */
  cacheEnvVars: string[];
  /** Does this simple command run the tool (uv, `python -m pip`, pip3...)? */
  matches(command: SimpleCommand): boolean;
  /** Where this invocation caches, given env and the effective HOME. */
  resolveCacheDir(command: SimpleCommand, env: EnvLookup, home: Maybe<string>): ToolCacheResolution;
  /** Whether this invocation (or the env) disables the cache. */
  disabled(command: SimpleCommand, env: EnvLookup): ToolDisable | undefined;
  /** Is this mount target (absolute) a cache dir of this tool in its usual places? Used when no command names the tool. */
  looksLikeCacheDir(path: string): boolean;
}
