// Applies one rule's own preferred fixes (the product's fix code, not a hand edit) to a Dockerfile, so a build
// can prove the fix's effect. Other rules' fixes are left out on purpose: each premise test isolates one claim.
import { allRules, analyze, preferredFixes } from '../../server/src/core/engine';
import { applyFixes, FIX_PASS_LIMIT } from '../../server/src/core/fix';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';

const URI = 'file:///buildkit-suite/Dockerfile';

export function ruleAvailable(code: string): boolean {
  return allRules().some((r) => r.meta.code === code);
}

export interface RuleFixResult {
  text: string;
  applied: number;
  /** Messages of the rule's findings on the input (for the test log, and for CM010 comparisons). */
  messages: string[];
}

export function ruleMessages(text: string, code: string): string[] {
  return analyze(text, URI, 'dockerfile', DEFAULT_SETTINGS)
    .findings.filter((f) => f.code === code)
    .map((f) => f.message);
}

/** Details of the rule's findings: CM010's carry BuildKit's own error text. */
export function ruleDetails(text: string, code: string): string[] {
  return analyze(text, URI, 'dockerfile', DEFAULT_SETTINGS)
    .findings.filter((f) => f.code === code)
    .map((f) => f.detail);
}

export function applyRuleFixes(text: string, code: string): RuleFixResult {
  const messages = ruleMessages(text, code);
  let current = text;
  let applied = 0;
  for (let pass = 0; pass < FIX_PASS_LIMIT; pass++) {
    const findings = analyze(current, URI, 'dockerfile', DEFAULT_SETTINGS).findings.filter((f) => f.code === code);
    const result = applyFixes(current, preferredFixes(findings, true));
    if (result.applied === 0 || result.text === current) break;
    current = result.text;
    applied += result.applied;
  }
  return { text: current, applied, messages };
}
