// The card for an `id=` option: every mount of this file that uses the same cache id, and whether
// each one really gets the same cache (uid/gid/mode/from still split it, docs/semantics.md#cache-key).
import type { DockerfileModel, Mount } from '../dockerfile/types';
import { compareKeys } from './key-compare';
import { bullets, code, escapeText, lineRef, sections } from './markdown';
import type { WorkspaceView } from '../workspace/view';
import { workspaceIdSection } from './workspace-sections';

export function idCard(model: DockerfileModel, mount: Mount, workspace?: WorkspaceView): string {
  const key = mount.cacheKey;
  const written = mount.option('id')?.value ?? '';
  if (!key || !key.id.known) {
    const why = key && !key.id.known ? escapeText(key.id.reason) : 'not a cache mount';
    return sections([`### Cache id ${code(written)}`, `The effective id is unknown: ${why}.`]);
  }
  const id = key.id.value;
  const uses: string[] = [];
  for (const other of model.mounts) {
    if (other.type !== 'cache' || !other.cacheKey?.id.known || other.cacheKey.id.value !== id) continue;
    const where = lineRef(model.uri, model.lines, other.flagSpan);
    if (other === mount) {
      uses.push(`${where}: this mount`);
      continue;
    }
    const how = other.cacheKey.explicit
      ? `${code(`id=${id}`)}`
      : `implicit id from target ${code(other.target?.value ?? id)}`;
    const cmp = compareKeys(mount, other);
    const verdict =
      cmp.verdict === 'shares'
        ? 'same cache'
        : cmp.verdict === 'separate'
          ? `**separate cache**: ${cmp.reason}`
          : cmp.reason;
    uses.push(`${where}: ${how} — ${verdict}`);
  }
  const expandedNote = written !== id ? ` (written ${code(written)})` : '';
  return sections([
    `### Cache id ${code(id)}${expandedNote}`,
    `**Every place in this file using that id:**`,
    bullets(uses),
    uses.length === 1 ? 'No other mount of this file uses this id.' : undefined,
    workspaceIdSection(model, mount, workspace),
    `Changing an explicit id does not by itself re-run a RUN whose layer is already cached: the id is not part of the layer cache key.`,
  ]);
}
