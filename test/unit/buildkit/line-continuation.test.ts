// Docker's line continuation (server/src/core/buildkit/line-continuation.ts): where the text goes on after
// an escape token that ends its line, with the empty and comment lines after it dropped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { continuationEnd } from '../../../server/src/core/buildkit/line-continuation';

/** [text with the escape token at index 1, where the text goes on (-1: not a continuation)]; `end` is the text's length. */
const TABLE: [string, number][] = [
  ['a\\\nb', 3],
  ['a\\  \t\nb', 6],
  ['a\\\r\nb', 4],
  ['a\\\n\n  \nb', 7],
  ['a\\\n\r\nb', 5],
  ['a\\\n  # note\nb', 12],
  ['a\\\n# one\n# two\n  b', 15], // the next line starts at its indentation
  ['a\\\n# note', 9], // a comment up to the end
  ['a\\', 2], // the instruction's last line
  ['a\\  ', 4],
  ['a\\b', -1],
  ['a\\ b', -1],
  ['a\\\rb', -1],
  ['a\\\\\nb', -1], // an escape token followed by another one
  ['a`\nb', 3],
];

test('a line continuation and the empty or comment lines after it', () => {
  for (const [text, after] of TABLE) assert.equal(continuationEnd(text, 1, text.length), after, JSON.stringify(text));
  assert.equal(continuationEnd('a\\  \nb', 1, 3), 3, 'blanks up to `end`: a continuation ending there');
});
