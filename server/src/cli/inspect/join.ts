// Joins the cache records a builder holds with the cache mounts of the checked files, by cache key: the mount's
// `id`, or its cleaned target when it has none (docs/semantics.md#cache-key). On a builder whose records name no
// id (Docker 20.10), by the mount's target path instead, and the report says so. Pure: no docker, no files.
import type { CacheRecord } from './du-records';

/** A cache this small or smaller counts as empty after a build (a lock file or an index the tool left). */
const EMPTY_MAX_BYTES = 4096;

/** What the join needs of a workspace mount. */
export interface WorkspaceMount {
  /** The file as the report prints it. */
  path: string;
  /** 1-based line of the `--mount` flag. */
  line: number;
  /** The cache id BuildKit uses; undefined when it is not known here (a variable this tool cannot resolve). */
  key?: string;
  explicitId: boolean;
  /** "id 'uv-cache'" / "implicit id '/root/.cache/uv' from the target". */
  describedKey: string;
  /** The absolute target, when known. */
  target?: string;
}

export type KeyedBy = 'id' | 'target';
type MountStatus = 'filled' | 'empty' | 'absent' | 'unknown';

interface JoinedMount extends WorkspaceMount {
  status: MountStatus;
  /** The builder's records for this mount's key (several when uid/gid/mode made separate caches). */
  caches: string[];
  bytes?: number;
  size?: string;
  lastUsed?: string;
  lastUsedAt?: string;
}

/** A cache the builder holds: what its record says (size and use as docker printed them), and how it joins. */
interface JoinedCache extends Pick<
  CacheRecord,
  'recordId' | 'size' | 'bytes' | 'lastUsed' | 'lastUsedAt' | 'createdAt' | 'usageCount'
> {
  /** The key as the record names it: the id (Docker 28), or undefined (Docker 20.10: no id recorded). */
  key?: string;
  namespace?: string;
  target?: string;
  command?: string;
  /** At most EMPTY_MAX_BYTES. */
  empty: boolean;
  /** The mounts of the checked files that use it, as `path:line`. */
  mounts: { path: string; line: number }[];
  /** The command that removes just this cache from the builder. */
  prune: string;
}

export interface JoinResult {
  keyedBy: KeyedBy;
  mounts: JoinedMount[];
  caches: JoinedCache[];
}

function isEmpty(record: CacheRecord): boolean {
  return record.bytes !== undefined && record.bytes <= EMPTY_MAX_BYTES;
}

/** The key a record is joined by; undefined when it has none. */
function recordKey(record: CacheRecord, keyedBy: KeyedBy): string | undefined {
  return keyedBy === 'id' ? record.mount.id : record.mount.target;
}

/** Id when every record names one, else target (a builder that records no id names none). */
export function keyedByOf(records: readonly CacheRecord[]): KeyedBy {
  return records.length > 0 && records.every((r) => r.mount.id === undefined) ? 'target' : 'id';
}

/** The newest of the records' last uses (by ISO time when known, else the first record's text). */
function lastUse(records: readonly CacheRecord[]): { lastUsed?: string; lastUsedAt?: string } {
  const dated = records
    .filter((r) => r.lastUsedAt !== undefined)
    .sort((a, b) => (a.lastUsedAt! < b.lastUsedAt! ? 1 : -1));
  const r = dated[0] ?? records[0];
  const out: { lastUsed?: string; lastUsedAt?: string } = {};
  if (r?.lastUsed !== undefined) out.lastUsed = r.lastUsed;
  if (r?.lastUsedAt !== undefined) out.lastUsedAt = r.lastUsedAt;
  return out;
}

export function joinCaches(
  records: readonly CacheRecord[],
  mounts: readonly WorkspaceMount[],
  prune: (recordId: string) => string,
  keyedBy: KeyedBy = keyedByOf(records),
): JoinResult {
  const byKey = new Map<string, CacheRecord[]>();
  for (const r of records) {
    const key = recordKey(r, keyedBy);
    if (key === undefined) continue;
    const list = byKey.get(key);
    if (list) list.push(r);
    else byKey.set(key, [r]);
  }
  const users = new Map<string, { path: string; line: number }[]>();
  const joinedMounts: JoinedMount[] = mounts.map((m) => {
    const key = keyedBy === 'id' ? m.key : m.target;
    if (key === undefined) return { ...m, status: 'unknown', caches: [] };
    const held = byKey.get(key) ?? [];
    for (const r of held) {
      const list = users.get(r.recordId) ?? [];
      list.push({ path: m.path, line: m.line });
      users.set(r.recordId, list);
    }
    if (held.length === 0) return { ...m, status: 'absent', caches: [] };
    const sized = held.filter((r) => r.bytes !== undefined);
    const joined: JoinedMount = {
      ...m,
      status: held.every(isEmpty) ? 'empty' : 'filled',
      caches: held.map((r) => r.recordId),
      size: held.length === 1 ? held[0]!.size : held.map((r) => r.size).join(' + '),
      ...lastUse(held),
    };
    if (sized.length === held.length) joined.bytes = sized.reduce((sum, r) => sum + r.bytes!, 0);
    return joined;
  });
  const caches: JoinedCache[] = records.map((r) => {
    const c: JoinedCache = {
      recordId: r.recordId,
      size: r.size,
      empty: isEmpty(r),
      mounts: users.get(r.recordId) ?? [],
      prune: prune(r.recordId),
    };
    if (r.mount.id !== undefined) c.key = r.mount.id;
    if (r.mount.namespace !== undefined) c.namespace = r.mount.namespace;
    if (r.mount.target !== undefined) c.target = r.mount.target;
    if (r.mount.command !== undefined) c.command = r.mount.command;
    if (r.bytes !== undefined) c.bytes = r.bytes;
    if (r.lastUsed !== undefined) c.lastUsed = r.lastUsed;
    if (r.lastUsedAt !== undefined) c.lastUsedAt = r.lastUsedAt;
    if (r.createdAt !== undefined) c.createdAt = r.createdAt;
    if (r.usageCount !== undefined) c.usageCount = r.usageCount;
    return c;
  });
  return { keyedBy, mounts: joinedMounts, caches };
}
