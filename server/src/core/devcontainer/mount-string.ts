// Docker's `--mount` value syntax: one CSV record (Go encoding/csv: comma-separated, RFC 4180 double
// quotes, `""` for a literal quote), each field `key=value` cut at the first `=`, the key lowercased.
// Bare words (`readonly`, `ro`, `volume-nocopy`) have no value. Parsing never throws: CSV problems are
// listed in `errors` and the fields read so far are kept.

export interface CsvMountField {
  /** Lowercased, as Docker reads it. */
  key: string;
  /** null for a bare word without `=`. */
  value: string | null;
  /** Indexes into the parsed string: the whole field (quotes included). */
  start: number;
  end: number;
  /** Indexes of the value (after `=`, inside quotes when the field is quoted). */
  valueStart?: number;
  valueEnd?: number;
  /** True when the field was written in double quotes. */
  quoted: boolean;
}

export interface CsvMountParse {
  fields: CsvMountField[];
  errors: { message: string; index: number }[];
}

export function parseMountCsv(input: string): CsvMountParse {
  const fields: CsvMountField[] = [];
  const errors: CsvMountParse['errors'] = [];
  if (input.length === 0) return { fields, errors };
  let pos = 0;
  for (;;) {
    const start = pos;
    // content[k] is a field character; at[k] its index in `input`.
    let content = '';
    const at: number[] = [];
    let quoted = false;
    let contentEnd = -1; // index of the closing quote of a quoted field
    if (input[pos] === '"') {
      quoted = true;
      pos++;
      let closed = false;
      while (pos < input.length) {
        if (input[pos] === '"') {
          if (input[pos + 1] === '"') {
            at.push(pos);
            content += '"';
            pos += 2;
            continue;
          }
          closed = true;
          contentEnd = pos;
          pos++;
          break;
        }
        at.push(pos);
        content += input[pos];
        pos++;
      }
      if (!closed) errors.push({ message: 'extraneous or missing " in quoted-field', index: start });
      else if (pos < input.length && input[pos] !== ',') {
        errors.push({ message: 'extraneous or missing " in quoted-field', index: pos });
        // Keep reading the rest of the field as plain text so later fields still parse.
        contentEnd = -1;
        while (pos < input.length && input[pos] !== ',') {
          at.push(pos);
          content += input[pos];
          pos++;
        }
      }
    } else {
      let bareQuote = false;
      while (pos < input.length && input[pos] !== ',') {
        if (input[pos] === '"' && !bareQuote) {
          bareQuote = true; // Go's csv stops at the first one; one report per field is enough
          errors.push({ message: 'bare " in non-quoted-field', index: pos });
        }
        at.push(pos);
        content += input[pos];
        pos++;
      }
    }
    at.push(contentEnd >= 0 ? contentEnd : pos);
    fields.push(toField(content, at, start, pos, quoted));
    if (pos >= input.length) break;
    pos++; // the comma
    if (pos === input.length) {
      // A trailing comma: Go's csv reads one more, empty field.
      fields.push({ key: '', value: null, start: pos, end: pos, quoted: false });
      break;
    }
  }
  return { fields, errors };
}

function toField(content: string, at: number[], start: number, end: number, quoted: boolean): CsvMountField {
  const eq = content.indexOf('=');
  if (eq < 0) return { key: content.toLowerCase(), value: null, start, end, quoted };
  return {
    key: content.slice(0, eq).toLowerCase(),
    value: content.slice(eq + 1),
    start,
    end,
    valueStart: at[eq + 1]!,
    valueEnd: at[content.length]!,
    quoted,
  };
}

/** Docker's aliases: `src` for source, `dst`/`destination` for target. */
export function canonicalMountKey(key: string): string {
  if (key === 'src') return 'source';
  if (key === 'dst' || key === 'destination') return 'target';
  return key;
}
