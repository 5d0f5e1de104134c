// The index's shared values (server/src/core/workspace/shared-values.ts): equal cache keys are one object,
// a copy never changes with the model's key, and a full pool still answers right.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CacheKey } from '../../../server/src/core/dockerfile/types';
import { sharedKey, sharedString } from '../../../server/src/core/workspace/shared-values';

const implicit = (id: string): CacheKey => ({
  id: { known: true, value: id },
  explicit: false,
  splitBy: [],
  compareKey: id,
});

describe('shared index values', () => {
  test('equal keys give one object, equal to the key; different keys do not', () => {
    const a = sharedKey(implicit('/root/.cache/uv'));
    const b = sharedKey(implicit('/root/.cache/uv'));
    assert.equal(a, b);
    assert.deepEqual(a, implicit('/root/.cache/uv'));
    const explicit = { ...implicit('/root/.cache/uv'), explicit: true };
    assert.notEqual(sharedKey(explicit), a);
    assert.deepEqual(sharedKey(explicit), explicit);
  });

  test('split options, unknown ids and keys without a compare key are kept as they are', () => {
    const split: CacheKey = {
      id: { known: true, value: 'pip' },
      explicit: true,
      splitBy: [{ key: 'uid', value: '1000' }],
      compareKey: 'pip|uid=1000',
    };
    const unknown: CacheKey = { id: { known: false, reason: 'uses $CACHE' }, explicit: true, splitBy: [] };
    assert.deepEqual(sharedKey(split), split);
    assert.deepEqual(sharedKey(unknown), unknown);
    assert.equal('compareKey' in sharedKey(unknown), false);
  });

  test('a copy: changing the model key afterwards changes nothing shared', () => {
    const key = implicit('/cache/a');
    const shared = sharedKey(key);
    key.splitBy.push({ key: 'uid', value: '1' });
    (key.id as { value: string }).value = '/cache/b';
    assert.deepEqual(shared, implicit('/cache/a'));
  });

  test('a full pool is emptied, and answers stay right', () => {
    const first = sharedKey(implicit('/first'));
    for (let i = 0; i < 10_000; i++) assert.equal(sharedString(`value-${i}`), `value-${i}`);
    for (let i = 0; i < 10_000; i++) sharedKey(implicit(`/cache/${i}`));
    assert.deepEqual(sharedKey(implicit('/first')), first);
    const text = `RUN --mount=type=cache,target=${'x'.repeat(100)}`;
    assert.equal(sharedString(text.slice(30)), 'x'.repeat(100));
  });
});
