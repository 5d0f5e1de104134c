// The cache key card for a `RUN --mount=type=cache` flag: which cache this mount gets, who owns it,
// where the RUN's tools really write, and which other mounts of the file share it (and why not).
// Every sentence is backed by a section of docs/semantics.md or a verified build fact (docs/verified-facts.md).
import type { DockerfileModel, Mount, RunInstruction } from '../dockerfile/types';
import { compareKeys, describeId, keyVerdict, type Sharing } from './key-compare';
import { expansionCaveat, toolsWithCacheDir, homeLine, userLine, variableLines, toolName } from './dockerfile-facts';
import { bullets, code, escapeText, lineRef, MAX_LIST_ITEMS, maybeCode, sections, semanticsLink } from './markdown';
import { isPathUnder } from '../buildkit/path-under';
import type { WorkspaceView } from '../workspace/view';
import { builtByDevcontainerSection, workspaceSharingSection } from './workspace-sections';

const SHARING_WORDS: Record<string, string> = {
  shared: '`shared` (default): concurrent writers use the same directory',
  private: '`private`: a new directory is created when there are multiple writers, so one id can have several',
  locked: '`locked`: a second writer pauses until the first one releases the mount',
};

/** Verified (docs/verified-facts.md#cache-mode-umask); docs/semantics.md#ownership cites the same for the docker driver. */
const MODE_UMASK_NOTE =
  `The builder may mask ${code('mode')} with its umask when it creates the directory: in a real build (dockerd, umask 022) ` +
  `${code('mode=0777')} gave 0755, so a non-root user still could not write, and ${code('mode=0770')} gave 0750.`;

function ownerSection(mount: Mount, run: RunInstruction): string {
  const uid = mount.option('uid')?.value;
  const gid = mount.option('gid')?.value;
  const mode = mount.option('mode')?.value;
  const source = mount.option('source');
  const items: string[] = [];
  const anySet = uid != null || gid != null || mode != null;
  if (anySet && source) {
    items.push(
      `Owner and mode: ${code('0:0 0755')} — ${code('uid')}/${code('gid')}/${code('mode')} are **ignored** because ` +
        `${code('source')} is set (${semanticsLink('from-and-source', 'from and source')}).`,
    );
  } else if (anySet) {
    items.push(
      `Owner and mode: ${code(`${uid ?? '0'}:${gid ?? '0'} ${mode ?? '0755'}`)} (unset parts keep the defaults 0, 0, 0755).`,
    );
    if (mode != null) items.push(MODE_UMASK_NOTE);
  } else {
    items.push(`Owner and mode: ${code('0:0 0755')} (default): only root can write to it.`);
    if (run.user.isRoot.known && !run.user.isRoot.value) {
      items.push(
        `This RUN's user is not root, so it cannot write here ("Permission denied": uv fails, pip disables its cache). ` +
          `Add ${code('uid=')}/${code('gid=')} of the user.`,
      );
    }
  }
  return items.join('\n\n');
}

function keySplitSection(mount: Mount): string {
  const key = mount.cacheKey;
  if (!key) return '';
  const ignored =
    mount.option('source') && ['uid', 'gid', 'mode'].some((k) => mount.option(k))
      ? ` Here ${code('source')} is set, so ${code('uid')}/${code('gid')}/${code('mode')} do not split the key (${semanticsLink('from-and-source', 'from and source')}).`
      : '';
  if (key.splitBy.length === 0) {
    return (
      `**Key split:** none. Setting ${code('uid')}, ${code('gid')}, ${code('mode')} or ${code('from')} would make a separate ` +
      `cache under the same id (BuildKit keys it by id plus an implicit parent).${ignored}`
    );
  }
  const list = key.splitBy.map((s) => code(`${s.key}=${s.value}`)).join(', ');
  return (
    `**Key split by** ${list}: BuildKit keys this cache by the id **plus** an implicit parent made from these options, ` +
    `so a mount with the same id but without them (or with other values) gets a **different, separate cache** ` +
    `(verified: same id with and without ${code('uid=1000')} are two caches).${ignored}`
  );
}

function targetSection(model: DockerfileModel, mount: Mount): string {
  const written = mount.target?.value;
  if (written == null) {
    return `**Target:** none written. The target is then the WORKDIR itself (${semanticsLink('relative-target', 'relative targets')}): ${maybeCode(mount.targetPath)}.`;
  }
  const lines: string[] = [`**Target:** ${code(written)}`];
  const vars = variableLines(model, mount.stageIndex, mount.targetExpanded);
  if (vars.length > 0) {
    const expanded = mount.targetExpanded?.value;
    lines.push(`expands to ${expanded ? maybeCode(expanded) : 'unknown'}`);
    return sections([lines.join(' '), bullets(vars)]);
  }
  if (mount.targetPath.known && mount.targetPath.value !== written) {
    lines.push(
      `→ mounted at ${code(mount.targetPath.value)} (relative: joined to WORKDIR; ${code('~')} is never expanded)`,
    );
  }
  return lines.join(' ');
}

/** The syntax-version caveat, once, when the target or the id uses a variable. */
function variableCaveat(model: DockerfileModel, mount: Mount): string | undefined {
  const written = [mount.target?.value, mount.option('id')?.value].find((v) => v != null && v.includes('$'));
  return written != null ? expansionCaveat(model, written) : undefined;
}

function idSection(mount: Mount): string {
  const key = mount.cacheKey;
  const id = key?.id;
  let idText: string;
  if (!key || !id) idText = 'unknown';
  else if (!id.known) idText = `unknown: ${escapeText(id.reason)}`;
  else if (key.explicit) idText = `${code(id.value)} (explicit ${code('id=')})`;
  else {
    idText =
      `implicit, from target: ${code(id.value)} — path.Clean of the target, computed before a ` +
      `relative target is joined to WORKDIR`;
  }
  return bullets([
    `Cache id: ${idText}`,
    `Namespace: prefixed with the ${code('BUILDKIT_CACHE_MOUNT_NS')} build arg when one is passed. ` +
      `Caches live in one builder: never exported by ${code('--cache-to')} nor imported by ${code('--cache-from')}.`,
    `Sharing: ${SHARING_WORDS[mount.sharing] ?? code(mount.sharing)}`,
  ]);
}

function toolsSection(model: DockerfileModel, mount: Mount, run: RunInstruction): string {
  const items: string[] = [userLine(model, run), homeLine(model, run)];
  const others = run.mounts.filter((m) => m !== mount && m.type === 'cache');
  if (run.toolUses.length === 0) {
    items.push('No recognised tool in this RUN.');
  }
  const seen = new Set<string>();
  for (const use of run.toolUses) {
    const name = toolName(use.tool);
    const dir = use.cacheDir;
    const key = `${use.tool}|${dir.known ? dir.value : '?'}|${use.disabled ? 1 : 0}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (use.disabled) {
      items.push(
        `${code(name)}: cache **disabled** (${escapeText(use.disabled.reason)}): this mount is not used by it`,
      );
      continue;
    }
    const src = use.cacheDirSource ? ` (from ${escapeText(use.cacheDirSource)})` : '';
    if (!dir.known) {
      items.push(`${code(name)}: cache directory unknown${src}`);
      continue;
    }
    let cover: string;
    if (!mount.targetPath.known) cover = 'coverage unknown (the target is unknown)';
    else if (isPathUnder(dir.value, mount.targetPath.value)) cover = '**covered** by this mount';
    else {
      const other = others.find((m) => m.targetPath.known && isPathUnder(dir.value, m.targetPath.value));
      cover = other
        ? `not this mount; covered by the cache mount at ${code(other.targetPath.known ? other.targetPath.value : '')}`
        : '**not covered** by this mount: the tool caches elsewhere';
    }
    items.push(`${code(name)} caches in ${maybeCode(dir)}${src}: ${cover}`);
  }
  return `**This RUN** (${lineRef(model.uri, model.lines, run.span)})\n\n${bullets(items)}`;
}

function looksLikeSection(mount: Mount, run: RunInstruction): string | undefined {
  if (run.toolUses.length > 0 || !mount.targetPath.known) return undefined;
  const names = toolsWithCacheDir(mount.targetPath.value).map((t) => code(t.displayName));
  return names.length > 0 ? `The target is a usual cache directory of ${names.join(', ')}.` : undefined;
}

function sharingSection(model: DockerfileModel, mount: Mount): string {
  const buckets: Record<Sharing, string[]> = { shares: [], separate: [], unknown: [] };
  const counts: Record<Sharing, number> = { shares: 0, separate: 0, unknown: 0 };
  for (const other of model.mounts) {
    if (other === mount || other.type !== 'cache') continue;
    const verdict = keyVerdict(mount, other);
    counts[verdict]++;
    // Only the listed items are worded: a huge file must not cost a sentence per mount.
    if (buckets[verdict].length >= MAX_LIST_ITEMS) continue;
    const where = lineRef(model.uri, model.lines, other.flagSpan);
    const target = other.target?.value != null ? ` ${code(other.target.value)}` : '';
    buckets[verdict].push(`${where}${target}: ${compareKeys(mount, other).reason}`);
  }
  const list = (v: Sharing): string => {
    const more = counts[v] - buckets[v].length;
    return bullets(more > 0 ? [...buckets[v], `… and ${more} more`] : buckets[v]);
  };
  if (counts.shares + counts.separate + counts.unknown === 0) return '**Other cache mounts in this file:** none.';
  return sections([
    counts.shares > 0
      ? `**Shares its cache with**\n\n${list('shares')}`
      : mount.cacheKey?.id.known
        ? '**Shares its cache with** no other mount of this file.'
        : undefined,
    counts.separate > 0 ? `**Does not share with**\n\n${list('separate')}` : undefined,
    counts.unknown > 0 ? `**Unknown whether it shares with**\n\n${list('unknown')}` : undefined,
  ]);
}

export function cacheMountCard(model: DockerfileModel, mount: Mount, workspace?: WorkspaceView): string {
  const run = model.runs[mount.runIndex];
  const key = mount.cacheKey;
  const title = `### Cache mount — ${key ? describeId(key) : 'unknown id'}`;
  return sections([
    title,
    idSection(mount),
    keySplitSection(mount),
    run ? ownerSection(mount, run) : undefined,
    targetSection(model, mount),
    variableCaveat(model, mount),
    run ? toolsSection(model, mount, run) : undefined,
    run ? looksLikeSection(mount, run) : undefined,
    sharingSection(model, mount),
    workspaceSharingSection(model, mount, workspace),
    builtByDevcontainerSection(model, workspace),
  ]);
}

export function otherMountCard(mount: Mount): string {
  const typeOpt = mount.option('type');
  const target = mount.target?.value;
  const head = `### ${code(mount.type)} mount${target != null ? ` at ${code(target)}` : ''}`;
  const body = typeOpt
    ? `Not a cache mount: it has no cache key. Only ${code('type=cache')} mounts keep a cache between builds.`
    : `No ${code('type=')}: a \`--mount\` without a type is a **bind** mount (the default), not a cache mount. ` +
      `Add ${code('type=cache')} to keep files between builds.`;
  return sections([head, body]);
}
