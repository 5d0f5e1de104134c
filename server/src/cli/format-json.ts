// The machine format, exactly:
// {"version":1,"files":[{"path","diagnostics":[{"code","name","severity","messageId","data","message","detail","range","fixes":[{"title","preferred","edits":[{"range","newText"}]}],
//   "related"?:[{"path","range","message"}]}]}]}
// Lines and characters are 0-based UTF-16 positions, as in LSP. `related` (places in this or another
// checked file that the finding refers to) is present only when not empty.
import { LineIndex, type LineRange } from '../core/text';
import type { Finding, Severity } from '../core/rules/rule';
import type { FileResult } from './check';
import { CheckedFiles, relatedPlaces, type RelatedPlace } from './related';

export interface JsonEdit {
  range: LineRange;
  newText: string;
}

export interface JsonFix {
  title: string;
  preferred: boolean;
  edits: JsonEdit[];
}

export interface JsonDiagnostic {
  code: string;
  name: string;
  severity: Severity;
  /** The rule's message id (stable across versions, unlike the text) and the values in the message. */
  messageId: string;
  data: Readonly<Record<string, string | number>>;
  /** One sentence. */
  message: string;
  /** The why and the evidence; '' when the message says it all. */
  detail: string;
  range: LineRange;
  fixes: JsonFix[];
  /** Only when not empty. */
  related?: RelatedPlace[];
}

export interface JsonReport {
  version: 1;
  files: { path: string; diagnostics: JsonDiagnostic[] }[];
}

function toDiagnostic(f: Finding, lines: LineIndex, related: RelatedPlace[]): JsonDiagnostic {
  const diagnostic: JsonDiagnostic = {
    code: f.code,
    name: f.name,
    severity: f.severity,
    messageId: f.messageId,
    data: f.data,
    message: f.message,
    detail: f.detail,
    range: lines.rangeOf(f.span),
    fixes: f.fixes.map((fix) => ({
      title: fix.title,
      preferred: fix.preferred,
      edits: fix.edits.map((e) => ({ range: lines.rangeOf(e.span), newText: e.newText })),
    })),
  };
  if (related.length) diagnostic.related = related;
  return diagnostic;
}

/** Files that could not be read are left out: they are reported on stderr. */
export function toJsonReport(results: readonly FileResult[]): JsonReport {
  const files = new CheckedFiles(results);
  return {
    version: 1,
    files: results.filter((r) => !r.readError).map((r) => {
      const lines = files.linesOf(r);
      return { path: r.target.path, diagnostics: r.findings.map((f) => toDiagnostic(f, lines, relatedPlaces(r, f, files))) };
    }),
  };
}

export function formatJson(results: readonly FileResult[]): string {
  return JSON.stringify(toJsonReport(results)) + '\n';
}
