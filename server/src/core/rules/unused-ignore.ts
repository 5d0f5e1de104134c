// CM000: an ignore comment that suppresses nothing, in a Dockerfile or a devcontainer.json. Not a rule that
// reads the model: a stage of the engine's pipeline (engine.ts), run after the suppression pass, which
// alone knows which ignore entries the other rules' findings used. Its meta gives it a code, a name, docs
// and a severity setting like every rule.
import { remove } from '../fix';
import type { IgnoreComment, IgnoreEntry } from '../suppression';
import type { DocumentKind } from '../types';
import type { MessageData, Report, RuleMeta } from './rule';

const UNUSED_IGNORE_CODE = 'CM000';

const MESSAGES = {
  misplaced: 'This ignore comment is misplaced, so it suppresses nothing.',
  noRules: 'This ignore comment names no rule, so it suppresses nothing.',
  noneUsed: 'None of the {{count}} entries of this ignore comment suppresses anything.',
  unknownRule: '`{{token}}` is not a rule code or name, so this ignore suppresses nothing.',
  otherKind: '{{code}} checks {{files}} only, so this ignore suppresses nothing here.',
  noFinding: 'There is no {{code}} finding here, so this ignore suppresses nothing.',
  noFindingInFile: 'There is no {{code}} finding in this file, so this ignore suppresses nothing.',
} as const;
type MessageId = keyof typeof MESSAGES;

export const unusedIgnore: { meta: RuleMeta<MessageId> & { kind: 'any' } } = {
  meta: {
    code: UNUSED_IGNORE_CODE,
    name: 'unused-ignore',
    kind: 'any',
    defaultSeverity: 'hint',
    fixable: 'always',
    messages: MESSAGES,
    docs: {
      what:
        'A `# cache-mounts-ignore` or `# cache-mounts-ignore-file` comment (in devcontainer.json: `//` or `/* */`) ' +
        'that suppresses nothing: it is not on the line right before an instruction, a file-wide ignore comes after ' +
        'the first instruction, an entry is not a rule code or name, names a rule for the other kind of file, or no ' +
        'finding of that rule is there. An entry naming a rule that is turned `off` in the settings is not reported: ' +
        "other settings (a teammate's, CI's) may turn it on.",
      why:
        'An ignore comment that does nothing misleads: it looks like a decision someone made, and a misplaced one ' +
        'lets the finding it was meant to silence through. Ignores also outlive the problem they hid; removing them ' +
        'keeps the next real finding from being silenced by accident.',
      bad: [
        'FROM python:3.12',
        'ENV UV_CACHE_DIR=/cache/uv UV_LINK_MODE=copy',
        '# cache-mounts-ignore CM001',
        '# the uv cache, shared by every build',
        'RUN --mount=type=cache,id=uv-cache,target=/cache/uv uv sync',
        '',
      ].join('\n'),
      good: [
        'FROM python:3.12',
        'ENV UV_CACHE_DIR=/cache/uv UV_LINK_MODE=copy',
        '# the uv cache, shared by every build',
        'RUN --mount=type=cache,id=uv-cache,target=/cache/uv uv sync',
        '',
      ].join('\n'),
      fixSafety:
        'The fix deletes the comment (its line when it is alone on it), or only the unused entry when other entries ' +
        'of the comment are used. Nothing else changes, and no finding can appear that the comment was hiding. ' +
        'For a misplaced comment you may prefer to move it right above the instruction instead.',
      options:
        'Set `"CM000": "off"` (or `"unused-ignore": "off"`) in the `rules` setting to stop these hints; ' +
        '`# cache-mounts-ignore-file CM000` turns them off for one file.',
      references: [
        'https://github.com/docker-cache-mounts/docker-cache-mounts#ignoring-a-finding (the comment syntax)',
        'https://eslint.org/docs/latest/use/configure/rules#report-unused-eslint-disable-comments (the same idea in ESLint)',
      ],
    },
  },
};

export interface UnusedIgnoreContext {
  kind: DocumentKind;
  /** True for a rule the settings turn off, or one that failed: its ignores cannot be judged. */
  cannotJudge(code: string): boolean;
}

const KIND_WORDS: Record<DocumentKind, string> = { dockerfile: 'Dockerfiles', devcontainer: 'devcontainer.json files' };

/** Why an entry suppresses nothing: the message, and the reason in words (for the detail). */
interface Reason {
  messageId: MessageId;
  data: MessageData;
  text: string;
}

/**
 * Why an entry suppresses nothing; undefined when it is used or must not be judged, 'misplaced' when only the
 * comment's place is wrong.
 */
function entryReason(
  comment: IgnoreComment,
  entry: IgnoreEntry,
  ctx: UnusedIgnoreContext,
): Reason | 'misplaced' | undefined {
  if (entry.used) return undefined;
  if (!entry.rule)
    return {
      messageId: 'unknownRule',
      data: { token: entry.token },
      text: `\`${entry.token}\` is not a rule code or name`,
    };
  const code = entry.rule.code;
  if (code === UNUSED_IGNORE_CODE) return undefined;
  if (comment.misplaced) return 'misplaced';
  if (entry.rule.kind !== 'any' && entry.rule.kind !== ctx.kind) {
    const files = KIND_WORDS[entry.rule.kind];
    return { messageId: 'otherKind', data: { code, files }, text: `${code} checks ${files} only` };
  }
  if (ctx.cannotJudge(code)) return undefined;
  return comment.scope === 'file'
    ? { messageId: 'noFindingInFile', data: { code }, text: `no ${code} finding in this file` }
    : { messageId: 'noFinding', data: { code }, text: `no ${code} finding here` };
}

/** The message of a comment none of whose entries suppresses anything. */
function commentReason(comment: IgnoreComment, reasons: (Reason | 'misplaced')[]): Reason {
  if (comment.misplaced) return { messageId: 'misplaced', data: {}, text: comment.misplaced };
  // In its place, every entry has a reason of its own.
  const own = reasons.filter((r): r is Reason => r !== 'misplaced');
  if (own.length === 0)
    return { messageId: 'noRules', data: {}, text: 'it names no rule (list codes, e.g. `cache-mounts-ignore CM001`)' };
  if (own.length === 1) return own[0]!;
  return { messageId: 'noneUsed', data: { count: own.length }, text: own.map((r) => r.text).join('; ') };
}

/** The part of a comment that removing entry `i` deletes: the word and one separator next to it. */
function entryRemoval(entries: readonly IgnoreEntry[], i: number): { start: number; end: number } {
  const entry = entries[i]!;
  const next = entries[i + 1];
  if (next) return { start: entry.span.start, end: next.span.start };
  const prev = entries[i - 1];
  return prev ? { start: prev.span.end, end: entry.span.end } : entry.span;
}

/** The ignore comments and entries the suppression pass left unused (their `used` marks), as reports. */
export function unusedIgnoreReports(comments: readonly IgnoreComment[], ctx: UnusedIgnoreContext): Report<MessageId>[] {
  const reports: Report<MessageId>[] = [];
  for (const comment of comments) {
    const reasons = comment.entries.map((e) => entryReason(comment, e, ctx));
    if (reasons.every((r): r is Reason | 'misplaced' => r !== undefined)) {
      const { messageId, data, text } = commentReason(comment, reasons);
      reports.push({
        span: comment.span,
        messageId,
        data,
        detail: `This ignore comment suppresses nothing: ${text}.`,
        fixes: [
          {
            title: 'Remove the unused ignore comment',
            preferred: true,
            safety: 'safe',
            edits: [remove(comment.removal)],
          },
        ],
      });
      continue;
    }
    comment.entries.forEach((entry, i) => {
      const reason = reasons[i];
      // Used or not judged; or in a misplaced comment, whose place (not the entry) is wrong.
      if (!reason || reason === 'misplaced') return;
      reports.push({
        span: entry.span,
        messageId: reason.messageId,
        data: reason.data,
        detail: `\`${entry.token}\` in this ignore comment suppresses nothing: ${reason.text}.`,
        fixes: [
          {
            title: `Remove ${entry.token} from the ignore comment`,
            preferred: true,
            safety: 'safe',
            edits: [remove(entryRemoval(comment.entries, i))],
          },
        ],
      });
    });
  }
  return reports;
}
