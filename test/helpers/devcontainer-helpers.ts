// Helpers for devcontainer.json tests: spans located by searching the text (so expectations do not
// depend on the code under test), and CM101-only analysis through the real engine.
import assert from 'node:assert/strict';
import { parseTree, type ParseError } from 'jsonc-parser';
import { analyze, fixAll } from '../../server/src/core/engine';
import { applyEdits, type Fix } from '../../server/src/core/fix';
import type { Finding } from '../../server/src/core/rules/rule';
import { normalizeSettings, type Settings } from '../../server/src/core/settings';
import type { Span } from '../../server/src/core/text';

export const DC_URI = 'file:///work/.devcontainer/devcontainer.json';

/** The span of the `occurrence`-th (0-based) occurrence of `needle` in `text`. */
export function spanOf(text: string, needle: string, occurrence = 0): Span {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `${JSON.stringify(needle)} occurrence ${occurrence} not found`);
  }
  return { start: at, end: at + needle.length };
}

export function slice(text: string, s: Span | undefined): string | undefined {
  return s ? text.slice(s.start, s.end) : undefined;
}

function dcSettings(raw: Record<string, unknown> = {}): Settings {
  const { settings, problems } = normalizeSettings(raw);
  assert.deepEqual(problems, []);
  return settings;
}

/** CM101 findings through engine.analyze; fails when a rule threw. */
export function cm101(text: string, raw: Record<string, unknown> = {}): Finding[] {
  const analysis = analyze(text, DC_URI, 'devcontainer', dcSettings(raw));
  assert.deepEqual(analysis.errors, []);
  return analysis.findings.filter((f) => f.code === 'CM101');
}

export function jsonErrorCount(text: string): number {
  const errors: ParseError[] = [];
  parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  return errors.length;
}

/** Applies one fix and checks the result parses with no new JSONC errors. */
export function applyChecked(text: string, fix: Fix): string {
  const out = applyEdits(text, fix.edits);
  assert.ok(jsonErrorCount(out) <= jsonErrorCount(text), `fix "${fix.title}" introduced JSON errors:\n${out}`);
  return out;
}

export function fixAllDc(text: string, raw: Record<string, unknown> = {}) {
  return fixAll(text, DC_URI, 'devcontainer', dcSettings(raw), { unsafe: true });
}
