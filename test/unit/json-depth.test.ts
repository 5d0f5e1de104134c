// JSON nested thousands of levels deep: the depth is measured without recursion, and a devcontainer.json
// with a deep value next to a real `type=cache` mount still gets its CM101 (issue 12 item 12).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { flattenDeepValues, nestingDepth } from '../../server/src/core/json-depth';
import { analyze } from '../../server/src/core/engine';
import { buildDevcontainerModel } from '../../server/src/core/devcontainer/model';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';

const deep = (n: number) => `${'['.repeat(n)}1${']'.repeat(n)}`;

describe('JSON nesting', () => {
  test('depth ignores brackets in strings and comments', () => {
    assert.equal(nestingDepth('{"a": "[[[", // [[[\n "b": [ /* { */ {}]}'), 3);
    assert.equal(nestingDepth(deep(10_000)), 10_000);
  });

  test('values deeper than the limit become 0 and blanks, same length and lines', () => {
    const text = '{"a": [[[1,\n2]]], "b": 3}';
    const { text: flat, flattened } = flattenDeepValues(text, 2);
    assert.equal(flat.length, text.length);
    assert.equal(flat, '{"a": [0   \n   ], "b": 3}');
    assert.deepEqual(flattened, [{ start: 7, end: 15 }]);
    assert.equal(flattenDeepValues(text, 5).text, text, 'nothing to do under the limit');
  });

  test('an unclosed deep value is blanked to the end', () => {
    const { text, flattened } = flattenDeepValues(`{"a": ${'['.repeat(100)}`, 10);
    assert.equal(flattened.length, 1);
    assert.ok(JSON.stringify(text).length > 0);
  });

  for (const levels of [5_000, 10_000]) {
    test(`a devcontainer.json with a value ${levels} levels deep: the real CM101 is still found`, () => {
      const text = `{ "mounts": ["type=cache,target=/root/.cache/uv"], "x": ${deep(levels)} }`;
      const model = buildDevcontainerModel(text, 'file:///w/.devcontainer/devcontainer.json');
      assert.ok(model.root, 'the file is read as an object');
      assert.ok(model.parseErrors.some((e) => /nested deeper than 64 levels/.test(e.message)));
      const analysis = analyze(text, 'file:///w/.devcontainer/devcontainer.json', 'devcontainer', DEFAULT_SETTINGS);
      assert.deepEqual(analysis.errors, []);
      assert.deepEqual(
        analysis.findings.map((f) => f.code),
        ['CM101'],
      );
    });
  }
});
