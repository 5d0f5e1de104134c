// Cache ids as names an editor can navigate: which id is under the cursor (an `id=` value, or the
// target of a cache mount without an id, which is its implicit id, docs/semantics.md#cache-key), every mount using
// it, and the edit that renames it on one mount.
// Rename decision: an implicit id is renamed by ADDING `id=<new>` right after `type=cache`; the target
// never changes (it is where the tool writes). The mount keeps sharing with the others renamed with it.
import type { DockerfileModel, Mount } from '../dockerfile/types';
import { CACHE_ID_PATTERN } from '../config-schema';
import { containsOffset, type LineRange, type Span } from '../text';
import { mountEntry } from '../summarize';
import type { MountEntry } from '../workspace/mount-entry';
import { LineStarts } from '../workspace/line-starts';

export interface IdAtCursor {
  mount: Mount;
  entry: MountEntry;
  /** The effective (expanded) id. */
  id: string;
  /** The text the cursor is on: the id value, or the target value of an implicit id. */
  span: Span;
  via: 'id' | 'target';
}

/** The cache id under the offset, when it is known. */
export function cacheIdAt(model: DockerfileModel, offset: number): IdAtCursor | undefined {
  for (const mount of model.mounts) {
    if (!containsOffset(mount.flagSpan, offset) || mount.type !== 'cache') continue;
    const key = mount.cacheKey;
    if (!key?.id.known) return undefined;
    const entry = mountEntry(model, mount);
    if (!entry) return undefined;
    const idOption = mount.option('id');
    if (key.explicit && idOption && containsOffset(idOption.span, offset)) {
      return { mount, entry, id: key.id.value, span: idOption.valueSpan ?? idOption.span, via: 'id' };
    }
    const target = mount.target;
    if (!key.explicit && target && containsOffset(target.span, offset)) {
      return { mount, entry, id: key.id.value, span: target.valueSpan ?? target.span, via: 'target' };
    }
    return undefined;
  }
  return undefined;
}

/** The cache mounts of a model that use the id (explicit or implicit). */
export function mountsUsingId(model: DockerfileModel, id: string): MountEntry[] {
  const out: MountEntry[] = [];
  let lines: LineStarts | undefined; // made once, for the first mount that uses the id
  for (const mount of model.mounts) {
    if (mount.type !== 'cache' || !mount.cacheKey?.id.known || mount.cacheKey.id.value !== id) continue;
    const entry = mountEntry(model, mount, (lines ??= new LineStarts(model.lines, model.text.length)));
    if (entry) out.push(entry);
  }
  return out;
}

/** Where a reference to the id is written on a mount: the id value, or the target for an implicit id. */
export function referenceRange(entry: MountEntry): LineRange {
  const option = entry.key.explicit ? entry.id : entry.target;
  return (option?.valueSpan ?? option ?? entry.flag).range;
}

const CACHE_ID = new RegExp(CACHE_ID_PATTERN);

/** Why `id` cannot be a new cache id, or undefined when it can. */
export function invalidIdReason(id: string): string | undefined {
  if (id === '') return 'a cache id cannot be empty';
  if (!CACHE_ID.test(id))
    return `'${id}' is not a valid cache id: no spaces, commas, quotes or '=' (they would split or break the --mount value)`;
  if (/[$\\`]/.test(id))
    return `'${id}' is not a valid cache id: '$', '\\' and '\`' would be read as a variable or an escape`;
  return undefined;
}

export type IdEdit = { range: LineRange; newText: string } | { error: string };

/** The edit giving one mount the id `newId`. */
export function idEdit(entry: MountEntry, newId: string, label: string): IdEdit {
  if (entry.key.explicit) {
    const id = entry.id;
    // A variable (`id=${ID}`) or an escape: the written text is not the id, so it cannot be replaced by one.
    if (!id?.valueSpan || !id.plain || !entry.key.id.known || id.value !== entry.key.id.value) {
      return {
        error: `the id on ${label} is written with quotes, escapes or variables (${id?.value ?? '?'}): rename it by hand`,
      };
    }
    return { range: id.valueSpan.range, newText: newId };
  }
  // An empty `id=` counts as no id: replace it.
  if (entry.id) return { range: entry.id.range, newText: `id=${newId}` };
  const at = entry.insertIdPosition;
  return { range: { start: at, end: at }, newText: entry.insertIdAfterType ? `,id=${newId}` : `id=${newId},` };
}
