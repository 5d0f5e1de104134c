// One CSV record read the way Go reads it with default settings (comma `,`, strict quotes, no trimming):
// BuildKit reads a RUN --mount value with tonistiigi/go-csvvalue, the Docker CLI a --mount string with
// encoding/csv (docs/semantics.md#run-flag-parsing). RFC 4180 double quotes, `""` for a literal quote;
// empty input is io.EOF; a `"` inside an unquoted field is a bare quote; a quoted field ends at `"`
// followed by `,` or the end.

export interface CsvField {
  /** The field's text: CSV quotes removed, `""` read as one quote. */
  value: string;
  /**
   * Index in the record where each character of `value` starts (for `""`, its first quote); null when the
   * characters are the record's own from `start` on (an unquoted field: no array on the hot path).
   */
  at: number[] | null;
  /** The whole field in the record, CSV quotes included. */
  start: number;
  end: number;
  /** Where the field's text ends in the record: at its closing quote, else `end`. */
  textEnd: number;
  quoted: boolean;
}

/** eof: empty input; bare-quote: `"` in an unquoted field; extraneous-quote: text after a closing quote; missing-quote: never closed. */
export type CsvErrorKind = 'eof' | 'bare-quote' | 'extraneous-quote' | 'missing-quote';

export interface CsvError {
  kind: CsvErrorKind;
  /** Go's error without its position: `EOF`, `bare " in non-quoted-field`, `extraneous or missing " in quoted-field`. */
  reason: string;
  /** Index in the record of the column Go reports (column - 1). */
  at: number;
  /** Start of the field being read. */
  fieldStart: number;
}

export interface CsvRecord {
  fields: CsvField[];
  /** Go's error first. Without `recover` at most that one, and `fields` stops before it. */
  errors: CsvError[];
}

const QUOTE = 34; // '"'
const REASONS: Record<CsvErrorKind, string> = {
  eof: 'EOF',
  'bare-quote': 'bare " in non-quoted-field',
  'extraneous-quote': 'extraneous or missing " in quoted-field',
  'missing-quote': 'extraneous or missing " in quoted-field',
};

/**
 * Reads one record. `recover` keeps reading after an error (Go stops at the first): a bare quote stays in
 * its field, a field never closed runs to the end, and text after a closing quote joins the field.
 */
export function readCsvRecord(s: string, options?: { recover?: boolean }): CsvRecord {
  const recover = options?.recover === true;
  const fields: CsvField[] = [];
  const errors: CsvError[] = [];
  if (s === '') {
    errors.push(csvError('eof', 0, 0));
    return { fields, errors };
  }
  let nextQuote = s.indexOf('"');
  let pos = 0;
  for (;;) {
    if (s.charCodeAt(pos) !== QUOTE) {
      const comma = s.indexOf(',', pos);
      const end = comma < 0 ? s.length : comma;
      if (nextQuote >= 0 && nextQuote < pos) nextQuote = s.indexOf('"', pos);
      if (nextQuote >= 0 && nextQuote < end) {
        errors.push(csvError('bare-quote', nextQuote, pos));
        if (!recover) return { fields, errors };
      }
      fields.push({ value: s.slice(pos, end), at: null, start: pos, end, textEnd: end, quoted: false });
      pos = end;
    } else {
      const field = readQuoted(s, pos, errors, recover);
      if (field === undefined) return { fields, errors };
      fields.push(field);
      pos = field.end;
    }
    if (pos >= s.length) return { fields, errors };
    pos++; // the comma; after a trailing one, the loop reads one more, empty field (as Go does)
  }
}

function csvError(kind: CsvErrorKind, at: number, fieldStart: number): CsvError {
  return { kind, reason: REASONS[kind], at, fieldStart };
}

/** The quoted field opening at `start`; undefined when an error stops the reading. */
function readQuoted(s: string, start: number, errors: CsvError[], recover: boolean): CsvField | undefined {
  let pos = start + 1;
  let value = '';
  const at: number[] = [];
  for (;;) {
    const close = s.indexOf('"', pos);
    if (close < 0) {
      errors.push(csvError('missing-quote', pos, start));
      if (!recover) return undefined;
      value += take(s, pos, s.length, at);
      return { value, at, start, end: s.length, textEnd: s.length, quoted: true };
    }
    value += take(s, pos, close, at);
    pos = close + 1;
    const next = s[pos];
    if (next === '"') {
      value += '"';
      at.push(close);
      pos++;
      continue;
    }
    if (next === ',' || next === undefined) return { value, at, start, end: pos, textEnd: close, quoted: true };
    errors.push(csvError('extraneous-quote', close, start));
    if (!recover) return undefined;
    const comma = s.indexOf(',', pos);
    const end = comma < 0 ? s.length : comma;
    value += take(s, pos, end, at);
    return { value, at, start, end, textEnd: end, quoted: true };
  }
}

/** `s[from, to)` as field text, its indexes added to `at`. */
function take(s: string, from: number, to: number, at: number[]): string {
  for (let k = from; k < to; k++) at.push(k);
  return s.slice(from, to);
}

/** Where the field's character `k` starts in the record; `k` = its length: where its text ends. */
export function charIndex(field: CsvField, k: number): number {
  if (k >= field.value.length) return field.textEnd;
  return field.at === null ? field.start + k : field.at[k]!;
}

/** What Go's error prints: `EOF`, or `parse error on line 1, column N: <reason>`. */
export function csvErrorText(error: CsvError): string {
  return error.kind === 'eof' ? error.reason : `parse error on line 1, column ${error.at + 1}: ${error.reason}`;
}
