// Decodes a JSON string literal as written in the document, keeping for every decoded UTF-16 unit the
// document offset it came from, so a span inside the decoded value (a `key=value` field of a mount
// string) maps back to exact document offsets even across escapes such as \" \\ \u0041.

export interface DecodedString {
  value: string;
  /** Document offset where decoded unit i starts; offsetAt(value.length) = end of the content. Clamped. */
  offsetAt(i: number): number;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/**
 * `start`/`end`: the literal's span in `text`, quotes included (a jsonc-parser string node's
 * offset/length). An unterminated literal (no closing quote) decodes up to `end`.
 */
export function decodeJsonString(text: string, start: number, end: number): DecodedString {
  let contentStart = start;
  let contentEnd = end;
  if (text.charCodeAt(contentStart) === 34 /* " */) contentStart++;
  if (
    contentEnd > contentStart &&
    text.charCodeAt(contentEnd - 1) === 34 &&
    !endsWithEscapedQuote(text, contentStart, contentEnd - 1)
  ) {
    contentEnd--;
  }
  const raw = text.slice(contentStart, contentEnd);
  if (!raw.includes('\\')) {
    // No escapes (the common case): decoded index i is document offset contentStart + i.
    return { value: raw, offsetAt: (i) => contentStart + Math.max(0, Math.min(i, raw.length)) };
  }
  let value = '';
  const offsets: number[] = [];
  let i = contentStart;
  while (i < contentEnd) {
    const ch = text[i]!;
    if (ch !== '\\' || i + 1 >= contentEnd) {
      offsets.push(i);
      value += ch;
      i++;
      continue;
    }
    const next = text[i + 1]!;
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      offsets.push(i);
      value += simple;
      i += 2;
      continue;
    }
    const hex = next === 'u' ? text.slice(i + 2, i + 6) : '';
    if (/^[0-9a-fA-F]{4}$/.test(hex) && i + 6 <= contentEnd) {
      offsets.push(i);
      value += String.fromCharCode(parseInt(hex, 16));
      i += 6;
      continue;
    }
    // An invalid escape (already a parse error): keep the backslash as a character.
    offsets.push(i);
    value += ch;
    i++;
  }
  offsets.push(contentEnd);
  return { value, offsetAt: (i) => offsets[Math.max(0, Math.min(i, offsets.length - 1))]! };
}

/** True when the quote at `quoteAt` is escaped by an odd run of backslashes before it. */
function endsWithEscapedQuote(text: string, contentStart: number, quoteAt: number): boolean {
  let backslashes = 0;
  for (let j = quoteAt - 1; j >= contentStart && text.charCodeAt(j) === 92; j--) backslashes++;
  return backslashes % 2 === 1;
}
