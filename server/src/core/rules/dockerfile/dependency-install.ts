// Recognises a Python project's dependency install in a shell command: `uv sync`, `poetry install` and
// `pip install -r FILE` (pip, pip3, python -m pip, uv pip install). Used by CM014.
import type { ShellWord, SimpleCommand } from '../../shell/types';

interface UvSync {
  kind: 'uv-sync';
  command: SimpleCommand;
  /** `--project`/`--directory` point uv elsewhere than WORKDIR. */
  elsewhere: boolean;
  /** `--no-install-project` / `--no-install-workspace`: already the dependency-only form. */
  dependenciesOnly: boolean;
}

interface PipRequirements {
  kind: 'pip-requirements';
  command: SimpleCommand;
  /** The requirement and constraint files, as written. */
  files: ShellWord[];
  /** Every other argument is an option word that names no file (so the command can run without the project). */
  onlyOptions: boolean;
}

interface PoetryInstall {
  kind: 'poetry-install';
  command: SimpleCommand;
  /** `--directory`/`-C`/`-P` point poetry elsewhere than WORKDIR. */
  elsewhere: boolean;
}

export type DependencyInstall = UvSync | PipRequirements | PoetryInstall;

const POETRY_VALUE_OPTIONS = new Set([
  '--directory',
  '-C',
  '--project',
  '-P',
  '--with',
  '--without',
  '--only',
  '-E',
  '--extras',
]);

function poetryInstall(command: SimpleCommand): PoetryInstall | undefined {
  const words = command.words;
  if (basename(words[0]?.value ?? '') !== 'poetry') return undefined;
  const rest = words.slice(1);
  if (positionals(rest, POETRY_VALUE_OPTIONS)[0]?.word.value !== 'install') return undefined;
  const elsewhere = rest.some((w) =>
    ['--directory', '-C', '--project', '-P'].some((n) => w.value === n || w.value.startsWith(`${n}=`)),
  );
  return { kind: 'poetry-install', command, elsewhere };
}

const PIP = /^pip(\d+(\.\d+)?)?$/;
const PYTHON = /^python(\d+(\.\d+)?)?$/;
/** uv's global options that take a separate value (so the value is not the subcommand). */
const UV_VALUE_OPTIONS = new Set([
  '--directory',
  '--project',
  '--cache-dir',
  '--config-file',
  '--color',
  '--python',
  '-p',
  '--allow-insecure-host',
  '--index',
  '--default-index',
  '--index-url',
  '--extra-index-url',
]);
const PIP_VALUE_OPTIONS = new Set([
  '--cache-dir',
  '--proxy',
  '--log',
  '--log-file',
  '--timeout',
  '--retries',
  '--exists-action',
  '--trusted-host',
  '--cert',
  '--client-cert',
  '--python',
  '--use-feature',
  '--use-deprecated',
  '--keyring-provider',
]);
const REQUIREMENT_FLAGS = new Set(['-r', '--requirement', '-c', '--constraint', '--constraints']);

function basename(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

/** Positional words (subcommands) of a word list, skipping options and the values of `valueOptions`. */
function positionals(words: readonly ShellWord[], valueOptions: Set<string>): { word: ShellWord; index: number }[] {
  const out: { word: ShellWord; index: number }[] = [];
  for (let i = 0; i < words.length; i++) {
    const value = words[i]!.value;
    if (value === '--') break;
    if (value.startsWith('-')) {
      if (valueOptions.has(value)) i++;
      continue;
    }
    out.push({ word: words[i]!, index: i });
  }
  return out;
}

/** The words after `pip` in `pip ...`, `python -m pip ...`, `uv pip ...`; undefined for other commands. */
function pipArgs(command: SimpleCommand): ShellWord[] | undefined {
  const words = command.words;
  const name = basename(words[0]?.value ?? '');
  if (PIP.test(name)) return words.slice(1);
  if (PYTHON.test(name)) {
    let i = 1;
    while (
      i < words.length &&
      words[i]!.value.startsWith('-') &&
      words[i]!.value !== '-m' &&
      words[i]!.value !== '-mpip'
    )
      i++;
    if (words[i]?.value === '-mpip') return words.slice(i + 1);
    if (words[i]?.value === '-m' && words[i + 1]?.value === 'pip') return words.slice(i + 2);
    return undefined;
  }
  if (name === 'uv') {
    const rest = words.slice(1);
    const first = positionals(rest, UV_VALUE_OPTIONS)[0];
    if (first?.word.value === 'pip') return rest.slice(first.index + 1);
  }
  return undefined;
}

/** uv's subcommand (`sync`, `pip`, `python` ...), skipping global options and their values; undefined for other programs. */
export function uvSubcommand(command: SimpleCommand): string | undefined {
  if (basename(command.words[0]?.value ?? '') !== 'uv') return undefined;
  return positionals(command.words.slice(1), UV_VALUE_OPTIONS)[0]?.word.value;
}

function uvSync(command: SimpleCommand): UvSync | undefined {
  const words = command.words;
  if (basename(words[0]?.value ?? '') !== 'uv') return undefined;
  const rest = words.slice(1);
  if (positionals(rest, UV_VALUE_OPTIONS)[0]?.word.value !== 'sync') return undefined;
  const has = (...names: string[]) => rest.some((w) => names.some((n) => w.value === n || w.value.startsWith(`${n}=`)));
  return {
    kind: 'uv-sync',
    command,
    elsewhere: has('--project', '--directory'),
    dependenciesOnly: has('--no-install-project', '--no-install-workspace'),
  };
}

function pipRequirements(command: SimpleCommand): PipRequirements | undefined {
  const args = pipArgs(command);
  if (!args) return undefined;
  const sub = positionals(args, new Set([...PIP_VALUE_OPTIONS, ...REQUIREMENT_FLAGS]))[0];
  if (sub?.word.value !== 'install') return undefined;
  const files: ShellWord[] = [];
  let onlyOptions = true;
  let hasRequirement = false;
  const rest = args.slice(sub.index + 1);
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i]!;
    const value = word.value;
    if (REQUIREMENT_FLAGS.has(value)) {
      const file = rest[i + 1];
      if (!file) break;
      if (value === '-r' || value === '--requirement') hasRequirement = true;
      files.push(file);
      i++;
      continue;
    }
    const joined = /^(--requirement|--constraints?)=/.exec(value);
    if (joined || /^-[rc]./.test(value)) {
      // `--requirement=FILE` or `-rFILE`: the file is part of the word; keep the whole word as its name.
      onlyOptions = false;
      if (value.startsWith('--req') || value.startsWith('-r')) hasRequirement = true;
      continue;
    }
    if (!value.startsWith('-') || value === '-e' || value === '--editable' || PIP_VALUE_OPTIONS.has(value))
      onlyOptions = false;
  }
  return hasRequirement ? { kind: 'pip-requirements', command, files, onlyOptions } : undefined;
}

/** The dependency install a command runs, if it runs one. */
export function dependencyInstall(command: SimpleCommand): DependencyInstall | undefined {
  if (command.words.length === 0) return undefined;
  return uvSync(command) ?? poetryInstall(command) ?? pipRequirements(command);
}
