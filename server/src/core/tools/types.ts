// A package manager or build tool whose cache a mount can serve.
import type { SimpleCommand } from '../shell/types';
import type { Maybe } from '../value';
import type { Span } from '../text';

/**
 * A Tool is one kind of cache, not one program: a program with several caches is several Tools
 * sharing `program` (go: go-build + go-mod; cargo: cargo-registry + cargo-git + cargo-target;
 * apt: apt (downloaded packages) + apt-lists). Each kind has its own id, default cache id and dir,
 * so rules that group mounts by tool (CM001, CM002) never mix two different caches.
 * The id is e.g. 'uv', 'pip' or 'apt-lists'; the TOOLS registry holds them all.
 */
export type ToolId = string;

/** Who runs the command, for tools whose cache dir depends on it (yarn v1 as root). */
export interface RunnerInfo {
  isRoot: Maybe<boolean>;
}

/** Where a variable's value came from, for hovers, messages and fixes. */
export interface EnvOrigin {
  /** inline: `NAME=v cmd`; export: `export NAME=v` or `NAME=v` earlier in the RUN; ENV/ARG: the Dockerfile;
   *  image: the base image's config (span is the FROM line: never edit there). */
  kind: 'inline' | 'export' | 'ENV' | 'ARG' | 'image';
  /** For kind 'image': "python:3.12 (built-in image catalog; source: URL)". */
  image?: string;
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
  /** Text that replaces `span` to re-enable the cache when plain removal would break the command
   *  (apk: `--no-cache` -> `--update`, which keeps fetching the index). Preferred over `removal`. */
  replaceWith?: string;
}

export interface Tool {
  /** Also the key of the `cacheIds` setting. */
  id: ToolId;
  /** The cache's name in messages: "the ${displayName} cache" (e.g. `go build`, `apt lists`). */
  displayName: string;
  /** The program as users type it (`go`, `apt-get`), for "<program> on line N caches in ...". */
  program: string;
  /** The id CM001 suggests by default (settings may override). */
  defaultCacheId: string;
  /** Env vars that move (or disable) the cache, as docs/semantics.md documents them: hovers say so. Variables
   *  that only might move it (MAVEN_CONFIG, NPM_CONFIG_CACHE...) are not listed; they make the dir unknown. */
  cacheEnvVars: string[];
  /**
   * The variable that, set to a directory, makes this tool cache exactly there (CM004's alternative
   * fix); absent when there is none or it is not reliable (yarn Berry ignores YARN_CACHE_FOLDER).
   */
  cacheDirEnvVar?: string;
  /**
   * Variables an official base image may set (golang: GOPATH, rust: CARGO_HOME, ...). When the file
   * does not set them and the stage builds on an external image, they are unknown, not unset.
   */
  imageEnvVars?: readonly string[];
  /** A system package manager: it installs as root (directly, or through sudo as a non-root USER), so the
   *  owner of its cache mount never matters (CM006). */
  runsAsRoot?: boolean;
  /** Its cache holds packages of one distribution release (apt, apk, dnf): separate explicit ids per stage
   *  or image are a sound choice, not a split to report (CM002). */
  distroSpecific?: boolean;
  /** BuildKit sharing mode this cache needs: apt needs exclusive access (`sharing=locked`, docs/semantics.md#apt-docker-clean). */
  sharing?: 'locked';
  /** Does this simple command run the tool (uv, `python -m pip`, pip3...)? */
  matches(command: SimpleCommand): boolean;
  /** Where this invocation caches, given env and the effective HOME. */
  resolveCacheDir(
    command: SimpleCommand,
    env: EnvLookup,
    home: Maybe<string>,
    runner?: RunnerInfo,
  ): ToolCacheResolution;
  /** Whether this invocation (or the env) disables the cache. */
  disabled(command: SimpleCommand, env: EnvLookup): ToolDisable | undefined;
  /** Is this mount target (absolute) a cache dir of this tool in its usual places? Used when no command names the tool. */
  looksLikeCacheDir(path: string): boolean;
  /** Does this command empty this tool's cache (`uv cache clean`, `npm cache clean --force`, `apt-get clean`)? CM005. */
  wipes?(command: SimpleCommand): boolean;
  /**
   * Does this command change the tool's cache setting in a config file (`poetry config cache-dir`,
   * `npm config set cache`, `go env -w GOCACHE=`)? Later commands of the same RUN then cache in a
   * directory this analyzer does not know. (Such a command in an earlier RUN is not seen.)
   */
  reconfiguredBy?(command: SimpleCommand): boolean;
}
