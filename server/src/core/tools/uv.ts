// uv (and uvx): cache dir = --no-cache => temporary; --cache-dir / UV_CACHE_DIR; $XDG_CACHE_HOME/uv;
// $HOME/.cache/uv (docs/semantics.md#uv-cache-dir). UV_NO_CACHE is parsed by clap's BoolishValueParser, so 0/false/off
// mean "cache enabled", unlike pip's PIP_NO_CACHE_DIR.
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

const NO_CACHE_FLAGS = ['--no-cache', '-n', '--no-cache-dir'];

/** The words that are uv's own options: stop at `--` and at the command `uv run`/`uvx` launch. */
function optionWords(command: SimpleCommand): ShellWord[] {
  const words = command.words.slice(1);
  const isUvx = programName(command) === 'uvx';
  let seenRun = false;
  let positionals = 0;
  const result: ShellWord[] = [];
  for (const word of words) {
    if (word.value === '--') break;
    if (!word.value.startsWith('-')) {
      positionals++;
      if (word.value === 'run' && positionals === 1) seenRun = true;
      // `uvx tool ...` and `uv run cmd ...`: what follows belongs to the launched command.
      if ((isUvx && positionals === 1) || (seenRun && positionals === 2)) break;
      if (positionals === 2 && words[0]?.value === 'tool' && word.value === 'run') seenRun = true;
    }
    result.push(word);
  }
  return result;
}

export const uvTool: Tool = {
  id: 'uv',
  displayName: 'uv',
  program: 'uv',
  defaultCacheId: 'uv-cache',
  cacheEnvVars: ['UV_CACHE_DIR', 'UV_NO_CACHE', 'XDG_CACHE_HOME'],
  cacheDirEnvVar: 'UV_CACHE_DIR',

  matches(command) {
    const name = programName(command);
    return name === 'uv' || name === 'uvx';
  },

  resolveCacheDir(command, env, home) {
    const words = optionWords(command);
    if (findFlag(words, NO_CACHE_FLAGS, false)) {
      return {
        cacheDir: unknown('--no-cache: uv uses a temporary cache directory'),
        source: '--no-cache (temporary directory)',
      };
    }
    const flag = findFlag(words, ['--cache-dir'], true);
    if (flag?.value !== undefined)
      return { cacheDir: absoluteDir(expandWithEnv(flag.value, env)), source: '--cache-dir flag' };
    const noCache = env.get('UV_NO_CACHE');
    if (noCache.known && noCache.value !== undefined && parseBoolish(noCache.value) === true) {
      return {
        cacheDir: unknown('UV_NO_CACHE: uv uses a temporary cache directory'),
        source: describeOrigin('UV_NO_CACHE', env.origin?.('UV_NO_CACHE')),
      };
    }
    const fromEnv = envDir(env, 'UV_CACHE_DIR');
    if (fromEnv) return { cacheDir: fromEnv.dir, source: fromEnv.source };
    return xdgOrHomeCache(env, home, 'uv', 'UV_CACHE_DIR');
  },

  disabled(command, env): ToolDisable | undefined {
    const flag = findFlag(optionWords(command), NO_CACHE_FLAGS, false);
    if (flag) {
      return {
        reason: `uv ${flag.word.value} uses a temporary cache instead of the mounted one`,
        span: flag.word.span,
        removal: removalSpan(flag.word),
      };
    }
    const value = env.get('UV_NO_CACHE');
    if (!value.known || value.value === undefined || parseBoolish(value.value) !== true) return undefined;
    const origin = env.origin?.('UV_NO_CACHE');
    const where = origin ? ` (${originWhere(origin)})` : '';
    const reason = `UV_NO_CACHE=${value.value} makes uv use a temporary cache instead of the mounted one${where}`;
    if (!origin) return { reason, span: command.words[0]?.span ?? command.span };
    const result: ToolDisable = {
      reason,
      span: origin.kind === 'image' ? (command.words[0]?.span ?? command.span) : origin.span,
    };
    if (origin.kind === 'inline') result.removal = removalSpan(origin);
    return result;
  },

  looksLikeCacheDir(path) {
    const p = path.replace(/\/+$/, '');
    return (
      /\/\.cache\/uv$/.test(p) ||
      /(^|\/)(cache\/uv|uv-cache|uv_cache|uvcache|\.uv-cache|uv\/cache)$/.test(p) ||
      p === '/uv'
    );
  },

  wipes(command) {
    // `uv cache clean` (uv's options may come first: `uv --quiet cache clean`).
    const words = optionWords(command)
      .filter((w) => !w.value.startsWith('-'))
      .map((w) => w.value);
    return programName(command) === 'uv' && words[0] === 'cache' && words[1] === 'clean';
  },
};
