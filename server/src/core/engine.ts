// The one entry point every front end uses: text in, model and findings out; and fix-all.
import { batchFixes, fixToFixedPoint, indexModel, modelOf, type FixableFile, type FixEngine } from './fix-loop';
import type { WorkspaceIndex } from './workspace/workspace-index';
import { buildDockerfileModel } from './dockerfile/model';
import { buildDevcontainerModel } from './devcontainer/model';
import type { AnyModel } from './model';
import { allRules, DOCKERFILE_RULES, DEVCONTAINER_RULES, resolveRule } from './rules';
import type { DocumentKind } from './types';
import {
  renderMessage,
  type DockerfileRule,
  type Finding,
  type Report,
  type Rule,
  type RuleContext,
  type RuleMeta,
} from './rules/rule';
import type { Settings } from './settings';
import type { WorkspaceView } from './workspace/view';
import { SuppressionIndex } from './suppression';
import { unusedIgnore, unusedIgnoreReports } from './rules/dockerfile/unused-ignore';
import { markRejectedMounts } from './rules/dockerfile/rejected-mounts';

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

export function rulesFor(kind: DocumentKind): readonly Rule[] {
  return kind === 'dockerfile' ? DOCKERFILE_RULES : DEVCONTAINER_RULES;
}

function configuredSeverity(meta: RuleMeta, settings: Settings): Finding['severity'] | 'off' | undefined {
  return settings.rules[meta.code] ?? settings.rules[meta.name];
}

function isDockerfileRule(rule: Rule): rule is DockerfileRule {
  return rule.meta.kind === 'dockerfile';
}

function runRule(rule: Rule, model: AnyModel, ctx: RuleContext): void {
  if (isDockerfileRule(rule)) {
    if (model.kind === 'dockerfile') rule.check(model, ctx);
  } else if (model.kind === 'devcontainer') {
    rule.check(model, ctx);
  }
}

function toFindings(
  meta: RuleMeta,
  override: Finding['severity'] | undefined,
  reports: readonly Report[],
  index: SuppressionIndex,
): Finding[] {
  const findings: Finding[] = [];
  for (const r of reports) {
    if (index.isSuppressed(meta.code, r.span)) continue;
    findings.push({
      code: meta.code,
      name: meta.name,
      severity: override ?? r.severity ?? meta.defaultSeverity,
      span: r.span,
      messageId: r.messageId,
      data: r.data ?? {},
      message: renderMessage(meta, r.messageId, r.data),
      detail: r.detail ?? '',
      fixes: r.fixes ?? [],
      related: r.related ?? [],
    });
  }
  return findings;
}

export function analyzeModel(model: AnyModel, settings: Settings, workspace?: WorkspaceView): Analysis {
  const findings: Finding[] = [];
  const errors: string[] = [];
  if (model.kind === 'dockerfile') markRejectedMounts(model);
  // Built once per analysis: each finding's suppression check is then a map lookup, not a scan.
  const index = SuppressionIndex.build(model, resolveRule);
  const cannotJudge = new Set<string>();
  for (const rule of rulesFor(model.kind)) {
    if (rule === unusedIgnore) continue; // reported below, once the other rules' findings are known
    const override = configuredSeverity(rule.meta, settings);
    if (override === 'off') {
      cannotJudge.add(rule.meta.code);
      continue;
    }
    const reports: Report[] = [];
    const ctx: RuleContext = { settings, report: (r: Report) => reports.push(r), ...(workspace ? { workspace } : {}) };
    try {
      runRule(rule, model, ctx);
      // Rendering is part of the rule's work: a template without its data fails this rule only.
      findings.push(...toFindings(rule.meta, override, reports, index));
    } catch (err) {
      cannotJudge.add(rule.meta.code);
      errors.push(
        `${rule.meta.code} ${rule.meta.name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      );
    }
  }
  const unusedOverride = configuredSeverity(unusedIgnore.meta, settings);
  if (unusedOverride !== 'off' && index.comments.length > 0) {
    const isOff = (code: string): boolean => {
      const rule = allRules().find((r) => r.meta.code === code);
      return cannotJudge.has(code) || (rule !== undefined && configuredSeverity(rule.meta, settings) === 'off');
    };
    try {
      findings.push(
        ...toFindings(
          unusedIgnore.meta,
          unusedOverride,
          unusedIgnoreReports(index, { kind: model.kind, cannotJudge: isOff }),
          index,
        ),
      );
    } catch (err) {
      errors.push(
        `${unusedIgnore.meta.code} ${unusedIgnore.meta.name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      );
    }
  }
  findings.sort((a, b) => a.span.start - b.span.start || a.code.localeCompare(b.code));
  return { model, findings, errors };
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
