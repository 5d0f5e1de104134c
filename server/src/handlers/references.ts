// Find All References on a cache id: the `id=` value, or the target of a cache mount without `id=`
// (its implicit id). Every cache mount of the workspace whose effective id is the same, open
// documents at their current text, the others as last indexed.
import { Location, type ReferenceParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnyModel } from '../core/model';
import { cacheIdAt, referenceRange, type IdAtCursor } from '../core/editor/cache-ids';
import type { MountEntry } from '../core/workspace/mount-entry';
import type { WorkspaceIndexer } from '../workspace-indexer';

/** The id under the cursor of a Dockerfile, after the open documents' latest text is in the index. */
export function idUnderCursor(
  model: AnyModel | undefined,
  offset: number,
  indexer: WorkspaceIndexer,
  openDocs: readonly TextDocument[],
): IdAtCursor | undefined {
  if (!model || model.kind !== 'dockerfile') return undefined;
  const at = cacheIdAt(model, offset);
  if (!at) return undefined;
  for (const open of openDocs) indexer.indexOpenNow(open);
  return at;
}

/** Every mount using the id, in URI then line order. */
export function mountsUsing(indexer: WorkspaceIndexer, id: string): readonly MountEntry[] {
  return indexer.index.mountsWithId(id, '');
}

export function references(
  params: ReferenceParams,
  doc: TextDocument,
  model: AnyModel | undefined,
  indexer: WorkspaceIndexer,
  openDocs: readonly TextDocument[],
): Location[] {
  const at = idUnderCursor(model, doc.offsetAt(params.position), indexer, openDocs);
  if (!at) return [];
  return mountsUsing(indexer, at.id).map((e) => Location.create(e.uri, referenceRange(e)));
}
