// Finds the raw words, operators and heredoc bodies of shell text, with exact document offsets.
// Quote removal is done elsewhere (decode.ts); this scanner only decides where tokens begin and end.
//
// Two modes:
// - dockerfile: the command part of a RUN instruction. Docker removes `<escape><newline>` (trailing
//   blanks allowed) and the comment and empty lines that follow it before the shell sees the text
//   (docs/semantics.md#escape-and-heredocs), so those are invisible here. The first real newline ends the instruction line;
//   heredoc bodies follow it.
// - shell: a heredoc body run as a script: only the shell's own `\<newline>` continuation applies.
import { continuationEnd } from '../buildkit/line-continuation';

type TokenKind = 'word' | 'op' | 'newline' | 'redirect' | 'heredoc';

interface HeredocBody {
  delimiter: string;
  stripTabs: boolean;
  quoted: boolean;
  /** The body text: from the line after the operator's line up to the delimiter line. */
  bodyStart: number;
  bodyEnd: number;
  closed: boolean;
}

export interface RawToken {
  kind: TokenKind;
  /** Logical text (continuations removed); for operators the operator itself. */
  text: string;
  start: number;
  end: number;
  /** Where the blanks before this token begin. */
  gapStart: number;
  /** Ranges in `text` of $NAME, ${...}, $(...) and `...` outside single quotes. */
  expansions?: [number, number][];
  /** True when the word contains quotes or backslashes (needs quote removal). */
  quoted?: boolean;
  heredoc?: HeredocBody;
}

export interface ScanOptions {
  escapeChar: '\\' | '`';
  dockerfile: boolean;
  /** Dockerfile arguments (flags, ENV, ARG, FROM): only blanks separate words; no operators,
   *  comments or heredocs. */
  plainWords?: boolean;
  /** Stop after the first word that does not start with `--` (reading an instruction's flags). */
  flagsOnly?: boolean;
}

const specialTables = new Map<string, Uint8Array>();

/** Per char code below 128: 1 when the character needs special handling inside a word. */
function specialTable(escapeChar: string, plain: boolean): Uint8Array {
  const key = escapeChar + (plain ? 'p' : 's');
  let table = specialTables.get(key);
  if (!table) {
    table = new Uint8Array(128);
    for (const c of [' ', '\t', '\n', '\r', "'", '"', '\\', '$', '`', escapeChar]) table[c.charCodeAt(0)] = 1;
    if (!plain) for (const c of OPERATOR_CHARS) table[c.charCodeAt(0)] = 1;
    specialTables.set(key, table);
  }
  return table;
}

const OPERATOR_CHARS = new Set([';', '&', '|', '(', ')', '<', '>']);
const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
const SPECIAL_PARAMS = new Set(['@', '*', '#', '?', '-', '$', '!', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);

export function scanShell(text: string, start: number, end: number, opts: ScanOptions): RawToken[] {
  return new Scanner(text, Math.max(0, start), Math.min(end, text.length), opts).run();
}

class Scanner {
  private readonly tokens: RawToken[] = [];
  private pending: RawToken[] = [];
  private readonly plain: boolean;
  private readonly escapeCode: number;
  /** Per char code: true when the character needs no special handling inside a word. */
  private readonly special: Uint8Array;

  constructor(
    private readonly text: string,
    private readonly start: number,
    private readonly end: number,
    private readonly opts: ScanOptions,
  ) {
    this.plain = opts.plainWords ?? false;
    this.escapeCode = opts.escapeChar.charCodeAt(0);
    this.special = specialTable(opts.escapeChar, this.plain);
  }

  private ordinary(code: number): boolean {
    return code >= 128 || this.special[code] === 0;
  }

  run(): RawToken[] {
    const { text, end } = this;
    let i = this.start;
    let gapStart = i;
    while (true) {
      i = this.skipBlanks(i);
      if (i >= end) break;
      const c = text[i]!;
      if (c === '\n') {
        this.tokens.push({ kind: 'newline', text: '\n', start: i, end: i + 1, gapStart });
        i++;
        if (this.pending.length > 0) i = this.readBodies(i);
        gapStart = i;
        continue;
      }
      if (c === '#' && !this.plain) {
        i = this.skipComment(i);
        continue;
      }
      if (!this.plain && (OPERATOR_CHARS.has(c) || (c === '&' && text[i + 1] === '>'))) {
        i = this.readOperator(i, i, gapStart);
        gapStart = i;
        continue;
      }
      const word = this.readWord(i);
      // `2>&1`, `1>/dev/null`: digits glued to a redirection are its fd, not a word.
      if (!this.plain && /^\d+$/.test(word.text) && (text[word.end] === '<' || text[word.end] === '>')) {
        i = this.readOperator(word.end, i, gapStart);
        gapStart = i;
        continue;
      }
      this.tokens.push({ kind: 'word', gapStart, ...word });
      if (this.opts.flagsOnly && (!word.text.startsWith('--') || word.text === '--')) break;
      i = word.end;
      gapStart = i;
    }
    return this.tokens;
  }

  /** Index after a continuation starting at j, or -1 when there is none. */
  private continuationAt(j: number): number {
    const { text, end } = this;
    if (this.opts.dockerfile) return text[j] === this.opts.escapeChar ? continuationEnd(text, j, end) : -1;
    // A heredoc body is a script: only the shell's own `\<newline>`.
    if (text[j] !== '\\') return -1;
    if (text[j + 1] === '\n') return j + 2;
    if (text[j + 1] === '\r' && text[j + 2] === '\n') return j + 3;
    return -1;
  }

  /** Skips any continuations at j. */
  private norm(j: number): number {
    while (j < this.end) {
      const c = this.continuationAt(j);
      if (c < 0) return j;
      j = c;
    }
    return j;
  }

  private skipBlanks(i: number): number {
    const { text } = this;
    while (true) {
      i = this.norm(i);
      if (i >= this.end) return i;
      const c = text[i];
      if (c === ' ' || c === '\t' || c === '\r') i++;
      else return i;
    }
  }

  private skipComment(i: number): number {
    const { text, end } = this;
    while (i < end) {
      if (this.opts.dockerfile) {
        const n = this.norm(i);
        if (n !== i) {
          i = n;
          continue;
        }
      }
      if (text[i] === '\n') return i;
      i++;
    }
    return i;
  }

  private readOperator(i: number, tokenStart: number, gapStart: number): number {
    const { text } = this;
    const two = text.slice(i, i + 2);
    const three = text.slice(i, i + 3);
    if (three === '<<-' || (two === '<<' && three !== '<<<')) {
      const opEnd = i + (three === '<<-' ? 3 : 2);
      return this.readHeredocStart(tokenStart, opEnd, three === '<<-', gapStart);
    }
    let op: string;
    let kind: TokenKind = 'op';
    if (three === '<<<' || three === '&>>') {
      op = three;
      kind = 'redirect';
    } else if (['&&', '||', ';;', '|&'].includes(two)) op = two;
    else if (['>>', '>&', '<&', '<>', '>|', '&>'].includes(two)) {
      op = two;
      kind = 'redirect';
    } else {
      op = text[i]!;
      if (op === '<' || op === '>') kind = 'redirect';
    }
    const end = i + op.length;
    this.tokens.push({ kind, text: op, start: tokenStart, end, gapStart });
    return end;
  }

  private readHeredocStart(tokenStart: number, opEnd: number, stripTabs: boolean, gapStart: number): number {
    let j = this.skipBlanks(opEnd);
    let delimiter = '';
    let quoted = false;
    let end = opEnd;
    if (j < this.end && this.text[j] !== '\n') {
      const word = this.readWord(j);
      quoted = /['"\\]/.test(word.text);
      delimiter = word.text.replace(/['"\\]/g, '');
      end = word.end;
      j = word.end;
    }
    const token: RawToken = {
      kind: 'heredoc',
      text: this.text.slice(tokenStart, end),
      start: tokenStart,
      end,
      gapStart,
      heredoc: { delimiter, stripTabs, quoted, bodyStart: end, bodyEnd: end, closed: false },
    };
    this.tokens.push(token);
    if (delimiter !== '') this.pending.push(token);
    return end;
  }

  /** Reads the bodies of pending heredocs starting at the line at i; returns the index after them. */
  private readBodies(i: number): number {
    const { text, end } = this;
    for (const token of this.pending) {
      const doc = token.heredoc!;
      doc.bodyStart = i;
      let pos = i;
      doc.bodyEnd = end;
      while (pos < end) {
        let lineEnd = text.indexOf('\n', pos);
        if (lineEnd < 0 || lineEnd > end) lineEnd = end;
        let line = text.slice(pos, lineEnd);
        if (line.endsWith('\r')) line = line.slice(0, -1);
        if (doc.stripTabs) line = line.replace(/^\t+/, '');
        if (line === doc.delimiter) {
          doc.bodyEnd = pos;
          doc.closed = true;
          pos = Math.min(end, lineEnd + 1);
          break;
        }
        pos = lineEnd + 1;
      }
      i = Math.min(pos, end);
    }
    this.pending = [];
    return i;
  }

  private readWord(i: number): {
    text: string;
    start: number;
    end: number;
    expansions?: [number, number][];
    quoted?: boolean;
  } {
    const { text, end } = this;
    let out = '';
    let j = i;
    let last = i;
    let quoted = false;
    const expansions: [number, number][] = [];
    const take = (k: number): void => {
      out += text[k];
      last = k + 1;
    };
    while (true) {
      j = this.norm(j);
      if (j >= end) break;
      const c = text[j]!;
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || (!this.plain && OPERATOR_CHARS.has(c))) break;
      if (c === "'") {
        quoted = true;
        take(j++);
        while (true) {
          j = this.norm(j);
          if (j >= end) break;
          const q = text[j]!;
          if (q === "'") {
            take(j++);
            break;
          }
          let k = j + 1;
          while (
            k < end &&
            text.charCodeAt(k) !== 39 &&
            text.charCodeAt(k) !== this.escapeCode &&
            text.charCodeAt(k) !== 92
          )
            k++;
          out += text.slice(j, k);
          last = k;
          j = k;
        }
        continue;
      }
      if (c === '"') {
        quoted = true;
        take(j++);
        while (true) {
          j = this.norm(j);
          if (j >= end) break;
          const q = text[j]!;
          if (q === '"') {
            take(j++);
            break;
          }
          if (q === '\\') {
            take(j++);
            if (j < end) take(j++);
            continue;
          }
          if (q === '$' || q === '`') {
            const from = out.length;
            j = q === '$' ? this.readDollar(j, take) : this.readBackticks(j, take);
            if (out.length - from > 1) expansions.push([from, out.length]);
            continue;
          }
          take(j++);
        }
        continue;
      }
      if (c === '\\') {
        quoted = true;
        take(j++);
        if (j < end) take(j++);
        continue;
      }
      if (c === '$' || c === '`') {
        const from = out.length;
        j = c === '$' ? this.readDollar(j, take) : this.readBackticks(j, take);
        if (out.length - from > 1) expansions.push([from, out.length]);
        continue;
      }
      // Fast path: a run of ordinary characters is appended as one slice.
      let k = j + 1;
      while (k < end && this.ordinary(text.charCodeAt(k))) k++;
      out += text.slice(j, k);
      last = k;
      j = k;
    }
    const word: { text: string; start: number; end: number; expansions?: [number, number][]; quoted?: boolean } = {
      text: out,
      start: i,
      end: last,
    };
    if (expansions.length > 0) word.expansions = expansions;
    if (quoted) word.quoted = true;
    return word;
  }

  /** At `$`: reads $NAME, ${...}, $(...), $((...)) or a lone `$`. */
  private readDollar(j: number, take: (k: number) => void): number {
    const { text, end } = this;
    take(j++);
    j = this.norm(j);
    if (j >= end) return j;
    const c = text[j]!;
    if (c === '(') return this.readBalanced(j, '(', ')', take);
    if (c === '{') return this.readBalanced(j, '{', '}', take);
    if (NAME_START.test(c)) {
      while (j < end && NAME_CHAR.test(text[j]!)) {
        take(j++);
        j = this.norm(j);
      }
      return j;
    }
    if (SPECIAL_PARAMS.has(c)) take(j++);
    return j;
  }

  /** Reads from an opening bracket to its match, skipping quoted text. */
  private readBalanced(j: number, open: string, close: string, take: (k: number) => void): number {
    const { text, end } = this;
    let depth = 0;
    while (true) {
      j = this.norm(j);
      if (j >= end) return j;
      const c = text[j]!;
      if (c === '\\') {
        take(j++);
        if (j < end) take(j++);
        continue;
      }
      if (c === "'" || c === '"') {
        take(j++);
        while (true) {
          j = this.norm(j);
          if (j >= end) return j;
          const q = text[j]!;
          if (q === '\\' && c === '"') {
            take(j++);
            if (j < end) take(j++);
            continue;
          }
          take(j++);
          if (q === c) break;
        }
        continue;
      }
      take(j++);
      if (c === open) depth++;
      else if (c === close) {
        depth--;
        if (depth <= 0) return j;
      }
    }
  }

  private readBackticks(j: number, take: (k: number) => void): number {
    const { text, end } = this;
    take(j++);
    while (true) {
      j = this.norm(j);
      if (j >= end) return j;
      const c = text[j]!;
      if (c === '\\') {
        take(j++);
        if (j < end) take(j++);
        continue;
      }
      take(j++);
      if (c === '`') return j;
    }
  }
}
