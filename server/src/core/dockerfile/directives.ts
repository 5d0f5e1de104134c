// Parser directives (`# syntax=`, `# escape=`, `# check=`) at the very top of the file (docs/semantics.md#escape-and-heredocs):
// keys are case-insensitive, a non-directive line (comment, blank line, instruction) ends the block.
// A shebang on the first line is skipped (Dockerfile 1.5+ allows one before `#syntax`).
import type { Directive } from './types';

const DIRECTIVE = /^#[ \t]*([a-zA-Z][a-zA-Z0-9]*)[ \t]*=[ \t]*(.*?)[ \t]*$/;
const KNOWN = new Set(['syntax', 'escape', 'check']);

export interface DirectiveBlock {
  directives: Directive[];
  /** Where a new directive line can be inserted (after the existing ones; 0 when none). */
  insertOffset: number;
  escapeChar: '\\' | '`';
}

export function parseDirectives(text: string): DirectiveBlock {
  const directives: Directive[] = [];
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let insertOffset = pos; // after a BOM: a line inserted at the top must not come before it
  let first = true;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl < 0 ? text.length : nl;
    const next = nl < 0 ? text.length : nl + 1;
    const content = text.slice(pos, lineEnd).replace(/\r$/, '');
    if (first && content.startsWith('#!')) {
      insertOffset = next;
      pos = next;
      first = false;
      continue;
    }
    first = false;
    const match = DIRECTIVE.exec(content.trimStart());
    if (!match || !KNOWN.has(match[1]!.toLowerCase())) break;
    directives.push({
      name: match[1]!.toLowerCase(),
      value: match[2]!,
      span: { start: pos, end: pos + content.length },
    });
    insertOffset = next;
    pos = next;
  }
  const escape = directives.find((d) => d.name === 'escape')?.value;
  return { directives, insertOffset, escapeChar: escape === '`' ? '`' : '\\' };
}
