// `docker image inspect` of FROM images present on this machine, turned into `images` rules: USER, HOME
// and ENV from the image's config, the rest (passwd entries, package manager, distro) from the built-in
// catalog. Shared by the CLI (`check --resolve-images`, synchronous: one run, nothing else to do) and
// the language server (`dockerCacheMounts.resolveImages`, asynchronous: requests never wait for docker).
// Never pulls, never throws: docker missing, slow or unreachable, an image not present, or a user whose
// HOME the image does not tell, each becomes one note line and the catalog answers instead.
// Node only (child_process): server/src/core never imports this.
import type { ChildProcess } from 'node:child_process';
import type { ImageFacts, ImageUser } from '../core/images/types';
import { formatReference, parseImageReference, type ImageReference } from '../core/images/reference';
import { resolveImage, type ImageRule } from '../core/images/resolve';
import type { AnyModel } from '../core/model';
import { childProcess, runDockerSync, type ProcessOutcome } from './run-docker';

/**
 * How long one `docker image inspect` may take before it is killed; DCM_DOCKER_TIMEOUT_MS may lower it.
 * @public read by scripts/reliability-doc.mjs (through out/)
 */
export const DEFAULT_DOCKER_TIMEOUT_MS = 10_000;
/** References per `docker image inspect` call, so the command line stays short. */
const INSPECT_CHUNK = 50;
/** The `origin` of the rules made here. */
const INSPECT_ORIGIN = 'docker image inspect';
const FALLBACK = 'image facts from the catalog and settings only';
/** @public read by scripts/reliability-doc.mjs (through out/) */
export const MAX_OUTPUT = 64 * 1024 * 1024;

/** One FROM image to look up: the reference as the Dockerfile wrote it (expanded) and as normalized. */
export interface ImageToInspect {
  /** As FROM has it, ARGs expanded: what is passed to docker. */
  written: string;
  ref: ImageReference;
}

export interface ImageInspection {
  /** One rule per image read, its pattern the exact normalized `repository:tag`. */
  rules: ImageRule[];
  /** One line each, without the program name: for stderr or a log. */
  notes: string[];
  /** The keys (inspectKey) of the images docker answered for, present or not; the others were not asked or the run failed. */
  answered: string[];
  /** Why docker could not answer at all (missing, stopped, unreachable...), when it could not; also in notes. */
  fatal?: string;
}

export interface InspectOptions {
  /** Defaults to DEFAULT_DOCKER_TIMEOUT_MS, or DCM_DOCKER_TIMEOUT_MS when that is lower. */
  timeoutMs?: number;
  /** The environment docker runs with (PATH finds it; DOCKER_HOST, DOCKER_CONTEXT... as it reads them). */
  env?: NodeJS.ProcessEnv;
  /** inspectImagesAsync only: aborting kills docker (the server shutting down). */
  signal?: AbortSignal;
}

/** The identity of an image to inspect: its normalized reference (`python:3.12`, `x/y@sha256:...`). */
export function inspectKey(item: ImageToInspect): string {
  return formatReference(item.ref);
}

/** The reference FROM names, as an image to inspect; undefined when it does not parse. */
function imageToInspect(reference: string): ImageToInspect | undefined {
  const ref = parseImageReference(reference);
  return 'error' in ref ? undefined : { written: reference.trim(), ref };
}

/** The external images a Dockerfile model starts FROM (not stages, not scratch), once each, in order. */
export function imagesOfModel(model: AnyModel | undefined): ImageToInspect[] {
  const seen = new Map<string, ImageToInspect>();
  if (model?.kind !== 'dockerfile') return [];
  for (const stage of model.stages) {
    if (stage.baseKind !== 'image' || !stage.baseImage) continue;
    const item = imageToInspect(stage.baseImage.reference);
    if (item && !seen.has(inspectKey(item))) seen.set(inspectKey(item), item);
  }
  return [...seen.values()];
}

/** DCM_DOCKER_TIMEOUT_MS when it is a positive number of ms below the default, else the default. */
function timeoutFrom(env: NodeJS.ProcessEnv): number {
  const raw = env.DCM_DOCKER_TIMEOUT_MS;
  const n = raw !== undefined && /^\d+$/.test(raw.trim()) ? Number(raw) : NaN;
  return n > 0 && n < DEFAULT_DOCKER_TIMEOUT_MS ? n : DEFAULT_DOCKER_TIMEOUT_MS;
}

/** The part of `docker image inspect`'s output read here. */
interface InspectedImage {
  Id?: unknown;
  RepoTags?: unknown;
  RepoDigests?: unknown;
  Config?: { User?: unknown; Env?: unknown } | null;
}

type InspectRun = { images: InspectedImage[] } | { fatal: string };

function firstLine(text: string, max = 200): string {
  const line = text.trim().split('\n')[0]!.trim();
  return line.length > max ? `${line.slice(0, max)}...` : line;
}

/** The images in docker's stdout: a JSON array (plain inspect), or one JSON document per line (`{{json .}}`). */
function parseImages(stdout: string): InspectedImage[] | undefined {
  const text = stdout.trim();
  if (text === '') return [];
  let docs: unknown[];
  try {
    const whole: unknown = JSON.parse(text);
    docs = Array.isArray(whole) ? whole : [whole];
  } catch {
    try {
      docs = text
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as unknown);
    } catch {
      return undefined;
    }
  }
  const objects = docs.every((d) => d !== null && typeof d === 'object' && !Array.isArray(d));
  return objects ? (docs as InspectedImage[]) : undefined;
}

const MISSING = /no such (?:image|object)/i;
const UNREACHABLE =
  /cannot connect to the docker daemon|error during connect|is the docker daemon running|connection refused|permission denied while trying to connect/i;

function inspectArgs(images: readonly ImageToInspect[]): string[] {
  return ['image', 'inspect', '--format', '{{json .}}', '--', ...images.map((i) => i.written)];
}

/** What one docker run means: the images it printed, or the one reason none can be read. */
function interpret(r: ProcessOutcome, timeoutMs: number): InspectRun {
  if (r.error) {
    const code = r.error.code;
    if (code === 'ENOENT') return { fatal: `docker not found on PATH; ${FALLBACK}` };
    if (code === 'ETIMEDOUT')
      return { fatal: `docker image inspect did not answer within ${timeoutMs} ms and was stopped; ${FALLBACK}` };
    return { fatal: `could not run docker image inspect (${firstLine(r.error.message)}); ${FALLBACK}` };
  }
  const stderr = r.stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const failures = stderr.filter((l) => !MISSING.test(l));
  const parsed = parseImages(r.stdout);
  if (parsed === undefined) {
    return {
      fatal: `could not read the output of docker image inspect (not JSON: ${JSON.stringify(firstLine(r.stdout, 60))}); ${FALLBACK}`,
    };
  }
  if (parsed.length === 0 && r.status !== 0 && !stderr.some((l) => MISSING.test(l))) {
    const why = failures[0] ?? (r.signal ? `killed by ${r.signal}` : `exit code ${r.status}`);
    if (UNREACHABLE.test(why)) return { fatal: `the Docker daemon is not reachable (${firstLine(why)}); ${FALLBACK}` };
    return { fatal: `docker image inspect failed (${firstLine(why)}); ${FALLBACK}` };
  }
  return { images: parsed };
}

function inspectSync(images: readonly ImageToInspect[], timeoutMs: number, env: NodeJS.ProcessEnv): InspectRun {
  return interpret(runDockerSync(inspectArgs(images), { env, timeoutMs, maxOutput: MAX_OUTPUT }), timeoutMs);
}

/**
 * The same run without blocking. Settles when docker exits, or at the time limit (docker is then
 * killed and not waited for: a child it left behind holding the pipes cannot delay the answer).
 */
function inspectAsync(
  images: readonly ImageToInspect[],
  timeoutMs: number,
  env: NodeJS.ProcessEnv,
  signal?: AbortSignal,
): Promise<InspectRun> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: ProcessOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(interpret(outcome, timeoutMs));
    };
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let size = 0;
    const text = (chunks: Buffer[]) => Buffer.concat(chunks).toString('utf8');
    const failed = (message: string, code: string): NodeJS.ErrnoException =>
      Object.assign(new Error(message), { code });
    let child: ChildProcess;
    try {
      child = childProcess().spawn('docker', inspectArgs(images), {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
        windowsHide: true,
        signal,
        killSignal: 'SIGKILL',
      });
    } catch (err) {
      const error = err instanceof Error ? (err as NodeJS.ErrnoException) : failed(String(err), 'EUNKNOWN');
      resolve(interpret({ error, stdout: '', stderr: '', status: null, signal: null }, timeoutMs));
      return;
    }
    const kill = () => {
      try {
        child.kill('SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      kill();
      finish({ error: failed('timed out', 'ETIMEDOUT'), stdout: '', stderr: '', status: null, signal: 'SIGKILL' });
    }, timeoutMs);
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_OUTPUT) {
        kill();
        finish({
          error: failed('more output than expected', 'ENOBUFS'),
          stdout: '',
          stderr: '',
          status: null,
          signal: null,
        });
        return;
      }
      into.push(chunk);
    };
    child.stdout!.on('data', collect(stdout));
    child.stderr!.on('data', collect(stderr));
    child.on('error', (err: NodeJS.ErrnoException) =>
      finish({ error: err, stdout: '', stderr: '', status: null, signal: null }),
    );
    child.on('close', (status, signal) => finish({ stdout: text(stdout), stderr: text(stderr), status, signal }));
  });
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** docker returned this image for that reference: one of its tags (or, for `@digest`, its digests) is it. */
function isImageOf(image: InspectedImage, ref: ImageReference): boolean {
  if (ref.digest !== undefined) {
    const digest = ref.digest.toLowerCase();
    return strings(image.RepoDigests).some((d) => {
      const p = parseImageReference(d);
      return !('error' in p) && p.repository === ref.repository && p.digest?.toLowerCase() === digest;
    });
  }
  const wanted = formatReference(ref);
  return strings(image.RepoTags).some((t) => {
    const p = parseImageReference(t);
    return !('error' in p) && formatReference({ repository: p.repository, tag: p.tag }) === wanted;
  });
}

function envOf(value: unknown): Record<string, string> {
  const env: Record<string, string> = {};
  for (const entry of strings(value)) {
    const eq = entry.indexOf('=');
    if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return env;
}

/** The built-in catalog's facts for the reference (settings left out), for what an image config does not hold. */
function catalogFacts(written: string): ImageFacts | undefined {
  const r = resolveImage(written, []);
  return 'resolved' in r ? r.resolved.facts : undefined;
}

/** The rule for one image, or the note saying why there is none. */
function ruleFor(item: ImageToInspect, image: InspectedImage): ImageRule | string {
  const reference = formatReference({ repository: item.ref.repository, tag: item.ref.tag });
  const rawUser = typeof image.Config?.User === 'string' ? image.Config.User.trim() : '';
  const colon = rawUser.indexOf(':');
  const userPart = colon >= 0 ? rawUser.slice(0, colon) : rawUser;
  const groupPart = colon >= 0 ? rawUser.slice(colon + 1) : '';
  const user = userPart === '' ? 'root' : userPart;
  const numeric = /^\d+$/.test(user);
  const isRoot = user === 'root' || user === '0';
  const env = envOf(image.Config?.Env);
  const catalog = catalogFacts(item.written);
  const known = catalog?.users.find((u) => u.name === user || (numeric && u.uid === Number(user)));

  let home: string;
  let homeFrom: string;
  if (env.HOME) [home, homeFrom] = [env.HOME, "the image's ENV HOME"];
  else if (isRoot) [home, homeFrom] = ['/root', 'root'];
  else if (known) [home, homeFrom] = [known.home, "the built-in catalog's passwd entry"];
  else return `${item.written}: home of user ${user} unknown (the image sets no ENV HOME); ${FALLBACK} for it`;

  const users: ImageUser[] = catalog ? catalog.users.map((u) => ({ ...u })) : [];
  if (!users.some((u) => u.name === 'root')) users.unshift({ name: 'root', uid: 0, gid: 0, home: '/root' });
  if (!isRoot && !known && numeric) {
    const uid = Number(user);
    users.push({ name: user, uid, gid: /^\d+$/.test(groupPart) ? Number(groupPart) : uid, home });
  }
  const id = typeof image.Id === 'string' ? image.Id : 'unknown';
  const facts: ImageFacts = {
    user,
    home,
    users,
    env,
    packageManager: catalog?.packageManager ?? 'none',
    distro: catalog?.distro ?? 'unknown',
    source: `docker image inspect ${item.written} (Id ${id})`,
    note: `USER, ENV and HOME (from ${homeFrom}) read from the local image's config${catalog ? '; passwd entries, package manager and distro from the built-in catalog' : ''}`,
  };
  if (catalog?.dockerClean !== undefined) facts.dockerClean = catalog.dockerClean;
  if (catalog?.shell !== undefined) facts.shell = catalog.shell;
  return { pattern: reference, facts, origin: INSPECT_ORIGIN };
}

/** Adds what one run says about its chunk to `into`. Returns false when the run failed as a whole. */
function collectRun(chunk: readonly ImageToInspect[], run: InspectRun, into: ImageInspection): boolean {
  if ('fatal' in run) {
    into.notes.push(run.fatal);
    into.fatal = run.fatal;
    return false;
  }
  for (const item of chunk) {
    into.answered.push(inspectKey(item));
    const image = run.images.find((img) => isImageOf(img, item.ref));
    if (!image) {
      into.notes.push(`${item.written} is not present locally (not pulled); ${FALLBACK} for it`);
      continue;
    }
    const rule = ruleFor(item, image);
    if (typeof rule === 'string') into.notes.push(rule);
    else into.rules.push(rule);
  }
  return true;
}

function settings(options: InspectOptions): { env: NodeJS.ProcessEnv; timeoutMs: number } {
  const env = options.env ?? process.env;
  return { env, timeoutMs: options.timeoutMs ?? timeoutFrom(env) };
}

/** Reads the images with docker, blocking (for the CLI): rules for those present, a note for everything else. Never throws. */
export function inspectImages(images: readonly ImageToInspect[], options: InspectOptions = {}): ImageInspection {
  const { env, timeoutMs } = settings(options);
  const result: ImageInspection = { rules: [], notes: [], answered: [] };
  for (let i = 0; i < images.length; i += INSPECT_CHUNK) {
    const chunk = images.slice(i, i + INSPECT_CHUNK);
    if (!collectRun(chunk, inspectSync(chunk, timeoutMs, env), result)) break; // the next chunk would fail the same way
  }
  return result;
}

/** inspectImages without blocking (for the language server): one docker process at a time. Never rejects. */
export async function inspectImagesAsync(
  images: readonly ImageToInspect[],
  options: InspectOptions = {},
): Promise<ImageInspection> {
  const { env, timeoutMs } = settings(options);
  const result: ImageInspection = { rules: [], notes: [], answered: [] };
  for (let i = 0; i < images.length; i += INSPECT_CHUNK) {
    const chunk = images.slice(i, i + INSPECT_CHUNK);
    if (!collectRun(chunk, await inspectAsync(chunk, timeoutMs, env, options.signal), result)) break;
  }
  return result;
}
