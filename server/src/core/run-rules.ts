// Stage 1 of an analysis (engine.ts): every rule of the document's kind reads the model and reports; each
// report becomes a finding with its rendered message and the rule's own severity. Suppression and the
// severities from settings come later, once, over all findings.
import { DEVCONTAINER_RULES, DOCKERFILE_RULES } from './rules';
import {
  renderMessage,
  type DockerfileRule,
  type Finding,
  type Report,
  type Rule,
  type RuleContext,
  type RuleMeta,
} from './rules/rule';
import type { AnyModel } from './model';
import type { Settings } from './settings';
import type { DocumentKind } from './types';
import type { WorkspaceView } from './workspace/view';

export interface RuleRun {
  findings: Finding[];
  /** Codes of the rules that did not judge this document: turned off in the settings, or failed. */
  notRun: Set<string>;
  /** Rules that threw: the finding set is partial. */
  errors: string[];
}

function rulesFor(kind: DocumentKind): readonly Rule[] {
  return kind === 'dockerfile' ? DOCKERFILE_RULES : DEVCONTAINER_RULES;
}

/** The severity the settings give a rule (by code or name), or 'off'; undefined keeps the rule's own. */
export function configuredSeverity(
  rule: Pick<RuleMeta, 'code' | 'name'>,
  settings: Settings,
): Finding['severity'] | 'off' | undefined {
  return settings.rules[rule.code] ?? settings.rules[rule.name];
}

export function runRules(model: AnyModel, settings: Settings, workspace?: WorkspaceView): RuleRun {
  const run: RuleRun = { findings: [], notRun: new Set(), errors: [] };
  for (const rule of rulesFor(model.kind)) {
    if (configuredSeverity(rule.meta, settings) === 'off') {
      run.notRun.add(rule.meta.code);
      continue;
    }
    const reports: Report[] = [];
    const ctx: RuleContext = { settings, report: (r: Report) => reports.push(r), ...(workspace ? { workspace } : {}) };
    try {
      checkWith(rule, model, ctx);
      // Rendering is part of the rule's work: a template without its data fails this rule only.
      run.findings.push(...reports.map((r) => toFinding(rule.meta, r)));
    } catch (err) {
      run.notRun.add(rule.meta.code);
      run.errors.push(failure(rule.meta, err));
    }
  }
  return run;
}

/** A report as a finding: code, name, rendered message; the severity the rule gives it. */
export function toFinding(meta: RuleMeta, r: Report): Finding {
  return {
    code: meta.code,
    name: meta.name,
    severity: r.severity ?? meta.defaultSeverity,
    span: r.span,
    messageId: r.messageId,
    data: r.data ?? {},
    message: renderMessage(meta, r.messageId, r.data),
    detail: r.detail ?? '',
    fixes: r.fixes ?? [],
    related: r.related ?? [],
  };
}

export function failure(meta: RuleMeta, err: unknown): string {
  return `${meta.code} ${meta.name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`;
}

function isDockerfileRule(rule: Rule): rule is DockerfileRule {
  return rule.meta.kind === 'dockerfile';
}

function checkWith(rule: Rule, model: AnyModel, ctx: RuleContext): void {
  if (isDockerfileRule(rule)) {
    if (model.kind === 'dockerfile') rule.check(model, ctx);
  } else if (model.kind === 'devcontainer') {
    rule.check(model, ctx);
  }
}
