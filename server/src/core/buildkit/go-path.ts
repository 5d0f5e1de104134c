// Go's path.Clean and path.Join (slash paths), which BuildKit uses for cache ids and mount targets.

/** Go path.Clean: '' -> '.', collapses '//', removes '.', resolves '..', drops a trailing '/'. */
export function pathClean(p: string): string {
  if (isCleanAbsolute(p)) return p; // the common case (targets, dirs), without allocating
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  if (rooted) return '/' + joined;
  return joined === '' ? '.' : joined;
}

/** True for an absolute path path.Clean leaves as it is: no empty, `.` or `..` element, no trailing `/`. */
function isCleanAbsolute(p: string): boolean {
  if (p === '/') return true;
  if (p.charCodeAt(0) !== 47 /* / */ || p.charCodeAt(p.length - 1) === 47) return false;
  let start = 1; // the first character of the current element
  for (let i = 1; i <= p.length; i++) {
    if (i < p.length && p.charCodeAt(i) !== 47) continue;
    const length = i - start;
    if (length === 0) return false;
    if (p.charCodeAt(start) === 46 /* . */ && (length === 1 || (length === 2 && p.charCodeAt(start + 1) === 46)))
      return false;
    start = i + 1;
  }
  return true;
}

/** Go path.Join: joins the non-empty parts with '/' and cleans the result. */
export function pathJoin(...parts: string[]): string {
  const nonEmpty = parts.filter((p) => p !== '');
  return nonEmpty.length === 0 ? '' : pathClean(nonEmpty.join('/'));
}

/** Resolves `p` against an absolute directory the way BuildKit resolves a relative mount target or WORKDIR. */
export function resolveAgainst(dir: string, p: string): string {
  return p.startsWith('/') ? pathClean(p) : pathJoin('/', dir, p);
}
