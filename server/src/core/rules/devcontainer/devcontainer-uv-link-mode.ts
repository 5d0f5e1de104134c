// CM105: uv's cache on a bind or volume mount while the env does not set UV_LINK_MODE=copy. The
// cache is then on another filesystem than the project environment, so uv cannot hardlink from it,
// falls back to a full copy and warns on every install (docs/semantics.md#uv-link-mode, #volume-vs-bind). Not when UV_PROJECT_ENVIRONMENT
// puts the environment on that same mount: then both are one filesystem.
import { detectFormat } from '../../devcontainer/json-edit';
import { isUnder } from '../../devcontainer/cache-tools';
import { setEnvEdits } from '../../devcontainer/env-edit';
import { checkedJsonFix } from '../../devcontainer/fix-check';
import { fieldValueSpan, isLiteralAbsolute, isPersistentMount, mountWhere } from '../../devcontainer/mount-query';
import type { DevcontainerEnvEntry, DevcontainerModel, DevcontainerMount } from '../../devcontainer/types';
import type { Settings } from '../../settings';
import type { Fix } from '../../fix';
import type { DevcontainerRule, MessageData } from '../rule';
import { isUvCacheMount } from './devcontainer-cache-mount';
import { imageEnvValue } from './container-env';

const LINK_MODE = 'UV_LINK_MODE';

const MESSAGES = {
  notSet: "uv's cache is on the {{type}} mount {{where}} and UV_LINK_MODE is unset: uv warns on every install.",
  symlink: '{{section}} sets UV_LINK_MODE to "symlink": installed packages break when uv\'s cache is cleared.',
  cannotLink: '{{section}} sets UV_LINK_MODE to "{{value}}", but uv\'s cache is on another filesystem ({{where}}).',
} as const;
type MessageId = keyof typeof MESSAGES;

function lastEntry(entries: DevcontainerEnvEntry[], name: string): DevcontainerEnvEntry | undefined {
  let found: DevcontainerEnvEntry | undefined;
  for (const e of entries) if (e.name === name) found = e;
  return found;
}

/** The first bind/volume mount holding uv's cache: by its target or id, or because UV_CACHE_DIR points into it. */
function uvCacheMount(model: DevcontainerModel, settings: Settings): DevcontainerMount | undefined {
  const cacheDir =
    lastEntry(model.remoteEnv, 'UV_CACHE_DIR')?.value ?? lastEntry(model.containerEnv, 'UV_CACHE_DIR')?.value;
  return model.mounts.find((m) => {
    if (!isPersistentMount(m)) return false;
    if (isLiteralAbsolute(m.target) && isLiteralAbsolute(cacheDir ?? undefined) && isUnder(cacheDir!, m.target))
      return true;
    return isUvCacheMount(model, m, settings);
  });
}

/** The literal directory a path surely lies in: all of it, or the part before a `${...}` up to its last `/`. */
function fixedDirOf(path: string | undefined): string | undefined {
  if (path === undefined || !path.startsWith('/')) return undefined;
  const at = path.indexOf('${');
  if (at < 0) return isLiteralAbsolute(path) ? path : undefined;
  const dir = path.slice(0, path.lastIndexOf('/', at)) || '/';
  return dir === '/' ? undefined : dir;
}

export const devcontainerUvLinkMode: DevcontainerRule<MessageId> = {
  meta: {
    code: 'CM105',
    name: 'devcontainer-uv-link-mode',
    kind: 'devcontainer',
    defaultSeverity: 'info',
    fixable: 'always',
    messages: MESSAGES,
    docs: {
      what:
        "uv's cache is on a bind or volume mount in devcontainer.json (by its target, its name, or because " +
        'UV_CACHE_DIR points into it) while `containerEnv` (or `remoteEnv`) does not set `UV_LINK_MODE` to `copy`.',
      why:
        "A mount is its own filesystem, so uv cannot hardlink (or clone) files from the cache into the project's " +
        'environment: it falls back to a full copy and prints "Failed to hardlink files; falling back to full copy. ' +
        '... If this is intentional, set `export UV_LINK_MODE=copy`" on every install. `UV_LINK_MODE=copy` says so up ' +
        'front. With `symlink`, installed packages are links into the cache and break when the cache is cleared. The ' +
        'image may set UV_LINK_MODE itself; this rule reads only devcontainer.json.',
      bad: [
        '{',
        '\t"name": "app",',
        '\t"image": "mcr.microsoft.com/devcontainers/python:3.12",',
        '\t"mounts": [',
        '\t\t"source=uv-cache,target=/uvcache,type=volume"',
        '\t],',
        '\t"containerEnv": {',
        '\t\t"UV_CACHE_DIR": "/uvcache"',
        '\t}',
        '}',
        '',
      ].join('\n'),
      good: [
        '{',
        '\t"name": "app",',
        '\t"image": "mcr.microsoft.com/devcontainers/python:3.12",',
        '\t"mounts": [',
        '\t\t"source=uv-cache,target=/uvcache,type=volume"',
        '\t],',
        '\t"containerEnv": {',
        '\t\t"UV_CACHE_DIR": "/uvcache",',
        '\t\t"UV_LINK_MODE": "copy"',
        '\t}',
        '}',
        '',
      ].join('\n'),
      fixSafety:
        'Adds `"UV_LINK_MODE": "copy"` to containerEnv (creating it when absent), or replaces the value where the ' +
        'file sets another one. uv already copies in this setup after failing to link, so installs behave the same, ' +
        'without the warning. containerEnv applies after the container is rebuilt.',
      references: [
        'https://docs.astral.sh/uv/reference/environment/#uv_link_mode',
        '[uv link modes](../semantics.md#uv-link-mode): the hardlink warning, symlink',
        '[Volume or bind mount](../semantics.md#volume-vs-bind): a cache on its own mount cannot be hardlinked into the workspace',
      ],
    },
  },
  check(model, ctx) {
    const mount = uvCacheMount(model, ctx.settings);
    if (!mount) return;
    // The project environment on the same mount as the cache: one filesystem, so uv can hardlink.
    const venv =
      lastEntry(model.remoteEnv, 'UV_PROJECT_ENVIRONMENT')?.value ??
      lastEntry(model.containerEnv, 'UV_PROJECT_ENVIRONMENT')?.value;
    const venvDir = fixedDirOf(venv ?? undefined);
    if (venvDir !== undefined && isLiteralAbsolute(mount.target) && isUnder(venvDir, mount.target)) return;
    const remote = lastEntry(model.remoteEnv, LINK_MODE);
    const entry = remote ?? lastEntry(model.containerEnv, LINK_MODE);
    const section = remote ? 'remoteEnv' : 'containerEnv';
    const value = entry?.value;
    if (entry && (value === null || value === undefined || value.includes('${'))) return; // unknown
    if (value?.trim().toLowerCase() === 'copy') return;
    // The image the container runs (its Dockerfile's ENV, or a known image) may set it.
    if (!entry) {
      const fromImage = imageEnvValue(model, LINK_MODE, ctx.settings, ctx.workspace);
      if (fromImage && (fromImage.value === null || fromImage.value.trim().toLowerCase() === 'copy')) return;
    }
    const fmt = detectFormat(model.text, model.eol);
    const fix: Fix | undefined = checkedJsonFix(
      model,
      `Set "${LINK_MODE}": "copy" in ${section}`,
      setEnvEdits(model, section, LINK_MODE, 'copy', fmt),
      {
        safety: 'safe',
        preferred: true,
      },
    );
    const where = mountWhere(mount);
    const described = `${where} ("${mount.target ?? ''}", a ${mount.effectiveType} mount)`;
    const copy = 'Set "UV_LINK_MODE": "copy".';
    let message: { messageId: MessageId; data: MessageData; detail: string };
    if (!entry) {
      message = {
        messageId: 'notSet',
        data: { type: mount.effectiveType, where },
        detail:
          `uv's cache is on ${described}, but containerEnv does not set UV_LINK_MODE: the cache is on another filesystem ` +
          `than the project environment, so uv cannot hardlink from it and warns "Failed to hardlink files; falling back ` +
          `to full copy" on every install. ${copy}`,
      };
    } else if (value!.trim().toLowerCase() === 'symlink') {
      message = {
        messageId: 'symlink',
        data: { section },
        detail:
          `${section} sets UV_LINK_MODE to "symlink" while uv's cache is on ${described}: installed packages become links into ` +
          `the cache and break when it is cleared (uv cache clean) or the volume is removed. ${copy}`,
      };
    } else {
      message = {
        messageId: 'cannotLink',
        data: { section, value: value!, where },
        detail:
          `${section} sets UV_LINK_MODE to "${value}" while uv's cache is on ${described}: the cache is on another filesystem ` +
          `than the project environment, so uv cannot link from it, falls back to a full copy and warns on every install. ${copy}`,
      };
    }
    ctx.report({
      span: entry ? entry.valueSpan : fieldValueSpan(mount, 'target'),
      ...message,
      fixes: fix ? [fix] : [],
    });
  },
};
