// The machine format, exactly:
// {"version":1,"files":[{"path","diagnostics":[{"code","name","severity","message","range","fixes":[{"title","preferred","edits":[{"range","newText"}]}]}]}]}
// Lines and characters are 0-based UTF-16 positions, as in LSP.
import { LineIndex, type LineRange } from '../core/text';
import type { Finding, Severity } from '../core/rules/rule';
import type { FileResult } from './check';

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
  message: string;
  range: LineRange;
  fixes: JsonFix[];
}

export interface JsonReport {
  version: 1;
  files: { path: string; diagnostics: JsonDiagnostic[] }[];
}

function toDiagnostic(f: Finding, lines: LineIndex): JsonDiagnostic {
  return {
    code: f.code,
    name: f.name,
    severity: f.severity,
    message: f.message,
    range: lines.rangeOf(f.span),
    fixes: f.fixes.map((fix) => ({
      title: fix.title,
      preferred: fix.preferred,
      edits: fix.edits.map((e) => ({ range: lines.rangeOf(e.span), newText: e.newText })),
    })),
  };
}

/** Files that could not be read are left out: they are reported on stderr. */
export function toJsonReport(results: readonly FileResult[]): JsonReport {
  return {
    version: 1,
    files: results.filter((r) => !r.readError).map((r) => {
      const lines = new LineIndex(r.text);
      return { path: r.target.path, diagnostics: r.findings.map((f) => toDiagnostic(f, lines)) };
    }),
  };
}

export function formatJson(results: readonly FileResult[]): string {
  return JSON.stringify(toJsonReport(results)) + '\n';
}
