// Checks the files of one run: read them all, put them in one workspace view (unless --no-workspace),
// analyse each against it, optionally fix the set to a fixed point, write what changed, and analyse
// again. Never throws: every failure becomes data the formatters print.
import { readFileSync } from 'node:fs';
import { readRegularFile } from './read-regular-file';
import { writeFileSafely } from './safe-write';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyzeModel } from '../core/engine';
import type { AnyModel } from '../core/model';
import type { Finding } from '../core/rules/rule';
import type { Settings } from '../core/settings';
import { WorkspaceIndex } from '../core/workspace/workspace-index';
import { fixToFixedPoint, type FixableFile } from '../core/fix-loop';
import { FIX_ENGINE } from '../core/engine';
import type { Target } from './walk';
import { describeFsError, realPathOr } from './walk';
import { isInsideHostDir } from '../common/host-path';
import { indexModel, modelOf } from './workspace';

interface FixSummary {
  /** Fixes applied over all passes. */
  applied: number;
  /** Codes whose findings the fixes removed, with how many each, e.g. { CM001: 2 }. */
  fixedCodes: Record<string, number>;
  /** True when the file on disk was rewritten. */
  written: boolean;
  /** Why a changed text was not written, if it was not. */
  notWritten?: string;
}

export interface FileResult {
  target: Target;
  /** The file: URI the analysis used (related places in other files name it). */
  uri?: string;
  /** The analysed text: after fixing when --fix changed it. Empty when the file could not be read. */
  text: string;
  findings: Finding[];
  /** Set when the file could not be read: nothing else is meaningful. */
  readError?: string;
  /** Rule failures and internal errors: the findings may be incomplete. */
  errors: string[];
  fix?: FixSummary;
}

export interface CheckInput {
  target: Target;
  settings: Settings;
}

export interface CheckFilesOptions {
  fix: boolean;
  /** With fix: also apply unsafe fixes (--unsafe-fixes). */
  unsafeFixes?: boolean;
  /** Real paths a fixed file may be written under (the PATHs given): a link leading elsewhere is not written. */
  writableRoots?: string[];
  /** One workspace view over all the files (the default); false: each file on its own. */
  workspace: boolean;
}

/** The file: URI of a path, as the analysis and the workspace view know it. */
export function fileUri(path: string): string {
  return pathToFileURL(resolve(path)).href;
}

function errorText(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

function countCodes(findings: readonly Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
  return counts;
}

/** Codes with fewer findings after than before, and by how many. */
function fixedCodes(before: readonly Finding[], after: readonly Finding[]): Record<string, number> {
  const a = countCodes(after);
  const fixed: Record<string, number> = {};
  for (const [code, n] of [...countCodes(before)].sort(([x], [y]) => x.localeCompare(y))) {
    const gone = n - (a.get(code) ?? 0);
    if (gone > 0) fixed[code] = gone;
  }
  return fixed;
}

interface Outcome {
  findings: Finding[];
  errors: string[];
}

/** The largest file `check` reads: far above any real Dockerfile or devcontainer.json. */
export const MAX_INPUT_BYTES = 8 * 1024 * 1024;

interface LoadedFile extends FixableFile {
  target: Target;
  readError?: string;
  /** False when decoding as UTF-8 changed the bytes: such a file is never rewritten. */
  utf8: boolean;
  /** The bytes read: a fixed file is written only while the disk still holds exactly these. */
  bytes?: Buffer;
  first: Outcome;
  errors: string[];
  fix?: FixSummary;
}

/** Why the bytes are no text this tool reads (UTF-16/32 with a byte order mark, binary with NUL bytes), or undefined. */
function encodingProblem(bytes: Buffer): string | undefined {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return 'UTF-16 text (byte order mark): this tool reads UTF-8, so it was not analysed; save the file as UTF-8';
  }
  if (bytes.subarray(0, 8192).includes(0)) return 'binary content (NUL bytes): not analysed';
  return undefined;
}

/**
 * A Dockerfile whose lines end in CR alone (classic Mac line endings): this tool, like Docker's parser as far
 * as we know (unverified here), splits lines at LF, so it would see one instruction. JSON treats CR as a blank.
 */
function lineEndingProblem(bytes: Buffer, kind: Target['kind']): string | undefined {
  if (kind !== 'dockerfile' || bytes.includes(0x0a)) return undefined;
  const text = bytes.toString('latin1');
  if (!/\r[ \t]*[^\s]/.test(text)) return undefined;
  return 'lines end in CR only (no LF): this tool reads lines ending in LF or CRLF, so it was not analysed; save it with LF line endings';
}

function load(input: CheckInput): LoadedFile {
  const { target, settings } = input;
  const uri = fileUri(target.path);
  const base = {
    target,
    uri,
    kind: target.kind,
    settings,
    applied: 0,
    first: { findings: [], errors: [] },
    errors: [],
  };
  let bytes: Buffer;
  if (target.stdin) {
    try {
      bytes = readFileSync(0);
    } catch (err) {
      return notRead(base, `cannot read stdin: ${describeFsError(err)}`);
    }
    if (bytes.length > MAX_INPUT_BYTES)
      return notRead(base, `stdin is over the ${MAX_INPUT_BYTES / (1024 * 1024)} MB limit: not read`);
    return fromBytes(base, bytes, target, uri, settings);
  }
  // Only regular files of a sane size are read: a link to /dev/zero, a FIFO (which would block forever)
  // or a multi-gigabyte build artefact named like a Dockerfile gets a one-line reason instead.
  const read = readRegularFile(target.path, MAX_INPUT_BYTES);
  if ('error' in read) return notRead(base, read.error);
  bytes = read.bytes;
  return fromBytes(base, bytes, target, uri, settings);
}

type LoadBase = Omit<LoadedFile, 'original' | 'text' | 'originalModel' | 'model' | 'utf8'>;

/** A file whose text was not read or not analysed: no text, no model, and the reason. */
function notRead(base: LoadBase, reason: string): LoadedFile {
  return { ...base, original: '', text: '', originalModel: undefined, model: undefined, utf8: true, readError: reason };
}

/** The loaded file from its bytes: encoding checked, model built. */
function fromBytes(base: LoadBase, bytes: Buffer, target: Target, uri: string, settings: Settings): LoadedFile {
  const unreadable = encodingProblem(bytes) ?? lineEndingProblem(bytes, target.kind);
  if (unreadable) return notRead(base, unreadable);
  const original = bytes.toString('utf8');
  const model = modelOf(original, uri, target.kind, settings);
  if (model?.kind === 'devcontainer' && !model.root) {
    return {
      ...base,
      original,
      text: original,
      originalModel: model,
      model: undefined,
      utf8: true,
      readError: 'not a JSON object (or not JSON at all): not analysed',
    };
  }
  return {
    ...base,
    original,
    text: original,
    originalModel: model,
    model,
    utf8: Buffer.from(original, 'utf8').equals(bytes),
    bytes,
  };
}

function analyzeSafely(file: LoadedFile, model: AnyModel | undefined, view: WorkspaceIndex | undefined): Outcome {
  try {
    if (!model) throw new Error('the model could not be built');
    const analysis = analyzeModel(model, file.settings, view);
    return { findings: analysis.findings, errors: [...analysis.errors] };
  } catch (err) {
    return { findings: [], errors: [`internal error while analysing: ${errorText(err)}`] };
  }
}

function toResult(file: LoadedFile, outcome: Outcome): FileResult {
  if (file.readError)
    return { target: file.target, uri: file.uri, text: '', findings: [], errors: [], readError: file.readError };
  const errors = [...new Set([...file.first.errors, ...file.errors, ...outcome.errors])];
  const result: FileResult = {
    target: file.target,
    uri: file.uri,
    text: file.text,
    findings: outcome.findings,
    errors,
  };
  if (file.fix) result.fix = file.fix;
  return result;
}

/** Is a (real, host) path inside one of the checked paths? Host paths, so not core/buildkit/path-under. */
function isUnderRoot(path: string, roots: readonly string[]): boolean {
  return roots.some((root) => isInsideHostDir(path, root));
}

/** Writes a fixed file, or says why not; a file left unwritten goes back to its original text. */
function write(file: LoadedFile, index: WorkspaceIndex | undefined, roots?: readonly string[]): void {
  const fix: FixSummary = { applied: file.applied, fixedCodes: {}, written: false };
  file.fix = fix;
  if (file.refused) {
    if (file.refused.internal) file.errors.push(file.refused.reason);
    else fix.notWritten = `${file.refused.reason}, so it was left untouched`;
    return;
  }
  if (file.text === file.original) return;
  if (!file.utf8) {
    // Writing the decoded text back would replace the invalid bytes with U+FFFD.
    fix.notWritten = 'the file is not valid UTF-8, so it was left untouched';
  } else {
    const real = realPathOr(file.target.path);
    const why =
      roots && !isUnderRoot(real, roots)
        ? `it links to ${real}, outside the checked paths, which --fix does not write`
        : writeFileSafely(file.target.path, file.bytes ?? Buffer.alloc(0), file.text);
    if (why === undefined) {
      fix.written = true;
      return;
    }
    fix.notWritten = why;
  }
  file.text = file.original;
  file.model = file.originalModel;
  if (index) indexModel(index, file.uri, file.model);
}

/** Checks (and with `fix`, fixes) the files; one result per input, in order. */
export function checkFiles(inputs: readonly CheckInput[], options: CheckFilesOptions): FileResult[] {
  const files = inputs.map(load);
  const readable = files.filter((f) => !f.readError);
  const index = options.workspace ? new WorkspaceIndex() : undefined;
  if (index) for (const f of readable) indexModel(index, f.uri, f.model);
  for (const f of readable) f.first = analyzeSafely(f, f.model, index);
  if (!options.fix) return files.map((f) => toResult(f, f.first));

  const loop = fixToFixedPoint(FIX_ENGINE, readable, index, { unsafe: options.unsafeFixes === true });
  for (const f of loop.stillChanging) {
    f.errors.push(`fixes did not settle after ${loop.passes} passes (a rule bug); the partly fixed text is used`);
  }
  for (const f of readable) write(f, index, options.writableRoots);
  // Nothing changed anywhere: the first analysis is the final one.
  if (!readable.some((f) => f.applied > 0)) return files.map((f) => toResult(f, f.first));
  // What is on disk now, each file against the others as they are now: what a re-run reports.
  return files.map((f) => {
    if (f.readError) return toResult(f, f.first);
    const final = analyzeSafely(f, f.model, index);
    if (f.fix?.written) f.fix.fixedCodes = fixedCodes(f.first.findings, final.findings);
    return toResult(f, final);
  });
}
