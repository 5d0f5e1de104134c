// How open documents follow the client's edits: vscode-languageserver-textdocument clamps offsets but not
// lines, so a change whose range lies past the end (a line beyond the last) confused the document, and with
// a far line the next change ran away in CPU and memory. Every range is clamped to the document first.
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver';

function clampPosition(doc: TextDocument, p: Position): Position {
  const lastLine = Math.max(0, doc.lineCount - 1);
  const line = Number.isFinite(p.line) ? Math.min(Math.max(0, Math.trunc(p.line)), lastLine) : lastLine;
  const character = Number.isFinite(p.character) ? Math.max(0, Math.trunc(p.character)) : 0;
  if (line < Math.trunc(p.line)) return doc.positionAt(doc.getText().length); // past the last line: the end
  return { line, character };
}

/** The change with its range inside the document (a full-text change passes through). */
function clampChange(doc: TextDocument, change: TextDocumentContentChangeEvent): TextDocumentContentChangeEvent {
  if (!('range' in change) || !change.range) return change;
  const start = clampPosition(doc, change.range.start);
  const end = clampPosition(doc, change.range.end);
  const ordered: Range = doc.offsetAt(start) <= doc.offsetAt(end) ? { start, end } : { start: end, end: start };
  return { ...change, range: ordered };
}

/** The TextDocuments configuration: TextDocument's own, with every incremental range clamped. */
export const ClampedTextDocument = {
  create: TextDocument.create,
  update(doc: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
    // One at a time: each change's range refers to the text after the ones before it.
    let current = doc;
    for (const change of changes) current = TextDocument.update(current, [clampChange(current, change)], version);
    if (changes.length === 0) current = TextDocument.update(current, [], version);
    return current;
  },
};
