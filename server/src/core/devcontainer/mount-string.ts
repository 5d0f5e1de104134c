// Docker's `--mount` value syntax: one CSV record (buildkit/go-csv), each field `key=value` cut at the first
// `=`, the key lowercased. Bare words (`readonly`, `ro`, `volume-nocopy`) have no value. Parsing never
// throws: CSV problems are listed in `errors` and reading goes on, so later fields are kept.
import { charIndex, readCsvRecord, type CsvError, type CsvField } from '../buildkit/go-csv';

interface CsvMountField {
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
  if (input.length === 0) return { fields: [], errors: [] };
  const record = readCsvRecord(input, { recover: true });
  return {
    fields: record.fields.map(toField),
    errors: record.errors.map((e) => ({ message: e.reason, index: markedIndex(e) })),
  };
}

/**
 * The character an error is shown on: Go's column, except the opening quote of a field never closed and the
 * first character after a closing quote followed by text.
 */
function markedIndex(error: CsvError): number {
  if (error.kind === 'missing-quote') return error.fieldStart;
  return error.kind === 'extraneous-quote' ? error.at + 1 : error.at;
}

function toField(f: CsvField): CsvMountField {
  const { value: content, start, end, quoted } = f;
  const eq = content.indexOf('=');
  if (eq < 0) return { key: content.toLowerCase(), value: null, start, end, quoted };
  return {
    key: content.slice(0, eq).toLowerCase(),
    value: content.slice(eq + 1),
    start,
    end,
    valueStart: charIndex(f, eq + 1),
    valueEnd: f.textEnd,
    quoted,
  };
}

/** Docker's aliases: `src` for source, `dst`/`destination` for target. */
export function canonicalMountKey(key: string): string {
  if (key === 'src') return 'source';
  if (key === 'dst' || key === 'destination') return 'target';
  return key;
}
