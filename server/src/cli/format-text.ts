// The human format: `path:line:col: severity CODE message` (1-based), then a summary line.
import { LineIndex } from '../core/text';
import type { Severity } from '../core/types';
import type { FileResult } from './check';

// Control characters are exactly what this must find (a newline in a folder name could inject a line).
// eslint-disable-next-line no-control-regex
const LINE_BREAKING_OR_CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]/g;

/**
 * A path as printed: control characters escaped, so a folder named with a newline cannot start a line of its
 * own (a GitHub Actions `::error` command, a fake finding) in the output.
 */
export function printablePath(path: string): string {
  return path.replace(LINE_BREAKING_OR_CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** One line per finding; messages are kept on one line. */
export function formatFindings(result: FileResult): string[] {
  if (result.findings.length === 0) return [];
  const lines = new LineIndex(result.text);
  return result.findings.map((f) => {
    const pos = lines.positionAt(f.span.start);
    const message = f.message.replace(/\s*\r?\n\s*/g, ' ');
    return `${printablePath(result.target.path)}:${pos.line + 1}:${pos.character + 1}: ${f.severity} ${f.code} ${message}`;
  });
}

/** What --fix did to one file, or undefined when it did nothing (or could not write it). */
export function fixNotice(result: FileResult): string | undefined {
  const fix = result.fix;
  // Not written: reported on stderr as trouble (cli/run.ts), not here.
  if (!fix || fix.applied === 0 || !fix.written) return undefined;
  const codes = Object.entries(fix.fixedCodes).map(([code, n]) => (n === 1 ? code : `${code} x${n}`));
  const what = codes.length ? ` (${codes.join(', ')})` : '';
  // The count is the findings that are gone, so it adds up with the codes listed (one fix can settle several).
  const gone = Object.values(fix.fixedCodes).reduce((a, b) => a + b, 0);
  if (gone === 0) return `${printablePath(result.target.path)}: applied ${plural(fix.applied, 'fix', 'fixes')}`;
  return `${printablePath(result.target.path)}: fixed ${plural(gone, 'problem')}${what}`;
}

export function summaryLine(results: readonly FileResult[]): string {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  let filesWithFindings = 0;
  let unreadable = 0;
  for (const r of results) {
    if (r.readError) unreadable++;
    if (r.findings.length) filesWithFindings++;
    for (const f of r.findings) counts[f.severity]++;
  }
  const checked = results.length - unreadable;
  const total = counts.error + counts.warning + counts.info + counts.hint;
  const notRead = unreadable ? `; ${plural(unreadable, 'file')} could not be read` : '';
  if (total === 0) return `No problems found in ${plural(checked, 'file')} checked${notRead}.`;
  const parts = [
    plural(counts.error, 'error'),
    plural(counts.warning, 'warning'),
    `${counts.info} info`,
    plural(counts.hint, 'hint'),
  ];
  return `${plural(total, 'problem')} (${parts.join(', ')}) in ${filesWithFindings} of ${plural(checked, 'file')} checked${notRead}.`;
}

/** The whole stdout of `check --format text`. */
export function formatText(results: readonly FileResult[], unsafeNote?: string): string {
  const out: string[] = [];
  for (const r of results) {
    const notice = fixNotice(r);
    if (notice) out.push(notice);
    out.push(...formatFindings(r));
  }
  out.push(summaryLine(results));
  if (unsafeNote) out.push(unsafeNote);
  return out.join('\n') + '\n';
}
