// The Docker 28 engine: Debian sid's docker.io 28 (dockerd with its BuildKit), docker-cli and docker-buildx, run
// in a chroot of the root filesystem scripts/buildkit/setup-docker28.sh makes (bookworm cannot install them).
// Every engine unpacks that root into its own tmpfs, so engines running side by side (other worktrees, the
// --check pass) share nothing but the cached tarball. The client runs in the chroot too, so build contexts live
// under `root`, which is /dcm inside the chroot.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type BuilderId, type ClientCommand, PrivateEngine } from './engine-base';
import { removeTree, sleepSync, terminate, unmountUnder } from './engine-process';
import { TMPFS_SIZE } from './engine';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const SETUP = path.join(REPO_ROOT, 'scripts/buildkit/setup-docker28.sh');
/** debootstrap of the sid root took about a minute here; a slow mirror gets far more, a hung one is cut off. */
const SETUP_TIMEOUT_MS = 15 * 60_000;
const STOP_TIMEOUT_MS = 30_000;
/** The engine's folder as the chroot sees it: socket, data and exec roots, build contexts. */
const IN_CHROOT = '/dcm';
const CHROOT_ENV: NodeJS.ProcessEnv = {
  PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  HOME: '/root',
  DOCKER_CONFIG: `${IN_CHROOT}/docker-config`,
};

/** Runs setup-docker28.sh (progress on stderr) and returns the tarball it prints last. */
export function docker28Tarball(): string {
  let stdout: string;
  try {
    stdout = execFileSync('sh', [SETUP], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      timeout: SETUP_TIMEOUT_MS,
    });
  } catch (err) {
    throw new Error(
      `buildkit suite: no Docker 28 root (${SETUP} failed, its reason is above): ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
    );
  }
  const tarball = stdout.trim().split('\n').pop() ?? '';
  if (!tarball || !fs.existsSync(tarball))
    throw new Error(`buildkit suite: ${SETUP} printed no tarball path (got ${JSON.stringify(stdout)})`);
  return tarball;
}

export class Docker28Engine extends PrivateEngine {
  readonly builder: BuilderId = 'docker-28';
  /** The chroot's root: a mount point of its own (runc fails every RUN with "mount dst=/ ... invalid argument" otherwise). */
  readonly top: string;
  readonly root: string;
  readonly socket: string;
  protected readonly logFile: string;

  constructor() {
    super();
    this.top = fs.mkdtempSync('/tmp/dcm28-');
    this.root = path.join(this.top, IN_CHROOT);
    this.socket = path.join(this.root, 'docker.sock');
    this.logFile = path.join(this.top, 'dockerd.log');
  }

  start(): void {
    if (process.getuid && process.getuid() !== 0)
      throw new Error('buildkit suite: chroot and dockerd need root. Run the suite as root.');
    if (!fs.existsSync('/bin/busybox'))
      throw new Error(
        'buildkit suite: /bin/busybox is missing. Run scripts/buildkit/setup.sh (installs busybox-static).',
      );
    const tarball = docker28Tarball();
    this.storage = this.mountTop();
    execFileSync('tar', ['-xf', tarball, '-C', this.top], { stdio: ['ignore', 'ignore', 'pipe'] });
    fs.mkdirSync(this.root, { recursive: true });
    // rbind: dockerd needs the cgroup submounts of /sys. rslave: unmounting our copies never reaches the host's.
    this.mount(['-t', 'proc', 'proc', path.join(this.top, 'proc')]);
    for (const dir of ['/sys', '/dev']) {
      this.mount(['--rbind', dir, path.join(this.top, dir)]);
      this.mount(['--make-rslave', path.join(this.top, dir)]);
    }
    const args = [
      this.top,
      'dockerd',
      '--storage-driver=vfs',
      '--iptables=false',
      '--ip6tables=false',
      '--bridge=none',
      '-H',
      `unix://${IN_CHROOT}/docker.sock`,
      '--data-root',
      `${IN_CHROOT}/data`,
      '--exec-root',
      `${IN_CHROOT}/exec`,
      '--pidfile',
      `${IN_CHROOT}/docker.pid`,
    ];
    // chroot execs dockerd: the child's pid is dockerd's (umask() reads it).
    this.spawnDaemon('chroot', args, CHROOT_ENV);
  }

  /** The whole chroot on a tmpfs (a mount point, and fast to drop); DCM_ENGINE_TMPFS=0: the folder bind-mounted on itself. */
  private mountTop(): string {
    if (process.env.DCM_ENGINE_TMPFS !== '0') {
      try {
        execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${TMPFS_SIZE},mode=0755`, 'dcm-engine28', this.top], {
          stdio: 'pipe',
        });
        return `tmpfs (size=${TMPFS_SIZE})`;
      } catch (err) {
        this.mount(['--bind', this.top, this.top]);
        return `disk (tmpfs mount failed: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]})`;
      }
    }
    this.mount(['--bind', this.top, this.top]);
    return 'disk (DCM_ENGINE_TMPFS=0)';
  }

  private mount(args: string[]): void {
    try {
      execFileSync('mount', args, { stdio: 'pipe' });
    } catch (err) {
      throw new Error(
        `buildkit suite: mount ${args.join(' ')} failed: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }

  protected client(args: readonly string[]): ClientCommand {
    return {
      command: 'chroot',
      args: [this.top, 'docker', '-H', `unix://${IN_CHROOT}/docker.sock`, ...args],
      env: CHROOT_ENV,
    };
  }

  clientPath(hostPath: string): string {
    if (hostPath !== this.root && !hostPath.startsWith(this.root + '/'))
      throw new Error(`buildkit suite: ${hostPath} is outside the Docker 28 chroot's ${this.root}`);
    return IN_CHROOT + hostPath.slice(this.root.length);
  }

  protected origin(extra: Record<string, string>): string {
    let buildx = 'unknown';
    try {
      buildx = this.dockerSync(['buildx', 'version']).trim().split(' ').slice(1, 2).join(' ');
    } catch {
      // reported as unknown
    }
    return `Debian sid docker.io in a chroot; BuildKit and the dockerfile.v0 frontend built in; client ${extra.client}, buildx ${buildx}`;
  }

  stop(): string {
    const t0 = Date.now();
    const pid = this.child?.pid;
    if (pid !== undefined && !this.exited) terminate(pid, STOP_TIMEOUT_MS);
    const t1 = Date.now();
    this.killChrootProcesses();
    unmountUnder(this.top);
    const t2 = Date.now();
    removeTree(this.top);
    return `dockerd ${t1 - t0} ms, unmount ${t2 - t1} ms, remove ${Date.now() - t2} ms`;
  }

  /** Whatever still runs with this chroot as its root (dockerd's managed containerd): started by this engine only. */
  private killChrootProcesses(): void {
    for (let round = 0; round < 20; round++) {
      const left: number[] = [];
      for (const entry of fs.readdirSync('/proc')) {
        if (!/^\d+$/.test(entry)) continue;
        try {
          if (fs.readlinkSync(`/proc/${entry}/root`) === this.top) left.push(Number(entry));
        } catch {
          // gone, or a kernel thread
        }
      }
      if (left.length === 0) return;
      for (const p of left) {
        try {
          process.kill(p, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      sleepSync(100);
    }
  }
}
