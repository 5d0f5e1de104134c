// Re-use of whole stages across model builds of the same document. The builder walks the instructions
// in order, and its state before a FROM depends only on the text before that FROM: the global ARGs
// and the stages already built (a stage reads its parent, always an earlier stage, and nothing after
// it). So when an edit leaves the text before a FROM unchanged, the next build starts at that FROM
// with the previous build's state there: the stages before it are the previous model's objects,
// unchanged and at the same offsets, and only the stages from the edited one on are built again.
//
// What is kept is the state at each FROM ("checkpoint"): how long each of the model's lists was and
// how many stages were built. Nothing of a finished stage changes after its stage ended (tests build
// every edit both ways and compare: test/unit/model/instruction-cache.test.ts).
import type { DockerfileModel } from './types';
import { commonPrefixLength } from '../text';

/** The builder's state before one FROM, as lengths of the lists the build appends to. */
export interface Checkpoint {
  /** Where the FROM starts: the text before it must be unchanged. */
  offset: number;
  /** Index of the FROM in the build's instruction list. */
  instructionIndex: number;
  instructions: number;
  globalArgs: number;
  stages: number;
  runs: number;
  mounts: number;
  notes: number;
}

/** A finished build, as the next build of the same document may resume it. */
export interface KeptBuild<State> {
  text: string;
  escapeChar: string;
  /** Settings the model depends on besides the text, compared by identity (equal when both empty). */
  imageRules: readonly unknown[];
  model: DockerfileModel;
  checkpoints: Checkpoint[];
  /** The builder's own state (its stages, the global scope), as of the end of the build. */
  state: State;
}

/** Documents whose last build is kept (the most recently built ones). */
const MAX_DOCUMENTS = 4;

const kept = new Map<string, KeptBuild<unknown>>();

export function keepBuild<State>(uri: string, build: KeptBuild<State>): void {
  kept.delete(uri);
  kept.set(uri, build);
  while (kept.size > MAX_DOCUMENTS) kept.delete(kept.keys().next().value as string);
}

export function forgetBuild(uri: string): void {
  kept.delete(uri);
}

/** Forgets every kept build (tests). */
export function clearKeptBuilds(): void {
  kept.clear();
}

/**
 * The previous build of `uri` and its last checkpoint whose text before it is unchanged in `text`;
 * undefined when there is none (another escape character or image settings, or the edit is before
 * the first FROM). `known`: the unchanged prefix, when already measured against some previous text.
 */
export function resumePoint<State>(
  uri: string,
  text: string,
  escapeChar: string,
  imageRules: readonly unknown[],
  known?: { previousText: string; unchangedBefore: number },
): { build: KeptBuild<State>; checkpoint: number } | undefined {
  const build = kept.get(uri) as KeptBuild<State> | undefined;
  if (!build || build.escapeChar !== escapeChar || !sameRules(build.imageRules, imageRules)) return undefined;
  // The instruction cache compared the same two texts already (the same string: one identity check).
  const unchanged =
    known && known.previousText === build.text ? known.unchangedBefore : commonPrefixLength(build.text, text);
  for (let i = build.checkpoints.length - 1; i >= 0; i--) {
    if (build.checkpoints[i]!.offset <= unchanged) return { build, checkpoint: i };
  }
  return undefined;
}

function sameRules(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a === b || (a.length === 0 && b.length === 0);
}
