// CM012: a cache mount whose target is relative (`.cache`, `~/.cache/uv`) or missing. BuildKit joins it
// to the WORKDIR and never expands `~`, and the implicit id is the raw relative string (docs/semantics.md#cache-key,
// #relative-target; verified: docs/verified-facts.md#relative-target-shared).
import { replace, type Fix } from '../../fix';
import type { Mount, RunInstruction } from '../../dockerfile/types';
import { pathClean, resolveAgainst } from '../../buildkit/go-path';
import type { DockerfileRule, MessageData } from '../rule';
import { cacheMounts } from './mount-helpers';

function where(run: RunInstruction): string {
  return run.workdir.known ? `the WORKDIR ${run.workdir.value}` : 'the WORKDIR (set by the base image: unknown here)';
}

function idNote(mount: Mount, raw: string): string {
  if (mount.cacheKey?.explicit) return '';
  return `; its implicit id is the raw string '${pathClean(raw)}', shared by every WORKDIR that mounts '${raw}'`;
}

/** The absolute target the author meant, when it can be known. */
function absoluteTarget(run: RunInstruction, raw: string): { value: string; from: string } | undefined {
  if (raw === '~' || raw.startsWith('~/')) {
    if (!run.home.known || !run.home.value.startsWith('/')) return undefined;
    return { value: pathClean(run.home.value + raw.slice(1)), from: `HOME, ${run.homeSource}` };
  }
  if (raw.startsWith('~')) return undefined; // ~user: another user's home, not resolved
  if (!run.workdir.known) return undefined;
  return { value: resolveAgainst(run.workdir.value, raw), from: `WORKDIR ${run.workdir.value}` };
}

const MESSAGES = {
  noTarget: 'This cache mount has no target, so it covers the WORKDIR and hides its files.',
  tilde: "'~' is not expanded in --mount: the cache target '{{target}}' is a relative path.",
  relative: "This cache target is relative: BuildKit mounts it at '{{path}}'.",
  relativeUnknownWorkdir: "The cache target '{{target}}' is relative to a WORKDIR not known here.",
} as const;
type MessageId = keyof typeof MESSAGES;

export const relativeCacheTarget: DockerfileRule<MessageId> = {
  meta: {
    code: 'CM012',
    name: 'relative-cache-target',
    kind: 'dockerfile',
    defaultSeverity: 'warning',
    fixable: 'sometimes',
    messages: MESSAGES,
    docs: {
      what: 'A cache mount whose target is relative, including `~/...`, or that has no target at all.',
      why:
        'BuildKit mounts a relative target under the current WORKDIR and never expands `~`: `target=~/.cache/uv` under ' +
        '`WORKDIR /app` is the directory `/app/~/.cache/uv`, not the home directory, so the tool caches elsewhere and the ' +
        'mount stays empty. Without an `id`, the cache key is the raw relative string (`.cache`), so every stage and ' +
        'Dockerfile built on the same builder that mounts `.cache` under any WORKDIR shares one cache. A mount without ' +
        'a target is mounted over the ' +
        'WORKDIR itself, hiding the files there during the RUN.',
      bad: [
        'FROM python:3.12-slim',
        'USER root',
        'WORKDIR /app',
        'RUN --mount=type=cache,target=~/.cache/pip pip install -r requirements.txt',
        '',
      ].join('\n'),
      good: [
        'FROM python:3.12-slim',
        'USER root',
        'WORKDIR /app',
        'RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt',
        '',
      ].join('\n'),
      fixSafety:
        "The fix writes the absolute path: for `~`, the HOME of the RUN's user (only when it is known: root, a user " +
        'created in this file, or ENV HOME); otherwise the target joined to the known WORKDIR, which is where BuildKit ' +
        'mounts it today. Without an explicit id the cache key changes with the target, so after the fix the mount gets ' +
        'the cache of the new key, empty unless another mount already filled it. A missing target gets no fix: the ' +
        'intended directory is unknown.',
      references: [
        '[Cache key](../semantics.md#cache-key): the implicit id is path.Clean of the raw target; caches belong to the builder, not to a Dockerfile',
        '[Relative targets](../semantics.md#relative-target): joined to WORKDIR, missing targets, no `~` expansion',
        '[HOME and USER](../semantics.md#home-and-user): the HOME the `~` fix uses',
        '[Verified build fact `relative-target-shared`](../verified-facts.md#relative-target-shared): `target=nm` under WORKDIR /w1 and /w2 is one cache',
        '[Verified build fact `numeric-user-home`](../verified-facts.md#numeric-user-home): the HOME a numeric USER without a passwd entry gets (`/`), used by the `~` fix',
      ],
    },
  },
  check(model, ctx) {
    for (const run of model.runs) {
      for (const mount of cacheMounts(run)) {
        if (mount.csvError || mount.unclosedQuote) continue;
        const target = mount.target;
        if (!target) {
          // A target of "/" (WORKDIR /) is CM010's error.
          if (run.workdir.known && run.workdir.value === '/') continue;
          ctx.report({
            span: mount.option('type')?.span ?? mount.flagSpan,
            messageId: 'noTarget',
            detail: `This cache mount has no target: BuildKit mounts it over ${where(run)}, hiding its files during the RUN${mount.cacheKey?.explicit ? '' : ", with the implicit id '.'"}.`,
          });
          continue;
        }
        const raw = mount.targetExpanded?.value;
        if (!raw?.known || raw.value === '' || raw.value.startsWith('/')) continue;
        const value = raw.value;
        const mountedAt = mount.targetPath.known ? `'${mount.targetPath.value}'` : `'${value}' under ${where(run)}`;
        const lead = value.startsWith('~') ? `'~' is never expanded in --mount: cache target` : 'Cache target';
        const fixes: Fix[] = [];
        const absolute = absoluteTarget(run, value);
        if (absolute && target.plain && target.value === value && target.valueSpan && absolute.value !== '/') {
          fixes.push({
            title: `Use the absolute path ${absolute.value} (${absolute.from})`,
            preferred: true,
            safety: 'safe',
            edits: [replace(target.valueSpan, absolute.value)],
          });
        }
        const message: { messageId: MessageId; data: MessageData } = value.startsWith('~')
          ? { messageId: 'tilde', data: { target: value } }
          : mount.targetPath.known
            ? { messageId: 'relative', data: { path: mount.targetPath.value } }
            : { messageId: 'relativeUnknownWorkdir', data: { target: value } };
        ctx.report({
          span: target.span,
          ...message,
          detail: `${lead} '${value}' is relative: BuildKit mounts it at ${mountedAt}${idNote(mount, value)}.`,
          fixes,
        });
      }
    }
  },
};
