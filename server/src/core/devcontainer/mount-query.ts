// Questions rules ask about devcontainer mounts: a field by its canonical key, where the mount was
// written, which span to flag, and whether a mount keeps a container path outside the container.
import { stringValue, propertyValue } from './json-tree';
import { canonicalMountKey } from './mount-string';
import { isUnder } from './cache-tools';
import type { DevcontainerModel, DevcontainerMount, DevcontainerMountField } from './types';
import type { Span } from '../text';

/** The last field for `key` (source/target/type...). String forms accept Docker's aliases; the object form reads exact names (docs/semantics.md#devcontainer-cli-mounts). */
export function mountField(mount: DevcontainerMount, key: string): DevcontainerMountField | undefined {
  let found: DevcontainerMountField | undefined;
  for (const f of mount.fields) {
    if (mount.origin === 'mounts-object' ? f.key === key : canonicalMountKey(f.key) === key) found = f;
  }
  return found;
}

/** `mounts[2]` or `runArgs[4]`, for messages. */
export function mountWhere(mount: DevcontainerMount): string {
  return mount.origin.startsWith('runArgs') ? `runArgs[${mount.arrayIndex}]` : `mounts[${mount.arrayIndex}]`;
}

/** The span of a field's value (the JSON string value in the object form), else the field, else the mount. */
export function fieldValueSpan(mount: DevcontainerMount, key: string): Span {
  const f = mountField(mount, key);
  return f?.valueSpan ?? f?.span ?? mount.span;
}

/** True for string forms whose fields are `key=value` CSV (mounts strings and runArgs --mount). */
export function isCsvMount(mount: DevcontainerMount): boolean {
  return mount.origin === 'mounts-string' || mount.origin === 'runArgs-mount';
}

/** A literal absolute container path: no devcontainer variables, starts with `/`. */
export function isLiteralAbsolute(path: string | undefined): path is string {
  return path !== undefined && path.startsWith('/') && !path.includes('${');
}

/** Mounts whose content outlives the container: bind mounts and volumes (not tmpfs, not the build-only cache type). */
export function isPersistentMount(mount: DevcontainerMount): boolean {
  return mount.effectiveType === 'bind' || mount.effectiveType === 'volume';
}

/** The target of `workspaceMount` (a `--mount` string, docs/semantics.md#devcontainer-mounts), when it is a literal path. */
function workspaceMountTarget(model: DevcontainerModel): string | undefined {
  const value = stringValue(propertyValue(model.root, 'workspaceMount'));
  if (!value) return undefined;
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = canonicalMountKey(part.slice(0, eq).trim().toLowerCase());
    if (key === 'target') return part.slice(eq + 1);
  }
  return undefined;
}

/**
 * Does a mount of this file (or the workspace mount) keep `path`? `type=cache` mounts count too: CM101
 * reports them, and both of its fixes keep the env var and the target in step.
 */
export function mountCovering(model: DevcontainerModel, path: string): DevcontainerMount | 'workspace' | undefined {
  for (const m of model.mounts) {
    if (!(isPersistentMount(m) || m.effectiveType === 'cache')) continue;
    if (isLiteralAbsolute(m.target) && isUnder(path, m.target)) return m;
  }
  const ws = workspaceMountTarget(model);
  if (isLiteralAbsolute(ws) && isUnder(path, ws)) return 'workspace';
  return undefined;
}
