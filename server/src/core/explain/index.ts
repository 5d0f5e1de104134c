// Hover cards: which card (if any) explains the text at an offset, rendered from the shared model.
// Never throws: a model built from garbage may hold odd values, and a hover is not worth a crash.
import type { AnyModel } from '../model';
import type { DevcontainerModel } from '../devcontainer/types';
import type { DockerfileModel, VarDef } from '../dockerfile/types';
import { containsOffset, type Span } from '../text';
import { devcontainerMountCard } from './devcontainer-card';
import { envCard, isCacheEnvVar } from './env-card';
import { idCard } from './id-card';
import { imageCard } from './image-card';
import { ignoreEntryCard } from './ignore-card';
import { cacheMountCard, otherMountCard } from './mount-card';
import type { WorkspaceView } from '../workspace/view';

export interface Hover {
  markdown: string;
  span: Span;
}

function dockerfileHover(model: DockerfileModel, offset: number, workspace?: WorkspaceView): Hover | undefined {
  for (const mount of model.mounts) {
    if (!containsOffset(mount.flagSpan, offset)) continue;
    if (mount.type !== 'cache') return { markdown: otherMountCard(mount), span: mount.flagSpan };
    const id = mount.options.find((o) => o.canonicalKey === 'id' && containsOffset(o.span, offset));
    if (id) return { markdown: idCard(model, mount, workspace), span: id.span };
    return { markdown: cacheMountCard(model, mount, workspace), span: mount.flagSpan };
  }
  const def = varDefAt(model, offset);
  if (def && isCacheEnvVar(def.name)) return { markdown: envCard(model, def), span: def.span };
  const from = model.stages.find((s) => containsOffset(s.fromSpan, offset) && s.baseKind === 'image');
  if (from) return { markdown: imageCard(from), span: from.fromSpan };
  return undefined;
}

/** The ENV/ARG definition under the offset, if the offset is inside an ENV or ARG instruction. */
function varDefAt(model: DockerfileModel, offset: number): VarDef | undefined {
  const inst = model.instructions.find(
    (i) => (i.keyword === 'ENV' || i.keyword === 'ARG') && containsOffset(i.span, offset),
  );
  if (!inst) return undefined;
  const defs =
    inst.stageIndex < 0
      ? model.globalArgs
      : [...(model.stages[inst.stageIndex]?.envDefs ?? []), ...(model.stages[inst.stageIndex]?.argDefs ?? [])];
  return defs.find((d) => containsOffset(d.span, offset));
}

function devcontainerHover(model: DevcontainerModel, offset: number, workspace?: WorkspaceView): Hover | undefined {
  const mount = model.mounts.find((m) => containsOffset(m.span, offset));
  return mount ? { markdown: devcontainerMountCard(model, mount, workspace), span: mount.span } : undefined;
}

/** The card at an offset. May throw on a bug: tests call it to see such bugs; editors use hoverAt. */
export function explainAt(model: AnyModel, offset: number, workspace?: WorkspaceView): Hover | undefined {
  const ignored = ignoreEntryCard(model, offset);
  if (ignored) return ignored;
  return model.kind === 'dockerfile'
    ? dockerfileHover(model, offset, workspace)
    : devcontainerHover(model, offset, workspace);
}

export function hoverAt(
  model: AnyModel,
  offset: number,
  workspace?: WorkspaceView,
): { markdown: string; span: Span } | undefined {
  try {
    return explainAt(model, offset, workspace);
  } catch {
    return undefined;
  }
}
