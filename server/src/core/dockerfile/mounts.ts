// One `--mount=` flag: its options with exact spans, type, expanded target, cache key (docs/semantics.md#cache-key).
import { known, unknown, type Maybe } from '../value';
import type { Span } from '../text';
import { expandWord, isPlain, type Lookup } from './expand';
import { pathClean, pathJoin, resolveAgainst } from '../buildkit/go-path';
import { charIndex, csvErrorText, readCsvRecord, type CsvField } from '../buildkit/go-csv';
import { continuationEnd } from '../buildkit/line-continuation';
import type { CacheKey, ExpandedValue, Mount, MountOption, Sharing } from './types';

const CANONICAL: Record<string, string> = {
  src: 'source',
  dst: 'target',
  destination: 'target',
  readonly: 'ro',
  readwrite: 'rw',
};

const SHARING = new Set(['shared', 'private', 'locked']);
/** Options that give a cache mount a parent ref, so a separate cache under the same id (docs/semantics.md#cache-key). */
const SPLIT_KEYS = ['from', 'gid', 'mode', 'uid'] as const;

export function canonicalKey(key: string): string {
  return CANONICAL[key] ?? key;
}

/** Where and why BuildKit's CSV reader rejects a mount value (docs/semantics.md#run-flag-parsing). */
interface CsvError {
  message: string;
  /** Go's error without its position, e.g. `EOF`. */
  reason: string;
  span: Span;
}

export interface ParsedMountValue {
  options: MountOption[];
  csvError?: CsvError;
  unclosedQuote?: boolean;
}

/**
 * Splits a mount value into fields the way BuildKit does (docs/semantics.md#run-flag-parsing): first the flag word's shell-like quote
 * and escape removal (`extractBuilderFlags`), then ONE CSV record (RFC 4180 double quotes, `""` for a
 * quote) over what is left. So `--mount=type=bind,"source=a,b"` is three fields (the shell step ate the
 * quotes) while `--mount='type=bind,"source=a,b"'` is two. Every field keeps its exact source span.
 */
export function parseMountOptions(text: string, start: number, end: number, escapeChar = '\\'): ParsedMountValue {
  const decoded = decodeFlagWord(text, start, end, escapeChar);
  const csv = readCsvRecord(decoded.text);
  const sourceAt = (k: number): number => {
    const offsets = decoded.offsets;
    if (offsets === null) return start + (k < decoded.text.length ? k : decoded.text.length);
    return k < offsets.length ? offsets[k]! : offsets.length > 0 ? offsets[offsets.length - 1]! + 1 : start;
  };
  const result: ParsedMountValue = { options: [] };
  if (decoded.unclosedQuote) result.unclosedQuote = true;
  const error = csv.errors[0];
  if (error) {
    const at = sourceAt(error.at);
    result.csvError = {
      message: `failed to parse csv mounts: ${csvErrorText(error)}`,
      reason: error.reason,
      span: at < end ? { start: at, end: at + 1 } : { start, end },
    };
    return result;
  }
  for (const field of csv.fields) result.options.push(buildOption(text, field, decoded, sourceAt));
  return result;
}

interface DecodedWord {
  text: string;
  /** Source offset of each character of `text`; null when `text` is the source range itself (offset = start + k). */
  offsets: number[] | null;
  start: number;
  unclosedQuote: boolean;
}

/** Source offset of the decoded character `k` (k < text.length). */
function decodedOffset(decoded: DecodedWord, k: number): number {
  return decoded.offsets === null ? decoded.start + k : decoded.offsets[k]!;
}

/** docs/semantics.md#run-flag-parsing (a): quotes removed, the escape token escapes the next character, line continuations dropped. */
function decodeFlagWord(text: string, start: number, end: number, escapeChar: string): DecodedWord {
  // Fast path (the usual flag): nothing to remove, so the word is its own decoding, offsets implied.
  let k = start;
  while (k < end) {
    const c = text[k]!;
    if (c === escapeChar || c === '"' || c === "'") break;
    k++;
  }
  if (k >= end && end <= text.length)
    return { text: text.slice(start, end), offsets: null, start, unclosedQuote: false };
  let out = '';
  const offsets: number[] = [];
  let quote: string | undefined;
  let i = start;
  while (i < end) {
    const c = text[i]!;
    if (c === escapeChar) {
      // A continuation belongs to the instruction's lines, which may go on past this word.
      const after = continuationEnd(text, i, text.length);
      if (after >= 0) {
        i = after;
        continue;
      }
      if (i + 1 >= end) break; // an escape at the very end is dropped
      out += text[i + 1];
      offsets.push(i + 1);
      i += 2;
      continue;
    }
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
      else {
        out += c;
        offsets.push(i);
      }
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      i++;
      continue;
    }
    out += c;
    offsets.push(i);
    i++;
  }
  return { text: out, offsets, start, unclosedQuote: quote !== undefined };
}

function buildOption(
  text: string,
  field: CsvField,
  decoded: DecodedWord,
  sourceAt: (k: number) => number,
): MountOption {
  // Source offset of the field's character k, taken at its last unit: a span ending after a `""` quote covers both quotes.
  const src = (k: number): number => decodedOffset(decoded, charIndex(field, k + 1) - 1);
  let span: Span;
  if (field.end > field.start) span = { start: sourceAt(field.start), end: sourceAt(field.end - 1) + 1 };
  else if (field.start > 0) {
    // An empty field: its span is the comma before it (what a reader sees and a fix removes).
    const comma = sourceAt(field.start - 1);
    span = { start: comma, end: comma + 1 };
  } else {
    const comma = sourceAt(0);
    span = { start: comma, end: Math.min(comma + 1, Math.max(comma, text.length)) };
  }
  const value = field.value;
  const eq = value.indexOf('=');
  const key = (eq < 0 ? value : value.slice(0, eq)).toLowerCase();
  const keyLength = eq < 0 ? value.length : eq;
  const keySpan =
    keyLength > 0 ? { start: src(0), end: src(keyLength - 1) + 1 } : { start: span.start, end: span.start };
  const option: MountOption = {
    key,
    canonicalKey: canonicalKey(key),
    value: eq < 0 ? null : value.slice(eq + 1),
    span,
    keySpan: value === '' ? { start: span.start, end: span.start } : keySpan,
  };
  if (eq >= 0) {
    option.valueSpan =
      eq + 1 < value.length
        ? { start: src(eq + 1), end: src(value.length - 1) + 1 }
        : { start: src(eq) + 1, end: src(eq) + 1 };
  }
  if (value !== '' && span.end - span.start === value.length && text.startsWith(value, span.start)) option.plain = true;
  // Only expansion uses these offsets, and only a `$` makes a variable: without one, the (empty) default serves.
  if (eq >= 0 && value.includes('$', eq + 1)) {
    const offsets: number[] = [];
    for (let k = eq + 1; k < value.length; k++) offsets.push(src(k));
    valueOffsets.set(option, offsets);
  }
  return option;
}

/** Source offset of each character of an option's value, for mapping expansion spans back. */
const valueOffsets = new WeakMap<MountOption, number[]>();

export interface MountContext {
  text: string;
  lookup: Lookup;
  escapeChar: string;
  workdir: Maybe<string>;
  index: number;
  runIndex: number;
  stageIndex: number;
}

/**
 * Expands an option's value the way BuildKit does at dispatch: the value after quote removal and the
 * CSV split goes through the Dockerfile word lexer (docs/semantics.md#variable-expansion). Variable spans point at the source text.
 */
function expandOption(option: MountOption, ctx: MountContext): ExpandedValue {
  if (option.expanded) return option.expanded;
  const raw = option.value ?? '';
  let expanded: ExpandedValue;
  if (isPlain(raw, ctx.escapeChar)) expanded = { value: known(raw), variables: [] };
  else {
    const offsets = valueOffsets.get(option) ?? [];
    const fallback = option.valueSpan ?? option.span;
    const at = (k: number): number => offsets[k] ?? fallback.end;
    const result = expandWord(raw, 0, ctx.lookup, ctx.escapeChar);
    expanded = {
      value: result.value,
      variables: result.variables.map((v) => ({
        ...v,
        span:
          v.span.end > v.span.start
            ? { start: at(v.span.start), end: at(v.span.end - 1) + 1 }
            : { start: at(v.span.start), end: at(v.span.start) },
      })),
    };
  }
  option.expanded = expanded;
  return expanded;
}

export function buildMount(flagSpan: Span, valueSpan: Span | undefined, ctx: MountContext): Mount {
  const parsed: ParsedMountValue = valueSpan
    ? parseMountOptions(ctx.text, valueSpan.start, valueSpan.end, ctx.escapeChar)
    : { options: [] };
  const options = parsed.options;
  for (const o of options) if (o.value !== null && o.canonicalKey !== 'from') expandOption(o, ctx);
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
    sharingValue?.known && SHARING.has(sharingValue.value.toLowerCase())
      ? (sharingValue.value.toLowerCase() as Sharing)
      : 'shared';
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
  if (parsed.csvError) mount.csvError = parsed.csvError;
  if (parsed.unclosedQuote) mount.unclosedQuote = true;
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

function cacheKey(
  option: (key: string) => MountOption | undefined,
  rawTarget: Maybe<string>,
  ctx: MountContext,
): CacheKey {
  const idOption = option('id');
  let id: Maybe<string>;
  let explicit = false;
  if (idOption && idOption.value !== null && idOption.value !== '') {
    explicit = true;
    id = expandOption(idOption, ctx).value;
  } else {
    // BuildKit: `if mount.CacheID == "" { mount.CacheID = path.Clean(mount.Target) }`, before the
    // relative target is joined to WORKDIR (docs/semantics.md#cache-key, VERIFIED).
    id = rawTarget.known ? known(pathClean(rawTarget.value)) : rawTarget;
  }
  const source = option('source');
  const sourceSet = source !== undefined && source.value !== null && pathJoin('/', source.value) !== '/';
  const splitBy: { key: string; value: string }[] = [];
  for (const key of SPLIT_KEYS) {
    if (key !== 'from' && sourceSet) continue; // uid/gid/mode are ignored when source is set (docs/semantics.md#from-and-source)
    const o = option(key);
    if (!o) continue;
    const value = key === 'from' ? (o.value ?? '') : expandedOrRaw(o, ctx);
    splitBy.push({ key, value });
  }
  const key: CacheKey = { id, explicit, splitBy };
  if (id.known) key.compareKey = [id.value, ...splitBy.map((s) => `${s.key}=${s.value}`)].join('|');
  return key;
}

function expandedOrRaw(option: MountOption, ctx: MountContext): string {
  const expanded = expandOption(option, ctx).value;
  return expanded.known ? expanded.value : (option.value ?? '');
}
