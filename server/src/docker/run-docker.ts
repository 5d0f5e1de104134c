// Running the docker client synchronously with a time limit and a bounded output: what every docker call of the
// CLI shares (`docker image inspect` for --resolve-images, `docker buildx du` for inspect). Never throws: a docker
// that is missing, killed at the time limit or printing more than allowed comes back as `error` with its code
// (ENOENT, ETIMEDOUT, ENOBUFS). Node only (child_process): server/src/core never imports this.
import type * as ChildProcess from 'node:child_process';

/**
 * node:child_process, loaded on first use: most CLI runs never start docker, and loading it (with the
 * modules it pulls in) cost every start a few milliseconds.
 */
export function childProcess(): typeof ChildProcess {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('node:child_process') as typeof ChildProcess;
}

/** How one docker process ended. */
export interface ProcessOutcome {
  /** Could not start (ENOENT...), was stopped at the time limit (ETIMEDOUT), or printed too much (ENOBUFS). */
  error?: NodeJS.ErrnoException;
  stdout: string;
  stderr: string;
  status: number | null;
  signal: NodeJS.Signals | null;
}

export interface RunDockerOptions {
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Bytes of stdout (and of stderr) past which docker is killed and the run fails with ENOBUFS. */
  maxOutput: number;
}

/** `docker <args>` to its end (or its kill), stdin closed. */
export function runDockerSync(args: readonly string[], options: RunDockerOptions): ProcessOutcome {
  const r = childProcess().spawnSync('docker', args, {
    env: options.env,
    encoding: 'utf8',
    timeout: options.timeoutMs,
    killSignal: 'SIGKILL',
    maxBuffer: options.maxOutput,
    stdio: ['ignore', 'pipe', 'pipe'],
    windowsHide: true,
  });
  return { error: r.error, stdout: r.stdout ?? '', stderr: r.stderr ?? '', status: r.status, signal: r.signal };
}

/** The first non-empty line of a text, cut at `max` characters. */
export function firstLine(text: string, max = 200): string {
  const line =
    text
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l !== '') ?? '';
  return line.length > max ? `${line.slice(0, max)}...` : line;
}
