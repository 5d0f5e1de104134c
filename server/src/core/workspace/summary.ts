// What the workspace index keeps of one file: the cache mounts of a Dockerfile with their keys and
// the ranges an editor needs (so a file that is not open needs no text to be linked, listed or
// renamed), and a devcontainer.json's build links. Small on purpose: thousands of files stay cheap
// (workspace/mount-entry.ts says how a mount is kept).
// core/summarize.ts makes a summary from a model (it asks the rules which mounts count).
import type { DocumentKind } from '../types';
import type { Located, MountEntry } from './mount-entry';

export interface DevcontainerLink {
  /** As written in build.dockerfile (or the legacy dockerFile). */
  path: string;
  /** The JSON string (quotes included). */
  at: Located;
  /** The Dockerfile's URI; undefined when the path cannot be resolved (variables, not a file URI). */
  uri?: string;
}

export interface FileSummary {
  uri: string;
  kind: DocumentKind;
  /** The open document's version, or undefined when read from disk. */
  version?: number;
  mounts: MountEntry[];
  dockerfile?: DevcontainerLink;
  /** build.context resolved against the devcontainer.json's folder (default `.`, docs/semantics.md#devcontainer-mounts). */
  contextUri?: string;
  /**
   * Dockerfiles: the ENV each stage ends with (the image a dev container runs), by stage: the stage name
   * (lowercase) or its index. A value is null when it is not known (a variable of an unknown image); a name
   * absent from `env` is unset only when `envComplete` (the root image's ENV is known).
   */
  stageEnvs?: { name?: string; env: Record<string, string | null>; envComplete: boolean }[];
}

/** The ENV a built stage leaves in its image (a devcontainer.json's `build.target`, else the last stage). */
export function stageEnvOf(
  summary: FileSummary,
  target?: string,
): { env: Record<string, string | null>; envComplete: boolean } | undefined {
  const stages = summary.stageEnvs ?? [];
  if (target !== undefined) return stages.find((s) => s.name === target.toLowerCase());
  return stages[stages.length - 1];
}
