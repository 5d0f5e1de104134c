// CM002 across files: one tool's cache mounted under one key in this Dockerfile and under other keys
// in other Dockerfiles of the workspace. Caches are global per builder, not per project (research
// §1.3), so on one builder each key is a separate copy of the same cache.
import type { Fix } from '../../fix';
import type { DockerfileModel, Mount } from '../../dockerfile/types';
import type { Tool } from '../../tools/types';
import type { MountEntry } from '../../workspace/mount-entry';
import { relativeLabel } from '../../workspace/uri';
import type { RuleContext } from '../rule';
import {
  cacheIdFor,
  describeKey,
  isOtherKey,
  questionOf,
  listSome,
  MAX_RELATED,
  setOptionEdit,
  splitSignature,
  type ToolGroup,
} from './mount-helpers';

/** CM002's messages for a split across files (the rule declares them with its own). */
export const CROSS_FILE_MESSAGES = {
  splitAcrossFiles: 'The {{tool}} cache is split across files: {{file}} line {{line}} uses another key.',
  splitAcrossFilesByOptions:
    'The {{tool}} cache is split across files: {{file}} line {{line}} uses other uid/gid/mode/from.',
} as const;
type MessageId = keyof typeof CROSS_FILE_MESSAGES;

/**
 * One fix for this file's whole group, offered on each of its mounts: id=<tool id> on every mount that
 * lacks it. Setting it on one mount only would split the group inside the file (the in-file CM002), so
 * it is all of them or nothing, as the in-file fix does. Undefined when every mount already has the id.
 */
function shareIdAcrossWorkspaceFix(mounts: readonly Mount[], toolName: string, id: string): Fix | undefined {
  const edits = mounts.filter((m) => m.option('id')?.value !== id).map((m) => setOptionEdit(m, 'id', id));
  if (edits.length === 0) return undefined;
  const which = mounts.length === 1 ? '' : ` on all ${mounts.length} ${toolName} cache mounts of this file`;
  return {
    title: `Set id=${id}${which} (share one ${toolName} cache across the workspace)`,
    preferred: true,
    safety: 'safe',
    edits,
  };
}

/**
 * Reports every mount of a tool group whose one local key differs from keys other files use for the
 * same tool. A group already split inside the file is left to the single-file check.
 */
export function reportCrossFileFragments(
  model: DockerfileModel,
  ctx: RuleContext<MessageId>,
  group: ToolGroup,
  tool: Tool,
  keySpan: (m: Mount) => { start: number; end: number },
): void {
  const view = ctx.workspace;
  if (!view || group.byKey.size !== 1) return;
  const own = group.entries[0]!.mount.cacheKey?.compareKey;
  if (own === undefined) return;
  // Distinct explicit ids for a distribution's package cache (per image or release) are deliberate.
  const implicitOnly = tool.distroSpecific && group.entries[0]!.mount.cacheKey?.explicit === true;
  const question = implicitOnly ? 'other implicit key' : 'other key';
  const isOther = (e: MountEntry) => isOtherKey(e, own) && (!implicitOnly || !e.key.explicit);
  const others = view.mountsOfToolWhere(tool.id, model.uri, questionOf(question, own), isOther);
  if (others.count === 0) return;
  const id = cacheIdFor(tool, ctx.settings);
  const ownSignature = splitSignature(group.entries[0]!.mount.cacheKey?.splitBy);
  // The message names one other mount: when uid/gid/mode/from differ, one that has other ones.
  const otherSignature = view
    .mountsOfToolWhere(
      tool.id,
      model.uri,
      questionOf(`${question}, other signature`, own, ownSignature),
      (e) => isOther(e) && splitSignature(e.key.splitBy) !== ownSignature,
    )
    .first(1)[0];
  const onlyIdsDiffer = otherSignature === undefined;
  const some = others.first(MAX_RELATED);
  const named = otherSignature ?? some[0]!;
  const data = { tool: tool.displayName, file: relativeLabel(model.uri, named.uri), line: named.line };
  const where = (o: MountEntry) => `${relativeLabel(model.uri, o.uri)} line ${o.line}`;
  const list = listSome(
    some.map((o) => `${where(o)} uses ${o.describedKey}`),
    MAX_RELATED,
    '; ',
  );
  const more = others.count > some.length ? `; and ${others.count - some.length} more` : '';
  // One shared object for every mount of the group, so huge files stay linear.
  const shareFix = onlyIdsDiffer
    ? shareIdAcrossWorkspaceFix(
        group.entries.map((e) => e.mount),
        tool.displayName,
        id,
      )
    : undefined;
  for (const { mount } of group.entries) {
    let detail =
      `The ${tool.displayName} cache is split across the workspace: this mount uses ${describeKey(mount)}, while ${list}${more}. ` +
      'Caches belong to the builder, not to one Dockerfile: built on the same builder, each key is a separate cache, filled separately.';
    const fixes: Fix[] = [];
    if (onlyIdsDiffer) {
      detail += ` Give them all id=${id}.`;
      if (shareFix) fixes.push(shareFix);
    } else {
      detail +=
        ' uid/gid/mode/from give a mount a separate cache even under the same id: use the same uid/gid/mode everywhere.';
    }
    ctx.report({
      span: keySpan(mount),
      messageId: onlyIdsDiffer ? 'splitAcrossFiles' : 'splitAcrossFilesByOptions',
      data,
      detail,
      related: some.map((o) => ({
        uri: o.uri,
        span: o.keyAt.span,
        range: o.keyAt.range,
        message: `${tool.displayName} cache mounted with ${o.describedKey}`,
      })),
      fixes,
    });
  }
}
