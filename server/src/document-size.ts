// The size cap for open documents. Analysis runs on the server's one thread on every edit, so its
// cost must stay bounded: measured over the server on a 2-core machine, the slowest shapes tried
// (thousands of cache mounts, stages or apt RUNs) held other requests up to about 0.4 s at 128 KB
// (analysis or fix-all) and 0.9-1 s at 256 KB; 5 MB took 13 s. Real Dockerfiles and devcontainer.json
// files are a few KB. An open document over the cap gets one notice instead of analysis, and every
// request on it answers empty. (The CLI reads up to 8 MB, the workspace index 1 MB per file: both
// read a file once, not on every keystroke.)
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { SOURCE } from './convert';

/** The largest open document analysed, in UTF-8 bytes. */
export const MAX_OPEN_DOCUMENT_BYTES = 128 * 1024;

/** Is the text over the cap? Reads at most about the cap: a UTF-16 code unit is 1 to 3 UTF-8 bytes. */
export function isTooLarge(doc: TextDocument): boolean {
  const text = doc.getText();
  if (text.length > MAX_OPEN_DOCUMENT_BYTES) return true;
  if (text.length * 3 <= MAX_OPEN_DOCUMENT_BYTES) return false;
  return utf8Length(text) > MAX_OPEN_DOCUMENT_BYTES;
}

/** The one diagnostic an oversized document gets, at its start. */
export function tooLargeDiagnostic(doc: TextDocument): Diagnostic {
  const size = utf8Length(doc.getText());
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: SOURCE,
    message: `File too large to analyze (${formatSize(size)} > limit ${formatSize(MAX_OPEN_DOCUMENT_BYTES)})`,
  };
}

function formatSize(bytes: number): string {
  const mb = 1024 * 1024;
  return bytes >= mb ? `${(bytes / mb).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** UTF-8 bytes of a string, without Node's Buffer (the server also runs in a browser's web worker). */
function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A surrogate pair is 2 code units and 4 bytes: +1 for each half.
    if (c >= 0xd800 && c <= 0xdfff) bytes += 1;
    else if (c >= 0x800) bytes += 2;
    else if (c >= 0x80) bytes += 1;
  }
  return bytes;
}
