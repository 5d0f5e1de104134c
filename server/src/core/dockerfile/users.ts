// Users and groups created by RUN commands (useradd, Debian adduser, busybox adduser, groupadd,
// addgroup): their passwd home and uid/gid decide HOME for a later `USER name` (docs/semantics.md#home-and-user).
import type { SimpleCommand } from '../shell/types';
import type { CreatedUser } from './types';

interface CreatedGroup {
  name: string;
  gid?: number;
}

export type Created = { user: CreatedUser } | { group: CreatedGroup };

function program(command: SimpleCommand): string {
  return (command.words[0]?.value ?? '').split('/').pop() ?? '';
}

function toId(value: string | undefined): number | undefined {
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

interface ParsedArgs {
  options: Map<string, string>;
  switches: Set<string>;
  positionals: string[];
}

/** getopt-style parsing: `-abc`, `-dVALUE`, `-d VALUE`, `--long VALUE`, `--long=VALUE`. */
function parseArgs(args: string[], withValue: Set<string>, aliases: Record<string, string>): ParsedArgs {
  const options = new Map<string, string>();
  const switches = new Set<string>();
  const positionals: string[] = [];
  const canon = (name: string): string => aliases[name] ?? name;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith('--') && arg.length > 2) {
      const eq = arg.indexOf('=');
      const name = canon(eq < 0 ? arg : arg.slice(0, eq));
      if (eq >= 0) options.set(name, arg.slice(eq + 1));
      else if (withValue.has(name)) options.set(name, args[++i] ?? '');
      else switches.add(name);
    } else if (arg.startsWith('-') && arg.length > 1) {
      for (let k = 1; k < arg.length; k++) {
        const name = canon('-' + arg[k]);
        if (withValue.has(name)) {
          const rest = arg.slice(k + 1);
          options.set(name, rest !== '' ? rest : (args[++i] ?? ''));
          break;
        }
        switches.add(name);
      }
    } else positionals.push(arg);
  }
  return { options, switches, positionals };
}

const USERADD_VALUE = new Set([
  '--home-dir',
  '--uid',
  '--gid',
  '--shell',
  '--comment',
  '--groups',
  '--skel',
  '--expiredate',
  '--inactive',
  '--key',
  '--password',
  '--root',
  '--prefix',
  '--base-dir',
  '--selinux-user',
]);
const USERADD_ALIASES: Record<string, string> = {
  '-d': '--home-dir',
  '--home': '--home-dir',
  '-u': '--uid',
  '-g': '--gid',
  '-s': '--shell',
  '-c': '--comment',
  '-G': '--groups',
  '-k': '--skel',
  '-e': '--expiredate',
  '-f': '--inactive',
  '-K': '--key',
  '-p': '--password',
  '-R': '--root',
  '-P': '--prefix',
  '-b': '--base-dir',
  '-Z': '--selinux-user',
  '-m': '--create-home',
  '-M': '--no-create-home',
  '-r': '--system',
};
const DEBIAN_ADDUSER_VALUE = new Set([
  '--home',
  '--uid',
  '--gid',
  '--ingroup',
  '--shell',
  '--gecos',
  '--firstuid',
  '--lastuid',
  '--firstgid',
  '--lastgid',
  '--conf',
  '--comment',
  '--add-extra-groups',
]);
const BUSYBOX_ADDUSER_VALUE = new Set(['-h', '-g', '-s', '-G', '-u', '-k']);
const GROUP_VALUE = new Set(['--gid', '--key', '--password', '--root', '--prefix', '--users']);
const GROUP_ALIASES: Record<string, string> = {
  '-g': '--gid',
  '-K': '--key',
  '-p': '--password',
  '-R': '--root',
  '-P': '--prefix',
  '-U': '--users',
};

/** The user or group a command creates, if it is one of the account tools. */
export function createdBy(command: SimpleCommand, line?: number): Created | undefined {
  const name = program(command);
  const args = command.words.slice(1).map((w) => w.value);
  const base = { span: command.span, ...(line !== undefined ? { line } : {}) };
  if (name === 'useradd') {
    const parsed = parseArgs(args, USERADD_VALUE, USERADD_ALIASES);
    const user = parsed.positionals[parsed.positionals.length - 1];
    if (!user) return undefined;
    const baseDir = parsed.options.get('--base-dir') ?? '/home';
    const created: CreatedUser = {
      name: user,
      home: parsed.options.get('--home-dir') ?? `${baseDir.replace(/\/$/, '')}/${user}`,
      tool: 'useradd',
      ...base,
    };
    assignIds(created, parsed.options.get('--uid'), parsed.options.get('--gid'));
    return { user: created };
  }
  if (name === 'adduser') {
    const debian = args.some((a) => a.startsWith('--'));
    if (debian) {
      const parsed = parseArgs(args, DEBIAN_ADDUSER_VALUE, {});
      // `adduser user group` adds an existing user to a group: not a creation.
      if (parsed.positionals.length !== 1) return undefined;
      const user = parsed.positionals[0]!;
      const home = parsed.options.get('--home');
      const created: CreatedUser = { name: user, home: home ?? `/home/${user}`, tool: 'adduser', ...base };
      if (home === undefined && parsed.switches.has('--system')) {
        created.homeUnknown =
          'Debian adduser --system without --home: the default home differs between adduser versions';
      }
      assignIds(created, parsed.options.get('--uid'), parsed.options.get('--gid'));
      return { user: created };
    }
    const parsed = parseArgs(args, BUSYBOX_ADDUSER_VALUE, {});
    const user = parsed.positionals[0];
    if (!user) return undefined;
    const created: CreatedUser = {
      name: user,
      home: parsed.options.get('-h') ?? `/home/${user}`,
      tool: 'adduser',
      ...base,
    };
    assignIds(created, parsed.options.get('-u'), undefined);
    return { user: created };
  }
  if (name === 'groupadd' || name === 'addgroup') {
    const parsed = parseArgs(args, GROUP_VALUE, GROUP_ALIASES);
    const group = parsed.positionals[parsed.positionals.length - 1];
    if (!group || (name === 'addgroup' && parsed.positionals.length > 1)) return undefined;
    const created: CreatedGroup = { name: group };
    const gid = toId(parsed.options.get('--gid'));
    if (gid !== undefined) created.gid = gid;
    return { group: created };
  }
  return undefined;
}

function assignIds(user: CreatedUser, uid: string | undefined, gid: string | undefined): void {
  const u = toId(uid);
  if (u !== undefined) user.uid = u;
  const g = toId(gid);
  if (g !== undefined) user.gid = g;
  else if (gid !== undefined) groupNames.set(user, gid);
}

/** `-g name` given as a group name; resolved against groups created earlier by the model. */
export const groupNames = new WeakMap<CreatedUser, string>();
