// What rules and hover cards may read of the workspace: the cache mounts of the OTHER files (the
// document being analysed is always read from its own, current model) and the devcontainer ->
// Dockerfile links. Answers come from the index as it is now: possibly partial while indexing.
import type { FileSummary } from './summary';
import type { MountEntry } from './mount-entry';

/** Some of many mounts: how many, and the first ones in workspace order (no copy of the rest is made). */
export interface MountSelection {
  readonly count: number;
  first(n: number): MountEntry[];
}

/** The selection of no mount. */
export const NO_MOUNTS: MountSelection = { count: 0, first: () => [] };

export interface WorkspaceView {
  /** Cache mounts serving the tool (CM002's grouping), in files other than `exceptUri`, by URI then line. */
  mountsOfTool(toolId: string, exceptUri: string): readonly MountEntry[];
  /**
   * The cache mounts of `mountsOfTool` that `keep` accepts. `keep` must depend only on `question`, a string
   * that names it unambiguously (a name and the values it compares with: rules' questionOf): the answer is kept per question until the tool's mounts change, so every open document
   * asking the same question (all of a tool's mounts under another key than `id=uv-cache`) is answered once.
   */
  mountsOfToolWhere(
    toolId: string,
    exceptUri: string,
    question: string,
    keep: (entry: MountEntry) => boolean,
  ): MountSelection;
  /** Cache mounts whose (known, expanded) id is `id`, in files other than `exceptUri`. */
  mountsWithId(id: string, exceptUri: string): readonly MountEntry[];
  /** Cache mounts whose absolute target is `path`, in files other than `exceptUri`. */
  mountsWithTargetPath(path: string, exceptUri: string): readonly MountEntry[];
  /** The summary of a file, if indexed. */
  file(uri: string): FileSummary | undefined;
  /** The devcontainer.json files whose build.dockerfile is this Dockerfile. */
  devcontainersOf(dockerfileUri: string): readonly FileSummary[];
}
