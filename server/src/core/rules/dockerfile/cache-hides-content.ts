// CM015: a cache mount's target is a directory that an earlier COPY/ADD of the stage (or of a stage it
// builds on) put files into. During the RUN the mount covers the directory, so those files are not
// visible; what the RUN writes there goes to the cache, not to the image (docs/semantics.md#not-in-image).
//
// Conservative on purpose: only a COPY/ADD whose resolved destination is the target or lies under
// it counts. Directories filled by RUN commands or by the base image (e.g. the rust image's
// CARGO_HOME, docs/semantics.md#cargo-home) are not judged.
import type { CopyInstruction, DockerfileModel, Mount } from '../../dockerfile/types';
import type { DockerfileRule } from '../rule';
import { stageChain } from './apt-helpers';
import { isCacheMount, listSome } from './mount-helpers';
import { isPathUnder } from '../../buildkit/path-under';

function firstLine(model: DockerfileModel, copy: CopyInstruction): string {
  const text = model.text.slice(copy.span.start, model.lines.lineEnd(copy.line)).trim();
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

const MESSAGES = {
  hidesCopy: "This cache mount hides the files line {{line}} copied into '{{target}}'.",
  hidesCopies: "This cache mount hides the files {{count}} COPY/ADD lines put into '{{target}}'.",
} as const;
type MessageId = keyof typeof MESSAGES;

export const cacheHidesContent: DockerfileRule<MessageId> = {
  meta: {
    code: 'CM015',
    name: 'cache-hides-content',
    kind: 'dockerfile',
    defaultSeverity: 'warning',
    fixable: 'never',
    messages: MESSAGES,
    docs: {
      what:
        'A `RUN --mount=type=cache` targets a directory that an earlier COPY or ADD of the same stage (or of a stage ' +
        'it builds on) put files into: the COPY/ADD destination is the mount target or lies under it.',
      why:
        'A mount covers its target directory. Docker\'s docs on RUN mounts: "If the target directory is not empty, the ' +
        'contents of the target directory are hidden by the mounted files." During that RUN the copied files are ' +
        "not there, the cache's content is; and whatever the RUN writes into the directory goes to the cache, not " +
        'to the image.',
      bad: [
        'FROM python:3.12-slim',
        'WORKDIR /app',
        'COPY vendor/wheels /app/wheels',
        'RUN --mount=type=cache,target=/app/wheels pip install --no-index --find-links /app/wheels flask',
        '',
      ].join('\n'),
      good: [
        'FROM python:3.12-slim',
        'WORKDIR /app',
        'COPY vendor/wheels /app/wheels',
        'RUN --mount=type=cache,target=/root/.cache/pip pip install --no-index --find-links /app/wheels flask',
        '',
      ].join('\n'),
      fixSafety:
        'No automatic fix: whether the copy or the mount is in the wrong place depends on intent. Usually the mount ' +
        "should target the tool's own cache directory, or the files should be copied elsewhere.",
      references: [
        'https://docs.docker.com/build/cache/optimize/',
        "[Cache mounts are not in the image](../semantics.md#not-in-image): the target's previous contents are hidden during the RUN; what is written there is not in the layer",
      ],
    },
  },
  check(model, ctx) {
    for (const stage of model.stages) {
      const mounts = stage.runs
        .flatMap((r) => r.mounts)
        .filter((m) => isCacheMount(m) && m.targetPath.known && m.targetPath.value !== '/');
      if (!mounts.length) continue;
      const copies = stageChain(model, stage)
        .flatMap((s) => s.copies)
        .filter((c) => c.destPath.known);
      if (!copies.length) continue;
      for (const mount of mounts) {
        const fills = fillsOf(mount, copies);
        if (!fills.length) continue;
        const target = mount.targetPath.known ? mount.targetPath.value : '';
        const list = fills.map((c) => `'${firstLine(model, c)}' (line ${c.line + 1})`);
        ctx.report({
          span: mount.target?.span ?? mount.flagSpan,
          ...(fills.length === 1
            ? { messageId: 'hidesCopy' as const, data: { target, line: fills[0]!.line + 1 } }
            : { messageId: 'hidesCopies' as const, data: { target, count: fills.length } }),
          detail:
            `This cache mount covers '${target}', which ${listSome(list, 3)} filled: during this RUN the ` +
            `copied files are hidden under the cache's content, and what the RUN writes to '${target}' goes to the ` +
            'cache, not to the image. Mount the cache elsewhere, or copy the files to another directory.',
          related: fills
            .slice(0, 5)
            .map((c) => ({ span: c.span, message: `fills '${c.destPath.known ? c.destPath.value : ''}'` })),
        });
      }
    }
  },
};

/** The COPY/ADD instructions before the mount's RUN whose destination is the mount target or under it. */
function fillsOf(mount: Mount, copies: CopyInstruction[]): CopyInstruction[] {
  if (!mount.targetPath.known) return [];
  const target = mount.targetPath.value;
  return copies.filter(
    (c) => c.span.start < mount.flagSpan.start && c.destPath.known && isPathUnder(c.destPath.value, target),
  );
}
