// pip (pip, pip3, pip3.12, python[3[.N]] -m pip): only install/download/wheel use the cache.
// Cache dir: --cache-dir / PIP_CACHE_DIR; $XDG_CACHE_HOME/pip; $HOME/.cache/pip (docs/semantics.md#pip-cache-dir).
// PIP_NO_CACHE_DIR with ANY valid boolean disables the cache (0/false/off included, VERIFIED).
import type { ShellWord, SimpleCommand } from '../shell/types';
import { unknown } from '../value';
import { parseBoolish } from './bool';
import { xdgOrHomeCache } from './cache-dir';
import {
  describeOrigin,
  envDir,
  absoluteDir,
  expandWithEnv,
  findFlag,
  originWhere,
  programName,
  removalSpan,
} from './flags';
import type { Tool, ToolDisable } from './types';

const PIP = /^pip(\d+(\.\d+)?)?$/;
const PYTHON = /^python(\d+(\.\d+)?)?$/;
const CACHE_COMMANDS = new Set(['install', 'download', 'wheel']);
/** pip's optparse accepts unambiguous prefixes, so `--no-cache` is `--no-cache-dir`. */
const NO_CACHE_FLAGS = ['--no-cache-dir', '--no-cache'];
/** General options that take a value (so the value is not the subcommand). */
const VALUE_OPTIONS = new Set([
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
  '--resume-retries',
  '-r',
  '-c',
  '-e',
  '-i',
  '-f',
]);

interface PipInvocation {
  subcommand?: string;
  /** Words after `pip` (or `-m pip`). */
  args: ShellWord[];
}

function invocation(command: SimpleCommand): PipInvocation | undefined {
  const name = programName(command);
  let rest: ShellWord[];
  if (PIP.test(name)) rest = command.words.slice(1);
  else if (PYTHON.test(name)) {
    const words = command.words;
    let i = 1;
    while (
      i < words.length &&
      words[i]!.value.startsWith('-') &&
      words[i]!.value !== '-m' &&
      words[i]!.value !== '-mpip'
    )
      i++;
    if (words[i]?.value === '-mpip') rest = words.slice(i + 1);
    else if (words[i]?.value === '-m' && words[i + 1]?.value === 'pip') rest = words.slice(i + 2);
    else return undefined;
  } else return undefined;
  for (let i = 0; i < rest.length; i++) {
    const value = rest[i]!.value;
    if (value.startsWith('-')) {
      if (VALUE_OPTIONS.has(value)) i++;
      continue;
    }
    return { subcommand: value, args: rest };
  }
  return { args: rest };
}

export const pipTool: Tool = {
  id: 'pip',
  displayName: 'pip',
  program: 'pip',
  defaultCacheId: 'pip-cache',
  cacheEnvVars: ['PIP_CACHE_DIR', 'PIP_NO_CACHE_DIR', 'XDG_CACHE_HOME'],
  cacheDirEnvVar: 'PIP_CACHE_DIR',

  matches(command) {
    const inv = invocation(command);
    return inv?.subcommand !== undefined && CACHE_COMMANDS.has(inv.subcommand);
  },

  resolveCacheDir(command, env, home) {
    const args = invocation(command)?.args ?? [];
    if (findFlag(args, NO_CACHE_FLAGS, false))
      return { cacheDir: unknown('--no-cache-dir: pip does not cache'), source: '--no-cache-dir' };
    const noCache = env.get('PIP_NO_CACHE_DIR');
    if (noCache.known && noCache.value !== undefined && parseBoolish(noCache.value) !== undefined) {
      return {
        cacheDir: unknown('PIP_NO_CACHE_DIR: pip does not cache'),
        source: describeOrigin('PIP_NO_CACHE_DIR', env.origin?.('PIP_NO_CACHE_DIR')),
      };
    }
    const flag = findFlag(args, ['--cache-dir'], true);
    if (flag?.value !== undefined)
      return { cacheDir: absoluteDir(expandWithEnv(flag.value, env)), source: '--cache-dir flag' };
    const fromEnv = envDir(env, 'PIP_CACHE_DIR');
    if (fromEnv) return { cacheDir: fromEnv.dir, source: fromEnv.source };
    return xdgOrHomeCache(env, home, 'pip', 'PIP_CACHE_DIR');
  },

  disabled(command, env): ToolDisable | undefined {
    const args = invocation(command)?.args ?? [];
    const flag = findFlag(args, NO_CACHE_FLAGS, false);
    if (flag)
      return {
        reason: `pip ${flag.word.value} disables pip's cache`,
        span: flag.word.span,
        removal: removalSpan(flag.word),
      };
    const value = env.get('PIP_NO_CACHE_DIR');
    if (!value.known || value.value === undefined) return undefined;
    const parsed = parseBoolish(value.value);
    if (parsed === undefined) return undefined;
    const origin = env.origin?.('PIP_NO_CACHE_DIR');
    // originWhere gives "set on the command" / "set earlier in this RUN" / "ENV, line 3".
    const where = origin
      ? `; ${origin.kind === 'ENV' || origin.kind === 'ARG' ? 'set by ' : ''}${originWhere(origin)}`
      : '';
    const note = parsed ? '' : ' (pip disables its cache for any valid boolean, even a false one)';
    const reason = `PIP_NO_CACHE_DIR=${value.value} disables pip's cache${note}${where}`;
    if (!origin) return { reason, span: command.words[0]?.span ?? command.span };
    const result: ToolDisable = {
      reason,
      span: origin.kind === 'image' ? (command.words[0]?.span ?? command.span) : origin.span,
    };
    if (origin.kind === 'inline') result.removal = removalSpan(origin);
    return result;
  },

  looksLikeCacheDir(path) {
    return /\/\.cache\/pip$/.test(path.replace(/\/+$/, ''));
  },

  wipes(command) {
    const inv = invocation(command);
    if (inv?.subcommand !== 'cache') return false;
    const i = inv.args.findIndex((w) => w.value === 'cache');
    return inv.args[i + 1]?.value === 'purge';
  },
};
