// What `docker run --mount` accepts (docker/cli opts/mount.go, docs/semantics.md#volume-vs-bind) and what the daemon's
// Linux mount parser knows (docs/semantics.md#run-time-mount-types). Key lists are the union over Docker CLI versions, so a key that
// only newer CLIs know is never reported.

/** Keys with `=value`. */
export const DOCKER_RUN_MOUNT_KEYS: readonly string[] = [
  'type',
  'source',
  'src',
  'target',
  'dst',
  'destination',
  'readonly',
  'ro',
  'consistency',
  'bind-propagation',
  'bind-nonrecursive',
  'bind-recursive',
  'bind-create-src',
  'volume-nocopy',
  'volume-label',
  'volume-driver',
  'volume-opt',
  'volume-subpath',
  'tmpfs-size',
  'tmpfs-mode',
  'tmpfs-options',
  'image-subpath',
];

/** Words allowed without `=value`. */
export const DOCKER_RUN_MOUNT_BARE_WORDS: readonly string[] = [
  'readonly',
  'ro',
  'volume-nocopy',
  'bind-nonrecursive',
  'bind-create-src',
];

/** `RUN --mount` options that `docker run --mount` does not have (docs/semantics.md#mount-options). */
export const BUILDKIT_ONLY_KEYS: readonly string[] = [
  'id',
  'sharing',
  'uid',
  'gid',
  'mode',
  'from',
  'required',
  'size',
  'env',
];

/** Types the Linux daemon mounts; `cache` is build-only (CM101), `npipe`/`cluster` are not Linux-local (docs/semantics.md#run-time-mount-types). */
export const DAEMON_MOUNT_TYPES: readonly string[] = ['bind', 'volume', 'tmpfs', 'image'];

/** Option families that need their own type: `volume-*` only with type=volume, and so on. */
export function optionFamily(key: string): 'volume' | 'bind' | 'tmpfs' | 'image' | undefined {
  const m = /^(volume|bind|tmpfs|image)-/.exec(key);
  return m ? (m[1] as 'volume' | 'bind' | 'tmpfs' | 'image') : undefined;
}
