// Which `.cache-mounts.json` applies to a file, for the CLI and the language server alike: the nearest one
// from the file's own folder upward, stopping at a boundary folder (inclusive): the workspace folder in the
// editor, the repository root (the folder holding `.git`) in the CLI, else the filesystem root. So a file gets
// the same settings however it is checked: `check .`, `check sub/dir`, `check sub/dir/Dockerfile`, or opened.
import { dirname, resolve, sep } from 'node:path';
import { existsSync } from 'node:fs';
import { isInsideHostDir } from './host-path';

/** The folders to look in, nearest first: the file's folder, its parents, up to `stop` (inclusive) or the root. */
export function configSearchDirs(fileDir: string, stop?: string): string[] {
  const dirs: string[] = [];
  let dir = resolve(fileDir);
  const boundary = stop === undefined ? undefined : resolve(stop);
  // A file outside the boundary searches only its own folder chain up to the root: the boundary does not apply.
  const inside = boundary !== undefined && isInsideHostDir(dir, boundary);
  for (;;) {
    dirs.push(dir);
    if (inside && dir === boundary) return dirs;
    const parent = dirname(dir);
    if (parent === dir) return dirs;
    dir = parent;
  }
}

/**
 * The repository root of a folder: the nearest ancestor (or itself) holding `.git`; undefined outside a repository.
 * `exists` is how a path is probed (the CLI passes one that remembers answers across its files).
 */
export function repositoryRoot(dir: string, exists: (path: string) => boolean = existsSync): string | undefined {
  let current = resolve(dir);
  for (;;) {
    if (exists(`${current}${sep}.git`)) return current;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}
