import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex, detectEol } from '../../server/src/core/text';
import { applyEdits, applyFixes, insertAt, replace, type Fix } from '../../server/src/core/fix';

describe('LineIndex', () => {
  test('maps offsets and positions on CRLF text, excluding \\r from line content', () => {
    const idx = new LineIndex('ab\r\ncd\nef');
    assert.deepEqual(idx.positionAt(4), { line: 1, character: 0 });
    assert.deepEqual(idx.positionAt(9), { line: 2, character: 2 });
    assert.equal(idx.lineEnd(0), 2);
    assert.equal(idx.offsetAt({ line: 1, character: 99 }), 6);
    assert.equal(idx.offsetAt({ line: 5, character: 0 }), 9);
    assert.equal(detectEol('a\r\nb'), '\r\n');
  });
});

describe('fixes', () => {
  const fix = (title: string, start: number, end: number, text: string): Fix => ({
    title,
    preferred: true,
    safety: 'safe',
    edits: [replace({ start, end }, text)],
  });

  test('applyEdits applies edits in offset order', () => {
    assert.equal(
      applyEdits('hello world', [replace({ start: 6, end: 11 }, 'there'), insertAt(0, '> ')]),
      '> hello there',
    );
  });

  test('applyEdits rejects overlapping edits instead of corrupting text', () => {
    assert.throws(() => applyEdits('abcdef', [replace({ start: 0, end: 3 }, 'x'), replace({ start: 2, end: 4 }, 'y')]));
  });

  test('applyFixes skips a fix that overlaps one already taken', () => {
    const result = applyFixes('abcdef', [fix('a', 0, 3, 'X'), fix('b', 2, 4, 'Y'), fix('c', 5, 6, 'Z')]);
    assert.deepEqual(result, { text: 'XdeZ', applied: 2 });
  });

  test('two inserts at the same offset are not both applied in one pass', () => {
    const result = applyFixes('ab', [fix('a', 1, 1, 'X'), fix('b', 1, 1, 'Y')]);
    assert.deepEqual(result, { text: 'aXb', applied: 1 });
  });
});
