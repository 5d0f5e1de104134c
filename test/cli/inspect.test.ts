// `inspect` as users run it (`node dist/cli.js inspect`), with docker replaced: test/fixtures/buildx-du/replay-docker.sh
// replays what real builders printed (recorded by test/buildkit/record-du.ts), and a scripted fake makes the
// failures (a hang, a kill, too much output). Labelled fixtures: the real builders are read in the BuildKit suite
// (test/buildkit/inspect-builder.ts).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from '../../server/src/cli/args';
import type { InspectJson } from '../../server/src/cli/inspect/format-inspect';
import { installFakeDocker } from '../helpers/fake-docker';
import { makeTempDir, REPO_ROOT, removeDir, writeTree } from './cli-helpers';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'buildx-du');

/** The Dockerfile the recordings were built from, with the empty mount's id renamed afterwards. */
const WORKSPACE = `FROM busybox
RUN --mount=type=cache,id=dcm-filled,target=/cache/filled true
RUN --mount=type=cache,target=/root/.cache/noid true
RUN --mount=type=cache,id=dcm-renamed,target=/cache/renamed true
`;

/** Failure modes a real docker cannot be made to show on demand. */
const SCRIPTED = `#!/bin/sh
case "$FAKE_DOCKER_MODE" in
  hang) exec sleep 30 ;;
  killed) kill -9 $$ ;;
  huge) head -c 40000000 /dev/zero | tr '\\0' 'x'; exit 0 ;;
esac
exit 3
`;

describe('inspect (CLI, recorded docker output)', () => {
  let dir = '';
  let replayBin = '';
  let scriptedBin = '';
  let emptyBin = '';

  /** A fixture folder from recorded files, some replaced (synthetic cases are named so in the test). */
  function fixtureDir(name: string, from: string, replace: Record<string, [string, string, number]> = {}): string {
    const d = join(dir, 'fixtures', name);
    mkdirSync(d, { recursive: true });
    for (const f of readdirSync(join(FIXTURES, from))) copyFileSync(join(FIXTURES, from, f), join(d, f));
    for (const [cmd, [stdout, stderr, exit]] of Object.entries(replace)) {
      writeFileSync(join(d, `${cmd}.stdout`), stdout);
      writeFileSync(join(d, `${cmd}.stderr`), stderr);
      writeFileSync(join(d, `${cmd}.exit`), `${exit}\n`);
    }
    return d;
  }

  function run(args: string[], env: Record<string, string>, bin = replayBin) {
    const r = spawnSync(process.execPath, [CLI, 'inspect', ...args], {
      cwd: join(dir, 'ws'),
      env: { HOME: dir, PATH: bin === emptyBin ? emptyBin : `${bin}:/usr/bin:/bin`, ...env },
      encoding: 'utf8',
      input: '',
      timeout: 60_000,
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  }

  const replay = (fixtures: string, args: string[] = ['--format', 'json']) =>
    run(args, { FAKE_DOCKER_FIXTURES: fixtures });

  before(() => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run \`npm run build\` before the tests (npm test does)`);
    dir = makeTempDir('inspect');
    writeTree(dir, { 'ws/Dockerfile': WORKSPACE });
    ({ bin: scriptedBin, emptyBin } = installFakeDocker(join(dir), SCRIPTED));
    replayBin = join(dir, 'replay-bin');
    mkdirSync(replayBin);
    copyFileSync(join(FIXTURES, 'replay-docker.sh'), join(replayBin, 'docker'));
  });
  after(() => removeDir(dir));

  test('arguments', () => {
    assert.deepEqual(parseArgs(['inspect']), { command: 'inspect', options: { format: 'text', paths: ['.'] } });
    assert.deepEqual(parseArgs(['inspect', '--builder=b1', '--format', 'json', 'a', 'b']), {
      command: 'inspect',
      options: { format: 'json', builder: 'b1', paths: ['a', 'b'] },
    });
    assert.equal(parseArgs(['inspect', '--format', 'sarif']).command, 'usage-error');
    assert.equal(parseArgs(['inspect', '--builder', '-x']).command, 'usage-error');
  });

  test('Docker 28 (buildx): filled, renamed (absent), and the caches no mount uses with their prune command', () => {
    const r = replay(join(FIXTURES, 'docker-28'));
    assert.equal(r.code, 0, r.err);
    assert.equal(r.err, '');
    const doc = JSON.parse(r.out) as InspectJson;
    assert.equal(doc.version, 1);
    assert.deepEqual(doc.builder, {
      name: 'default',
      driver: 'docker',
      source: 'docker buildx du --builder default --filter type=exec.cachemount --format json',
      keyedBy: 'id',
    });
    assert.deepEqual(
      doc.mounts.map((m) => [m.line, m.key, m.status, m.size]),
      [
        [2, 'dcm-filled', 'filled', '2.097MB'],
        [3, '/root/.cache/noid', 'filled', '307.2kB'],
        [4, 'dcm-renamed', 'absent', undefined],
      ],
    );
    const orphans = doc.caches.filter((c) => c.mounts.length === 0);
    assert.deepEqual(
      orphans.map((c) => [c.key, c.empty, c.prune]),
      [['dcm-empty', true, 'docker buildx prune --builder default --force --filter id=a5rtadm52nfy9yydtjksckqee']],
    );
  });

  test('Docker 28 text output', () => {
    const r = replay(join(FIXTURES, 'docker-28'), []);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^Builder default \(docker driver\) holds 3 cache mounts, 2\.404MB/);
    assert.match(r.out, /Dockerfile:2 {2}id 'dcm-filled': 2\.097MB, used less than a second ago/);
    assert.match(r.out, /Dockerfile:4 {2}id 'dcm-renamed': not in the builder/);
    assert.match(
      r.out,
      /id 'dcm-empty' {2}0B.*\n {4}remove: docker buildx prune --builder default --force --filter id=a5rtadm52nfy9yydtjksckqee/,
    );
  });

  test('Docker 20.10 (no buildx): docker system df, joined by target, docker builder prune', () => {
    const r = replay(join(FIXTURES, 'docker-20.10'));
    assert.equal(r.code, 0, r.err);
    const doc = JSON.parse(r.out) as InspectJson;
    assert.equal(doc.builder.keyedBy, 'target');
    assert.equal(doc.builder.source, 'docker system df -v --format {{json .}}');
    assert.deepEqual(
      doc.mounts.map((m) => m.status),
      ['filled', 'filled', 'absent'],
    );
    const orphan = doc.caches.find((c) => c.mounts.length === 0)!;
    assert.equal(orphan.target, '/cache/empty');
    assert.equal(orphan.prune, 'docker builder prune --force --filter id=0h2yhrs1cbc8zijvyy3fec7vg');
    assert.match(replay(join(FIXTURES, 'docker-20.10'), []).out, /records no cache ids \(Docker 20\.10\)/);
  });

  test('Docker 20.10 with --builder: buildx is needed', () => {
    const r = replay(join(FIXTURES, 'docker-20.10'), ['--builder', 'b1']);
    assert.equal(r.code, 2);
    assert.equal(
      r.err,
      'docker-cache-mounts: inspect: --builder b1 needs docker buildx, which this docker client does not have\n',
    );
  });

  const failures: [string, () => { code: number | null; out: string; err: string }, RegExp][] = [
    ['docker missing', () => run([], {}, emptyBin), /docker not found on PATH/],
    [
      'daemon not running (recorded on 20.10)',
      () =>
        replay(
          fixtureDir('no-daemon', 'docker-20.10', {
            'system-df-v-json': [
              '',
              'Cannot connect to the Docker daemon at unix:///tmp/nothere.sock. Is the docker daemon running?\n',
              1,
            ],
          }),
        ),
      /the Docker daemon is not reachable: Cannot connect to the Docker daemon/,
    ],
    [
      'daemon not running (recorded on 28: buildx inspect says so with exit 0)',
      () =>
        replay(
          fixtureDir('no-daemon-28', 'docker-28', {
            'buildx-inspect': [
              readFileSync(join(FIXTURES, 'docker-28', 'no-daemon-buildx-inspect.stdout'), 'utf8'),
              '',
              0,
            ],
          }),
        ),
      /the Docker daemon is not reachable: Cannot connect to the Docker daemon at unix:\/\/\/dcm\/nothere\.sock/,
    ],
    [
      'remote builder (synthetic buildx inspect text)',
      () => replay(fixtureDir('remote', 'docker-28', { 'buildx-inspect': ['Name: cloud1\nDriver: remote\n', '', 0] })),
      /builder cloud1 uses the remote driver: its caches live on another machine/,
    ],
    [
      'builder not running (synthetic buildx inspect text)',
      () =>
        replay(
          fixtureDir('inactive', 'docker-28', {
            'buildx-inspect': ['Name: b2\nDriver: docker-container\n\nNodes:\nName: b20\nStatus: inactive\n', '', 0],
          }),
        ),
      /builder b2 is not running \(status inactive\): start it with `docker buildx inspect --bootstrap b2`/,
    ],
    [
      'unknown builder (recorded on 28)',
      () =>
        replay(
          fixtureDir('unknown', 'docker-28', { 'buildx-inspect': ['', 'ERROR: no builder "nosuch" found\n', 1] }),
          ['--builder', 'nosuch'],
        ),
      /no builder named nosuch: .*no builder "nosuch" found/,
    ],
    [
      'garbage from docker',
      () => replay(fixtureDir('garbage', 'docker-28', { 'buildx-du-json': ['<html>502</html>\n', '', 0] })),
      /printed something that is not JSON on line 1: "<html>502<\/html>"/,
    ],
    [
      'truncated output',
      () => replay(fixtureDir('truncated', 'docker-28', { 'buildx-du-json': ['{"ID":"x","Descr', '', 0] })),
      /not JSON on line 1/,
    ],
    [
      'a hang, stopped at the time limit',
      () => run([], { FAKE_DOCKER_MODE: 'hang', DCM_DOCKER_TIMEOUT_MS: '500' }, scriptedBin),
      /did not answer within 500 ms and was stopped/,
    ],
    ['docker killed', () => run([], { FAKE_DOCKER_MODE: 'killed' }, scriptedBin), /was interrupted \(SIGKILL\)/],
    ['output too big', () => run([], { FAKE_DOCKER_MODE: 'huge' }, scriptedBin), /printed more than 32 MB: not read/],
  ];
  for (const [name, go, message] of failures) {
    test(`${name}: one line on stderr, exit 2, nothing on stdout`, () => {
      const t0 = Date.now();
      const r = go();
      assert.equal(r.code, 2, r.err);
      assert.equal(r.out, '');
      assert.match(r.err, /^docker-cache-mounts: inspect: [^\n]+\n$/);
      assert.match(r.err, message);
      assert.ok(Date.now() - t0 < 20_000);
    });
  }
});
