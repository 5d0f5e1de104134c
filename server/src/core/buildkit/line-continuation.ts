// Docker's line continuation inside an instruction (docs/semantics.md#escape-and-heredocs): the escape
// token (`\`, or `` ` `` with `# escape=`) followed only by blanks ends its line, the next line goes on the
// same instruction, and the empty and comment lines in between are dropped. BuildKit joins the lines
// before any word is read, so quotes do not stop a continuation.

/**
 * Where the text goes on after the continuation whose escape token is at `escapeAt` (blanks, the line
 * break, then any empty or comment lines); -1 when that token does not end its line. An escape token
 * followed by nothing but blanks up to `end` (the instruction's last line) is a continuation too.
 */
export function continuationEnd(text: string, escapeAt: number, end: number): number {
  let k = escapeAt + 1;
  while (k < end && (text[k] === ' ' || text[k] === '\t')) k++;
  if (k < end && text[k] === '\r') k++;
  if (k >= end) return end;
  if (text[k] !== '\n') return -1;
  k++;
  while (k < end) {
    let m = k;
    while (m < end && (text[m] === ' ' || text[m] === '\t')) m++;
    if (m < end && text[m] === '#') {
      const nl = text.indexOf('\n', m);
      k = nl < 0 || nl >= end ? end : nl + 1;
      continue;
    }
    if (m < end && text[m] === '\r' && text[m + 1] === '\n') {
      k = m + 2;
      continue;
    }
    if (m < end && text[m] === '\n') {
      k = m + 1;
      continue;
    }
    break;
  }
  return k;
}
