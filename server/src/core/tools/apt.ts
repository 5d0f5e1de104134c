// apt / apt-get (docs/semantics.md#apt-docker-clean): two caches, two Tools.
// - `apt`: downloaded packages in /var/cache/apt/archives (mount /var/cache/apt), default id apt-cache;
// - `apt-lists`: package lists in /var/lib/apt/lists (mount /var/lib/apt), default id apt-lists.
// Neither depends on HOME. apt needs exclusive access, so both want `sharing=locked` (Docker's
// reference example, docs/semantics.md#apt-docker-clean). `-o Dir...=`, `-c <file>` and APT_CONFIG can move the directories:
// the dir is then unknown. `apt-get clean` / `apt clean` empties /var/cache/apt (docs/semantics.md#apt-docker-clean).
import type { SimpleCommand } from '../shell/types';
import { known, unknown } from '../value';
import { isPathUnder } from '../buildkit/path-under';
import { envDir } from './flags';
import { isProgram, subcommandOf } from './flags';
import type { EnvLookup, Tool, ToolCacheResolution } from './types';

const PROGRAMS = ['apt-get', 'apt'];
/** apt-get/apt options that take a separate value. */
const VALUE_OPTIONS = new Set([
  '-o',
  '--option',
  '-c',
  '--config-file',
  '-t',
  '--target-release',
  '--default-release',
  '-a',
  '--host-architecture',
]);
const DOWNLOADING = new Set(['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'build-dep', 'reinstall']);

function aptSubcommand(command: SimpleCommand): string | undefined {
  if (!isProgram(command, PROGRAMS)) return undefined;
  return subcommandOf(command, VALUE_OPTIONS).sub;
}

/** A reason when the command or env may move apt's directories; undefined when they are the defaults. */
function moved(command: SimpleCommand, env: EnvLookup): string | undefined {
  const words = command.words;
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!.value;
    let option: string | undefined;
    if (w === '-o' || w === '--option') option = words[i + 1]?.value;
    else if (w.startsWith('-o')) option = w.slice(2).replace(/^=/, '');
    else if (w.startsWith('--option=')) option = w.slice('--option='.length);
    else if (w === '-c' || w === '--config-file' || w.startsWith('--config-file=') || /^-c./.test(w))
      return `${w} reads another apt configuration`;
    if (option !== undefined && /^dir(::|=|$)/i.test(option)) return `-o ${option} moves apt's directories`;
  }
  const config = envDir(env, 'APT_CONFIG');
  if (config) return `APT_CONFIG (${config.source}) reads another apt configuration`;
  return undefined;
}

function resolve(command: SimpleCommand, env: EnvLookup, dir: string): ToolCacheResolution {
  const why = moved(command, env);
  if (why) return { cacheDir: unknown(why), source: why };
  return { cacheDir: known(dir), source: `apt's default ${dir}` };
}

export const aptTool: Tool = {
  id: 'apt',
  distroSpecific: true,
  runsAsRoot: true,
  displayName: 'apt package',
  program: 'apt-get',
  defaultCacheId: 'apt-cache',
  cacheEnvVars: [],
  sharing: 'locked',
  matches(command) {
    const sub = aptSubcommand(command);
    return sub !== undefined && DOWNLOADING.has(sub);
  },
  resolveCacheDir(command, env) {
    return resolve(command, env, '/var/cache/apt/archives');
  },
  disabled() {
    return undefined;
  },
  looksLikeCacheDir(path) {
    return isPathUnder(path.replace(/\/+$/, ''), '/var/cache/apt');
  },
  wipes(command) {
    return aptSubcommand(command) === 'clean';
  },
};

export const aptListsTool: Tool = {
  id: 'apt-lists',
  distroSpecific: true,
  runsAsRoot: true,
  displayName: 'apt lists',
  program: 'apt-get',
  defaultCacheId: 'apt-lists',
  cacheEnvVars: [],
  sharing: 'locked',
  matches(command) {
    return aptSubcommand(command) === 'update';
  },
  resolveCacheDir(command, env) {
    return resolve(command, env, '/var/lib/apt/lists');
  },
  disabled() {
    return undefined;
  },
  looksLikeCacheDir(path) {
    return isPathUnder(path.replace(/\/+$/, ''), '/var/lib/apt');
  },
};
