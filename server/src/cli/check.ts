// Checks one file: read, analyse, optionally fix and rewrite, re-analyse. Never throws: every
// failure becomes data the formatters print.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyze, fixAll } from '../core/engine';
import type { Finding } from '../core/rules/rule';
import type { Settings } from '../core/settings';
import type { Target } from './walk';
import { describeFsError } from './walk';

export interface FixSummary {
  /** Fixes applied over all passes. */
  applied: number;
  /** Codes whose findings the fixes removed, with how many each, e.g. { CM001: 2 }. */
  fixedCodes: Record<string, number>;
  /** True when the file on disk was rewritten. */
  written: boolean;
  /** Why a changed text was not written, if it was not. */
  notWritten?: string;
}

export interface FileResult {
  target: Target;
  /** The analysed text: after fixing when --fix changed it. Empty when the file could not be read. */
  text: string;
  findings: Finding[];
  /** Set when the file could not be read: nothing else is meaningful. */
  readError?: string;
  /** Rule failures and internal errors: the findings may be incomplete. */
  errors: string[];
  fix?: FixSummary;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.stack ?? err.message : String(err);
}

function countCodes(findings: readonly Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
  return counts;
}

/** Codes with fewer findings after than before, and by how many. */
export function fixedCodes(before: readonly Finding[], after: readonly Finding[]): Record<string, number> {
  const a = countCodes(after);
  const fixed: Record<string, number> = {};
  for (const [code, n] of [...countCodes(before)].sort(([x], [y]) => x.localeCompare(y))) {
    const gone = n - (a.get(code) ?? 0);
    if (gone > 0) fixed[code] = gone;
  }
  return fixed;
}

function analyzeSafely(text: string, uri: string, target: Target, settings: Settings): { findings: Finding[]; errors: string[] } {
  try {
    const analysis = analyze(text, uri, target.kind, settings);
    return { findings: analysis.findings, errors: [...analysis.errors] };
  } catch (err) {
    return { findings: [], errors: [`internal error while analysing: ${errorText(err)}`] };
  }
}

export function checkTarget(target: Target, options: { fix: boolean; settings: Settings }): FileResult {
  let bytes: Buffer;
  try {
    bytes = readFileSync(target.path);
  } catch (err) {
    return { target, text: '', findings: [], errors: [], readError: `cannot read: ${describeFsError(err)}` };
  }
  const original = bytes.toString('utf8');
  const uri = pathToFileURL(resolve(target.path)).href;
  const first = analyzeSafely(original, uri, target, options.settings);
  if (!options.fix || first.findings.length === 0) return { target, text: original, ...first };

  let fixed;
  try {
    fixed = fixAll(original, uri, target.kind, options.settings);
  } catch (err) {
    return { target, text: original, findings: first.findings, errors: [...first.errors, `internal error while fixing: ${errorText(err)}`] };
  }
  const errors = [...first.errors];
  if (!fixed.converged) errors.push(`fixes did not settle after ${fixed.passes} passes (a rule bug); the partly fixed text is used`);
  if (fixed.text === original) {
    return { target, text: original, ...first, errors, fix: { applied: 0, fixedCodes: {}, written: false } };
  }
  const fix: FixSummary = { applied: fixed.applied, fixedCodes: {}, written: false };
  if (!Buffer.from(original, 'utf8').equals(bytes)) {
    // Writing the decoded text back would replace the invalid bytes with U+FFFD.
    fix.notWritten = 'the file is not valid UTF-8, so it was left untouched';
    return { target, text: original, findings: first.findings, errors, fix };
  }
  try {
    writeFileSync(target.path, fixed.text);
    fix.written = true;
  } catch (err) {
    fix.notWritten = `cannot write: ${describeFsError(err)}`;
    return { target, text: original, findings: first.findings, errors, fix };
  }
  const after = analyzeSafely(fixed.text, uri, target, options.settings);
  fix.fixedCodes = fixedCodes(first.findings, after.findings);
  return { target, text: fixed.text, findings: after.findings, errors: [...errors, ...after.errors], fix };
}
