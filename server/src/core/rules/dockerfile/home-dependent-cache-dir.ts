// CM003: a uv cache mount under a home directory (/root/..., /home/...): the right target changes
// with the user, so one fixed directory named by UV_CACHE_DIR is sturdier.
import { replace, type TextEdit } from '../../fix';
import type { DockerfileModel, Mount, RunInstruction } from '../../dockerfile/types';
import type { DockerfileRule } from '../rule';
import type { Settings } from '../../settings';
import {
  cacheIdFor,
  cacheMountsWithTools,
  earliestAncestor,
  insertAfterType,
  insertLineAfterFrom,
  syntaxDirectiveEdit,
} from './mount-helpers';
import { isPathUnder } from '../../buildkit/path-under';

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

const MESSAGES = {
  underHome: "uv cache mount '{{target}}' is under a home directory: uv uses it only while HOME is '{{home}}'.",
  underHomeManyUsers: "uv runs as {{users}} users, but uses cache mount '{{target}}' only while HOME is '{{home}}'.",
} as const;
type MessageId = keyof typeof MESSAGES;

export const homeDependentCacheDir: DockerfileRule<MessageId> = {
  meta: {
    code: 'CM003',
    name: 'home-dependent-cache-dir',
    kind: 'dockerfile',
    defaultSeverity: 'hint',
    fixable: 'sometimes',
    messages: MESSAGES,
    docs: {
      what: "A uv cache mount's target is under a home directory (`/root/...`, `/home/...`), so the right target changes with the user.",
      why:
        'uv caches in `$HOME/.cache/uv`, and HOME follows USER (root: /root; a created user: its home; a numeric uid ' +
        'without a line in /etc/passwd: /). When a stage switches user, or a base image runs as non-root, a `/root/.cache/uv` ' +
        "mount silently stops matching uv's cache. `ENV UV_CACHE_DIR=/cache/uv` with `target=${UV_CACHE_DIR}` puts " +
        'the cache in one place for every user. It is a warning when the file runs uv as more than one user.',
      bad: [
        'FROM python:3.12-slim',
        'ENV UV_LINK_MODE=copy',
        'RUN --mount=type=cache,target=/root/.cache/uv uv sync --locked',
        '',
      ].join('\n'),
      good: [
        'FROM python:3.12-slim',
        'ENV UV_CACHE_DIR=/cache/uv',
        'ENV UV_LINK_MODE=copy',
        'RUN --mount=type=cache,id=uv-cache,target=${UV_CACHE_DIR} uv sync --locked',
        '',
      ].join('\n'),
      fixSafety:
        'Unsafe (applied by `--fix --unsafe-fixes`, offered in the editor as a quick fix, never preferred there). The ' +
        'fix ("Standardize UV_CACHE_DIR") adds `ENV UV_CACHE_DIR` to the stage (or its earliest ancestor stage in ' +
        "this file), which also stays in the final image and moves uv's cache for RUNs without a mount and at run " +
        'time, and gives the mount `id=uv-cache`: the mount then gets the cache of `uv-cache`, empty unless another ' +
        'mount on this builder already filled it. The target it writes depends on `targetBuilder`: `docker-28` (the ' +
        "default) writes `target=${UV_CACHE_DIR}`, which the built-in Dockerfile frontend of today's Docker expands " +
        '(variables in `--mount` since Dockerfile 1.3.0); `docker-20.10` writes the directory itself, because that ' +
        'builder does not expand variables in `--mount` (verified: it mounts a directory literally named ' +
        '`${UV_CACHE_DIR}`). It never adds `# syntax=docker/dockerfile:1` unless `syntaxDirective` is true (then, for ' +
        '`docker-20.10`, it adds the line and writes `${UV_CACHE_DIR}`): that line makes the builder pull the frontend ' +
        'image from a registry, which fails in air-gapped and mirror-only builds.',
      options:
        '`uvCacheDir` (default `/cache/uv`) is the directory written into ENV UV_CACHE_DIR; `uvCacheId` is the id; ' +
        '`targetBuilder` (`docker-28` or `docker-20.10`) and `syntaxDirective` decide how the target is written.',
      references: [
        'https://docs.astral.sh/uv/guides/integration/docker/#caching',
        'https://docs.astral.sh/uv/concepts/cache/#cache-directory',
        'https://docs.docker.com/build/buildkit/dockerfile-release-notes/#130 (Dockerfile 1.3.0: "Values for `RUN --mount` flag now support variable expansion")',
        '[HOME and USER](../semantics.md#home-and-user): HOME follows USER',
        "[uv's cache directory](../semantics.md#uv-cache-dir)",
        '[Variables in --mount](../semantics.md#variable-expansion): expanded since Dockerfile 1.3',
        '[The syntax directive](../semantics.md#syntax-directive): it makes the builder pull the frontend image',
        '[Verified build fact `no-mount-variable-expansion`](../verified-facts.md#no-mount-variable-expansion): without a syntax directive this builder mounts a directory literally named `${VAR}`',
        '[Verified build fact `numeric-user-home`](../verified-facts.md#numeric-user-home): a numeric USER without a passwd line runs with `HOME=/`',
        '[Verified build fact `no-passwd-file-user`](../verified-facts.md#no-passwd-file-user): with no /etc/passwd at all, `USER 4242` fails the RUN and `USER 4242:4242` runs with `HOME=/`',
      ],
    },
  },
  check(model, ctx) {
    const users = uvUsers(model);
    const many = users.size > 1;
    const severity = many ? 'warning' : 'hint';
    // Mismatched mounts too: the fix moves every uv mount of the chain to ${UV_CACHE_DIR}, so they converge together.
    for (const { mount, run, tool } of cacheMountsWithTools(model, true)) {
      if (tool.id !== 'uv' || !mount.target || !mount.targetPath.known) continue;
      const path = mount.targetPath.value;
      if (!isHomePath(path)) continue;
      const fix = standardizeFix(
        model,
        run,
        mount,
        ctx.settings.uvCacheDir,
        cacheIdFor(tool, ctx.settings),
        ctx.settings,
      );
      const home = path.startsWith('/root') ? '/root' : path.split('/').slice(0, 3).join('/');
      const multi = many ? ` This file runs uv as ${users.size} different users.` : '';
      ctx.report({
        span: mount.target.span,
        messageId: many ? 'underHomeManyUsers' : 'underHome',
        data: many ? { users: users.size, target: path, home } : { target: path, home },
        detail:
          `uv cache mount target '${path}' is under a home directory: it matches uv's cache only while HOME is '${home}'.${multi} ` +
          `Set ENV UV_CACHE_DIR=${ctx.settings.uvCacheDir} and mount target=\${UV_CACHE_DIR} so every user shares one location.`,
        severity,
        fixes: fix ? [fix] : [],
      });
    }
  },
};

function standardizeFix(
  model: DockerfileModel,
  run: RunInstruction,
  mount: Mount,
  dir: string,
  id: string,
  settings: Settings,
) {
  const target = mount.target;
  if (!target) return undefined;
  const edits: TextEdit[] = [];
  const existing = run.scope.lookup('UV_CACHE_DIR');
  if (typeof existing === 'object') {
    // Already defined: pointing the mount at it only helps when it is a fixed, non-home directory.
    if (
      existing.value === undefined ||
      existing.unresolved !== undefined ||
      !existing.value.startsWith('/') ||
      isHomePath(existing.value) ||
      existing.value.includes('$')
    )
      return undefined;
  } else {
    const stage = model.stages[run.stageIndex];
    if (!stage) return undefined;
    edits.push(insertLineAfterFrom(model, earliestAncestor(model, stage), `ENV UV_CACHE_DIR=${dir}`));
  }
  // Variables in --mount: expanded by Docker 28's built-in frontend, not by 20.10's unless a syntax directive
  // brings a newer frontend (verified facts mount-variable-expansion-28 / no-mount-variable-expansion).
  const hasDirective = model.directives.some((d) => d.name === 'syntax');
  const expands = settings.targetBuilder === 'docker-28' || hasDirective || settings.syntaxDirective;
  const value = typeof existing === 'object' && existing.value !== undefined ? existing.value : dir;
  edits.push(replace(target.span, `${target.key}=${expands ? '${UV_CACHE_DIR}' : value}`));
  if (!mount.option('id')) edits.push(insertAfterType(mount, `id=${id}`));
  if (settings.targetBuilder === 'docker-20.10' && settings.syntaxDirective) {
    const syntax = syntaxDirectiveEdit(model);
    if (syntax) edits.push(syntax);
  }
  const title = expands
    ? 'Standardize UV_CACHE_DIR'
    : `Standardize UV_CACHE_DIR (target=${value}: Docker 20.10 does not expand variables in --mount)`;
  return { title, preferred: true, safety: 'unsafe' as const, edits };
}
