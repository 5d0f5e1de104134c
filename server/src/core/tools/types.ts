// A package manager or build tool whose cache a mount can serve.
import type { SimpleCommand } from '../shell/types';
import type { Maybe } from '../value';
import type { Span } from '../text';

export type ToolId = 'uv' | 'pip' | string;

/** Where a variable's value came from, for hovers, messages and fixes. */
export interface EnvOrigin {
  /** inline: `NAME=v cmd`; export: `export NAME=v` or `NAME=v` earlier in the RUN; ENV/ARG: the Dockerfile. */
  kind: 'inline' | 'export' | 'ENV' | 'ARG';
  /** The assignment (`NAME=v`) in the document. */
  span: Span;
  /** 0-based line of the ENV/ARG. */
  line?: number;
  /** For inline assignments: where the blanks before it begin (delete [gapStart, span.end) to remove it). */
  gapStart?: number;
}

/** Variables visible to a command: Dockerfile ENV/ARG plus assignments earlier in the RUN or on the command. */
export interface EnvLookup {
  get(name: string): Maybe<string | undefined>; // known undefined = definitely unset
  /** Where the value `get` returns was set; undefined when it is not set in this file. */
  origin?(name: string): EnvOrigin | undefined;
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
