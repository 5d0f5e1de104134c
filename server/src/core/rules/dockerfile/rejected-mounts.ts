// Mounts BuildKit rejects (CM010) are reported once, by CM010: every other rule treats them as absent,
// so a typo such as `tagret=` gives one error, not also "no target" or "wrong directory" findings.
// Marked once per model (the engine, the workspace summary and hovers call markRejectedMounts first); the
// check itself is CM010's, computed once per model and shared with CM010 (findRejectedMounts).
import type { DockerfileModel, Mount } from '../../dockerfile/types';
import { findRejectedMounts } from './invalid-mount';

const marked = new WeakSet<DockerfileModel>();
const rejected = new WeakSet<Mount>();

export function markRejectedMounts(model: DockerfileModel): void {
  if (marked.has(model)) return;
  marked.add(model);
  for (const mount of findRejectedMounts(model)) rejected.add(mount);
}

export function isRejectedMount(mount: Mount): boolean {
  return rejected.has(mount);
}
