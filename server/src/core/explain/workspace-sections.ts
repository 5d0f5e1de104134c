// Workspace sections of the hover cards: which mounts of OTHER files share a cache mount's key, which
// look like the same cache but do not, which devcontainer.json builds this Dockerfile, and how a
// devcontainer's run-time mounts relate to its Dockerfile's build-time cache mounts.
// Facts: caches are global per builder, not per project (docs/semantics.md#cache-key); cache contents are not in
// the image (docs/semantics.md#cache-lifetime); the Dev Containers CLI builds the Dockerfile with the local builder (docs/semantics.md#devcontainer-mounts);
// `docker run` cannot mount a build cache (docs/semantics.md#run-time-mount-types).
import type { DevcontainerModel, DevcontainerMount } from '../devcontainer/types';
import type { DockerfileModel, Mount } from '../dockerfile/types';
import { servedTool } from '../rules/dockerfile/mount-helpers';
import type { MountEntry } from '../workspace/mount-entry';
import { relativeLabel, resolveRelative } from '../workspace/uri';
import type { WorkspaceView } from '../workspace/view';
import { compareKeys, keyVerdict } from './key-compare';
import { bullets, code, escapeText, MAX_LIST_ITEMS, sections } from './markdown';

/** `[../api/Dockerfile:12](file:///...#L12)`; plain text for URIs an editor cannot open from Markdown. */
function fileLineLink(fromUri: string, uri: string, line: number): string {
  const label = escapeText(`${relativeLabel(fromUri, uri)}:${line}`);
  return uri.startsWith('file:') ? `[${label}](${uri}#L${line})` : label;
}

function fileLink(fromUri: string, uri: string): string {
  const label = escapeText(relativeLabel(fromUri, uri));
  return uri.startsWith('file:') ? `[${label}](${uri})` : label;
}

function capped(items: string[], total: number): string {
  return bullets(total > items.length ? [...items, `… and ${total - items.length} more`] : items);
}

/** Other files' mounts that share this mount's cache, and those that look like the same cache but do not. */
export function workspaceSharingSection(
  model: DockerfileModel,
  mount: Mount,
  view: WorkspaceView | undefined,
): string | undefined {
  if (!view || !mount.cacheKey) return undefined;
  const run = model.runs[mount.runIndex];
  const tool = run ? servedTool(mount, run)?.tool : undefined;
  const candidates = new Map<string, MountEntry>();
  const add = (list: readonly MountEntry[]) => {
    for (const e of list) candidates.set(`${e.uri}#${e.index}`, e);
  };
  if (mount.cacheKey.id.known) add(view.mountsWithId(mount.cacheKey.id.value, model.uri));
  if (tool) add(view.mountsOfTool(tool.id, model.uri));
  if (mount.targetPath.known) add(view.mountsWithTargetPath(mount.targetPath.value, model.uri));
  if (candidates.size === 0) return undefined;
  const shares: string[] = [];
  const separate: string[] = [];
  let sharesCount = 0;
  let separateCount = 0;
  const sorted = [...candidates.values()].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.line - b.line));
  for (const e of sorted) {
    const other = { cacheKey: e.key };
    const verdict = keyVerdict(mount, other);
    if (verdict === 'unknown') continue;
    const bucket = verdict === 'shares' ? shares : separate;
    if (verdict === 'shares') sharesCount++;
    else separateCount++;
    if (bucket.length >= MAX_LIST_ITEMS) continue;
    const target = e.target ? ` ${code(e.target.value)}` : '';
    bucket.push(`${fileLineLink(model.uri, e.uri, e.line)}${target}: ${compareKeys(mount, other).reason}`);
  }
  if (sharesCount + separateCount === 0) return undefined;
  return sections([
    '**Other files of the workspace** (caches belong to the builder, not to one Dockerfile: on the same builder the same key is the same cache)',
    sharesCount > 0 ? `**Shares its cache with**\n\n${capped(shares, sharesCount)}` : undefined,
    separateCount > 0
      ? `**Looks like the same cache but does not share it**\n\n${capped(separate, separateCount)}`
      : undefined,
  ]);
}

/** Every place in other files that uses the id, for the `id=` card. */
export function workspaceIdSection(
  model: DockerfileModel,
  mount: Mount,
  view: WorkspaceView | undefined,
): string | undefined {
  if (!view || !mount.cacheKey?.id.known) return undefined;
  const uses = view.mountsWithId(mount.cacheKey.id.value, model.uri);
  if (uses.length === 0) return '**Other files of the workspace:** no other file uses this id.';
  const items = uses.slice(0, MAX_LIST_ITEMS).map((e) => {
    const how = e.key.explicit
      ? code(`id=${e.id?.value ?? ''}`)
      : `implicit id from target ${code(e.target?.value ?? '')}`;
    const cmp = compareKeys(mount, { cacheKey: e.key });
    const verdict =
      cmp.verdict === 'shares'
        ? 'same cache (on the same builder)'
        : cmp.verdict === 'separate'
          ? `**separate cache**: ${cmp.reason}`
          : cmp.reason;
    return `${fileLineLink(model.uri, e.uri, e.line)}: ${how} — ${verdict}`;
  });
  return `**Other files of the workspace using that id:**\n\n${capped(items, uses.length)}`;
}

/** For a Dockerfile's cache mount: the devcontainer.json files that build this Dockerfile. */
export function builtByDevcontainerSection(
  model: DockerfileModel,
  view: WorkspaceView | undefined,
): string | undefined {
  const by = view?.devcontainersOf(model.uri) ?? [];
  if (by.length === 0) return undefined;
  const links = by.map((d) => fileLink(model.uri, d.uri)).join(', ');
  return (
    `**Built by** ${links}: the Dev Containers CLI builds this Dockerfile on the local builder, so this cache mount lives there, ` +
    "during the build only. The devcontainer's `mounts` are run-time mounts of the container: they never share with it."
  );
}

/** For a devcontainer.json mount: the linked Dockerfile's build-time cache mounts, which never share with it. */
export function devcontainerBuildSection(
  model: DevcontainerModel,
  m: DevcontainerMount,
  view: WorkspaceView | undefined,
): string | undefined {
  const linkUri = model.dockerfile ? resolveRelative(model.uri, model.dockerfile.path) : undefined;
  if (!view || !linkUri) return undefined;
  const dockerfile = view.file(linkUri);
  const name = fileLink(model.uri, linkUri);
  if (!dockerfile)
    return `**Its Dockerfile** ${name} (\`build.dockerfile\`) is not indexed: nothing known about its cache mounts.`;
  if (dockerfile.mounts.length === 0) return `**Its Dockerfile** ${name} has no build-time cache mount.`;
  const items = dockerfile.mounts.slice(0, MAX_LIST_ITEMS).map((e) => {
    const same = m.target !== undefined && e.targetPath !== undefined && e.targetPath === m.target;
    const note = same
      ? ' — **the same path as this mount, but a different storage**: what the build cached there is not in this mount'
      : '';
    return `${fileLineLink(model.uri, e.uri, e.line)}: ${escapeText(e.describedKey)}${note}`;
  });
  return sections([
    `**Its Dockerfile** ${name} (\`build.dockerfile\`) has ${dockerfile.mounts.length} build-time cache mount${dockerfile.mounts.length === 1 ? '' : 's'}:`,
    capped(items, dockerfile.mounts.length),
    'They are mounted only during `docker build`, their content stays in the builder and is not part of the image; ' +
      '`docker run` cannot mount them. This run-time mount never shares with them.',
  ]);
}
