// Re-use of the text-only part of reading an instruction (its words, flags, logical argument text and,
// for RUN, the shell script) across model builds of the same document. While a person types, all
// instructions but one keep their text; those before the edit keep their offsets too, and the ones
// after it move. An instruction at the same offset gets the cached parse itself; one that moved gets a
// copy with the offsets shifted (several times cheaper than scanning and tokenizing it again), and that
// copy is what the next build starts from, so an instruction moves once per edit, not once per build.
//
// Only what depends on the instruction's own text is cached: scope, USER, WORKDIR, mounts and tool
// uses are still computed on every build. Parses are shared between models (this build's and the
// last): nothing may change one after the parser made it (tests freeze them to prove it: freezeSharedParses).
import { commonPrefixLength, commonSuffixLength, type Span } from '../text';
import type { RawToken } from '../shell/scanner';
import type { ShellAssignment, ShellScript, ShellWord, SimpleCommand } from '../shell/types';
import type { RawFlag } from './parser';
import { clearKeptBuilds } from './stage-reuse';

/** The text-only results for one instruction, offsets as computed for an instruction starting at `base`. */
export interface InstructionParse {
  base: number;
  words: RawToken[];
  flags: RawFlag[];
  restIndex: number;
  restStart: number;
  argsText: string;
  /** RUN only. */
  script?: { script: ShellScript; execForm: boolean };
}

interface Entry {
  parse: InstructionParse;
  /** The instruction's length: with its start, where its text was. */
  length: number;
  escapeChar: string;
  /** Offsets of the parser's split, relative to the instruction start: part of what the results depend on. */
  argsStart: number;
  lineEnd: number;
  /** The character right after the instruction (an EOL or none): the scanner may look one character ahead. */
  after: number;
}

/** A document's last build: its text, and its instructions by start offset. */
interface Kept {
  text: string;
  entries: Map<number, Entry>;
}

/** Documents whose instructions are kept (the most recently built ones). */
const MAX_DOCUMENTS = 4;

/** uri -> the last build's instructions. Insertion order is recency order. */
const documents = new Map<string, Kept>();

/**
 * The cache of one model build: reads the document's last build, keeps what this build used. An
 * instruction is found by where it was: one that ends before the edit is where it was; one that
 * starts after the edit moved by the edit's length change. Either way its text is unchanged, so its
 * start and length find it; an instruction the edit touches is read again.
 */
export class InstructionCache {
  private readonly previous: Map<number, Entry>;
  private readonly next = new Map<number, Entry>();
  /**
   * Instructions are kept only from a document's second build on: a file built once (the CLI, the
   * workspace walk) would pay for copies nobody reads.
   */
  readonly keep: boolean;
  /** The text of the document's last build ('' when none is kept). */
  readonly previousText: string;
  /** Text before `unchangedBefore` is as it was; so is text from `unchangedFrom` on, moved by `shift`. */
  readonly unchangedBefore: number;
  private readonly unchangedFrom: number;
  private readonly shift: number;

  constructor(
    private readonly uri: string,
    private readonly text: string,
    private readonly escapeChar: string,
  ) {
    const previous = documents.get(uri);
    this.keep = previous !== undefined;
    this.previous = previous?.entries ?? new Map<number, Entry>();
    documents.delete(uri);
    const before = (this.previousText = previous?.text ?? '');
    const prefix = commonPrefixLength(before, text);
    // The common suffix may not reach into the common prefix of either text.
    const suffix = commonSuffixLength(before, text, Math.min(before.length, text.length) - prefix);
    this.unchangedBefore = prefix;
    this.unchangedFrom = text.length - suffix;
    this.shift = text.length - before.length;
  }

  /** Call once the build is done: this build's entries replace the document's previous ones. */
  commit(): void {
    documents.set(this.uri, { text: this.text, entries: this.next }); // a first build keeps none: marks the document as seen
    while (documents.size > MAX_DOCUMENTS) documents.delete(documents.keys().next().value as string);
  }

  /** The cached parse of the instruction at `span`, shifted to its offset; undefined when not cached. */
  get(span: Span, argsStart: number, lineEnd: number): InstructionParse | undefined {
    const was =
      span.end <= this.unchangedBefore
        ? span.start
        : span.start >= this.unchangedFrom
          ? span.start - this.shift
          : undefined;
    if (was === undefined) return undefined;
    const entry = this.previous.get(was);
    if (
      !entry ||
      entry.length !== span.end - span.start ||
      entry.escapeChar !== this.escapeChar ||
      entry.argsStart !== argsStart - span.start ||
      entry.lineEnd !== lineEnd - span.start ||
      entry.after !== this.afterCode(span)
    )
      return undefined;
    const shift = span.start - entry.parse.base;
    if (shift === 0) {
      this.next.set(span.start, entry);
      return entry.parse;
    }
    const parse = freezeDeep(shiftParse(entry.parse, shift));
    this.next.set(span.start, { ...entry, parse });
    return parse;
  }

  /**
   * Keeps the previous build's instructions that start before `offset` for later builds: the build
   * took those over from the previous one unread (stage-reuse.ts), at the same offsets.
   */
  carryBefore(offset: number): void {
    for (const [start, entry] of this.previous) if (start < offset) this.next.set(start, entry);
  }

  /** Keeps `parse` (made for the instruction at `span`) for later builds; it is now shared. */
  set(span: Span, argsStart: number, lineEnd: number, parse: InstructionParse): void {
    if (!this.keep) return;
    this.next.set(span.start, {
      parse: freezeDeep(parse),
      length: span.end - span.start,
      escapeChar: this.escapeChar,
      argsStart: argsStart - span.start,
      lineEnd: lineEnd - span.start,
      after: this.afterCode(span),
    });
  }

  private afterCode(span: Span): number {
    return span.end < this.text.length ? this.text.charCodeAt(span.end) : -1;
  }
}

/** Forgets every cached instruction (tests). */
export function clearInstructionCache(): void {
  documents.clear();
  clearKeptBuilds();
}

/**
 * Tests turn this on: kept parses are then frozen, so a model or rule that changes one throws. Off in
 * the product, where freezing every moved instruction's copy would cost ~20 % of an analysis.
 */
let freezing = false;

/** Freeze the parses that builds share, so that code changing one fails (tests). */
export function freezeSharedParses(on: boolean): void {
  freezing = on;
}

/** Freezes a parse and everything it holds (plain objects and arrays; a frozen part is already done). */
function freezeDeep<T>(value: T): T {
  if (!freezing || typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const key of Object.keys(value)) freezeDeep((value as Record<string, unknown>)[key]);
  return value;
}

function shiftSpan(s: Span, d: number): Span {
  return { start: s.start + d, end: s.end + d };
}

function shiftParse(p: InstructionParse, d: number): InstructionParse {
  const out: InstructionParse = {
    base: p.base + d,
    words: p.words.map((t) => shiftToken(t, d)),
    flags: p.flags.map((f) => shiftFlag(f, d)),
    restIndex: p.restIndex,
    restStart: p.restStart + d,
    argsText: p.argsText,
  };
  if (p.script) out.script = { script: shiftScript(p.script.script, d), execForm: p.script.execForm };
  return out;
}

// Object literals, not spreads: a spread with overrides takes V8's slow path, and this runs per token.
function shiftToken(t: RawToken, d: number): RawToken {
  const out: RawToken = { kind: t.kind, text: t.text, start: t.start + d, end: t.end + d, gapStart: t.gapStart + d };
  if (t.expansions !== undefined) out.expansions = t.expansions;
  if (t.quoted !== undefined) out.quoted = t.quoted;
  if (t.heredoc !== undefined) {
    const h = t.heredoc;
    out.heredoc = {
      delimiter: h.delimiter,
      stripTabs: h.stripTabs,
      quoted: h.quoted,
      bodyStart: h.bodyStart + d,
      bodyEnd: h.bodyEnd + d,
      closed: h.closed,
    };
  }
  return out;
}

function shiftFlag(f: RawFlag, d: number): RawFlag {
  const out: RawFlag = { name: f.name, span: shiftSpan(f.span, d) };
  if (f.valueSpan) out.valueSpan = shiftSpan(f.valueSpan, d);
  return out;
}

function shiftWord(w: ShellWord, d: number): ShellWord {
  const out: ShellWord = { value: w.value, raw: w.raw, span: shiftSpan(w.span, d) };
  if (w.gapStart !== undefined) out.gapStart = w.gapStart + d;
  return out;
}

/** Copies a script; an assignment that is both a command's and an export stays one object, as the parser made it. */
function shiftScript(s: ShellScript, d: number): ShellScript {
  const assignments = new Map<ShellAssignment, ShellAssignment>();
  const assignment = (a: ShellAssignment): ShellAssignment => {
    let out = assignments.get(a);
    if (!out) {
      out = { name: a.name, value: a.value, span: shiftSpan(a.span, d) };
      if (a.gapStart !== undefined) out.gapStart = a.gapStart + d;
      assignments.set(a, out);
    }
    return out;
  };
  const commands = s.commands.map((c): SimpleCommand => ({
    assignments: c.assignments.map(assignment),
    words: c.words.map((w) => shiftWord(w, d)),
    program: c.program,
    span: shiftSpan(c.span, d),
    after: c.after,
    inHeredoc: c.inHeredoc,
  }));
  return { commands, exports: s.exports.map(assignment) };
}
