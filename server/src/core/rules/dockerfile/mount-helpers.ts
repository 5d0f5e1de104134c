// Small shared answers for the cache-mount rules: which tool a mount serves, whether a mount
// covers a directory, and the edits the fixes are made of (mount options, stage-level ENV lines).
import { insertAt, replace, type TextEdit } from '../../fix';
import type { Settings } from '../../settings';
import type { Span } from '../../text';
import type { SimpleCommand } from '../../shell/types';
import type { DockerfileModel, Mount, RunInstruction, Stage, ToolUse } from '../../dockerfile/types';
import type { Tool } from '../../tools/types';
import { TOOLS, toolById } from '../../tools';
import { isRejectedMount } from './rejected-mounts';
import { isPathUnder } from '../../buildkit/path-under';
import { describeCacheKey, type MountEntry } from '../../workspace/mount-entry';

/** A cache mount BuildKit accepts (one CM010 rejects is left to CM010 alone). */
export function isCacheMount(mount: Mount): boolean {
  return mount.type === 'cache' && !isRejectedMount(mount);
}

/** The cache mounts of one RUN. */
export function cacheMounts(run: RunInstruction): Mount[] {
  return run.mounts.filter(isCacheMount);
}

/** Does this mount's known absolute target hold `dir`? Unknown targets cover nothing. */
export function mountCovers(mount: Mount, dir: string): boolean {
  return mount.targetPath.known && isPathUnder(dir, mount.targetPath.value);
}

export interface ServedTool {
  tool: Tool;
  /** 'use': a command of this RUN caches under the mount; 'looks': only the path looks like the tool's cache. */
  via: 'use' | 'looks';
}

/**
 * The tool a cache mount serves: a tool used in the same RUN whose cache dir is the mount target or
 * under it; else the tool whose usual cache dir the target looks like; else none.
 */
export function servedTool(mount: Mount, run: RunInstruction): ServedTool | undefined {
  if (!isCacheMount(mount)) return undefined;
  for (const use of run.toolUses) {
    if (use.cacheDir.known && mountCovers(mount, use.cacheDir.value)) {
      const tool = toolById(use.tool);
      if (tool) return { tool, via: 'use' };
    }
  }
  const looks = looksLikeTool(mount);
  return looks ? { tool: looks, via: 'looks' } : undefined;
}

/**
 * A mount that only looks like a tool's cache while that tool, run in the same RUN, caches somewhere the
 * mount does not cover (CM004 reports it): it is not a copy of that tool's cache, so it takes no part in
 * the comparisons of keys (CM001, CM002). One mistake, one finding.
 */
export function isMismatchedMount(mount: Mount, run: RunInstruction): boolean {
  const served = servedTool(mount, run);
  if (!served || served.via === 'use' || !mount.targetPath.known) return false;
  const uses = activeUses(run).filter((u) => u.tool === served.tool.id);
  // A mount on a part of the tool's dir (cargo's `$CARGO_HOME/git/db`) still holds what the tool writes there.
  const target = mount.targetPath.value;
  return uses.length > 0 && !uses.some((u) => u.cacheDir.known && isPathUnder(target, u.cacheDir.value));
}

/**
 * A mount that only looks like a tool's cache in a RUN that never runs that tool (`curl ... | sh`
 * installing uv under a uv cache mount): nothing shows whose cache it is, so it is no copy of the
 * tool's cache in key comparisons (CM001, CM002), and its owner does not matter (CM006).
 */
export function isIdleLookalike(mount: Mount, run: RunInstruction): boolean {
  const served = servedTool(mount, run);
  return served?.via === 'looks' && !run.toolUses.some((u) => u.tool === served.tool.id);
}

/**
 * `<home>/.cache` of one user (`/root/.cache`, `/home/app/.cache`) mounted while this RUN's user has
 * another HOME, and the use caches under its own `$HOME/.cache`: the directory the mount was meant to
 * be, or undefined.
 */
export function homeCacheRootFor(mount: Mount, run: RunInstruction, use: ToolUse): string | undefined {
  if (!mount.targetPath.known || !run.home.known || !use.cacheDir.known) return undefined;
  const target = mount.targetPath.value;
  if (!/^(?:\/root|\/home\/[^/]+)\/\.cache$/.test(target)) return undefined;
  const own = `${run.home.value.replace(/\/+$/, '')}/.cache`;
  if (own === target || !isPathUnder(use.cacheDir.value, own) || use.cacheDir.value === own) return undefined;
  return own;
}

/** The tool whose usual cache location the mount target looks like, ignoring the commands. */
export function looksLikeTool(mount: Mount): Tool | undefined {
  if (!mount.targetPath.known) return undefined;
  const path = mount.targetPath.value;
  return TOOLS.find((t) => t.looksLikeCacheDir(path));
}

export type ServedMount = { mount: Mount; run: RunInstruction; tool: Tool };

/**
 * Every cache mount of the file with the tool it serves. Mounts CM004 reports (isMismatchedMount) are left
 * out unless `includeMismatched`: they are not copies of that tool's cache, so key comparisons skip them.
 */
export function cacheMountsWithTools(model: DockerfileModel, includeMismatched = false): ServedMount[] {
  const out: ServedMount[] = [];
  for (const run of model.runs) {
    for (const mount of cacheMounts(run)) {
      const served = servedTool(mount, run);
      if (served && (includeMismatched || (!isMismatchedMount(mount, run) && !isIdleLookalike(mount, run))))
        out.push({ mount, run, tool: served.tool });
    }
  }
  return out;
}

/** The id the fixes give a tool's cache mounts: settings per tool, the uv setting, else the tool default. */
export function cacheIdFor(tool: Tool, settings: Settings): string {
  return settings.cacheIds[tool.id] ?? (tool.id === 'uv' ? settings.uvCacheId : undefined) ?? tool.defaultCacheId;
}

/** 1-based line of an offset, as messages print it. */
export function lineOf(model: DockerfileModel, offset: number): number {
  return model.lines.positionAt(offset).line + 1;
}

/**
 * The options that split a cache under one id (uid, gid, mode, from), as one comparable string: an id joins
 * only mounts with the same signature (CM001, CM002, across files).
 */
export function splitSignature(splitBy: readonly { key: string; value: string }[] | undefined): string {
  return (splitBy ?? [])
    .map((s) => `${s.key}=${s.value}`)
    .sort()
    .join(',');
}

/** A mount of another file under a known key other than `own`: one this file's key is split from. */
export function isOtherKey(entry: MountEntry, own: string): boolean {
  return entry.key.compareKey !== undefined && entry.key.compareKey !== own;
}

/** A workspace question's name (WorkspaceView.mountsOfToolWhere): its parts, length-prefixed, so no two differ only in where a part ends. */
export function questionOf(...parts: string[]): string {
  return parts.map((p) => `${p.length}:${p}`).join('');
}

/** How a mount names its cache key in messages: `id 'uv-cache'` or `implicit id '/root/.cache/uv' from the target`. */
export function describeKey(mount: Mount): string {
  return describeCacheKey(mount.cacheKey, mount.option('id')?.value ?? undefined, mount.target?.value ?? undefined);
}

/** Inserts `,<text>` right after the mount's `type=...` option (or at the start of the value when absent). */
export function insertAfterType(mount: Mount, text: string): TextEdit {
  const type = mount.option('type');
  return type ? insertAt(type.span.end, `,${text}`) : insertAt(mount.valueSpan.start, `${text},`);
}

/** Sets option `key` to `value`: replaces the value of an existing option, else inserts after `type=`. */
export function setOptionEdit(mount: Mount, key: string, value: string): TextEdit {
  const existing = mount.option(key);
  if (existing) return replace(existing.span, `${existing.key}=${value}`);
  return insertAfterType(mount, `${key}=${value}`);
}

/** Follows FROM <stage> links to the first stage of the chain in this file. */
export function earliestAncestor(model: DockerfileModel, stage: Stage): Stage {
  let current = stage;
  const seen = new Set<number>();
  while (current.parentStage !== undefined && !seen.has(current.index)) {
    seen.add(current.index);
    const parent = model.stages[current.parentStage];
    if (!parent) break;
    current = parent;
  }
  return current;
}

/** Inserts a whole line right after the stage's FROM line, in the file's line ending. */
export function insertLineAfterFrom(model: DockerfileModel, stage: Stage, line: string): TextEdit {
  const at = stage.afterFromOffset;
  const prev = at > 0 ? model.text.charCodeAt(at - 1) : 10;
  // A FROM on the last line without a newline: start a new line first.
  return prev === 10 ? insertAt(at, line + model.eol) : insertAt(at, model.eol + line);
}

/** The `# syntax=docker/dockerfile:1` insertion, or nothing when the file already has a syntax directive. */
export function syntaxDirectiveEdit(model: DockerfileModel): TextEdit | undefined {
  if (model.directives.some((d) => d.name === 'syntax')) return undefined;
  return insertAt(model.directiveInsertOffset, `# syntax=docker/dockerfile:1${model.eol}`);
}

/** Is the span inside the RUN instruction? */
export function insideRun(run: RunInstruction, s: { start: number; end: number }): boolean {
  return s.start >= run.span.start && s.end <= run.span.end;
}

/** The effective user in words: "user 'app' (uid 1000, USER line 5)". */
export function describeUser(model: DockerfileModel, run: RunInstruction): string {
  const u = run.user;
  const name = u.name.known ? `'${u.name.value}'` : 'unknown';
  const parts: string[] = [];
  if (u.uid.known) parts.push(`uid ${u.uid.value}`);
  if (u.span) parts.push(`USER line ${lineOf(model, u.span.start)}`);
  return `user ${name}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}

/** Tool uses of a RUN that are not disabled and have a known cache dir. */
export function activeUses(run: RunInstruction): ToolUse[] {
  return run.toolUses.filter((u) => !u.disabled && u.cacheDir.known);
}

/**
 * Removes a `--mount=...` flag with the blanks after it (and a line continuation that follows, with
 * the next line's indentation), so the instruction keeps its shape.
 */
export function removeFlagEdit(model: DockerfileModel, flag: { start: number; end: number }): TextEdit {
  const text = model.text;
  let end = flag.end;
  while (text[end] === ' ' || text[end] === '\t') end++;
  if (text[end] === model.escapeChar) {
    let j = end + 1;
    while (text[j] === ' ' || text[j] === '\t') j++;
    if (text[j] === '\r') j++;
    if (text[j] === '\n') {
      j++;
      while (text[j] === ' ' || text[j] === '\t') j++;
      end = j;
    }
  }
  return replace({ start: flag.start, end }, '');
}

const REMOVABLE_SEPARATORS = new Set(['&&', ';', '\n']);

/**
 * The span that removes one simple command from its RUN together with one neighbouring `&&`/`;`
 * separator; undefined when the command is alone or joined by `|`, `||`, `&`.
 */
export function commandRemovalSpan(run: RunInstruction, command: SimpleCommand): Span | undefined {
  const commands = run.script.commands;
  const i = commands.indexOf(command);
  if (i < 0) return undefined;
  const prev = commands[i - 1];
  const next = commands[i + 1];
  if (prev && REMOVABLE_SEPARATORS.has(command.after) && prev.inHeredoc === command.inHeredoc) {
    return { start: prev.span.end, end: command.span.end };
  }
  if (!prev && next && REMOVABLE_SEPARATORS.has(next.after) && next.inHeredoc === command.inHeredoc) {
    return { start: command.span.start, end: next.span.start };
  }
  return undefined;
}

/**
 * A removal that would leave two blanks side by side (a leading word such as `A=1 cmd` removed
 * without its gap) also takes the blanks after it.
 */
export function tidyRemoval(text: string, s: Span): Span {
  const isBlank = (c: string | undefined) => c === ' ' || c === '\t';
  if (!isBlank(text[s.start - 1]) || !isBlank(text[s.end])) return s;
  let end = s.end;
  while (isBlank(text[end])) end++;
  return { start: s.start, end };
}

/** Lists at most `max` items in messages, then "and N more", so huge files keep short messages. */
export function listSome(items: string[], max = 3, sep = ', '): string {
  const unique = [...new Set(items)];
  if (unique.length <= max) return unique.join(sep);
  return `${unique.slice(0, max).join(sep)}${sep}and ${unique.length - max} more`;
}

/** At most this many related locations per finding. */
export const MAX_RELATED = 5;

/** One tool's cache mounts with a known key, and the same mounts indexed by key. */
export interface ToolGroup {
  entries: ServedMount[];
  byKey: Map<string, ServedMount[]>;
}

/**
 * Cache mounts with tools, grouped by tool id, only those with a known key. Built by each rule that asks
 * (CM001, CM002): kept per model in a WeakMap, it made every whole analysis's garbage collection twice as
 * costly (measured 2026-12-03), more than building it twice costs.
 */
export function mountsByTool(model: DockerfileModel): Map<string, ToolGroup> {
  const byTool = new Map<string, ToolGroup>();
  for (const entry of cacheMountsWithTools(model)) {
    const key = entry.mount.cacheKey?.compareKey;
    if (key === undefined) continue;
    let group = byTool.get(entry.tool.id);
    if (!group) byTool.set(entry.tool.id, (group = { entries: [], byKey: new Map() }));
    group.entries.push(entry);
    const same = group.byKey.get(key);
    if (same) same.push(entry);
    else group.byKey.set(key, [entry]);
  }
  return byTool;
}

/**
 * The entries whose key differs from `mount`'s (at most `limit`, in file order of first use of each
 * key) and how many there are. Linear in `limit`, not in the group, so huge files stay fast.
 */
export function otherKeys(
  group: ToolGroup | undefined,
  mount: Mount,
  limit: number,
): { some: ServedMount[]; count: number } {
  const own = mount.cacheKey?.compareKey;
  if (!group || own === undefined) return { some: [], count: 0 };
  const some: ServedMount[] = [];
  for (const [key, entries] of group.byKey) {
    if (some.length >= limit) break;
    if (key === own) continue;
    some.push(...entries.slice(0, limit - some.length));
  }
  return { some, count: group.entries.length - (group.byKey.get(own)?.length ?? 0) };
}
