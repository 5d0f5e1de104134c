// `check --resolve-images` as users run it (`node dist/cli.js`, built by `npm run build`), with a fake
// `docker` first on PATH: a shell script that logs its arguments and answers as the test's mode says.
// The real docker (a private dockerd) is exercised in the BuildKit suite (test/buildkit/resolve-images.ts).
import { installFakeDocker } from '../helpers/fake-docker';
import { sarifSchemaErrors } from '../helpers/sarif-schema';
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs, USAGE } from '../../server/src/cli/args';
import type { JsonDiagnostic, JsonReport } from '../../server/src/cli/format-json';
import { makeTempDir, REPO_ROOT, removeDir, writeTree } from './cli-helpers';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');

/** What the fake docker prints, by FAKE_DOCKER_MODE. `ok` answers like plain `docker image inspect` (one array). */
const FAKE_DOCKER = `#!/bin/sh
printf '%s\\n' "$*" >> "$FAKE_DOCKER_LOG"
case "$FAKE_DOCKER_MODE" in
  ok)
    cat <<'JSON'
[{"Id":"sha256:1111111111111111111111111111111111111111111111111111111111111111","RepoTags":["myorg/base:1"],"RepoDigests":[],"Config":{"User":"app","Env":["PATH=/usr/local/bin:/usr/bin:/bin","HOME=/home/app","UV_CACHE_DIR=/opt/uv"]}}]
JSON
    echo "Error: No such image: myorg/missing:2" >&2
    exit 1 ;;
  lines)
    # docker image inspect --format '{{json .}}' prints one document per line
    echo '{"Id":"sha256:2222222222222222222222222222222222222222222222222222222222222222","RepoTags":["myorg/base:1","myorg/base:latest"],"Config":{"User":"app:app","Env":["HOME=/home/app","UV_CACHE_DIR=/opt/uv-lines"]}}'
    exit 0 ;;
  nohome)
    echo '[{"Id":"sha256:3333333333333333333333333333333333333333333333333333333333333333","RepoTags":["myorg/base:1"],"Config":{"User":"1000","Env":["UV_CACHE_DIR=/opt/uv"]}}]'
    exit 0 ;;
  hang)
    exec sleep 30 ;;
  garbage)
    echo 'this is not JSON {'
    exit 0 ;;
  unreachable)
    echo 'Cannot connect to the Docker daemon at unix:///nowhere/docker.sock. Is the docker daemon running?' >&2
    echo 'Cannot connect to the Docker daemon at unix:///nowhere/docker.sock. Is the docker daemon running?' >&2
    exit 1 ;;
esac
exit 3
`;

const UV_DOCKERFILE = ['FROM myorg/base:1', 'RUN --mount=type=cache,target=/root/.cache/uv uv sync', ''].join('\n');
const MISSING_DOCKERFILE = ['FROM myorg/missing:2', 'RUN --mount=type=cache,target=/root/.cache/uv uv sync', ''].join(
  '\n',
);

describe('check --resolve-images', () => {
  let dir = '';
  let fakeBin = '';
  let emptyBin = '';
  let log = '';
  const p = (name: string) => join(dir, name);

  function run(mode: string, args: string[], extraEnv: Record<string, string> = {}, path?: string) {
    const env: Record<string, string> = {
      HOME: dir,
      PATH: path ?? `${fakeBin}:/usr/bin:/bin`,
      FAKE_DOCKER_MODE: mode,
      FAKE_DOCKER_LOG: log,
      ...extraEnv,
    };
    const t0 = Date.now();
    const r = spawnSync(process.execPath, [CLI, 'check', ...args], {
      cwd: dir,
      env,
      encoding: 'utf8',
      input: '',
      timeout: 60_000,
    });
    return { code: r.status, out: r.stdout, err: r.stderr, ms: Date.now() - t0 };
  }

  /** The lines the fake docker logged (one per call), then forgets them. */
  function calls(): string[] {
    if (!existsSync(log)) return [];
    const lines = readFileSync(log, 'utf8')
      .split('\n')
      .filter((l) => l !== '');
    rmSync(log);
    return lines;
  }

  const errLines = (err: string) => err.split('\n').filter((l) => l !== '');

  function cm004(out: string, file = 'uv/Dockerfile'): JsonDiagnostic[] {
    const report = JSON.parse(out) as JsonReport;
    const f = report.files.find((x) => x.path.endsWith(file));
    assert.ok(f, `${file} is in the report`);
    return f.diagnostics.filter((d) => d.code === 'CM004');
  }

  before(() => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run \`npm run build\` before the tests (npm test does)`);
    dir = makeTempDir('resolve-images');
    ({ bin: fakeBin, emptyBin, log } = installFakeDocker(dir, FAKE_DOCKER));
    writeTree(dir, {
      'uv/Dockerfile': UV_DOCKERFILE,
      'missing/Dockerfile': MISSING_DOCKERFILE,
      'both/Dockerfile': `${UV_DOCKERFILE}${MISSING_DOCKERFILE}`,
      'settings/Dockerfile': UV_DOCKERFILE,
      'settings/.cache-mounts.json': JSON.stringify({
        images: {
          'myorg/base:1': {
            user: 'app',
            home: '/home/app',
            env: { HOME: '/home/app', UV_CACHE_DIR: '/from/settings' },
          },
        },
      }),
    });
  });
  after(() => removeDir(dir));

  test('the flag is parsed, off by default, and in the usage', () => {
    const plain = parseArgs(['check', 'Dockerfile']);
    assert.equal(plain.command, 'check');
    if (plain.command === 'check') assert.ok(!plain.options.resolveImages);
    const on = parseArgs(['check', '--resolve-images', 'Dockerfile']);
    assert.equal(on.command, 'check');
    if (on.command === 'check') assert.equal(on.options.resolveImages, true);
    assert.deepEqual(parseArgs(['check', '--resolve-images=yes', 'a']), {
      command: 'usage-error',
      message: '--resolve-images takes no value',
    });
    assert.match(
      USAGE,
      /--resolve-images +Read the FROM images present locally with `docker image inspect` \(never\n +pulls/,
    );
  });

  test('without the flag docker is never run and the unknown image gives no CM004', () => {
    calls();
    const r = run('ok', ['--format', 'json', p('uv/Dockerfile')]);
    assert.equal(r.err, '');
    assert.deepEqual(cm004(r.out), []);
    assert.equal(r.code, 0, 'only hints and infos without the image facts');
    assert.equal(existsSync(log), false, 'the fake docker was called without --resolve-images');
  });

  test('with the flag the image ENV decides: CM004 names UV_CACHE_DIR from the image; one docker call for all images', () => {
    calls();
    const r = run('ok', [
      '--resolve-images',
      '--format',
      'json',
      p('uv/Dockerfile'),
      p('both/Dockerfile'),
      p('missing/Dockerfile'),
    ]);
    const found = cm004(r.out);
    assert.equal(found.length, 1, r.out);
    assert.equal(found[0]!.messageId, 'mismatch');
    assert.deepEqual(found[0]!.data, { tool: 'uv', line: 2, cacheDir: '/opt/uv', target: '/root/.cache/uv' });
    assert.match(found[0]!.detail, /UV_CACHE_DIR \(set by the base image myorg\/base:1/);
    assert.equal(cm004(r.out, 'both/Dockerfile').length, 1);
    assert.deepEqual(cm004(r.out, 'missing/Dockerfile'), []);
    // The missing image: one note line on stderr, stdout stays one JSON document (it parsed above).
    assert.deepEqual(errLines(r.err), [
      'docker-cache-mounts: --resolve-images: myorg/missing:2 is not present locally (not pulled); image facts from the catalog and settings only for it',
    ]);
    assert.equal(r.code, 1, 'CM004 is a warning: the default fail level');
    assert.deepEqual(calls(), ['image inspect --format {{json .}} -- myorg/base:1 myorg/missing:2']);
  });

  test('text format: the same finding, the note on stderr only', () => {
    const r = run('ok', ['--resolve-images', p('uv/Dockerfile'), p('missing/Dockerfile')]);
    assert.match(r.out, /uv\/Dockerfile:2:\d+: warning CM004 /);
    assert.doesNotMatch(r.out, /--resolve-images|not present locally/);
    assert.equal(errLines(r.err).length, 1, r.err);
    assert.match(r.err, /^docker-cache-mounts: --resolve-images: myorg\/missing:2 is not present locally/);
    assert.equal(r.code, 1);
    calls();
  });

  test('a missing image alone is a note, not an error: the exit code is that of the findings', () => {
    const r = run('ok', ['--resolve-images', p('missing/Dockerfile')]);
    assert.equal(errLines(r.err).length, 1, r.err);
    assert.match(r.err, /myorg\/missing:2 is not present locally/);
    assert.equal(r.code, 0);
    assert.equal(
      run('ok', ['--resolve-images', '--fail-level', 'info', p('missing/Dockerfile')]).code,
      1,
      'CM009 (info) still counts',
    );
    calls();
  });

  test('facts from the image win over the images setting', () => {
    const without = run('ok', ['--format', 'json', p('settings/Dockerfile')]);
    assert.deepEqual(
      cm004(without.out, 'settings/Dockerfile').map((d) => d.data.cacheDir),
      ['/from/settings'],
    );
    const withFlag = run('ok', ['--resolve-images', '--format', 'json', p('settings/Dockerfile')]);
    const found = cm004(withFlag.out, 'settings/Dockerfile');
    assert.equal(found.length, 1, withFlag.out);
    assert.equal(found[0]!.data.cacheDir, '/opt/uv');
    assert.equal(withFlag.err, '');
    calls();
  });

  test("docker's --format '{{json .}}' output (one document per line) is read too; USER app:app is user app", () => {
    const r = run('lines', ['--resolve-images', '--format', 'json', p('uv/Dockerfile')]);
    assert.equal(r.err, '');
    assert.deepEqual(
      cm004(r.out).map((d) => d.data.cacheDir),
      ['/opt/uv-lines'],
    );
    calls();
  });

  test('a non-root user whose HOME the image does not tell: a note, and no facts from that image', () => {
    const r = run('nohome', ['--resolve-images', '--format', 'json', p('uv/Dockerfile')]);
    assert.deepEqual(errLines(r.err), [
      'docker-cache-mounts: --resolve-images: myorg/base:1: home of user 1000 unknown (the image sets no ENV HOME); image facts from the catalog and settings only for it',
    ]);
    assert.deepEqual(cm004(r.out), []);
    assert.equal(r.code, 0);
    calls();
  });

  test('docker that hangs is stopped after DCM_DOCKER_TIMEOUT_MS: one note, the analysis goes on', () => {
    const r = run('hang', ['--resolve-images', '--format', 'json', p('uv/Dockerfile'), p('missing/Dockerfile')], {
      DCM_DOCKER_TIMEOUT_MS: '500',
    });
    assert.deepEqual(errLines(r.err), [
      'docker-cache-mounts: --resolve-images: docker image inspect did not answer within 500 ms and was stopped; image facts from the catalog and settings only',
    ]);
    assert.ok(r.ms < 10_000, `took ${r.ms} ms`);
    assert.deepEqual(cm004(r.out), []);
    assert.equal(r.code, 0);
    assert.equal(calls().length, 1);
  });

  test('output that is not JSON: one note, the analysis goes on', () => {
    const r = run('garbage', ['--resolve-images', '--format', 'sarif', p('uv/Dockerfile')]);
    assert.deepEqual(errLines(r.err), [
      'docker-cache-mounts: --resolve-images: could not read the output of docker image inspect (not JSON: "this is not JSON {"); image facts from the catalog and settings only',
    ]);
    const sarif = JSON.parse(r.out) as { version: string };
    assert.equal(sarif.version, '2.1.0');
    assert.deepEqual(sarifSchemaErrors(sarif), []);
    assert.equal(r.code, 0);
    calls();
  });

  test('a daemon that cannot be reached: one note for all images', () => {
    const r = run('unreachable', ['--resolve-images', p('uv/Dockerfile'), p('missing/Dockerfile')]);
    assert.deepEqual(errLines(r.err), [
      'docker-cache-mounts: --resolve-images: the Docker daemon is not reachable (Cannot connect to the Docker daemon at unix:///nowhere/docker.sock. Is the docker daemon running?); image facts from the catalog and settings only',
    ]);
    assert.equal(r.code, 0);
    calls();
  });

  test('no docker on PATH: one note, the analysis goes on', () => {
    const r = run('ok', ['--resolve-images', '--format', 'json', p('uv/Dockerfile')], {}, emptyBin);
    assert.deepEqual(errLines(r.err), [
      'docker-cache-mounts: --resolve-images: docker not found on PATH; image facts from the catalog and settings only',
    ]);
    assert.deepEqual(cm004(r.out), []);
    assert.equal(r.code, 0);
  });

  test('no external image to read: docker is not run', () => {
    const scratch = join(dir, 'scratch');
    writeTree(scratch, { Dockerfile: 'FROM scratch AS a\nFROM a\nRUN true\n' });
    calls();
    const r = run('ok', ['--resolve-images', scratch]);
    assert.equal(r.err, '');
    assert.deepEqual(calls(), []);
  });
});
