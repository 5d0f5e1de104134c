// Hover: the explain module's card for whatever is under the cursor, from the shared analysis.
import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisCache } from '../analysis-cache';
import { hoverAt } from '../core/explain';
import type { Settings } from '../core/settings';
import { toRange } from '../convert';
import type { Logger } from '../log';
import type { WorkspaceView } from '../core/workspace/view';

export function hover(params: HoverParams, doc: TextDocument, settings: Settings, cache: AnalysisCache, log: Logger, workspace?: WorkspaceView): Hover | null {
  const analysis = cache.get(doc, settings);
  if (!analysis) return null;
  try {
    const card = hoverAt(analysis.model, doc.offsetAt(params.position), workspace);
    if (!card) return null;
    return { contents: { kind: MarkupKind.Markdown, value: card.markdown }, range: toRange(doc, card.span) };
  } catch (err) {
    log.error(`hover in ${doc.uri} failed`, err);
    return null;
  }
}
