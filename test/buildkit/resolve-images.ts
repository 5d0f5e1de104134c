// `check --resolve-images` against the private dockerd: an image built and tagged here (busybox, USER 1000:1000,
// ENV HOME and UV_CACHE_DIR) is read with the real `docker image inspect`, and its UV_CACHE_DIR decides CM004;
// an image that is not in the engine's store is a note on stderr, never an error. Runs the bundled CLI
// (`node dist/cli.js`, built by `npm run build`) with DOCKER_HOST pointing at the private engine's socket. The
// CLI's `docker` is the host's (Debian bookworm's 20.10 client) on either builder: Docker 28 still serves its API.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { JsonReport } from '../../server/src/cli/format-json';
import { makeContext, PRELUDE } from './context';
import { DOCKER } from './engine';
import type { PrivateEngine } from './engine-base';
import { requireEngine } from './harness';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
const TAG = 'dcm-test/base:1';

const BASE_IMAGE = `${PRELUDE}
USER 1000:1000
ENV HOME=/home/app UV_CACHE_DIR=/opt/uv-cache
`;

/** `docker build -t TAG` of a context; rejects with the output when the build fails. */
async function buildTagged(engine: PrivateEngine, context: string, tag: string): Promise<void> {
  const r = await engine.build(context, {}, tag);
  if (r.code !== 0)
    throw new Error(`docker build -t ${tag} failed (exit ${r.code})
${r.output}
${engine.logTail()}`);
}

/** The CLI with the host's docker first on PATH and DOCKER_HOST at the private engine's socket. */
function cli(engine: PrivateEngine, args: string[]) {
  const env = {
    ...process.env,
    DOCKER_HOST: `unix://${engine.socket}`,
    PATH: `${path.dirname(DOCKER)}:${process.env.PATH ?? ''}`,
  };
  const r = spawnSync(process.execPath, [CLI, 'check', ...args], { env, encoding: 'utf8', input: '', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function diagnostics(out: string, file: string, code: string): string[] {
  const report = JSON.parse(out) as JsonReport;
  const f = report.files.find((x) => x.path === file);
  assert.ok(f, `${file} is in the report:\n${out}`);
  return f.diagnostics.filter((d) => d.code === code).map((d) => d.message);
}

export function describeResolveImages(): void {
  describe('check --resolve-images (real docker image inspect)', () => {
    test(`USER, HOME and ENV of a local image decide CM004; an absent image is a note`, async () => {
      assert.ok(fs.existsSync(CLI), `${CLI} is missing: run \`npm run build\` before the buildkit suite`);
      const engine = requireEngine();
      await buildTagged(engine, makeContext(engine.root, 'resolve-images-base', BASE_IMAGE), TAG);

      const dir = path.join(engine.root, 'resolve-images-check');
      fs.mkdirSync(path.join(dir, 'present'), { recursive: true });
      fs.mkdirSync(path.join(dir, 'absent'), { recursive: true });
      const present = path.join(dir, 'present', 'Dockerfile');
      const absent = path.join(dir, 'absent', 'Dockerfile');
      fs.writeFileSync(present, `FROM ${TAG}\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n`);
      fs.writeFileSync(absent, 'FROM dcm-test/absent:1\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n');

      const without = cli(engine, ['--format', 'json', '--fail-level', 'error', present]);
      assert.equal(without.code, 0, without.err);
      assert.deepEqual(diagnostics(without.out, present, 'CM004'), [], 'without the flag the image is unknown');

      const r = cli(engine, ['--resolve-images', '--format', 'json', '--fail-level', 'error', present, absent]);
      console.log(`buildkit suite: --resolve-images stderr: ${JSON.stringify(r.err)}`);
      const cm004 = diagnostics(r.out, present, 'CM004');
      console.log(`buildkit suite: --resolve-images CM004: ${cm004.join(' | ')}`);
      assert.equal(cm004.length, 1, r.out);
      assert.match(cm004[0]!, /'\/opt\/uv-cache'/, 'UV_CACHE_DIR from the image config');
      assert.deepEqual(diagnostics(r.out, absent, 'CM004'), [], 'the absent image stays unknown');
      assert.deepEqual(
        r.err.split('\n').filter((l) => l !== ''),
        [
          'docker-cache-mounts: --resolve-images: dcm-test/absent:1 is not present locally (not pulled); image facts from the catalog and settings only for it',
        ],
      );
      assert.equal(r.code, 0, 'the note is not an error');

      const alone = cli(engine, ['--resolve-images', '--format', 'json', '--fail-level', 'error', absent]);
      assert.equal(alone.code, 0, alone.err);
      assert.match(alone.err, /^docker-cache-mounts: --resolve-images: dcm-test\/absent:1 is not present locally/);
      assert.deepEqual(diagnostics(alone.out, absent, 'CM004'), []);
    });
  });
}
