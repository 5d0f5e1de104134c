// A table-driven rule tester in the shape of ESLint's RuleTester: valid cases must produce no finding
// of the rule; invalid cases list the exact findings (range as source text, message, severity) and
// the text after applying the rule's preferred fixes to a fixed point.
import { FIX_PASS_LIMIT } from '../../server/src/core/fix';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, fixAll } from '../../server/src/core/engine';
import { buildDockerfileModel } from '../../server/src/core/dockerfile/model';
import { applyEdits, applyFixes, type Fix } from '../../server/src/core/fix';
import { DOCKERFILE_RULES } from '../../server/src/core/rules';
import { MESSAGE_MAX_LENGTH, type DockerfileRule, type Finding, type RuleMeta } from '../../server/src/core/rules/rule';

/** What the helpers below need of a rule: its meta (CM000, a pipeline stage, has no `check`). */
type TestedRule = { readonly meta: RuleMeta };
import type { Severity } from '../../server/src/core/types';
import { normalizeSettings, type Settings } from '../../server/src/core/settings';

const URI = 'file:///test/Dockerfile';

export interface ExpectedFinding {
  code?: string;
  /** The rule's message id (a key of meta.messages). */
  messageId?: string;
  /** The message's data, compared whole. */
  data?: Record<string, string | number>;
  /** A pattern the detail (the why and the evidence, shown in the hover) must match. */
  detail?: RegExp;

  /** The exact source text the finding's range covers. */
  text?: string;
  /** 1-based line of the range start. */
  line?: number;
  severity?: Severity;
}

interface ValidCase {
  code: string;
  /** Raw settings, as a user would write them in .cache-mounts.json. */
  settings?: Record<string, unknown>;
  name?: string;
}

interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
  /** Text after fixing to a fixed point; an array lists the text after each pass; null: no preferred fix. */
  output: string | string[] | null;
  /** Findings of the rule still expected in the fixed text (default 0). */
  remainingAfterFix?: number;
}

export interface RuleTests {
  valid: (string | ValidCase)[];
  invalid: InvalidCase[];
}

/** Settings that run only this rule, so other rules neither cost time nor interfere. */
export function ruleSettings(rule: TestedRule, raw: Record<string, unknown> = {}): Settings {
  const { settings, problems } = normalizeSettings(raw);
  assert.deepEqual(problems, [], 'test settings must be valid');
  for (const other of DOCKERFILE_RULES) {
    if (other !== rule && settings.rules[other.meta.code] === undefined) settings.rules[other.meta.code] = 'off';
  }
  return settings;
}

/** This rule's findings on the text; fails the test when a rule threw. */
export function findingsOf(rule: TestedRule, text: string, settings: Settings): Finding[] {
  const analysis = analyze(text, URI, 'dockerfile', settings);
  assert.deepEqual(analysis.errors, [], 'no rule may throw');
  return analysis.findings.filter((f) => f.code === rule.meta.code);
}

/** Applies this rule's preferred fixes pass by pass until nothing applies; returns the text after each pass. */
function fixPasses(rule: TestedRule, text: string, settings: Settings): string[] {
  const passes: string[] = [];
  let current = text;
  for (let i = 0; i < FIX_PASS_LIMIT; i++) {
    const fixes = findingsOf(rule, current, settings)
      .map((f) => f.fixes.find((x) => x.preferred))
      .filter((x): x is Fix => x !== undefined);
    const result = applyFixes(current, fixes);
    if (result.applied === 0 || result.text === current) return passes;
    current = result.text;
    passes.push(current);
  }
  assert.fail(`fixes of ${rule.meta.code} did not converge in ${FIX_PASS_LIMIT} passes:\n${current}`);
}

/** The text after this rule's preferred fixes reached a fixed point. */
export function fixToFixedPoint(rule: TestedRule, text: string, settings: Settings): string {
  const passes = fixPasses(rule, text, settings);
  return passes.length ? passes[passes.length - 1]! : text;
}

/**
 * Applies one named (usually non-preferred) fix of the finding at `index` once. The fixed text
 * must still build a model.
 */
export function applyFixByTitle(
  rule: TestedRule,
  code: string,
  title: string | RegExp,
  opts: { index?: number; settings?: Record<string, unknown> } = {},
): string {
  const settings = ruleSettings(rule, opts.settings);
  const findings = findingsOf(rule, code, settings);
  const finding = findings[opts.index ?? 0];
  assert.ok(finding, `expected a ${rule.meta.code} finding at index ${opts.index ?? 0}, got ${findings.length}`);
  const matches = (t: string) => (typeof title === 'string' ? t === title : title.test(t));
  const fix = finding.fixes.find((f) => matches(f.title));
  assert.ok(
    fix,
    `no fix titled ${String(title)}; fixes: ${finding.fixes.map((f) => JSON.stringify(f.title)).join(', ')}`,
  );
  const out = applyEdits(code, fix.edits);
  assert.doesNotThrow(() => buildDockerfileModel(out, URI));
  return out;
}

/** The message part of an expected finding: id, data, detail pattern; and the rendered message is short. */
export function checkMessage(
  actual: Finding,
  expected: Pick<ExpectedFinding, 'messageId' | 'data' | 'detail'>,
  label: string,
): void {
  if (expected.messageId !== undefined) assert.equal(actual.messageId, expected.messageId, `${label}: messageId`);
  if (expected.data !== undefined) assert.deepEqual(actual.data, expected.data, `${label}: data`);
  if (expected.detail !== undefined) assert.match(actual.detail, expected.detail, `${label}: detail`);
  assert.ok(
    actual.message.length <= MESSAGE_MAX_LENGTH,
    `${label}: message longer than ${MESSAGE_MAX_LENGTH}: ${actual.message}`,
  );
}

function checkFinding(text: string, actual: Finding, expected: ExpectedFinding, label: string): void {
  if (expected.code !== undefined) assert.equal(actual.code, expected.code, `${label}: code`);
  if (expected.text !== undefined)
    assert.equal(text.slice(actual.span.start, actual.span.end), expected.text, `${label}: range text`);
  if (expected.line !== undefined) {
    const line = text.slice(0, actual.span.start).split('\n').length;
    assert.equal(line, expected.line, `${label}: line`);
  }
  if (expected.severity !== undefined) assert.equal(actual.severity, expected.severity, `${label}: severity`);
  checkMessage(actual, expected, label);
}

function describeFindings(text: string, findings: Finding[]): string {
  return findings.map((f) => `  [${f.severity}] "${text.slice(f.span.start, f.span.end)}": ${f.message}`).join('\n');
}

function caseName(c: ValidCase): string {
  const first =
    c.code.split('\n').find((l) => l.includes('--mount') || l.startsWith('RUN')) ?? c.code.split('\n')[0] ?? '';
  return c.name ?? (first.length > 90 ? `${first.slice(0, 87)}...` : first || '(empty)');
}

export function runRuleTests(rule: DockerfileRule, tests: RuleTests): void {
  const seen = new Set<string>();
  const unique = (c: ValidCase) => {
    const key = JSON.stringify([c.code, c.settings ?? {}]);
    if (seen.has(key)) throw new Error(`duplicate test case for ${rule.meta.code}: ${JSON.stringify(c.code)}`);
    seen.add(key);
  };

  describe(`${rule.meta.code} ${rule.meta.name}`, () => {
    test('is registered in DOCKERFILE_RULES', () => {
      assert.ok(DOCKERFILE_RULES.includes(rule));
    });

    describe('valid', () => {
      for (const raw of tests.valid) {
        const c: ValidCase = typeof raw === 'string' ? { code: raw } : raw;
        unique(c);
        test(caseName(c), () => {
          const findings = findingsOf(rule, c.code, ruleSettings(rule, c.settings));
          assert.equal(
            findings.length,
            0,
            `expected no ${rule.meta.code} finding, got:\n${describeFindings(c.code, findings)}`,
          );
        });
      }
    });

    describe('invalid', () => {
      for (const c of tests.invalid) {
        unique(c);
        test(caseName(c), () => {
          const settings = ruleSettings(rule, c.settings);
          const findings = findingsOf(rule, c.code, settings);
          assert.equal(findings.length, c.errors.length, `finding count; got:\n${describeFindings(c.code, findings)}`);
          c.errors.forEach((e, i) => checkFinding(c.code, findings[i]!, e, `finding ${i}`));
          for (const f of findings) {
            assert.ok(f.fixes.filter((x) => x.preferred).length <= 1, 'at most one preferred fix per finding');
          }

          const hasPreferred = findings.some((f) => f.fixes.some((x) => x.preferred));
          if (c.output === null) {
            assert.ok(!hasPreferred, 'output is null but a preferred fix exists');
            return;
          }
          assert.ok(hasPreferred, 'output is given but no finding has a preferred fix');
          const expectedPasses = Array.isArray(c.output) ? c.output : undefined;
          const expectedFinal = Array.isArray(c.output) ? c.output[c.output.length - 1] : c.output;
          assert.notEqual(expectedFinal, c.code, 'output must differ from code');
          const passes = fixPasses(rule, c.code, settings);
          if (expectedPasses) assert.deepEqual(passes, expectedPasses, 'text after each pass');
          const fixed = passes[passes.length - 1] ?? c.code;
          assert.equal(fixed, expectedFinal, 'text after fixing');

          // The fixed text re-parses, the problem is gone, and fixing again changes nothing.
          assert.doesNotThrow(() => buildDockerfileModel(fixed, URI));
          const after = findingsOf(rule, fixed, settings);
          assert.equal(
            after.length,
            c.remainingAfterFix ?? 0,
            `findings after fixing:\n${describeFindings(fixed, after)}`,
          );
          // The engine's fix-all (what --fix and source.fixAll run) reaches the same fixed point.
          const engineFixed = fixAll(c.code, URI, 'dockerfile', settings, { unsafe: true });
          assert.ok(engineFixed.converged, 'engine fixAll converges');
          assert.equal(engineFixed.text, fixed, 'engine fixAll gives the same text');
          assert.equal(
            fixAll(fixed, URI, 'dockerfile', settings, { unsafe: true }).applied,
            0,
            'fixing again changes nothing',
          );
        });
      }
    });
  });
}
