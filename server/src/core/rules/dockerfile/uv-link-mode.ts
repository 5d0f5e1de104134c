// CM009: uv installs from a cache mount without UV_LINK_MODE=copy: unset, uv tries to hardlink across
// filesystems and warns; `symlink` leaves links into a cache that is not part of the image.
import { replace, type Fix } from '../../fix';
import type { DockerfileModel, RunInstruction, ToolUse } from '../../dockerfile/types';
import type { Span } from '../../text';
import type { DockerfileRule } from '../rule';
import { uvSubcommand } from './dependency-install';
import { cacheMounts, insertLineAfterFrom, lineOf, servedTool } from './mount-helpers';

interface LinkMode {
  value: string;
  /** Where it is set, for the message. */
  where: string;
  /** The text to replace with the `copy` form, and that form. */
  span: Span;
  copyText: string;
  /** Set by the base image's config (the span is then the FROM line): the fix adds an ENV instead of editing. */
  fromImage?: boolean;
}

/** 'unset' when nothing sets it; 'image-unknown' when the base image might (its config ENV is unknown). */
type NotSet = 'unset' | 'image-unknown';

/** UV_LINK_MODE for this uv invocation: the flag, then the command's assignment, then exports, then ENV/ARG. */
function linkMode(model: DockerfileModel, run: RunInstruction, use: ToolUse): LinkMode | NotSet | 'unknown' {
  const words = use.command.words;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w.value.startsWith('--link-mode=')) {
      return {
        value: w.value.slice('--link-mode='.length),
        where: `--link-mode on line ${lineOf(model, w.span.start)}`,
        span: w.span,
        copyText: '--link-mode=copy',
      };
    }
    const next = words[i + 1];
    if (w.value === '--link-mode' && next) {
      return {
        value: next.value,
        where: `--link-mode on line ${lineOf(model, w.span.start)}`,
        span: next.span,
        copyText: 'copy',
      };
    }
  }
  const inline = [...use.command.assignments].reverse().find((a) => a.name === 'UV_LINK_MODE');
  const exported = [...run.script.exports]
    .reverse()
    .find((a) => a.name === 'UV_LINK_MODE' && a.span.end <= use.command.span.start);
  const assignment = inline ?? exported;
  if (assignment) {
    return {
      value: assignment.value,
      where: `UV_LINK_MODE on line ${lineOf(model, assignment.span.start)}`,
      span: assignment.span,
      copyText: 'UV_LINK_MODE=copy',
    };
  }
  const def = run.scope.lookup('UV_LINK_MODE');
  if (typeof def === 'object') {
    // `ARG UV_LINK_MODE` without default (a build-arg) or a value from unknown variables: not ours to judge.
    if (def.value === undefined || def.unresolved !== undefined) return 'unknown';
    if (def.image !== undefined) {
      return {
        value: def.value,
        where: `ENV of the base image ${def.image}`,
        span: use.command.words[0]?.span ?? use.command.span,
        copyText: '',
        fromImage: true,
      };
    }
    return {
      value: def.value,
      where: `${def.kind} UV_LINK_MODE on line ${lineOf(model, def.span.start)}`,
      span: def.span,
      copyText: 'UV_LINK_MODE=copy',
    };
  }
  return def === 'unknown' ? 'image-unknown' : 'unset';
}

function symlinkFix(model: DockerfileModel, run: RunInstruction, mode: LinkMode): Fix | undefined {
  if (!mode.fromImage)
    return {
      title: 'Use UV_LINK_MODE=copy',
      preferred: true,
      safety: 'safe',
      edits: [replace(mode.span, mode.copyText)],
    };
  const stage = model.stages[run.stageIndex];
  return stage
    ? {
        title: 'Add ENV UV_LINK_MODE=copy to the stage',
        preferred: true,
        safety: 'safe',
        edits: [insertLineAfterFrom(model, stage, 'ENV UV_LINK_MODE=copy')],
      }
    : undefined;
}

/** uv subcommands that install no package into an environment, so link mode plays no part. */
const NO_LINKING = new Set([
  'python',
  'lock',
  'export',
  'tree',
  'cache',
  'self',
  'version',
  'help',
  'build',
  'publish',
  'venv',
  'init',
  'generate-shell-completion',
  'format',
]);
/** `uv python install ...`, `uv lock`: no package is linked from the cache (uvx always installs a tool). */
function linksPackages(use: ToolUse): boolean {
  if ((use.command.words[0]?.value ?? '').split('/').pop() === 'uvx') return true;
  const sub = uvSubcommand(use.command);
  return sub !== undefined && !NO_LINKING.has(sub); // no subcommand: `uv --version`
}

const MESSAGES = {
  unset: 'UV_LINK_MODE is not set, so uv cannot hardlink from the cache mount and warns.',
  unsetBaseUnknown: 'UV_LINK_MODE is not set in this Dockerfile; unless the base image sets it, uv cannot hardlink.',
  symlink: 'UV_LINK_MODE is symlink ({{where}}): packages link into the cache, not the image.',
} as const;
type MessageId = keyof typeof MESSAGES;

export const uvLinkMode: DockerfileRule<MessageId> = {
  meta: {
    code: 'CM009',
    name: 'uv-link-mode',
    kind: 'dockerfile',
    defaultSeverity: 'info',
    fixable: 'always',
    messages: MESSAGES,
    docs: {
      what:
        'uv installs packages (`uv sync`, `uv pip install`, `uv add`, `uv run`, `uvx` ...; not `uv python install`, ' +
        '`uv lock`, `uv export`, `uv venv`) with a cache mount for its cache while UV_LINK_MODE is set neither in this ' +
        'Dockerfile nor by a known base image (info; an unknown base image may set it), or it is `symlink` (error).',
      why:
        'A cache mount is a separate filesystem, so uv cannot hardlink from it into the image and warns "Failed to ' +
        'hardlink files; falling back to full copy ... If the cache and target directories are on different ' +
        'filesystems, hardlinking may not be supported". The uv Docker guide sets `ENV UV_LINK_MODE=copy`. With ' +
        '`symlink`, the installed packages link into the cache, which is not part of the image: the image is broken.',
      bad: ['FROM python:3.12-slim', 'RUN --mount=type=cache,target=/root/.cache/uv uv sync --locked', ''].join('\n'),
      good: [
        'FROM python:3.12-slim',
        'ENV UV_LINK_MODE=copy',
        'RUN --mount=type=cache,target=/root/.cache/uv uv sync --locked',
        '',
      ].join('\n'),
      fixSafety:
        'Safe: `copy` is the mode uv falls back to anyway with a cache mount; the fix only silences the warning, or ' +
        'for `symlink` makes the image self-contained. The ENV line stays in the image, where `copy` is always valid.',
      references: [
        'https://docs.astral.sh/uv/guides/integration/docker/#caching',
        'https://docs.astral.sh/uv/reference/environment/#uv_link_mode',
        '[uv link modes](../semantics.md#uv-link-mode): the default, the hardlink warning, why symlink breaks the image',
        "[uv's Docker guide](../semantics.md#uv-docker-guide)",
      ],
    },
  },
  check(model, ctx) {
    const reported = new Set<string>();
    for (const run of model.runs) {
      const uvMounts = cacheMounts(run).filter((m) => servedTool(m, run)?.tool.id === 'uv');
      if (!uvMounts.length) continue;
      for (const use of run.toolUses) {
        if (use.tool !== 'uv' || use.disabled) continue;
        const mode = linkMode(model, run, use);
        if ((mode === 'unset' || mode === 'image-unknown') && !linksPackages(use)) continue;
        if (mode === 'unset' || mode === 'image-unknown') {
          const key = `unset:${run.index}`;
          if (reported.has(key)) continue;
          reported.add(key);
          const stage = model.stages[run.stageIndex];
          const fixes: Fix[] = stage
            ? [
                {
                  title: 'Add ENV UV_LINK_MODE=copy to the stage',
                  preferred: true,
                  safety: 'safe',
                  edits: [insertLineAfterFrom(model, stage, 'ENV UV_LINK_MODE=copy')],
                },
              ]
            : [];
          ctx.report({
            span: use.command.words[0]?.span ?? use.command.span,
            messageId: mode === 'unset' ? 'unset' : 'unsetBaseUnknown',
            detail:
              `UV_LINK_MODE is not set ${mode === 'unset' ? 'in this Dockerfile or its base image' : 'in this Dockerfile (unless the base image sets it)'} and uv runs with a cache mount: uv warns "Failed to hardlink ` +
              'files; falling back to full copy" because the cache and the environment are on different filesystems. ' +
              'Set ENV UV_LINK_MODE=copy (the uv Docker guide does).',
            fixes,
          });
        } else if (typeof mode === 'object' && mode.value === 'symlink') {
          const key = `symlink:${mode.span.start}`;
          if (reported.has(key)) continue;
          reported.add(key);
          ctx.report({
            span: mode.span,
            messageId: 'symlink',
            data: { where: mode.where },
            detail:
              `UV_LINK_MODE is symlink (${mode.where}) while uv's cache is a cache mount: installed packages become links ` +
              'into the cache, which is not part of the image, so they dangle in the built image. Use copy.',
            severity: 'error',
            fixes: [symlinkFix(model, run, mode)].filter((f): f is Fix => f !== undefined),
          });
        }
      }
    }
  },
};
