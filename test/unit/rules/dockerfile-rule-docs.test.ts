// Every Dockerfile rule's docs examples (and CM000's, which are Dockerfiles) are real: `bad` triggers the rule, `good` does not, and for
// fixable rules, fixing `bad` gives exactly `good` (the preferred fixes, or else one offered fix).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DOCKERFILE_RULES, unusedIgnore } from '../../../server/src/core/rules';
import { docsUrl } from '../../../server/src/core/rules/rule';
import { findingsOf, fixToFixedPoint, ruleSettings } from '../../helpers/rule-tester';
import { applyEdits } from '../../../server/src/core/fix';

describe('Dockerfile rule docs examples', () => {
  for (const rule of [unusedIgnore, ...DOCKERFILE_RULES]) {
    const { meta } = rule;
    test(`${meta.code} ${meta.name}: docs are complete`, () => {
      assert.match(meta.code, /^CM\d{3}$/);
      assert.match(meta.name, /^[a-z]+(-[a-z]+)*$/);
      for (const key of ['what', 'why', 'bad', 'good', 'fixSafety'] as const) {
        assert.ok(meta.docs[key].trim().length > 0, `docs.${key} is empty`);
      }
      assert.ok(meta.docs.references.length > 0, 'references');
      assert.ok(docsUrl(meta).endsWith(`${meta.code}.md`));
    });

    test(`${meta.code} ${meta.name}: bad triggers, good does not`, () => {
      const settings = ruleSettings(rule);
      assert.ok(findingsOf(rule, meta.docs.bad, settings).length > 0, 'docs.bad must trigger the rule');
      assert.deepEqual(
        findingsOf(rule, meta.docs.good, settings).map((f) => f.messageId),
        [],
        'docs.good must not trigger the rule',
      );
    });

    if (meta.fixable !== 'never') {
      // 'always' must fix the bad example; 'sometimes' rules whose bad example is fixable must fix it to good too.
      test(`${meta.code} ${meta.name}: fixing bad gives good`, () => {
        const settings = ruleSettings(rule);
        const findings = findingsOf(rule, meta.docs.bad, settings);
        const fixable = findings.some((f) => f.fixes.some((x) => x.preferred));
        if (meta.fixable === 'always') assert.ok(fixable, 'fixable "always" but docs.bad has no preferred fix');
        if (fixable) {
          assert.equal(fixToFixedPoint(rule, meta.docs.bad, settings), meta.docs.good);
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
  }
});
