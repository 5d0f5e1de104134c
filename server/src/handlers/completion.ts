// Completion inside `RUN --mount=`: keys, `type`/`sharing` values, ids of the workspace and the
// tool's id, the tool's real cache directory as the target (core/editor/mount-completion.ts). With
// general Dockerfile support on, dockerfile-language-service's items are added after ours.
import {
  CompletionItemKind,
  MarkupKind,
  type CompletionItem,
  type CompletionParams,
  type Position,
  type Range,
} from 'vscode-languageserver';
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

/**
 * True inside a FROM image's tag (`FROM python:3.1|`), the one place where dockerfile-language-service
 * completes by asking Docker Hub for the image's tags. The server never uses the network (a linter that
 * phones out on a keystroke surprises, and fails offline), so no general completion is asked for there.
 * dockerfile-ast is loaded here, on first use: only general support needs it, and loading it with the
 * server cost every start several milliseconds.
 */
export async function inImageTag(text: string, position: Position): Promise<boolean> {
  const { DockerfileParser } = await import('dockerfile-ast');
  return DockerfileParser.parse(text)
    .getFROMs()
    .some((from) => contains(from.getImageTagRange(), position));
}

/** The library's own test for "in the tag area": both ends included. */
function contains(range: Range | null, p: Position): boolean {
  if (!range) return false;
  const afterStart = p.line > range.start.line || (p.line === range.start.line && p.character >= range.start.character);
  const beforeEnd = p.line < range.end.line || (p.line === range.end.line && p.character <= range.end.character);
  return afterStart && beforeEnd;
}

/** dockerfile-language-service's items (instructions, flags, directives), their documentation resolved; never image tags. */
export async function generalCompletions(
  params: CompletionParams,
  doc: TextDocument | undefined,
  service: DockerfileLanguageService | undefined,
): Promise<CompletionItem[]> {
  if (!service || !doc) return [];
  const text = doc.getText();
  if (await inImageTag(text, params.position)) return [];
  const items = await service.computeCompletionItems(text, params.position);
  return items.map((item) => service.resolveCompletionItem(item));
}

/** Ours first; theirs added unless one of ours has the same label (one item per thing). */
export function mergeCompletions(ours: CompletionItem[], theirs: CompletionItem[]): CompletionItem[] {
  const labels = new Set(ours.map((i) => i.label));
  return [...ours, ...theirs.filter((i) => !labels.has(i.label))];
}
