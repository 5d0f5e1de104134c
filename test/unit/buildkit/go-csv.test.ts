// Go's reading of one CSV record (server/src/core/buildkit/go-csv.ts): fields with the record index where
// each character starts (and, last, where the field's text ends), Go's first error with its column, and
// what the recovering reader keeps after an error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  charIndex,
  csvErrorText,
  readCsvRecord,
  type CsvField,
  type CsvErrorKind,
} from '../../../server/src/core/buildkit/go-csv';

/** [value, start, end, index of each character then of the text's end]. */
type Field = [string, number, number, number[]];

interface Case {
  input: string;
  /** Go's fields, when it reads the record. */
  fields?: Field[];
  /** Go's error, as it prints it. */
  error?: string;
  /** With an error: what the recovering reader keeps, and every error it meets ([kind, Go's index, field start]). */
  recovered?: Field[];
  errors?: [CsvErrorKind, number, number][];
}

const BARE = 'bare " in non-quoted-field';
const QUOTE = 'extraneous or missing " in quoted-field';

const TABLE: Case[] = [
  { input: 'a', fields: [['a', 0, 1, [0, 1]]] },
  {
    input: 'type=cache,id=x',
    fields: [
      ['type=cache', 0, 10, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]],
      ['id=x', 11, 15, [11, 12, 13, 14, 15]],
    ],
  },
  { input: 'a b', fields: [['a b', 0, 3, [0, 1, 2, 3]]] },
  {
    input: 'a,',
    fields: [
      ['a', 0, 1, [0, 1]],
      ['', 2, 2, [2]],
    ],
  },
  {
    input: ',',
    fields: [
      ['', 0, 0, [0]],
      ['', 1, 1, [1]],
    ],
  },
  {
    input: 'a,,b',
    fields: [
      ['a', 0, 1, [0, 1]],
      ['', 2, 2, [2]],
      ['b', 3, 4, [3, 4]],
    ],
  },
  {
    input: 'a,"b,c",d',
    fields: [
      ['a', 0, 1, [0, 1]],
      ['b,c', 2, 7, [3, 4, 5, 6]],
      ['d', 8, 9, [8, 9]],
    ],
  },
  { input: '"a""b"', fields: [['a"b', 0, 6, [1, 2, 4, 5]]] },
  { input: '""""', fields: [['"', 0, 4, [1, 3]]] },
  {
    input: '"",x',
    fields: [
      ['', 0, 2, [1]],
      ['x', 3, 4, [3, 4]],
    ],
  },
  {
    input: '"a",',
    fields: [
      ['a', 0, 3, [1, 2]],
      ['', 4, 4, [4]],
    ],
  },
  { input: '', error: 'EOF', recovered: [], errors: [['eof', 0, 0]] },
  {
    input: 'a"b',
    error: `parse error on line 1, column 2: ${BARE}`,
    recovered: [['a"b', 0, 3, [0, 1, 2, 3]]],
    errors: [['bare-quote', 1, 0]],
  },
  {
    input: ' "a"',
    error: `parse error on line 1, column 2: ${BARE}`,
    recovered: [[' "a"', 0, 4, [0, 1, 2, 3, 4]]],
    errors: [['bare-quote', 1, 0]],
  },
  {
    input: 'a"b"",c"d',
    error: `parse error on line 1, column 2: ${BARE}`,
    recovered: [
      ['a"b""', 0, 5, [0, 1, 2, 3, 4, 5]],
      ['c"d', 6, 9, [6, 7, 8, 9]],
    ],
    errors: [
      ['bare-quote', 1, 0],
      ['bare-quote', 7, 6],
    ],
  },
  {
    input: '"ab',
    error: `parse error on line 1, column 2: ${QUOTE}`,
    recovered: [['ab', 0, 3, [1, 2, 3]]],
    errors: [['missing-quote', 1, 0]],
  },
  {
    input: 'x,"a,b',
    error: `parse error on line 1, column 4: ${QUOTE}`,
    recovered: [
      ['x', 0, 1, [0, 1]],
      ['a,b', 2, 6, [3, 4, 5, 6]],
    ],
    errors: [['missing-quote', 3, 2]],
  },
  {
    input: '"a""b',
    error: `parse error on line 1, column 5: ${QUOTE}`,
    recovered: [['a"b', 0, 5, [1, 2, 4, 5]]],
    errors: [['missing-quote', 4, 0]],
  },
  {
    input: '"a"b,c',
    error: `parse error on line 1, column 3: ${QUOTE}`,
    recovered: [
      ['ab', 0, 4, [1, 3, 4]],
      ['c', 5, 6, [5, 6]],
    ],
    errors: [['extraneous-quote', 2, 0]],
  },
  {
    input: '"a"x",y"',
    error: `parse error on line 1, column 3: ${QUOTE}`,
    recovered: [
      ['ax"', 0, 5, [1, 3, 4, 5]],
      ['y"', 6, 8, [6, 7, 8]],
    ],
    errors: [
      ['extraneous-quote', 2, 0],
      ['bare-quote', 7, 6],
    ],
  },
];

const show = (f: CsvField): Field => [
  f.value,
  f.start,
  f.end,
  Array.from({ length: f.value.length + 1 }, (_, k) => charIndex(f, k)),
];

test('one CSV record, read as Go reads it', () => {
  for (const c of TABLE) {
    const go = readCsvRecord(c.input);
    if (c.fields) {
      assert.deepEqual([go.fields.map(show), go.errors], [c.fields, []], c.input);
      assert.deepEqual(
        readCsvRecord(c.input, { recover: true }),
        go,
        `${c.input}: without errors, recovering changes nothing`,
      );
      continue;
    }
    assert.deepEqual(go.errors.map(csvErrorText), [c.error], c.input);
    const recovered = readCsvRecord(c.input, { recover: true });
    assert.deepEqual(recovered.fields.map(show), c.recovered, c.input);
    assert.deepEqual(
      recovered.errors.map((e) => [e.kind, e.at, e.fieldStart]),
      c.errors,
      c.input,
    );
    assert.deepEqual(recovered.errors[0], go.errors[0], `${c.input}: the first error is Go's`);
  }
});
