// Do two cache mounts get the same cache? The answer and the reason in words, for the cards.
// BuildKit's cache directory key is the id plus, when uid/gid/mode/from is set, the implicit parent
// ref (docs/semantics.md#cache-key; verified: docs/verified-facts.md#uid-makes-separate-cache). The namespace is
// the same for every mount of one build, so it never separates two mounts of one file.
import type { CacheKey, Mount } from '../dockerfile/types';
import { code, escapeText } from './markdown';

export type Sharing = 'shares' | 'separate' | 'unknown';

export interface KeyComparison {
  verdict: Sharing;
  /** Short reason, e.g. "same key: id `uv-cache`", "different target and no id (`/a` vs `/b`)". */
  reason: string;
}

/** The id with how it was chosen, e.g. "`uv-cache`" or "implicit `/root/.cache/uv`". */
export function describeId(key: CacheKey): string {
  if (!key.id.known) return 'unknown id';
  return key.explicit ? code(key.id.value) : `implicit ${code(key.id.value)}`;
}

function splitMap(key: CacheKey): Map<string, string> {
  const m = new Map<string, string>();
  for (const s of key.splitBy) m.set(s.key, s.value);
  return m;
}

function splitDifferences(a: CacheKey, b: CacheKey): string[] {
  const ma = splitMap(a);
  const mb = splitMap(b);
  const keys = [...new Set([...ma.keys(), ...mb.keys()])].sort();
  const out: string[] = [];
  for (const k of keys) {
    const va = ma.get(k);
    const vb = mb.get(k);
    if (va === vb) continue;
    const show = (v: string | undefined): string => (v === undefined ? 'not set' : code(`${k}=${v}`));
    out.push(`${code(k)} differs (${show(va)} here, ${show(vb)} there)`);
  }
  return out;
}

function sameSplit(a: CacheKey, b: CacheKey): boolean {
  if (a.splitBy.length !== b.splitBy.length) return false;
  const mb = splitMap(b);
  return a.splitBy.every((s) => mb.get(s.key) === s.value);
}

/** The verdict alone, cheap enough to run against every mount of a huge file. */
export function keyVerdict(a: Pick<Mount, 'cacheKey'>, b: Pick<Mount, 'cacheKey'>): Sharing {
  const ka = a.cacheKey;
  const kb = b.cacheKey;
  if (!ka || !kb || !ka.id.known || !kb.id.known) return 'unknown';
  if (ka.id.value !== kb.id.value) return 'separate';
  return sameSplit(ka, kb) ? 'shares' : 'separate';
}

/** Compares mount `a` (the hovered one) with `b`. Both must be cache mounts with a cacheKey. */
export function compareKeys(a: Pick<Mount, 'cacheKey'>, b: Pick<Mount, 'cacheKey'>): KeyComparison {
  const ka = a.cacheKey;
  const kb = b.cacheKey;
  if (!ka || !kb) return { verdict: 'unknown', reason: 'no cache key' };
  if (!ka.id.known) return { verdict: 'unknown', reason: `this mount's id is unknown (${escapeText(ka.id.reason)})` };
  if (!kb.id.known) return { verdict: 'unknown', reason: `its id is unknown (${escapeText(kb.id.reason)})` };
  const ida = ka.id.value;
  const idb = kb.id.value;
  if (ida !== idb) {
    if (!ka.explicit && !kb.explicit) {
      return { verdict: 'separate', reason: `different target and no id (${code(ida)} vs ${code(idb)})` };
    }
    return { verdict: 'separate', reason: `different id (${describeId(ka)} vs ${describeId(kb)})` };
  }
  const diffs = splitDifferences(ka, kb);
  if (diffs.length > 0) {
    return { verdict: 'separate', reason: `same id ${code(ida)} but ${diffs.join(', ')}: a separate cache` };
  }
  const how =
    ka.explicit === kb.explicit
      ? ''
      : ka.explicit
        ? ' (its implicit id, from its target, equals this id)'
        : ' (its explicit id equals this implicit id)';
  const extra = ka.splitBy.length > 0 ? ` with the same ${ka.splitBy.map((s) => code(s.key)).join(', ')}` : '';
  return { verdict: 'shares', reason: `same key: id ${code(ida)}${extra}${how}` };
}
