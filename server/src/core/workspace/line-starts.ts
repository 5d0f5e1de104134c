// The line starts of an indexed file: what turns the offsets the workspace index keeps into the line/character
// ranges an editor needs, without the text (LineIndex holds the text). 4 bytes a line, shared by the
// file's mounts; ranges are made only when a rule or a handler asks for one.
import type { LineIndex, LineRange, Position, Span } from '../text';

export class LineStarts {
  private readonly starts: Int32Array;
  /** The text's length: offsets past it are clamped, as LineIndex does. */
  private readonly length: number;

  constructor(lines: LineIndex, length: number) {
    this.starts = new Int32Array(lines.lineCount);
    for (let line = 0; line < lines.lineCount; line++) this.starts[line] = lines.lineStart(line);
    this.length = length;
  }

  /**
   * The same position LineIndex.positionAt gives for the text, by the same search. Not shared with it: one function
   * over both a number[] and an Int32Array would make LineIndex's (hot in every analysis) polymorphic.
   */
  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.length));
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.starts[low]! };
  }

  rangeOf(span: Span): LineRange {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }
}
