// CM103: a mount source that is only `${localEnv:VAR}` (no default) is empty whenever VAR is unset or
// empty on the host (docs/semantics.md#devcontainer-variables); what Docker then does depends on the form and the type (docs/semantics.md#devcontainer-cli-mounts,
// #empty-mount-source). Also: a default containing `:` is cut at its first `:` (#devcontainer-variables).
import type { Fix } from '../../fix';
import { detectFormat, type JsonFormat } from '../../devcontainer/json-edit';
import { homeCachePath, isUnder, toolForEnvVar } from '../../devcontainer/cache-tools';
import { checkedJsonFix } from '../../devcontainer/fix-check';
import { setMountValue } from '../../devcontainer/mount-edit';
import { mountField, mountWhere } from '../../devcontainer/mount-query';
import type { DevcontainerModel, DevcontainerMount, DevcontainerVariableRef } from '../../devcontainer/types';
import type { Settings } from '../../settings';
import type { DevcontainerRule } from '../rule';
import { isUvCacheMount } from './devcontainer-cache-mount';

const MESSAGES = {
  unsetSource: 'The source of {{where}} is only "{{variable}}", which is empty when unset on the host.',
  defaultCut: 'The default "{{written}}" is cut at its first ":" and becomes "{{used}}".',
} as const;
type MessageId = keyof typeof MESSAGES;

function isHostEnv(ref: DevcontainerVariableRef): boolean {
  return ref.kind === 'localEnv' || ref.kind === 'env';
}

/** The source field's only content is one host env variable without a (non-empty) default. */
function bareHostVariable(mount: DevcontainerMount): DevcontainerVariableRef | undefined {
  const field = mountField(mount, 'source');
  const refs = field?.variables ?? [];
  if (!field || field.value === null || refs.length !== 1) return undefined;
  const ref = refs[0]!;
  if (field.value !== ref.raw || !isHostEnv(ref) || !ref.name) return undefined;
  return ref.defaultValue ? undefined : ref;
}

function consequence(mount: DevcontainerMount, ref: DevcontainerVariableRef): string | undefined {
  const csv = mount.origin === 'mounts-string' || mount.origin === 'runArgs-mount';
  if (mount.origin === 'runArgs-volume') {
    const rest = mount.text.startsWith(ref.raw) ? mount.text.slice(ref.raw.length) : `:${mount.target ?? ''}`;
    return `\`-v\` then gets "${rest}" and Docker rejects it ("empty section between colons", seen with Docker CLI 28.2.2)`;
  }
  // Docker CLI 29.2.1+ names the key as written (`src` or `source`, docs/semantics.md#empty-mount-source).
  const key = mountField(mount, 'source')?.key ?? 'source';
  if (mount.effectiveType === 'volume') {
    return csv
      ? `Docker CLI before 29.2.1 then silently mounts a new, empty anonymous volume instead, and 29.2.1 and later reject the mount ("invalid value for '${key}': value is empty")`
      : 'the Dev Containers CLI then leaves the source out, so the container silently gets a new, empty anonymous volume';
  }
  if (mount.effectiveType === 'bind') {
    return csv
      ? `Docker then rejects the mount and the container does not start ("field Source must not be empty"; Docker CLI 29.2.1 and later: "invalid value for '${key}': value is empty")`
      : 'Docker then rejects the mount and the container does not start ("field Source must not be empty")';
  }
  return undefined; // tmpfs and unknown types: no source to speak of
}

/** A Docker volume name from the variable: `UV_CACHE_VOLUME` -> `uv-cache-volume`. */
function volumeNameFromVariable(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9_.-]+/g, '-')
      .replace(/_/g, '-')
      .replace(/^[^a-z0-9]+/, '')
      .replace(/[-.]+$/, '') || 'cache'
  );
}

/** A bind mount that holds a tool cache, where a named volume is a fair replacement (docs/semantics.md#volume-vs-bind). */
function cacheVolumeName(
  model: DevcontainerModel,
  mount: DevcontainerMount,
  ref: DevcontainerVariableRef,
  settings: Settings,
): string | undefined {
  if (isUvCacheMount(model, mount, settings) || ref.name === 'UV_CACHE_DIR') return 'uv-cache';
  const home = mount.target ? homeCachePath(mount.target) : undefined;
  if (home?.tool) return `${home.tool.id}-cache`;
  if (home || /CACHE/i.test(ref.name ?? '')) return volumeNameFromVariable(ref.name ?? '');
  return undefined;
}

function fixesFor(
  model: DevcontainerModel,
  mount: DevcontainerMount,
  ref: DevcontainerVariableRef,
  settings: Settings,
  fmt: JsonFormat,
): Fix[] {
  const fixes: (Fix | undefined)[] = [];
  if (mount.effectiveType === 'volume' && mount.origin !== 'runArgs-volume') {
    const name = volumeNameFromVariable(ref.name!);
    const withDefault = `\${${ref.kind}:${ref.name}:${name}}`;
    fixes.push(
      checkedJsonFix(
        model,
        `Add a default volume name: ${withDefault}`,
        setMountValue(model, mount, 'source', withDefault, fmt),
        {
          safety: 'safe',
          preferred: true,
          scope: mount.span,
        },
      ),
    );
  }
  if (mount.effectiveType === 'bind' && mount.origin !== 'runArgs-volume') {
    const name = cacheVolumeName(model, mount, ref, settings);
    if (name) {
      const source = setMountValue(model, mount, 'source', name, fmt);
      const type = setMountValue(model, mount, 'type', 'volume', fmt);
      const edits = source && type ? [...source, ...type] : undefined;
      fixes.push(
        checkedJsonFix(model, `Use a named volume "${name}" instead of the host directory`, edits, {
          safety: 'unsafe',
          scope: mount.span,
        }),
      );
    }
  }
  return fixes.filter((f): f is Fix => f !== undefined);
}

/**
 * The mount is a cache (this linter's field): uv's cache, a tool's cache path, a variable named for a
 * cache, or a cache env var pointing into it. Other host paths (an SSH agent socket, a config folder)
 * are the file's own business: a missing variable there is deliberate or documented, not a cache problem.
 */
function holdsACache(
  model: DevcontainerModel,
  mount: DevcontainerMount,
  ref: DevcontainerVariableRef,
  settings: Settings,
): boolean {
  if (isUvCacheMount(model, mount, settings) || /CACHE/i.test(ref.name ?? '')) return true;
  const target = mount.target;
  if (!target || !target.startsWith('/')) return false;
  if (homeCachePath(target)?.tool) return true;
  return [...model.containerEnv, ...model.remoteEnv].some(
    (e) =>
      toolForEnvVar(e.name) !== undefined &&
      typeof e.value === 'string' &&
      e.value.startsWith('/') &&
      isUnder(e.value, target),
  );
}

export const devcontainerUnsetSource: DevcontainerRule<MessageId> = {
  meta: {
    code: 'CM103',
    name: 'devcontainer-unset-source',
    kind: 'devcontainer',
    defaultSeverity: 'info',
    fixable: 'sometimes',
    messages: MESSAGES,
    docs: {
      what:
        "A bind or volume mount holding a cache (uv's cache, a tool's cache directory, a variable named for a cache, or " +
        'a cache env var pointing into it) in devcontainer.json whose `source` is only `${localEnv:VAR}` (or ' +
        '`${env:VAR}`) with no default; and any `${localEnv:VAR:default}` in a mount whose default contains a `:`. ' +
        'Other mounts (an SSH agent socket, a data folder) are left alone: a variable they need is usually documented ' +
        'and deliberate.',
      why:
        'The Dev Containers CLI replaces an unset host variable with an empty string, and a variable that is set but ' +
        'empty stays empty (the default is used only when the variable is unset). An empty source then means: for a ' +
        '`type=volume` mount string, a new anonymous volume on Docker CLI before 29.2.1 (the cache silently starts empty ' +
        'in every container) and a rejected mount on 29.2.1 and later; for a bind mount, a rejected mount and a container ' +
        'that does not start; for a volume in the object form, the CLI leaves `src=` out and Docker makes an anonymous ' +
        'volume (an object bind mount with an empty source is rejected). The ' +
        'CLI also splits every `${...}` on each `:`, so `${localEnv:X:/a:/b}` falls back to `/a`, and a Windows default ' +
        "such as `C:\\cache` becomes `C`. CM101's bind fix writes `source=${localEnv:UV_CACHE_DIR}` on purpose (the " +
        "host's own uv cache); this rule then reminds you that the host must set UV_CACHE_DIR.",
      bad: [
        '{',
        '\t"name": "app",',
        '\t"image": "mcr.microsoft.com/devcontainers/python:3.12",',
        '\t"mounts": [',
        '\t\t"source=${localEnv:UV_CACHE_VOLUME},target=/uvcache,type=volume"',
        '\t]',
        '}',
        '',
      ].join('\n'),
      good: [
        '{',
        '\t"name": "app",',
        '\t"image": "mcr.microsoft.com/devcontainers/python:3.12",',
        '\t"mounts": [',
        '\t\t"source=${localEnv:UV_CACHE_VOLUME:uv-cache-volume},target=/uvcache,type=volume"',
        '\t]',
        '}',
        '',
      ].join('\n'),
      fixSafety:
        'For a volume mount the preferred fix adds a volume name as the default: when the variable is set nothing ' +
        'changes, when it is unset the container gets that named volume, which persists across rebuilds, instead of an ' +
        "empty anonymous one. A volume name has no `:`, so the default survives the CLI's split. For a bind mount of a " +
        "tool cache the fix (not applied by fix-all) switches to a named volume: the container no longer sees the host's " +
        'directory. No portable host path can serve as a bind default (a default cannot contain another variable such ' +
        'as `${localEnv:HOME}`), so no default is offered for bind mounts. A default cut at a `:` has no fix.',
      references: [
        'https://containers.dev/implementors/json_reference/#variables-in-devcontainerjson',
        'https://github.com/devcontainers/cli/blob/main/src/spec-common/variableSubstitution.ts',
        '[How the Dev Containers CLI passes mounts](../semantics.md#devcontainer-cli-mounts): the object form drops an empty source',
        '[devcontainer.json variables](../semantics.md#devcontainer-variables): unset becomes empty; a default is cut at `:`',
        '[Empty sources](../semantics.md#empty-mount-source): per form and Docker CLI version',
      ],
    },
  },
  check(model, ctx) {
    const fmt = detectFormat(model.text, model.eol);
    for (const mount of model.mounts) {
      if (mount.effectiveType === 'bind' || mount.effectiveType === 'volume') {
        const ref = bareHostVariable(mount);
        const then = ref && holdsACache(model, mount, ref, ctx.settings) ? consequence(mount, ref) : undefined;
        if (ref && then) {
          ctx.report({
            span: ref.span,
            messageId: 'unsetSource',
            data: { where: mountWhere(mount), variable: ref.raw },
            detail:
              `The source of ${mountWhere(mount)} is only "${ref.raw}": when ${ref.name} is unset or empty on the host it ` +
              `becomes "", and ${then}.`,
            fixes: fixesFor(model, mount, ref, ctx.settings, fmt),
          });
        }
      }
      for (const field of mount.fields) {
        for (const ref of field.variables ?? []) {
          if (!isHostEnv(ref) || ref.droppedDefaultText === undefined) continue;
          const used = ref.defaultValue ?? '';
          ctx.report({
            span: ref.span,
            messageId: 'defaultCut',
            data: { written: `${used}:${ref.droppedDefaultText}`, used },
            detail:
              `The default in "${ref.raw}" is cut at its first ":": the Dev Containers CLI splits variables on every ":", ` +
              `so when ${ref.name} is unset the value is "${used}", not "${used}:${ref.droppedDefaultText}".`,
          });
        }
      }
    }
  },
};
