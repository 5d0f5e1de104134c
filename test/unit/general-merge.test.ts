// Merging dockerfile-language-service's answers into ours: one list, one hover, ours first.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeCompletions } from '../../server/src/handlers/completion';
import { mergeHovers } from '../../server/src/handlers/hover';

describe('merging general Dockerfile support into our answers', () => {
  test('completion: ours first, theirs after, a label we offer is not offered again', () => {
    const merged = mergeCompletions(
      [{ label: 'type', detail: 'ours' }, { label: 'id' }],
      [{ label: 'RUN' }, { label: 'type', detail: 'theirs' }],
    );
    assert.deepEqual(merged, [{ label: 'type', detail: 'ours' }, { label: 'id' }, { label: 'RUN' }]);
  });

  test('hover: one answer, ours then a rule then theirs, with our range', () => {
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } };
    const merged = mergeHovers(
      { contents: { kind: 'markdown', value: '**ours**' }, range },
      { contents: { kind: 'markdown', value: 'theirs' } },
    );
    assert.deepEqual(merged, { contents: { kind: 'markdown', value: '**ours**\n\n---\n\ntheirs' }, range });
  });

  test('hover: either alone is returned as it is; their plain strings and code blocks become markdown', () => {
    const theirs = { contents: 'plain' };
    assert.equal(mergeHovers(null, theirs), theirs);
    assert.equal(mergeHovers(null, null), null);
    const merged = mergeHovers(
      { contents: { kind: 'markdown', value: 'ours' } },
      { contents: ['a', { language: 'dockerfile', value: 'RUN x' }] },
    );
    assert.deepEqual(merged, {
      contents: { kind: 'markdown', value: 'ours\n\n---\n\na\n\n```dockerfile\nRUN x\n```' },
    });
  });
});
