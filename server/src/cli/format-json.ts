// The machine format, exactly:
// {"version":1,"files":[{"path","diagnostics":[{"code","name","severity","messageId","data","message","detail","range","fixes":[{"title","preferred","edits":[{"range","newText"}]}],
//   "related"?:[{"path","range","message"}]}],"error"?}]}
// Lines and characters are 0-based UTF-16 positions, as in LSP. `related` (places in this or another
// checked file that the finding refers to) is present only when not empty. `error` is present only for
// a path that was not checked (its diagnostics are then empty): a file that could not be read or
// analysed, a PATH that does not exist, a folder that could not be listed. It is the reason stderr
// gives, so that a consumer of the JSON alone sees what was not checked.
import { type LineIndex, type LineRange } from '../core/text';
import type { Finding } from '../core/rules/rule';
import type { Severity } from '../core/types';
import type { FileResult } from './check';
import { CheckedFiles, relatedPlaces, type RelatedPlace } from './related';
import type { PathProblem } from './walk';

interface JsonEdit {
  range: LineRange;
  newText: string;
}

interface JsonFix {
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

interface JsonFile {
  path: string;
  diagnostics: JsonDiagnostic[];
  /** Only for a file that was not checked: why. */
  error?: string;
}

export interface JsonReport {
  version: 1;
  files: JsonFile[];
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

/** The paths that could not be checked at all (`unchecked`: a missing PATH, an unlisted folder) come first, then every file in order. */
export function toJsonReport(results: readonly FileResult[], unchecked: readonly PathProblem[] = []): JsonReport {
  const files = new CheckedFiles(results);
  return {
    version: 1,
    files: [
      ...unchecked.map((p): JsonFile => ({ path: p.path, diagnostics: [], error: p.message })),
      ...results.map((r): JsonFile => {
        if (r.readError) return { path: r.target.path, diagnostics: [], error: r.readError };
        const lines = files.linesOf(r);
        return {
          path: r.target.path,
          diagnostics: r.findings.map((f) => toDiagnostic(f, lines, relatedPlaces(r, f, files))),
        };
      }),
    ],
  };
}

export function formatJson(results: readonly FileResult[], unchecked: readonly PathProblem[] = []): string {
  return JSON.stringify(toJsonReport(results, unchecked)) + '\n';
}
