// BuildKit-style word expansion (the Dockerfile shell lexer's ProcessWord, reduced to what values
// in ENV/ARG/USER/WORKDIR/--mount need): quotes, escapes, $VAR, ${VAR}, ${VAR:-w}, ${VAR-w},
// ${VAR:+w}, ${VAR+w}. Other modifiers (#, %, /) make the value unknown rather than guessed.
import type { Span } from '../text';
import { known, unknown, type Maybe } from '../value';
import type { ExpandedValue, VarDef } from './types';

export type Resolution = VarDef | 'unset' | 'unknown';
export type Lookup = (name: string) => Resolution;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/** The value a resolution contributes, or why it is unknown. `set` tells ${v-w} whether v is set. */
export function resolutionValue(name: string, r: Resolution): { value: Maybe<string>; set: Maybe<boolean> } {
  if (r === 'unset') return { value: known(''), set: known(false) };
  if (r === 'unknown') {
    const why = unknown(`${name} is not set in this Dockerfile; the base image may set it`);
    return { value: why, set: why };
  }
  if (r.unresolved !== undefined) return { value: unknown(r.unresolved), set: known(true) };
  if (r.value === undefined) {
    const why = unknown(`ARG ${name} (line ${r.line + 1}) has no default; its value comes from --build-arg`);
    return { value: why, set: why };
  }
  return { value: known(r.value), set: known(true) };
}

/**
 * Expands `raw`, which starts at document offset `base` (offsets of variables are reported in
 * document coordinates; pass the offset of the raw text).
 */
export function expandWord(raw: string, base: number, lookup: Lookup, escapeChar: string = '\\'): ExpandedValue {
  const variables: ExpandedValue['variables'] = [];
  const result = new Expander(raw, base, lookup, escapeChar, variables).run(0, raw.length);
  return { value: result, variables };
}

/** True when the text has nothing to expand (fast path). */
export function isPlain(raw: string, escapeChar: string = '\\'): boolean {
  return !raw.includes('$') && !raw.includes("'") && !raw.includes('"') && !raw.includes(escapeChar);
}

class Expander {
  constructor(
    private readonly raw: string,
    private readonly base: number,
    private readonly lookup: Lookup,
    private readonly escapeChar: string,
    private readonly variables: ExpandedValue['variables'],
  ) {}

  run(from: number, to: number): Maybe<string> {
    const { raw } = this;
    let out = '';
    let why: string | undefined;
    let i = from;
    let quote: string | undefined;
    const add = (m: Maybe<string>): void => {
      if (m.known) out += m.value;
      else why ??= m.reason;
    };
    while (i < to) {
      const c = raw[i]!;
      if (quote === "'") {
        if (c === "'") quote = undefined;
        else out += c;
        i++;
        continue;
      }
      if (c === this.escapeChar && i + 1 < to) {
        out += raw[i + 1];
        i += 2;
        continue;
      }
      if ((c === '"' || c === "'") && quote === undefined) {
        quote = c;
        i++;
        continue;
      }
      if (c === '"' && quote === '"') {
        quote = undefined;
        i++;
        continue;
      }
      if (c === '$') {
        const r = this.dollar(i, to);
        add(r.value);
        i = r.end;
        continue;
      }
      out += c;
      i++;
    }
    return why === undefined ? known(out) : unknown(why);
  }

  private record(name: string, span: Span): Resolution {
    const resolution = this.lookup(name);
    this.variables.push({ name, span, resolution });
    return resolution;
  }

  private dollar(i: number, to: number): { value: Maybe<string>; end: number } {
    const { raw, base } = this;
    if (raw[i + 1] === '{') {
      const close = this.matchingBrace(i + 2, to);
      if (close < 0) return { value: unknown("missing '}' in variable expansion"), end: to };
      const inner = raw.slice(i + 2, close);
      const nameMatch = NAME.exec(inner) ?? /^\d+/.exec(inner);
      if (!nameMatch) return { value: unknown(`unsupported expansion \${${inner}}`), end: close + 1 };
      const name = nameMatch[0];
      const resolution = this.record(name, { start: base + i, end: base + close + 1 });
      const own = resolutionValue(name, resolution);
      const rest = inner.slice(name.length);
      if (rest === '') return { value: own.value, end: close + 1 };
      const op = ([':-', ':+', '-', '+'] as const).find((o) => rest.startsWith(o));
      if (!op) return { value: unknown(`the modifier in \${${inner}} is not evaluated`), end: close + 1 };
      const wordStart = i + 2 + name.length + op.length;
      const word = this.run(wordStart, close);
      const test: Maybe<boolean> = op.startsWith(':')
        ? own.value.known
          ? known(own.value.value !== '')
          : own.value
        : own.set;
      if (!test.known) return { value: test, end: close + 1 };
      let value: Maybe<string>;
      if (op === ':-' || op === '-') value = test.value ? own.value : word;
      else value = test.value ? word : known('');
      return { value, end: close + 1 };
    }
    const nameMatch = NAME.exec(raw.slice(i + 1, to));
    if (!nameMatch) return { value: known('$'), end: i + 1 };
    const name = nameMatch[0];
    const end = i + 1 + name.length;
    const resolution = this.record(name, { start: base + i, end: base + end });
    return { value: resolutionValue(name, resolution).value, end };
  }

  private matchingBrace(from: number, to: number): number {
    let depth = 1;
    for (let j = from; j < to; j++) {
      const c = this.raw[j];
      if (c === '{') depth++;
      else if (c === '}' && --depth === 0) return j;
    }
    return -1;
  }
}
