// "Is this path inside that directory" for paths in the build or run container: POSIX slash paths, compared
// as strings (no links followed), so `/cachex` is not under `/cache`.

/** True when `path` is `dir` or lies under it; both cleaned, `dir` may end in `/`. Every absolute path is under `/`. */
export function isPathUnder(path: string, dir: string): boolean {
  const d = dir.endsWith('/') ? dir.slice(0, -1) : dir; // `/` becomes '': every absolute path is under it
  return path === d ? d !== '' : path.startsWith(d + '/');
}
