// CM001: a cache mount for a recognised tool without `id=`: its key is its target path, so only
// mounts with exactly that target share it.
import type { DockerfileModel, Mount } from '../../dockerfile/types';
import { NO_MOUNTS, type MountSelection } from '../../workspace/view';
import { relativeLabel } from '../../workspace/uri';
import type { DockerfileRule, MessageData, RelatedInfo, RuleContext } from '../rule';
import {
  cacheIdFor,
  cacheMountsWithTools,
  describeKey,
  insertAfterType,
  isIdleLookalike,
  isMismatchedMount,
  lineOf,
  listSome,
  MAX_RELATED,
  mountsByTool,
  otherKeys,
  splitSignature,
  type ServedMount,
  type ToolGroup,
  isOtherKey,
  questionOf,
} from './mount-helpers';

const MESSAGES = {
  noId: "No id: the {{tool}} cache is keyed by the target '{{target}}'.",
  noIdSplit: 'No id, so this {{tool}} cache stays separate from the one on line {{line}}.',
  noIdSplitAcrossFiles: 'No id, so this {{tool}} cache stays separate from the one in {{file}} line {{line}}.',
} as const;
type MessageId = keyof typeof MESSAGES;

export const missingCacheId: DockerfileRule<MessageId> = {
  meta: {
    code: 'CM001',
    name: 'missing-cache-id',
    kind: 'dockerfile',
    defaultSeverity: 'hint',
    fixable: 'always',
    messages: MESSAGES,
    docs: {
      what:
        'A `RUN --mount=type=cache` mount for a recognised tool cache has no `id=` option. Recognised: uv, pip, poetry, ' +
        'apt (packages and lists), apk, dnf/yum, npm, yarn, pnpm, bun, go (build and module caches), cargo (registry, git, ' +
        'target), maven, gradle, composer, bundler, ccache; by the command in the RUN, or by the usual cache path.',
      why:
        'Without `id`, BuildKit keys the cache by `path.Clean(target)`. Only mounts with the same cleaned target share it: ' +
        'a stage that runs as another user, or moves the cache with `UV_CACHE_DIR`, gets a second, empty cache. ' +
        'An explicit id such as `uv-cache` names the cache once and shares it wherever it is used (with the same ' +
        '`uid`/`gid`/`mode`/`from`, which otherwise give a separate cache). ' +
        'The finding is a warning when the same tool cache is already mounted under another key, with the same ' +
        "`uid`/`gid`/`mode`/`from`, elsewhere in the file or in another Dockerfile of the workspace (the editor's open " +
        'folders, or the files one CLI run checks; caches belong to the builder, not to one file): an id joins them. ' +
        'While every mount of that tool shares one key, adding an id changes nothing today: the finding is then a hint ' +
        '(shown faintly, with the fix). Where the other keys differ only by `uid`/`gid`/`mode`/`from`, an id would not ' +
        'join them and there is no CM001 finding: CM002 explains that split.',
      bad: [
        'FROM python:3.12-slim',
        'ENV UV_LINK_MODE=copy',
        'RUN --mount=type=cache,target=/root/.cache/uv uv sync --locked',
        '',
      ].join('\n'),
      good: [
        'FROM python:3.12-slim',
        'ENV UV_LINK_MODE=copy',
        'RUN --mount=type=cache,id=uv-cache,target=/root/.cache/uv uv sync --locked',
        '',
      ].join('\n'),
      fixSafety:
        'Safe for the build result: the id only selects which cache directory is mounted. After the fix the mount ' +
        'gets the cache of the new id, empty unless another mount on this builder already uses that id. Adding an ' +
        "id to a mount that had none may make the RUN run once more (BuildKit keeps a default mount's id in the " +
        "layer cache key and clears an explicit one; read from BuildKit's code, not built here); changing one " +
        'explicit id to another does not re-run it.',
      options:
        '`uvCacheId` (default `uv-cache`) is the id given to uv mounts; `cacheIds` sets the id per tool, e.g. ' +
        '`{ "pip": "pip-cache" }`. Tool keys and default ids: `uv` uv-cache, `pip` pip-cache, `poetry` poetry-cache, ' +
        '`apt` apt-cache (/var/cache/apt), `apt-lists` apt-lists (/var/lib/apt), `apk` apk-cache, `npm` npm-cache, ' +
        '`yarn` yarn-cache, `pnpm` pnpm-store, `bun` bun-cache, `go-build` go-build (GOCACHE), `go-mod` go-mod ' +
        '(GOMODCACHE), `dnf` dnf-cache (dnf, yum, microdnf), `cargo-registry` cargo-registry, `cargo-git` cargo-git, `cargo-target` cargo-target, `maven` ' +
        'maven-repo, `gradle` gradle-cache, `composer` composer-cache, `bundler` bundler-cache, `ccache` ccache.',
      references: [
        'https://docs.docker.com/reference/dockerfile/#run---mounttypecache',
        'https://github.com/moby/buildkit/issues/2597',
        '[Cache key](../semantics.md#cache-key): default id = path.Clean(target); uid/gid/mode/from give a separate key',
        "[The layer cache](../semantics.md#layer-cache): a default id is part of the RUN's layer cache key, an explicit one is not",
        "[Other tools' cache directories](../semantics.md#tool-cache-dirs)",
        '[Where a cache lives](../semantics.md#cache-lifetime): caches belong to the builder, shared by every build on it',
        '[Verified build fact `different-targets-no-id`](../verified-facts.md#different-targets-no-id): two targets without id are two caches; after the fix gives both one id they share it',
      ],
    },
  },
  check(model, ctx) {
    const byTool = mountsByTool(model);
    const bySignature = groupBySignature(byTool);
    for (const { mount, run, tool } of cacheMountsWithTools(model, true)) {
      if (mount.option('id') || isMismatchedMount(mount, run)) continue; // CM004 first: the target is wrong
      const typeOption = mount.option('type');
      if (!typeOption) continue;
      const id = cacheIdFor(tool, ctx.settings);
      const implicit = mount.cacheKey?.id.known ? mount.cacheKey.id.value : (mount.target?.value ?? '');
      // Only mounts with a known key take part in the comparison (an unknown key might be the same).
      // A lookalike in a RUN that does not run the tool takes no part in splits: a hint at most.
      const idle = isIdleLookalike(mount, run);
      const group = idle ? undefined : byTool.get(tool.id);
      const inFile = otherKeys(group, mount, 1).count;
      const elsewhere = idle ? NO_MOUNTS : otherFileKeys(model, ctx, tool.id, mount);
      // An id joins only mounts with the same uid/gid/mode/from: a split made by those is CM002's alone.
      const own = splitSignature(mount.cacheKey?.splitBy);
      const { some: joinable, count: joinableCount } = idle
        ? { some: [], count: 0 }
        : joinableKeys(bySignature, tool.id, own, mount, MAX_RELATED);
      const joinableElsewhere = idle ? NO_MOUNTS : otherFileKeys(model, ctx, tool.id, mount, own);
      const fix = {
        title: `Add id=${id}`,
        preferred: true,
        safety: 'safe' as const,
        edits: [insertAfterType(mount, `id=${id}`)],
      };
      if (!joinableCount && !joinableElsewhere.count) {
        if (inFile || elsewhere.count) continue; // split only by uid/gid/mode/from: CM002 explains it
        ctx.report({
          span: typeOption.span,
          messageId: 'noId',
          data: { tool: tool.displayName, target: implicit },
          detail: idle
            ? `No id: the cache key is the target '${implicit}'. id=${id} would name the ${tool.displayName} cache, so mounts with another target or user can share it.`
            : `No id: the cache key is the target '${implicit}', which every ${tool.displayName} cache mount of the file and workspace shares today. ` +
              `id=${id} would name the cache, so a mount added later with another target or user still shares it.`,
          severity: 'hint',
          fixes: [fix],
        });
        continue;
      }
      const shown = joinable;
      let detail =
        `Cache mount has no id, so its cache key is its target '${implicit}', while the ${tool.displayName} cache is also mounted under another key: ` +
        `each key is a separate cache, filled separately. Add id=${id} here and there to share one cache.`;
      if (joinableCount) {
        const list = shown.map((o) => `line ${lineOf(model, o.mount.flagSpan.start)} (${describeKey(o.mount)})`);
        const more = joinableCount > shown.length ? `, and ${joinableCount - shown.length} more` : '';
        detail += ` In this file: ${listSome(list, MAX_RELATED)}${more}.`;
      }
      if (joinableElsewhere.count) {
        const some = joinableElsewhere.first(MAX_RELATED);
        const list = some.map((e) => `${relativeLabel(model.uri, e.uri)} line ${e.line} (${e.describedKey})`);
        const more = joinableElsewhere.count > some.length ? `, and ${joinableElsewhere.count - some.length} more` : '';
        detail += ` Other Dockerfiles of the workspace: ${listSome(list, MAX_RELATED)}${more}.`;
      }
      // The message names one other mount, this file's first; the detail lists them all.
      // Without one in this file there is one elsewhere (else the hint above).
      const near = shown[0];
      const far = joinableElsewhere.first(1)[0]!;
      const message: { messageId: MessageId; data: MessageData } = near
        ? { messageId: 'noIdSplit', data: { tool: tool.displayName, line: lineOf(model, near.mount.flagSpan.start) } }
        : {
            messageId: 'noIdSplitAcrossFiles',
            data: { tool: tool.displayName, file: relativeLabel(model.uri, far.uri), line: far.line },
          };
      const related: RelatedInfo[] = [
        ...shown.map((o) => ({
          span: o.mount.flagSpan,
          message: `${tool.displayName} cache mounted with ${describeKey(o.mount)}`,
        })),
        ...joinableElsewhere.first(Math.max(0, MAX_RELATED - shown.length)).map((e) => ({
          uri: e.uri,
          span: e.flag.span,
          range: e.flag.range,
          message: `${tool.displayName} cache mounted with ${e.describedKey}`,
        })),
      ];
      ctx.report({ span: typeOption.span, ...message, detail, severity: 'warning', related, fixes: [fix] });
    }
  },
};

/** Per tool, per uid/gid/mode/from signature: the mounts by key (an id joins keys of one signature). */
type SignatureGroups = Map<string, Map<string, Map<string, ServedMount[]>>>;

function groupBySignature(byTool: Map<string, ToolGroup>): SignatureGroups {
  const out: SignatureGroups = new Map();
  for (const [toolId, group] of byTool) {
    const perSignature = new Map<string, Map<string, ServedMount[]>>();
    out.set(toolId, perSignature);
    for (const [key, entries] of group.byKey) {
      const signature = splitSignature(entries[0]!.mount.cacheKey?.splitBy);
      let keys = perSignature.get(signature);
      if (!keys) perSignature.set(signature, (keys = new Map<string, ServedMount[]>()));
      keys.set(key, entries);
    }
  }
  return out;
}

/** Mounts of the tool under another key with the same signature (at most `limit`), and how many there are. */
function joinableKeys(
  groups: SignatureGroups,
  toolId: string,
  signature: string,
  mount: Mount,
  limit: number,
): { some: ServedMount[]; count: number } {
  const keys = groups.get(toolId)?.get(signature);
  const own = mount.cacheKey?.compareKey;
  if (!keys || own === undefined) return { some: [], count: 0 };
  const some: ServedMount[] = [];
  let count = 0;
  for (const [key, entries] of keys) {
    if (key === own) continue;
    count += entries.length;
    if (some.length < limit) some.push(...entries.slice(0, limit - some.length));
  }
  return { some, count };
}

/**
 * Mounts of the same tool in the workspace's other Dockerfiles whose key differs from this mount's
 * (the workspace view of the server, or of one CLI run); with `signature`, only those an id would join
 * (the same uid/gid/mode/from). Caches belong to the builder (docs/semantics.md#cache-key), so
 * built on one builder, such a mount fills a separate copy of the same cache.
 */
function otherFileKeys(
  model: DockerfileModel,
  ctx: RuleContext<MessageId>,
  toolId: string,
  mount: Mount,
  signature?: string,
): MountSelection {
  const own = mount.cacheKey?.compareKey;
  if (!ctx.workspace || own === undefined) return NO_MOUNTS;
  if (signature === undefined)
    return ctx.workspace.mountsOfToolWhere(toolId, model.uri, questionOf('other key', own), (e) => isOtherKey(e, own));
  return ctx.workspace.mountsOfToolWhere(
    toolId,
    model.uri,
    questionOf('other key, same signature', own, signature),
    (e) => isOtherKey(e, own) && splitSignature(e.key.splitBy) === signature,
  );
}
