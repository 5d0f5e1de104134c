// `inspect` against the private engine: a workspace with a filled cache, an empty one and an orphan (a cache whose
// Dockerfile mount was then renamed) is built, then the bundled CLI (`node dist/cli.js inspect --format json`) reads
// the builder through the engine's own docker client (Docker 28: the chroot's docker with buildx 0.29; Docker
// 20.10: Debian's client without buildx) and its json is checked against what was built. Then the prune command it
// prints for the orphan is run, and only the orphan is gone. Last, a socket that does not answer is one line, exit 2.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { InspectJson } from '../../server/src/cli/inspect/format-inspect';
import { makeContext, nonce, PRELUDE } from './context';
import type { PrivateEngine } from './engine-base';
import { requireEngine, verify } from './harness';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');

/** A folder holding `docker`: the engine's own client (optionally at another socket), as users have it on PATH. */
function clientBin(engine: PrivateEngine, name: string, socket?: string): string {
  const bin = path.join(engine.root, name);
  fs.mkdirSync(bin, { recursive: true });
  fs.writeFileSync(path.join(bin, 'docker'), `#!/bin/sh\n${engine.clientScript(socket)}\n`, { mode: 0o755 });
  return bin;
}

function inspect(bin: string, cwd: string) {
  const r = spawnSync(process.execPath, [CLI, 'inspect', '--format', 'json', '.'], {
    cwd,
    env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}`, DOCKER_HOST: '' },
    encoding: 'utf8',
    input: '',
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function report(r: { code: number | null; out: string; err: string }): InspectJson {
  assert.equal(r.code, 0, `inspect failed: ${r.err}`);
  return JSON.parse(r.out) as InspectJson;
}

export function describeInspectBuilder(): void {
  describe('inspect (real builder caches)', () => {
    test('filled, empty and orphaned caches; the printed prune removes just the orphan', () =>
      verify('cache-record-names-key', async (note) => {
        assert.ok(fs.existsSync(CLI), `${CLI} is missing: run \`npm run build\` before the buildkit suite`);
        const engine = requireEngine();
        const n = nonce();
        const mountLines = (orphan: string) => [
          `RUN --mount=type=cache,id=insp-filled-${n},target=/cache/insp-filled-${n} dd if=/dev/zero of=/cache/insp-filled-${n}/blob bs=1024 count=512`,
          `RUN --mount=type=cache,id=insp-empty-${n},target=/cache/insp-empty-${n} true`,
          orphan,
          `RUN --mount=type=cache,target=/cache/insp-noid-${n} dd if=/dev/zero of=/cache/insp-noid-${n}/blob bs=1024 count=64`,
        ];
        const built = `RUN --mount=type=cache,id=insp-orphan-${n},target=/cache/insp-orphan-${n} dd if=/dev/zero of=/cache/insp-orphan-${n}/blob bs=1024 count=128`;
        const renamed = `RUN --mount=type=cache,id=insp-renamed-${n},target=/cache/insp-renamed-${n} true`;
        const ws = makeContext(engine.root, 'inspect-ws', `${PRELUDE}\n${mountLines(built).join('\n')}\n`);
        const b = await engine.build(ws, { NONCE: n });
        assert.equal(b.code, 0, b.output);
        // The mount is renamed after the build, and not built again: its old cache is now an orphan.
        fs.writeFileSync(path.join(ws, 'Dockerfile'), `${PRELUDE}\n${mountLines(renamed).join('\n')}\n`);
        const first = PRELUDE.split('\n').length + 1;

        const bin = clientBin(engine, 'inspect-bin');
        const doc = report(inspect(bin, ws));
        const byId = engine.builder === 'docker-28';
        assert.equal(doc.builder.keyedBy, byId ? 'id' : 'target');
        assert.equal(doc.builder.driver, 'docker');
        assert.match(
          doc.builder.source,
          byId
            ? /^docker buildx du --builder default --filter type=exec\.cachemount --format json$/
            : /^docker system df -v/,
        );
        note(`read with \`${doc.builder.source}\`, joined by ${doc.builder.keyedBy}`);
        const mounts = doc.mounts.map((m) => [m.line, m.status]);
        assert.deepEqual(mounts, [
          [first, 'filled'],
          [first + 1, 'empty'],
          [first + 2, 'absent'],
          [first + 3, 'filled'],
        ]);
        const [filled, empty, , noid] = doc.mounts;
        assert.ok(filled!.bytes! >= 500_000 && filled!.bytes! < 600_000, `512 KiB written, got ${filled!.size}`);
        assert.equal(empty!.bytes, 0);
        assert.ok(noid!.bytes! >= 60_000 && noid!.bytes! < 70_000, `64 KiB written, got ${noid!.size}`);
        assert.ok(filled!.lastUsed, 'a last use is printed');

        const mine = doc.caches.filter((c) => c.target?.includes(n));
        assert.equal(mine.length, 4, `four caches of this test: ${JSON.stringify(mine)}`);
        const orphan = mine.find((c) => c.target === `/cache/insp-orphan-${n}`)!;
        assert.deepEqual(orphan.mounts, []);
        assert.equal(orphan.key, byId ? `insp-orphan-${n}` : undefined);
        const noidCache = mine.find((c) => c.target === `/cache/insp-noid-${n}`)!;
        assert.equal(noidCache.key, byId ? `/cache/insp-noid-${n}` : undefined, 'the implicit id is the target');
        const emptyCache = mine.find((c) => c.target === `/cache/insp-empty-${n}`)!;
        assert.equal(emptyCache.empty, true);
        const description = engine
          .dockerSync(['system', 'df', '-v', '--format', '{{json .BuildCache}}'])
          .match(
            new RegExp(`cached mount /cache/insp-filled-${n} from exec [^"]*?(?: with id \\\\"[^"]*\\\\")?"`),
          )?.[0];
        // The nonce is replaced so that the facts file does not change from run to run.
        const shown = description?.replace(/\\"/g, '"').slice(0, -1).split(n).join('<n>');
        note(`a record's description: \`${shown ?? '(not found)'}\``);

        await verify('prune-filter-id-one-cache', async (pruneNote) => {
          assert.match(
            orphan.prune,
            byId
              ? /^docker buildx prune --builder default --force --filter id=\S+$/
              : /^docker builder prune --force --filter id=\S+$/,
          );
          const words = orphan.prune.split(' ').slice(1);
          const r = await engine.docker(words, { timeoutMs: 60_000 });
          assert.equal(r.code, 0, r.output);
          pruneNote(`\`${orphan.prune.replace(/id=\S+/, 'id=<record>')}\` exit 0`);
          const after = report(inspect(bin, ws));
          const left = after.caches
            .filter((c) => c.target?.includes(n))
            .map((c) => c.target)
            .sort();
          assert.deepEqual(left, [`/cache/insp-empty-${n}`, `/cache/insp-filled-${n}`, `/cache/insp-noid-${n}`]);
          // Only this test's caches are compared: the suite's other tests build concurrently, and the builder may
          // drop or replace their records meanwhile.
          assert.ok(!after.caches.some((c) => c.recordId === orphan.recordId), 'the orphan is gone');
          pruneNote('afterwards the other caches of the same build are all still there');
        });
      }));

    test('a daemon that does not answer: one line, exit 2', () => {
      const engine = requireEngine();
      const r = inspect(clientBin(engine, 'inspect-nowhere', 'nowhere.sock'), engine.root);
      console.log(`buildkit suite: inspect with no daemon: ${JSON.stringify(r.err)}`);
      assert.equal(r.code, 2);
      assert.equal(r.out, '');
      assert.match(
        r.err,
        /^docker-cache-mounts: inspect: the Docker daemon is not reachable: Cannot connect to the Docker daemon at \S+nowhere\.sock\. Is the docker daemon running\?\n$/,
      );
    });
  });
}
