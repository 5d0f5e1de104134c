// BuildKit's "did you mean" (server/src/core/buildkit/suggest.ts): Levenshtein distance, and the first
// option under distance 3, none when the value is an option.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { levenshteinDistance, suggestion } from '../../../server/src/core/buildkit/suggest';

const DISTANCES: [string, string, number][] = [
  ['', '', 0],
  ['target', 'target', 0],
  ['', 'ssh', 3],
  ['targt', 'target', 1],
  ['tagret', 'target', 2], // a swap costs 2 (no transposition)
  ['Cache', 'cache', 1],
  ['kitten', 'sitting', 3],
];

const MOUNT_TYPES = ['bind', 'cache', 'tmpfs', 'secret', 'ssh'];
const SUGGESTIONS: [string, string[], string | undefined][] = [
  ['tagret', ['type', 'target'], 'target'],
  ['Cache', ['cache'], 'cache'],
  ['cache', ['cache'], undefined],
  ['xyzzy', ['cache'], undefined],
  ['', MOUNT_TYPES, undefined],
  ['bnd', ['bind', 'band'], 'bind'], // a tie: the first
  ['sh', MOUNT_TYPES, 'ssh'],
  ['shh', ['secret', 'ssh', 'shh'], undefined], // equal to a later option: none
  ['moutn', ['mount', 'network', 'security', 'device'], 'mount'],
];

test('Levenshtein distances and BuildKit suggestions', () => {
  for (const [a, b, d] of DISTANCES) {
    assert.equal(levenshteinDistance(a, b), d, `${a} -> ${b}`);
    assert.equal(levenshteinDistance(b, a), d, `${b} -> ${a}`);
  }
  for (const [value, options, match] of SUGGESTIONS) assert.equal(suggestion(value, options), match, value);
});
