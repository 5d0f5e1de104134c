// The CLI's workspace: every file one `check` run reads forms one view (folders walked and files
// named alike), the same WorkspaceIndex the language server fills, so cross-file findings (CM002
// across Dockerfiles, CM001's warning) match the editor's. Caches belong to the builder, not to one
// Dockerfile (research §1.6).
import { buildModel, type AnyModel } from '../core/engine';
import type { DocumentKind } from '../core/rules/rule';
import type { Settings } from '../core/settings';
import { summarize } from '../core/workspace/summary';
import { WorkspaceIndex } from '../core/workspace/workspace-index';

/** Builds the model of a text; undefined when the model builder throws (a bug: the file is then left out of the view). */
export function modelOf(text: string, uri: string, kind: DocumentKind, settings: Settings): AnyModel | undefined {
  try {
    return buildModel(text, uri, kind, settings);
  } catch {
    return undefined;
  }
}

/** Puts a file's summary into the index (or removes the file when it has no model). Never throws. */
export function indexModel(index: WorkspaceIndex, uri: string, model: AnyModel | undefined): void {
  try {
    if (model) index.set(summarize(model));
    else index.delete(uri);
  } catch {
    index.delete(uri);
  }
}
