// The one fix loop: the editor's fix-all, the CLI's --fix and the tests all run it. Each pass analyses every
// file against the current workspace view (when there is one), applies the batch fixes (safe ones, unsafe too
// when asked for) and updates the view, until a pass changes nothing (a fixed point) or FIX_PASS_LIMIT runs out.
// Cross-file fixes (CM002 across Dockerfiles) thus converge on one id. A pass whose result parses worse than
// the original (a rule bug) leaves that file as it was, refused. Nothing is written here.
import { applyFixes, appliesInBatch, FIX_PASS_LIMIT, type Fix } from './fix';
import { parseRegression } from './fix-guard';
import type { AnyModel } from './model';
import type { Finding } from './rules/rule';
import type { DocumentKind } from './types';
import type { Settings } from './settings';
import { summarize } from './summarize';
import type { WorkspaceIndex } from './workspace/workspace-index';

export interface FixableFile {
  uri: string;
  kind: DocumentKind;
  settings: Settings;
  original: string;
  originalModel: AnyModel | undefined;
  /** The text after the fixes so far (the original until one applies). */
  text: string;
  model: AnyModel | undefined;
  /** Fixes applied over all passes. */
  applied: number;
  /**
   * Set when a fix broke the file's syntax or threw: the file is back to its original text, is not
   * fixed any further and must not be written. `internal` marks a thrown error (a rule bug).
   */
  refused?: { reason: string; internal: boolean };
}

export interface FixSetResult<F extends FixableFile> {
  /** Passes that changed at least one file. */
  passes: number;
  converged: boolean;
  /** When not converged: the files the last pass still changed. */
  stillChanging: F[];
}

/** What the loop needs from the engine (passed in, so this module does not import the engine back). */
export interface FixEngine {
  analyze(model: AnyModel, settings: Settings, index?: WorkspaceIndex): { findings: Finding[] };
  build(text: string, uri: string, kind: DocumentKind, settings: Settings): AnyModel;
}

export interface FixLoopOptions {
  /** Also apply unsafe fixes (--unsafe-fixes). */
  unsafe?: boolean;
}

/** Builds a model; undefined when the builder throws (a bug: the file then takes no part). */
export function modelOf(
  engine: FixEngine,
  text: string,
  uri: string,
  kind: DocumentKind,
  settings: Settings,
): AnyModel | undefined {
  try {
    return engine.build(text, uri, kind, settings);
  } catch {
    return undefined;
  }
}

/** Puts a file's summary into the index (or removes the file when it has no model). Never throws. */
export function indexModel(index: WorkspaceIndex, uri: string, model: AnyModel | undefined): void {
  try {
    if (model) index.set(summarize(model));
    else index.delete(uri);
  } catch {
    index.delete(uri);
  }
}

/** The fix of each finding a batch applies: preferred and safe (or unsafe too, when asked for). */
export function batchFixes(findings: readonly Finding[], unsafe = false): Fix[] {
  const fixes: Fix[] = [];
  for (const f of findings) {
    const fix = f.fixes.find((x) => appliesInBatch(x, unsafe));
    if (fix) fixes.push(fix);
  }
  return fixes;
}

function errorText(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

function refuse(file: FixableFile, reason: string, internal: boolean, index: WorkspaceIndex | undefined): void {
  file.refused = { reason, internal };
  file.text = file.original;
  file.model = file.originalModel;
  if (index) indexModel(index, file.uri, file.model);
}

/** One pass over one file; true when its text changed. */
function fixOnce(engine: FixEngine, file: FixableFile, index: WorkspaceIndex | undefined, unsafe: boolean): boolean {
  if (file.refused || !file.model) return false;
  let next: { text: string; applied: number };
  try {
    const { findings } = engine.analyze(file.model, file.settings, index);
    next = applyFixes(file.text, batchFixes(findings, unsafe));
  } catch (err) {
    refuse(file, `internal error while fixing: ${errorText(err)}`, true, index);
    return false;
  }
  if (next.applied === 0 || next.text === file.text) return false;
  file.applied += next.applied;
  const model = modelOf(engine, next.text, file.uri, file.kind, file.settings);
  const broken = parseRegression(file.originalModel, model);
  if (broken) {
    refuse(file, broken, false, index);
    return false;
  }
  file.text = next.text;
  file.model = model;
  // Later files of this pass already see the new key.
  if (index) indexModel(index, file.uri, model);
  return true;
}

/** Fixes the files in place (text, model, applied, refused); the index follows their texts. */
export function fixToFixedPoint<F extends FixableFile>(
  engine: FixEngine,
  files: readonly F[],
  index: WorkspaceIndex | undefined,
  options: FixLoopOptions = {},
): FixSetResult<F> {
  let changed: F[] = [];
  for (let pass = 0; pass < FIX_PASS_LIMIT; pass++) {
    changed = files.filter((f) => fixOnce(engine, f, index, options.unsafe === true));
    if (changed.length === 0) return { passes: pass, converged: true, stillChanging: [] };
  }
  return { passes: FIX_PASS_LIMIT, converged: false, stillChanging: changed };
}
