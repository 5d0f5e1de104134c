import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineIndex, commonPrefixLength, commonSuffixLength, detectEol } from '../../server/src/core/text';
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

describe('common prefix and suffix (what an edit left unchanged)', () => {
  const naivePrefix = (a: string, b: string): number => {
    let i = 0;
    while (i < Math.min(a.length, b.length) && a[i] === b[i]) i++;
    return i;
  };
  const naiveSuffix = (a: string, b: string, max: number): number => {
    let n = 0;
    while (n < max && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
    return n;
  };

  test('equal what a character-by-character comparison gives, across chunk boundaries', () => {
    // Long shared text (several 512-character chunks) around a random edit, as typing makes it.
    const text = fc.string({ minLength: 0, maxLength: 3000, unit: fc.constantFrom('a', 'b', '\n') });
    fc.assert(
      fc.property(text, fc.nat(), fc.string({ maxLength: 5 }), fc.nat({ max: 5 }), (base, at, typed, removed) => {
        const cut = at % (base.length + 1);
        const edited = base.slice(0, cut) + typed + base.slice(cut + removed);
        const prefix = commonPrefixLength(base, edited);
        assert.equal(prefix, naivePrefix(base, edited));
        const max = Math.min(base.length, edited.length) - prefix;
        assert.equal(commonSuffixLength(base, edited, max), naiveSuffix(base, edited, max));
      }),
      { numRuns: 300 },
    );
  });

  test('a suffix never overlaps the prefix: "aaaa" against "aaaaa"', () => {
    const prefix = commonPrefixLength('a'.repeat(1500), 'a'.repeat(1501));
    assert.equal(prefix, 1500);
    assert.equal(commonSuffixLength('a'.repeat(1500), 'a'.repeat(1501), 0), 0);
    assert.equal(commonPrefixLength('', 'x'), 0);
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
