// "Is this path inside that folder" for paths on the host file system, where the linter runs: the platform's
// separator (`\` on Windows) and resolved paths. Not core/buildkit/path-under, which compares POSIX paths
// inside a container.
import { sep } from 'node:path';

/** True when `path` is `dir` or lies under it; both resolved (absolute, no `.` or `..`). */
export function isInsideHostDir(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);
}
