import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { GENERATED_HEADER, renderRuleDoc, renderRulesTable } from '../../server/src/cli/rule-doc';
import type { RuleMeta } from '../../server/src/core/rules/rule';

const META: RuleMeta = {
  code: 'CM042',
  name: 'sample-rule',
  kind: 'dockerfile',
  defaultSeverity: 'warning',
  fixable: 'sometimes',
  messages: { wrong: 'The value {{value}} is wrong | bad.' },
  docs: {
    what: 'Finds a | pipe\nacross lines.',
    why: 'Because.',
    bad: 'FROM scratch\nRUN echo ```\n',
    good: 'FROM scratch\n',
    fixSafety: 'Safe.',
    references: ['https://docs.docker.com/reference/dockerfile/#run---mounttypecache', 'docs/semantics.md#cache-key'],
  },
};

describe('rule docs rendering', () => {
  test('a page has the generated header and every section in order', () => {
    const page = renderRuleDoc(META);
    assert.ok(page.startsWith(`${GENERATED_HEADER}\n\n# CM042 sample-rule\n`));
    const order = [
      '## What it does',
      '## Why it matters',
      '## Example',
      'Bad:',
      'Good (after the preferred fix):',
      '## Messages',
      '## Fix safety',
      '## Options',
      '## References',
    ];
    const positions = order.map((h) => page.indexOf(h));
    assert.ok(
      positions.every((p) => p > 0),
      'all sections present',
    );
    assert.deepEqual(
      [...positions].sort((a, b) => a - b),
      positions,
    );
    assert.match(page, /\| Dockerfile \| warning \| sometimes \|/);
    assert.match(
      page,
      /- <https:\/\/docs\.docker\.com\/reference\/dockerfile\/#run---mounttypecache>\n- docs\/semantics\.md#cache-key\n$/,
    );
    assert.match(page, /None besides the severity: set `"CM042": "off"`/);
    assert.match(
      page,
      /\n\| `wrong` \| The value \{\{value\}\} is wrong \\\| bad\. \|\n/,
      'messages table, pipe escaped',
    );
  });

  test('an example containing ``` gets a longer fence', () => {
    assert.match(renderRuleDoc(META), /````dockerfile\nFROM scratch\nRUN echo ```\n````/);
  });

  test('devcontainer examples are jsonc', () => {
    const page = renderRuleDoc({ ...META, kind: 'devcontainer' });
    assert.match(page, /```jsonc\n/);
    assert.match(page, /\| devcontainer\.json \|/);
  });

  test('the README table links each code, sorted, with cells escaped', () => {
    const table = renderRulesTable([{ ...META, code: 'CM101', fixable: 'always' }, META]);
    const rows = table.split('\n');
    assert.equal(rows.length, 4);
    assert.equal(
      rows[2],
      '| [CM042](docs/rules/CM042.md) | sample-rule | Dockerfile | warning | sometimes | Finds a \\| pipe across lines. |',
    );
    assert.match(rows[3]!, /^\| \[CM101\]\(docs\/rules\/CM101\.md\) .* \| yes \|/);
  });
});
