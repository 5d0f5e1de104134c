// Fixes are plain data: edits on offsets of one text version. Applying never throws on overlap:
// overlapping fixes are skipped and picked up by the next pass of fixAll.
import { type Span } from './text';

export interface TextEdit {
  span: Span;
  newText: string;
}

/**
 * Applicability, as Ruff has it: `safe` keeps the build's meaning and cannot break it (applied by `--fix` and the
 * editor's fix-all); `unsafe` changes what the build does or needs a human look (new ENV, new targets, removing a
 * mount: applied only with `--unsafe-fixes`, offered in the editor as a quick fix, never preferred there);
 * `display-only` is shown, never applied by a batch.
 */
export type FixSafety = 'safe' | 'unsafe' | 'display-only';

export interface Fix {
  title: string;
  /** The fix a user most likely wants; at most one per finding. Batches apply it when its safety allows. */
  preferred: boolean;
  safety: FixSafety;
  edits: TextEdit[];
}

/** Passes of the fix loop (core/fix-loop.ts) before it gives up on converging: the one limit everywhere. */
export const FIX_PASS_LIMIT = 10;

/** Whether a batch (`--fix`, fix-all) applies this fix: the preferred one, safe, or unsafe when asked for. */
export function appliesInBatch(fix: Fix, unsafe = false): boolean {
  return fix.preferred && (fix.safety === 'safe' || (unsafe && fix.safety === 'unsafe'));
}

export function replace(s: Span, newText: string): TextEdit {
  return { span: { start: s.start, end: s.end }, newText };
}

export function insertAt(offset: number, newText: string): TextEdit {
  return { span: { start: offset, end: offset }, newText };
}

export function remove(s: Span): TextEdit {
  return replace(s, '');
}

function sortEdits(edits: readonly TextEdit[]): TextEdit[] {
  return [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}

/** True when the edits of one fix do not overlap each other (inserts at one point are allowed in order). */
export function editsAreDisjoint(edits: readonly TextEdit[]): boolean {
  const sorted = sortEdits(edits);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.span.start < sorted[i - 1]!.span.end) return false;
  }
  return true;
}

/** Applies one fix's edits. Throws only on a malformed fix (overlapping or out-of-range edits): a bug in a rule. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = sortEdits(edits);
  let out = '';
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.span.start < cursor || edit.span.end > text.length || edit.span.start > edit.span.end) {
      throw new Error(`invalid edit ${edit.span.start}-${edit.span.end} (cursor ${cursor}, length ${text.length})`);
    }
    out += text.slice(cursor, edit.span.start) + edit.newText;
    cursor = edit.span.end;
  }
  return out + text.slice(cursor);
}

/**
 * Applies as many fixes as possible in one pass: each fix's edits as a unit, skipping a fix that
 * overlaps one already taken. Returns the new text and how many fixes were applied.
 */
export function applyFixes(text: string, fixes: readonly Fix[]): { text: string; applied: number } {
  const taken: TextEdit[] = [];
  let applied = 0;
  for (const fix of fixes) {
    if (!editsAreDisjoint(fix.edits)) continue;
    const overlaps = fix.edits.some((e) => taken.some((t) => overlapsEdit(e, t)));
    if (overlaps) continue;
    taken.push(...fix.edits);
    applied++;
  }
  return { text: taken.length ? applyEdits(text, taken) : text, applied };
}

function overlapsEdit(a: TextEdit, b: TextEdit): boolean {
  // Two inserts at the same point conflict too: their order would be arbitrary.
  if (a.span.start === a.span.end && b.span.start === b.span.end) return a.span.start === b.span.start;
  return (
    (a.span.start < b.span.end && b.span.start < a.span.end) ||
    (a.span.start === a.span.end && a.span.start > b.span.start && a.span.start < b.span.end) ||
    (b.span.start === b.span.end && b.span.start > a.span.start && b.span.start < a.span.end)
  );
}
