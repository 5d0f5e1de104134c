// Records what each builder prints about its cache mounts, for the parser's fixtures (test/fixtures/buildx-du/).
// Not part of the suite: run by hand as root after `npx tsc -b test/buildkit`:
//   DCM_BUILDER=docker-28 node out/buildkit/buildkit/record-du.js
// It starts the builder's private engine, builds a Dockerfile with a filled cache (id), a filled cache without
// id (keyed by its target) and one that stays empty, then saves every command's stdout, stderr and exit code.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builderFromEnv, createEngine } from './builders';
import { makeContext, nonce, PRELUDE } from './context';

const OUT = path.resolve(__dirname, '../../../test/fixtures/buildx-du');

export const RECORD_DOCKERFILE = `${PRELUDE}
RUN --mount=type=cache,id=dcm-filled,target=/cache/filled dd if=/dev/zero of=/cache/filled/blob bs=1024 count=2048
RUN --mount=type=cache,target=/root/.cache/noid dd if=/dev/zero of=/root/.cache/noid/blob bs=1024 count=300
RUN --mount=type=cache,id=dcm-empty,target=/cache/empty true
`;

/** The commands recorded on each builder; a command a builder lacks is recorded too (its error is the fact). */
const COMMANDS: Record<string, string[]> = {
  'buildx-du-verbose': ['buildx', 'du', '--filter', 'type=exec.cachemount', '--verbose'],
  'buildx-du-json': ['buildx', 'du', '--filter', 'type=exec.cachemount', '--format', 'json'],
  'buildx-du-plain': ['buildx', 'du', '--filter', 'type=exec.cachemount'],
  'buildx-ls-json': ['buildx', 'ls', '--format', 'json'],
  'buildx-inspect': ['buildx', 'inspect'],
  'buildx-du-help': ['buildx', 'du', '--help'],
  'system-df-v': ['system', 'df', '-v'],
  'system-df-v-json': ['system', 'df', '-v', '--format', '{{json .}}'],
  'system-df-json': ['system', 'df', '--format', '{{json .}}'],
  'builder-prune-help': ['builder', 'prune', '--help'],
  'version-json': ['version', '--format', '{{json .}}'],
};

async function main(): Promise<void> {
  const id = builderFromEnv();
  const engine = createEngine(id);
  const dir = path.join(OUT, id);
  fs.mkdirSync(dir, { recursive: true });
  engine.start();
  try {
    const b = await engine.build(makeContext(engine.root, 'record-du', RECORD_DOCKERFILE), { NONCE: nonce() });
    if (b.code !== 0) throw new Error(`build failed:\n${b.output}`);
    fs.writeFileSync(path.join(dir, 'Dockerfile'), RECORD_DOCKERFILE);
    for (const [name, args] of Object.entries(COMMANDS)) {
      const r = await engine.docker(args, { timeoutMs: 60_000 });
      fs.writeFileSync(path.join(dir, `${name}.stdout`), r.stdout);
      fs.writeFileSync(path.join(dir, `${name}.stderr`), r.stderr);
      fs.writeFileSync(path.join(dir, `${name}.exit`), `${r.code}\n`);
      console.log(`${id}: docker ${args.join(' ')} -> exit ${r.code}`);
    }
    if (process.env.DCM_RECORD_HOLD) {
      console.log(`holding: socket ${engine.socket}; remove ${process.env.DCM_RECORD_HOLD} to stop`);
      while (fs.existsSync(process.env.DCM_RECORD_HOLD)) await new Promise((r) => setTimeout(r, 1000));
    }
  } finally {
    console.log(`stopped: ${engine.stop()}`);
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
