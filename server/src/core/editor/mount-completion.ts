// Completion inside `RUN --mount=`: option keys (those BuildKit accepts for the mount's type, docs/semantics.md#mount-options),
// `type` and `sharing` values, ids already used in the workspace and the tool's own id, and the
// directory the RUN's tool really caches into as the target. Works on half-typed text: it reads the
// line up to the cursor, not the (possibly broken) mount model.
import type { DockerfileModel } from '../dockerfile/types';
import type { Settings } from '../settings';
import type { Span } from '../text';
import { toolById } from '../tools';
import { cacheIdFor } from '../rules/dockerfile/mount-helpers';

export interface MountCompletion {
  label: string;
  kind: 'key' | 'value';
  detail?: string;
  documentation?: string;
  /** Text inserted in place of `replace`. */
  insertText: string;
  replace: Span;
  /** Lower sorts first. */
  rank: number;
}

interface KeyDoc {
  key: string;
  types: readonly string[];
  doc: string;
  /** Insert `key=` (false for bare words such as `ro`). */
  takesValue: boolean;
}

const ALL = ['bind', 'cache', 'tmpfs', 'secret', 'ssh'] as const;

// The keys of docs/semantics.md#mount-options (aliases left out: `src`, `dst`, `destination`, `readonly`, `readwrite`).
const KEYS: readonly KeyDoc[] = [
  {
    key: 'type',
    types: ALL,
    doc: 'Mount type: `bind` (the default when omitted), `cache`, `tmpfs`, `secret` or `ssh`.',
    takesValue: true,
  },
  {
    key: 'target',
    types: ALL,
    doc: 'Mount path. For a cache mount without `id`, its cleaned value is also the cache id.',
    takesValue: true,
  },
  {
    key: 'id',
    types: ['cache', 'secret', 'ssh'],
    doc: 'Cache id: mounts with the same id (and the same uid/gid/mode/from) share one cache on a builder. Defaults to the target.',
    takesValue: true,
  },
  { key: 'sharing', types: ['cache'], doc: '`shared` (default), `private` or `locked`.', takesValue: true },
  {
    key: 'from',
    types: ['bind', 'cache'],
    doc: 'Build stage, context or image to use as the base (for a cache: its initial content). Not variable-expanded.',
    takesValue: true,
  },
  {
    key: 'source',
    types: ['bind', 'cache'],
    doc: 'Subpath in `from` to mount. Defaults to its root.',
    takesValue: true,
  },
  {
    key: 'mode',
    types: ['cache', 'secret', 'ssh'],
    doc: 'File mode (octal) of a new cache directory. Default `0755`. Makes a separate cache under the same id.',
    takesValue: true,
  },
  {
    key: 'uid',
    types: ['cache', 'secret', 'ssh'],
    doc: 'Owner uid of a new cache directory. Default `0`. Makes a separate cache under the same id.',
    takesValue: true,
  },
  {
    key: 'gid',
    types: ['cache', 'secret', 'ssh'],
    doc: 'Owner gid of a new cache directory. Default `0`. Makes a separate cache under the same id.',
    takesValue: true,
  },
  { key: 'ro', types: ['bind', 'cache'], doc: 'Read-only.', takesValue: false },
  { key: 'rw', types: ['bind'], doc: 'Read-write (a bind mount is read-only by default).', takesValue: false },
  {
    key: 'required',
    types: ['secret', 'ssh'],
    doc: 'Fail the build when the secret or ssh socket is not provided.',
    takesValue: false,
  },
  { key: 'size', types: ['tmpfs'], doc: 'Size limit of the tmpfs.', takesValue: true },
  { key: 'env', types: ['secret'], doc: 'Expose the secret as this environment variable.', takesValue: true },
];

const TYPE_DOCS: Record<string, string> = {
  cache: 'A persistent cache directory kept by the builder between builds; not part of the image.',
  bind: 'Read-only bind of the build context or of `from` (the default type).',
  tmpfs: 'An in-memory filesystem for this RUN.',
  secret: 'A build secret, not stored in the image.',
  ssh: 'The SSH agent socket.',
};

const SHARING_DOCS: Record<string, string> = {
  shared: 'Default: concurrent writers use the same directory.',
  private: 'A new directory is created when there are several writers.',
  locked: 'A second writer waits until the first one releases the mount (what apt needs).',
};

const CANONICAL: Record<string, string> = {
  src: 'source',
  dst: 'target',
  destination: 'target',
  readonly: 'ro',
  readwrite: 'rw',
};

export interface CompletionContext {
  settings: Settings;
  /** Explicit ids used in the workspace, most used first (this document's included). */
  knownIds: readonly string[];
}

/** The `--mount=` value being typed at the offset: its start, and the text up to the cursor. */
function mountValueAt(model: DockerfileModel, offset: number): { start: number; typed: string } | undefined {
  const inst = model.instructions.find((i) => i.keyword === 'RUN' && offset >= i.span.start && offset <= i.span.end);
  if (!inst) return undefined;
  const line = model.lines.positionAt(offset).line;
  const lineStart = model.lines.lineStart(line);
  const before = model.text.slice(lineStart, offset);
  const m = /--mount=(\S*)$/i.exec(before);
  if (!m) return undefined;
  return { start: offset - m[1]!.length, typed: m[1]! };
}

export function mountCompletions(model: DockerfileModel, offset: number, ctx: CompletionContext): MountCompletion[] {
  const at = mountValueAt(model, offset);
  if (!at) return [];
  const fieldStart = at.start + at.typed.lastIndexOf(',') + 1;
  const field = model.text.slice(fieldStart, offset);
  const fields = at.typed.split(',');
  const written = new Map<string, string>();
  for (const f of fields.slice(0, -1)) {
    const eq = f.indexOf('=');
    const key = (eq < 0 ? f : f.slice(0, eq)).toLowerCase();
    written.set(CANONICAL[key] ?? key, eq < 0 ? '' : f.slice(eq + 1));
  }
  // The rest of the flag after the cursor also counts (`--mount=|type=cache` has a type already).
  const rest = /^[^\s]*/.exec(model.text.slice(offset))?.[0] ?? '';
  for (const f of rest.split(',').slice(1)) {
    const eq = f.indexOf('=');
    const key = (eq < 0 ? f : f.slice(0, eq)).toLowerCase();
    if (key) written.set(CANONICAL[key] ?? key, eq < 0 ? '' : f.slice(eq + 1));
  }
  const type = (written.get('type') ?? 'bind').toLowerCase();
  const eq = field.indexOf('=');
  if (eq < 0) return keyItems(type, written, { start: fieldStart, end: offset });
  const key = CANONICAL[field.slice(0, eq).toLowerCase()] ?? field.slice(0, eq).toLowerCase();
  const replace = { start: fieldStart + eq + 1, end: offset };
  return valueItems(model, offset, key, type, replace, ctx);
}

function keyItems(type: string, written: Map<string, string>, replace: Span): MountCompletion[] {
  const out: MountCompletion[] = [];
  KEYS.forEach((k, rank) => {
    if (written.has(k.key)) return;
    // Before `type=` is written the type is still open: offer every key.
    if (written.has('type') && !k.types.includes(type)) return;
    out.push({
      label: k.key,
      kind: 'key',
      documentation: k.doc,
      insertText: k.takesValue ? `${k.key}=` : k.key,
      replace,
      rank,
    });
  });
  return out;
}

function valueItems(
  model: DockerfileModel,
  offset: number,
  key: string,
  type: string,
  replace: Span,
  ctx: CompletionContext,
): MountCompletion[] {
  const value = (label: string, rank: number, documentation?: string, detail?: string): MountCompletion => {
    const item: MountCompletion = { label, kind: 'value', insertText: label, replace, rank };
    if (documentation) item.documentation = documentation;
    if (detail) item.detail = detail;
    return item;
  };
  if (key === 'type') return ALL.map((t, i) => value(t, i, TYPE_DOCS[t]));
  if (key === 'sharing') return Object.entries(SHARING_DOCS).map(([s, doc], i) => value(s, i, doc));
  const run = model.runs.find((r) => offset >= r.span.start && offset <= r.span.end);
  const tools = (run?.toolUses ?? []).filter((u) => !u.disabled);
  if (key === 'id') {
    const out: MountCompletion[] = [];
    const seen = new Set<string>();
    for (const use of tools) {
      const tool = toolById(use.tool);
      if (!tool) continue;
      const id = cacheIdFor(tool, ctx.settings);
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(
        value(
          id,
          out.length,
          `The id for the ${tool.displayName} cache (settings \`cacheIds\`/\`uvCacheId\`, else the tool default).`,
          `${tool.displayName} cache id`,
        ),
      );
    }
    for (const id of ctx.knownIds) {
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(value(id, 100 + out.length, 'An id already used in the workspace.', 'used in the workspace'));
    }
    return out;
  }
  if (key === 'target' && type === 'cache') {
    const out: MountCompletion[] = [];
    const seen = new Set<string>();
    for (const use of tools) {
      if (!use.cacheDir.known || seen.has(use.cacheDir.value)) continue;
      seen.add(use.cacheDir.value);
      const name = toolById(use.tool)?.displayName ?? use.tool;
      out.push(
        value(
          use.cacheDir.value,
          out.length,
          `Where ${name} caches in this RUN${use.cacheDirSource ? ` (${use.cacheDirSource})` : ''}.`,
          `${name} cache directory`,
        ),
      );
    }
    return out;
  }
  return [];
}
