// Every devcontainer rule's docs examples are real: `bad` triggers the rule, `good` does not, and when
// the bad example has a preferred fix, fixing it (this rule only, to a fixed point) gives exactly `good`.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEVCONTAINER_RULES } from '../../../server/src/core/rules';
import { dcFindings, dcFixToFixedPoint, dcRuleSettings, jsoncErrors } from '../devcontainer/dc-rule-tester';
import { applyEdits } from '../../../server/src/core/fix';

describe('devcontainer rule docs examples', () => {
  for (const rule of DEVCONTAINER_RULES) {
    const { meta } = rule;
    test(`${meta.code} ${meta.name}: bad triggers, good does not, both are valid JSONC`, () => {
      assert.equal(meta.kind, 'devcontainer');
      assert.ok(dcFindings(rule, meta.docs.bad).length > 0, 'docs.bad must trigger the rule');
      assert.deepEqual(
        dcFindings(rule, meta.docs.good).map((f) => f.messageId),
        [],
        'docs.good must not trigger the rule',
      );
      assert.equal(jsoncErrors(meta.docs.bad), 0);
      assert.equal(jsoncErrors(meta.docs.good), 0);
      assert.match(
        meta.docs.references.join(' '),
        /\]\(\.\.\/semantics\.md#(devcontainer-|run-time-mount-types|empty-mount-source|volume-vs-bind)/,
        'cites the devcontainer sections of docs/semantics.md',
      );
    });

    test(`${meta.code} ${meta.name}: fixing bad gives good`, () => {
      const settings = dcRuleSettings(rule);
      const findings = dcFindings(rule, meta.docs.bad, settings);
      const fixable = findings.some((f) => f.fixes.some((x) => x.preferred));
      if (meta.fixable === 'always') assert.ok(fixable, 'fixable "always" but docs.bad has no preferred fix');
      if (meta.fixable === 'never') {
        assert.deepEqual(
          findings.flatMap((f) => f.fixes),
          [],
          'a rule that never fixes offers no fix',
        );
        return;
      }
      if (fixable) {
        assert.equal(dcFixToFixedPoint(rule, meta.docs.bad, settings), meta.docs.good);
        return;
      }
      // No preferred fix (an unsafe one the user picks): one of the offered fixes turns bad into good.
      const offered = findings.flatMap((f) => f.fixes);
      assert.ok(offered.length > 0, 'docs.bad of a fixable rule offers no fix at all');
      assert.ok(
        offered.some((x) => applyEdits(meta.docs.bad, x.edits) === meta.docs.good),
        `no offered fix gives docs.good: ${offered.map((x) => x.title).join('; ')}`,
      );
    });
  }
});
