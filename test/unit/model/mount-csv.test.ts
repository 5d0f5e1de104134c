// How a --mount value is split into options: BuildKit's flag-word quote removal, then one CSV record
// (docs/semantics.md#run-flag-parsing). Spans must point at the source text of each field.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDockerfileModel } from '../../../server/src/core/dockerfile/model';
import { parseMountOptions } from '../../../server/src/core/dockerfile/mounts';
import { charIndex, csvErrorText, readCsvRecord } from '../../../server/src/core/buildkit/go-csv';
import type { Mount } from '../../../server/src/core/dockerfile/types';

const mountOf = (flag: string, before = ''): { text: string; mount: Mount } => {
  const text = `FROM scratch\n${before}RUN ${flag} true\n`;
  const model = buildDockerfileModel(text, 'file:///Dockerfile');
  return { text, mount: model.mounts[model.mounts.length - 1]! };
};
const fields = (flag: string) => {
  const { text, mount } = mountOf(flag);
  return mount.options.map((o) => [o.key, o.value, text.slice(o.span.start, o.span.end)]);
};

describe('CSV splitting of --mount values', () => {
  test('plain fields keep exact spans, key, value and the plain marker', () => {
    const { text, mount } = mountOf('--mount=type=cache,Target=/x,ro');
    assert.deepEqual(
      mount.options.map((o) => [o.key, o.canonicalKey, o.value, o.plain]),
      [
        ['type', 'type', 'cache', true],
        ['target', 'target', '/x', true],
        ['ro', 'ro', null, true],
      ],
    );
    const target = mount.options[1]!;
    assert.equal(text.slice(target.keySpan.start, target.keySpan.end), 'Target');
    assert.equal(text.slice(target.valueSpan!.start, target.valueSpan!.end), '/x');
  });

  test('outer shell quotes keep CSV quotes: a comma inside them does not split', () => {
    assert.deepEqual(fields(`--mount='type=bind,"source=a,b",target=/x'`), [
      ['type', 'bind', 'type=bind'],
      ['source', 'a,b', '"source=a,b"'],
      ['target', '/x', 'target=/x'],
    ]);
  });

  test('without outer quotes the shell step eats the CSV quotes, so the comma splits (BuildKit: a bare word)', () => {
    assert.deepEqual(fields('--mount=type=bind,"source=a,b",target=/x'), [
      ['type', 'bind', 'type=bind'],
      ['source', 'a', 'source=a'],
      ['b', null, 'b'],
      ['target', '/x', 'target=/x'],
    ]);
  });

  test('a quoted value (not the whole field) is shell quoting: spaces kept, quotes gone', () => {
    const { text, mount } = mountOf('--mount=type=cache,target="/a b"');
    const target = mount.option('target')!;
    assert.equal(target.value, '/a b');
    assert.equal(target.plain, undefined);
    assert.equal(text.slice(target.span.start, target.span.end), 'target="/a b');
  });

  test('"" inside a CSV-quoted field is one quote', () => {
    assert.deepEqual(
      fields(`--mount='type=cache,"target=/a""b",id=x'`).map((f) => f.slice(0, 2)),
      [
        ['type', 'cache'],
        ['target', '/a"b'],
        ['id', 'x'],
      ],
    );
  });

  test('empty fields are kept (BuildKit rejects them) with the comma as their span', () => {
    assert.deepEqual(fields('--mount=type=cache,,target=/x,'), [
      ['type', 'cache', 'type=cache'],
      ['', null, ','],
      ['target', '/x', 'target=/x'],
      ['', null, ','],
    ]);
  });

  test('CSV errors: empty value, bare quote, unterminated quote', () => {
    assert.equal(mountOf('--mount=').mount.csvError?.message, 'failed to parse csv mounts: EOF');
    const bare = mountOf(`--mount='type=cache,tar"get=/x'`);
    assert.equal(
      bare.mount.csvError?.message,
      'failed to parse csv mounts: parse error on line 1, column 15: bare " in non-quoted-field',
    );
    assert.equal(bare.text.slice(bare.mount.csvError.span.start, bare.mount.csvError.span.end), '"');
    assert.match(mountOf(`--mount='"type=cache'`).mount.csvError!.message, /extraneous or missing " in quoted-field$/);
    assert.match(
      mountOf(`--mount='"type=cache"x'`).mount.csvError!.message,
      /extraneous or missing " in quoted-field$/,
    );
    assert.deepEqual(
      mountOf(`--mount='type=cache'`).mount.options.map((o) => o.value),
      ['cache'],
    );
  });

  test('an unclosed shell quote (half-typed) is flagged and never throws', () => {
    const { mount } = mountOf('--mount="type=cache,target=/x');
    assert.equal(mount.unclosedQuote, true);
    for (const text of ['--mount="', "--mount='", '--mount=\\', '--mount=a\\', '--mount=,', '--mount="",""']) {
      assert.doesNotThrow(() => mountOf(text), text);
    }
  });

  test('variables in quoted fields are expanded after the split, with spans in the source', () => {
    const { text, mount } = mountOf(`--mount='type=cache,"target=$C/x,y"'`, 'ENV C=/c\n');
    const target = mount.option('target')!;
    assert.deepEqual(target.expanded!.value, { known: true, value: '/c/x,y' });
    const v = target.expanded!.variables[0]!;
    assert.equal(text.slice(v.span.start, v.span.end), '$C');
    assert.deepEqual(mount.targetPath, { known: true, value: '/c/x,y' });
  });

  test('single quotes in the flag word do not stop expansion (the shell step removed them first)', () => {
    const { mount } = mountOf(`--mount=type=cache,target='$C'`, 'ENV C=/c\n');
    assert.deepEqual(mount.targetExpanded!.value, { known: true, value: '/c' });
  });

  test('the CSV reader mirrors Go: field ranges and errors', () => {
    const record = readCsvRecord('a,"b,c",d');
    assert.deepEqual(record.errors, []);
    assert.deepEqual(
      record.fields.map((f) => ({
        value: f.value,
        at: [...f.value].map((_, k) => charIndex(f, k)),
        start: f.start,
        end: f.end,
      })),
      [
        { value: 'a', at: [0], start: 0, end: 1 },
        { value: 'b,c', at: [3, 4, 5], start: 2, end: 7 },
        { value: 'd', at: [8], start: 8, end: 9 },
      ],
    );
    const empty = readCsvRecord('');
    assert.deepEqual([empty.fields, csvErrorText(empty.errors[0]!), empty.errors[0]!.at], [[], 'EOF', 0]);
    assert.equal(parseMountOptions('x', 0, 0).csvError?.message, 'failed to parse csv mounts: EOF');
  });
});
