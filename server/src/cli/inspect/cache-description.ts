// What a cache mount record's description tells about the mount that made it. BuildKit describes a cache mount
// as `cached mount <target> from exec <command>`, and the Dockerfile frontend of Docker 28 adds
// ` with id "<namespace>/<id>"` (Go %q quoting; the namespace is empty unless BUILDKIT_CACHE_MOUNT_NS is set, so
// `id=dcm-filled` reads `"/dcm-filled"` and a mount without id keyed by `/root/.cache/noid` reads
// `"//root/.cache/noid"`). Docker 20.10 writes no id: its records are told apart by target only. Both forms are
// recorded in test/fixtures/buildx-du/ and checked against real builds in test/buildkit/inspect-builder.ts.

export interface DescribedMount {
  /** The mount's target in the RUN container (absolute: WORKDIR already joined). */
  target?: string;
  /** The RUN's command as BuildKit wrote it. */
  command?: string;
  /** The cache id without its namespace: the key a Dockerfile mount has (`id=`, else its cleaned target). */
  id?: string;
  /** BUILDKIT_CACHE_MOUNT_NS, when the id had one. */
  namespace?: string;
}

const PREFIX = 'cached mount ';
const FROM_EXEC = ' from exec ';
/** ` with id "..."` at the very end; the quoted part is a Go string literal. */
const WITH_ID = / with id ("(?:[^"\\]|\\.)*")$/;

/** Decodes a Go double-quoted string literal (as %q writes it); undefined when it is not one. */
export function unquoteGo(literal: string): string | undefined {
  if (literal.length < 2 || !literal.startsWith('"') || !literal.endsWith('"')) return undefined;
  const body = literal.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '"') return undefined;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    const simple: Record<string, string> = {
      n: '\n',
      t: '\t',
      r: '\r',
      '"': '"',
      '\\': '\\',
      a: '\x07',
      b: '\b',
      f: '\f',
      v: '\v',
      "'": "'",
    };
    if (e !== undefined && simple[e] !== undefined) {
      out += simple[e];
      continue;
    }
    const width = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    const hex = body.slice(i + 1, i + 1 + width);
    if (width === 0 || !new RegExp(`^[0-9a-fA-F]{${width}}$`).test(hex)) return undefined;
    const code = parseInt(hex, 16);
    if (code > 0x10ffff) return undefined;
    out += String.fromCodePoint(code);
    i += width;
  }
  return out;
}

/** The mount a cache record's description names; an empty object when the description is not BuildKit's form. */
export function describedMount(description: string): DescribedMount {
  if (!description.startsWith(PREFIX)) return {};
  let rest = description.slice(PREFIX.length);
  const result: DescribedMount = {};
  const withId = WITH_ID.exec(rest);
  if (withId) {
    const full = unquoteGo(withId[1]!);
    if (full !== undefined) {
      const slash = full.indexOf('/');
      if (slash >= 0) {
        if (slash > 0) result.namespace = full.slice(0, slash);
        result.id = full.slice(slash + 1);
      } else result.id = full;
      rest = rest.slice(0, withId.index);
    }
  }
  const from = rest.indexOf(FROM_EXEC);
  if (from < 0) {
    result.target = rest;
    return result;
  }
  result.target = rest.slice(0, from);
  result.command = rest.slice(from + FROM_EXEC.length);
  return result;
}
