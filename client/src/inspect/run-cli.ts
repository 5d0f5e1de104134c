// Runs the bundled CLI's `inspect --format json` over the workspace folders: Node (VS Code's own, as node with
// ELECTRON_RUN_AS_NODE), a time limit, a bounded output, and a kill when the user cancels. Runs only when the user
// asks (the command); the language server runs nothing.
import { spawn } from 'node:child_process';
import { readReport, type InspectReport } from './report';

/** The CLI runs docker with its own 30 s limit per call (two or three calls). */
const CLI_TIMEOUT_MS = 120_000;
const MAX_OUTPUT = 64 * 1024 * 1024;

export interface CliRun {
  /** dist/cli.js of this extension. */
  cli: string;
  /** Absolute folder paths: the PATHs inspect reads Dockerfiles under. */
  folders: string[];
  /** Aborting kills the CLI (the user cancelled). */
  signal?: AbortSignal;
}

export function runInspectCli(run: CliRun): Promise<InspectReport | { error: string }> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (r: InspectReport | { error: string }) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(r);
    };
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    const child = spawn(process.execPath, [run.cli, 'inspect', '--format', 'json', '--', ...run.folders], {
      cwd: run.folders[0],
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const kill = () => {
      try {
        child.kill('SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      kill();
      finish({ error: `inspect did not finish within ${CLI_TIMEOUT_MS / 1000} s and was stopped` });
    }, CLI_TIMEOUT_MS);
    run.signal?.addEventListener('abort', () => {
      kill();
      finish({ error: 'cancelled' });
    });
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_OUTPUT) {
        kill();
        finish({ error: 'inspect printed more than 64 MB' });
        return;
      }
      into.push(chunk);
    };
    child.stdout.on('data', collect(out));
    child.stderr.on('data', collect(err));
    child.on('error', (e) => finish({ error: `could not run the CLI: ${e.message}` }));
    child.on('close', (code) => {
      const stderr = Buffer.concat(err).toString('utf8').trim();
      const stdout = Buffer.concat(out).toString('utf8');
      if (stdout.trim() === '') {
        const line = stderr.split('\n').pop() ?? '';
        finish({ error: line.replace(/^docker-cache-mounts: (inspect: )?/, '') || `the CLI exited with code ${code}` });
        return;
      }
      finish(readReport(stdout));
    });
  });
}
