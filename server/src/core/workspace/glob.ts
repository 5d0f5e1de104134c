// VS Code `files.exclude` patterns, matched against paths relative to a workspace folder (`/`
// separators). Supports `**`, `*`, `?`, `{a,b}` and `[...]`, which is what the setting uses. A
// pattern with a `when` clause (sibling condition) is skipped: it cannot be judged without the
// siblings, and excluding too little is safer than hiding files.

type ExcludeSetting = Record<string, unknown>;

export interface Excluder {
  /** Is this relative path (file or folder) excluded? */
  excludes(relativePath: string): boolean;
}

/** A glob as a RegExp matching a whole relative path. Never throws: a broken pattern matches nothing. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  let i = 0;
  let braces = 0;
  const g = glob.replace(/\\/g, '/').replace(/^\.\//, '').replace(/^\//, '');
  while (i < g.length) {
    const c = g[i]!;
    if (c === '*') {
      if (g[i + 1] === '*') {
        // `**/` matches zero or more folders; a trailing `**` matches everything below.
        if (g[i + 2] === '/') {
          re += '(?:[^/]*/)*';
          i += 3;
        } else {
          re += '.*';
          i += 2;
        }
        continue;
      }
      re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      braces++;
      re += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (c === ',' && braces > 0) re += '|';
    else if (c === '[') {
      const close = g.indexOf(']', i + 1);
      if (close < 0) re += '\\[';
      else {
        const body = g
          .slice(i + 1, close)
          .replace(/\\/g, '\\\\')
          .replace(/^!/, '^');
        re += `[${body}]`;
        i = close;
      }
    } else re += c.replace(/[.+^$()|\\/]/g, (x) => `\\${x}`);
    i++;
  }
  if (braces > 0) return /(?!)/;
  try {
    return new RegExp(`^${re}$`);
  } catch {
    return /(?!)/;
  }
}

/** The patterns of a `files.exclude` value that are switched on (`true`). */
export function excluder(setting: unknown): Excluder {
  const patterns: RegExp[] = [];
  if (setting && typeof setting === 'object' && !Array.isArray(setting)) {
    for (const [glob, on] of Object.entries(setting as ExcludeSetting)) {
      if (on === true) patterns.push(globToRegExp(glob));
    }
  }
  return {
    excludes(relativePath: string): boolean {
      const path = relativePath.replace(/\\/g, '/').replace(/^\/+/, '');
      return patterns.some((p) => p.test(path));
    },
  };
}
