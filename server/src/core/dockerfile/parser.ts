// Splits a Dockerfile into instructions with exact offsets: comment lines, continuation lines
// (`<escape>` + optional blanks at the end of a line; comment and empty lines inside a continued
// instruction are removed, docs/semantics.md#escape-and-heredocs) and heredoc bodies after RUN/COPY/ADD.
//
// Why not dockerfile-ast here: it takes about 1 µs per character (5 s for a 5 MB file), far from
// the performance targets (docs/benchmarks.md), and its flag-option split ignores quotes. This splitter does
// only what the model needs, in one linear pass.
import type { LineIndex, Span } from '../text';
import { scanShell, type RawToken } from '../shell/scanner';

interface RawComment {
  text: string;
  span: Span;
  line: number;
}

export interface RawFlag {
  /** As written between `--` and `=` (not lowercased: BuildKit matches flag names exactly, `--MOUNT` is unknown). */
  name: string;
  /** The whole `--name=value` word. */
  span: Span;
  /** The value after `=`; undefined when the flag has no `=`. */
  valueSpan?: Span;
}

export interface RawInstruction {
  /** Uppercased keyword. */
  keyword: string;
  /** From the keyword to the end of the last line (heredoc delimiter included), without the EOL. */
  span: Span;
  keywordSpan: Span;
  line: number;
  endLine: number;
  /** First character after the keyword and its blanks. */
  argsStart: number;
  /** End of the instruction's own lines (before heredoc bodies), without the EOL. */
  lineEnd: number;
}

const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD', 'ONBUILD']);

export interface SplitResult {
  instructions: RawInstruction[];
  comments: RawComment[];
}

export function splitInstructions(text: string, escapeChar: '\\' | '`', lines: LineIndex): SplitResult {
  const instructions: RawInstruction[] = [];
  const comments: RawComment[] = [];
  const length = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const lineOf = (offset: number): number => lines.positionAt(offset).line;

  /** Reads the line at `start`: first non-blank, end of content (before \r\n), start of the next line. */
  const readLine = (start: number): { first: number; end: number; next: number } => {
    const nl = text.indexOf('\n', start);
    const lineEnd = nl < 0 ? length : nl;
    const end = lineEnd > start && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
    let first = start;
    while (first < end && (text[first] === ' ' || text[first] === '\t')) first++;
    return { first, end, next: nl < 0 ? length : nl + 1 };
  };
  const endsWithContinuation = (start: number, end: number): boolean => {
    let t = end;
    while (t > start && (text[t - 1] === ' ' || text[t - 1] === '\t')) t--;
    if (t <= start || text[t - 1] !== escapeChar) return false;
    return t - 2 < start || text[t - 2] !== escapeChar;
  };

  while (pos < length) {
    const current = readLine(pos);
    if (current.first >= current.end) {
      pos = current.next;
      continue;
    }
    if (text[current.first] === '#') {
      comments.push({
        text: text.slice(current.first + 1, current.end).trim(),
        span: { start: current.first, end: current.end },
        line: lineOf(current.first),
      });
      pos = current.next;
      continue;
    }
    const start = current.first;
    let k = start;
    while (k < current.end && isLetter(text.charCodeAt(k))) k++;
    if (k === start) while (k < current.end && text[k] !== ' ' && text[k] !== '\t') k++;
    const keywordEnd = k;
    let lineEnd = current.end;
    let next = current.next;
    let continued = endsWithContinuation(start, current.end);
    while (continued && next < length) {
      const cont = readLine(next);
      if (cont.first >= cont.end || text[cont.first] === '#') {
        if (cont.first < cont.end)
          comments.push({
            text: text.slice(cont.first + 1, cont.end).trim(),
            span: { start: cont.first, end: cont.end },
            line: lineOf(cont.first),
          });
        next = cont.next;
        continue;
      }
      lineEnd = cont.end;
      next = cont.next;
      continued = endsWithContinuation(cont.first, cont.end);
    }
    let argsStart = keywordEnd;
    while (argsStart < lineEnd && /[ \t\r\n]/.test(text[argsStart]!)) argsStart++;
    if (argsStart < lineEnd && text[argsStart] === escapeChar && argsStart === lastNonBlank(text, argsStart, lineEnd))
      argsStart = lineEnd;
    const keyword = text.slice(start, keywordEnd).toUpperCase();
    let end = lineEnd;
    if (HEREDOC_KEYWORDS.has(keyword) && text.slice(argsStart, lineEnd).includes('<<')) {
      for (const doc of heredocDelimiters(text, argsStart, lineEnd, escapeChar)) {
        // The body runs from the next line to the delimiter line; unclosed: to the end of the file.
        let closed = false;
        while (next < length) {
          const body = readLine(next);
          let content = text.slice(next, body.end);
          if (doc.stripTabs) content = content.replace(/^\t+/, '');
          next = body.next;
          if (content === doc.delimiter) {
            end = body.end;
            closed = true;
            break;
          }
        }
        if (!closed) end = length;
      }
    }
    instructions.push({
      keyword,
      span: { start, end },
      keywordSpan: { start, end: keywordEnd },
      line: lineOf(start),
      endLine: lineOf(end),
      argsStart,
      lineEnd,
    });
    pos = next;
  }
  return { instructions, comments };
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function lastNonBlank(text: string, start: number, end: number): number {
  let t = end;
  while (t > start && (text[t - 1] === ' ' || text[t - 1] === '\t')) t--;
  return t - 1;
}

function heredocDelimiters(
  text: string,
  start: number,
  end: number,
  escapeChar: '\\' | '`',
): { delimiter: string; stripTabs: boolean }[] {
  const result: { delimiter: string; stripTabs: boolean }[] = [];
  for (const token of scanShell(text, start, end, { escapeChar, dockerfile: true })) {
    if (token.kind === 'heredoc' && token.heredoc && token.heredoc.delimiter !== '') {
      result.push({ delimiter: token.heredoc.delimiter, stripTabs: token.heredoc.stripTabs });
    }
  }
  return result;
}

/** The words of an instruction's own lines (no heredoc bodies), split on blanks, quotes kept. */
export function argumentWords(
  text: string,
  instruction: RawInstruction,
  escapeChar: '\\' | '`',
  flagsOnly = false,
): RawToken[] {
  return scanShell(text, instruction.argsStart, instruction.lineEnd, {
    escapeChar,
    dockerfile: true,
    plainWords: true,
    flagsOnly,
  });
}

/** Source text with Docker's continuations (and the comment/empty lines after them) removed. */
export function logicalText(text: string, start: number, end: number, escapeChar: '\\' | '`'): string {
  const source = text.slice(start, end);
  if (!source.includes('\n')) return source;
  const esc = escapeChar === '`' ? '`' : '\\\\';
  return source.replace(new RegExp(`${esc}[ \\t]*\\r?\\n(?:[ \\t]*(?:#[^\\n]*)?\\r?\\n)*`, 'g'), '');
}

/** Leading `--name[=value]` words; returns them and where the rest begins. */
export function readFlags(
  text: string,
  words: readonly RawToken[],
  fallbackEnd: number,
): { flags: RawFlag[]; restIndex: number; restStart: number } {
  const flags: RawFlag[] = [];
  let i = 0;
  for (; i < words.length; i++) {
    const word = words[i]!;
    if (word.text === '--') {
      i++;
      break;
    }
    if (!word.text.startsWith('--')) break;
    const eq = word.text.indexOf('=');
    const name = word.text.slice(2, eq < 0 ? undefined : eq);
    const flag: RawFlag = { name, span: { start: word.start, end: word.end } };
    if (eq >= 0) {
      // Offsets are exact unless a continuation splits the flag word (then find '=' in the source).
      const direct = text.slice(word.start, word.end) === word.text;
      const valueStart = direct ? word.start + eq + 1 : text.indexOf('=', word.start) + 1;
      flag.valueSpan = { start: Math.min(valueStart, word.end), end: word.end };
    }
    flags.push(flag);
  }
  const rest = words[i];
  const restStart = rest ? rest.start : fallbackEnd;
  return { flags, restIndex: i, restStart };
}
