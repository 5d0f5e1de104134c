// Rename a cache id across the workspace. Explicit ids get the new value; a mount using the id
// implicitly (no `id=`, its target is the id) gets `id=<new>` inserted after `type=cache`, so its
// target, where the tool writes, never moves. Refused with a clear message for an invalid new id or
// for an id written with quotes, escapes or variables. Files that are not open are re-read right
// before the edit is computed, so a stale index never yields a wrong edit.
import {
  ErrorCodes,
  ResponseError,
  TextDocumentEdit,
  TextEdit,
  type PrepareRenameParams,
  type Range,
  type RenameParams,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { toRange } from '../convert';
import type { AnyModel } from '../core/model';
import { buildModel } from '../core/engine';
import { idEdit, invalidIdReason, mountsUsingId } from '../core/editor/cache-ids';
import type { MountEntry } from '../core/workspace/mount-entry';
import { relativeLabel, uriKey } from '../core/workspace/uri';
import type { WorkspaceIndexer } from '../workspace-indexer';
import { idUnderCursor, mountsUsing } from './references';

const NOT_AN_ID =
  'Rename works on a cache id: put the cursor on an `id=` value, or on the target of a `type=cache` mount without `id=`.';

export function prepareRename(
  params: PrepareRenameParams,
  doc: TextDocument,
  model: AnyModel | undefined,
  indexer: WorkspaceIndexer,
  openDocs: readonly TextDocument[],
): { range: Range; placeholder: string } {
  const at = idUnderCursor(model, doc.offsetAt(params.position), indexer, openDocs);
  if (!at) throw new ResponseError(ErrorCodes.InvalidRequest, NOT_AN_ID);
  return { range: toRange(doc, at.span), placeholder: at.id };
}

/** Reads a file that is not open, now (undefined: unreadable, or this server cannot read files). */
export type ReadText = (uri: string) => string | undefined;

/** The file's mounts using the id, from disk now (a file that is not open). */
function freshFromDisk(uri: string, id: string, readText: ReadText): MountEntry[] | undefined {
  try {
    const text = readText(uri);
    if (text === undefined) return undefined;
    const model = buildModel(text, uri, 'dockerfile');
    return model.kind === 'dockerfile' ? mountsUsingId(model, id) : undefined;
  } catch {
    return undefined;
  }
}

export function rename(
  params: RenameParams,
  doc: TextDocument,
  model: AnyModel | undefined,
  indexer: WorkspaceIndexer,
  openDocs: readonly TextDocument[],
  documentChanges: boolean,
  readText: ReadText,
): WorkspaceEdit {
  const at = idUnderCursor(model, doc.offsetAt(params.position), indexer, openDocs);
  if (!at) throw new ResponseError(ErrorCodes.InvalidRequest, NOT_AN_ID);
  const newId = params.newName;
  const invalid = invalidIdReason(newId);
  if (invalid) throw new ResponseError(ErrorCodes.InvalidParams, `Cannot rename the cache id: ${invalid}.`);
  const byFile = new Map<string, MountEntry[]>();
  for (const e of mountsUsing(indexer, at.id)) {
    const list = byFile.get(e.uri);
    if (list) list.push(e);
    else byFile.set(e.uri, [e]);
  }
  const open = new Map(openDocs.map((d) => [uriKey(d.uri), d]));
  const edits: { uri: string; version: number | null; edits: TextEdit[] }[] = [];
  for (const [uri, indexed] of byFile) {
    const opened = open.get(uriKey(uri));
    const entries = opened ? indexed : (freshFromDisk(uri, at.id, readText) ?? indexed);
    const fileEdits: TextEdit[] = [];
    for (const e of entries) {
      const label = `${relativeLabel(doc.uri, e.uri)} line ${e.line}`;
      const edit = idEdit(e, newId, label);
      if ('error' in edit)
        throw new ResponseError(ErrorCodes.InvalidRequest, `Cannot rename the cache id '${at.id}': ${edit.error}.`);
      fileEdits.push(TextEdit.replace(edit.range, edit.newText));
    }
    if (fileEdits.length > 0)
      edits.push({ uri: opened?.uri ?? uri, version: opened ? opened.version : null, edits: fileEdits });
  }
  if (documentChanges) {
    return { documentChanges: edits.map((e) => TextDocumentEdit.create({ uri: e.uri, version: e.version }, e.edits)) };
  }
  const changes: Record<string, TextEdit[]> = {};
  for (const e of edits) changes[e.uri] = e.edits;
  return { changes };
}
