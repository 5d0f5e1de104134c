// CM011: a variable in a `--mount` value that nothing defines at that point, so BuildKit expands it to
// empty (docs/semantics.md#variable-expansion: mount values see the base image's config ENV, ENV/ARG of the stage and its
// ancestors, never HOME unless an ENV sets it). Unknown (an external base image may set it): silent,
// except HOME, which BuildKit itself never sets (docs/semantics.md#home-and-user).
import { replace, type Fix } from '../../fix';
import type { DockerfileModel, Mount, MountOption, RunInstruction, Stage } from '../../dockerfile/types';
import type { DockerfileRule, MessageData } from '../rule';
import { insertLineAfterFrom, lineOf, looksLikeTool } from './mount-helpers';
import { isPathUnder } from '../../buildkit/path-under';
import { pathClean } from '../../buildkit/go-path';
import { toolById } from '../../tools';

interface Finding {
  option: MountOption;
  name: string;
  span: { start: number; end: number };
  resolution: 'unset' | 'unknown';
}

/** Variables of this mount's values that expand to empty (or, for HOME, to what the base image says). */
function undefinedVariables(model: DockerfileModel, mount: Mount): Finding[] {
  const out: Finding[] = [];
  for (const option of mount.options) {
    if (option.canonicalKey === 'from') continue; // never expanded: CM010 reports a variable there
    for (const v of option.expanded?.variables ?? []) {
      if (typeof v.resolution !== 'string') continue;
      if (v.resolution === 'unknown' && v.name !== 'HOME') continue;
      // `${X:-default}` and friends: the author planned for an unset X.
      const written = model.text.slice(v.span.start, v.span.end);
      if (written !== `$${v.name}` && written !== `\${${v.name}}`) continue;
      out.push({ option, name: v.name, span: v.span, resolution: v.resolution });
    }
  }
  return out;
}

/** " The mount lands at '/.cache/pip', while pip on line 3 caches in '/root/.cache/pip'." when a tool of the RUN says so. */
function toolElsewhere(model: DockerfileModel, run: RunInstruction, mount: Mount): string {
  if (!mount.targetPath.known) return '';
  const target = mount.targetPath.value;
  const use = run.toolUses.find(
    (u) =>
      !u.disabled &&
      u.cacheDir.known &&
      !isPathUnder(pathClean(u.cacheDir.value), target) &&
      looksLikeTool(mount)?.id === u.tool,
  );
  if (!use || !use.cacheDir.known) return '';
  const tool = toolById(use.tool);
  return ` The mount lands at '${target}', while ${tool?.program ?? use.tool} on line ${lineOf(model, use.command.span.start)} caches in '${pathClean(use.cacheDir.value)}': the cache is never used.`;
}

function laterDefinition(
  stage: Stage | undefined,
  run: RunInstruction,
  name: string,
): { kind: string; line: number } | undefined {
  const defs = [...(stage?.envDefs ?? []), ...(stage?.argDefs ?? [])].filter(
    (d) => d.name === name && d.line > run.line,
  );
  defs.sort((a, b) => a.line - b.line);
  const first = defs[0];
  return first ? { kind: first.kind, line: first.line + 1 } : undefined;
}

function describeValue(option: MountOption): string {
  const v = option.expanded?.value;
  return v?.known ? `, so \`${option.key}\` becomes '${v.value}'` : '';
}

/**
 * A target whose variable expands to empty, and where it lands: said first in the message, because BuildKit's own
 * UndefinedVar check (Docker DX, tally) already says the variable is undefined, and not where the cache goes.
 */
function landing(f: Finding): string | undefined {
  const v = f.option.expanded?.value;
  return f.option.canonicalKey === 'target' && f.resolution === 'unset' && v?.known && v.value !== ''
    ? v.value
    : undefined;
}

const MESSAGES = {
  homeLands: "The cache mount lands at '{{target}}': BuildKit leaves $HOME empty in --mount values.",
  varLands: "The cache mount lands at '{{target}}': ${{name}} is empty at this RUN.",
  homeEmpty: '$HOME is empty in this --mount value: BuildKit does not set HOME for mounts.',
  homeUnknown: 'BuildKit does not set $HOME for this --mount value: it is empty unless the base image sets it.',
  globalArg: '${{name}} expands to empty: this stage does not redeclare the global ARG.',
  definedLater: '${{name}} expands to empty: it is set later, by {{kind}} on line {{line}}.',
  undefined: '${{name}} expands to empty: nothing defines it before this RUN.',
} as const;
type MessageId = keyof typeof MESSAGES;

export const undefinedMountVariable: DockerfileRule<MessageId> = {
  meta: {
    code: 'CM011',
    name: 'undefined-mount-variable',
    kind: 'dockerfile',
    defaultSeverity: 'warning',
    fixable: 'sometimes',
    messages: MESSAGES,
    docs: {
      what:
        'A variable in a `--mount` value (`target=$HOME/.cache/uv`, `id=cache-$TARGETARCH`) that is not defined at that ' +
        'point: no ENV or ARG of this stage or its ancestor stages sets it, a global ARG (before the first FROM) is not ' +
        'redeclared in the stage, or it is `$HOME`.',
      why:
        "BuildKit expands mount values (Dockerfile 1.3+) with the stage's ENV and ARG values and the base image's " +
        'config ENV only. An undefined variable becomes an empty string, so `target=$HOME/.cache/uv` mounts the cache ' +
        "at `/.cache/uv`, which is uv's cache only for a user whose HOME is `/`. HOME is not among those variables " +
        'unless an ENV sets it: the HOME a RUN sees comes from the ' +
        "user's passwd entry at run time, after the mount was already placed. When the base image is not in this file " +
        "and may set the variable, the rule stays silent (HOME excepted: it is usually not in an image's config ENV).",
      bad: [
        'FROM python:3.12-slim',
        'USER root',
        'RUN --mount=type=cache,target=$HOME/.cache/pip pip install -r requirements.txt',
        '',
      ].join('\n'),
      good: [
        'FROM python:3.12-slim',
        'USER root',
        'RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt',
        '',
      ].join('\n'),
      fixSafety:
        'For `$HOME`, the fix writes the HOME the RUN will have (root: /root; a user created in this file: its home; ' +
        'ENV HOME) and is offered only when that is known. For a global ARG, the fix adds `ARG NAME` after the ' +
        "stage's FROM, which gives the stage the global default. Both change the mount to the place the value " +
        'meant; a cache keyed by the old (empty-expanded) target starts over once.',
      references: [
        'https://docs.docker.com/reference/dockerfile/#understand-how-arg-and-from-interact',
        '[Variables in --mount](../semantics.md#variable-expansion): which variables a mount value sees; HOME is never among them',
        '[ARG and ENV scope](../semantics.md#arg-env-scope)',
        '[HOME and USER](../semantics.md#home-and-user): HOME comes from passwd when the RUN starts, not at expansion',
        '[Verified build fact `no-mount-variable-expansion`](../verified-facts.md#no-mount-variable-expansion): a builder without Dockerfile 1.3 does not expand at all',
      ],
    },
  },
  check(model, ctx) {
    for (const run of model.runs) {
      const stage = model.stages[run.stageIndex];
      for (const mount of run.mounts) {
        if (mount.missingValue || mount.csvError || mount.unclosedQuote) continue;
        for (const f of undefinedVariables(model, mount)) {
          const fixes: Fix[] = [];
          let why: string;
          let message: { messageId: MessageId; data?: MessageData };
          const global = model.globalArgs.find((a) => a.name === f.name);
          const later = laterDefinition(stage, run, f.name);
          if (f.name === 'HOME') {
            why =
              "BuildKit expands mount values from ENV and ARG only, and HOME is set from the user's passwd entry when the " +
              'command runs, after the mounts are placed' +
              (f.resolution === 'unknown' ? "; unless the base image's config sets HOME, it is empty here" : '');
            message = { messageId: f.resolution === 'unknown' ? 'homeUnknown' : 'homeEmpty' };
            if (run.home.known && run.home.value.startsWith('/')) {
              const home = run.home.value;
              fixes.push({
                title: `Replace $HOME with ${home} (${run.homeSource})`,
                preferred: true,
                safety: 'safe',
                edits: [replace(f.span, home === '/' ? '' : home)],
              });
            }
          } else if (global) {
            why = `ARG ${f.name} is declared before the first FROM (line ${global.line + 1}) but not redeclared in this stage, so the stage does not see it`;
            message = { messageId: 'globalArg', data: { name: f.name } };
            if (stage) {
              fixes.push({
                title: `Declare ARG ${f.name} in this stage`,
                preferred: true,
                safety: 'safe',
                edits: [insertLineAfterFrom(model, stage, `ARG ${f.name}`)],
              });
            }
          } else if (later) {
            why = `${later.kind} ${f.name} is set on line ${later.line}, after this RUN`;
            message = { messageId: 'definedLater', data: { name: f.name, kind: later.kind, line: later.line } };
          } else {
            why = `nothing in this Dockerfile defines ${f.name} before this RUN`;
            message = { messageId: 'undefined', data: { name: f.name } };
          }
          const empty = f.resolution === 'unset' ? ' expands to empty' : ' is not set by BuildKit';
          const lands = mount.type === 'cache' ? landing(f) : undefined;
          if (lands !== undefined)
            message =
              f.name === 'HOME'
                ? { messageId: 'homeLands', data: { target: lands } }
                : { messageId: 'varLands', data: { target: lands, name: f.name } };
          ctx.report({
            span: f.span,
            ...message,
            detail:
              `$${f.name} in \`${f.option.key}=${f.option.value ?? ''}\`${empty}: ${why}${f.resolution === 'unset' ? describeValue(f.option) : ''}.` +
              (f.option.canonicalKey === 'target' ? toolElsewhere(model, run, mount) : ''),
            fixes,
          });
        }
      }
    }
  },
};
