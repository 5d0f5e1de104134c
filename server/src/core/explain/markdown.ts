// Tiny Markdown helpers shared by the hover cards: inline code that survives any text, line
// references, and how to print a fact that may be unknown.
import { DOCS_BASE_URL } from '../rules/rule';
import type { LineIndex, Span } from '../text';
import type { Maybe } from '../value';

/** Inline code that stays inline code whatever backticks the text contains. */
export function code(text: string): string {
  if (text === '') return '`""`';
  const clean = text.replace(/\r?\n/g, ' ');
  let fence = '`';
  while (clean.includes(fence)) fence += '`';
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}

/** Escapes characters Markdown would interpret in plain prose (user text shown outside code). */
export function escapeText(text: string): string {
  return text.replace(/[\\`*_{}[\]<>#|~]/g, (c) => `\\${c}`);
}

/** docs/semantics.md, the project's page of facts, as an absolute URL: a hover has no base for a relative link. */
const SEMANTICS_URL = new URL('../semantics.md', DOCS_BASE_URL).href;

/** A link to one section of docs/semantics.md (`anchor` is the section's heading, e.g. `cache-key`). */
export function semanticsLink(anchor: string, label: string): string {
  return `[${label}](${SEMANTICS_URL}#${anchor})`;
}

/** 1-based line number of an offset. */
function lineNumber(lines: LineIndex, offset: number): number {
  return lines.positionAt(offset).line + 1;
}

/**
 * "line N", as a link into the document when it has a file URI (VS Code opens `file:///...#LN`).
 * Other URIs (untitled, test) get plain text: a broken link is worse than none.
 */
export function lineRef(uri: string, lines: LineIndex, s: Span): string {
  const n = lineNumber(lines, s.start);
  return uri.startsWith('file:') ? `[line ${n}](${uri}#L${n})` : `line ${n}`;
}

/** Prints a Maybe: the value as code, or "unknown: <reason>". */
export function maybeCode(m: Maybe<string>): string {
  return m.known ? code(m.value) : `unknown: ${escapeText(m.reason)}`;
}

/** Most items a card lists before "… and N more": a hover must stay readable on huge files. */
export const MAX_LIST_ITEMS = 25;

/** Markdown for a bullet list (capped at MAX_LIST_ITEMS); empty input gives an empty string. */
export function bullets(items: readonly string[]): string {
  const cap = MAX_LIST_ITEMS + 1; // room for a caller's own "… and N more"
  const shown = items.slice(0, cap).map((i) => `- ${i}`);
  if (items.length > cap) shown.push(`- … and ${items.length - cap} more`);
  return shown.join('\n');
}

/** Joins card sections with blank lines, dropping empty ones. */
export function sections(parts: readonly (string | undefined)[]): string {
  return parts.filter((p): p is string => p !== undefined && p.trim() !== '').join('\n\n');
}
