// A fake `docker` for the --resolve-images tests (CLI and language server): an executable script in its own
// bin folder (put first on PATH), a folder with no docker at all, and the log the script appends its calls to.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface FakeDocker {
  /** Holds `docker`: put it first on PATH. */
  bin: string;
  /** Holds nothing: PATH without any docker. */
  emptyBin: string;
  /** Where the script appends each call's arguments (set FAKE_DOCKER_LOG to it). */
  log: string;
}

export function installFakeDocker(dir: string, script: string): FakeDocker {
  const bin = join(dir, 'bin');
  const emptyBin = join(dir, 'empty-bin');
  mkdirSync(bin);
  mkdirSync(emptyBin);
  writeFileSync(join(bin, 'docker'), script);
  chmodSync(join(bin, 'docker'), 0o755);
  return { bin, emptyBin, log: join(dir, 'docker-calls.log') };
}
