// Inserting a new instruction before an existing one. The new lines go above the comment block that
// sits directly on top of the instruction, so that comment (a description, or a
// `# cache-mounts-ignore` line that must stay right before its instruction) keeps its instruction.
import { insertAt, type TextEdit } from '../../fix';
import type { DockerfileModel } from '../../dockerfile/types';

/** Offset of the start of the comment block directly above 0-based `line` (or of `line` itself). */
function offsetBeforeInstruction(model: DockerfileModel, line: number): number {
  const commentLines = new Set(model.comments.map((c) => c.line));
  let first = line;
  while (first > 0 && commentLines.has(first - 1)) first--;
  return model.lines.lineStart(first);
}

/** Inserts `lines` (without line endings) as whole lines before the instruction starting on `line`. */
export function insertLinesBefore(model: DockerfileModel, line: number, lines: string[]): TextEdit {
  return insertAt(offsetBeforeInstruction(model, line), lines.map((l) => l + model.eol).join(''));
}
