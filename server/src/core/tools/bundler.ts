// bundler (docs/semantics.md#bundler-cache): where `bundle install` keeps downloaded gems is UNVERIFIED (the ruby
// image sets GEM_HOME=/usr/local/bundle; `$GEM_HOME/cache` and BUNDLE_USER_CACHE are unverified;
// Docker docs mount /root/.gem, whose effect is doubtful). So the dir is always unknown: the rules
// recognise a `~/.gem` mount (CM001/CM002) but never claim a mismatch (CM004).
import { unknown } from '../value';
import { isProgram, subcommandOf } from './flags';
import type { Tool } from './types';

const USES_CACHE = new Set(['install', 'update', 'add', 'cache', 'package', 'pack']);

export const bundlerTool: Tool = {
  id: 'bundler',
  displayName: 'bundler',
  program: 'bundle',
  defaultCacheId: 'bundler-cache',
  cacheEnvVars: [],
  imageEnvVars: ['GEM_HOME', 'BUNDLE_PATH', 'BUNDLE_USER_CACHE', 'BUNDLE_APP_CONFIG'],
  matches(command) {
    if (!isProgram(command, ['bundle', 'bundler'])) return false;
    const sub = subcommandOf(command, new Set(['--gemfile', '--jobs', '-j', '--path'])).sub;
    // `bundle` alone is `bundle install`.
    return sub === undefined ? true : USES_CACHE.has(sub);
  },
  resolveCacheDir() {
    return {
      cacheDir: unknown("bundler's download cache location is not verified"),
      source: 'bundler (GEM_HOME / BUNDLE_USER_CACHE, unverified)',
    };
  },
  disabled() {
    return undefined;
  },
  looksLikeCacheDir(path) {
    return /(^|\/)\.gem$/.test(path.replace(/\/+$/, ''));
  },
};
