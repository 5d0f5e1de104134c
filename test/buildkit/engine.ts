// A private Docker engine for the build-verified suite: Debian's dockerd (vfs storage, no iptables, no bridge)
// with its own socket, data and exec roots under a short temp folder, and Debian's classic docker client
// (it builds with BuildKit through DOCKER_BUILDKIT=1; the other client needs buildx, which is not here).
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const DOCKERD = '/usr/sbin/dockerd';
export const DOCKER = '/usr/bin/docker';

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;
const BUILD_TIMEOUT_MS = 180_000;
/** An upper bound, not a reservation: a full run writes about 3 GB of vfs layers. */
const TMPFS_SIZE = '8g';

export interface BuildResult {
  /** docker's exit code (null when killed by the timeout). */
  code: number | null;
  /** stdout and stderr interleaved, as printed with --progress plain. */
  output: string;
}

export interface EngineVersion {
  client: string;
  server: string;
  containerd: string;
  runc: string;
  /** One line for test output and the facts file. */
  summary: string;
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** True while the process runs. A zombie counts as gone: stop() blocks the event loop, so Node cannot reap it yet. */
function alive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** `rm -rf` (one C process) is much faster than fs.rmSync on the vfs layers' many files; rmSync is the fallback. */
function removeTree(dir: string): void {
  try {
    execFileSync('rm', ['-rf', '--one-file-system', dir], { stdio: 'ignore' });
  } catch {
    // e.g. a mount left behind: rmSync below reports nothing either, but removes what it can
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

export class DockerEngine {
  readonly root: string;
  readonly socket: string;
  private child: ChildProcess | undefined;
  private exited = false;
  private readonly logFile: string;
  /** Where the engine's folder lives: `tmpfs (...)` or `disk (why)`. */
  storage = 'not started';

  constructor() {
    // Short path on purpose: unix socket paths are limited to 108 bytes, and containerd nests its own under exec/.
    this.root = fs.mkdtempSync('/tmp/dcm-');
    this.socket = path.join(this.root, 'docker.sock');
    this.logFile = path.join(this.root, 'dockerd.log');
  }

  /** Starts dockerd and waits (bounded) until `docker info` answers. Throws a loud, explanatory error otherwise. */
  start(): void {
    const missing = [DOCKERD, DOCKER, '/bin/busybox'].filter((f) => !fs.existsSync(f));
    if (missing.length) {
      throw new Error(`buildkit suite: missing ${missing.join(', ')}. Run scripts/buildkit/setup.sh (installs docker.io and busybox-static).`);
    }
    if (process.getuid && process.getuid() !== 0) {
      throw new Error('buildkit suite: dockerd needs root (the suite does not run a rootless engine). Run it as root.');
    }
    this.storage = this.mountTmpfs();
    const log = fs.openSync(this.logFile, 'a');
    const args = [
      '--storage-driver=vfs',
      '--iptables=false',
      '--bridge=none',
      '-H', `unix://${this.socket}`,
      '--data-root', path.join(this.root, 'data'),
      '--exec-root', path.join(this.root, 'exec'),
      '--pidfile', path.join(this.root, 'docker.pid'),
    ];
    this.child = spawn(DOCKERD, args, { stdio: ['ignore', log, log] });
    fs.closeSync(log);
    this.child.on('exit', () => (this.exited = true));
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (this.exited) throw new Error(`buildkit suite: dockerd exited during startup.\n${this.logTail()}`);
      if (this.ping()) return;
      if (Date.now() > deadline) throw new Error(`buildkit suite: dockerd did not answer within ${START_TIMEOUT_MS / 1000}s.\n${this.logTail()}`);
      sleepSync(250);
    }
  }

  /**
   * The engine's whole folder on a tmpfs: vfs copies the full rootfs for every build step (GBs with the Debian
   * image), which on this machine's disk made removing the folder take from 6 s to 160 s; in memory it is instant.
   * DCM_ENGINE_TMPFS=0 keeps it on disk; a failed mount falls back to disk too (the log says which).
   */
  private mountTmpfs(): string {
    if (process.env.DCM_ENGINE_TMPFS === '0') return 'disk (DCM_ENGINE_TMPFS=0)';
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${TMPFS_SIZE},mode=0700`, 'dcm-engine', this.root], { stdio: 'pipe' });
      return `tmpfs (size=${TMPFS_SIZE})`;
    } catch (err) {
      return `disk (tmpfs mount failed: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]})`;
    }
  }

  private ping(): boolean {
    try {
      execFileSync(DOCKER, ['-H', `unix://${this.socket}`, 'info'], { stdio: 'ignore', timeout: 10_000 });
      return true;
    } catch {
      return false;
    }
  }

  logTail(lines = 30): string {
    try {
      const text = fs.readFileSync(this.logFile, 'utf8').trimEnd().split('\n');
      return `--- last ${lines} lines of ${this.logFile} ---\n${text.slice(-lines).join('\n')}`;
    } catch {
      return `(no dockerd log at ${this.logFile})`;
    }
  }

  version(): EngineVersion {
    const json = execFileSync(DOCKER, ['-H', `unix://${this.socket}`, 'version', '--format', '{{json .}}'], { encoding: 'utf8' });
    const v = JSON.parse(json) as {
      Client?: { Version?: string };
      Server?: { Version?: string; Components?: { Name: string; Version: string }[] };
    };
    const component = (name: string) => v.Server?.Components?.find((c) => c.Name.toLowerCase() === name)?.Version ?? 'unknown';
    const client = v.Client?.Version ?? 'unknown';
    const server = v.Server?.Version ?? 'unknown';
    const containerd = component('containerd');
    const runc = component('runc');
    // The 20.10 engine vendors BuildKit and its Dockerfile frontend (dockerfile.v0) without reporting their versions.
    const summary = `Docker Engine ${server} (Debian docker.io; BuildKit and the dockerfile.v0 frontend built in), client ${client}, containerd ${containerd}, runc ${runc}`;
    return { client, server, containerd, runc, summary };
  }

  /** dockerd's umask as /proc reports it (e.g. `0022`): the builder masks a new cache dir's `mode` with it. */
  umask(): string {
    const pid = this.child?.pid;
    if (pid === undefined || !alive(pid)) return 'unknown (dockerd not running)';
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return /^Umask:\s*(\d+)/m.exec(status)?.[1] ?? 'unknown (no Umask line in /proc)';
  }

  /**
   * `DOCKER_BUILDKIT=1 docker build --network host --progress plain` of a context folder, tagged `tag` when
   * given. Never throws on a failed build.
   */
  build(context: string, buildArgs: Record<string, string> = {}, tag?: string): Promise<BuildResult> {
    const args = ['-H', `unix://${this.socket}`, 'build', '--network', 'host', '--progress', 'plain'];
    for (const [k, v] of Object.entries(buildArgs)) args.push('--build-arg', `${k}=${v}`);
    if (tag !== undefined) args.push('-t', tag);
    args.push(context);
    return new Promise((resolve) => {
      const child = spawn(DOCKER, args, { env: { ...process.env, DOCKER_BUILDKIT: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr.on('data', (d: Buffer) => (output += d.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), BUILD_TIMEOUT_MS);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, output });
      });
    });
  }

  /** `docker import TARBALL NAME`: a root filesystem tarball becomes a local image that `FROM NAME` uses without a registry. */
  importImage(tarball: string, name: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(DOCKER, ['-H', `unix://${this.socket}`, 'import', tarball, name], { stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr.on('data', (d: Buffer) => (output += d.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), BUILD_TIMEOUT_MS);
      child.on('close', (code) => {
        clearTimeout(timer);
        if (code === 0) resolve();
        else reject(new Error(`docker import ${tarball} ${name} failed (exit ${code}): ${output.trim()}\n${this.logTail()}`));
      });
    });
  }

  /**
   * Stops dockerd (SIGTERM, then SIGKILL after a bound), its managed containerd, any mount left under the root,
   * and removes the root. Synchronous so it also works from a signal handler. Safe to call twice.
   */
  stop(): string {
    const t0 = Date.now();
    const pid = this.child?.pid;
    if (pid !== undefined && !this.exited && alive(pid)) {
      process.kill(pid, 'SIGTERM');
      const deadline = Date.now() + STOP_TIMEOUT_MS;
      while (alive(pid) && Date.now() < deadline) sleepSync(100);
      if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
    const t1 = Date.now();
    this.killManagedContainerd();
    this.unmountUnderRoot();
    const t2 = Date.now();
    removeTree(this.root);
    // The phases, for the test log: removing the vfs layers (a full rootfs copy per build step) dominates.
    return `dockerd ${t1 - t0} ms, unmount ${t2 - t1} ms, remove ${Date.now() - t2} ms`;
  }

  private killManagedContainerd(): void {
    try {
      const cpid = Number(fs.readFileSync(path.join(this.root, 'exec/containerd/containerd.pid'), 'utf8').trim());
      if (cpid > 0 && alive(cpid)) process.kill(cpid, 'SIGKILL');
    } catch {
      // no pid file: dockerd stopped it cleanly
    }
  }

  private unmountUnderRoot(): void {
    const mounts = fs
      .readFileSync('/proc/self/mountinfo', 'utf8')
      .split('\n')
      .map((l) => l.split(' ')[4])
      .filter((m): m is string => !!m && (m === this.root || m.startsWith(this.root + '/')))
      .sort((a, b) => b.length - a.length);
    for (const m of mounts) {
      try {
        execFileSync('umount', ['-l', m], { stdio: 'ignore' });
      } catch {
        // best effort: rmSync below reports what is left
      }
    }
  }
}
