// CM001: a cache mount for a recognised tool without `id=`: its key is its target path, so only
// mounts with exactly that target share it.
import type { DockerfileRule } from '../rule';
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
        'Without `id`, BuildKit keys the cache by `path.Clean(target)`. Only mounts with exactly that target share it: ' +
        'a stage that runs as another user, or moves the cache with `UV_CACHE_DIR`, gets a second, empty cache. ' +
        'An explicit id such as `uv-cache` names the cache once and shares it wherever it is used. ' +
        'The finding is a warning when the same tool cache is already mounted elsewhere in the file under another key.',
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
        'Safe for the build result: the id only selects which cache directory is mounted. The first build after the ' +
        'fix starts with an empty cache (the new id has no content yet), and changing an id does not invalidate the ' +
        "RUN's layer cache.",
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
        'research/cache-mount-semantics.md §1.3 (default id = path.Clean(target)), §0.2, §5.2 (other managers\' cache dirs)',
        'DESIGN.md VERIFIED: different targets without id are two caches; an id equal to another target shares it',
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
      let message =
        `Cache mount has no id, so its cache key is its target '${implicit}': only mounts with exactly this target share it. ` +
        `Add id=${id} to share the ${tool.displayName} cache across users, stages and images.`;
      if (count) {
        const list = some.map((o) => `line ${lineOf(model, o.mount.flagSpan.start)} (${describeKey(o.mount)})`);
        const more = count > some.length ? `, and ${count - some.length} more` : '';
        message += ` The ${tool.displayName} cache is also mounted under another key on ${listSome(list, MAX_RELATED)}${more}.`;
      }
      ctx.report({
        span: typeOption.span,
        message,
        severity: count ? 'warning' : 'info',
        related: some.map((o) => ({ span: o.mount.flagSpan, message: `${tool.displayName} cache mounted with ${describeKey(o.mount)}` })),
        fixes: [{ title: `Add id=${id}`, preferred: true, safety: 'safe', edits: [insertAfterType(mount, `id=${id}`)] }],
      });
    }
  },
};
