// Go's strconv on mount option values (server/src/core/buildkit/strconv.ts): ParseBool, ParseUint(v, 8 or 10, 32).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isGoBool, isGoUint32 } from '../../../server/src/core/buildkit/strconv';

const BOOLS: [string, boolean][] = [
  ...['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False'].map((v): [string, boolean] => [
    v,
    true,
  ]),
  ...['', 'yes', 'on', 'tRUE', 'truE', ' true', 'true ', '2', '01'].map((v): [string, boolean] => [v, false]),
];

const UINT32: [string, 8 | 10, boolean][] = [
  ['0', 10, true],
  ['1000', 10, true],
  ['007', 10, true],
  ['4294967295', 10, true],
  ['4294967296', 10, false],
  ['99999999999999999999', 10, false],
  ['-1', 10, false],
  ['+1', 10, false],
  ['1_000', 10, false],
  ['0x10', 10, false],
  [' 1', 10, false],
  ['', 10, false],
  ['0755', 8, true],
  ['755', 8, true],
  ['37777777777', 8, true],
  ['40000000000', 8, false],
  ['8', 8, false],
  ['0o755', 8, false],
  ['', 8, false],
];

test('strconv.ParseBool and ParseUint(32) accept what Go accepts', () => {
  for (const [value, ok] of BOOLS) assert.equal(isGoBool(value), ok, JSON.stringify(value));
  for (const [value, base, ok] of UINT32)
    assert.equal(isGoUint32(value, base), ok, `${JSON.stringify(value)} base ${base}`);
});
