// Whether a fixed text still parses as well as the text before the fix. Fixes are meant never to
// break a file; when one does (a rule bug), the file is left as it was (--fix does not write it, fix-all changes nothing).
import type { AnyModel } from './model';

/** Parse problems the model met: JSON syntax errors of a devcontainer.json, notes of a Dockerfile model. */
function parseProblems(model: AnyModel): number {
  return model.kind === 'devcontainer' ? model.parseErrors.length + (model.root ? 0 : 1) : model.notes.length;
}

/** Why `after` is worse than `before`, or undefined when it parses at least as well. */
export function parseRegression(before: AnyModel | undefined, after: AnyModel | undefined): string | undefined {
  if (!after) return 'the fixed text could not be parsed';
  if (before && parseProblems(after) > parseProblems(before)) {
    return after.kind === 'devcontainer'
      ? 'the fixed text is not valid JSON(C)'
      : 'the fixed text has instructions that no longer parse';
  }
  return undefined;
}
