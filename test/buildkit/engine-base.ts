// What the suite's private engines share: the interface the premises use (build, import, version, umask) and
// running the engine's own docker client. engine.ts is Docker 20.10 on the host; engine-docker28.ts is Docker 28
// in a Debian sid chroot. Each subclass says how its daemon starts and stops and how its client is run.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { alive, runCollect, type RunResult, sleepSync } from './engine-process';

/** The builders the suite runs on (scripts/buildkit/run.sh runs the premises once per builder). */
export type BuilderId = 'docker-20.10' | 'docker-28';
export const BUILDER_IDS: readonly BuilderId[] = ['docker-20.10', 'docker-28'];

const START_TIMEOUT_MS = 60_000;
export const BUILD_TIMEOUT_MS = 180_000;

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

/** How to run the engine's docker client: a host command line and its environment. */
export interface ClientCommand {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
}

export abstract class PrivateEngine {
  abstract readonly builder: BuilderId;
  /** A host folder for build contexts and scratch files that the engine's client can read. */
  abstract readonly root: string;
  /** Host path of the engine's API socket. */
  abstract readonly socket: string;
  /** Where the engine's folder lives: `tmpfs (...)` or `disk (why)`. */
  storage = 'not started';
  protected child: ChildProcess | undefined;
  protected exited = false;
  protected abstract readonly logFile: string;

  /** Starts the daemon and waits (bounded) until the client answers. Throws a loud, explanatory error otherwise. */
  abstract start(): void;
  /** Stops everything start() made and removes the engine's folder; returns the phases' times. Safe to call twice. */
  abstract stop(): string;
  /** The client command line for `docker <args>` against this engine. */
  protected abstract client(args: readonly string[]): ClientCommand;
  /** A host path under `root` as the client sees it (for path arguments such as a context or `-f`). */
  abstract clientPath(hostPath: string): string;
  /** The version line's words about where the engine comes from. */
  protected abstract origin(extra: Record<string, string>): string;

  /** `docker <args>` to its end; `inputFile` is streamed to its stdin. Never throws on a failed command. */
  docker(args: readonly string[], options: { timeoutMs?: number; inputFile?: string } = {}): Promise<RunResult> {
    const c = this.client(args);
    return runCollect(c.command, c.args, {
      env: c.env,
      timeoutMs: options.timeoutMs ?? BUILD_TIMEOUT_MS,
      inputFile: options.inputFile,
    });
  }

  /**
   * A shell script body that runs this engine's docker client with the script's arguments, as a `docker` on PATH
   * would (the inspect test puts it first on PATH). `socketName` replaces the socket's file name (a socket that
   * does not exist: a daemon that does not answer).
   */
  clientScript(socketName?: string): string {
    const c = this.client([]);
    const quote = (w: string) => `'${w.replace(/'/g, `'\\''`)}'`;
    const args = c.args.map((a) => (socketName && a.startsWith('unix://') ? a.replace(/[^/]+$/, socketName) : a));
    const env = Object.entries(c.env)
      .filter(([k, v]) => v !== undefined && process.env[k] !== v)
      .map(([k, v]) => `export ${k}=${quote(v!)}`);
    return [...env, `exec ${[c.command, ...args].map(quote).join(' ')} "$@"`].join('\n');
  }

  /** `docker <args>` synchronously, for short queries; throws on failure. */
  dockerSync(args: readonly string[]): string {
    const c = this.client(args);
    return execFileSync(c.command, c.args, {
      env: c.env,
      encoding: 'utf8',
      timeout: 30_000,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  /**
   * `docker build --network host --progress plain` (BuildKit) of a context folder under `root`, tagged `tag`
   * when given. Never throws on a failed build.
   */
  async build(context: string, buildArgs: Record<string, string> = {}, tag?: string): Promise<BuildResult> {
    const args = ['build', '--network', 'host', '--progress', 'plain'];
    for (const [k, v] of Object.entries(buildArgs)) args.push('--build-arg', `${k}=${v}`);
    if (tag !== undefined) args.push('-t', tag);
    args.push(this.clientPath(context));
    const r = await this.docker(args);
    return { code: r.code, output: r.output };
  }

  /** `docker import - NAME` of a root filesystem tarball (any host path): `FROM NAME` then needs no registry. */
  async importImage(tarball: string, name: string): Promise<void> {
    const r = await this.docker(['import', '-', name], { inputFile: tarball });
    if (r.code !== 0)
      throw new Error(
        `docker import ${tarball} ${name} failed (exit ${r.code}): ${r.output.trim()}\n${this.logTail()}`,
      );
  }

  version(): EngineVersion {
    const v = JSON.parse(this.dockerSync(['version', '--format', '{{json .}}'])) as {
      Client?: { Version?: string };
      Server?: { Version?: string; Components?: { Name: string; Version: string }[] };
    };
    const component = (name: string) =>
      v.Server?.Components?.find((c) => c.Name.toLowerCase() === name)?.Version ?? 'unknown';
    const client = v.Client?.Version ?? 'unknown';
    const server = v.Server?.Version ?? 'unknown';
    const containerd = component('containerd');
    const runc = component('runc');
    const summary = `Docker Engine ${server} (${this.origin({ client })}), containerd ${containerd}, runc ${runc}`;
    return { client, server, containerd, runc, summary };
  }

  /** The daemon's umask as /proc reports it (e.g. `0022`): the builder masks a new cache dir's `mode` with it. */
  umask(): string {
    const pid = this.child?.pid;
    if (pid === undefined || !alive(pid)) return 'unknown (dockerd not running)';
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return /^Umask:\s*(\d+)/m.exec(status)?.[1] ?? 'unknown (no Umask line in /proc)';
  }

  logTail(lines = 30): string {
    try {
      const text = fs.readFileSync(this.logFile, 'utf8').trimEnd().split('\n');
      return `--- last ${lines} lines of ${this.logFile} ---\n${text.slice(-lines).join('\n')}`;
    } catch {
      return `(no dockerd log at ${this.logFile})`;
    }
  }

  /** Spawns the daemon with its output to the log file, then waits until `docker info` answers. */
  protected spawnDaemon(command: string, args: readonly string[], env: NodeJS.ProcessEnv): void {
    const log = fs.openSync(this.logFile, 'a');
    this.child = spawn(command, args, { env, stdio: ['ignore', log, log] });
    fs.closeSync(log);
    this.child.on('exit', () => (this.exited = true));
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (this.exited)
        throw new Error(`buildkit suite: dockerd (${this.builder}) exited during startup.\n${this.logTail()}`);
      if (this.ping()) return;
      if (Date.now() > deadline)
        throw new Error(
          `buildkit suite: dockerd (${this.builder}) did not answer within ${START_TIMEOUT_MS / 1000}s.\n${this.logTail()}`,
        );
      sleepSync(250);
    }
  }

  private ping(): boolean {
    try {
      const c = this.client(['info']);
      execFileSync(c.command, c.args, { env: c.env, stdio: 'ignore', timeout: 10_000 });
      return true;
    } catch {
      return false;
    }
  }
}
