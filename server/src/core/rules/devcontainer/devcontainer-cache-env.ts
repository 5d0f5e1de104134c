// CM102: the cache env vars and the cache mounts of a devcontainer.json disagree. (a) containerEnv or
// remoteEnv points a tool's cache (UV_CACHE_DIR, PIP_CACHE_DIR, ...) at a path no mount covers;
// (b) a mount sits on a tool's default cache under the home of a user other than the one tools run as
// (remoteUser, else containerUser, docs/semantics.md#devcontainer-env-and-user), so the tool caches in its own $HOME
// instead (docs/semantics.md#uv-cache-dir, #pip-cache-dir, #tool-cache-dirs).
import { replace, type Fix } from '../../fix';
import { detectFormat, type JsonFormat } from '../../devcontainer/json-edit';
import {
  homeCachePath,
  isUnder,
  toolForEnvVar,
  type DevcontainerCacheTool,
  type HomeCachePath,
} from '../../devcontainer/cache-tools';
import { checkedJsonFix } from '../../devcontainer/fix-check';
import { setMountValue } from '../../devcontainer/mount-edit';
import {
  fieldValueSpan,
  isLiteralAbsolute,
  isPersistentMount,
  mountCovering,
  mountWhere,
} from '../../devcontainer/mount-query';
import type { DevcontainerEnvEntry, DevcontainerModel, DevcontainerMount } from '../../devcontainer/types';
import type { Settings } from '../../settings';
import { resolveImage } from '../../images/resolve';
import type { DevcontainerRule, RuleContext } from '../rule';
import { isUvCacheMount } from './devcontainer-cache-mount';

type EnvSection = 'containerEnv' | 'remoteEnv';

const MESSAGES = {
  envNotMounted: '{{section}} sets {{name}} to "{{value}}", but no mount covers that path.',
  otherUsersHome: '{{where}} mounts "{{target}}" in {{owner}}\'s home, but tools run as "{{user}}".',
} as const;
type MessageId = keyof typeof MESSAGES;

function envEntries(model: DevcontainerModel): { section: EnvSection; entry: DevcontainerEnvEntry }[] {
  return [
    ...model.containerEnv.map((entry) => ({ section: 'containerEnv' as const, entry })),
    ...model.remoteEnv.map((entry) => ({ section: 'remoteEnv' as const, entry })),
  ];
}

/** Mounts that look like `tool`'s cache by their target, source name or id. */
function cacheMountsOf(model: DevcontainerModel, tool: DevcontainerCacheTool, settings: Settings): DevcontainerMount[] {
  const word = new RegExp(`(^|[^a-z0-9])${tool.id.replace(/[-]/g, '[-_]?')}([^a-z0-9]|$)`, 'i');
  return model.mounts.filter((m) => {
    if (!isPersistentMount(m) || !isLiteralAbsolute(m.target)) return false;
    if (homeCachePath(m.target)?.tool === tool) return true;
    if (tool.id === 'uv' && isUvCacheMount(model, m, settings)) return true;
    return word.test(m.target) || (m.effectiveType === 'volume' && m.source !== undefined && word.test(m.source));
  });
}

function checkEnv(model: DevcontainerModel, ctx: RuleContext<MessageId>, fmt: JsonFormat): void {
  if (model.dockerComposeFile) return; // mounts may come from the Compose file
  for (const { section, entry } of envEntries(model)) {
    const tool = toolForEnvVar(entry.name);
    if (!tool || !isLiteralAbsolute(entry.value ?? undefined)) continue;
    const value = entry.value!;
    if (mountCovering(model, value)) continue;
    const candidates = cacheMountsOf(model, tool, ctx.settings);
    const fixes: (Fix | undefined)[] = [];
    for (const m of candidates) {
      // A mount in another user's home is CM102's other finding: pointing the env var there is no cure.
      fixes.push(
        checkedJsonFix(
          model,
          `Set ${entry.name} to "${m.target}"`,
          [replace(entry.valueSpan, JSON.stringify(m.target))],
          {
            safety: 'safe',
            preferred: candidates.length === 1 && !inOtherUsersHome(model, m, ctx.settings),
            scope: entry.span,
          },
        ),
      );
    }
    if (candidates.length === 1) {
      const m = candidates[0]!;
      const taken = model.mounts.some((o) => o !== m && o.target === value);
      if (!taken)
        fixes.push(
          checkedJsonFix(model, `Move ${mountWhere(m)} to "${value}"`, setMountValue(model, m, 'target', value, fmt), {
            safety: 'safe',
            scope: m.span,
          }),
        );
    }
    const hint =
      candidates.length === 1
        ? ` ${mountWhere(candidates[0]!)} mounts "${candidates[0]!.target}", which looks like the ${tool.displayName} cache: point ${entry.name} there.`
        : candidates.length > 1
          ? ` ${candidates.map((m) => `${mountWhere(m)} ("${m.target}")`).join(' and ')} look like the ${tool.displayName} cache.`
          : '';
    ctx.report({
      span: entry.valueSpan,
      messageId: 'envNotMounted',
      data: { section, name: entry.name, value },
      detail:
        `${section} sets ${entry.name} to "${value}", but no mount in this file covers that path, so the ` +
        `${tool.displayName} cache is not kept outside the container.${hint}`,
      fixes: fixes.filter((f): f is Fix => f !== undefined),
    });
  }
}

/**
 * remoteUser (what terminals and tools run as), else containerUser, else for `"image": ...` what the
 * image says (its devcontainer.metadata remoteUser, else its USER; images/catalog or the images setting);
 * undefined when unknown.
 */
function effectiveUser(model: DevcontainerModel, settings: Settings): { user: string; property: string } | undefined {
  const raw = model.remoteUser ?? model.containerUser;
  if (raw === undefined) return imageUser(model, settings);
  if (raw.includes('${') || raw.trim() === '') return undefined;
  const user = raw.split(':')[0]!.trim();
  return user ? { user, property: model.remoteUser !== undefined ? 'remoteUser' : 'containerUser' } : undefined;
}

/** The user an image-based dev container runs tools as, from what the image is known to say. */
function imageUser(model: DevcontainerModel, settings: Settings): { user: string; property: string } | undefined {
  if (!model.image) return undefined;
  const resolution = resolveImage(model.image.reference, settings.images);
  if (!('resolved' in resolution)) return undefined;
  const facts = resolution.resolved.facts;
  const user = facts.devcontainerRemoteUser ?? facts.user;
  const how = facts.devcontainerRemoteUser !== undefined ? 'its devcontainer.metadata remoteUser' : 'its USER';
  return {
    user,
    property: `the user of the image ${resolution.resolved.reference} (${how}; this file sets no remoteUser)`,
  };
}

/** Is the home `hp` someone else's than `user`'s? undefined when that cannot be told (a numeric uid and /home/x). */
function otherUsersHome(hp: HomeCachePath, user: string): boolean | undefined {
  const root = user === 'root' || user === '0';
  if (/^\d+$/.test(user) && !root) return hp.owner === 'root' ? true : undefined;
  if (root) return hp.owner !== 'root';
  return hp.owner !== user;
}

function inOtherUsersHome(model: DevcontainerModel, mount: DevcontainerMount, settings: Settings): boolean {
  const who = effectiveUser(model, settings);
  const hp = mount.target ? homeCachePath(mount.target) : undefined;
  return who !== undefined && hp !== undefined && otherUsersHome(hp, who.user) === true;
}

/** Some env var of this file points into the mount: the user routed a tool there on purpose. */
function envPointsInto(model: DevcontainerModel, target: string): boolean {
  return envEntries(model).some(
    ({ entry }) => entry.value !== null && isLiteralAbsolute(entry.value) && isUnder(entry.value, target),
  );
}

function checkHomes(model: DevcontainerModel, ctx: RuleContext<MessageId>, fmt: JsonFormat): void {
  const who = effectiveUser(model, ctx.settings);
  if (!who) return;
  if (envEntries(model).some(({ entry }) => entry.name === 'HOME')) return; // HOME moved: unknown
  for (const mount of model.mounts) {
    if (!isPersistentMount(mount) || !isLiteralAbsolute(mount.target)) continue;
    const hp = homeCachePath(mount.target);
    if (!hp || otherUsersHome(hp, who.user) !== true || envPointsInto(model, mount.target)) continue;
    const root = who.user === 'root' || who.user === '0';
    const home = root ? '/root' : /^\d+$/.test(who.user) ? undefined : `/home/${who.user}`;
    const fixes: Fix[] = [];
    if (home) {
      const newTarget = `${home}/${hp.rest}`;
      const taken = model.mounts.some((m) => m !== mount && m.target === newTarget);
      const title = root
        ? `Move the mount to "${newTarget}"`
        : `Move the mount to "${newTarget}" (assumes ${who.user}'s home is ${home})`;
      const f = taken
        ? undefined
        : checkedJsonFix(model, title, setMountValue(model, mount, 'target', newTarget, fmt), {
            safety: root ? 'safe' : 'unsafe',
            preferred: root,
            scope: mount.span,
          });
      if (f) fixes.push(f);
    }
    const owner = hp.owner === 'root' ? "root's home" : `the home of "${hp.owner}"`;
    const what = hp.tool
      ? `${hp.tool.displayName} run as "${who.user}" caches in $HOME/${hp.tool.homeDirs[0]} of that user by default`
      : `tools run as "${who.user}" cache under that user's $HOME/.cache by default`;
    ctx.report({
      span: fieldValueSpan(mount, 'target'),
      messageId: 'otherUsersHome',
      data: { where: mountWhere(mount), target: mount.target, owner: hp.owner, user: who.user },
      detail: `${mountWhere(mount)} mounts "${mount.target}" in ${owner}, but ${who.property} is "${who.user}": ${what}, not here.`,
      fixes,
    });
  }
}

export const devcontainerCacheEnv: DevcontainerRule<MessageId> = {
  meta: {
    code: 'CM102',
    name: 'devcontainer-cache-env',
    kind: 'devcontainer',
    defaultSeverity: 'warning',
    fixable: 'sometimes',
    messages: MESSAGES,
    docs: {
      what:
        "`containerEnv` or `remoteEnv` sets a tool's cache directory (UV_CACHE_DIR, PIP_CACHE_DIR, POETRY_CACHE_DIR, " +
        'npm_config_cache, BUN_INSTALL_CACHE_DIR, GOCACHE, GOMODCACHE, COMPOSER_CACHE_DIR, CCACHE_DIR, PIPENV_CACHE_DIR) ' +
        "to a path that no mount of the file covers; or a bind/volume mount sits on a tool's default cache under the " +
        'home of a user other than `remoteUser` (else `containerUser`).',
      why:
        "A tool caches where its env var says, else under its user's $HOME (uv: `$HOME/.cache/uv`; pip: " +
        '`~/.cache/pip`; npm: `~/.npm`; ...; uv, pip and other XDG tools honour `XDG_CACHE_HOME` first). When the env ' +
        "var and the mount disagree, the mount stays empty and the cache is written into the container's own " +
        'filesystem instead of the mount. `remoteUser` is the user terminals and tools ' +
        'run as, so a mount under `/root` does nothing for `"remoteUser": "vscode"`.',
      bad: [
        '{',
        '\t"name": "app",',
        '\t"image": "mcr.microsoft.com/devcontainers/python:3.12",',
        '\t"mounts": [',
        '\t\t"source=uv-cache,target=/cache/uv,type=volume"',
        '\t],',
        '\t"containerEnv": {',
        '\t\t"UV_CACHE_DIR": "/uvcache",',
        '\t\t"UV_LINK_MODE": "copy"',
        '\t}',
        '}',
        '',
      ].join('\n'),
      good: [
        '{',
        '\t"name": "app",',
        '\t"image": "mcr.microsoft.com/devcontainers/python:3.12",',
        '\t"mounts": [',
        '\t\t"source=uv-cache,target=/cache/uv,type=volume"',
        '\t],',
        '\t"containerEnv": {',
        '\t\t"UV_CACHE_DIR": "/cache/uv",',
        '\t\t"UV_LINK_MODE": "copy"',
        '\t}',
        '}',
        '',
      ].join('\n'),
      fixSafety:
        "The preferred fix for an env var sets it to the target of the one mount that looks like that tool's cache " +
        "(none is preferred when several do); moving the mount to the env var's path is offered too. For a mount in " +
        "another user's home, moving it into root's home is preferred when the user is root; for a named user the " +
        'fix assumes the home is `/home/<user>` (the image decides), so it is offered but not applied by fix-all. ' +
        'A volume mounted at a path the image does not have is created root-owned ([volume or bind](../semantics.md#volume-vs-bind)).',
      references: [
        'https://containers.dev/implementors/json_reference/ (containerEnv, remoteEnv, remoteUser, containerUser)',
        "[uv's cache directory](../semantics.md#uv-cache-dir)",
        "[pip's cache directory](../semantics.md#pip-cache-dir)",
        "[Other tools' cache directories](../semantics.md#tool-cache-dirs)",
        '[containerEnv, remoteEnv and users](../semantics.md#devcontainer-env-and-user)',
        "[Volume or bind mount](../semantics.md#volume-vs-bind): a new volume's owner",
      ],
    },
  },
  check(model, ctx) {
    const fmt = detectFormat(model.text, model.eol);
    checkEnv(model, ctx, fmt);
    checkHomes(model, ctx, fmt);
  },
};
