// Inline suppression, indexed once per document so that checking a finding costs O(log n):
// - `# cache-mounts-ignore CM001,CM003` on the line before an instruction, or at the end of its first line;
// - `# cache-mounts-ignore-file CM003` in the comment header (before the first instruction): the whole file;
// - devcontainer.json: `// cache-mounts-ignore CM101` (or `/* ... */`) on the line before or the same line,
//   `// cache-mounts-ignore-file CM101` before the first property.
// Entries are rule codes or names, separated by commas or blanks; a word after a blank that is neither a
// CMnnn code nor a rule name ends the list, so `# cache-mounts-ignore CM001 because ...` works.
// The index records which entries suppressed something, for CM000 unused-ignore (rules/unused-ignore.ts).
import type { DevcontainerModel } from './devcontainer/types';
import type { DockerfileModel } from './dockerfile/types';
import type { AnyModel } from './model';
import type { Span } from './text';
import type { RuleKind } from './types';

/** The rule an entry names. */
export interface RuleRef {
  code: string;
  kind: RuleKind;
}

/** Maps an entry (code or name, any case) to a rule; undefined when no rule has that code or name. */
export type RuleResolver = (token: string) => RuleRef | undefined;

export interface IgnoreEntry {
  /** As written. */
  token: string;
  span: Span;
  /** The rule it names, when it names one. */
  rule?: RuleRef;
  used: boolean;
}

export interface IgnoreComment {
  scope: 'line' | 'file';
  /** The comment, from its marker (`#`, `//`, `/*`) to its end. */
  span: Span;
  /** What removing the whole comment deletes: its line when the comment is alone on it. */
  removal: Span;
  entries: IgnoreEntry[];
  /** Set when the comment is where it can suppress nothing, with why. */
  misplaced?: string;
}

const MARKER = /^(?:#|\/\/|\/\*)[ \t]*cache-mounts-ignore(-file)?(?=[\s,]|\*\/|$)/;
const TRAILING = /#[ \t]*cache-mounts-ignore(?:-file)?(?=[\s,]|$)/;
const WORD = /[A-Za-z0-9_-]+/y;
const CODE_LIKE = /^CM\d+$/i;

/** The ignore directive in one comment's raw text (marker included), with entry offsets relative to it. */
export function parseIgnoreComment(
  raw: string,
  resolve: RuleResolver,
):
  | {
      scope: 'line' | 'file';
      entries: { token: string; start: number; rule?: RuleRef }[];
    }
  | undefined {
  const m = MARKER.exec(raw);
  if (!m) return undefined;
  const entries: { token: string; start: number; rule?: RuleRef }[] = [];
  let pos = m[0].length;
  let comma = false;
  for (;;) {
    while (pos < raw.length && (raw[pos] === ' ' || raw[pos] === '\t' || raw[pos] === ',')) {
      if (raw[pos] === ',') comma = true;
      pos++;
    }
    WORD.lastIndex = pos;
    const w = WORD.exec(raw);
    if (!w) break;
    const token = w[0];
    const rule = resolve(token);
    if (entries.length > 0 && !comma && !rule && !CODE_LIKE.test(token)) break;
    entries.push(rule ? { token, start: pos, rule } : { token, start: pos });
    pos += token.length;
    comma = false;
  }
  return { scope: m[1] ? 'file' : 'line', entries };
}

export class SuppressionIndex {
  readonly comments: IgnoreComment[] = [];
  /** Anchor line -> line-scope comments that apply to findings anchored there. */
  private readonly byLine = new Map<number, IgnoreComment[]>();
  private readonly fileWide: IgnoreComment[] = [];

  private constructor(private readonly model: AnyModel) {}

  static build(model: AnyModel, resolve: RuleResolver): SuppressionIndex {
    const index = new SuppressionIndex(model);
    try {
      if (model.kind === 'dockerfile') index.indexDockerfile(model, resolve);
      else index.indexDevcontainer(model, resolve);
    } catch {
      // A bug here must not break analysis: the findings then go unsuppressed.
    }
    return index;
  }

  /**
   * The suppression pass: the findings no ignore comment covers. Each entry that covers one is marked
   * used, so `comments` then tells CM000 which ignores suppressed nothing.
   */
  unsuppressed<F extends { code: string; span: Span }>(findings: readonly F[]): F[] {
    if (this.comments.length === 0) return [...findings];
    return findings.filter((f) => !this.isSuppressed(f.code, f.span));
  }

  /** True when an ignore comment covers this finding; marks the matching entries used. */
  private isSuppressed(code: string, s: Span): boolean {
    if (this.comments.length === 0) return false;
    let hit = markUsed(this.fileWide, code);
    const line = anchorLine(this.model, s);
    const onLine = this.byLine.get(line);
    if (onLine && markUsed(onLine, code)) hit = true;
    return hit;
  }

  private add(comment: IgnoreComment, targetLines: number[]): void {
    this.comments.push(comment);
    if (comment.misplaced) return;
    if (comment.scope === 'file') {
      this.fileWide.push(comment);
      return;
    }
    for (const line of targetLines) {
      const list = this.byLine.get(line);
      if (list) list.push(comment);
      else this.byLine.set(line, [comment]);
    }
  }

  private indexDockerfile(model: DockerfileModel, resolve: RuleResolver): void {
    const startLines = new Set<number>();
    for (const ins of model.instructions) startLines.add(ins.line);
    const firstLine = model.instructions[0]?.line ?? Infinity;
    const text = model.text;
    // Bottom-up, so that a stack of ignore lines right above an instruction all apply to it.
    const lineTargets = new Map<number, number>();
    for (let i = model.comments.length - 1; i >= 0; i--) {
      const c = model.comments[i]!;
      const parsed = parseIgnoreComment(text.slice(c.span.start, c.span.end), resolve);
      if (!parsed) continue;
      const comment = makeComment(parsed, c.span, lineRemoval(text, c.span));
      let target = c.line + 1;
      if (parsed.scope === 'file') {
        if (c.line > firstLine) comment.misplaced = 'a file-wide ignore must come before the first instruction';
      } else if (!startLines.has(target)) {
        const below = lineTargets.get(target);
        if (below === undefined) comment.misplaced = 'it is not on the line right before an instruction';
        else target = below;
      }
      if (parsed.scope === 'line' && !comment.misplaced) lineTargets.set(c.line, target);
      this.add(comment, [target]);
    }
    // `RUN ... # cache-mounts-ignore CM001` at the end of an instruction's first line.
    for (const ins of model.instructions) {
      const lineEnd = model.lines.lineEnd(ins.line);
      const from = ins.keywordSpan.end;
      if (from >= lineEnd) continue;
      const m = TRAILING.exec(text.slice(from, lineEnd));
      if (!m) continue;
      const start = from + m.index;
      const parsed = parseIgnoreComment(text.slice(start, lineEnd), resolve);
      if (!parsed) continue;
      const comment = makeComment(parsed, { start, end: lineEnd }, trailingRemoval(text, start, lineEnd));
      if (parsed.scope === 'file')
        comment.misplaced = 'a file-wide ignore must be a comment line before the first instruction';
      this.add(comment, [ins.line]);
    }
    this.comments.sort((a, b) => a.span.start - b.span.start);
  }

  private indexDevcontainer(model: DevcontainerModel, resolve: RuleResolver): void {
    const text = model.text;
    const firstProperty = model.root?.type === 'object' ? (model.root.children?.[0]?.offset ?? Infinity) : Infinity;
    for (const c of model.comments) {
      const parsed = parseIgnoreComment(text.slice(c.span.start, c.span.end), resolve);
      if (!parsed) continue;
      const lineStart = model.lines.lineStart(c.line);
      const alone = text.slice(lineStart, c.span.start).trim() === '';
      const endLine = model.lines.positionAt(c.span.end).line;
      const removal =
        alone && endLine === c.line ? lineRemoval(text, c.span) : trailingRemoval(text, c.span.start, c.span.end);
      const comment = makeComment(parsed, c.span, removal);
      if (parsed.scope === 'file' && c.span.start > firstProperty)
        comment.misplaced = 'a file-wide ignore must come before the first property';
      // Same line (after a property) or the line after the comment ends.
      this.add(comment, alone ? [endLine + 1] : [c.line, endLine + 1]);
    }
  }
}

function makeComment(
  parsed: NonNullable<ReturnType<typeof parseIgnoreComment>>,
  span: Span,
  removal: Span,
): IgnoreComment {
  return {
    scope: parsed.scope,
    span,
    removal,
    entries: parsed.entries.map((e) => ({
      token: e.token,
      span: { start: span.start + e.start, end: span.start + e.start + e.token.length },
      ...(e.rule ? { rule: e.rule } : {}),
      used: false,
    })),
  };
}

function markUsed(comments: readonly IgnoreComment[], code: string): boolean {
  let hit = false;
  for (const c of comments) {
    for (const e of c.entries) {
      if (e.rule?.code === code) {
        e.used = true;
        hit = true;
      }
    }
  }
  return hit;
}

/** The comment's whole line, end of line included, when nothing else is on it; else the comment. */
function lineRemoval(text: string, s: Span): Span {
  let start = s.start;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  if (start > 0 && text[start - 1] !== '\n') return trailingRemoval(text, s.start, s.end);
  let end = s.end;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  if (text[end] === '\r' && text[end + 1] === '\n') end += 2;
  else if (text[end] === '\n') end += 1;
  else if (end < text.length) return trailingRemoval(text, s.start, s.end);
  return { start, end };
}

/** A comment after code on its line: the blanks before it and the comment. */
function trailingRemoval(text: string, start: number, end: number): Span {
  let from = start;
  while (from > 0 && (text[from - 1] === ' ' || text[from - 1] === '\t')) from--;
  return { start: from, end };
}

/** The line an ignore comment for this span must be on or above: its instruction's first line. */
function anchorLine(model: AnyModel, s: Span): number {
  if (model.kind === 'dockerfile') {
    // Instructions are in text order and do not overlap: binary search for the last one starting at or before s.
    const list = model.instructions;
    let low = 0;
    let high = list.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (list[mid]!.span.start <= s.start) low = mid;
      else high = mid - 1;
    }
    const ins = list[low];
    if (ins && s.start >= ins.span.start && s.start <= ins.span.end) return ins.line;
  }
  return model.lines.positionAt(s.start).line;
}

/** Where the "ignore CMxxx for this line" action inserts its comment, and the text. */
export function ignoreCommentEdit(model: AnyModel, code: string, s: Span): { offset: number; text: string } {
  const line = anchorLine(model, s);
  const start = model.lines.lineStart(line);
  // An ignore comment alone on the line before: add the code to it, so it keeps applying.
  if (line > 0) {
    const prevStart = model.lines.lineStart(line - 1);
    const prevText = model.text.slice(prevStart, model.lines.lineEnd(line - 1));
    const lead = /^[ \t]*/.exec(prevText)![0].length;
    const parsed = parseIgnoreComment(prevText.slice(lead), () => undefined);
    const body = prevText.slice(lead);
    // A block comment counts only when it closes on that line (else it applies below its end).
    if (parsed && parsed.scope === 'line' && (!body.startsWith('/*') || body.trimEnd().endsWith('*/'))) {
      const last = parsed.entries[parsed.entries.length - 1];
      if (last) return { offset: prevStart + lead + last.start + last.token.length, text: `,${code}` };
    }
  }
  const lineText = model.text.slice(start, model.lines.lineEnd(line));
  const indent = /^[ \t]*/.exec(lineText)![0];
  const marker = model.kind === 'dockerfile' ? '#' : '//';
  return { offset: start, text: `${indent}${marker} cache-mounts-ignore ${code}${model.eol}` };
}
