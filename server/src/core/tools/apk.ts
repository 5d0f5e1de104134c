// apk (Alpine; docs/semantics.md#apk-cache): packages are cached in /var/cache/apk, and only when
// /etc/apk/cache exists (usually `ln -s /var/cache/apk /etc/apk/cache` in the same RUN).
// `--no-cache` makes a cache mount useless (docs/semantics.md#apt-docker-clean). `--cache-dir` exists in some apk versions only
// (UNVERIFIED, docs/semantics.md#tool-cache-dirs): with it the dir is unknown and the rules stay silent. `-p/--root` installs
// into another root, whose cache dir is under it: unknown as well.
import type { SimpleCommand } from '../shell/types';
import { known, unknown } from '../value';
import { findFlag, isProgram, removalSpan, subcommandOf } from './flags';
import type { Tool } from './types';

const VALUE_OPTIONS = new Set([
  '-X',
  '--repository',
  '-p',
  '--root',
  '--cache-dir',
  '--arch',
  '--keys-dir',
  '--repositories-file',
  '-t',
  '--virtual',
  '--cache-max-age',
  '--timeout',
]);
const USES_CACHE = new Set(['add', 'update', 'upgrade', 'fix']);

function apkArgs(command: SimpleCommand) {
  return isProgram(command, ['apk']) ? subcommandOf(command, VALUE_OPTIONS) : undefined;
}

export const apkTool: Tool = {
  id: 'apk',
  distroSpecific: true,
  runsAsRoot: true,
  displayName: 'apk',
  program: 'apk',
  defaultCacheId: 'apk-cache',
  cacheEnvVars: [],
  matches(command) {
    const sub = apkArgs(command)?.sub;
    return sub !== undefined && USES_CACHE.has(sub);
  },
  resolveCacheDir(command) {
    const args = apkArgs(command)?.args ?? [];
    if (findFlag(args, ['--no-cache'], false))
      return { cacheDir: unknown('--no-cache: apk does not cache'), source: '--no-cache' };
    const moved = findFlag(args, ['--cache-dir', '-p', '--root'], true);
    if (moved)
      return {
        cacheDir: unknown(`${moved.word.value.split('=')[0]} moves apk's cache (its support varies by apk version)`),
        source: `${moved.word.value.split('=')[0]} flag`,
      };
    return { cacheDir: known('/var/cache/apk'), source: "apk's /var/cache/apk (used only when /etc/apk/cache exists)" };
  },
  disabled(command) {
    const flag = findFlag(apkArgs(command)?.args ?? [], ['--no-cache'], false);
    if (!flag) return undefined;
    const reason =
      'apk --no-cache does not use the package cache (and apk keeps packages only when /etc/apk/cache exists)';
    // Without --no-cache apk needs an index: `--update` fetches it, as --no-cache did (docs/semantics.md#apt-docker-clean).
    const updates = findFlag(apkArgs(command)?.args ?? [], ['-U', '--update', '--update-cache'], false);
    return updates
      ? { reason, span: flag.word.span, removal: removalSpan(flag.word) }
      : { reason, span: flag.word.span, replaceWith: '--update' };
  },
  looksLikeCacheDir(path) {
    const p = path.replace(/\/+$/, '');
    return p === '/var/cache/apk' || p === '/etc/apk/cache';
  },
};
