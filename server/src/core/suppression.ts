// Inline suppression: `# cache-mounts-ignore CM001,CM003` on the line before an instruction or on
// its first line (Dockerfile); `// cache-mounts-ignore CM101` on the line before (devcontainer.json).
import type { AnyModel } from './engine';
import type { Span } from './text';

const IGNORE = /cache-mounts-ignore(?!-file)\s+([A-Za-z0-9_,\s-]+)/;

export function parseIgnoreCodes(commentText: string): string[] | undefined {
  const m = IGNORE.exec(commentText);
  if (!m) return undefined;
  return m[1]!.split(/[\s,]+/).filter(Boolean).map((c) => c.toUpperCase());
}

/** The line an ignore comment for this span must be on or above. */
function anchorLine(model: AnyModel, s: Span): number {
  const line = model.lines.positionAt(s.start).line;
  if (model.kind === 'dockerfile') {
    const ins = model.instructions.find((i) => s.start >= i.span.start && s.start <= i.span.end);
    if (ins) return ins.line;
  }
  return line;
}

export function isSuppressed(model: AnyModel, code: string, s: Span): boolean {
  const line = anchorLine(model, s);
  for (const c of model.comments) {
    if (c.line !== line - 1 && c.line !== line) continue;
    const codes = parseIgnoreCodes(c.text);
    if (codes && codes.includes(code)) return true;
  }
  // A shell comment at the end of an instruction's first line is part of the instruction text.
  if (model.kind === 'dockerfile') {
    const start = model.lines.lineStart(line);
    const lineText = model.text.slice(start, model.lines.lineEnd(line));
    const hash = lineText.indexOf('# cache-mounts-ignore');
    if (hash > 0) {
      const codes = parseIgnoreCodes(lineText.slice(hash));
      if (codes && codes.includes(code)) return true;
    }
  }
  return false;
}

/** Where the "ignore CMxxx for this line" action inserts its comment, and the text. */
export function ignoreCommentEdit(model: AnyModel, code: string, s: Span): { offset: number; text: string } {
  const line = anchorLine(model, s);
  const start = model.lines.lineStart(line);
  const lineText = model.text.slice(start, model.lines.lineEnd(line));
  const indent = /^[ \t]*/.exec(lineText)![0];
  const marker = model.kind === 'dockerfile' ? '#' : '//';
  return { offset: start, text: `${indent}${marker} cache-mounts-ignore ${code}${model.eol}` };
}
