// Builds workspace indexes from in-memory files for the workspace unit tests.
import { buildModel } from '../../../server/src/core/engine';
import type { DocumentKind } from '../../../server/src/core/types';
import { summarize } from '../../../server/src/core/summarize';
import { WorkspaceIndex } from '../../../server/src/core/workspace/workspace-index';

export function indexOf(files: Record<string, string>): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const [uri, text] of Object.entries(files)) index.set(summarize(buildModel(text, uri, kindOf(uri))));
  return index;
}

function kindOf(uri: string): DocumentKind {
  return uri.endsWith('.json') ? 'devcontainer' : 'dockerfile';
}

export const UV_EXPLICIT = [
  'FROM python:3.12-slim',
  'RUN --mount=type=cache,id=uv-cache,target=/root/.cache/uv uv sync',
  '',
].join('\n');

export const UV_IMPLICIT = [
  'FROM python:3.12-slim',
  'ENV UV_LINK_MODE=copy',
  'RUN --mount=type=cache,target=/root/.cache/uv uv pip install --system flask',
  '',
].join('\n');
