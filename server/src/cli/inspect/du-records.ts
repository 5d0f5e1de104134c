// Parses what a builder prints about its cache records into plain records. Pure: text in, records or one error
// line out, never throws. Three forms, each recorded from a real builder in test/fixtures/buildx-du/:
//   - `docker buildx du --filter type=exec.cachemount --format json` (buildx 0.29): one JSON object per line;
//   - `docker buildx du --filter type=exec.cachemount --verbose`: blocks of `Key:  value` lines;
//   - `docker system df -v --format '{{json .}}'` (Docker 20.10, which has no buildx): one JSON document whose
//     `BuildCache` lists every record (exec.cachemount ones among them).
// Sizes and times stay as docker printed them, with the bytes and an absolute time when the text gives them.
import { describedMount, type DescribedMount } from './cache-description';
import { parseHumanSize } from './human-size';

const CACHE_MOUNT_TYPE = 'exec.cachemount';
/** More records than any real builder holds: past this the output is refused rather than read. */
const MAX_RECORDS = 200_000;

export interface CacheRecord {
  /** The builder's record id (what `prune --filter id=` takes). */
  recordId: string;
  type: string;
  description: string;
  mount: DescribedMount;
  /** As docker printed it ("2.097MB"). */
  size: string;
  /** Approximate bytes of `size`; undefined when docker printed no size. */
  bytes?: number;
  /** As docker printed it: "About a minute ago" (buildx), or a time (docker system df). */
  lastUsed?: string;
  /** ISO time of the last use, when docker printed a time. */
  lastUsedAt?: string;
  createdAt?: string;
  usageCount?: number;
  inUse?: boolean;
  shared?: boolean;
}

export type ParseResult = { records: CacheRecord[] } | { error: string };

/** Docker's "2026-12-03 14:40:51.537482817 +0000 UTC" (or RFC 3339) as ISO; undefined when it is no time. */
export function dockerTime(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?/.exec(text.trim());
  if (!m) return undefined;
  const fraction = m[3] ? m[3].slice(0, 4) : '';
  let zone = m[4] ?? 'Z';
  if (/^[+-]\d{4}$/.test(zone)) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const date = new Date(`${m[1]}T${m[2]}${fraction}${zone}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

function bool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

function count(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(n) ? n : undefined;
}

/** A record from one object of either JSON form; undefined when it has no id. */
function fromObject(o: Record<string, unknown>): CacheRecord | undefined {
  const recordId = str(o.ID);
  if (!recordId) return undefined;
  const description = str(o.Description) ?? '';
  const size = str(o.Size) ?? '';
  const record: CacheRecord = {
    recordId,
    type: str(o.Type) ?? str(o.CacheType) ?? '',
    description,
    mount: describedMount(description),
    size,
  };
  const bytes = typeof o.Size === 'number' ? o.Size : parseHumanSize(size);
  if (bytes !== undefined) record.bytes = bytes;
  const lastUsedText = str(o.LastUsedAt);
  const lastUsedAt = dockerTime(lastUsedText);
  if (lastUsedAt) record.lastUsedAt = lastUsedAt;
  const lastUsed = str(o.LastUsedSince) ?? lastUsedText;
  if (lastUsed) record.lastUsed = lastUsed;
  const createdAt = dockerTime(str(o.CreatedAt));
  if (createdAt) record.createdAt = createdAt;
  const usage = count(o.UsageCount);
  if (usage !== undefined) record.usageCount = usage;
  const inUse = bool(o.InUse);
  if (inUse !== undefined) record.inUse = inUse;
  const shared = bool(o.Shared);
  if (shared !== undefined) record.shared = shared;
  return record;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function snippet(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return JSON.stringify(line.length > 60 ? `${line.slice(0, 60)}...` : line);
}

function onlyCacheMounts(records: CacheRecord[]): ParseResult {
  if (records.length > MAX_RECORDS) return { error: `more than ${MAX_RECORDS} cache records: not read` };
  return { records: records.filter((r) => r.type === CACHE_MOUNT_TYPE) };
}

/** `docker buildx du --format json`: one object per line (a JSON array is read too). */
export function parseBuildxDuJson(stdout: string): ParseResult {
  const text = stdout.trim();
  if (text === '') return { records: [] };
  const objects: unknown[] = [];
  if (text.startsWith('[')) {
    try {
      const whole: unknown = JSON.parse(text);
      if (Array.isArray(whole)) objects.push(...(whole as unknown[]));
    } catch {
      return { error: `docker buildx du printed a JSON array that does not parse (truncated?): ${snippet(text)}` };
    }
  } else {
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!.trim();
      if (line === '') continue;
      if (objects.length >= MAX_RECORDS) return { error: `more than ${MAX_RECORDS} cache records: not read` };
      try {
        objects.push(JSON.parse(line));
      } catch {
        return { error: `docker buildx du printed something that is not JSON on line ${i + 1}: ${snippet(line)}` };
      }
    }
  }
  const records: CacheRecord[] = [];
  for (const [i, o] of objects.entries()) {
    const record = isObject(o) ? fromObject(o) : undefined;
    if (!record)
      return {
        error: `docker buildx du printed a record without an ID (record ${i + 1}): ${snippet(JSON.stringify(o) ?? '')}`,
      };
    records.push(record);
  }
  return onlyCacheMounts(records);
}

/** The verbose (pretty) keys of buildx du and the JSON names they stand for. */
const PRETTY_KEYS: Record<string, string> = {
  ID: 'ID',
  Parent: 'Parent',
  Parents: 'Parents',
  'Created at': 'CreatedAt',
  Mutable: 'Mutable',
  Reclaimable: 'Reclaimable',
  Shared: 'Shared',
  Size: 'Size',
  Description: 'Description',
  'Usage count': 'UsageCount',
  'Last used': 'LastUsedAt',
  Type: 'Type',
};

/** `docker buildx du --verbose`: blocks separated by blank lines; a line with no known key continues the description. */
export function parseBuildxDuVerbose(stdout: string): ParseResult {
  const records: CacheRecord[] = [];
  let block: Record<string, unknown> = {};
  let last: string | undefined;
  let lineNo = 0;
  let sawKey = false;
  const flush = (): string | undefined => {
    if (Object.keys(block).length === 0) return undefined;
    const record = fromObject(block);
    if (!record) return `docker buildx du --verbose printed a record without an ID (before line ${lineNo})`;
    if (records.length >= MAX_RECORDS) return `more than ${MAX_RECORDS} cache records: not read`;
    records.push(record);
    block = {};
    last = undefined;
    return undefined;
  };
  for (const raw of stdout.split('\n')) {
    lineNo++;
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') {
      const error = flush();
      if (error) return { error };
      continue;
    }
    const m = /^([A-Za-z][A-Za-z ]*?):\s+(.*)$/.exec(line) ?? /^([A-Za-z][A-Za-z ]*?):$/.exec(line);
    const key = m ? PRETTY_KEYS[m[1]!] : undefined;
    if (key) {
      block[key] = m![2] ?? '';
      last = key;
      sawKey = true;
      continue;
    }
    if (line.startsWith('Total:') || line.startsWith('Reclaimable:')) continue;
    if ((last === 'Parent' || last === 'Parents') && /^\s/.test(line)) continue;
    if (last === 'Description') {
      block.Description = `${String(block.Description)}\n${line}`;
      continue;
    }
    return {
      error: `docker buildx du --verbose printed a line it does not explain (line ${lineNo}): ${snippet(line)}`,
    };
  }
  const error = flush();
  if (error) return { error };
  if (!sawKey && stdout.trim() !== '')
    return { error: `docker buildx du --verbose printed no record: ${snippet(stdout)}` };
  return onlyCacheMounts(records);
}

/** `docker system df -v --format '{{json .}}'`: one document; its `BuildCache` holds the records. */
export function parseSystemDfJson(stdout: string): ParseResult {
  const text = stdout.trim();
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { error: `docker system df printed something that is not one JSON document (truncated?): ${snippet(text)}` };
  }
  if (!isObject(doc) || !('BuildCache' in doc))
    return { error: `docker system df printed JSON without a BuildCache list: ${snippet(text)}` };
  const list = doc.BuildCache ?? [];
  if (!Array.isArray(list)) return { error: 'docker system df printed a BuildCache that is not a list' };
  if (list.length > MAX_RECORDS) return { error: `more than ${MAX_RECORDS} cache records: not read` };
  const records: CacheRecord[] = [];
  for (const [i, o] of list.entries()) {
    const record = isObject(o) ? fromObject(o) : undefined;
    if (!record) return { error: `docker system df printed a build cache record without an ID (record ${i + 1})` };
    records.push(record);
  }
  return onlyCacheMounts(records);
}
