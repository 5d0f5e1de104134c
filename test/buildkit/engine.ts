// The Docker 20.10 engine: Debian bookworm's dockerd (vfs storage, no iptables, no bridge) with its own socket,
// data and exec roots under a short temp folder, and Debian's classic docker client (it builds with BuildKit
// through DOCKER_BUILDKIT=1; the other client needs buildx, which bookworm's docker.io does not have).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type BuilderId, type ClientCommand, PrivateEngine } from './engine-base';
import { alive, removeTree, terminate, unmountUnder } from './engine-process';

export const DOCKERD = '/usr/sbin/dockerd';
export const DOCKER = '/usr/bin/docker';

const STOP_TIMEOUT_MS = 30_000;
/** An upper bound, not a reservation: a full run writes about 3 GB of vfs layers. */
export const TMPFS_SIZE = '8g';

/**
 * Mounts a tmpfs on `dir`: vfs copies the full rootfs for every build step (GBs with the Debian image), which on
 * this machine's disk made removing the folder take from 6 s to 160 s; in memory it is instant. Returns where
 * the folder lives. DCM_ENGINE_TMPFS=0 keeps it on disk; a failed mount falls back to disk too (the log says which).
 */
export function mountEngineTmpfs(dir: string): string {
  if (process.env.DCM_ENGINE_TMPFS === '0') return 'disk (DCM_ENGINE_TMPFS=0)';
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${TMPFS_SIZE},mode=0700`, 'dcm-engine', dir], { stdio: 'pipe' });
    return `tmpfs (size=${TMPFS_SIZE})`;
  } catch (err) {
    return `disk (tmpfs mount failed: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]})`;
  }
}

export class DockerEngine extends PrivateEngine {
  readonly builder: BuilderId = 'docker-20.10';
  readonly root: string;
  readonly socket: string;
  protected readonly logFile: string;

  constructor() {
    super();
    // Short path on purpose: unix socket paths are limited to 108 bytes, and containerd nests its own under exec/.
    this.root = fs.mkdtempSync('/tmp/dcm-');
    this.socket = path.join(this.root, 'docker.sock');
    this.logFile = path.join(this.root, 'dockerd.log');
  }

  start(): void {
    const missing = [DOCKERD, DOCKER, '/bin/busybox'].filter((f) => !fs.existsSync(f));
    if (missing.length) {
      throw new Error(
        `buildkit suite: missing ${missing.join(', ')}. Run scripts/buildkit/setup.sh (installs docker.io and busybox-static).`,
      );
    }
    if (process.getuid && process.getuid() !== 0) {
      throw new Error('buildkit suite: dockerd needs root (the suite does not run a rootless engine). Run it as root.');
    }
    this.storage = mountEngineTmpfs(this.root);
    const args = [
      '--storage-driver=vfs',
      '--iptables=false',
      '--bridge=none',
      '-H',
      `unix://${this.socket}`,
      '--data-root',
      path.join(this.root, 'data'),
      '--exec-root',
      path.join(this.root, 'exec'),
      '--pidfile',
      path.join(this.root, 'docker.pid'),
    ];
    this.spawnDaemon(DOCKERD, args, process.env);
  }

  protected client(args: readonly string[]): ClientCommand {
    return {
      command: DOCKER,
      args: ['-H', `unix://${this.socket}`, ...args],
      env: { ...process.env, DOCKER_BUILDKIT: '1' },
    };
  }

  clientPath(hostPath: string): string {
    return hostPath;
  }

  protected origin(extra: Record<string, string>): string {
    // The 20.10 engine vendors BuildKit and its Dockerfile frontend (dockerfile.v0) without reporting their versions.
    return `Debian bookworm docker.io; BuildKit and the dockerfile.v0 frontend built in; client ${extra.client}`;
  }

  /**
   * Stops dockerd (SIGTERM, then SIGKILL after a bound), its managed containerd, any mount left under the root,
   * and removes the root. Synchronous so it also works from a signal handler. Safe to call twice.
   */
  stop(): string {
    const t0 = Date.now();
    const pid = this.child?.pid;
    if (pid !== undefined && !this.exited) terminate(pid, STOP_TIMEOUT_MS);
    const t1 = Date.now();
    this.killManagedContainerd();
    unmountUnder(this.root);
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
}
