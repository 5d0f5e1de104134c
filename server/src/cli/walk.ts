// Turns the PATHs of `check` into the list of files to analyse: files as given, folders searched
// recursively for Dockerfiles and devcontainer.json files.
import { readdirSync, statSync, type Dirent, realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { documentKind, kindOfFoundFile } from '../core/documents';
import type { DocumentKind } from '../core/types';

export interface Target {
  /** The text comes from stdin (the PATH `-`); `path` is then the --stdin-filename. */
  stdin?: boolean;
  /** As given on the command line, or the folder as given joined with the path found under it. */
  path: string;
  kind: DocumentKind;
  /** The command-line PATH it was found from (its configuration file is looked up from there). */
  from?: string;
}

export interface PathProblem {
  path: string;
  message: string;
}

const SKIPPED_DIRS = new Set(['node_modules', '.git']);

/** A readable explanation of a file-system error, e.g. "no such file or directory". */
export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'not a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}

/** The kind of a file named explicitly: its name decides, else *.json is devcontainer, anything else a Dockerfile. */
export function kindOfGivenFile(path: string): DocumentKind {
  return documentKind(path) ?? (path.toLowerCase().endsWith('.json') ? 'devcontainer' : 'dockerfile');
}

function walk(dir: string, targets: Target[], problems: PathProblem[], from: string): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    problems.push({ path: dir, message: `cannot read folder: ${describeFsError(err)}` });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) walk(path, targets, problems, from);
      continue;
    }
    const kind = kindOfFoundFile(entry.name);
    if (!kind) continue;
    if (entry.isSymbolicLink()) {
      // Symlinked folders are not followed (no loops); a symlinked file is checked, and a dangling
      // one is kept so that reading it reports the problem.
      try {
        if (statSync(path).isDirectory()) continue;
      } catch {
        // dangling: reported when read
      }
    } else if (!entry.isFile()) {
      continue; // sockets, FIFOs, devices
    }
    targets.push({ path, kind, from });
  }
}

/** Every file to check, in command-line order (folders sorted by name), each real file once. */
/** The real path (links resolved), or the resolved path when it cannot be had. */
export function realPathOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

export function collectTargets(paths: readonly string[]): { targets: Target[]; problems: PathProblem[] } {
  const found: Target[] = [];
  const problems: PathProblem[] = [];
  for (const path of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch (err) {
      problems.push({ path, message: `cannot read: ${describeFsError(err)}` });
      continue;
    }
    if (isDir) walk(path, found, problems, path);
    else found.push({ path, kind: kindOfGivenFile(path), from: path });
  }
  const seen = new Set<string>();
  const targets = found.filter((t) => {
    // Two links to one file are one file: checked (and fixed) once.
    const key = realPathOr(t.path);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { targets, problems };
}
