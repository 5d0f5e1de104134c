import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/core/text';
test('LineIndex maps offsets on CRLF text', () => {
  const idx = new LineIndex('a\r\nbc\n');
  assert.deepEqual(idx.positionAt(3), { line: 1, character: 0 });
  assert.equal(idx.lineEnd(0), 1);
});
