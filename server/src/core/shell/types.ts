// RUN text as the shell will see it: simple commands made of words, with leading assignments.
import type { Span } from '../text';

export interface ShellWord {
  /** After quote removal; `$VAR` references are kept literally (not expanded). */
  value: string;
  /** As written, quotes included. */
  raw: string;
  span: Span;
  /** Where the whitespace before this word begins (= span.start when none): deleting
   *  [gapStart, span.end) removes the word cleanly. */
  gapStart?: number;
}

export interface ShellAssignment {
  name: string;
  value: string;
  span: Span;
  /** See ShellWord.gapStart. */
  gapStart?: number;
}

/** One simple command: `A=1 B=2 prog arg1 arg2`, delimited by ; && || | & newlines or ( ) { }. */
export interface SimpleCommand {
  assignments: ShellAssignment[];
  /** words[0] is the program, e.g. `uv`, `pip`, `python3` (for `python3 -m pip`). Empty when only assignments. */
  words: ShellWord[];
  /** The program's name without a leading path (`./gradlew` and `/usr/bin/pip` are `gradlew` and `pip`); '' when only assignments. */
  program: string;
  span: Span;
  /** The separator that preceded this command ('' for the first), e.g. '&&'. */
  after: string;
  /** True when the command came from a heredoc body. */
  inHeredoc: boolean;
}

export interface ShellScript {
  commands: SimpleCommand[];
  /** Exported variables in this script (`export X=1` or `X=1` alone) in order, for later commands. */
  exports: ShellAssignment[];
}
