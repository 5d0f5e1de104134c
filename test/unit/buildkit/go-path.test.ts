// Go's path.Clean and path.Join, and BuildKit's resolving of a path against WORKDIR
// (server/src/core/buildkit/go-path.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathClean, pathJoin, resolveAgainst } from '../../../server/src/core/buildkit/go-path';

const CLEAN: [string, string][] = [
  ['', '.'],
  ['.', '.'],
  ['./', '.'],
  ['/', '/'],
  ['//', '/'],
  ['//a//b/', '/a/b'],
  ['/a/./b/.', '/a/b'],
  ['a/./b/..', 'a'],
  ['/../a', '/a'],
  ['/a/b/../../..', '/'],
  ['../a', '../a'],
  ['a/../..', '..'],
  ['../../a/..', '../..'],
  ['a b/c', 'a b/c'],
];

const JOIN: [string[], string][] = [
  [[], ''],
  [['', ''], ''],
  [['/', ''], '/'],
  [['/', 'a', 'b'], '/a/b'],
  [['a', '/b/'], 'a/b'],
  [['/w', '..', 'x'], '/x'],
];

const RESOLVE: [string, string, string][] = [
  ['/w', 'x', '/w/x'],
  ['/w', './x/', '/w/x'],
  ['/w', '/x/', '/x'],
  ['/w', '..', '/'],
  ['/', '.', '/'],
  ['/w', '', '/w'],
];

test('path.Clean, path.Join and resolving against WORKDIR', () => {
  for (const [p, clean] of CLEAN) assert.equal(pathClean(p), clean, p);
  for (const [parts, joined] of JOIN) assert.equal(pathJoin(...parts), joined, parts.join(' '));
  for (const [dir, p, resolved] of RESOLVE) assert.equal(resolveAgainst(dir, p), resolved, `${dir} ${p}`);
});
