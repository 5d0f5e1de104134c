// Command-line parsing: argv in, a plain description of what to do out. Never exits, never prints.
import type { Severity } from '../core/types';

export type OutputFormat = 'text' | 'json' | 'sarif';
export type FailLevel = Severity | 'none';

export interface CheckOptions {
  format: OutputFormat;
  fix: boolean;
  failLevel: FailLevel;
  paths: string[];
  /** --config FILE: the configuration for every PATH instead of the nearest .cache-mounts.json. */
  config?: string;
  /** All files checked form one workspace (cross-file findings); --no-workspace: each file on its own. */
  workspace: boolean;
  /**
   * --resolve-images: read `docker image inspect` for the FROM images present locally (never pulls).
   * Off unless given; the key is only set by the flag, so an absent key means false.
   */
  resolveImages?: boolean;
  /** --unsafe-fixes: with --fix, also apply fixes marked unsafe (new ENV, new targets, a removed mount). */
  unsafeFixes?: boolean;
  /** --stdin-filename NAME: the name (kind, settings lookup, output) of the text read from stdin for PATH `-`. */
  stdinFilename?: string;
}

export interface InspectOptions {
  format: 'text' | 'json';
  /** --builder NAME: the buildx builder to read; undefined: the current one. */
  builder?: string;
  /** Files and folders whose cache mounts are joined with the builder's caches (default `.`). */
  paths: string[];
}

export type ParsedArgs =
  | { command: 'check'; options: CheckOptions }
  | { command: 'inspect'; options: InspectOptions }
  | { command: 'explain'; rule: string }
  | { command: 'help' }
  | { command: 'version' }
  | { command: 'usage-error'; message: string };

export const USAGE = `Usage:
  docker-cache-mounts check [--format text|json|sarif] [--fix] [--no-workspace]
                           [--fail-level error|warning|info|none] [--config FILE] PATH...
  docker-cache-mounts inspect [--builder NAME] [--format text|json] [PATH...]
  docker-cache-mounts explain CODE
  docker-cache-mounts --help | --version

Commands:
  check     Check Dockerfiles and devcontainer.json files for BuildKit cache-mount problems.
            A PATH is a file or a folder. Folders are searched recursively (node_modules and .git
            are skipped) for Dockerfile, *.Dockerfile, Dockerfile.*, Containerfile,
            devcontainer.json and .devcontainer.json. A file named explicitly is checked whatever
            its name (*.json as devcontainer.json, anything else as a Dockerfile).
            All files checked in one run form one workspace, as in the editor: a tool's cache
            mounted under different keys in two Dockerfiles is reported in both (CM002).
  inspect   Read the cache mounts a builder holds (docker buildx du; without buildx, docker
            system df) and join them with the cache mounts of the files under PATH (default .)
            by cache key: for each mount, whether the builder holds its cache, its size and
            last use, or that it is still empty; the caches no mount uses, each with the
            command that removes just it. Runs docker (DOCKER_HOST, DOCKER_CONTEXT as docker
            reads them), at most 30 s per call.
  explain   Print the documentation of a rule, by code (CM001) or name (missing-cache-id).

Options for check:
  --format FORMAT      Output format: text (default), json or sarif. json and sarif print one
                       document on stdout; sarif is SARIF 2.1.0 (e.g. for GitHub code scanning),
                       with paths relative to the current folder.
  --fix                Apply the preferred fixes until nothing changes in any file, rewrite the
                       changed files, then report what is left.
  --unsafe-fixes       With --fix, also apply the fixes marked unsafe (they change what the build
                       does: a new ENV, a new target, a removed mount). Without it, --fix applies
                       safe fixes only and says how many unsafe ones are available.
  --no-workspace       Check each file on its own: no findings that compare files.
  --fail-level LEVEL   Lowest severity that makes the exit code 1: error, warning (default),
                       info, or none (never).
  --stdin-filename NAME
                       With the PATH '-': read the text from stdin and check it as NAME (its
                       kind, its .cache-mounts.json, the name in the output; default: Dockerfile).
  --config FILE        Read settings from FILE instead of the nearest .cache-mounts.json
                       (looked up from each file's folder up to the repository root).
  --resolve-images     Read the FROM images present locally with \`docker image inspect\` (never
                       pulls; docker from PATH, DOCKER_HOST as docker reads it): their USER, HOME
                       and ENV win over the \`images\` settings and the built-in catalog. An image
                       that is missing, or docker that cannot answer, is a note on stderr.

Options for inspect:
  --builder NAME       The buildx builder to read (default: the current one). Only builders on this
                       Docker host (drivers docker and docker-container) are read.
  --format FORMAT      text (default) or json (one document on stdout; README.md describes it).

Exit codes:
  0  no finding reached the fail level (inspect: the builder's caches were read)
  1  at least one finding reached the fail level
  2  bad usage, a file that could not be read or written, or an internal error; for inspect also
     docker missing, a daemon or builder not running, a remote builder, or docker output that
     could not be read (one line on stderr says which)
`;

const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif'];
const FAIL_LEVELS: readonly FailLevel[] = ['error', 'warning', 'info', 'none'];

/** "a, b or c" */
function oneOf(words: readonly string[]): string {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** Splits `--name=value` and `--name value` forms; returns the value and how many argv items it used. */
function optionValue(argv: readonly string[], i: number, inline: string | undefined): { value?: string; used: number } {
  if (inline !== undefined) return { value: inline, used: 1 };
  const next = argv[i + 1];
  if (next === undefined || next.startsWith('--')) return { used: 1 };
  return { value: next, used: 2 };
}

/** What an option handler answers: how many argv items the option used, or what to return at once (help, an error). */
type OptionResult = number | ParsedArgs;

/**
 * The one walk over a command's argv: PATHs (a word not starting with `-`, `-` itself when `dashIsPath`, and
 * everything after `--`) are returned; each option goes to `option` with its name and its `=value`, if any.
 */
function readArgv(
  argv: readonly string[],
  dashIsPath: boolean,
  option: (arg: string, name: string, inline: string | undefined, i: number) => OptionResult,
): string[] | ParsedArgs {
  const paths: string[] = [];
  let onlyPaths = false;
  for (let i = 0; i < argv.length;) {
    const arg = argv[i]!;
    if (onlyPaths || !arg.startsWith('-') || (dashIsPath && arg === '-')) {
      paths.push(arg);
      i++;
      continue;
    }
    if (arg === '--') {
      onlyPaths = true;
      i++;
      continue;
    }
    const eq = arg.indexOf('=');
    const result = option(arg, eq > 0 ? arg.slice(0, eq) : arg, eq > 0 ? arg.slice(eq + 1) : undefined, i);
    if (typeof result !== 'number') return result;
    i += result;
  }
  return paths;
}

function parseCheck(argv: readonly string[]): ParsedArgs {
  const options: CheckOptions = { format: 'text', fix: false, failLevel: 'warning', paths: [], workspace: true };
  const paths = readArgv(argv, true, (arg, name, inline, i): OptionResult => {
    switch (name) {
      case '--format': {
        const { value, used } = optionValue(argv, i, inline);
        if (value === undefined) return usageError(`--format needs a value: ${oneOf(FORMATS)}`);
        if (!FORMATS.includes(value as OutputFormat))
          return usageError(`unknown format '${value}': use ${oneOf(FORMATS)}`);
        options.format = value as OutputFormat;
        return used;
      }
      case '--fail-level': {
        const { value, used } = optionValue(argv, i, inline);
        if (value === undefined) return usageError(`--fail-level needs a value: ${FAIL_LEVELS.join(', ')}`);
        if (!FAIL_LEVELS.includes(value as FailLevel))
          return usageError(`unknown fail level '${value}': use ${FAIL_LEVELS.join(', ')}`);
        options.failLevel = value as FailLevel;
        return used;
      }
      case '--stdin-filename': {
        const { value, used } = optionValue(argv, i, inline);
        if (!value) return usageError('--stdin-filename needs a NAME (e.g. services/api/Dockerfile)');
        options.stdinFilename = value;
        return used;
      }
      case '--config': {
        const { value, used } = optionValue(argv, i, inline);
        if (!value) return usageError('--config needs a FILE (a .cache-mounts.json)');
        options.config = value;
        return used;
      }
      case '--fix':
        if (inline !== undefined) return usageError('--fix takes no value');
        options.fix = true;
        return 1;
      case '--no-workspace':
        if (inline !== undefined) return usageError('--no-workspace takes no value');
        options.workspace = false;
        return 1;
      case '--unsafe-fixes':
        if (inline !== undefined) return usageError('--unsafe-fixes takes no value');
        options.unsafeFixes = true;
        return 1;
      case '--resolve-images':
        if (inline !== undefined) return usageError('--resolve-images takes no value');
        options.resolveImages = true;
        return 1;
      case '--help':
      case '-h':
        return { command: 'help' };
      default:
        return usageError(`unknown option '${arg}'`);
    }
  });
  if (!Array.isArray(paths)) return paths;
  options.paths = paths;
  if (options.paths.length === 0) return usageError('check needs at least one PATH (a file or a folder)');
  if (options.paths.filter((p) => p === '-').length > 1) return usageError('`-` (stdin) can be given once');
  if (options.fix && options.paths.includes('-'))
    return usageError('--fix cannot rewrite stdin: name the file instead');
  return { command: 'check', options };
}

function parseInspect(argv: readonly string[]): ParsedArgs {
  const options: InspectOptions = { format: 'text', paths: [] };
  const paths = readArgv(argv, false, (arg, name, inline, i): OptionResult => {
    switch (name) {
      case '--format': {
        const { value, used } = optionValue(argv, i, inline);
        if (value !== 'text' && value !== 'json')
          return usageError(
            value === undefined
              ? '--format needs a value: text or json'
              : `unknown format '${value}' for inspect: use text or json`,
          );
        options.format = value;
        return used;
      }
      case '--builder': {
        const { value, used } = optionValue(argv, i, inline);
        if (!value) return usageError('--builder needs a NAME (see `docker buildx ls`)');
        if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(value)) return usageError(`'${value}' is no builder name`);
        options.builder = value;
        return used;
      }
      case '--help':
      case '-h':
        return { command: 'help' };
      default:
        return usageError(`unknown option '${arg}' for inspect`);
    }
  });
  if (!Array.isArray(paths)) return paths;
  options.paths = paths.length > 0 ? paths : ['.'];
  return { command: 'inspect', options };
}

function usageError(message: string): ParsedArgs {
  return { command: 'usage-error', message };
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const [first, ...rest] = argv;
  switch (first) {
    case undefined:
      return usageError('missing command');
    case '--help':
    case '-h':
    case 'help':
      return { command: 'help' };
    case '--version':
    case '-V':
      return { command: 'version' };
    case 'check':
      return parseCheck(rest);
    case 'inspect':
      return parseInspect(rest);
    case 'explain':
      if (rest.includes('--help') || rest.includes('-h')) return { command: 'help' };
      if (rest.length !== 1) return usageError('explain needs exactly one rule code or name, e.g. `explain CM001`');
      return { command: 'explain', rule: rest[0]! };
    default:
      return usageError(first.startsWith('-') ? `unknown option '${first}'` : `unknown command '${first}'`);
  }
}
