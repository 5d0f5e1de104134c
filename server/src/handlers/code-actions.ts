// Code actions, rebuilt from the shared analysis of the document's current version:
// per finding, its fixes (quickfix) and "Ignore CMxxx for this line"; plus
// source.fixAll.dockerCacheMounts. Every edit is a versioned TextDocumentEdit, and actions for
// diagnostics of an older version are recomputed on the current text, never replayed.
import type { WorkspaceIndex } from '../core/workspace/workspace-index';
import { appliesInBatch } from '../core/fix';
import {
  CodeAction,
  CodeActionKind,
  TextDocumentEdit,
  TextEdit,
  type CodeActionParams,
  type Diagnostic,
  type Range,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../core/engine';
import { fixAll } from '../core/engine';
import type { Finding } from '../core/rules/rule';
import type { Settings } from '../core/settings';
import { ignoreCommentEdit } from '../core/suppression';
import { unusedIgnore } from '../core/rules/unused-ignore';
import {
  isDiagnosticData,
  minimalEdit,
  rangesTouch,
  sameRange,
  SOURCE,
  toDiagnostic,
  toRange,
  toTextEdit,
} from '../convert';
import { AnalysisCache } from '../analysis-cache';
import { withError, type Logger } from '../log';

const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.dockerCacheMounts`;
export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, FIX_ALL_KIND];

export interface CodeActionDeps {
  cache: AnalysisCache;
  log: Logger;
  /** The workspace index: fix-all runs against a copy of it, so cross-file fixes agree with the CLI's. */
  workspace?: WorkspaceIndex;
}

/** Does the request's `only` filter admit `kind`? (`source` admits `source.fixAll.x`.) */
export function wants(only: string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return true;
  return only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

export function codeActions(
  params: CodeActionParams,
  doc: TextDocument,
  settings: Settings,
  deps: CodeActionDeps,
): CodeAction[] {
  const analysis = deps.cache.get(doc, settings);
  if (!analysis) return [];
  const actions: CodeAction[] = [];
  const only = params.context.only;
  if (wants(only, CodeActionKind.QuickFix)) actions.push(...quickFixes(params, doc, analysis));
  // Fix-all re-analyses to a fixed point: only when asked for by kind (on save, "Source Action..."),
  // not on every cursor move's lightbulb request.
  const askedForFixAll = only !== undefined && only.length > 0 && wants(only, FIX_ALL_KIND);
  if (askedForFixAll && analysis.findings.some((f) => f.fixes.some((x) => appliesInBatch(x)))) {
    const action = fixAllAction(doc, settings, deps.log, deps.workspace);
    if (action) actions.push(action);
  }
  return actions;
}

interface Match {
  finding: Finding;
  /** The request's diagnostic when it belongs to this version; otherwise one made from the current finding. */
  diagnostic: Diagnostic;
}

/**
 * The current findings the request's diagnostics still refer to. A request that carries none of our
 * diagnostics gets the findings at its range: the editor can ask while it is replacing the diagnostics
 * it shows (seen in VS Code and code-server: a squiggle on screen, an empty context), and the user who
 * pressed Ctrl+. on a squiggle must still get its fixes.
 */
function matchFindings(params: CodeActionParams, doc: TextDocument, analysis: Analysis): Match[] {
  if (!params.context.diagnostics.some((d) => d.source === SOURCE)) {
    return analysis.findings
      .filter((f) => rangesTouch(toRange(doc, f.span), params.range))
      .map((f) => ({ finding: f, diagnostic: toDiagnostic(doc, f) }));
  }
  const matches: Match[] = [];
  const seen = new Set<Finding>();
  const ranges = new Map<Finding, Range>();
  const rangeOf = (f: Finding): Range => {
    let r = ranges.get(f);
    if (!r) ranges.set(f, (r = toRange(doc, f.span)));
    return r;
  };
  for (const d of params.context.diagnostics) {
    if (d.source !== SOURCE || typeof d.code !== 'string') continue;
    const current = isDiagnosticData(d.data) && d.data.version === doc.version;
    for (const f of analysis.findings) {
      if (f.code !== d.code || seen.has(f)) continue;
      // Current version: the exact diagnostic. Older (or unknown) version: a finding of the same rule
      // that still exists where the user asked.
      const hit = current ? sameRange(rangeOf(f), d.range) : rangesTouch(rangeOf(f), params.range);
      if (!hit) continue;
      seen.add(f);
      matches.push({ finding: f, diagnostic: current ? d : toDiagnostic(doc, f) });
    }
  }
  return matches;
}

function quickFixes(params: CodeActionParams, doc: TextDocument, analysis: Analysis): CodeAction[] {
  const fixes: CodeAction[] = [];
  const ignores: CodeAction[] = [];
  const ignoreKeys = new Set<string>();
  for (const { finding, diagnostic } of matchFindings(params, doc, analysis)) {
    for (const fix of finding.fixes) {
      const action = CodeAction.create(
        fix.title,
        versionedEdit(
          doc,
          fix.edits.map((e) => toTextEdit(doc, e)),
        ),
        CodeActionKind.QuickFix,
      );
      action.diagnostics = [diagnostic];
      // isPreferred (what "auto fix" and fix-all pick) only for a safe fix; unsafe ones stay explicit choices.
      if (fix.preferred && fix.safety === 'safe') action.isPreferred = true;
      fixes.push(action);
    }
    // An unused ignore comment is removed, not ignored in turn.
    if (finding.code === unusedIgnore.meta.code) continue;
    const ignore = ignoreCommentEdit(analysis.model, finding.code, finding.span);
    const key = `${finding.code}@${ignore.offset}`;
    if (ignoreKeys.has(key)) continue;
    ignoreKeys.add(key);
    const position = doc.positionAt(ignore.offset);
    const action = CodeAction.create(
      `Ignore ${finding.code} for this line`,
      versionedEdit(doc, [TextEdit.insert(position, ignore.text)]),
      CodeActionKind.QuickFix,
    );
    action.diagnostics = [diagnostic];
    ignores.push(action);
  }
  // Fixes first, then the ignore comments (the vscode-eslint order).
  return [...fixes, ...ignores];
}

function fixAllAction(
  doc: TextDocument,
  settings: Settings,
  log: Logger,
  workspace: WorkspaceIndex | undefined,
): CodeAction | undefined {
  const kind = AnalysisCache.kindOf(doc);
  if (!kind) return undefined;
  const text = doc.getText();
  try {
    const result = fixAll(text, doc.uri, kind, settings, workspace ? { workspace: workspace.copy() } : {});
    if (!result.converged) log.warn(`fix-all for ${doc.uri} did not converge after ${result.passes} passes`);
    if (result.refused) log.warn(`fix-all for ${doc.uri} left the text as it was: ${result.refused.split('\n')[0]}`);
    const edit = minimalEdit(doc, text, result.text);
    if (!edit) return undefined;
    return CodeAction.create('Fix all cache-mount problems', versionedEdit(doc, [edit]), FIX_ALL_KIND);
  } catch (err) {
    log.error(withError(`fix-all for ${doc.uri} failed`, err));
    return undefined;
  }
}

function versionedEdit(doc: TextDocument, edits: TextEdit[]): WorkspaceEdit {
  return { documentChanges: [TextDocumentEdit.create({ uri: doc.uri, version: doc.version }, edits)] };
}
