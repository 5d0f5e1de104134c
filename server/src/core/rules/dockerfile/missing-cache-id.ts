// CM001: a cache mount for a recognised tool without `id=`: its key is its target path, so only
// mounts with exactly that target share it.
import type { DockerfileModel, Mount } from '../../dockerfile/types';
import type { MountEntry } from '../../workspace/summary';
import { relativeLabel } from '../../workspace/uri';
import type { DockerfileRule, RelatedInfo, RuleContext } from '../rule';
import { cacheIdFor, cacheMountsWithTools, describeKey, insertAfterType, lineOf, listSome, MAX_RELATED, mountsByTool, otherKeys } from './mount-helpers';

export const missingCacheId: DockerfileRule = {
  meta: {
    code: 'CM001',
    name: 'missing-cache-id',
    kind: 'dockerfile',
    defaultSeverity: 'info',
    fixable: 'always',
    docs: {
      what:
        'A `RUN --mount=type=cache` mount for a recognised tool cache has no `id=` option. Recognised: uv, pip, poetry, ' +
        'apt (packages and lists), apk, npm, yarn, pnpm, bun, go (build and module caches), cargo (registry, git, ' +
        'target), maven, gradle, composer, bundler, ccache; by the command in the RUN, or by the usual cache path.',
      why:
        'Without `id`, BuildKit keys the cache by `path.Clean(target)`. Only mounts with the same cleaned target share it: ' +
        'a stage that runs as another user, or moves the cache with `UV_CACHE_DIR`, gets a second, empty cache. ' +
        'An explicit id such as `uv-cache` names the cache once and shares it wherever it is used (with the same ' +
        '`uid`/`gid`/`mode`/`from`, which otherwise give a separate cache). ' +
        'The finding is a warning when the same tool cache is already mounted under another key elsewhere in the file ' +
        'or in another Dockerfile of the workspace (the editor\'s open folders, or the files one CLI run checks; caches belong to the builder, not to one file).',
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
        'id to a mount that had none may make the RUN run once more (BuildKit keeps a default mount\'s id in the ' +
        'layer cache key and clears an explicit one; read from BuildKit\'s code, not built here); changing one ' +
        'explicit id to another does not re-run it.',
      options:
        '`uvCacheId` (default `uv-cache`) is the id given to uv mounts; `cacheIds` sets the id per tool, e.g. ' +
        '`{ "pip": "pip-cache" }`. Tool keys and default ids: `uv` uv-cache, `pip` pip-cache, `poetry` poetry-cache, ' +
        '`apt` apt-cache (/var/cache/apt), `apt-lists` apt-lists (/var/lib/apt), `apk` apk-cache, `npm` npm-cache, ' +
        '`yarn` yarn-cache, `pnpm` pnpm-store, `bun` bun-cache, `go-build` go-build (GOCACHE), `go-mod` go-mod ' +
        '(GOMODCACHE), `cargo-registry` cargo-registry, `cargo-git` cargo-git, `cargo-target` cargo-target, `maven` ' +
        'maven-repo, `gradle` gradle-cache, `composer` composer-cache, `bundler` bundler-cache, `ccache` ccache.',
      references: [
        'https://docs.docker.com/reference/dockerfile/#run---mounttypecache',
        'https://github.com/moby/buildkit/issues/2597',
        'research/cache-mount-semantics.md §1.3 (default id = path.Clean(target); uid/gid/mode/from add a parent; `checkShouldClearCacheOpts` and the layer cache key), §0.2, §0.4, §5.2 (other managers\' cache dirs)',
        'research/cache-mount-semantics.md §1.6 (caches belong to the builder, shared by every build on it)',
        '[Verified build fact `different-targets-no-id`](../verified-facts.md#different-targets-no-id): two targets without id are two caches; after the fix gives both one id they share it',
      ],
    },
  },
  check(model, ctx) {
    const byTool = mountsByTool(model);
    for (const { mount, tool } of cacheMountsWithTools(model)) {
      if (mount.option('id')) continue;
      const typeOption = mount.option('type');
      if (!typeOption) continue;
      const id = cacheIdFor(tool, ctx.settings);
      const implicit = mount.cacheKey?.id.known ? mount.cacheKey.id.value : mount.target?.value ?? '';
      // Only mounts with a known key take part in the comparison (an unknown key might be the same).
      const { some, count } = otherKeys(byTool.get(tool.id), mount, MAX_RELATED);
      const elsewhere = otherFileKeys(model, ctx, tool.id, mount);
      let message =
        `Cache mount has no id, so its cache key is its target '${implicit}': only mounts with exactly this target share it. ` +
        `Add id=${id} to share the ${tool.displayName} cache across users, stages and images.`;
      if (count) {
        const list = some.map((o) => `line ${lineOf(model, o.mount.flagSpan.start)} (${describeKey(o.mount)})`);
        const more = count > some.length ? `, and ${count - some.length} more` : '';
        message += ` The ${tool.displayName} cache is also mounted under another key on ${listSome(list, MAX_RELATED)}${more}.`;
      }
      if (elsewhere.length) {
        const shown = elsewhere.slice(0, MAX_RELATED);
        const list = shown.map((e) => `${relativeLabel(model.uri, e.uri)} line ${e.line} (${e.describedKey})`);
        const more = elsewhere.length > shown.length ? `, and ${elsewhere.length - shown.length} more` : '';
        message += ` Other Dockerfiles of the workspace mount it under another key: ${listSome(list, MAX_RELATED)}${more}.`;
      }
      const related: RelatedInfo[] = [
        ...some.map((o) => ({ span: o.mount.flagSpan, message: `${tool.displayName} cache mounted with ${describeKey(o.mount)}` })),
        ...elsewhere.slice(0, MAX_RELATED - some.length).map((e) => ({ uri: e.uri, span: e.flag.span, range: e.flag.range, message: `${tool.displayName} cache mounted with ${e.describedKey}` })),
      ];
      ctx.report({
        span: typeOption.span,
        message,
        severity: count || elsewhere.length ? 'warning' : 'info',
        related,
        fixes: [{ title: `Add id=${id}`, preferred: true, safety: 'safe', edits: [insertAfterType(mount, `id=${id}`)] }],
      });
    }
  },
};

/**
 * Mounts of the same tool in the workspace's other Dockerfiles whose key differs from this mount's
 * (the workspace view of the server, or of one CLI run). Caches belong to the builder (research §1.3), so
 * built on one builder, such a mount fills a separate copy of the same cache.
 */
function otherFileKeys(model: DockerfileModel, ctx: RuleContext, toolId: string, mount: Mount): readonly MountEntry[] {
  const own = mount.cacheKey?.compareKey;
  if (!ctx.workspace || own === undefined) return [];
  return ctx.workspace.mountsOfTool(toolId, model.uri).filter((e) => e.key.compareKey !== undefined && e.key.compareKey !== own);
}
