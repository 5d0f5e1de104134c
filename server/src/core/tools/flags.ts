// Helpers shared by tools: finding a flag among a command's words, describing where an env var
// came from, expanding `$VAR` in a flag value with the command's env.
import { pathClean } from '../buildkit/go-path';
import type { ShellWord, SimpleCommand } from '../shell/types';
import type { Span } from '../text';
import { known, unknown, type Maybe } from '../value';
import type { EnvLookup, EnvOrigin } from './types';

/** The program's name without a leading path (the parser reads it once per command). */
export function programName(command: SimpleCommand): string {
  return command.program;
}

export interface FoundFlag {
  word: ShellWord;
  /** The value (`--flag=v` or `--flag v`), when the flag takes one. */
  value?: string;
  valueWord?: ShellWord;
}

/**
 * Finds the last occurrence of any of `names` in `words` (the option part of a command).
 * `takesValue`: the flag has a value, `--name=v` or `--name v`.
 */
export function findFlag(
  words: readonly ShellWord[],
  names: readonly string[],
  takesValue: boolean,
): FoundFlag | undefined {
  let found: FoundFlag | undefined;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word.value === '--') break;
    for (const name of names) {
      if (word.value === name) {
        found = { word };
        if (takesValue && i + 1 < words.length) {
          found.valueWord = words[i + 1]!;
          found.value = words[i + 1]!.value;
        }
      } else if (takesValue && name.startsWith('--') && word.value.startsWith(name + '=')) {
        found = { word, value: word.value.slice(name.length + 1) };
      }
    }
  }
  return found;
}

/** The span that removes a word with the blanks before it. */
export function removalSpan(word: { span: Span; gapStart?: number }): Span {
  return { start: word.gapStart ?? word.span.start, end: word.span.end };
}

export function describeOrigin(name: string, origin: EnvOrigin | undefined): string {
  return origin ? `${name} (${originWhere(origin)})` : name;
}

/** "set on the command", "set earlier in this RUN", "ENV, line 3". */
export function originWhere(origin: EnvOrigin): string {
  switch (origin.kind) {
    case 'inline':
      return 'set on the command';
    case 'export':
      return 'set earlier in this RUN';
    case 'image':
      return `set by the base image ${origin.image ?? ''}`.trimEnd();
    default:
      return `${origin.kind}${origin.line !== undefined ? `, line ${origin.line + 1}` : ''}`;
  }
}

/** Expands `$NAME` and `${NAME}` in a flag value from the command's env; unknown when any part is. */
export function expandWithEnv(value: string, env: EnvLookup): Maybe<string> {
  let why: string | undefined;
  const out = value.replace(
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (_m, braced?: string, bare?: string) => {
      const name = braced ?? bare ?? '';
      const v = env.get(name);
      if (!v.known) {
        why ??= v.reason;
        return '';
      }
      return v.value ?? '';
    },
  );
  return why === undefined ? known(out) : unknown(why);
}

/**
 * A directory a tool is given: a relative one is resolved against the command's working directory
 * (WORKDIR, a `cd` earlier in the RUN), which this analyzer does not track, so it is unknown. An
 * absolute one is cleaned like BuildKit cleans mount targets (`/cache//uv/` is `/cache/uv`), so
 * comparing it with a target needs no cleaning of its own.
 */
export function absoluteDir(dir: Maybe<string>): Maybe<string> {
  if (!dir.known) return dir;
  if (!dir.value.startsWith('/')) return unknown(`'${dir.value}' is relative to the working directory of the command`);
  return known(pathClean(dir.value));
}

/** A cache directory from an env var, or undefined when the var is not set. */
export function envDir(env: EnvLookup, name: string): { dir: Maybe<string>; source: string } | undefined {
  const value = env.get(name);
  if (value.known && (value.value === undefined || value.value === '')) return undefined;
  const source = describeOrigin(name, env.origin?.(name));
  if (!value.known) return { dir: value, source };
  return { dir: absoluteDir(expandWithEnv(value.value!, env)), source };
}

/**
 * Splits a command's arguments (words after the program) at the first positional word, skipping
 * options and the values of `valueOptions` (`-o X`, `--root X`). Returns the positional's index.
 */
function firstPositional(args: readonly ShellWord[], valueOptions: ReadonlySet<string>, from = 0): number {
  for (let i = from; i < args.length; i++) {
    const value = args[i]!.value;
    if (value === '--') return i + 1 < args.length ? i + 1 : -1;
    if (value.startsWith('-')) {
      if (valueOptions.has(value)) i++;
      continue;
    }
    return i;
  }
  return -1;
}

/** The subcommand (first positional) and the words after the program. */
export function subcommandOf(
  command: SimpleCommand,
  valueOptions: ReadonlySet<string> = new Set(),
): { sub?: string; index: number; args: ShellWord[] } {
  const args = command.words.slice(1);
  const index = firstPositional(args, valueOptions);
  return index < 0 ? { index, args } : { sub: args[index]!.value, index, args };
}

/** `./gradlew` and `gradlew` are both `gradlew`; strips a leading path. */
export function isProgram(command: SimpleCommand, names: readonly string[]): boolean {
  return names.includes(programName(command));
}
