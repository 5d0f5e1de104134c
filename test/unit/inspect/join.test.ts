// The join of a builder's cache records with the workspace's cache mounts, by key.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { describedMount } from '../../../server/src/cli/inspect/cache-description';
import type { CacheRecord } from '../../../server/src/cli/inspect/du-records';
import { joinCaches, keyedByOf, type WorkspaceMount } from '../../../server/src/cli/inspect/join';

function record(recordId: string, description: string, size: string, bytes: number): CacheRecord {
  return { recordId, type: 'exec.cachemount', description, mount: describedMount(description), size, bytes };
}

const RECORDS: CacheRecord[] = [
  record('r-uv', 'cached mount /root/.cache/uv from exec uv sync with id "/uv-cache"', '312MB', 312e6),
  record('r-uv-1000', 'cached mount /root/.cache/uv from exec uv sync with id "/uv-cache"', '1MB', 1e6),
  record('r-pip', 'cached mount /root/.cache/pip from exec pip install with id "//root/.cache/pip"', '0B', 0),
  record('r-old', 'cached mount /cache/old from exec make with id "/old-cache"', '5MB', 5e6),
];

const mount = (line: number, key: string | undefined, target: string, explicitId = true): WorkspaceMount => ({
  path: 'Dockerfile',
  line,
  ...(key !== undefined ? { key } : {}),
  explicitId,
  describedKey: explicitId ? `id '${key}'` : `implicit id '${key}' from the target`,
  target,
});

const prune = (id: string) => `docker buildx prune --force --filter id=${id}`;

describe('joinCaches', () => {
  const result = joinCaches(
    RECORDS,
    [
      mount(2, 'uv-cache', '/root/.cache/uv'),
      mount(3, '/root/.cache/pip', '/root/.cache/pip', false),
      mount(4, 'never-built', '/cache/new'),
      mount(5, undefined, '/cache/var'),
    ],
    prune,
  );

  test('is keyed by id when the records name ids', () => assert.equal(result.keyedBy, 'id'));

  test('a mount gets every record of its key (uid/gid/mode make separate caches), summed', () => {
    const uv = result.mounts[0]!;
    assert.equal(uv.status, 'filled');
    assert.deepEqual(uv.caches, ['r-uv', 'r-uv-1000']);
    assert.equal(uv.bytes, 313e6);
    assert.equal(uv.size, '312MB + 1MB');
  });

  test('empty, absent and unknown keys', () => {
    assert.deepEqual(
      result.mounts.map((m) => m.status),
      ['filled', 'empty', 'absent', 'unknown'],
    );
  });

  test('a cache no mount uses has no mounts and a prune command for just it', () => {
    const old = result.caches.find((c) => c.recordId === 'r-old')!;
    assert.deepEqual(old.mounts, []);
    assert.equal(old.key, 'old-cache');
    assert.equal(old.prune, 'docker buildx prune --force --filter id=r-old');
    const used = result.caches.find((c) => c.recordId === 'r-pip')!;
    assert.deepEqual(used.mounts, [{ path: 'Dockerfile', line: 3 }]);
    assert.equal(used.empty, true);
  });

  test('a mount whose id matches no record but whose target does is NOT held when ids are known', () => {
    const r = joinCaches(RECORDS, [mount(9, 'renamed', '/cache/old')], prune);
    assert.equal(r.mounts[0]!.status, 'absent');
  });
});

describe('records without ids (Docker 20.10)', () => {
  const noId = [
    record('a', 'cached mount /cache/filled from exec dd', '2.1MB', 2.1e6),
    record('b', 'cached mount /cache/empty from exec true', '0B', 0),
  ];

  test('are joined by target', () => {
    assert.equal(keyedByOf(noId), 'target');
    const r = joinCaches(noId, [mount(1, 'dcm-filled', '/cache/filled'), mount(2, 'x', '/elsewhere')], prune);
    assert.equal(r.keyedBy, 'target');
    assert.deepEqual(
      r.mounts.map((m) => [m.status, m.caches]),
      [
        ['filled', ['a']],
        ['absent', []],
      ],
    );
    assert.deepEqual(r.caches.find((c) => c.recordId === 'b')!.mounts, []);
  });

  test('no records at all keep the id join', () => assert.equal(keyedByOf([]), 'id'));
});
