// Completion inside `RUN --mount=`: keys, `type`/`sharing` values, ids of the workspace and the
// tool's id, the tool's real cache directory as the target (core/editor/mount-completion.ts).
import { CompletionItemKind, MarkupKind, type CompletionItem, type CompletionParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { toRange } from '../convert';
import type { AnyModel } from '../core/model';
import type { Settings } from '../core/settings';
import { mountCompletions } from '../core/editor/mount-completion';
import type { WorkspaceIndex } from '../core/workspace/workspace-index';

export const COMPLETION_TRIGGERS = ['=', ','];

export function completion(
  params: CompletionParams,
  doc: TextDocument,
  model: AnyModel | undefined,
  settings: Settings,
  index: WorkspaceIndex,
): CompletionItem[] {
  if (!model || model.kind !== 'dockerfile') return [];
  const ownIds = model.mounts.flatMap((m) =>
    m.cacheKey?.explicit && m.cacheKey.id.known ? [m.cacheKey.id.value] : [],
  );
  const knownIds = [...new Set([...ownIds, ...index.knownIds()])];
  return mountCompletions(model, doc.offsetAt(params.position), { settings, knownIds }).map((c) => {
    const item: CompletionItem = {
      label: c.label,
      kind: c.kind === 'key' ? CompletionItemKind.Property : CompletionItemKind.Value,
      textEdit: { range: toRange(doc, c.replace), newText: c.insertText },
      sortText: String(c.rank).padStart(4, '0'),
    };
    if (c.detail) item.detail = c.detail;
    if (c.documentation) item.documentation = { kind: MarkupKind.Markdown, value: c.documentation };
    return item;
  });
}
