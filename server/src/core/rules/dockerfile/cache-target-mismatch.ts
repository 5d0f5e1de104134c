// CM004: a tool in this RUN caches somewhere no cache mount of the RUN covers, while a cache mount
// of the RUN is meant for that tool: the mount stays empty and the cache lands in the image layer.
import { insertAt, replace, type Fix } from '../../fix';
import type { DockerfileModel, Mount, RunInstruction, ToolUse } from '../../dockerfile/types';
import type { EnvLookup, Tool } from '../../tools/types';
import { toolById } from '../../tools';
import { toolEnv } from '../../dockerfile/tool-uses';
import { pathClean } from '../../buildkit/go-path';
import { known } from '../../value';
import type { DockerfileRule, RuleContext } from '../rule';
import {
  activeUses,
  cacheMounts,
  homeCacheRootFor,
  lineOf,
  looksLikeTool,
  mountCovers,
  servedTool,
} from './mount-helpers';
import { isPathUnder } from '../../buildkit/path-under';

const MESSAGES = {
  mismatch: "{{tool}} on line {{line}} caches in '{{cacheDir}}', not in this cache mount's target '{{target}}'.",
  partOfCacheDir: "{{tool}} on line {{line}} caches in '{{cacheDir}}'; this cache mount covers only '{{target}}'.",
  uvPipUnderPipMount: "'uv pip' on line {{line}} caches in '{{cacheDir}}', not in pip's cache directory '{{target}}'.",
} as const;
type MessageId = keyof typeof MESSAGES;

/**
 * A use's known cache dir, cleaned like mount targets are (`/cache//uv` is `/cache/uv`), so the
 * comparison with targets and the retarget fix see one spelling of a directory.
 */
function cleanDir(use: ToolUse): string {
  return use.cacheDir.known ? pathClean(use.cacheDir.value) : '';
}

/** `uv pip ...`: uv's pip interface, which still uses uv's cache. */
function isUvPip(use: ToolUse): boolean {
  return use.tool === 'uv' && use.command.words[1]?.value === 'pip';
}

/** Mounts of the RUN meant for this use's tool (or, for `uv pip`, meant for pip; or another user's `~/.cache`). */
function candidateMounts(run: RunInstruction, use: ToolUse): Mount[] {
  return cacheMounts(run).filter((m) => {
    const served = servedTool(m, run);
    if (served?.tool.id === use.tool) return true;
    if (!served && homeCacheRootFor(m, run, use) !== undefined) return true;
    if (!served && isSiblingGuess(m, run, use)) return true;
    if (!served && isDefaultLocation(m, run, use)) return true;
    // go's other cache, which this RUN does not use (`go mod download` under a go-build mount). Only go: its two
    // caches are disjoint by command, unlike apt, whose `apt update` also refreshes /var/cache/apt/*.bin.
    if (
      served?.via === 'looks' &&
      served.tool.program === 'go' &&
      toolById(use.tool)?.program === 'go' &&
      !run.toolUses.some((u) => u.tool === served.tool.id)
    )
      return true;
    return isUvPip(use) && looksLikeTool(m)?.id === 'pip';
  });
}

/** A relative (or `~/`) target: CM012 reports where it lands and offers the absolute path. */
function isRelativeTarget(mount: Mount): boolean {
  const value = mount.targetExpanded?.value;
  return value !== undefined && value.known && !value.value.startsWith('/');
}

/** The target uses a variable CM011 reports (expands to empty; `$HOME`, which BuildKit never sets). */
function hasUndefinedVariable(mount: Mount): boolean {
  return (mount.targetExpanded?.variables ?? []).some(
    (v) => v.resolution === 'unset' || (v.name === 'HOME' && v.resolution === 'unknown'),
  );
}

/**
 * An unrecognised mount next to the tool's cache dir (`~/.cache/poetry` beside poetry's `~/.cache/pypoetry`)
 * in a RUN where only this tool caches: a misspelt cache dir. Not for `/`-level dirs or shared parents such
 * as `/var/cache`, where siblings are other programs' caches.
 */
function isSiblingGuess(mount: Mount, run: RunInstruction, use: ToolUse): boolean {
  if (!mount.targetPath.known || !use.cacheDir.known) return false;
  const parent = (p: string) => p.slice(0, p.lastIndexOf('/')) || '/';
  const dir = pathClean(use.cacheDir.value);
  const target = mount.targetPath.value;
  if (parent(dir) !== parent(target) || !/\/\.cache$/.test(parent(dir))) return false;
  return activeUses(run).every((u) => u.tool === use.tool);
}

/**
 * Tools whose cache dir holds parts a mount on one subdirectory loses: poetry keeps its repository cache in
 * `<cache-dir>/cache/repositories` and the downloaded distributions in `<cache-dir>/artifacts` (poetry's
 * src/poetry/config/config.py, repository_cache_directory and artifacts_cache_directory). (Not cargo: Docker's own
 * example mounts `$CARGO_HOME/git/db`, whose checkouts are rebuilt from it.)
 */
const PARTS_MATTER = new Set(['poetry']);

/**
 * The mount sits where the tool caches by default (`/root/.cargo` for cargo), while an env var moves the
 * cache elsewhere here (the rust image's CARGO_HOME=/usr/local/cargo): the mount was meant for this tool.
 */
function isDefaultLocation(mount: Mount, run: RunInstruction, use: ToolUse): boolean {
  const tool = toolById(use.tool);
  if (!tool || !mount.targetPath.known) return false;
  const bare: EnvLookup = { get: () => known(undefined) };
  const fallback = tool.resolveCacheDir(use.command, bare, run.home, { isRoot: run.user.isRoot });
  return fallback.cacheDir.known && mountCovers(mount, pathClean(fallback.cacheDir.value));
}

/**
 * A mount strictly inside the tool's cache dir (`/root/.cache/pypoetry/cache` for poetry's
 * `/root/.cache/pypoetry`): it holds only that part; the rest of the cache goes into the image layer.
 */
function reportPartialMounts(
  model: DockerfileModel,
  ctx: RuleContext<MessageId>,
  run: RunInstruction,
  mounts: Mount[],
): void {
  for (const use of activeUses(run)) {
    if (!use.cacheDir.known || !use.cacheDir.value.startsWith('/')) continue;
    const dir = cleanDir(use);
    if (mounts.some((m) => mountCovers(m, dir))) continue;
    const tool = toolById(use.tool);
    if (!tool || !PARTS_MATTER.has(tool.id)) continue;
    for (const mount of mounts) {
      if (!mount.target || !mount.targetPath.known) continue;
      const target = mount.targetPath.value;
      if (target === dir || !isPathUnder(target, dir)) continue;
      const line = lineOf(model, use.command.span.start);
      ctx.report({
        span: mount.target.span,
        messageId: 'partOfCacheDir',
        data: { tool: tool.program, line, cacheDir: dir, target },
        detail:
          `${tool.program} on line ${line} caches in '${dir}' (${use.cacheDirSource}), but this cache mount's target ` +
          `'${target}' is only a part of it: whatever ${tool.program} keeps elsewhere in '${dir}' goes into the image layer and is not reused.`,
        fixes: [
          {
            title: `Retarget the mount to ${dir}`,
            preferred: true,
            safety: 'safe',
            edits: [replace(mount.target.span, `${mount.target.key}=${dir}`)],
          },
        ],
      });
    }
  }
}

/** Would `name=dir` on the command make the tool cache in `dir`? (A flag may win over the variable.) */
function envMovesTo(run: RunInstruction, use: ToolUse, tool: Tool, name: string, dir: string): boolean {
  const base = toolEnv(tool, use.command, run.script, run.scope);
  const span = use.command.span;
  const env: EnvLookup = {
    get: (n) => (n === name ? known(dir) : base.get(n)),
    origin: (n) => (n === name ? { kind: 'inline', span } : base.origin?.(n)),
  };
  const resolved = tool.resolveCacheDir(use.command, env, run.home, { isRoot: run.user.isRoot });
  return resolved.cacheDir.known && resolved.cacheDir.value === dir;
}

function envPrefixFix(run: RunInstruction, use: ToolUse, tool: Tool, mount: Mount): Fix | undefined {
  const name = tool.cacheDirEnvVar;
  if (!name || run.execForm || !mount.targetPath.known) return undefined;
  // An assignment of the same variable on the command would be duplicated; a flag may win over it.
  if (use.command.assignments.some((a) => a.name === name)) return undefined;
  if (!envMovesTo(run, use, tool, name, mount.targetPath.value)) return undefined;
  const at = use.command.assignments[0]?.span.start ?? use.command.words[0]?.span.start;
  if (at === undefined) return undefined;
  return {
    title: `Set ${name}=${mount.targetPath.value} for this command`,
    preferred: false,
    safety: 'safe',
    edits: [insertAt(at, `${name}=${mount.targetPath.value} `)],
  };
}

const PROBE_HOME = '/__probe_home__';

/**
 * For a `uv pip` use whose cache dir is unknown only because HOME is: the path of uv's cache below
 * HOME (`.cache/uv`), found by resolving with a probe HOME; undefined when something else moves it.
 */
function homeRelativeUvDir(run: RunInstruction, use: ToolUse, tool: Tool): string | undefined {
  if (use.cacheDir.known || !isUvPip(use)) return undefined;
  const env = toolEnv(tool, use.command, run.script, run.scope);
  const probe = tool.resolveCacheDir(use.command, env, known(PROBE_HOME), { isRoot: run.user.isRoot });
  if (!probe.cacheDir.known || !probe.cacheDir.value.startsWith(PROBE_HOME + '/')) return undefined;
  return probe.cacheDir.value.slice(PROBE_HOME.length + 1);
}

/**
 * `uv pip` under a mount that looks like pip's cache (`<dir>/.cache/pip`) while HOME is unknown: whatever
 * HOME is, uv caches in `$HOME/.cache/uv`, which is never under pip's cache dir (docs/semantics.md#uv-pip-interface). The
 * fix assumes the HOME the mount was written for: `<dir>/.cache/uv`.
 */
function reportUvPipUnderPipMount(
  model: DockerfileModel,
  ctx: RuleContext<MessageId>,
  run: RunInstruction,
  mounts: Mount[],
): void {
  // pip itself in the RUN may be what the mount is for (its dir is unknown too): stay silent.
  if (run.toolUses.some((u) => u.tool === 'pip')) return;
  const reported = new Set<number>();
  for (const use of run.toolUses) {
    if (use.disabled) continue;
    const tool = toolById(use.tool);
    if (!tool) continue;
    const rel = homeRelativeUvDir(run, use, tool);
    if (rel !== '.cache/uv') continue;
    for (const mount of mounts) {
      if (reported.has(mount.index) || !mount.target || !mount.targetPath.known) continue;
      const target = mount.targetPath.value.replace(/\/+$/, '');
      if (!target.endsWith('/.cache/pip') || looksLikeTool(mount)?.id !== 'pip') continue;
      // Another tool of the RUN may use this mount through an unknown directory.
      if (run.toolUses.some((u) => u !== use && u.tool !== 'uv' && !u.cacheDir.known)) continue;
      reported.add(mount.index);
      const dir = `${target.slice(0, -'/pip'.length)}/uv`;
      const line = lineOf(model, use.command.span.start);
      ctx.report({
        span: mount.target.span,
        messageId: 'uvPipUnderPipMount',
        data: { line, cacheDir: '$HOME/.cache/uv', target },
        detail:
          `${tool.program} on line ${line} caches in '$HOME/.cache/uv' ('uv pip' uses uv's cache, not pip's; ` +
          `${use.cacheDir.known ? '' : use.cacheDir.reason}), but this cache mount's target is '${target}', pip's cache directory: ` +
          `the mount stays empty and the cache goes into the image layer.`,
        fixes: [
          {
            title: `Retarget the mount to ${dir}`,
            preferred: true,
            safety: 'safe',
            edits: [replace(mount.target.span, `${mount.target.key}=${dir}`)],
          },
        ],
      });
    }
  }
}

export const cacheTargetMismatch: DockerfileRule<MessageId> = {
  meta: {
    code: 'CM004',
    name: 'cache-target-mismatch',
    kind: 'dockerfile',
    defaultSeverity: 'warning',
    fixable: 'always',
    messages: MESSAGES,
    docs: {
      what:
        'A tool in this RUN writes its cache to a directory that no cache mount of the RUN covers, while a cache ' +
        'mount of the RUN is there for that tool: a non-root USER whose HOME differs, UV_CACHE_DIR / PIP_CACHE_DIR / ' +
        'XDG_CACHE_HOME / GOCACHE / npm_config_cache / CARGO_HOME ... set elsewhere, a `--cache-dir` (or `--cache`, ' +
        '`--store-dir`, `-Dmaven.repo.local`) flag, or `uv pip install` under a pip cache mount. The base image counts: ' +
        'its USER and HOME (`FROM mcr.microsoft.com/devcontainers/python` sets no USER, so the build runs as root and a ' +
        "mount under `/home/vscode` is never used) and its ENV (the rust image's CARGO_HOME, jupyter's HOME), from the " +
        "image catalog or the `images` setting. Also reported: a mount at the tool's default location while ENV moves " +
        "the cache (`/root/.cargo` on the rust image), another user's `~/.cache`, a misspelt directory beside the " +
        "tool's cache under `~/.cache`, go's build-cache mount under `go mod download`, and a mount on only a part of " +
        "poetry's cache dir. Tools whose directory depends on facts nobody can see here (an image the catalog does " +
        "not know, the yarn version, bundler's cache) are left alone. A target with an undefined variable or a relative " +
        'target is left to CM011 and CM012, which say where it lands.',
      why:
        'The mount stays empty on every build and the tool writes its cache into the image layer instead, so the ' +
        'image grows and nothing is reused. A classic case: `USER app` and a mount at `/root/.cache/uv` while uv ' +
        'uses `/home/app/.cache/uv`.',
      bad: [
        'FROM python:3.12-slim',
        'RUN useradd --create-home --uid 1000 app',
        'USER app',
        'ENV UV_LINK_MODE=copy',
        'RUN --mount=type=cache,target=/root/.cache/uv,uid=1000 uv sync --locked',
        '',
      ].join('\n'),
      good: [
        'FROM python:3.12-slim',
        'RUN useradd --create-home --uid 1000 app',
        'USER app',
        'ENV UV_LINK_MODE=copy',
        'RUN --mount=type=cache,target=/home/app/.cache/uv,uid=1000 uv sync --locked',
        '',
      ].join('\n'),
      fixSafety:
        'Retargeting the mount to the directory the tool really uses is safe: the cache is then used, and the image ' +
        'no longer contains it. For a non-root user the mount must also be writable: without `uid`/`gid` it is ' +
        "root-owned (CM006 reports it), and pip, retargeted alone, still disables its cache until CM006's fix is " +
        "applied too. The alternative fix sets the tool's env var (e.g. `UV_CACHE_DIR`) for that command only, " +
        'keeping the mount where it is.',
      references: [
        'https://docs.astral.sh/uv/concepts/cache/#cache-directory',
        'https://pip.pypa.io/en/stable/topics/caching/',
        'https://github.com/python-poetry/poetry/blob/main/src/poetry/config/config.py (poetry: `<cache-dir>/cache/repositories` and `<cache-dir>/artifacts`)',
        '[HOME and USER](../semantics.md#home-and-user): HOME per USER; a real report: TEAMSchools/teamster#5393',
        '[Where a tool caches in a RUN](../semantics.md#effective-cache-dir)',
        "[uv's cache directory](../semantics.md#uv-cache-dir)",
        "[`uv pip` uses uv's cache](../semantics.md#uv-pip-interface)",
        "[pip's cache directory](../semantics.md#pip-cache-dir)",
        "[Other tools' cache directories](../semantics.md#tool-cache-dirs)",
        '[Cache mounts are not in the image](../semantics.md#not-in-image)',
        '[Verified build fact `pip-root-mount-unused-by-non-root`](../verified-facts.md#pip-root-mount-unused-by-non-root): with `USER app`, pip caches in `/home/app/.cache/pip` and a mount at `/root/.cache/pip` stays empty',
        "[Verified build fact `pip-retarget-and-owner-fills`](../verified-facts.md#pip-retarget-and-owner-fills): the retarget fix plus CM006's `uid` fix make pip fill the mount, and the image layer holds none of it",
        '[Verified build fact `pip-cache-mount-fills`](../verified-facts.md#pip-cache-mount-fills): pip as root fills a mount at its cache dir',
        '[Verified build fact `numeric-user-home`](../verified-facts.md#numeric-user-home): the HOME (and so the cache dir) of a numeric USER',
        '[Verified build fact `no-passwd-file-user`](../verified-facts.md#no-passwd-file-user): HOME in a stage without /etc/passwd',
      ],
    },
  },
  check(model, ctx) {
    for (const run of model.runs) {
      const mounts = cacheMounts(run);
      if (!mounts.length) continue;
      // A cache mount whose target is unknown might cover anything: stay quiet for the whole RUN.
      if (mounts.some((m) => !m.targetPath.known)) continue;
      reportUvPipUnderPipMount(model, ctx, run, mounts);
      reportPartialMounts(model, ctx, run, mounts);
      const reported = new Set<string>();
      for (const use of activeUses(run)) {
        // A relative dir would resolve against WORKDIR as a target too: no sound retarget (the model
        // already leaves such dirs unknown; this keeps the fix safe if a tool ever returns one).
        if (!use.cacheDir.known || !use.cacheDir.value.startsWith('/')) continue;
        const dir = cleanDir(use);
        if (mounts.some((m) => mountCovers(m, dir))) continue;
        const tool = toolById(use.tool);
        if (!tool) continue;
        for (const mount of candidateMounts(run, use)) {
          const key = `${mount.index}:${tool.id}:${dir}`;
          // One finding per mount: its first tool names the mistake; the retarget fix settles the others' turn.
          if (reported.has(key) || reported.has(`mount:${mount.index}`) || !mount.target || !mount.targetPath.known)
            continue;
          if (hasUndefinedVariable(mount) || isRelativeTarget(mount)) continue; // CM011 / CM012 name the cause and where it lands
          if (isPathUnder(mount.targetPath.value, dir)) continue; // a part of the dir: reportPartialMounts
          // Another user's `~/.cache`: retarget to this user's `~/.cache`, which keeps serving every tool under it.
          const retarget = homeCacheRootFor(mount, run, use) ?? dir;
          // The mount already serves another invocation (this tool or another): retargeting it would break that one.
          if (activeUses(run).some((u) => u.cacheDir.known && mountCovers(mount, cleanDir(u)))) continue;
          reported.add(key);
          reported.add(`mount:${mount.index}`);
          const target = mount.targetPath.value;
          const via = isUvPip(use) ? ` ('uv pip' uses uv's cache, not pip's)` : '';
          const home =
            use.cacheDirSource.includes('$HOME') && run.home.known
              ? `; HOME is '${run.home.value}': ${run.homeSource}`
              : '';
          const fixes: Fix[] = [
            {
              title: `Retarget the mount to ${retarget}`,
              preferred: true,
              safety: 'safe',
              edits: [replace(mount.target.span, `${mount.target.key}=${retarget}`)],
            },
          ];
          const alt = retarget === dir ? envPrefixFix(run, use, tool, mount) : undefined;
          if (alt) fixes.push(alt);
          const line = lineOf(model, use.command.span.start);
          ctx.report({
            span: mount.target.span,
            messageId: 'mismatch',
            data: { tool: tool.program, line, cacheDir: dir, target },
            detail:
              `${tool.program} on line ${line} caches in '${dir}' (${use.cacheDirSource}${home})${via}, ` +
              `but this cache mount's target is '${target}': the mount stays empty and the cache goes into the image layer.`,
            fixes,
          });
        }
      }
    }
  },
};
