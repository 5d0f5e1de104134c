// The parser of what builders print about their cache mounts, on the outputs recorded from real builders
// (test/fixtures/buildx-du/, made by test/buildkit/record-du.ts: Docker 28.5.2 with buildx 0.29.1, and Docker
// 20.10 without buildx), and on garbage, truncated output and a generated list of 10,000 records.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describedMount, unquoteGo } from '../../../server/src/cli/inspect/cache-description';
import {
  dockerTime,
  parseBuildxDuJson,
  parseBuildxDuVerbose,
  parseSystemDfJson,
  type CacheRecord,
  type ParseResult,
} from '../../../server/src/cli/inspect/du-records';
import { formatBytes, parseHumanSize } from '../../../server/src/cli/inspect/human-size';

const FIXTURES = join(__dirname, '../../../../test/fixtures/buildx-du');
const recorded = (builder: string, name: string) => readFileSync(join(FIXTURES, builder, `${name}.stdout`), 'utf8');

function records(r: ParseResult): CacheRecord[] {
  if ('error' in r) assert.fail(`parse failed: ${r.error}`);
  return r.records;
}

/** What each record says, in a form that compares across the three outputs. */
function summary(list: CacheRecord[]) {
  return list
    .map((r) => ({ id: r.mount.id, target: r.mount.target, bytes: r.bytes, usage: r.usageCount }))
    .sort((a, b) => (a.target! < b.target! ? -1 : 1));
}

describe('buildx du output recorded on Docker 28.5.2 / buildx 0.29.1', () => {
  test('--format json: ids with their namespace slash removed, sizes, use counts', () => {
    const list = records(parseBuildxDuJson(recorded('docker-28', 'buildx-du-json')));
    assert.deepEqual(summary(list), [
      { id: 'dcm-empty', target: '/cache/empty', bytes: 0, usage: 2 },
      { id: 'dcm-filled', target: '/cache/filled', bytes: 2_097_000, usage: 2 },
      { id: '/root/.cache/noid', target: '/root/.cache/noid', bytes: 307_200, usage: 2 },
    ]);
    const filled = list.find((r) => r.mount.id === 'dcm-filled')!;
    assert.equal(filled.recordId, 'ytuzbiigmommrmvm0svdkhsa5');
    assert.equal(filled.size, '2.097MB');
    assert.equal(filled.lastUsed, 'Less than a second ago', 'buildx prints the last use as text only');
    assert.equal(filled.lastUsedAt, undefined);
    assert.equal(filled.createdAt, '2026-12-03T14:40:51.222Z');
    assert.equal(filled.mount.command, '/bin/sh -c dd if=/dev/zero of=/cache/filled/blob bs=1024 count=2048');
    assert.equal(filled.mount.namespace, undefined);
  });

  test('--verbose gives the same records as --format json', () => {
    const json = records(parseBuildxDuJson(recorded('docker-28', 'buildx-du-json')));
    const verbose = records(parseBuildxDuVerbose(recorded('docker-28', 'buildx-du-verbose')));
    assert.deepEqual(verbose, json);
  });

  test('docker system df -v on the same daemon names the same ids (with exact last-use times)', () => {
    const list = records(parseSystemDfJson(recorded('docker-28', 'system-df-v-json')));
    assert.deepEqual(
      summary(list).map((s) => s.id),
      ['dcm-empty', 'dcm-filled', '/root/.cache/noid'],
    );
    assert.ok(list.every((r) => r.lastUsedAt?.startsWith('2026-12-03T14:40:51')));
  });
});

describe('docker system df output recorded on Docker 20.10', () => {
  test('cache mount records only, by target: this builder records no id', () => {
    const list = records(parseSystemDfJson(recorded('docker-20.10', 'system-df-v-json')));
    assert.deepEqual(summary(list), [
      { id: undefined, target: '/cache/empty', bytes: 0, usage: 2 },
      { id: undefined, target: '/cache/filled', bytes: 2_100_000, usage: 2 },
      { id: undefined, target: '/root/.cache/noid', bytes: 307_000, usage: 2 },
    ]);
    const filled = list.find((r) => r.mount.target === '/cache/filled')!;
    assert.equal(filled.recordId, 'v72q6djhi0pte7ba36mzjg8j3');
    assert.equal(filled.lastUsedAt, '2026-12-03T14:40:51.407Z');
    assert.equal(filled.lastUsed, 'Less than a second ago');
    assert.equal(filled.inUse, false);
  });

  test('the 20.10 client has no buildx: what it printed is not mistaken for records', () => {
    const stderr = readFileSync(join(FIXTURES, 'docker-20.10', 'buildx-inspect.stderr'), 'utf8');
    assert.match(stderr, /'buildx' is not a docker command/);
    assert.deepEqual(records(parseBuildxDuJson(recorded('docker-20.10', 'buildx-du-json'))), []);
  });
});

describe('bad output', () => {
  const garbage = [
    'this is not JSON {',
    '<html><body>502 Bad Gateway</body></html>',
    '\u0000\u0001\u0002binary',
    '{"ID": 1',
    '[1, 2, 3]',
    'null',
  ];
  for (const text of garbage) {
    test(`garbage ${JSON.stringify(text.slice(0, 20))}: one clear error, no throw`, () => {
      for (const parse of [parseBuildxDuJson, parseSystemDfJson, parseBuildxDuVerbose]) {
        const r = parse(text);
        assert.ok('error' in r, `${parse.name} accepted ${JSON.stringify(text)}`);
        assert.doesNotMatch(r.error, /\n/, 'one line');
        assert.ok(r.error.length < 300);
      }
    });
  }

  test('truncated output is refused, never half read', () => {
    const json = recorded('docker-28', 'buildx-du-json');
    const cut = json.slice(0, Math.floor(json.length * 0.6));
    const r = parseBuildxDuJson(cut);
    assert.ok('error' in r);
    assert.match(r.error, /not JSON on line 2/);
    const df = recorded('docker-20.10', 'system-df-v-json');
    const r2 = parseSystemDfJson(df.slice(0, df.length - 40));
    assert.ok('error' in r2);
    assert.match(r2.error, /truncated/);
  });

  test('a record without an ID is refused', () => {
    const r = parseBuildxDuJson('{"Description":"cached mount /x from exec true","Type":"exec.cachemount"}');
    assert.ok('error' in r);
    assert.match(r.error, /without an ID/);
  });

  test('empty output is no records', () => {
    assert.deepEqual(records(parseBuildxDuJson('')), []);
    assert.deepEqual(records(parseBuildxDuVerbose('\n')), []);
  });
});

describe('10,000 records', () => {
  const N = 10_000;
  const lines = Array.from({ length: N }, (_, i) =>
    JSON.stringify({
      ID: `rec${i.toString(36).padStart(20, '0')}`,
      Description: `cached mount /cache/${i} from exec /bin/sh -c make with id "/cache-${i}"`,
      Size: `${(i % 999) + 1}.5MB`,
      LastUsedAt: '2 hours ago',
      UsageCount: i,
      Type: 'exec.cachemount',
    }),
  ).join('\n');

  test('are parsed in bounded time', () => {
    const t0 = performance.now();
    const list = records(parseBuildxDuJson(lines));
    const ms = performance.now() - t0;
    assert.equal(list.length, N);
    assert.equal(list[N - 1]!.mount.id, `cache-${N - 1}`);
    assert.ok(ms < 2000, `took ${ms.toFixed(0)} ms`);
  });

  test('and so is the verbose form of them', () => {
    const verbose = lines
      .split('\n')
      .map((l) => {
        const o = JSON.parse(l) as Record<string, string | number>;
        return `ID:\t${o.ID}\nSize:\t${o.Size}\nDescription:\t${o.Description}\nUsage count:\t${o.UsageCount}\nLast used:\t${o.LastUsedAt}\nType:\t${o.Type}\n`;
      })
      .join('\n');
    const t0 = performance.now();
    const list = records(parseBuildxDuVerbose(verbose));
    assert.equal(list.length, N);
    assert.ok(performance.now() - t0 < 2000);
  });
});

describe('cache descriptions', () => {
  test('BuildKit forms, with and without id, with a namespace', () => {
    assert.deepEqual(describedMount('cached mount /cache/empty from exec /bin/sh -c true with id "/dcm-empty"'), {
      id: 'dcm-empty',
      target: '/cache/empty',
      command: '/bin/sh -c true',
    });
    assert.deepEqual(describedMount('cached mount /c from exec x with id "ns1//root/.cache"'), {
      id: '/root/.cache',
      namespace: 'ns1',
      target: '/c',
      command: 'x',
    });
    assert.deepEqual(describedMount('cached mount /root/.cache/noid from exec /bin/sh -c dd'), {
      target: '/root/.cache/noid',
      command: '/bin/sh -c dd',
    });
    assert.deepEqual(describedMount('local source for context'), {});
  });

  test('Go string literals', () => {
    assert.equal(unquoteGo('"a\\"b\\\\c\\n\\x41\\u00e9"'), 'a"b\\c\nAé');
    assert.equal(unquoteGo('"bad\\q"'), undefined);
    assert.equal(unquoteGo('no quotes'), undefined);
  });

  test('sizes and times as docker prints them', () => {
    assert.equal(parseHumanSize('0B'), 0);
    assert.equal(parseHumanSize('307.2kB'), 307_200);
    assert.equal(parseHumanSize('2.097MB'), 2_097_000);
    assert.equal(parseHumanSize('488.3MiB'), Math.round(488.3 * 1024 * 1024));
    assert.equal(parseHumanSize('lots'), undefined);
    assert.equal(formatBytes(2_404_200), '2.404MB');
    assert.equal(formatBytes(0), '0B');
    assert.equal(dockerTime('2026-12-03 14:40:51.537482817 +0000 UTC'), '2026-12-03T14:40:51.537Z');
    assert.equal(dockerTime('About a minute ago'), undefined);
  });
});
