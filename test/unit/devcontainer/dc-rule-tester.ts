// A table-driven tester for devcontainer.json rules (the devcontainer twin of helpers/rule-tester.ts):
// valid cases give no finding of the rule; invalid cases list each finding (range text, message,
// severity) and the text after the rule's preferred fixes reach a fixed point. Every fixed text must
// parse with no more JSONC errors than the input, lose no comment, and be stable under fix-all.
import { FIX_PASS_LIMIT } from '../../../server/src/core/fix';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createScanner, parseTree, SyntaxKind, type ParseError } from 'jsonc-parser';
import { analyze, fixAll } from '../../../server/src/core/engine';
import { applyEdits, applyFixes, type Fix } from '../../../server/src/core/fix';
import { DEVCONTAINER_RULES, DOCKERFILE_RULES } from '../../../server/src/core/rules';
import type { DevcontainerRule, Finding } from '../../../server/src/core/rules/rule';
import type { Severity } from '../../../server/src/core/types';
import { normalizeSettings, type Settings } from '../../../server/src/core/settings';
import { checkMessage, type ExpectedFinding } from '../../helpers/rule-tester';

const DC_RULE_URI = 'file:///work/.devcontainer/devcontainer.json';

interface DcExpected extends Pick<ExpectedFinding, 'messageId' | 'data' | 'detail'> {
  /** The exact document text the finding's range covers. */
  text?: string;
  severity?: Severity;
  /** Titles of all fixes, preferred first marked with `*`. */
  fixes?: string[];
}

export interface DcValidCase {
  code: string;
  settings?: Record<string, unknown>;
  name?: string;
}

export interface DcInvalidCase extends DcValidCase {
  errors: DcExpected[];
  /** Text after this rule's preferred fixes reach a fixed point; null: no preferred fix. */
  output: string | null;
  remainingAfterFix?: number;
}

export function dcRuleSettings(rule: DevcontainerRule, raw: Record<string, unknown> = {}): Settings {
  const { settings, problems } = normalizeSettings(raw);
  assert.deepEqual(problems, [], 'test settings must be valid');
  for (const other of [...DOCKERFILE_RULES, ...DEVCONTAINER_RULES]) {
    if (other !== rule && settings.rules[other.meta.code] === undefined) settings.rules[other.meta.code] = 'off';
  }
  return settings;
}

export function dcFindings(rule: DevcontainerRule, text: string, settings: Settings = dcRuleSettings(rule)): Finding[] {
  const analysis = analyze(text, DC_RULE_URI, 'devcontainer', settings);
  assert.deepEqual(analysis.errors, [], 'no rule may throw');
  return analysis.findings.filter((f) => f.code === rule.meta.code);
}

export function jsoncErrors(text: string): number {
  const errors: ParseError[] = [];
  parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  return errors.length;
}

function comments(text: string): string[] {
  const out: string[] = [];
  const scanner = createScanner(text, false);
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind === SyntaxKind.LineCommentTrivia || kind === SyntaxKind.BlockCommentTrivia)
      out.push(scanner.getTokenValue());
  }
  return out;
}

/** Applies one fix and checks the result: no new JSONC errors, every comment kept. */
function applyDcFix(text: string, fix: Fix): string {
  const out = applyEdits(text, fix.edits);
  assert.ok(jsoncErrors(out) <= jsoncErrors(text), `fix "${fix.title}" introduced JSONC errors:\n${out}`);
  assert.deepEqual(comments(out), comments(text), `fix "${fix.title}" changed comments`);
  return out;
}

export function dcFixToFixedPoint(rule: DevcontainerRule, text: string, settings: Settings): string {
  let current = text;
  for (let i = 0; i < FIX_PASS_LIMIT; i++) {
    const fixes = dcFindings(rule, current, settings)
      .map((f) => f.fixes.find((x) => x.preferred))
      .filter((x): x is Fix => x !== undefined);
    const result = applyFixes(current, fixes);
    if (result.applied === 0 || result.text === current) return current;
    assert.ok(
      jsoncErrors(result.text) <= jsoncErrors(current),
      `pass ${i + 1} introduced JSONC errors:\n${result.text}`,
    );
    assert.deepEqual(comments(result.text), comments(current), `pass ${i + 1} changed comments`);
    current = result.text;
  }
  assert.fail(`fixes of ${rule.meta.code} did not converge:\n${current}`);
}

/** The fix titled `title` of finding `index`, applied once and checked. */
export function applyDcFixByTitle(
  rule: DevcontainerRule,
  text: string,
  title: string,
  index = 0,
  raw: Record<string, unknown> = {},
): string {
  const finding = dcFindings(rule, text, dcRuleSettings(rule, raw))[index];
  assert.ok(finding, `no ${rule.meta.code} finding at ${index}`);
  const fix = finding.fixes.find((f) => f.title === title);
  assert.ok(fix, `no fix "${title}"; have ${finding.fixes.map((f) => JSON.stringify(f.title)).join(', ')}`);
  return applyDcFix(text, fix);
}

function describeFindings(text: string, findings: Finding[]): string {
  return findings.map((f) => `  [${f.severity}] "${text.slice(f.span.start, f.span.end)}": ${f.message}`).join('\n');
}

export function runDcRuleTests(
  rule: DevcontainerRule,
  tests: { valid: (string | DcValidCase)[]; invalid: DcInvalidCase[] },
): void {
  describe(`${rule.meta.code} ${rule.meta.name}`, () => {
    test('is registered in DEVCONTAINER_RULES', () => assert.ok(DEVCONTAINER_RULES.includes(rule)));

    describe('valid', () => {
      tests.valid.forEach((raw, i) => {
        const c: DcValidCase = typeof raw === 'string' ? { code: raw } : raw;
        test(c.name ?? `valid ${i}: ${c.code.replace(/\s+/g, ' ').slice(0, 80)}`, () => {
          const findings = dcFindings(rule, c.code, dcRuleSettings(rule, c.settings));
          assert.equal(
            findings.length,
            0,
            `expected no ${rule.meta.code} finding, got:\n${describeFindings(c.code, findings)}`,
          );
        });
      });
    });

    describe('invalid', () => {
      tests.invalid.forEach((c, i) => {
        test(c.name ?? `invalid ${i}: ${c.code.replace(/\s+/g, ' ').slice(0, 80)}`, () => {
          const settings = dcRuleSettings(rule, c.settings);
          const findings = dcFindings(rule, c.code, settings);
          assert.equal(findings.length, c.errors.length, `finding count; got:\n${describeFindings(c.code, findings)}`);
          c.errors.forEach((e, k) => {
            const f = findings[k]!;
            if (e.text !== undefined)
              assert.equal(c.code.slice(f.span.start, f.span.end), e.text, `finding ${k}: range text`);
            if (e.severity !== undefined) assert.equal(f.severity, e.severity, `finding ${k}: severity`);
            checkMessage(f, e, `finding ${k}`);
            if (e.fixes)
              assert.deepEqual(
                f.fixes.map((x) => (x.preferred ? '*' : '') + x.title),
                e.fixes,
                `finding ${k}: fixes`,
              );
            assert.ok(f.fixes.filter((x) => x.preferred).length <= 1, 'at most one preferred fix');
            for (const x of f.fixes) applyDcFix(c.code, x); // every offered fix keeps the file valid
          });
          const hasPreferred = findings.some((f) => f.fixes.some((x) => x.preferred));
          if (c.output === null) {
            assert.ok(!hasPreferred, 'output is null but a preferred fix exists');
            return;
          }
          assert.ok(hasPreferred, 'output given but no preferred fix');
          const fixed = dcFixToFixedPoint(rule, c.code, settings);
          assert.equal(fixed, c.output, 'text after fixing');
          assert.equal(dcFindings(rule, fixed, settings).length, c.remainingAfterFix ?? 0, 'findings after fixing');
          const engine = fixAll(c.code, DC_RULE_URI, 'devcontainer', settings, { unsafe: true });
          assert.ok(engine.converged);
          assert.equal(engine.text, fixed, 'engine fixAll gives the same text');
          assert.equal(
            fixAll(fixed, DC_RULE_URI, 'devcontainer', settings, { unsafe: true }).applied,
            0,
            'fixing again changes nothing',
          );
        });
      });
    });
  });
}
