// Document links in devcontainer.json: `build.dockerfile` (or the legacy `dockerFile`) opens the
// Dockerfile it names, resolved against the devcontainer.json's folder. Only a file that exists and lies
// inside a workspace folder gets a link: a broken link is worse than none, and a devcontainer.json must not
// be able to probe the user's machine (`"dockerfile": "../../../../etc/shadow"`).
import type { DocumentLink, DocumentLinkParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { toRange } from '../convert';
import type { AnyModel } from '../core/model';
import { resolveRelative } from '../core/workspace/uri';
import type { WorkspaceIndex } from '../core/workspace/workspace-index';

/** Is there a file at the URI? (Where the server cannot look, only indexed files count.) */
export type FileExists = (uri: string) => boolean;

export function documentLinks(
  _params: DocumentLinkParams,
  doc: TextDocument,
  model: AnyModel | undefined,
  index: WorkspaceIndex,
  inWorkspace: (uri: string) => boolean,
  exists: FileExists,
): DocumentLink[] {
  if (!model || model.kind !== 'devcontainer' || !model.dockerfile) return [];
  const target = resolveRelative(model.uri, model.dockerfile.path);
  if (!target || !(index.has(target) || (inWorkspace(target) && exists(target)))) return [];
  const span = model.dockerfile.span;
  // Inside the quotes of the JSON string.
  const inner = span.end - span.start >= 2 ? { start: span.start + 1, end: span.end - 1 } : span;
  return [{ range: toRange(doc, inner), target, tooltip: 'Open the Dockerfile this dev container builds' }];
}
