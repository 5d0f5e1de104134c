// "path is dir or under it" for container paths (server/src/core/buildkit/path-under.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isPathUnder } from '../../../server/src/core/buildkit/path-under';

const TABLE: [string, string, boolean][] = [
  ['/a', '/a', true],
  ['/a/b', '/a', true],
  ['/a/b', '/a/', true],
  ['/a', '/a/', true],
  ['/ab', '/a', false],
  ['/a', '/a/b', false],
  ['/x', '/', true],
  ['/', '/', true],
  ['', '/', false],
  ['x', '/', false],
  ['.cache/uv/x', '.cache/uv', true],
  ['.cache/uvx', '.cache/uv', false],
];

test('a path is its dir or under it', () => {
  for (const [path, dir, under] of TABLE) assert.equal(isPathUnder(path, dir), under, `${path} under ${dir}`);
});
