// CM003: a uv cache mount under a home directory (/root/..., /home/...): the right target changes
// with the user, so one fixed directory named by UV_CACHE_DIR is sturdier.
import { replace, TextEdit } from '../../fix';
import type { DockerfileModel, Mount, RunInstruction } from '../../dockerfile/types';
import type { DockerfileRule } from '../rule';
import {
  cacheIdFor,
  cacheMountsWithTools,
  earliestAncestor,
  insertAfterType,
  insertLineAfterFrom,
  isPathUnder,
  syntaxDirectiveEdit,
} from './mount-helpers';

function isHomePath(path: string): boolean {
  return isPathUnder(path, '/root') || isPathUnder(path, '/home');
}

/** The known users (by name, else uid) that run uv anywhere in the file. */
function uvUsers(model: DockerfileModel): Set<string> {
  const users = new Set<string>();
  for (const run of model.runs) {
    if (!run.toolUses.some((u) => u.tool === 'uv')) continue;
    const u = run.user;
    if (u.isRoot.known && u.isRoot.value) users.add('root');
    else if (u.name.known) users.add(`name:${u.name.value}`);
    else if (u.uid.known) users.add(`uid:${u.uid.value}`);
  }
  return users;
}

export const homeDependentCacheDir: DockerfileRule = {
  meta: {
    code: 'CM003',
    name: 'home-dependent-cache-dir',
    kind: 'dockerfile',
    defaultSeverity: 'hint',
    fixable: 'sometimes',
    docs: {
      what: "A uv cache mount's target is under a home directory (`/root/...`, `/home/...`), so the right target changes with the user.",
      why:
        'uv caches in `$HOME/.cache/uv`, and HOME follows USER (root: /root; a created user: its home; a numeric uid ' +
        'without a line in /etc/passwd: /). When a stage switches user, or a base image runs as non-root, a `/root/.cache/uv` ' +
        "mount silently stops matching uv's cache. `ENV UV_CACHE_DIR=/cache/uv` with `target=${UV_CACHE_DIR}` puts " +
        "the cache in one place for every user. It is a warning when the file runs uv as more than one user.",
      bad: [
        'FROM python:3.12-slim',
        'ENV UV_LINK_MODE=copy',
        'RUN --mount=type=cache,target=/root/.cache/uv uv sync --locked',
        '',
      ].join('\n'),
      good: [
        '# syntax=docker/dockerfile:1',
        'FROM python:3.12-slim',
        'ENV UV_CACHE_DIR=/cache/uv',
        'ENV UV_LINK_MODE=copy',
        'RUN --mount=type=cache,id=uv-cache,target=${UV_CACHE_DIR} uv sync --locked',
        '',
      ].join('\n'),
      fixSafety:
        'The fix ("Standardize UV_CACHE_DIR") adds `ENV UV_CACHE_DIR` to the stage (or its earliest ancestor stage in ' +
        'this file), which also stays in the final image and moves uv\'s cache for RUNs without a mount and at run ' +
        'time; it gives the mount `id=uv-cache` and adds ' +
        '`# syntax=docker/dockerfile:1` when missing, because variables in `--mount` are expanded only by Dockerfile ' +
        'frontend 1.3+ (an older builder mounts a directory literally named `${UV_CACHE_DIR}`). The directive makes ' +
        'BuildKit pull the Dockerfile frontend image before the build, so the builder needs registry access. The ' +
        'mount gets the cache of `uv-cache`, empty unless another mount on this builder already filled it. Marked ' +
        'unsafe for these reasons.',
      options: '`uvCacheDir` (default `/cache/uv`) is the directory written into ENV UV_CACHE_DIR; `uvCacheId` is the id.',
      references: [
        'https://docs.astral.sh/uv/guides/integration/docker/#caching',
        'https://docs.astral.sh/uv/concepts/cache/#cache-directory',
        'research/cache-mount-semantics.md §3.1 (HOME follows USER), §4.1 (uv cache dir), §2.1 (variable expansion in --mount, Dockerfile 1.3), §2.3 (the syntax directive pulls the frontend)',
        '[Verified build fact `no-mount-variable-expansion`](../verified-facts.md#no-mount-variable-expansion): without a syntax directive this builder mounts a directory literally named `${VAR}`',
        '[Verified build fact `numeric-user-home`](../verified-facts.md#numeric-user-home): a numeric USER without a passwd line runs with `HOME=/`',
        '[Verified build fact `no-passwd-file-user`](../verified-facts.md#no-passwd-file-user): with no /etc/passwd at all, `USER 4242` fails the RUN and `USER 4242:4242` runs with `HOME=/`',
      ],
    },
  },
  check(model, ctx) {
    const users = uvUsers(model);
    const severity = users.size > 1 ? 'warning' : 'hint';
    // Mismatched mounts too: the fix moves every uv mount of the chain to ${UV_CACHE_DIR}, so they converge together.
    for (const { mount, run, tool } of cacheMountsWithTools(model, true)) {
      if (tool.id !== 'uv' || !mount.target || !mount.targetPath.known) continue;
      const path = mount.targetPath.value;
      if (!isHomePath(path)) continue;
      const fix = standardizeFix(model, run, mount, ctx.settings.uvCacheDir, cacheIdFor(tool, ctx.settings));
      const multi = users.size > 1 ? ` This file runs uv as ${users.size} different users.` : '';
      ctx.report({
        span: mount.target.span,
        message:
          `uv cache mount target '${path}' is under a home directory: it matches uv's cache only while HOME is ` +
          `'${path.startsWith('/root') ? '/root' : path.split('/').slice(0, 3).join('/')}'.${multi} ` +
          `Set ENV UV_CACHE_DIR=${ctx.settings.uvCacheDir} and mount target=\${UV_CACHE_DIR} so every user shares one location.`,
        severity,
        fixes: fix ? [fix] : [],
      });
    }
  },
};

function standardizeFix(model: DockerfileModel, run: RunInstruction, mount: Mount, dir: string, id: string) {
  const target = mount.target;
  if (!target) return undefined;
  const edits: TextEdit[] = [];
  const existing = run.scope.lookup('UV_CACHE_DIR');
  if (typeof existing === 'object') {
    // Already defined: pointing the mount at it only helps when it is a fixed, non-home directory.
    if (existing.value === undefined || existing.unresolved !== undefined || !existing.value.startsWith('/') || isHomePath(existing.value) || existing.value.includes('$')) return undefined;
  } else {
    const stage = model.stages[run.stageIndex];
    if (!stage) return undefined;
    edits.push(insertLineAfterFrom(model, earliestAncestor(model, stage), `ENV UV_CACHE_DIR=${dir}`));
  }
  edits.push(replace(target.span, `${target.key}=\${UV_CACHE_DIR}`));
  if (!mount.option('id')) edits.push(insertAfterType(mount, `id=${id}`));
  const syntax = syntaxDirectiveEdit(model);
  if (syntax) edits.push(syntax);
  return { title: 'Standardize UV_CACHE_DIR', preferred: true, safety: 'unsafe' as const, edits };
}
