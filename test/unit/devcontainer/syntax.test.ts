// The small parsers under the devcontainer model: JSON string decoding with offsets, Docker's
// --mount CSV, the -v short syntax, and devcontainer variables.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeJsonString } from '../../../server/src/core/devcontainer/json-string';
import { canonicalMountKey, parseMountCsv } from '../../../server/src/core/devcontainer/mount-string';
import { parseVolumeSpec, splitVolumeSpec } from '../../../server/src/core/devcontainer/volume-spec';
import { findVariables } from '../../../server/src/core/devcontainer/variables';

describe('decodeJsonString', () => {
  test('maps each decoded unit to its document offset', () => {
    const text = 'x "a\\"b\\u00e9\\n" y';
    const start = text.indexOf('"');
    const end = text.lastIndexOf('"') + 1;
    const d = decodeJsonString(text, start, end);
    assert.equal(d.value, 'a"b\u00e9\n');
    assert.deepEqual(
      [0, 1, 2, 3, 4, 5].map((i) => d.offsetAt(i)),
      [3, 4, 6, 7, 13, 15],
    );
    const plain = decodeJsonString('  "abc" ', 2, 7);
    assert.deepEqual(
      [0, 2, 3, 9].map((i) => plain.offsetAt(i)),
      [3, 5, 6, 6],
      'without escapes offsets are contiguous (and clamped)',
    );
  });

  test('an escaped quote at the end is content; an unterminated literal decodes to its end', () => {
    assert.equal(decodeJsonString('"a\\"', 0, 4).value, 'a"');
    assert.equal(decodeJsonString('"abc', 0, 4).value, 'abc');
    assert.equal(decodeJsonString('"a\\qb"', 0, 6).value, 'a\\qb', 'an invalid escape keeps the backslash');
  });
});

describe('parseMountCsv (Docker --mount syntax)', () => {
  test('fields, lowercased keys, bare words, value positions', () => {
    const p = parseMountCsv('Type=bind,src=/a,readonly,target=/b=c');
    assert.deepEqual(p.errors, []);
    assert.deepEqual(
      p.fields.map((f) => [f.key, f.value, f.start, f.end, f.valueStart, f.valueEnd]),
      [
        ['type', 'bind', 0, 9, 5, 9],
        ['src', '/a', 10, 16, 14, 16],
        ['readonly', null, 17, 25, undefined, undefined],
        ['target', '/b=c', 26, 37, 33, 37],
      ],
    );
  });

  test('double-quoted fields may hold commas and doubled quotes', () => {
    const p = parseMountCsv('"source=a,b",target="/x"');
    assert.equal(p.fields[0]!.value, 'a,b');
    assert.deepEqual(
      [p.fields[0]!.start, p.fields[0]!.end, p.fields[0]!.valueStart, p.fields[0]!.valueEnd],
      [0, 12, 8, 11],
    );
    assert.equal(p.errors.length, 1, 'a quote inside an unquoted field is a CSV error');
    assert.deepEqual(parseMountCsv('"a=x""y"').fields[0]!.value, 'x"y');
  });

  test('unterminated quotes, empty input and a trailing comma', () => {
    assert.equal(parseMountCsv('"type=cache,target=/x').errors.length, 1);
    assert.deepEqual(parseMountCsv('').fields, []);
    const trailing = parseMountCsv('type=bind,');
    assert.deepEqual(
      trailing.fields.map((f) => f.key),
      ['type', ''],
    );
  });

  test('key aliases', () => {
    assert.deepEqual(['src', 'dst', 'destination', 'source', 'target', 'type'].map(canonicalMountKey), [
      'source',
      'target',
      'target',
      'source',
      'target',
      'type',
    ]);
  });
});

describe('parseVolumeSpec (-v syntax)', () => {
  test('target only is an anonymous volume; src:dst:opts', () => {
    assert.deepEqual(parseVolumeSpec('/data'), { target: { value: '/data', start: 0, end: 5 }, type: 'volume' });
    const spec = parseVolumeSpec('cache:/c:ro');
    assert.equal(spec.type, 'volume');
    assert.deepEqual([spec.source?.value, spec.target?.value, spec.options?.value], ['cache', '/c', 'ro']);
    assert.equal(parseVolumeSpec('./rel:/c').type, 'bind');
  });

  test('colons inside ${...} do not split; problems are reported', () => {
    assert.deepEqual(
      splitVolumeSpec('${localEnv:HOME:/h}/x:/y').map((p) => p.value),
      ['${localEnv:HOME:/h}/x', '/y'],
    );
    assert.equal(parseVolumeSpec('${localEnv:HOME}/x:/y').type, 'bind');
    assert.equal(parseVolumeSpec(':/uvcache').problem, 'empty section between colons');
    assert.match(parseVolumeSpec('a:b:c:d').problem ?? '', /too many/);
  });
});

describe('findVariables (CLI substitution rules)', () => {
  test('kind, name and the default cut at its first colon', () => {
    assert.deepEqual(findVariables('${localEnv:A:/x:/y}/z ${devcontainerId}'), [
      {
        raw: '${localEnv:A:/x:/y}',
        start: 0,
        end: 19,
        kind: 'localEnv',
        name: 'A',
        defaultValue: '/x',
        droppedDefaultText: '/y',
      },
      { raw: '${devcontainerId}', start: 22, end: 39, kind: 'devcontainerId' },
    ]);
    assert.deepEqual(findVariables('${env:B}')[0]?.name, 'B');
    assert.deepEqual(findVariables('no vars $HOME'), []);
  });
});
