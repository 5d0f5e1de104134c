// One `--mount=` flag: its options with exact spans, type, expanded target, cache key (research §1).
import { known, unknown, type Maybe } from '../value';
import type { Span } from '../text';
import { simpleQuoteRemoval } from '../shell/decode';
import { expandWord, isPlain, type Lookup } from './expand';
import { pathClean, pathJoin, resolveAgainst } from './pathClean';
import type { CacheKey, ExpandedValue, Mount, MountOption, Sharing } from './types';

const CANONICAL: Record<string, string> = {
  src: 'source',
  dst: 'target',
  destination: 'target',
  readonly: 'ro',
  readwrite: 'rw',
};

const SHARING = new Set(['shared', 'private', 'locked']);
/** Options that give a cache mount a parent ref, so a separate cache under the same id (§1.3). */
const SPLIT_KEYS = ['from', 'gid', 'mode', 'uid'] as const;

export function canonicalKey(key: string): string {
  return CANONICAL[key] ?? key;
}

/**
 * Splits a mount value into fields. Quotes are honoured as BuildKit does in two steps (shell-like
 * quote removal of the flag word, then a CSV split), which for practical input means: a comma inside
 * quotes does not split, and the quotes are not part of the value.
 */
export function parseMountOptions(text: string, start: number, end: number): MountOption[] {
  let from = start;
  let to = end;
  const first = text[from];
  if (to - from >= 2 && (first === '"' || first === "'") && text[to - 1] === first) {
    from++;
    to--;
  }
  const options: MountOption[] = [];
  let fieldStart = from;
  let quote: string | undefined;
  for (let i = from; i <= to; i++) {
    const c = i < to ? text[i] : ',';
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if ((c === '"' || c === "'") && i < to) {
      quote = c;
      continue;
    }
    if (c !== ',') continue;
    if (i > fieldStart) options.push(parseField(text, fieldStart, i));
    fieldStart = i + 1;
  }
  return options;
}

function parseField(text: string, start: number, end: number): MountOption {
  const field = text.slice(start, end);
  const eq = field.indexOf('=');
  const rawKey = eq < 0 ? field : field.slice(0, eq);
  const key = unquote(rawKey).toLowerCase();
  const option: MountOption = {
    key,
    canonicalKey: canonicalKey(key),
    value: eq < 0 ? null : unquote(field.slice(eq + 1)),
    span: { start, end },
    keySpan: { start, end: start + rawKey.length },
  };
  if (eq >= 0) option.valueSpan = { start: start + eq + 1, end };
  return option;
}

function unquote(value: string): string {
  return /['"\\]/.test(value) ? simpleQuoteRemoval(value) : value;
}

export interface MountContext {
  text: string;
  lookup: Lookup;
  escapeChar: string;
  workdir: Maybe<string>;
  index: number;
  runIndex: number;
  stageIndex: number;
}

/** Expands an option's value as written (quotes included, so the lexer sees what BuildKit sees). */
export function expandOption(option: MountOption, ctx: MountContext): ExpandedValue {
  const span = option.valueSpan ?? { start: option.span.end, end: option.span.end };
  const raw = ctx.text.slice(span.start, span.end);
  if (isPlain(raw, ctx.escapeChar)) return { value: known(raw), variables: [] };
  return expandWord(raw, span.start, ctx.lookup, ctx.escapeChar);
}

export function buildMount(flagSpan: Span, valueSpan: Span | undefined, ctx: MountContext): Mount {
  const options = valueSpan ? parseMountOptions(ctx.text, valueSpan.start, valueSpan.end) : [];
  const option = (key: string): MountOption | undefined => {
    for (let i = options.length - 1; i >= 0; i--) if (options[i]!.canonicalKey === key) return options[i];
    return undefined;
  };
  const typeOption = option('type');
  const type = typeOption ? typeValue(typeOption, ctx) : 'bind';
  const target = option('target');
  const targetExpanded = target ? expandOption(target, ctx) : undefined;
  const sharingOption = option('sharing');
  const sharingValue = sharingOption ? expandOption(sharingOption, ctx).value : undefined;
  const sharing: Sharing =
    sharingValue?.known && SHARING.has(sharingValue.value.toLowerCase()) ? (sharingValue.value.toLowerCase() as Sharing) : 'shared';
  const rawTarget: Maybe<string> = targetExpanded ? targetExpanded.value : known('');
  const mount: Mount = {
    index: ctx.index,
    runIndex: ctx.runIndex,
    stageIndex: ctx.stageIndex,
    flagSpan,
    valueSpan: valueSpan ?? { start: flagSpan.end, end: flagSpan.end },
    options,
    type,
    option,
    targetPath: targetPath(rawTarget, ctx.workdir),
    sharing,
  };
  if (!valueSpan) mount.missingValue = true;
  if (target) mount.target = target;
  if (targetExpanded) mount.targetExpanded = targetExpanded;
  if (type === 'cache') mount.cacheKey = cacheKey(option, rawTarget, ctx);
  return mount;
}

function typeValue(option: MountOption, ctx: MountContext): string {
  const expanded = expandOption(option, ctx).value;
  return expanded.known ? expanded.value.toLowerCase() : (option.value ?? '').toLowerCase();
}

function targetPath(rawTarget: Maybe<string>, workdir: Maybe<string>): Maybe<string> {
  if (!rawTarget.known) return rawTarget;
  if (rawTarget.value.startsWith('/')) return known(pathClean(rawTarget.value));
  if (!workdir.known) return unknown(`the target is relative and the WORKDIR is unknown (${workdir.reason})`);
  return known(resolveAgainst(workdir.value, rawTarget.value));
}

function cacheKey(option: (key: string) => MountOption | undefined, rawTarget: Maybe<string>, ctx: MountContext): CacheKey {
  const idOption = option('id');
  let id: Maybe<string>;
  let explicit = false;
  if (idOption && idOption.value !== null && idOption.value !== '') {
    explicit = true;
    id = expandOption(idOption, ctx).value;
  } else {
    // BuildKit: `if mount.CacheID == "" { mount.CacheID = path.Clean(mount.Target) }`, before the
    // relative target is joined to WORKDIR (§1.3, VERIFIED).
    id = rawTarget.known ? known(pathClean(rawTarget.value)) : rawTarget;
  }
  const source = option('source');
  const sourceSet = source !== undefined && source.value !== null && pathJoin('/', source.value) !== '/';
  const splitBy: { key: string; value: string }[] = [];
  for (const key of SPLIT_KEYS) {
    if (key !== 'from' && sourceSet) continue; // uid/gid/mode are ignored when source is set (§1.4)
    const o = option(key);
    if (!o) continue;
    const value = key === 'from' ? o.value ?? '' : expandedOrRaw(o, ctx);
    splitBy.push({ key, value });
  }
  const key: CacheKey = { id, explicit, splitBy };
  if (id.known) key.compareKey = [id.value, ...splitBy.map((s) => `${s.key}=${s.value}`)].join('|');
  return key;
}

function expandedOrRaw(option: MountOption, ctx: MountContext): string {
  const expanded = expandOption(option, ctx).value;
  return expanded.known ? expanded.value : option.value ?? '';
}
