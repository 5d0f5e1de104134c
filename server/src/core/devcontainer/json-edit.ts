// Minimal JSONC edits that keep the user's comments and layout: replace a value, add properties.
// Not jsonc-parser's `modify`: when it appends a property it moves the trailing comment of the
// previous last property onto the new one (`"A": "b", // why` becomes `"A": "b",` plus
// `"NEW": "x", // why`) and it reflows a one-line object onto several lines. Here a new property goes
// after the last one's line (its comment stays put), a one-line object stays on one line, and the
// indentation and line ending are the file's own.
import { createScanner, SyntaxKind, type Node as JsonNode } from 'jsonc-parser';
import { insertAt, replace, type TextEdit } from '../fix';
import type { LineIndex } from '../text';
import { nodeSpan } from './json-tree';

export interface JsonFormat {
  /** One level of indentation: a tab or N spaces. */
  unit: string;
  eol: '\r\n' | '\n';
}

/** The indentation step the file uses most between consecutive lines; a tab when tabs dominate. Default: a tab. */
export function detectFormat(text: string, eol: '\r\n' | '\n'): JsonFormat {
  let tabLines = 0;
  let spaceLines = 0;
  const steps = new Map<number, number>();
  let previous = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const ws = /^[ \t]*/.exec(line)![0];
    if (ws.startsWith('\t')) tabLines++;
    else if (ws.length > 0) spaceLines++;
    if (!ws.includes('\t')) {
      const step = Math.abs(ws.length - previous);
      if (step > 0) steps.set(step, (steps.get(step) ?? 0) + 1);
      previous = ws.length;
    }
  }
  if (tabLines >= spaceLines && tabLines > 0) return { unit: '\t', eol };
  let best = 0;
  let bestCount = 0;
  for (const [step, count] of steps) {
    if (count > bestCount || (count === bestCount && step < best)) {
      best = step;
      bestCount = count;
    }
  }
  return { unit: spaceLines > 0 && best > 0 ? ' '.repeat(best) : '\t', eol };
}

export type JsonValue = string | number | boolean | null | { [key: string]: JsonValue };

/** Renders a value; objects on several lines (`indent` = the indentation of the line holding the key) or on one. */
function renderValue(value: JsonValue, fmt: JsonFormat, indent: string, multiline: boolean): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  if (!multiline)
    return `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${renderValue(v, fmt, indent, false)}`).join(', ')} }`;
  const inner = indent + fmt.unit;
  const body = entries
    .map(([k, v]) => `${inner}${JSON.stringify(k)}: ${renderValue(v, fmt, inner, true)}`)
    .join(`,${fmt.eol}`);
  return `{${fmt.eol}${body}${fmt.eol}${indent}}`;
}

/** Replaces a value node; an object value goes on several lines when `multiline`, indented from the key's line. */
export function replaceValue(
  text: string,
  lines: LineIndex,
  node: JsonNode,
  value: JsonValue,
  fmt: JsonFormat,
  multiline = false,
): TextEdit {
  return replace(nodeSpan(node), renderValue(value, fmt, leadingWhitespace(text, lines, node.offset), multiline));
}

function leadingWhitespace(text: string, lines: LineIndex, offset: number): string {
  const start = lines.lineStart(lines.positionAt(offset).line);
  return /^[ \t]*/.exec(text.slice(start, offset))![0];
}

/** The indentation of the line at `offset` when `offset` is the first non-blank character of its line. */
function lineIndentOf(text: string, lines: LineIndex, offset: number): string | undefined {
  const start = lines.lineStart(lines.positionAt(offset).line);
  const before = text.slice(start, offset);
  return /^[ \t]*$/.test(before) ? before : undefined;
}

/**
 * Edits that append properties to an object node, or undefined when the object is malformed
 * (unclosed, or its last property is half-typed).
 */
export function insertProperties(
  text: string,
  lines: LineIndex,
  obj: JsonNode,
  props: [string, JsonValue][],
  fmt: JsonFormat,
): TextEdit[] | undefined {
  if (obj.type !== 'object' || props.length === 0) return undefined;
  const open = obj.offset;
  const close = obj.offset + obj.length - 1;
  if (text[open] !== '{' || text[close] !== '}') return undefined;
  const baseIndent = leadingWhitespace(text, lines, open);
  const children = obj.children ?? [];
  const render = (indent: string, multiline: boolean) =>
    props.map(([k, v]) => `${JSON.stringify(k)}: ${renderValue(v, fmt, indent, multiline)}`);

  if (children.length === 0) {
    const inner = baseIndent + fmt.unit;
    const body = render(inner, true)
      .map((p) => inner + p)
      .join(`,${fmt.eol}`);
    const interior = text.slice(open + 1, close);
    if (interior.trim() === '')
      return [replace({ start: open + 1, end: close }, `${fmt.eol}${body}${fmt.eol}${baseIndent}`)];
    // Comments inside the empty object: put the properties first and leave the comments after them.
    return [insertAt(open + 1, `${fmt.eol}${body}`)];
  }

  const last = children[children.length - 1]!;
  if (last.type !== 'property' || (last.children?.length ?? 0) < 2) return undefined;
  const lastEnd = last.offset + last.length;
  const scanner = createScanner(text, true);
  scanner.setPosition(lastEnd);
  const trailingComma = scanner.scan() === SyntaxKind.CommaToken;
  const anchor = trailingComma ? scanner.getTokenOffset() + 1 : lastEnd;
  const multiline = lines.positionAt(open).line !== lines.positionAt(close).line;

  if (!multiline) {
    const joined = render('', false).join(', ');
    return [insertAt(anchor, trailingComma ? ` ${joined},` : `, ${joined}`)];
  }

  const indent = lineIndentOf(text, lines, last.offset) ?? baseIndent + fmt.unit;
  const joined = render(indent, true)
    .map((p) => indent + p)
    .join(`,${fmt.eol}`);
  const at = endOfLineAfter(text, anchor);
  const added = `${fmt.eol}${joined}${trailingComma ? ',' : ''}`;
  if (trailingComma) return [insertAt(at, added)];
  if (at === lastEnd) return [insertAt(at, `,${added}`)];
  return [insertAt(lastEnd, ','), insertAt(at, added)];
}

/**
 * Where a new line may start after `offset`: before the line break that ends the line, skipping
 * comments on it; `offset` itself when something else (a closing brace, a comment running over
 * several lines) follows on the same line.
 */
function endOfLineAfter(text: string, offset: number): number {
  const scanner = createScanner(text, false);
  scanner.setPosition(offset);
  for (;;) {
    const kind = scanner.scan();
    if (kind === SyntaxKind.Trivia || kind === SyntaxKind.LineCommentTrivia) continue;
    if (kind === SyntaxKind.BlockCommentTrivia) {
      if (/[\r\n]/.test(scanner.getTokenValue())) return offset;
      continue;
    }
    if (kind === SyntaxKind.LineBreakTrivia) return scanner.getTokenOffset();
    return offset;
  }
}
