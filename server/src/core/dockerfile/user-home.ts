// USER and HOME at one RUN (docs/semantics.md#home-and-user, docs/verified-facts.md#numeric-user-home).
// HOME: ENV HOME wins (unless empty; a relative one makes HOME unknown). Otherwise runc takes it from the /etc/passwd line of the uid, or '/' when the uid has
// no line (verified: numeric-user-home). So HOME is known only when this file says what that passwd holds:
// - a stage chain rooted at scratch where nothing before the RUN could have written /etc/passwd has no passwd
//   file at all (verified: no-passwd-file-user): no USER and a numeric uid:gid run with HOME=/, while a bare
//   uid or a user name fails the RUN (HOME unknown);
// - a user created in this file with useradd/adduser: its passwd home;
// - root on an external image: /root (docs/semantics.md#home-and-user);
// - on a known image (images/catalog, or the `images` setting): its USER, and the homes of its passwd entries;
// everything else is unknown: the base image's or the file's own /etc/passwd decides, and rules stay silent.
import type { Span } from '../text';
import { known, unknown, type Maybe } from '../value';
import { isPathUnder } from '../buildkit/path-under';
import type { CreatedUser, Scope, UserInfo, VarDef } from './types';
import { resolutionValue } from './expand';
import type { ResolvedImage } from '../images/resolve';
import type { ImageUser } from '../images/types';

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
  /** On a scratch chain: the first instruction that may have written /etc/passwd (e.g. "the RUN on line 3");
   *  undefined while the chain has no passwd file for sure. */
  passwdWriter?: string;
  /** The chain's root image, when its facts are known. */
  image?: ResolvedImage;
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

function resolveGid(
  group: string | undefined,
  accounts: AccountState,
  created: CreatedUser | undefined,
): Maybe<number> {
  if (group !== undefined && group !== '') {
    if (/^\d+$/.test(group)) return known(Number(group));
    const gid = accounts.groups.get(group);
    if (gid !== undefined) return known(gid);
    return unknown(`group ${group} has no known gid in this Dockerfile`);
  }
  if (created?.gid !== undefined) return known(created.gid);
  return unknown('the primary group is not given in this Dockerfile');
}

/** Whether an instruction putting files at `path` (resolved, cleaned) may create or replace /etc/passwd. */
export function mayWritePasswd(path: Maybe<string>): boolean {
  if (!path.known) return true;
  const p = path.value;
  return p === '/' || isPathUnder(p, '/etc');
}

function userAt(state: UserState | undefined, accounts: AccountState): { info: UserInfo; created?: CreatedUser } {
  if (!state) {
    // No USER: BuildKit runs as 0:0, with or without an /etc/passwd (verified: no-passwd-file-user).
    if (accounts.rootKind === 'scratch') {
      return { info: { name: known('root'), uid: known(0), gid: known(0), isRoot: known(true) } };
    }
    if (accounts.image) return { info: imageUserInfo(accounts.image) };
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
    const fromImage = created ? undefined : imagePasswd(accounts, (u) => u.uid === uid);
    const gid =
      uid === 0 && group === undefined
        ? known(0)
        : fromImage && group === undefined
          ? known(fromImage.gid)
          : resolveGid(group, accounts, created);
    const info: UserInfo = { name: known(name), uid: known(uid), gid, isRoot: known(uid === 0), span };
    return created ? { info, created } : { info };
  }
  if (name === 'root') {
    return {
      info: {
        name: known('root'),
        uid: known(0),
        gid: group === undefined ? known(0) : resolveGid(group, accounts, undefined),
        isRoot: known(true),
        span,
      },
    };
  }
  const created = findUser(accounts, (u) => u.name === name);
  if (created) {
    const uid: Maybe<number> =
      created.uid !== undefined
        ? known(created.uid)
        : unknown(`${created.tool ?? 'useradd'} for ${name} gives no uid (the next free one is used)`);
    const info: UserInfo = {
      name: known(name),
      uid,
      gid: resolveGid(group, accounts, created),
      isRoot: known(false),
      span,
    };
    return { info, created };
  }
  const fromImage = imagePasswd(accounts, (u) => u.name === name);
  if (fromImage) {
    const gid = group === undefined ? known(fromImage.gid) : resolveGid(group, accounts, undefined);
    return { info: { name: known(name), uid: known(fromImage.uid), gid, isRoot: known(fromImage.uid === 0), span } };
  }
  const why = unknown(
    `user ${name} is not created in this Dockerfile; its uid comes from the base image's /etc/passwd`,
  );
  return { info: { name: known(name), uid: why, gid: why, isRoot: known(false), span } };
}

/** The passwd entry of the chain's known root image that matches. */
function imagePasswd(accounts: AccountState, match: (u: ImageUser) => boolean): ImageUser | undefined {
  return accounts.image?.facts.users.find(match);
}

/** The user a RUN runs as when the Dockerfile has no USER: the image config's. */
function imageUserInfo(image: ResolvedImage): UserInfo {
  const facts = image.facts;
  const entry = facts.users.find((u) => u.name === facts.user || String(u.uid) === facts.user);
  const isRoot = facts.user === 'root' || facts.user === '0' || entry?.uid === 0;
  const uid: Maybe<number> = entry
    ? known(entry.uid)
    : /^\d+$/.test(facts.user)
      ? known(Number(facts.user))
      : unknown(`the image's user ${facts.user} has no known uid`);
  const gid: Maybe<number> = entry ? known(entry.gid) : unknown(`the image's user ${facts.user} has no known gid`);
  return { name: known(facts.user), uid, gid, isRoot: known(isRoot) };
}

export function userAndHome(state: UserState | undefined, accounts: AccountState, scope: Scope): UserAndHome {
  const { info, created } = userAt(state, accounts);
  const unknownHome = (reason: string): UserAndHome => ({
    user: info,
    home: unknown(reason),
    homeSource: `unknown: ${reason}`,
  });
  const homeDef = scope.lookup('HOME');
  const fromEnv = typeof homeDef !== 'string' ? homeFromEnv(homeDef) : undefined;
  if (fromEnv) return { user: info, ...fromEnv };
  if (accounts.rootKind === 'scratch' && accounts.passwdWriter === undefined) return withoutPasswd(state, info);
  // On a scratch chain, /etc/passwd exists only if this file wrote it: the writer named here decides.
  const written =
    accounts.rootKind === 'scratch' ? `the /etc/passwd that ${accounts.passwdWriter} may have written` : undefined;
  if (!state) {
    if (written) return unknownHome(`root's HOME comes from ${written}`);
    if (accounts.image)
      return { user: info, home: known(accounts.image.facts.home), homeSource: imageHomeSource(accounts.image) };
    return unknownHome('the user comes from the base image (no USER in this Dockerfile)');
  }
  if (info.isRoot.known && info.isRoot.value) {
    if (written) return unknownHome(`root's HOME comes from ${written}`);
    // docs/semantics.md#home-and-user: root's passwd line in a distribution image has /root.
    return { user: info, home: known('/root'), homeSource: `root user (USER, line ${state.line + 1})` };
  }
  if (created) {
    const line = created.line !== undefined ? `, line ${created.line + 1}` : '';
    if (created.homeUnknown) return unknownHome(created.homeUnknown);
    return {
      user: info,
      home: known(created.home),
      homeSource: `passwd entry from ${created.tool ?? 'useradd'} (${created.name}${line})`,
    };
  }
  const uid = info.uid;
  const fromImage = uid.known ? imagePasswd(accounts, (u) => u.uid === uid.value) : undefined;
  if (fromImage && accounts.image) {
    return {
      user: info,
      home: known(fromImage.home),
      homeSource: `passwd entry of ${fromImage.name} in ${accounts.image.reference} (${imageSource(accounts.image)})`,
    };
  }
  if (info.uid.known) {
    // The passwd may have a line for this uid (HOME from it) or not (HOME=/): verified numeric-user-home.
    if (written)
      return unknownHome(
        `uid ${info.uid.value} is not created with useradd/adduser in this Dockerfile; its HOME comes from ${written}`,
      );
    return unknownHome(
      `uid ${info.uid.value} is not created in this Dockerfile; the base image's /etc/passwd decides HOME`,
    );
  }
  return unknownHome(info.uid.reason);
}

function imageHomeSource(image: ResolvedImage): string {
  const facts = image.facts;
  const who =
    facts.user === 'root'
      ? `${image.reference} sets no USER, so RUN runs as root`
      : `${image.reference} sets USER ${facts.user}`;
  const home = facts.env.HOME !== undefined ? `its ENV HOME is ${facts.home}` : `whose passwd home is ${facts.home}`;
  return `${who}, ${home}; ${imageSource(image)}`;
}

/** "source: URL" (built-in catalog) or "from the images setting ..." for hovers and messages. */
function imageSource(image: ResolvedImage): string {
  return image.origin === 'built-in image catalog' ? `source: ${image.facts.source}` : `from ${image.origin}`;
}

/**
 * HOME set by ENV/ARG. Empty: runc sets HOME from passwd when the env's HOME is empty (docs/semantics.md#home-and-user,
 * `if envHome == ""`), so the passwd rules below decide (undefined). Relative: what a tool makes of
 * it (joined to the working directory, or ignored) is not documented in docs/semantics.md, so HOME is unknown.
 */
function homeFromEnv(def: VarDef): Pick<UserAndHome, 'home' | 'homeSource'> | undefined {
  const value = resolutionValue('HOME', def).value;
  const where = `${def.kind} HOME (line ${def.line + 1})`;
  if (!value.known) return { home: value, homeSource: where };
  if (value.value === '') return undefined;
  if (!value.value.startsWith('/')) {
    const reason = `HOME '${value.value}' (${where}) is relative: where a tool caches under it is not known`;
    return { home: unknown(reason), homeSource: `unknown: ${reason}` };
  }
  return { home: value, homeSource: where };
}

/** A scratch chain with no /etc/passwd file (verified: no-passwd-file-user). */
function withoutPasswd(state: UserState | undefined, info: UserInfo): UserAndHome {
  const noFile = 'no /etc/passwd in this scratch stage chain';
  if (!state) return { user: info, home: known('/'), homeSource: `root with ${noFile}: the runtime uses HOME=/` };
  let reason: string;
  if (!state.value.known) reason = `USER value is unknown: ${state.value.reason}`;
  else {
    const value = state.value.value.trim();
    const [name = '', group] = splitOnce(value, ':');
    if (/^\d+$/.test(name) && group !== undefined && /^\d+$/.test(group)) {
      return {
        user: info,
        home: known('/'),
        homeSource: `USER ${value} (line ${state.line + 1}) with ${noFile}: the runtime uses HOME=/`,
      };
    }
    reason =
      group === undefined
        ? `this RUN fails: USER ${value} (line ${state.line + 1}) gives no group and there is ${noFile} ("unable to find user ${value}")`
        : `USER ${value} (line ${state.line + 1}) with ${noFile}: whether this RUN runs, and with which HOME, is not verified`;
  }
  return { user: info, home: unknown(reason), homeSource: `unknown: ${reason}` };
}

function splitOnce(value: string, sep: string): [string, string | undefined] {
  const i = value.indexOf(sep);
  return i < 0 ? [value, undefined] : [value.slice(0, i), value.slice(i + 1)];
}
