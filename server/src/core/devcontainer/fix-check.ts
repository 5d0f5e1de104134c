// A devcontainer fix is offered only when it is sound: disjoint edits inside `scope`, and the scope's
// text after the edits has no more JSONC parse errors than before. Scoping keeps the check cheap.
import { parseTree, type ParseError } from 'jsonc-parser';
import { applyEdits, editsAreDisjoint, type Fix, type TextEdit } from '../fix';
import type { Span } from '../text';
import type { DevcontainerModel } from './types';

function parseErrorCount(text: string): number {
  const errors: ParseError[] = [];
  parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  return errors.length;
}

export function checkedJsonFix(
  model: DevcontainerModel,
  title: string,
  edits: TextEdit[] | undefined,
  opts: { safety: Fix['safety']; preferred?: boolean; scope?: Span },
): Fix | undefined {
  if (!edits || edits.length === 0 || !editsAreDisjoint(edits)) return undefined;
  const scope = opts.scope ?? { start: 0, end: model.text.length };
  if (edits.some((e) => e.span.start < scope.start || e.span.end > scope.end)) return undefined;
  const before = model.text.slice(scope.start, scope.end);
  let after: string;
  try {
    after = applyEdits(
      before,
      edits.map((e) => ({
        span: { start: e.span.start - scope.start, end: e.span.end - scope.start },
        newText: e.newText,
      })),
    );
  } catch {
    return undefined;
  }
  if (after === before || parseErrorCount(after) > parseErrorCount(before)) return undefined;
  return { title, preferred: opts.preferred ?? false, safety: opts.safety, edits };
}
