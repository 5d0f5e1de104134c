// One cache mount as the workspace index keeps it. A workspace has thousands (10,774 in the 2,000-file
// benchmark), so an entry keeps offsets as numbers and its file's line starts (shared by the file's mounts);
// a span, a range or the key's description is made when a rule or a handler reads it (one object per span,
// range and position made ~2.6 KB per mount). Its strings and key come from workspace/shared-values.ts.
import type { CacheKey, Sharing } from '../dockerfile/types';
import type { LineRange, Position, Span } from '../text';
import type { LineStarts } from './line-starts';

/** A span with its line/character range, valid for the text the summary was made from. */
export interface Located {
  span: Span;
  range: LineRange;
}

/** A span and its range, by a file's line starts (LineStarts, or a model's LineIndex). */
export function located(lines: Pick<LineStarts, 'rangeOf'>, span: Span): Located {
  return { span, range: lines.rangeOf(span) };
}

/** How a mount names its cache key in messages: "id 'uv-cache'" or "implicit id '/root/.cache/uv' from the target". */
export function describeCacheKey(key: CacheKey | undefined, idValue?: string, targetValue?: string): string {
  const id = key?.id.known ? key.id.value : (idValue ?? targetValue ?? '?');
  const split = key?.splitBy.length ? ` + ${key.splitBy.map((s) => `${s.key}=${s.value}`).join(',')}` : '';
  return key?.explicit ? `id '${id}'${split}` : `implicit id '${id}' from the target${split}`;
}

/** An `id=` or `target=` option of an indexed mount. */
export class OptionRef {
  constructor(
    private readonly lines: LineStarts,
    /** As written (after quote removal). */
    readonly value: string,
    /** `key=value` exactly as in the source: an edit may replace the value in place. */
    readonly plain: boolean,
    private readonly start: number,
    private readonly end: number,
    /** The value's offsets; -1 when the option has no value span. */
    private readonly valueStart: number,
    private readonly valueEnd: number,
  ) {}

  get span(): Span {
    return { start: this.start, end: this.end };
  }

  get range(): LineRange {
    return this.lines.rangeOf(this.span);
  }

  get valueSpan(): Located | undefined {
    return this.valueStart < 0 ? undefined : located(this.lines, { start: this.valueStart, end: this.valueEnd });
  }
}

/** What summarize gives a new entry; spans are offsets into the file's text. */
export interface MountEntryFields {
  uri: string;
  index: number;
  line: number;
  flag: Span;
  keyAt: Span;
  key: CacheKey;
  id?: OptionRef;
  target?: OptionRef;
  insertIdAt: number;
  insertIdAfterType: boolean;
  tool?: string;
  targetPath?: string;
  sharing: Sharing;
}

export class MountEntry {
  /** The file's URI (the one string of its summary). */
  readonly uri: string;
  /** Index among all mounts of the file. */
  readonly index: number;
  /** 1-based line of the `--mount` flag, for labels. */
  readonly line: number;
  readonly key: CacheKey;
  readonly id?: OptionRef;
  readonly target?: OptionRef;
  /** Where an `id=` option is inserted: right after `type=...` (or the value start). */
  readonly insertIdAt: number;
  /** True when `insertIdAt` is the end of `type=...` (insert `,id=X`), false at the value start (insert `id=X,`). */
  readonly insertIdAfterType: boolean;
  /** The tool this mount serves (by a command of its RUN, or by the look of its target). */
  readonly tool?: string;
  readonly targetPath?: string;
  readonly sharing: Sharing;
  private readonly flagStart: number;
  private readonly flagEnd: number;
  private readonly keyStart: number;
  private readonly keyEnd: number;

  constructor(
    private readonly lines: LineStarts,
    fields: MountEntryFields,
  ) {
    // Every field is set, also to undefined: all entries share one shape.
    this.uri = fields.uri;
    this.index = fields.index;
    this.line = fields.line;
    this.key = fields.key;
    this.id = fields.id;
    this.target = fields.target;
    this.insertIdAt = fields.insertIdAt;
    this.insertIdAfterType = fields.insertIdAfterType;
    this.tool = fields.tool;
    this.targetPath = fields.targetPath;
    this.sharing = fields.sharing;
    this.flagStart = fields.flag.start;
    this.flagEnd = fields.flag.end;
    this.keyStart = fields.keyAt.start;
    this.keyEnd = fields.keyAt.end;
  }

  /** The whole `--mount` flag. */
  get flag(): Located {
    return located(this.lines, { start: this.flagStart, end: this.flagEnd });
  }

  /** The option that sets the key: `id=` when explicit, else `target=`; else the flag. */
  get keyAt(): Located {
    return located(this.lines, { start: this.keyStart, end: this.keyEnd });
  }

  get insertIdPosition(): Position {
    return this.lines.positionAt(this.insertIdAt);
  }

  /** "id 'uv-cache'" / "implicit id '/root/.cache/uv' from the target", as CM002 words it. */
  get describedKey(): string {
    return describeCacheKey(this.key, this.id?.value, this.target?.value);
  }
}
