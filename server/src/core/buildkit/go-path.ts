// Go's path.Clean and path.Join (slash paths), which BuildKit uses for cache ids and mount targets.

/** Go path.Clean: '' -> '.', collapses '//', removes '.', resolves '..', drops a trailing '/'. */
export function pathClean(p: string): string {
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

/** Go path.Join: joins the non-empty parts with '/' and cleans the result. */
export function pathJoin(...parts: string[]): string {
  const nonEmpty = parts.filter((p) => p !== '');
  return nonEmpty.length === 0 ? '' : pathClean(nonEmpty.join('/'));
}

/** Resolves `p` against an absolute directory the way BuildKit resolves a relative mount target or WORKDIR. */
export function resolveAgainst(dir: string, p: string): string {
  return p.startsWith('/') ? pathClean(p) : pathJoin('/', dir, p);
}
