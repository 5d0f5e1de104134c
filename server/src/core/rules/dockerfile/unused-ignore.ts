// CM000: an ignore comment that suppresses nothing. Its findings come from the engine, which alone
// knows which ignore entries the other rules' findings used (see suppression.ts); `check` is empty.
// Registered with the Dockerfile rules for its docs and settings; the engine applies it to
// devcontainer.json files too.
import { remove } from '../../fix';
import type { IgnoreComment, IgnoreEntry, SuppressionIndex } from '../../suppression';
import type { DockerfileRule, DocumentKind, Report } from '../rule';

export const UNUSED_IGNORE_CODE = 'CM000';

export const unusedIgnore: DockerfileRule = {
  meta: {
    code: UNUSED_IGNORE_CODE,
    name: 'unused-ignore',
    kind: 'dockerfile',
    defaultSeverity: 'hint',
    fixable: 'always',
    docs: {
      what:
        'A `# cache-mounts-ignore` or `# cache-mounts-ignore-file` comment (in devcontainer.json: `//` or `/* */`) ' +
        'that suppresses nothing: it is not on the line right before an instruction, a file-wide ignore comes after ' +
        'the first instruction, an entry is not a rule code or name, names a rule for the other kind of file, or no ' +
        'finding of that rule is there. An entry naming a rule that is turned `off` in the settings is not reported: ' +
        'other settings (a teammate\'s, CI\'s) may turn it on.',
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
  check() {
    // Reported by the engine through unusedIgnoreReports, after every other rule ran.
  },
};

export interface UnusedIgnoreContext {
  kind: DocumentKind;
  /** True for a rule the settings turn off, or one that failed: its ignores cannot be judged. */
  cannotJudge(code: string): boolean;
}

const KIND_WORDS: Record<DocumentKind, string> = { dockerfile: 'Dockerfiles', devcontainer: 'devcontainer.json files' };

/** Why an entry suppresses nothing; undefined when it is used or must not be judged. */
function entryReason(comment: IgnoreComment, entry: IgnoreEntry, ctx: UnusedIgnoreContext): string | undefined {
  if (entry.used) return undefined;
  if (!entry.rule) return `\`${entry.token}\` is not a rule code or name`;
  if (entry.rule.code === UNUSED_IGNORE_CODE) return undefined;
  if (comment.misplaced) return '';
  if (entry.rule.kind !== ctx.kind) return `${entry.rule.code} checks ${KIND_WORDS[entry.rule.kind]} only`;
  if (ctx.cannotJudge(entry.rule.code)) return undefined;
  return comment.scope === 'file' ? `no ${entry.rule.code} finding in this file` : `no ${entry.rule.code} finding here`;
}

/** The part of a comment that removing entry `i` deletes: the word and one separator next to it. */
function entryRemoval(entries: readonly IgnoreEntry[], i: number): { start: number; end: number } {
  const entry = entries[i]!;
  const next = entries[i + 1];
  if (next) return { start: entry.span.start, end: next.span.start };
  const prev = entries[i - 1];
  return prev ? { start: prev.span.end, end: entry.span.end } : entry.span;
}

export function unusedIgnoreReports(index: SuppressionIndex, ctx: UnusedIgnoreContext): Report[] {
  const reports: Report[] = [];
  for (const comment of index.comments) {
    const reasons = comment.entries.map((e) => entryReason(comment, e, ctx));
    const all = reasons.every((r) => r !== undefined);
    if (all) {
      const why = comment.misplaced ?? (comment.entries.length === 0
        ? 'it names no rule (list codes, e.g. `cache-mounts-ignore CM001`)'
        : reasons.join('; '));
      reports.push({
        span: comment.span,
        message: `This ignore comment suppresses nothing: ${why}.`,
        fixes: [{ title: 'Remove the unused ignore comment', preferred: true, safety: 'safe', edits: [remove(comment.removal)] }],
      });
      continue;
    }
    comment.entries.forEach((entry, i) => {
      const reason = reasons[i];
      if (!reason) return;
      reports.push({
        span: entry.span,
        message: `\`${entry.token}\` in this ignore comment suppresses nothing: ${reason}.`,
        fixes: [{ title: `Remove ${entry.token} from the ignore comment`, preferred: true, safety: 'safe', edits: [remove(entryRemoval(comment.entries, i))] }],
      });
    });
  }
  return reports;
}
