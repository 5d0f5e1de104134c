// The CLI's workspace: every file one `check` run reads forms one view (folders walked and files
// named alike), the same WorkspaceIndex the language server fills, so cross-file findings (CM002
// across Dockerfiles, CM001's warning) match the editor's. Caches belong to the builder, not to one
// Dockerfile. The model and index helpers are the fix loop's (core/fix-loop.ts), so both agree.
import { FIX_ENGINE } from '../core/engine';
import type { AnyModel } from '../core/model';
import { modelOf as loopModelOf } from '../core/fix-loop';
import type { DocumentKind } from '../core/types';
import type { Settings } from '../core/settings';

export { indexModel } from '../core/fix-loop';

/** Builds the model of a text; undefined when the model builder throws (a bug: the file is then left out of the view). */
export function modelOf(text: string, uri: string, kind: DocumentKind, settings: Settings): AnyModel | undefined {
  return loopModelOf(FIX_ENGINE, text, uri, kind, settings);
}
