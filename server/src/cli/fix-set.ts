// --fix over a set of files: each pass analyses every file against the current workspace view,
// applies its preferred fixes and updates the view, until a pass changes nothing (a fixed point)
// or FIX_PASSES run out. Cross-file fixes (CM002 across Dockerfiles) thus converge on one id.
// Nothing is written here: the caller writes what this leaves changed.
import { analyzeModel, preferredFixes, type AnyModel } from '../core/engine';
import { applyFixes } from '../core/fix';
import type { DocumentKind } from '../core/rules/rule';
import type { Settings } from '../core/settings';
import type { WorkspaceIndex } from '../core/workspace/workspace-index';
import { parseRegression } from './fix-guard';
import { indexModel, modelOf } from './workspace';

/** The same limit as the engine's fixAll (MAX_PASSES in core/engine.ts). */
export const FIX_PASSES = 10;

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

function errorText(err: unknown): string {
  return err instanceof Error ? err.stack ?? err.message : String(err);
}

function refuse(file: FixableFile, reason: string, internal: boolean, index: WorkspaceIndex | undefined): void {
  file.refused = { reason, internal };
  file.text = file.original;
  file.model = file.originalModel;
  if (index) indexModel(index, file.uri, file.model);
}

/** One pass over one file; true when its text changed. */
function fixOnce(file: FixableFile, index: WorkspaceIndex | undefined, unsafe: boolean): boolean {
  if (file.refused || !file.model) return false;
  let next: { text: string; applied: number };
  try {
    const { findings } = analyzeModel(file.model, file.settings, index);
    next = applyFixes(file.text, preferredFixes(findings, unsafe));
  } catch (err) {
    refuse(file, `internal error while fixing: ${errorText(err)}`, true, index);
    return false;
  }
  if (next.applied === 0 || next.text === file.text) return false;
  file.applied += next.applied;
  const model = modelOf(next.text, file.uri, file.kind, file.settings);
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
export function fixToFixedPoint<F extends FixableFile>(files: readonly F[], index: WorkspaceIndex | undefined, unsafe = false): FixSetResult<F> {
  let changed: F[] = [];
  for (let pass = 0; pass < FIX_PASSES; pass++) {
    changed = files.filter((f) => fixOnce(f, index, unsafe));
    if (changed.length === 0) return { passes: pass, converged: true, stillChanging: [] };
  }
  return { passes: FIX_PASSES, converged: false, stillChanging: changed };
}
