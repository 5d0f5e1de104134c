// Related places of a finding (RelatedInfo) as path + line/character range, for the JSON and SARIF
// formats: same-file ones from the file's own text, other files' from the range the cross-file rule
// took from the workspace view (or, lacking one, from that file's checked text).
import { fileURLToPath } from 'node:url';
import type { Finding } from '../core/rules/rule';
import { LineIndex, type LineRange } from '../core/text';
import { uriKey } from '../core/workspace/uri';
import { fileUri, type FileResult } from './check';

export interface RelatedPlace {
  /** As the file's own results name it (the command-line form), else the local path of the URI. */
  path: string;
  range: LineRange;
  message: string;
}

/** Finds the checked files by URI, and keeps one LineIndex per text. */
export class CheckedFiles {
  private readonly byUri = new Map<string, FileResult>();
  private readonly lines = new Map<FileResult, LineIndex>();

  constructor(results: readonly FileResult[]) {
    for (const r of results) if (!r.readError) this.byUri.set(uriKey(r.uri ?? fileUri(r.target.path)), r);
  }

  find(uri: string): FileResult | undefined {
    return this.byUri.get(uriKey(uri));
  }

  linesOf(result: FileResult): LineIndex {
    let lines = this.lines.get(result);
    if (!lines) this.lines.set(result, (lines = new LineIndex(result.text)));
    return lines;
  }
}

function localPath(uri: string): string | undefined {
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** The finding's related places that can be located; others are left out. */
export function relatedPlaces(result: FileResult, finding: Finding, files: CheckedFiles): RelatedPlace[] {
  const places: RelatedPlace[] = [];
  const own = uriKey(result.uri ?? fileUri(result.target.path));
  for (const r of finding.related) {
    if (r.uri === undefined || uriKey(r.uri) === own) {
      places.push({ path: result.target.path, range: files.linesOf(result).rangeOf(r.span), message: r.message });
      continue;
    }
    const other = files.find(r.uri);
    const path = other?.target.path ?? localPath(r.uri);
    const range = r.range ?? (other ? files.linesOf(other).rangeOf(r.span) : undefined);
    if (path !== undefined && range !== undefined) places.push({ path, range, message: r.message });
  }
  return places;
}
