// Reads the cache mounts a builder holds, with the docker client on PATH (DOCKER_HOST, DOCKER_CONTEXT... as
// docker reads them). With buildx: `docker buildx inspect [NAME]` (its driver and status), then
// `docker buildx du --filter type=exec.cachemount --format json` (`--verbose` for a buildx without --format).
// Without buildx (Debian bookworm's Docker 20.10 has none): `docker system df -v --format '{{json .}}'`, which
// lists the daemon's own builder. Every docker run has a time limit and a bounded output. Never throws: a failure
// is one line saying what went wrong, for stderr. What each builder prints is in test/fixtures/buildx-du/.
import { firstLine, runDockerSync, type ProcessOutcome } from '../../docker/run-docker';
import { parseBuildxDuJson, parseBuildxDuVerbose, parseSystemDfJson, type CacheRecord } from './du-records';

/** How long one docker run may take before it is killed; DCM_DOCKER_TIMEOUT_MS may lower it. */
const DEFAULT_INSPECT_TIMEOUT_MS = 30_000;
/** Bytes of output past which docker is killed: 10,000 records print about 4 MB. */
const MAX_DU_OUTPUT = 32 * 1024 * 1024;

/** Drivers whose builder runs on the Docker host docker talks to (docs.docker.com/build/builders/drivers/). */
const LOCAL_DRIVERS = new Set(['docker', 'docker-container']);

interface BuilderCaches {
  /** The builder's name (`default` for the daemon's own builder read without buildx). */
  builder: string;
  driver: string;
  /** The command the records were read with. */
  source: string;
  records: CacheRecord[];
  /** The command that removes one record of this builder. */
  prune: (recordId: string) => string;
}

export type BuilderResult = BuilderCaches | { error: string };

export interface ReadOptions {
  builder?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  maxOutput?: number;
}

function inspectTimeout(env: NodeJS.ProcessEnv): number {
  const raw = env.DCM_DOCKER_TIMEOUT_MS;
  const n = raw !== undefined && /^\d+$/.test(raw.trim()) ? Number(raw) : NaN;
  return n > 0 && n < DEFAULT_INSPECT_TIMEOUT_MS ? n : DEFAULT_INSPECT_TIMEOUT_MS;
}

const NO_BUILDX = /is not a docker command|unknown command: docker buildx|unknown command "buildx"/i;
const UNREACHABLE =
  /cannot connect to the docker daemon|error during connect|is the docker daemon running|connection refused|permission denied while trying to connect|no such host/i;
const NO_BUILDER = /no builder .* found|no such builder/i;
const UNKNOWN_FLAG = /unknown flag: --format/i;

/** The one line a failed docker run comes down to; undefined when it succeeded. */
function failure(what: string, r: ProcessOutcome, timeoutMs: number): string | undefined {
  if (r.error) {
    switch (r.error.code) {
      case 'ENOENT':
        return 'docker not found on PATH: install the Docker CLI (or put it on PATH)';
      case 'ETIMEDOUT':
        return `${what} did not answer within ${timeoutMs} ms and was stopped`;
      case 'ENOBUFS':
        return `${what} printed more than ${MAX_DU_OUTPUT / (1024 * 1024)} MB: not read`;
      default:
        return `could not run ${what} (${firstLine(r.error.message)})`;
    }
  }
  if (r.signal) return `${what} was interrupted (${r.signal})`;
  if (r.status === 0) return undefined;
  const why = firstLine(r.stderr) || firstLine(r.stdout) || `exit code ${r.status}`;
  if (UNREACHABLE.test(why)) return `the Docker daemon is not reachable: ${why.replace(/^ERROR:\s*/, '')}`;
  return `${what} failed: ${why.replace(/^ERROR:\s*/, '')}`;
}

interface BuildxBuilder {
  name?: string;
  driver?: string;
  status?: string;
  /** buildx 0.29 prints `Error:  Cannot connect to the Docker daemon ...` (exit 0) when the daemon does not answer. */
  error?: string;
}

/** `Name:`, `Driver:`, `Error:` and the first node's `Status:` of `docker buildx inspect`. */
function parseBuildxInspect(stdout: string): BuildxBuilder {
  const value = (key: string) => new RegExp(`^${key}:[ \\t]*(.*)$`, 'm').exec(stdout)?.[1]?.trim();
  const out: BuildxBuilder = {};
  for (const key of ['name', 'driver', 'status', 'error'] as const) {
    const v = value(key[0]!.toUpperCase() + key.slice(1));
    if (v) out[key] = v;
  }
  return out;
}

function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The builder's cache mount records, or the one line why they cannot be read. */
export function readBuilderCaches(options: ReadOptions = {}): BuilderResult {
  const env = options.env ?? process.env;
  const timeoutMs = options.timeoutMs ?? inspectTimeout(env);
  const maxOutput = options.maxOutput ?? MAX_DU_OUTPUT;
  const run = (args: string[]) => runDockerSync(args, { env, timeoutMs, maxOutput });

  const inspectArgs = ['buildx', 'inspect', ...(options.builder ? [options.builder] : [])];
  const inspected = run(inspectArgs);
  const noBuildx = !inspected.error && inspected.status !== 0 && NO_BUILDX.test(inspected.stderr + inspected.stdout);
  if (noBuildx) {
    if (options.builder)
      return { error: `--builder ${options.builder} needs docker buildx, which this docker client does not have` };
    return readWithoutBuildx(run, timeoutMs);
  }
  const inspectFailure = failure(`docker ${inspectArgs.join(' ')}`, inspected, timeoutMs);
  if (inspectFailure) {
    if (NO_BUILDER.test(inspectFailure))
      return { error: `no builder named ${options.builder ?? '(current)'}: ${inspectFailure}` };
    return { error: inspectFailure };
  }
  const info = parseBuildxInspect(inspected.stdout);
  const name = info.name ?? options.builder ?? 'default';
  if (info.error) {
    if (UNREACHABLE.test(info.error)) return { error: `the Docker daemon is not reachable: ${info.error}` };
    return { error: `builder ${name}: ${info.error}` };
  }
  if (!info.driver)
    return {
      error: `docker buildx inspect printed no Driver line: ${JSON.stringify(firstLine(inspected.stdout, 60))}`,
    };
  if (!LOCAL_DRIVERS.has(info.driver))
    return {
      error: `builder ${name} uses the ${info.driver} driver: its caches live on another machine, and inspect reads docker and docker-container builders only`,
    };
  if (info.status !== undefined && info.status !== 'running')
    return {
      error: `builder ${name} is not running (status ${info.status}): start it with \`docker buildx inspect --bootstrap ${shellWord(name)}\``,
    };
  const base = ['buildx', 'du', '--builder', name, '--filter', 'type=exec.cachemount'];
  let source = `docker ${[...base, '--format', 'json'].join(' ')}`;
  let du = run([...base, '--format', 'json']);
  let parse = parseBuildxDuJson;
  if (!du.error && du.status !== 0 && UNKNOWN_FLAG.test(du.stderr)) {
    source = `docker ${[...base, '--verbose'].join(' ')}`;
    du = run([...base, '--verbose']);
    parse = parseBuildxDuVerbose;
  }
  const duFailure = failure(source, du, timeoutMs);
  if (duFailure) return { error: duFailure };
  const parsed = parse(du.stdout);
  if ('error' in parsed) return { error: parsed.error };
  return {
    builder: name,
    driver: info.driver,
    source,
    records: parsed.records,
    prune: (id) => `docker buildx prune --builder ${shellWord(name)} --force --filter id=${shellWord(id)}`,
  };
}

function readWithoutBuildx(run: (args: string[]) => ProcessOutcome, timeoutMs: number): BuilderResult {
  const args = ['system', 'df', '-v', '--format', '{{json .}}'];
  const source = `docker ${args.join(' ')}`;
  const r = run(args);
  const why = failure(source, r, timeoutMs);
  if (why) return { error: why };
  const parsed = parseSystemDfJson(r.stdout);
  if ('error' in parsed) return { error: parsed.error };
  return {
    builder: 'default',
    driver: 'docker',
    source,
    records: parsed.records,
    prune: (id) => `docker builder prune --force --filter id=${shellWord(id)}`,
  };
}
