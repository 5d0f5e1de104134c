// URI arithmetic for the workspace index, on strings only (the core reads no files): a comparison
// key, the folder of a file, a path relative to a file's folder, and a short label for links.

/** The same file whatever the client's percent-encoding (`%3A` vs `:`, `%20` vs ` `). */
export function uriKey(uri: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(uri);
  } catch {
    decoded = uri;
  }
  // Windows drive letters: VS Code sends `file:///c%3A/`, Node `file:///C:/`.
  return decoded.replace(/^file:\/\/\/([A-Za-z]):/, (_m, d: string) => `file:///${d.toLowerCase()}:`);
}

/** `file:///w/.devcontainer/devcontainer.json` -> `file:///w/.devcontainer/`. */
export function folderOf(uri: string): string {
  const clean = uri.split(/[?#]/)[0] ?? uri;
  const slash = clean.lastIndexOf('/');
  return slash < 0 ? clean : clean.slice(0, slash + 1);
}

/**
 * A path written in a file (devcontainer.json `build.dockerfile`), relative to the file's folder,
 * as a URI; undefined when it cannot be one (empty, a variable the CLI substitutes, not a file URI).
 */
export function resolveRelative(baseUri: string, path: string): string | undefined {
  if (path.trim() === '' || path.includes('${') || !baseUri.startsWith('file:')) return undefined;
  try {
    const rel = path.replace(/\\/g, '/');
    const url = rel.startsWith('/')
      ? new URL(`file://${encodePath(rel)}`)
      : new URL(encodePath(rel), folderOf(baseUri));
    return url.href;
  } catch {
    return undefined;
  }
}

function encodePath(path: string): string {
  return path
    .split('/')
    .map((p) => encodeURIComponent(p))
    .join('/');
}

/** The path of `target` relative to the folder of `from`, for labels: `../api/Dockerfile`. */
export function relativeLabel(fromUri: string, target: string): string {
  const a = uriKey(folderOf(fromUri))
    .split('/')
    .filter((p) => p !== '');
  const b = uriKey(target)
    .split(/[?#]/)[0]!
    .split('/')
    .filter((p) => p !== '');
  if (a[0] !== b[0]) return b[b.length - 1] ?? target;
  let common = 0;
  while (common < a.length && common < b.length - 1 && a[common] === b[common]) common++;
  const up = a.length - common;
  const parts = [...Array<string>(up).fill('..'), ...b.slice(common)];
  return parts.join('/');
}
