// Turns scanned tokens into simple commands: leading assignments, program and arguments, the
// separator before each command, and the commands of heredoc bodies that the shell runs as a script.
import type { ShellAssignment, ShellScript, ShellWord, SimpleCommand } from './types';
import { decodeWord } from './decode';
import { type RawToken, scanShell } from './scanner';

export interface ParseShellOptions {
  escapeChar?: '\\' | '`';
  /** True for the command part of a RUN instruction (Docker's continuation rules apply). */
  dockerfile?: boolean;
  /** Marks every command found as coming from a heredoc body. */
  inHeredoc?: boolean;
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=/;
/** Reserved words that may precede a command; they are not programs. */
const PREFIX_WORDS = new Set([
  'if',
  'then',
  'else',
  'elif',
  'do',
  'while',
  'until',
  '!',
  'fi',
  'done',
  'esac',
  '{',
  '}',
]);
/** Compound headers whose words up to the next separator are not a command. */
const HEADER_WORDS = new Set(['for', 'case', 'select', 'function']);
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'busybox']);

export function parseShell(text: string, start: number, end: number, options: ParseShellOptions = {}): ShellScript {
  const tokens = scanShell(text, start, end, {
    escapeChar: options.escapeChar ?? '\\',
    dockerfile: options.dockerfile ?? false,
  });
  return new CommandBuilder(text, options).build(tokens);
}

interface Pending {
  assignments: ShellAssignment[];
  words: ShellWord[];
  start: number;
  end: number;
}

class CommandBuilder {
  private readonly commands: SimpleCommand[] = [];
  private readonly exports: ShellAssignment[] = [];
  private current: Pending | undefined;
  private after = '';
  private skipUntilSeparator = false;
  private skipNextWord = false;
  /** Heredoc bodies run as scripts, parsed once their line is complete. */
  private deferred: RawToken[] = [];

  constructor(
    private readonly text: string,
    private readonly options: ParseShellOptions,
  ) {}

  build(tokens: RawToken[]): ShellScript {
    for (const token of tokens) {
      switch (token.kind) {
        case 'word':
          this.word(token);
          break;
        case 'redirect':
          this.skipNextWord = true;
          this.extend(token);
          break;
        case 'heredoc':
          if (this.runsAsScript()) this.deferred.push(token);
          this.extend(token);
          break;
        case 'newline':
          this.finish(token.text);
          this.flushHeredocs();
          break;
        case 'op':
          this.finish(token.text);
          break;
      }
    }
    this.finish('');
    this.flushHeredocs();
    return { commands: this.commands, exports: this.exports };
  }

  private word(token: RawToken): void {
    if (this.skipNextWord) {
      this.skipNextWord = false;
      this.extend(token);
      return;
    }
    if (this.skipUntilSeparator) return;
    const empty = !this.current || (this.current.words.length === 0 && this.current.assignments.length === 0);
    if (empty && PREFIX_WORDS.has(token.text)) return;
    if (empty && HEADER_WORDS.has(token.text)) {
      this.skipUntilSeparator = true;
      return;
    }
    const pending = this.pending(token);
    pending.end = token.end;
    const value = decodeWord(token.text, token.expansions);
    const span = { start: token.start, end: token.end };
    const match = pending.words.length === 0 ? ASSIGNMENT.exec(token.text) : null;
    if (match) {
      const name = match[1]!;
      const rawValue = token.text.slice(name.length + 1);
      const shifted = token.expansions?.map(([a, b]) => [a - name.length - 1, b - name.length - 1] as [number, number]);
      pending.assignments.push({ name, value: decodeWord(rawValue, shifted), span, gapStart: token.gapStart });
      return;
    }
    pending.words.push({ value, raw: token.text, span, gapStart: token.gapStart });
  }

  private pending(token: RawToken): Pending {
    if (!this.current) this.current = { assignments: [], words: [], start: token.start, end: token.end };
    return this.current;
  }

  private extend(token: RawToken): void {
    if (this.current) this.current.end = token.end;
  }

  /** A heredoc is a script when it feeds a shell, or when the RUN is only `<<EOF` (Docker runs it). */
  private runsAsScript(): boolean {
    if (!this.options.dockerfile) return false;
    const words = this.current?.words ?? [];
    if (words.length === 0) return true;
    return SHELLS.has(programOf(words)) && !words.some((w) => w.value === '-c');
  }

  private finish(separator: string): void {
    const pending = this.current;
    this.current = undefined;
    this.skipUntilSeparator = false;
    this.skipNextWord = false;
    if (pending && (pending.words.length > 0 || pending.assignments.length > 0)) {
      const command: SimpleCommand = {
        assignments: pending.assignments,
        words: pending.words,
        program: programOf(pending.words),
        span: { start: pending.start, end: pending.end },
        after: this.after,
        inHeredoc: this.options.inHeredoc ?? false,
      };
      this.commands.push(command);
      this.collectExports(command);
    }
    this.after = separator;
  }

  private collectExports(command: SimpleCommand): void {
    if (command.words.length === 0) {
      this.exports.push(...command.assignments);
      return;
    }
    if (command.words[0]!.value !== 'export') return;
    for (const word of command.words.slice(1)) {
      const match = ASSIGNMENT.exec(word.value);
      if (!match) continue;
      const assignment: ShellAssignment = {
        name: match[1]!,
        value: word.value.slice(match[0].length),
        span: word.span,
      };
      if (word.gapStart !== undefined) assignment.gapStart = word.gapStart;
      this.exports.push(assignment);
    }
  }

  private flushHeredocs(): void {
    const bodies = this.deferred;
    this.deferred = [];
    for (const token of bodies) {
      const doc = token.heredoc!;
      const script = parseShell(this.text, doc.bodyStart, doc.bodyEnd, { inHeredoc: true });
      for (const command of script.commands) {
        if (this.commands.length > 0 && command.after === '') command.after = '\n';
        this.commands.push(command);
      }
      this.exports.push(...script.exports);
    }
  }
}

/** The program's name without a leading path. */
export function programOf(words: readonly ShellWord[]): string {
  const program = words[0]?.value ?? '';
  const slash = program.lastIndexOf('/');
  return slash < 0 ? program : program.slice(slash + 1);
}
