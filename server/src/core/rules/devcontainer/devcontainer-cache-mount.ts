// CM101: `type=cache` in devcontainer.json `mounts` or `runArgs`. Cache mounts exist only during
// `docker build`; `docker run` passes the type on and the daemon's mount validation has no cache type
// (docs/semantics.md#run-time-mount-types). Fixes: a bind mount of the host uv cache plus containerEnv UV_CACHE_DIR (the seed's
// pattern, for uv caches), or a named volume.
import { replace, type Fix, type TextEdit } from '../../fix';
import { checkedJsonFix } from '../../devcontainer/fix-check';
import {
  detectFormat,
  insertProperties,
  replaceValue,
  type JsonFormat,
  type JsonValue,
} from '../../devcontainer/json-edit';
import { findProperty, propertyValue, stringValue } from '../../devcontainer/json-tree';
import { canonicalMountKey } from '../../devcontainer/mount-string';
import type { DevcontainerModel, DevcontainerMount, DevcontainerMountField } from '../../devcontainer/types';
import type { Settings } from '../../settings';
import type { Span } from '../../text';
import type { DevcontainerRule } from '../rule';

const UV_ENV = 'UV_CACHE_DIR';

function lastField(mount: DevcontainerMount, key: string): DevcontainerMountField | undefined {
  let found: DevcontainerMountField | undefined;
  for (const f of mount.fields) {
    if (mount.origin === 'mounts-object' ? f.key === key : canonicalMountKey(f.key) === key) found = f;
  }
  return found;
}

/** The range to flag: the `type=cache` field, or the object form's "type" value. */
function typeSpan(mount: DevcontainerMount): Span {
  const field = lastField(mount, 'type');
  if (!field) return mount.span;
  return mount.origin === 'mounts-object' ? (field.valueSpan ?? field.span) : field.span;
}

function where(mount: DevcontainerMount): string {
  return mount.origin.startsWith('runArgs') ? `runArgs[${mount.arrayIndex}]` : `mounts[${mount.arrayIndex}]`;
}

/** A uv cache: the target is uv's cache dir (`.cache/uv`, `/uvcache`, `/cache/uv`), UV_CACHE_DIR points at it, or the id names uv. */
export function isUvCacheMount(model: DevcontainerModel, mount: DevcontainerMount, settings: Settings): boolean {
  const target = mount.target?.replace(/\/+$/, '') ?? '';
  if (target) {
    if (/(^|\/)\.cache\/uv(\/|$)/.test(target) || /(^|\/)(uv|uv[-_]?cache|cache\/uv)$/i.test(target)) return true;
    if (target === settings.devcontainerUvCacheTarget.replace(/\/+$/, '')) return true;
    if (model.containerEnv.some((e) => e.name === UV_ENV && e.value?.replace(/\/+$/, '') === target)) return true;
  }
  const id = lastField(mount, 'id')?.value ?? '';
  return /(^|[^a-z0-9])uv([^a-z0-9]|cache|$)/i.test(id);
}

/**
 * Keeps the characters of a Docker volume name; `${devcontainerId}` stays, since the CLI substitutes it
 * in mounts with a stable per-container id (docs/semantics.md#devcontainer-variables).
 */
function sanitizeVolumeName(s: string): string {
  const cleaned = s
    .split(/(\$\{devcontainerId\})/)
    .map((part) => (part === '${devcontainerId}' ? part : part.replace(/[^A-Za-z0-9_.-]+/g, '-')))
    .join('');
  return cleaned.replace(/^[^A-Za-z0-9$]+/, '').replace(/[-.]+$/, '');
}

/** The named volume: the mount's id, else uv-cache for uv, else `<last target segment>-cache`. */
function volumeNameFor(mount: DevcontainerMount, uv: boolean): string {
  const id = sanitizeVolumeName(lastField(mount, 'id')?.value ?? '');
  if (id) return id;
  if (uv) return 'uv-cache';
  const segment = sanitizeVolumeName((mount.target ?? '').split('/').filter(Boolean).pop() ?? '');
  if (!segment) return 'cache';
  return /cache$/i.test(segment) ? segment : `${segment}-cache`;
}

/** One `key=value` CSV field, quoted (Go csv style) when the value needs it. */
function csvField(key: string, value: string): string {
  const field = `${key}=${value}`;
  return /[",\r\n]/.test(field) || field.startsWith(' ') ? `"${field.replace(/"/g, '""')}"` : field;
}

interface Replacement {
  type: 'bind' | 'volume';
  source: string;
  target: string;
  /** String forms only: the object schema has no consistency key (docs/semantics.md#devcontainer-mounts). */
  consistency?: string;
}

/** Edits that turn the mount into `replacement`, keeping everything around it. */
function rewriteMount(
  model: DevcontainerModel,
  mount: DevcontainerMount,
  r: Replacement,
  fmt: JsonFormat,
): TextEdit[] | undefined {
  if (mount.origin === 'mounts-object') {
    const edits: TextEdit[] = [];
    const missing: [string, JsonValue][] = [];
    for (const [key, value] of [
      ['type', r.type],
      ['source', r.source],
      ['target', r.target],
    ] as const) {
      const prop = findProperty(mount.node, key);
      const valueNode = prop?.children?.[1];
      if (prop && !valueNode) return undefined; // half-typed `"source":`
      if (valueNode) {
        if (stringValue(valueNode) !== value) edits.push(replaceValue(model.text, model.lines, valueNode, value, fmt));
      } else missing.push([key, value]);
    }
    if (missing.length) {
      const inserted = insertProperties(model.text, model.lines, mount.node, missing, fmt);
      if (!inserted) return undefined;
      edits.push(...inserted);
    }
    return edits;
  }
  if (mount.origin !== 'mounts-string' && mount.origin !== 'runArgs-mount') return undefined;
  const fields = [csvField('source', r.source), csvField('target', r.target), csvField('type', r.type)];
  if (r.consistency) fields.push(csvField('consistency', r.consistency));
  return [replace(mount.span, JSON.stringify(mount.prefix + fields.join(',')))];
}

/** Sets containerEnv.UV_CACHE_DIR, creating containerEnv when absent; [] when already set. */
function containerEnvEdits(model: DevcontainerModel, value: string, fmt: JsonFormat): TextEdit[] | undefined {
  const root = model.root;
  if (!root) return undefined;
  const env = propertyValue(root, 'containerEnv');
  if (!env) {
    if (findProperty(root, 'containerEnv')) return undefined; // half-typed `"containerEnv":`
    return insertProperties(model.text, model.lines, root, [['containerEnv', { [UV_ENV]: value }]], fmt);
  }
  if (env.type !== 'object') return [replaceValue(model.text, model.lines, env, { [UV_ENV]: value }, fmt, true)];
  const prop = findProperty(env, UV_ENV);
  if (!prop) return insertProperties(model.text, model.lines, env, [[UV_ENV, value]], fmt);
  const current = prop.children?.[1];
  if (!current) return undefined;
  return stringValue(current) === value ? [] : [replaceValue(model.text, model.lines, current, value, fmt)];
}

function bindFix(
  model: DevcontainerModel,
  mount: DevcontainerMount,
  settings: Settings,
  fmt: JsonFormat,
): Fix | undefined {
  const target = settings.devcontainerUvCacheTarget;
  // Another mount already at the bind target would make a duplicate mount point.
  const taken = model.mounts.some((m) => m !== mount && m.target === target);
  if (taken || model.parseErrors.length) return undefined;
  const replacement: Replacement = { type: 'bind', source: `\${localEnv:${UV_ENV}}`, target };
  if (mount.origin !== 'mounts-object') replacement.consistency = 'cached';
  const mountEdits = rewriteMount(model, mount, replacement, fmt);
  const envEdits = containerEnvEdits(model, target, fmt);
  if (!mountEdits || !envEdits) return undefined;
  return checkedJsonFix(
    model,
    `Replace with a bind mount of the host uv cache (${UV_ENV}=${target})`,
    [...mountEdits, ...envEdits],
    { safety: 'unsafe' },
  );
}

function volumeFix(model: DevcontainerModel, mount: DevcontainerMount, uv: boolean, fmt: JsonFormat): Fix | undefined {
  if (!mount.target) return undefined;
  const name = volumeNameFor(mount, uv);
  const edits = rewriteMount(model, mount, { type: 'volume', source: name, target: mount.target }, fmt);
  return checkedJsonFix(model, `Replace with a named volume "${name}"`, edits, { safety: 'safe', scope: mount.span });
}

const MESSAGES = {
  runRejects: 'Docker rejects the cache mount in {{where}}: type=cache exists only in `docker build`, not at run time.',
  composeDropsType: 'The cache mount in {{where}} is no build cache: with dockerComposeFile the type is dropped.',
} as const;
type MessageId = keyof typeof MESSAGES;

/** The message, and the why with the evidence for the hover. */
function message(
  model: DevcontainerModel,
  mount: DevcontainerMount,
): { messageId: MessageId; detail: string; severity?: 'warning' } {
  const what = mount.target
    ? `Cache mount (type=cache) at "${mount.target}" in ${where(mount)}`
    : `Cache mount (type=cache) without a target in ${where(mount)}`;
  const buildOnly = 'cache mounts are a `docker build` feature (RUN --mount=type=cache)';
  if (model.dockerComposeFile && mount.origin.startsWith('mounts')) {
    return {
      messageId: 'composeDropsType',
      severity: 'warning',
      detail:
        `${what}: ${buildOnly}. With dockerComposeFile, the Dev Containers CLI hands mounts to Compose as "source:target" ` +
        'and drops the type, so this is not a build cache: without a source it becomes an anonymous volume.',
    };
  }
  return {
    messageId: 'runRejects',
    detail:
      `${what}: ${buildOnly}. \`docker run\` has no cache mount type: the Docker daemon rejects this mount when the ` +
      'container starts ("mount type unknown"). Use a bind mount or a named volume to keep the cache.',
  };
}

export const devcontainerCacheMount: DevcontainerRule<MessageId> = {
  meta: {
    code: 'CM101',
    name: 'devcontainer-cache-mount',
    kind: 'devcontainer',
    defaultSeverity: 'error',
    fixable: 'sometimes',
    messages: MESSAGES,
    docs: {
      what:
        'A `type=cache` mount in devcontainer.json: in `mounts` (string form, which the official schema cannot check, ' +
        'or object form) or in `runArgs` (`--mount type=cache,...`).',
      why:
        'Cache mounts are a BuildKit feature of `RUN --mount`: they are mounted only into RUN steps while `docker ' +
        'build` runs. The Dev Containers CLI passes `mounts` to `docker run --mount` (a string as written, an object ' +
        'as `type=…,src=…,dst=…`) and `runArgs` verbatim; the Docker CLI accepts any type string, ' +
        "and the daemon's mount validation has no `cache` type, so its code rejects the mount " +
        '(`invalid mount config for type "cache": mount type unknown`) and the container does not start. With ' +
        '`dockerComposeFile`, the CLI turns the mount into Compose short syntax `source:target` and drops the type, ' +
        'so it is no cache mount either: without a source it becomes an anonymous volume (what Compose makes of a ' +
        'named source that has no top-level `volumes:` entry is not verified).',
      bad: [
        '{',
        '\t"name": "app",',
        '\t"build": { "dockerfile": "Dockerfile" },',
        '\t"mounts": [',
        '\t\t"type=cache,target=/root/.cache/uv"',
        '\t]',
        '}',
        '',
      ].join('\n'),
      good: [
        '{',
        '\t"name": "app",',
        '\t"build": { "dockerfile": "Dockerfile" },',
        '\t"mounts": [',
        '\t\t"source=${localEnv:UV_CACHE_DIR},target=/uvcache,type=bind,consistency=cached"',
        '\t],',
        '\t"containerEnv": {',
        '\t\t"UV_CACHE_DIR": "/uvcache"',
        '\t}',
        '}',
        '',
      ].join('\n'),
      fixSafety:
        'Both fixes keep comments and formatting and only touch the mount (and containerEnv). The bind-mount fix ' +
        "(preferred for uv caches) shares the host's uv cache: the host must set UV_CACHE_DIR to an existing " +
        'directory, or the source is empty and Docker rejects the mount ([empty sources](../semantics.md#empty-mount-source)), which CM103 points out as info; ' +
        "no default can be added, since a default cannot hold another variable such as `${localEnv:HOME}` ([variables](../semantics.md#devcontainer-variables)). uv's cache holds absolute " +
        'symlinks, so sharing it between host and container can break entries on one side. The named-volume fix ' +
        '(preferred otherwise) needs nothing from the host; the volume persists across rebuilds and is shared by ' +
        "every container that names it. A new volume's mount point is root-owned unless the image already has the " +
        'directory, so a non-root remoteUser may need it created in the Dockerfile.',
      options:
        '`devcontainerFixStyle`: `bind` (default) prefers the bind-mount fix for uv caches, `volume` always prefers ' +
        'the named volume. `devcontainerUvCacheTarget` (default `/uvcache`): where the bind fix mounts the host cache ' +
        'and what it sets UV_CACHE_DIR to.',
      references: [
        'https://containers.dev/implementors/json_reference/ (mounts, containerEnv, runArgs)',
        'https://docs.docker.com/reference/cli/docker/container/run/#mount',
        'https://github.com/moby/moby/issues/48555 (request for `docker run --mount type=cache`, open)',
        '[devcontainer.json mounts](../semantics.md#devcontainer-mounts): the schema',
        '[How the Dev Containers CLI passes mounts](../semantics.md#devcontainer-cli-mounts): runArgs as written, the Compose path',
        "[No cache type at run time](../semantics.md#run-time-mount-types): the daemon's message is read from its code",
        '[devcontainer.json variables](../semantics.md#devcontainer-variables)',
        '[Volume or bind mount](../semantics.md#volume-vs-bind)',
      ],
    },
  },
  check(model, ctx) {
    const fmt = detectFormat(model.text, model.eol);
    let bindOffered = false;
    for (const mount of model.mounts) {
      if (mount.effectiveType !== 'cache') continue;
      const uv = isUvCacheMount(model, mount, ctx.settings);
      // Only the first uv cache mount may take the bind target; the others become volumes.
      const bind = uv && !bindOffered ? bindFix(model, mount, ctx.settings, fmt) : undefined;
      if (uv) bindOffered = true;
      const volume = volumeFix(model, mount, uv, fmt);
      const ordered = ctx.settings.devcontainerFixStyle === 'volume' ? [volume, bind] : [bind, volume];
      const fixes = ordered.filter((f): f is Fix => f !== undefined);
      if (fixes[0]) fixes[0] = { ...fixes[0], preferred: true };
      const { messageId, detail, severity } = message(model, mount);
      ctx.report({
        span: typeSpan(mount),
        messageId,
        data: { where: where(mount) },
        detail,
        ...(severity ? { severity } : {}),
        fixes,
      });
    }
  },
};
