// The `images` setting: a team teaches the analyzer its own base images. Untrusted input (editor
// settings, `.cache-mounts.json`): every bad entry is reported in one line and skipped; nothing throws.
import type { ImageFacts, ImageUser, PackageManager } from './types';
import type { ImageRule } from './resolve';
import { parseImageReference } from './reference';

export interface ImageSettingProblem {
  key: string;
  message: string;
}

const PACKAGE_MANAGERS: readonly PackageManager[] = ['apt', 'apk', 'dnf', 'microdnf', 'yum', 'none'];
const FIELDS = new Set([
  'user',
  'home',
  'uid',
  'gid',
  'env',
  'packageManager',
  'distro',
  'dockerClean',
  'remoteUser',
  'source',
]);

/** The JSON schema of one entry (config-schema.ts puts it under every pattern). */
export const IMAGE_FACTS_SCHEMA = {
  type: 'object',
  required: ['user'],
  additionalProperties: false,
  properties: {
    user: {
      type: 'string',
      minLength: 1,
      markdownDescription: 'The user a `RUN` runs as on this image (its config `USER`; `root` when it sets none).',
    },
    home: {
      type: 'string',
      pattern: '^/',
      markdownDescription: "That user's HOME (required unless the user is root: `/root`).",
    },
    uid: { type: 'integer', minimum: 0, markdownDescription: "That user's uid (lets CM006 suggest `uid=`)." },
    gid: { type: 'integer', minimum: 0, markdownDescription: "That user's primary gid." },
    env: {
      type: 'object',
      additionalProperties: { type: 'string' },
      markdownDescription:
        "The image config's ENV. A variable not listed is taken as unset, so list every one that matters (`UV_CACHE_DIR`, `PIP_NO_CACHE_DIR`, `XDG_CACHE_HOME`, `GOPATH`...).",
    },
    packageManager: { type: 'string', enum: [...PACKAGE_MANAGERS] },
    distro: { type: 'string', markdownDescription: '`debian`, `ubuntu`, `alpine`, ...' },
    dockerClean: {
      type: 'boolean',
      markdownDescription: 'The image has `/etc/apt/apt.conf.d/docker-clean` (Debian and Ubuntu official images do).',
    },
    remoteUser: {
      type: 'string',
      minLength: 1,
      markdownDescription:
        'For a dev container image: the `remoteUser` of its `devcontainer.metadata` label (a devcontainer.json on it that sets no remoteUser runs tools as this user).',
    },
    source: { type: 'string', markdownDescription: 'Where these facts come from (shown in hovers).' },
  },
} as const;

function isRoot(user: string): boolean {
  return user === 'root' || user === '0';
}

/** One entry's facts, or the reason it is rejected. */
function entryFacts(pattern: string, value: unknown, origin: string): ImageFacts | string {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 'must be an object with at least "user"';
  const v = value as Record<string, unknown>;
  const unknownField = Object.keys(v).find((k) => !FIELDS.has(k));
  if (unknownField !== undefined) return `unknown field "${unknownField}"`;
  if (typeof v.user !== 'string' || v.user.trim() === '') return '"user" must be a non-empty string';
  const user = v.user.trim();
  if (v.home !== undefined && (typeof v.home !== 'string' || !v.home.startsWith('/')))
    return '"home" must be an absolute path';
  if (v.home === undefined && !isRoot(user)) return `"home" is required for user ${user} (only root defaults to /root)`;
  for (const id of ['uid', 'gid'] as const) {
    if (v[id] !== undefined && !(Number.isInteger(v[id]) && (v[id] as number) >= 0))
      return `"${id}" must be a non-negative integer`;
  }
  if (
    v.env !== undefined &&
    (!v.env ||
      typeof v.env !== 'object' ||
      Array.isArray(v.env) ||
      Object.values(v.env).some((x) => typeof x !== 'string'))
  ) {
    return '"env" must be an object of variable name to string value';
  }
  if (v.packageManager !== undefined && !PACKAGE_MANAGERS.includes(v.packageManager as PackageManager))
    return `"packageManager" must be one of ${PACKAGE_MANAGERS.join(', ')}`;
  if (v.distro !== undefined && typeof v.distro !== 'string') return '"distro" must be a string';
  if (v.dockerClean !== undefined && typeof v.dockerClean !== 'boolean') return '"dockerClean" must be true or false';
  if (v.source !== undefined && typeof v.source !== 'string') return '"source" must be a string';
  if (v.remoteUser !== undefined && (typeof v.remoteUser !== 'string' || v.remoteUser.trim() === ''))
    return '"remoteUser" must be a non-empty string';
  const home = v.home ?? '/root';
  const users: ImageUser[] = [{ name: 'root', uid: 0, gid: 0, home: '/root' }];
  const uid = v.uid as number | undefined;
  if (!isRoot(user) && uid !== undefined)
    users.push({ name: user, uid, gid: (v.gid as number | undefined) ?? uid, home });
  const facts: ImageFacts = {
    user,
    home,
    users,
    env: { ...((v.env as Record<string, string> | undefined) ?? {}) },
    packageManager: (v.packageManager as PackageManager | undefined) ?? 'none',
    distro: v.distro ?? 'unknown',
    source: v.source ?? `${origin} "${pattern}"`,
  };
  if (v.dockerClean !== undefined) facts.dockerClean = v.dockerClean;
  if (v.remoteUser !== undefined) facts.devcontainerRemoteUser = v.remoteUser.trim();
  return facts;
}

/** A pattern must read as a reference once `*` is replaced by a letter. */
function patternProblem(pattern: string): string | undefined {
  if (pattern.trim() === '') return 'empty image pattern';
  const probe = parseImageReference(pattern.replace(/\*/g, 'x'));
  return 'error' in probe ? probe.error : undefined;
}

export function normalizeImages(
  raw: unknown,
  origin = 'images setting',
): { rules: ImageRule[]; problems: ImageSettingProblem[] } {
  const rules: ImageRule[] = [];
  const problems: ImageSettingProblem[] = [];
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push({
      key: 'images',
      message:
        'must be an object of image pattern to facts, e.g. { "myorg/base:*": { "user": "app", "home": "/home/app" } }',
    });
    return { rules, problems };
  }
  for (const [pattern, value] of Object.entries(raw as Record<string, unknown>)) {
    const bad = patternProblem(pattern);
    if (bad !== undefined) {
      problems.push({ key: `images.${pattern}`, message: `${bad}; entry ignored` });
      continue;
    }
    const facts = entryFacts(pattern, value, origin);
    if (typeof facts === 'string') problems.push({ key: `images.${pattern}`, message: `${facts}; entry ignored` });
    else rules.push({ pattern, facts, origin: `${origin} "${pattern}"` });
  }
  return { rules, problems };
}
