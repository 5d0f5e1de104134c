// Values many index entries hold alike (ids, targets, cache keys): the workspace index keeps one copy of
// each (10,774 mounts in the 2,000-file benchmark held ~35,000 strings and 10,774 keys, most of them equal).
// The pools are bounded and emptied when full: sharing saves memory, nothing depends on it.
import type { CacheKey } from '../dockerfile/types';

const MAX_SHARED = 4096;
const strings = new Map<string, string>();
const keys = new Map<string, CacheKey>();

function remember<T>(pool: Map<string, T>, name: string, value: T): T {
  if (pool.size >= MAX_SHARED) pool.clear();
  pool.set(name, value);
  return value;
}

/**
 * The pool's copy of a string, never a view of the text it was cut from: V8 makes a long `text.slice()` a
 * view of the whole text, so a value kept from it would keep its file's text alive (the copy is the pool's
 * key for that reason too).
 */
export function sharedString(value: string): string {
  const known = strings.get(value);
  if (known !== undefined) return known;
  const copy = JSON.parse(JSON.stringify(value)) as string;
  return remember(strings, copy, copy);
}

/** No split options: one array for every key without them. */
const NO_SPLIT: CacheKey['splitBy'] = [];

function copyOf(key: CacheKey): CacheKey {
  const id: CacheKey['id'] = key.id.known
    ? { known: true, value: sharedString(key.id.value) }
    : { known: false, reason: sharedString(key.id.reason) };
  const splitBy = key.splitBy.length
    ? key.splitBy.map((s) => ({ key: sharedString(s.key), value: sharedString(s.value) }))
    : NO_SPLIT;
  if (key.compareKey === undefined) return { id, explicit: key.explicit, splitBy };
  // Without split options the compare key is the id itself: the same string is kept once.
  const compareKey = id.known && key.compareKey === id.value ? id.value : sharedString(key.compareKey);
  return { id, explicit: key.explicit, splitBy, compareKey };
}

/** The pool's copy of a mount's cache key (read only: entries of many files share it). */
export function sharedKey(key: CacheKey): CacheKey {
  const name = JSON.stringify([key.explicit, key.id, key.splitBy, key.compareKey]);
  return keys.get(name) ?? remember(keys, name, copyOf(key));
}
