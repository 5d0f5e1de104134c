// JSON nesting without recursion: jsonc-parser recurses once per `{`/`[` level, so a file nested
// thousands of levels deep overflows the stack. These scans find the depth, and blank out what lies
// too deep, so the rest of a devcontainer.json (a real `mounts` entry next to the garbage) is still read.
import type { Span } from './text';

/** Calls `visit` for each `{ [ } ]` outside strings and comments, with its offset. */
function scanBrackets(text: string, visit: (c: string, offset: number) => void): void {
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === '{' || c === '[' || c === '}' || c === ']') {
      visit(c, i);
    }
  }
}

/** The deepest `{`/`[` nesting outside strings and comments. */
export function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  scanBrackets(text, (c) => {
    if (c === '{' || c === '[') max = Math.max(max, ++depth);
    else depth = Math.max(0, depth - 1);
  });
  return max;
}

/**
 * The text with every value nested deeper than `maxDepth` replaced by `0` and blanks (line breaks kept),
 * so offsets and lines stay those of the original; and the spans that were blanked.
 */
export function flattenDeepValues(text: string, maxDepth: number): { text: string; flattened: Span[] } {
  const flattened: Span[] = [];
  let depth = 0;
  let start = -1;
  scanBrackets(text, (c, offset) => {
    if (c === '{' || c === '[') {
      depth++;
      if (depth === maxDepth + 1 && start < 0) start = offset;
    } else {
      if (depth === maxDepth + 1 && start >= 0) {
        flattened.push({ start, end: offset + 1 });
        start = -1;
      }
      depth = Math.max(0, depth - 1);
    }
  });
  if (start >= 0) flattened.push({ start, end: text.length });
  if (!flattened.length) return { text, flattened };
  let out = '';
  let at = 0;
  for (const span of flattened) {
    out += text.slice(at, span.start) + '0' + text.slice(span.start + 1, span.end).replace(/[^\r\n]/g, ' ');
    at = span.end;
  }
  return { text: out + text.slice(at), flattened };
}
