// USER and HOME at one RUN (RULES.md "The cache key model", research §3.1):
// HOME: ENV HOME wins; root => /root; a user created in this file => its passwd home; a numeric uid
// without a passwd line => '/' (runc's default, VERIFIED) when the root base is scratch; otherwise unknown.
import type { Span } from '../text';
import { known, unknown, type Maybe } from '../value';
import type { CreatedUser, Scope, UserInfo } from './types';
import { resolutionValue } from './expand';

/** The USER instruction in effect (this stage or inherited through FROM <stage>). */
export interface UserState {
  /** USER's argument after expansion. */
  value: Maybe<string>;
  span: Span;
  line: number;
}

export interface AccountState {
  users: readonly CreatedUser[];
  groups: ReadonlyMap<string, number | undefined>;
  /** The root of the stage chain: scratch (no passwd, no config) or an external image (unknown). */
  rootKind: 'scratch' | 'image';
}

export interface UserAndHome {
  user: UserInfo;
  home: Maybe<string>;
  homeSource: string;
}

const BASE_USER = 'the base image may set USER';

function findUser(accounts: AccountState, match: (u: CreatedUser) => boolean): CreatedUser | undefined {
  for (let i = accounts.users.length - 1; i >= 0; i--) if (match(accounts.users[i]!)) return accounts.users[i];
  return undefined;
}

function resolveGid(group: string | undefined, accounts: AccountState, created: CreatedUser | undefined): Maybe<number> {
  if (group !== undefined && group !== '') {
    if (/^\d+$/.test(group)) return known(Number(group));
    const gid = accounts.groups.get(group);
    if (gid !== undefined) return known(gid);
    return unknown(`group ${group} has no known gid in this Dockerfile`);
  }
  if (created?.gid !== undefined) return known(created.gid);
  return unknown('the primary group is not given in this Dockerfile');
}

export function userAt(state: UserState | undefined, accounts: AccountState): { info: UserInfo; created?: CreatedUser } {
  if (!state) {
    if (accounts.rootKind === 'scratch') {
      return { info: { name: known('root'), uid: known(0), gid: known(0), isRoot: known(true) } };
    }
    const why = unknown(`no USER in this Dockerfile; ${BASE_USER}`);
    return { info: { name: why, uid: why, gid: why, isRoot: why } };
  }
  const span = state.span;
  if (!state.value.known) {
    const why = unknown(`USER value is unknown: ${state.value.reason}`);
    return { info: { name: why, uid: why, gid: why, isRoot: why, span } };
  }
  const [name = '', group] = splitOnce(state.value.value.trim(), ':');
  if (/^\d+$/.test(name)) {
    const uid = Number(name);
    const created = findUser(accounts, (u) => u.uid === uid);
    const gid = uid === 0 && group === undefined ? known(0) : resolveGid(group, accounts, created);
    const info: UserInfo = { name: known(name), uid: known(uid), gid, isRoot: known(uid === 0), span };
    return created ? { info, created } : { info };
  }
  if (name === 'root') {
    return { info: { name: known('root'), uid: known(0), gid: group === undefined ? known(0) : resolveGid(group, accounts, undefined), isRoot: known(true), span } };
  }
  const created = findUser(accounts, (u) => u.name === name);
  if (created) {
    const uid: Maybe<number> = created.uid !== undefined ? known(created.uid) : unknown(`${created.tool ?? 'useradd'} for ${name} gives no uid (the next free one is used)`);
    const info: UserInfo = { name: known(name), uid, gid: resolveGid(group, accounts, created), isRoot: known(false), span };
    return { info, created };
  }
  const why = unknown(`user ${name} is not created in this Dockerfile; its uid comes from the base image's /etc/passwd`);
  return { info: { name: known(name), uid: why, gid: why, isRoot: known(false), span } };
}

export function userAndHome(state: UserState | undefined, accounts: AccountState, scope: Scope): UserAndHome {
  const { info, created } = userAt(state, accounts);
  const homeDef = scope.lookup('HOME');
  if (typeof homeDef !== 'string') {
    const value = resolutionValue('HOME', homeDef).value;
    return { user: info, home: value, homeSource: `${homeDef.kind} HOME (line ${homeDef.line + 1})` };
  }
  if (!state) {
    if (accounts.rootKind === 'scratch') return { user: info, home: known('/root'), homeSource: 'root user (no USER in this stage chain)' };
    return { user: info, home: unknown(`the user comes from the base image (no USER in this Dockerfile)`), homeSource: 'unknown: set by the base image' };
  }
  if (info.isRoot.known && info.isRoot.value) {
    return { user: info, home: known('/root'), homeSource: `root user (USER, line ${state.line + 1})` };
  }
  if (created) {
    const line = created.line !== undefined ? `, line ${created.line + 1}` : '';
    if (created.homeUnknown) return { user: info, home: unknown(created.homeUnknown), homeSource: `unknown: ${created.homeUnknown}` };
    return { user: info, home: known(created.home), homeSource: `passwd entry from ${created.tool ?? 'useradd'} (${created.name}${line})` };
  }
  if (info.uid.known) {
    if (accounts.rootKind === 'scratch') {
      return { user: info, home: known('/'), homeSource: `uid ${info.uid.value} has no passwd entry: the runtime uses HOME=/` };
    }
    const why = `uid ${info.uid.value} is not created in this Dockerfile; the base image's /etc/passwd decides HOME`;
    return { user: info, home: unknown(why), homeSource: `unknown: ${why}` };
  }
  const reason = info.uid.reason;
  return { user: info, home: unknown(reason), homeSource: `unknown: ${reason}` };
}

function splitOnce(value: string, sep: string): [string, string | undefined] {
  const i = value.indexOf(sep);
  return i < 0 ? [value, undefined] : [value.slice(0, i), value.slice(i + 1)];
}
