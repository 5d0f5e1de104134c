// SARIF 2.1.0 output (`check --format sarif`) for GitHub code scanning and other SARIF viewers.
// One run; every registered rule in tool.driver.rules; 1-based lines and columns counted in UTF-16
// code units (stated in run.columnKind); paths relative to the working directory under %SRCROOT%.
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ArtifactLocation, Invocation, Log, Region, ReportingDescriptor, Result } from 'sarif';
import { allRules } from '../core/engine';
import { docsUrl, type Finding, type RuleMeta } from '../core/rules/rule';
import type { Severity } from '../core/types';
import { type LineIndex, type LineRange, type Span } from '../core/text';
import type { FileResult } from './check';
import { CheckedFiles, relatedPlaces, type RelatedPlace } from './related';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SARIF_VERSION = '2.1.0';
const TOOL_NAME = 'docker-cache-mounts';
export const INFORMATION_URI = 'https://github.com/docker-cache-mounts/docker-cache-mounts';
export const SRCROOT = '%SRCROOT%';

export interface SarifOptions {
  /** Paths are written relative to this folder (the %SRCROOT%). */
  cwd: string;
  /** The tool version (package.json). */
  version: string;
  /** What went wrong (unreadable files, internal errors): the run did not fully succeed when any. */
  problems: readonly string[];
}

const LEVELS: Record<Severity, Result.level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

function sarifLevel(severity: Severity): Result.level {
  return LEVELS[severity] ?? 'note';
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function toRule(meta: RuleMeta): ReportingDescriptor {
  return {
    id: meta.code,
    name: meta.name,
    shortDescription: { text: oneLine(meta.docs.what) },
    helpUri: docsUrl(meta),
    defaultConfiguration: { level: sarifLevel(meta.defaultSeverity) },
  };
}

/**
 * A file's location: relative to cwd with forward slashes and percent-encoded segments under
 * %SRCROOT%; a file outside cwd gets an absolute file: URI (a `../` reference would point outside
 * the repository that code scanning maps %SRCROOT% to).
 */
export function artifactLocation(path: string, cwd: string): ArtifactLocation {
  const absolute = resolve(cwd, path);
  const rel = relative(resolve(cwd), absolute);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    return { uri: pathToFileURL(absolute).href };
  }
  return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

/** The folder as the URI %SRCROOT% stands for; SARIF wants it to end with a slash. */
function folderUri(cwd: string): string {
  const href = pathToFileURL(resolve(cwd)).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/** 1-based lines and columns; the end column is one past the last character (equal for an insertion point). */
function sarifRegion(lines: LineIndex, span: Span): Region {
  return regionOfRange(lines.rangeOf(span));
}

function regionOfRange(range: LineRange): Region {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

function toResult(
  f: Finding,
  ruleIndex: number,
  lines: LineIndex,
  where: ArtifactLocation,
  related: RelatedPlace[],
  cwd: string,
): Result {
  const result: Result = {
    ruleId: f.code,
    ruleIndex,
    level: sarifLevel(f.severity),
    message: { text: f.message },
    locations: [{ physicalLocation: { artifactLocation: where, region: sarifRegion(lines, f.span) } }],
    // The rule's message id and, when there is one, the why and the evidence behind the one-sentence message.
    properties: f.detail ? { messageId: f.messageId, detail: f.detail } : { messageId: f.messageId },
  };
  // Places in this file and in the other checked files (cross-file findings), each with its own artifact.
  if (related.length) {
    result.relatedLocations = related.map((r, id) => ({
      id,
      physicalLocation: { artifactLocation: artifactLocation(r.path, cwd), region: regionOfRange(r.range) },
      message: { text: r.message },
    }));
  }
  const preferred = f.fixes.filter((fix) => fix.preferred && fix.edits.length > 0);
  if (preferred.length) {
    result.fixes = preferred.map((fix) => ({
      description: { text: fix.title },
      artifactChanges: [
        {
          artifactLocation: where,
          replacements: fix.edits.map((e) => ({
            deletedRegion: sarifRegion(lines, e.span),
            insertedContent: { text: e.newText },
          })),
        },
      ],
    }));
  }
  return result;
}

/** Files that could not be read have no results; their problems arrive through options.problems. */
export function toSarifLog(results: readonly FileResult[], options: SarifOptions): Log {
  const metas = allRules()
    .map((r) => r.meta)
    .sort((a, b) => a.code.localeCompare(b.code));
  const rules = metas.map(toRule);
  const indexOf = new Map(rules.map((r, i) => [r.id, i]));
  const sarifResults: Result[] = [];
  const files = new CheckedFiles(results);
  for (const r of results) {
    if (r.readError || r.findings.length === 0) continue;
    const lines = files.linesOf(r);
    const where = artifactLocation(r.target.path, options.cwd);
    for (const f of r.findings) {
      let index = indexOf.get(f.code);
      if (index === undefined) {
        // Not a registered rule (should not happen): describe it from the finding so ruleIndex stays valid.
        index =
          rules.push({
            id: f.code,
            name: f.name,
            shortDescription: { text: f.name },
            helpUri: docsUrl(f),
            defaultConfiguration: { level: 'warning' },
          }) - 1;
        indexOf.set(f.code, index);
      }
      sarifResults.push(toResult(f, index, lines, where, relatedPlaces(r, f, files), options.cwd));
    }
  }
  const invocation: Invocation = { executionSuccessful: options.problems.length === 0 };
  if (options.problems.length) {
    invocation.toolExecutionNotifications = options.problems.map((text) => ({ level: 'error', message: { text } }));
  }
  return {
    $schema: SARIF_SCHEMA,
    version: SARIF_VERSION,
    runs: [
      {
        tool: { driver: { name: TOOL_NAME, version: options.version, informationUri: INFORMATION_URI, rules } },
        invocations: [invocation],
        originalUriBaseIds: { [SRCROOT]: { uri: folderUri(options.cwd) } },
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
}

export function formatSarif(results: readonly FileResult[], options: SarifOptions): string {
  return JSON.stringify(toSarifLog(results, options), null, 2) + '\n';
}
