// `check --resolve-images`: the FROM images present on this machine describe themselves. One
// `docker image inspect` per run (per 50 references) reads their config; USER, HOME and ENV become
// `images` rules put before every file's own, so they win over the settings and the built-in catalog.
// Never pulls, never fails the run: docker missing, slow or unreachable, an image not present, or a
// user whose HOME the image does not tell, each becomes one note line and the catalog answers instead.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { ImageFacts, ImageUser } from '../core/images/types';
import { formatReference, parseImageReference, type ImageReference } from '../core/images/reference';
import { resolveImage, type ImageRule } from '../core/images/resolve';
import { fileUri, type CheckInput } from './check';
import { modelOf } from './workspace';

/** How long one `docker image inspect` may take before it is killed; DCM_DOCKER_TIMEOUT_MS may lower it. */
export const DEFAULT_DOCKER_TIMEOUT_MS = 10_000;
/** References per `docker image inspect` call, so the command line stays short. */
const CHUNK = 50;
const ORIGIN = 'docker image inspect';
const FALLBACK = 'image facts from the catalog and settings only';

/** One FROM image to look up: the reference as the Dockerfile wrote it (expanded) and as normalized. */
export interface ImageToInspect {
  /** As FROM has it, ARGs expanded: what is passed to docker. */
  written: string;
  ref: ImageReference;
}

export interface ImageInspection {
  /** One rule per image read, its pattern the exact normalized `repository:tag`. */
  rules: ImageRule[];
  /** One line each, without the program name: for stderr. */
  notes: string[];
}

export interface InspectOptions {
  /** Defaults to DEFAULT_DOCKER_TIMEOUT_MS, or DCM_DOCKER_TIMEOUT_MS when that is lower. */
  timeoutMs?: number;
  /** The environment docker runs with (PATH finds it; DOCKER_HOST, DOCKER_CONTEXT... as it reads them). */
  env?: NodeJS.ProcessEnv;
}

/** The external images the Dockerfiles among `inputs` start FROM, once each, in order of appearance. */
export function imagesToInspect(inputs: readonly CheckInput[]): ImageToInspect[] {
  const seen = new Map<string, ImageToInspect>();
  for (const { target, settings } of inputs) {
    if (target.kind !== 'dockerfile') continue;
    let text: string;
    try {
      text = readFileSync(target.path, 'utf8');
    } catch {
      continue; // the check itself reports the file
    }
    const model = modelOf(text, fileUri(target.path), 'dockerfile', settings);
    if (model?.kind !== 'dockerfile') continue;
    for (const stage of model.stages) {
      if (stage.baseKind !== 'image' || !stage.baseImage) continue;
      const ref = parseImageReference(stage.baseImage.reference);
      if ('error' in ref) continue;
      const key = formatReference(ref);
      if (!seen.has(key)) seen.set(key, { written: stage.baseImage.reference.trim(), ref });
    }
  }
  return [...seen.values()];
}

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
      docs = text.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as unknown);
    } catch {
      return undefined;
    }
  }
  const objects = docs.every((d) => d !== null && typeof d === 'object' && !Array.isArray(d));
  return objects ? (docs as InspectedImage[]) : undefined;
}

const MISSING = /no such (?:image|object)/i;
const UNREACHABLE = /cannot connect to the docker daemon|error during connect|is the docker daemon running|connection refused|permission denied while trying to connect/i;

function inspect(images: readonly ImageToInspect[], timeoutMs: number, env: NodeJS.ProcessEnv): InspectRun {
  const args = ['image', 'inspect', '--format', '{{json .}}', '--', ...images.map((i) => i.written)];
  const r = spawnSync('docker', args, { env, encoding: 'utf8', timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { fatal: `docker not found on PATH; ${FALLBACK}` };
    if (code === 'ETIMEDOUT') return { fatal: `docker image inspect did not answer within ${timeoutMs} ms and was stopped; ${FALLBACK}` };
    return { fatal: `could not run docker image inspect (${firstLine(r.error.message)}); ${FALLBACK}` };
  }
  const stderr = (r.stderr ?? '').split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const failures = stderr.filter((l) => !MISSING.test(l));
  const parsed = parseImages(r.stdout ?? '');
  if (parsed === undefined) {
    return { fatal: `could not read the output of docker image inspect (not JSON: ${JSON.stringify(firstLine(r.stdout ?? '', 60))}); ${FALLBACK}` };
  }
  if (parsed.length === 0 && r.status !== 0 && !stderr.some((l) => MISSING.test(l))) {
    const why = failures[0] ?? (r.signal ? `killed by ${r.signal}` : `exit code ${r.status}`);
    if (UNREACHABLE.test(why)) return { fatal: `the Docker daemon is not reachable (${firstLine(why)}); ${FALLBACK}` };
    return { fatal: `docker image inspect failed (${firstLine(why)}); ${FALLBACK}` };
  }
  return { images: parsed };
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
  return { pattern: reference, facts, origin: ORIGIN };
}

/** Reads the images with docker: rules for those present, a note for everything else. Never throws. */
export function inspectImages(images: readonly ImageToInspect[], options: InspectOptions = {}): ImageInspection {
  const env = options.env ?? process.env;
  const timeoutMs = options.timeoutMs ?? timeoutFrom(env);
  const rules: ImageRule[] = [];
  const notes: string[] = [];
  for (let i = 0; i < images.length; i += CHUNK) {
    const chunk = images.slice(i, i + CHUNK);
    const run = inspect(chunk, timeoutMs, env);
    if ('fatal' in run) {
      notes.push(run.fatal);
      break; // the next chunk would fail the same way
    }
    for (const item of chunk) {
      const image = run.images.find((img) => isImageOf(img, item.ref));
      if (!image) {
        notes.push(`${item.written} is not present locally (not pulled); ${FALLBACK} for it`);
        continue;
      }
      const rule = ruleFor(item, image);
      if (typeof rule === 'string') notes.push(rule);
      else rules.push(rule);
    }
  }
  return { rules, notes };
}

/** The inputs with the images read from docker put before each file's own `images` rules; notes for stderr. */
export function resolveInputImages(inputs: readonly CheckInput[], options: InspectOptions = {}): { inputs: CheckInput[]; notes: string[] } {
  const wanted = imagesToInspect(inputs);
  if (wanted.length === 0) return { inputs: [...inputs], notes: [] };
  const { rules, notes } = inspectImages(wanted, options);
  if (rules.length === 0) return { inputs: [...inputs], notes };
  return {
    inputs: inputs.map((input) => ({ ...input, settings: { ...input.settings, images: [...rules, ...input.settings.images] } })),
    notes,
  };
}
