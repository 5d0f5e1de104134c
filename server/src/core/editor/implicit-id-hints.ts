// Inlay hints: the implicit id of a cache mount written without `id=` (path.Clean of the raw target,
// before a relative target is joined to WORKDIR, docs/semantics.md#cache-key), shown after the mount value.
import type { DockerfileModel } from '../dockerfile/types';
import type { Span } from '../text';

export interface ImplicitIdHint {
  offset: number;
  label: string;
  tooltip: string;
}

export function implicitIdHints(model: DockerfileModel, within: Span): ImplicitIdHint[] {
  const hints: ImplicitIdHint[] = [];
  for (const mount of model.mounts) {
    if (mount.type !== 'cache' || mount.flagSpan.end < within.start || mount.flagSpan.start > within.end) continue;
    const key = mount.cacheKey;
    if (!key || key.explicit || !key.id.known || mount.csvError || mount.unclosedQuote) continue;
    const written = mount.target?.value;
    if (written == null || written === '') continue; // no target: BuildKit rejects the mount
    const how =
      written === key.id.value
        ? `It is the target, ${written}.`
        : `It is path.Clean of the target as written (${written}), before a relative target is joined to WORKDIR.`;
    hints.push({
      offset: mount.valueSpan.end,
      label: `id=${key.id.value}`,
      tooltip: `Implicit cache id: this mount has no id=, so BuildKit uses its target. ${how} Mounts with the same id (and the same uid/gid/mode/from) share the cache.`,
    });
  }
  return hints;
}
