// The only place core offsets become LSP positions and ranges, and core findings become LSP
// diagnostics. Positions are computed with the TextDocument of the version the offsets belong to,
// so line breaks count exactly as the client counts them (\n, \r\n and a lone \r).
import {
  type Diagnostic,
  DiagnosticRelatedInformation,
  DiagnosticSeverity,
  DiagnosticTag,
  Location,
  Range,
  TextEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit as CoreEdit } from './core/fix';
import { docsUrl, type Finding } from './core/rules/rule';
import type { Severity } from './core/types';
import type { Span } from './core/text';
import { unusedIgnore } from './core/rules/unused-ignore';

export const SOURCE = 'docker-cache-mounts';

/** What a diagnostic carries in `data`: the document version it was computed for (code actions check it). */
export interface DiagnosticData {
  version: number;
}

export function toRange(doc: TextDocument, s: Span): Range {
  return Range.create(doc.positionAt(s.start), doc.positionAt(s.end));
}

function toSeverity(severity: Severity): DiagnosticSeverity {
  switch (severity) {
    case 'error':
      return DiagnosticSeverity.Error;
    case 'warning':
      return DiagnosticSeverity.Warning;
    case 'info':
      return DiagnosticSeverity.Information;
    case 'hint':
      return DiagnosticSeverity.Hint;
  }
}

export function toTextEdit(doc: TextDocument, edit: CoreEdit): TextEdit {
  return TextEdit.replace(toRange(doc, edit.span), edit.newText);
}

/**
 * `relatedDocs` resolves another file's URI to its open document; related information in a file
 * that is not open is left out (the server reads no files on its own).
 */
export function toDiagnostic(
  doc: TextDocument,
  finding: Finding,
  relatedDocs: (uri: string) => TextDocument | undefined = () => undefined,
): Diagnostic {
  const diagnostic: Diagnostic = {
    range: toRange(doc, finding.span),
    severity: toSeverity(finding.severity),
    source: SOURCE,
    code: finding.code,
    codeDescription: { href: docsUrl(finding) },
    message: finding.message,
  };
  // Editors fade an unused ignore comment instead of squiggling it.
  if (finding.code === unusedIgnore.meta.code) diagnostic.tags = [DiagnosticTag.Unnecessary];
  const related: DiagnosticRelatedInformation[] = [];
  for (const r of finding.related) {
    // Cross-file findings carry the range in the other file (which may not be open).
    if (r.uri !== undefined && r.uri !== doc.uri && r.range) {
      related.push(DiagnosticRelatedInformation.create(Location.create(r.uri, r.range), r.message));
      continue;
    }
    const target = r.uri === undefined || r.uri === doc.uri ? doc : relatedDocs(r.uri);
    if (!target) continue;
    related.push(DiagnosticRelatedInformation.create(Location.create(target.uri, toRange(target, r.span)), r.message));
  }
  if (related.length) diagnostic.relatedInformation = related;
  const data: DiagnosticData = { version: doc.version };
  diagnostic.data = data;
  return diagnostic;
}

export function isDiagnosticData(value: unknown): value is DiagnosticData {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v.version === 'number';
}

export function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

/** True when two ranges overlap or touch (an empty range at a diagnostic's edge counts). */
export function rangesTouch(a: Range, b: Range): boolean {
  return !(before(a.end, b.start) || before(b.end, a.start));
}

function before(p: { line: number; character: number }, q: { line: number; character: number }): boolean {
  return p.line < q.line || (p.line === q.line && p.character < q.character);
}

/**
 * One edit turning `oldText` into `newText`: the changed middle after the common prefix and
 * suffix. Never splits a \r\n pair or a surrogate pair, so both ends are valid positions.
 */
export function minimalEdit(doc: TextDocument, oldText: string, newText: string): TextEdit | undefined {
  if (oldText === newText) return undefined;
  const max = Math.min(oldText.length, newText.length);
  let prefix = 0;
  while (prefix < max && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < max - prefix &&
    oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)
  )
    suffix++;
  while (prefix > 0 && splitsPair(oldText, prefix)) prefix--;
  while (suffix > 0 && splitsPair(oldText, oldText.length - suffix)) suffix--;
  const span = { start: prefix, end: oldText.length - suffix };
  return TextEdit.replace(toRange(doc, span), newText.slice(prefix, newText.length - suffix));
}

/** Is `offset` between a \r and its \n, or between the halves of a surrogate pair? */
function splitsPair(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const prev = text.charCodeAt(offset - 1);
  const next = text.charCodeAt(offset);
  return (prev === 13 && next === 10) || (prev >= 0xd800 && prev <= 0xdbff && next >= 0xdc00 && next <= 0xdfff);
}
