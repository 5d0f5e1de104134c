// Counts for the --check pass (fix-check.test.ts): which pairs (original, fixed) the frontend judged, which
// originals it rejected, and every fixed text it rejected although it accepted the original (a bug in a fix).
import type { FixCase } from './fix-check-inputs';
import type { Verdict } from './frontend-check';

export interface Failure {
  source: FixCase['source'];
  name: string;
  settings: string;
  error: string;
  line?: number;
  /** The fixed text's line the frontend points at, and the original around the same line number. */
  fixedLine?: string;
  originalLine?: string;
}

export interface Tally {
  cases: number;
  /** Distinct inputs (a text under several settings variants is one). */
  files: number;
  unchanged: number;
  changed: number;
  /** fix-all refused its own result for these (the text stays the original). */
  refused: number;
  /** Changed pairs where the frontend judged both texts. */
  judged: number;
  originalsRejected: number;
  /** `name [settings]: error (line N)` of each rejected original. */
  rejectedOriginals: string[];
  /** Originals the frontend rejected whose fixed text it accepts. */
  repaired: number;
  /** Rejected originals whose fixed text is rejected with another error (not asserted: a masked error may show). */
  otherError: string[];
  failures: Failure[];
  unchecked: string[];
  /** Judged pairs whose original has build-check warnings (shows the warnings are read at all). */
  originalsWarned: number;
  /** Build-check rule -> pairs whose fixed text has more of its warnings than the original. */
  newWarnings: Record<string, number>;
  /** One pair per rule of newWarnings, to look at. */
  newWarningExamples: Record<string, string>;
}

function lineOf(text: string, line: number | undefined): string | undefined {
  return line === undefined ? undefined : text.split('\n')[line - 1]?.replace(/\r$/, '');
}

function counts(rules: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of rules) m.set(r, (m.get(r) ?? 0) + 1);
  return m;
}

export function tally(cases: readonly FixCase[], pairs: readonly [FixCase, Verdict, Verdict][]): Tally {
  const t: Tally = {
    cases: cases.length,
    files: new Set(cases.map((c) => `${c.source}/${c.name}`)).size,
    unchanged: cases.filter((c) => c.fixed === c.original).length,
    changed: pairs.length,
    refused: cases.filter((c) => c.refused !== undefined).length,
    judged: 0,
    originalsWarned: 0,
    originalsRejected: 0,
    rejectedOriginals: [],
    repaired: 0,
    otherError: [],
    failures: [],
    unchecked: [],
    newWarnings: {},
    newWarningExamples: {},
  };
  for (const [c, before, after] of pairs) {
    const label = `${c.name} [${c.settings}]`;
    if (before.kind === 'unchecked' || after.kind === 'unchecked') {
      const why =
        before.kind === 'unchecked'
          ? `original: ${before.reason}`
          : after.kind === 'unchecked'
            ? `fixed: ${after.reason}`
            : '';
      t.unchecked.push(`${label}: ${why}`);
      continue;
    }
    t.judged++;
    if (before.warnings.length) t.originalsWarned++;
    if (before.kind === 'rejected') {
      t.originalsRejected++;
      t.rejectedOriginals.push(`${label}: ${before.error} (line ${before.line})`);
      if (after.kind === 'accepted') t.repaired++;
      else if (after.error !== before.error)
        t.otherError.push(`${label}: ${before.error} (line ${before.line}) -> ${after.error} (line ${after.line})`);
      continue;
    }
    if (after.kind === 'rejected') {
      t.failures.push({
        source: c.source,
        name: c.name,
        settings: c.settings,
        error: after.error,
        ...(after.line !== undefined
          ? { line: after.line, fixedLine: lineOf(c.fixed, after.line), originalLine: lineOf(c.original, after.line) }
          : {}),
      });
      continue;
    }
    const was = counts(before.warnings);
    for (const [rule, n] of counts(after.warnings)) {
      if (n <= (was.get(rule) ?? 0)) continue;
      t.newWarnings[rule] = (t.newWarnings[rule] ?? 0) + 1;
      t.newWarningExamples[rule] ??= label;
    }
  }
  return t;
}

export function describeFailure(f: Failure): string {
  const where =
    f.line !== undefined
      ? ` (line ${f.line})\n    fixed:    ${JSON.stringify(f.fixedLine)}\n    original: ${JSON.stringify(f.originalLine)}`
      : '';
  return `${f.source} ${f.name} [${f.settings}]: ${f.error}${where}`;
}
