// Quote removal for one raw shell word, as POSIX sh does it (RUN's default shell is /bin/sh -c):
// single quotes keep everything; in double quotes a backslash escapes only $ ` " \ and a newline;
// outside quotes a backslash escapes any character; backslash-newline disappears. Expansions ($VAR,
// ${...}, $(...), `...`), whose spans the scanner gives, are copied as written: this is quote removal,
// not expansion. Glob characters and `~` stay as they are.

type State = 'plain' | 'single' | 'double';

const ESCAPABLE_IN_DOUBLE = '$`"\\\n';

export function decodeWord(raw: string, expansions: readonly (readonly [number, number])[] = []): string {
  if (!/['"\\]/.test(raw)) return raw;
  const expansionEnd = new Map(expansions.map(([from, to]) => [from, to]));
  let out = '';
  let state: State = 'plain';
  let i = 0;
  while (i < raw.length) {
    const c = raw[i]!;
    const end = state === 'single' ? undefined : expansionEnd.get(i);
    if (end !== undefined && end > i) {
      out += raw.slice(i, end);
      i = end;
      continue;
    }
    if (state === 'single') {
      if (c === "'") state = 'plain';
      else out += c;
      i++;
    } else if (state === 'double') {
      if (c === '"') {
        state = 'plain';
        i++;
      } else if (c === '\\' && i + 1 < raw.length && ESCAPABLE_IN_DOUBLE.includes(raw[i + 1]!)) {
        if (raw[i + 1] !== '\n') out += raw[i + 1];
        i += 2;
      } else {
        out += c;
        i++;
      }
    } else if (c === "'") {
      state = 'single';
      i++;
    } else if (c === '"') {
      state = 'double';
      i++;
    } else if (c === '\\') {
      if (i + 1 < raw.length && raw[i + 1] !== '\n') out += raw[i + 1];
      // A trailing backslash with nothing after it is kept, as sh keeps it.
      else if (i + 1 >= raw.length) out += c;
      i += 2;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
