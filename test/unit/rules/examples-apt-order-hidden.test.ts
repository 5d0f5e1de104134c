// The bundled examples for CM007, CM008, CM014 and CM015 show what they claim, and fix-all on the apt
// example removes both apt problems.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyze, fixAll } from '../../../server/src/core/engine';
import { DEFAULT_SETTINGS } from '../../../server/src/core/settings';

const settings = { ...DEFAULT_SETTINGS, rules: {}, cacheIds: {} };
const read = (name: string) => readFileSync(resolve(__dirname, '../../../../examples', name, 'Dockerfile'), 'utf8');
const codesOf = (text: string) =>
  analyze(text, 'file:///examples/Dockerfile', 'dockerfile', settings).findings.map((f) => f.code);
const count = (codes: string[], code: string) => codes.filter((c) => c === code).length;

test('examples/apt-cache shows CM007 on both mounts and CM008 once; fix-all removes both', () => {
  const text = read('apt-cache');
  const codes = codesOf(text);
  assert.equal(count(codes, 'CM007'), 2);
  assert.equal(count(codes, 'CM008'), 1);
  const fixed = fixAll(text, 'file:///examples/Dockerfile', 'dockerfile', settings);
  assert.ok(fixed.converged);
  const after = codesOf(fixed.text);
  assert.equal(count(after, 'CM007') + count(after, 'CM008'), 0, fixed.text);
  assert.match(fixed.text, /^RUN rm -f \/etc\/apt\/apt\.conf\.d\/docker-clean; /m);
});

test('examples/dependency-order shows CM014 and nothing else', () => {
  assert.deepEqual(codesOf(read('dependency-order')), ['CM014']);
});

test('examples/cache-hides-content shows CM015', () => {
  assert.equal(count(codesOf(read('cache-hides-content')), 'CM015'), 1);
});

test('examples/good reports nothing', () => {
  assert.deepEqual(codesOf(read('good')), []);
});
