// Hover: the why of any finding under the cursor, then the explain module's card for whatever is
// there, from the shared analysis.
import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisCache } from '../analysis-cache';
import { hoverAt } from '../core/explain';
import { findingCard, findingsAt } from '../core/explain/finding-card';
import type { Settings } from '../core/settings';
import { toRange } from '../convert';
import type { Logger } from '../log';
import type { WorkspaceView } from '../core/workspace/view';

export function hover(
  params: HoverParams,
  doc: TextDocument,
  settings: Settings,
  cache: AnalysisCache,
  log: Logger,
  workspace?: WorkspaceView,
): Hover | null {
  const analysis = cache.get(doc, settings);
  if (!analysis) return null;
  try {
    const offset = doc.offsetAt(params.position);
    const card = hoverAt(analysis.model, offset, workspace);
    const found = findingsAt(analysis.findings, offset);
    if (!card && !found.length) return null;
    const value = [found.length ? findingCard(found) : '', card?.markdown ?? ''].filter(Boolean).join('\n\n---\n\n');
    const span = card?.span ?? found[0]!.span;
    return { contents: { kind: MarkupKind.Markdown, value }, range: toRange(doc, span) };
  } catch (err) {
    log.error(`hover in ${doc.uri} failed`, err);
    return null;
  }
}
