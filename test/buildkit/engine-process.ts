// Process and mount helpers shared by the suite's private engines (engine.ts, engine-docker28.ts).
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';

export interface RunResult {
  /** Exit code (null when killed by the timeout). */
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved as they arrived (what --progress plain shows). */
  output: string;
}

export function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** True while the process runs. A zombie counts as gone: stop() blocks the event loop, so Node cannot reap it yet. */
export function alive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** SIGTERM, then SIGKILL once `timeoutMs` has passed. Synchronous (also used from signal handlers). */
export function terminate(pid: number, timeoutMs: number): void {
  if (!alive(pid)) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (alive(pid) && Date.now() < deadline) sleepSync(100);
  if (alive(pid)) process.kill(pid, 'SIGKILL');
}

/** `rm -rf` (one C process) is much faster than fs.rmSync on the vfs layers' many files; rmSync is the fallback. */
export function removeTree(dir: string): void {
  try {
    execFileSync('rm', ['-rf', '--one-file-system', dir], { stdio: 'ignore' });
  } catch {
    // e.g. a mount left behind: rmSync below reports nothing either, but removes what it can
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Mount points at or under `root`, deepest first. */
export function mountsUnder(root: string): string[] {
  return fs
    .readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((l) => l.split(' ')[4])
    .filter((m): m is string => !!m && (m === root || m.startsWith(root + '/')))
    .sort((a, b) => b.length - a.length);
}

/** Lazily unmounts everything at or under `root` (best effort: removeTree reports nothing either). */
export function unmountUnder(root: string): void {
  for (const m of mountsUnder(root)) {
    try {
      execFileSync('umount', ['-l', m], { stdio: 'ignore' });
    } catch {
      // already gone with its parent
    }
  }
}

/** Runs a command to its end, collecting stdout and stderr; `input` is a file streamed to its stdin. */
export function runCollect(
  command: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs: number; inputFile?: string },
): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      env: options.env ?? process.env,
      stdio: [options.inputFile ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let output = '';
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
      output += d.toString();
    });
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
      output += d.toString();
    });
    if (options.inputFile && child.stdin) {
      const input = fs.createReadStream(options.inputFile);
      input.on('error', (err) => {
        stderr += `reading ${options.inputFile}: ${err.message}\n`;
        child.stdin?.destroy();
      });
      child.stdin.on('error', () => undefined); // the child may exit before reading everything: its code says why
      input.pipe(child.stdin);
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, output });
    });
  });
}
