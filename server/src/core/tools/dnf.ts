// dnf, dnf5, yum and microdnf (Fedora, RHEL/UBI, Amazon Linux). Where they cache depends on the version,
// which a Dockerfile does not show: dnf 4 uses /var/cache/dnf, dnf 5 (Fedora 41's `dnf`) /var/cache/libdnf5
// (dnf5-caching(7)), old yum /var/cache/yum. So the directory is unknown (no CM004 guess) except for `dnf5`,
// and a mount is recognised by those paths. `<tool> clean all|packages|metadata|dbcache` deletes cached
// packages and repository metadata (dnf5-clean(8)): under a cache mount that empties it (CM005).
// Downloaded packages are kept only with keepcache=1 (dnf.conf(5)); metadata is kept either way.
import type { SimpleCommand } from '../shell/types';
import { known, unknown } from '../value';
import { isProgram, subcommandOf } from './flags';
import type { Tool } from './types';

const PROGRAMS = ['dnf', 'dnf5', 'yum', 'microdnf', 'tdnf'];
const VALUE_OPTIONS = new Set([
  '-c',
  '--config',
  '--installroot',
  '--releasever',
  '--setopt',
  '--enablerepo',
  '--disablerepo',
  '--repo',
  '--repoid',
  '-x',
  '--exclude',
  '--nodocs-x',
  '--forcearch',
  '--best-x',
]);
const USES_CACHE = new Set([
  'install',
  'update',
  'upgrade',
  'makecache',
  'reinstall',
  'downgrade',
  'groupinstall',
  'group',
  'builddep',
  'distro-sync',
  'module',
  'download',
]);
const CLEANED = new Set(['all', 'packages', 'metadata', 'dbcache']);

function dnfArgs(command: SimpleCommand) {
  return isProgram(command, PROGRAMS) ? subcommandOf(command, VALUE_OPTIONS) : undefined;
}

export const dnfTool: Tool = {
  id: 'dnf',
  distroSpecific: true,
  runsAsRoot: true,
  displayName: 'dnf',
  program: 'dnf',
  defaultCacheId: 'dnf-cache',
  cacheEnvVars: [],
  matches(command) {
    const sub = dnfArgs(command)?.sub;
    return sub !== undefined && USES_CACHE.has(sub);
  },
  resolveCacheDir(command) {
    if (isProgram(command, ['dnf5']))
      return { cacheDir: known('/var/cache/libdnf5'), source: "dnf5's /var/cache/libdnf5" };
    return {
      cacheDir: unknown(
        'the cache dir depends on the dnf/yum version (/var/cache/dnf, /var/cache/libdnf5 or /var/cache/yum)',
      ),
      source: 'dnf/yum version',
    };
  },
  disabled() {
    return undefined;
  },
  looksLikeCacheDir(path) {
    const p = path.replace(/\/+$/, '');
    return p === '/var/cache/dnf' || p === '/var/cache/libdnf5' || p === '/var/cache/yum';
  },
  wipes(command) {
    const parsed = dnfArgs(command);
    if (parsed?.sub !== 'clean') return false;
    return parsed.args.slice(parsed.index + 1).some((a) => CLEANED.has(a.value));
  },
};
