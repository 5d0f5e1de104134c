// Hover: the why of any finding under the cursor, then the explain module's card for whatever is
// there, from the shared analysis. With general Dockerfile support on, dockerfile-language-service's
// text (instructions, flags) comes after ours in the same hover.
import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DockerfileLanguageService } from 'dockerfile-language-service';
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

/** dockerfile-language-service's hover (the documentation of an instruction or a flag), or null. */
export function generalHover(
  params: HoverParams,
  doc: TextDocument | undefined,
  service: DockerfileLanguageService | undefined,
): Hover | null {
  return service && doc ? service.computeHover(doc.getText(), params.position) : null;
}

function markdownOf(contents: Hover['contents']): string {
  if (typeof contents === 'string') return contents;
  if (Array.isArray(contents)) return contents.map((c) => markdownOf(c)).join('\n\n');
  if ('kind' in contents) return contents.value;
  return `\`\`\`${contents.language}\n${contents.value}\n\`\`\``;
}

/** One hover: ours first, theirs after a rule; ours alone keeps its range. */
export function mergeHovers(ours: Hover | null, theirs: Hover | null): Hover | null {
  if (!ours || !theirs) return ours ?? theirs;
  const value = `${markdownOf(ours.contents)}\n\n---\n\n${markdownOf(theirs.contents)}`;
  return { contents: { kind: MarkupKind.Markdown, value }, ...(ours.range ? { range: ours.range } : {}) };
}
