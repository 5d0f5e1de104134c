// Completion inside `RUN --mount=`: keys, `type`/`sharing` values, ids of the workspace and the
// tool's id, the tool's real cache directory as the target (core/editor/mount-completion.ts). With
// general Dockerfile support on, dockerfile-language-service's items are added after ours.
import { CompletionItemKind, MarkupKind, type CompletionItem, type CompletionParams } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DockerfileLanguageService } from 'dockerfile-language-service';
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

/** How long image tag completion (dockerfile-language-service asks Docker Hub) may take before it is left out. */
const GENERAL_COMPLETION_TIMEOUT_MS = 2000;

/** dockerfile-language-service's items (instructions, flags, directives, image tags), their documentation resolved. */
export async function generalCompletions(
  params: CompletionParams,
  doc: TextDocument | undefined,
  service: DockerfileLanguageService | undefined,
): Promise<CompletionItem[]> {
  if (!service || !doc) return [];
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CompletionItem[]>((resolve) => {
    timer = setTimeout(() => resolve([]), GENERAL_COMPLETION_TIMEOUT_MS);
  });
  try {
    const items = await Promise.race([service.computeCompletionItems(doc.getText(), params.position), timeout]);
    return items.map((item) => service.resolveCompletionItem(item));
  } finally {
    clearTimeout(timer);
  }
}

/** Ours first; theirs added unless one of ours has the same label (one item per thing). */
export function mergeCompletions(ours: CompletionItem[], theirs: CompletionItem[]): CompletionItem[] {
  const labels = new Set(ours.map((i) => i.label));
  return [...ours, ...theirs.filter((i) => !labels.has(i.label))];
}
