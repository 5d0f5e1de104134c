// The one entry point every front end uses: text in, model and findings out; and fix-all.
import { batchFixes, fixToFixedPoint, indexModel, modelOf, type FixableFile, type FixEngine } from './fix-loop';
import type { WorkspaceIndex } from './workspace/workspace-index';
import { buildDockerfileModel } from './dockerfile/model';
import { buildDevcontainerModel } from './devcontainer/model';
import type { AnyModel } from './model';
import { allRules, resolveRule } from './rules';
import type { DocumentKind } from './types';
import type { Finding } from './rules/rule';
import type { Settings } from './settings';
import type { WorkspaceView } from './workspace/view';
import { SuppressionIndex } from './suppression';
import { unusedIgnore, unusedIgnoreReports } from './rules/unused-ignore';
import { markRejectedMounts } from './rules/dockerfile/rejected-mounts';
import { configuredSeverity, failure, runRules, toFinding, type RuleRun } from './run-rules';

/** The registry's lookups, for the front ends (they import the engine, not the rules). */
export { allRules, resolveRule };

export interface Analysis {
  model: AnyModel;
  findings: Finding[];
  /** Rules that threw: the finding set is partial. Logged by the server, printed by the CLI. */
  errors: string[];
}

/** The model of one document; `settings` brings the team's `images` (the built-in catalog is always used). */
export function buildModel(
  text: string,
  uri: string,
  kind: DocumentKind,
  settings?: Pick<Settings, 'images'>,
): AnyModel {
  return kind === 'dockerfile'
    ? buildDockerfileModel(text, uri, { images: settings?.images ?? [] })
    : buildDevcontainerModel(text, uri);
}

/**
 * The analysis pipeline, one way: the model; the rules' findings (run-rules.ts); one suppression pass
 * over them, which marks the ignore entries it used; CM000 from the entries left unused; the severities
 * the settings give; text order.
 */
export function analyzeModel(model: AnyModel, settings: Settings, workspace?: WorkspaceView): Analysis {
  if (model.kind === 'dockerfile') markRejectedMounts(model);
  const run = runRules(model, settings, workspace);
  const ignores = SuppressionIndex.build(model, resolveRule);
  const kept = ignores.unsuppressed(run.findings);
  // CM000 findings can be ignored too (`cache-mounts-ignore-file CM000`); no other finding is left to use an entry.
  const unused = ignores.unsuppressed(unusedIgnoreFindings(model, ignores, settings, run));
  const findings = withConfiguredSeverities([...kept, ...unused], settings);
  findings.sort((a, b) => a.span.start - b.span.start || a.code.localeCompare(b.code));
  return { model, findings, errors: run.errors };
}

/** CM000: the ignore comments (or entries) the suppression pass left unused; rules that did not run cannot be judged. */
function unusedIgnoreFindings(model: AnyModel, ignores: SuppressionIndex, settings: Settings, run: RuleRun): Finding[] {
  if (ignores.comments.length === 0 || configuredSeverity(unusedIgnore.meta, settings) === 'off') return [];
  // Every rule of this kind that the settings turn off, or that threw, is in notRun (the other kind's are judged first).
  const cannotJudge = (code: string): boolean => run.notRun.has(code);
  try {
    const reports = unusedIgnoreReports(ignores.comments, { kind: model.kind, cannotJudge });
    return reports.map((r) => toFinding(unusedIgnore.meta, r));
  } catch (err) {
    run.errors.push(failure(unusedIgnore.meta, err));
    return [];
  }
}

/** The last stage: a severity the settings give a rule replaces the one the rule chose. */
function withConfiguredSeverities(findings: Finding[], settings: Settings): Finding[] {
  for (const f of findings) {
    const configured = configuredSeverity(f, settings);
    if (configured !== undefined && configured !== 'off') f.severity = configured;
  }
  return findings;
}

export function analyze(
  text: string,
  uri: string,
  kind: DocumentKind,
  settings: Settings,
  workspace?: WorkspaceView,
): Analysis {
  return analyzeModel(buildModel(text, uri, kind, settings), settings, workspace);
}

/** The fix of each finding a batch applies (see core/fix-loop.ts). */
export const preferredFixes = batchFixes;

/** Findings whose preferred fix is unsafe, so a safe-only batch leaves them (the CLI says how many). */
export function unsafeFixCount(findings: readonly Finding[]): number {
  return findings.filter((f) => f.fixes.some((x) => x.preferred && x.safety === 'unsafe')).length;
}

export interface FixAllResult {
  text: string;
  /** Passes that changed the text. */
  passes: number;
  applied: number;
  /** False when the pass limit ran out while fixes still applied (a rule bug: logged, text still valid). */
  converged: boolean;
  /** Set when a fix made the text parse worse (or threw): the text is then the original. */
  refused?: string;
}

/** The engine as the fix loop uses it. */
export const FIX_ENGINE: FixEngine = {
  analyze: (model, settings, index) => analyzeModel(model, settings, index),
  build: buildModel,
};

/**
 * One document through the one fix loop (core/fix-loop.ts), without a workspace: safe fixes (unsafe too
 * when asked), re-analysing after each pass, until nothing applies.
 */
export function fixAll(
  text: string,
  uri: string,
  kind: DocumentKind,
  settings: Settings,
  options: { unsafe?: boolean; workspace?: WorkspaceIndex } = {},
): FixAllResult {
  const model = modelOf(FIX_ENGINE, text, uri, kind, settings);
  const file: FixableFile = { uri, kind, settings, original: text, originalModel: model, text, model, applied: 0 };
  // With a workspace (a copy: the loop updates it), cross-file fixes see the other files as the CLI does.
  if (options.workspace && model) indexModel(options.workspace, uri, model);
  const loop = fixToFixedPoint(FIX_ENGINE, [file], options.workspace, options);
  const result: FixAllResult = {
    text: file.text,
    passes: loop.passes,
    applied: file.refused ? 0 : file.applied,
    converged: loop.converged,
  };
  if (file.refused) result.refused = file.refused.reason;
  return result;
}
