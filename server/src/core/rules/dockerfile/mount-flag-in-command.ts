// CM013: a `--mount=` word after the RUN's command began (`RUN apt-get update && --mount=... apt-get
// install`). BuildKit reads flags only before the first word that does not start with `--`
// (docs/semantics.md#run-flag-parsing), so the shell receives this word: no mount is made.
import { insertAt, replace, type Fix, type TextEdit } from '../../fix';
import type { Span } from '../../text';
import type { SimpleCommand } from '../../shell/types';
import type { DockerfileModel, RunInstruction } from '../../dockerfile/types';
import type { DockerfileRule } from '../rule';
import { commandRemovalSpan } from './mount-helpers';
import { programName } from '../../tools/flags';

/** Programs with a `--mount` option of their own (container CLIs) and printers: their argument is no mistake. */
const TAKES_MOUNT = new Set([
  'docker',
  'podman',
  'buildah',
  'nerdctl',
  'buildctl',
  'ctr',
  'runc',
  'crun',
  'singularity',
  'apptainer',
  'bwrap',
  'echo',
  'printf',
]);

interface Misplaced {
  command: SimpleCommand;
  index: number;
}

function locate(run: RunInstruction, span: Span): Misplaced | undefined {
  for (const command of run.script.commands) {
    const index = command.words.findIndex((w) => w.span.start === span.start && w.span.end === span.end);
    if (index >= 0) return { command, index };
  }
  return undefined;
}

/** Removes the word and the blanks after it on the same line (or, at a line end, the blanks before it). */
function wordRemoval(text: string, span: Span): Span {
  let end = span.end;
  while (text[end] === ' ' || text[end] === '\t') end++;
  if (end < text.length && text[end] !== '\n' && text[end] !== '\r') return { start: span.start, end };
  let start = span.start;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  return { start, end: span.end };
}

/**
 * The word as it must be written for BuildKit to read it as a flag. BuildKit checks that a word starts
 * with `--` as written, before removing escapes (docs/semantics.md#run-flag-parsing), while the shell removes them: so
 * `\--mount=...` reaches the shell as `--mount=...` and would not be a flag in front of the command
 * either. Such a word gets its `--mount=` prefix written plain; undefined when the prefix holds
 * anything but plain or `\`-escaped characters (quotes: no fix).
 */
function asFlagText(raw: string): string | undefined {
  // Flag names are matched case-sensitively (`--MOUNT=` is an unknown flag): only `--mount=` is moved.
  if (raw.startsWith('--')) return raw.startsWith('--mount=') ? raw : undefined;
  let prefix = '';
  let i = 0;
  while (prefix.length < 8 && i < raw.length) {
    if (raw[i] === '\\') i++;
    const c = raw[i];
    if (c === undefined) return undefined;
    prefix += c;
    i++;
  }
  return prefix === '--mount=' ? prefix + raw.slice(i) : undefined;
}

/** Moves the flag before the command, when the rest stays a valid shell command. */
function moveFix(model: DockerfileModel, run: RunInstruction, found: Misplaced): Fix | undefined {
  const word = found.command.words[found.index]!;
  if (run.execForm || found.command.inHeredoc || !word.value.toLowerCase().startsWith('--mount=')) return undefined;
  // `RUN --mount type=... cmd --mount=...`: the "command" starts with the first flag's own value (CM010
  // joins it to its flag); moving a flag in front of it would split that flag from its value.
  if (run.mounts.some((m) => m.missingValue)) return undefined;
  const raw = model.text.slice(word.span.start, word.span.end);
  if (/[\r\n]/.test(raw)) return undefined;
  const flag = asFlagText(raw);
  if (flag === undefined) return undefined;
  if (word.span.start === run.commandSpan.start) {
    // Already in front (`RUN \--mount=... cmd`): only the escape keeps it from being a flag. With no
    // command after it, the RUN would be left without one: no fix.
    if (model.text.slice(word.span.end, run.commandSpan.end).trim() === '') return undefined;
    return {
      title: 'Write the --mount flag without the escape',
      preferred: true,
      safety: 'safe',
      edits: [replace(word.span, flag)],
    };
  }
  let removal: TextEdit;
  if (found.command.words.length > 1 || found.command.assignments.length > 0) {
    removal = replace(wordRemoval(model.text, word.span), '');
  } else {
    const whole = commandRemovalSpan(run, found.command);
    if (!whole) return undefined;
    removal = replace(whole, '');
  }
  const insert = insertAt(run.commandSpan.start, `${flag} `);
  if (removal.span.start < run.commandSpan.start) return undefined;
  return {
    title: 'Move the --mount flag before the command',
    preferred: true,
    safety: 'safe',
    edits: [insert, removal],
  };
}

const MESSAGES = {
  afterCommand: 'This --mount comes after the command began, so BuildKit makes no mount of it.',
  notAFlag: "This --mount starts with '{{first}}' as written, so BuildKit does not read it as a flag.",
} as const;
type MessageId = keyof typeof MESSAGES;

export const mountFlagInCommand: DockerfileRule<MessageId> = {
  meta: {
    code: 'CM013',
    name: 'mount-flag-in-command',
    kind: 'dockerfile',
    defaultSeverity: 'error',
    fixable: 'sometimes',
    messages: MESSAGES,
    docs: {
      what:
        "A `--mount=` word that comes after the RUN's command began, for example after `&&` or on a continuation line " +
        'below the first command; or a `--mount=` in front of the command written with an escape or a quote before ' +
        'its dashes (`\\--mount=...`).',
      why:
        'BuildKit reads RUN flags only up to the first word that does not start with `--`; everything after it is the ' +
        'shell command. A word counts as a flag only when its first two characters, as written, are `--`: ' +
        '`\\--mount=...` or `"--mount=..."` is not one, though the shell then reads it as `--mount=...`. A later ' +
        'or escaped `--mount=...` makes no mount: the shell tries to run it as a command, or passes it to ' +
        'the program as an argument; what happens next depends on the shell and the program (the build fails, or the ' +
        'step runs without its cache).',
      bad: [
        'FROM python:3.12-slim',
        'RUN apt-get update && --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt',
        '',
      ].join('\n'),
      good: [
        'FROM python:3.12-slim',
        'RUN --mount=type=cache,target=/root/.cache/pip apt-get update && pip install -r requirements.txt',
        '',
      ].join('\n'),
      fixSafety:
        'The fix moves the word, unchanged, in front of the command, where BuildKit reads it as a flag, and removes it ' +
        'from the shell text. It is offered only in the shell form, outside heredocs, and when the command left behind ' +
        'is still complete. The mount then applies to the whole RUN, which is what a mount can do. A word written ' +
        '`\\--mount=...` is moved (or, already in front, rewritten in place) with its `--mount=` written plain, so ' +
        'that BuildKit reads it as a flag; with a quote in that part, or another spelling than `--mount=` (BuildKit ' +
        'matches flag names case-sensitively), no fix is offered.',
      references: [
        'https://docs.docker.com/reference/dockerfile/#run---mount',
        '[How RUN flags are read](../semantics.md#run-flag-parsing): flags end at the first word without `--`; the rest of the line is the command',
        '[Escapes and heredocs](../semantics.md#escape-and-heredocs)',
        'https://github.com/moby/buildkit/blob/master/frontend/dockerfile/parser/split_command.go (`extractBuilderFlags`: a word is a flag only when its first two characters are `--`)',
        'https://github.com/moby/buildkit/blob/master/frontend/dockerfile/instructions/bflag.go (`Parse`: the flag name is looked up as written)',
      ],
    },
  },
  check(model, ctx) {
    for (const run of model.runs) {
      for (const span of run.misplacedMountFlags) {
        const found = locate(run, span);
        if (!found) continue;
        const program = programName(found.command);
        const inCommandPosition = found.index === 0;
        if (!inCommandPosition && TAKES_MOUNT.has(program)) continue; // `docker run --mount=...` is that program's option
        const fix = moveFix(model, run, found);
        const fate = inCommandPosition
          ? 'the shell tries to run it as a command'
          : `the shell passes it to \`${program}\` as an argument`;
        const first = model.text[span.start] ?? '';
        // In front of the command, only what is written before the dashes (`\--mount=`, `"--mount=`) keeps it from being a flag.
        const inFront = span.start === run.commandSpan.start;
        const detail = inFront
          ? `This --mount starts with '${first}' as written, so it is not a mount: ${fate}. BuildKit reads a word as a flag only when it starts with -- as written.`
          : `This --mount comes after the command began, so it is not a mount: ${fate}. BuildKit reads flags only before the command.`;
        ctx.report({
          span,
          ...(inFront ? { messageId: 'notAFlag' as const, data: { first } } : { messageId: 'afterCommand' as const }),
          detail,
          fixes: fix ? [fix] : [],
        });
      }
    }
  },
};
