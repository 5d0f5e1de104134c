import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import {
  detectFormat,
  insertProperties,
  replaceValue,
  type JsonFormat,
} from '../../../server/src/core/devcontainer/json-edit';
import { propertyValue } from '../../../server/src/core/devcontainer/json-tree';
import { applyEdits } from '../../../server/src/core/fix';
import { LineIndex } from '../../../server/src/core/text';

const TAB: JsonFormat = { unit: '\t', eol: '\n' };
const TWO: JsonFormat = { unit: '  ', eol: '\n' };

function insert(
  text: string,
  path: string[],
  props: [string, string | Record<string, string>][],
  fmt: JsonFormat,
): string {
  let node: JsonNode | undefined = parseTree(text);
  for (const key of path) node = propertyValue(node, key);
  assert.ok(node);
  const edits = insertProperties(text, new LineIndex(text), node, props, fmt);
  assert.ok(edits);
  return applyEdits(text, edits);
}

describe('detectFormat', () => {
  test('tabs, two and four spaces, and the default', () => {
    assert.equal(detectFormat('{\n\t"a": {\n\t\t"b": 1\n\t}\n}', '\n').unit, '\t');
    assert.equal(detectFormat('{\n  "a": {\n    "b": 1\n  }\n}', '\n').unit, '  ');
    assert.equal(detectFormat('{\n    "a": 1,\n    "b": 2\n}', '\n').unit, '    ');
    assert.equal(detectFormat('{"a": 1}', '\r\n').unit, '\t');
    assert.equal(detectFormat('{"a": 1}', '\r\n').eol, '\r\n');
  });
});

describe('insertProperties', () => {
  test('after the last property of a multi-line object, leaving its trailing comment in place', () => {
    const text = '{\n  "env": {\n    "A": "b" // why A\n  }\n}\n';
    assert.equal(
      insert(text, ['env'], [['C', 'd']], TWO),
      '{\n  "env": {\n    "A": "b", // why A\n    "C": "d"\n  }\n}\n',
    );
  });

  test('keeps a trailing comma style', () => {
    const text = '{\n\t"env": {\n\t\t"A": "b", /* x */\n\t},\n}\n';
    assert.equal(
      insert(text, ['env'], [['C', 'd']], TAB),
      '{\n\t"env": {\n\t\t"A": "b", /* x */\n\t\t"C": "d",\n\t},\n}\n',
    );
  });

  test('a one-line object stays on one line', () => {
    assert.equal(
      insert('{ "m": { "type": "cache", "target": "/x" } }', ['m'], [['source', 'v']], TWO),
      '{ "m": { "type": "cache", "target": "/x", "source": "v" } }',
    );
    assert.equal(insert('{ "m": { "a": 1, } }', ['m'], [['b', '2']], TWO), '{ "m": { "a": 1, "b": "2", } }');
  });

  test('an object value into the root, indented like its siblings', () => {
    const text = '{\n  "name": "x" // n\n}';
    assert.equal(
      insert(text, [], [['containerEnv', { UV_CACHE_DIR: '/uvcache' }]], TWO),
      '{\n  "name": "x", // n\n  "containerEnv": {\n    "UV_CACHE_DIR": "/uvcache"\n  }\n}',
    );
  });

  test('empty objects, with and without comments inside', () => {
    assert.equal(insert('{}', [], [['a', 'b']], TAB), '{\n\t"a": "b"\n}');
    assert.equal(insert('{\n  "env": {}\n}', ['env'], [['a', 'b']], TWO), '{\n  "env": {\n    "a": "b"\n  }\n}');
    assert.equal(insert('{ /* c */ }', [], [['a', 'b']], TWO), '{\n  "a": "b" /* c */ }');
  });

  test('a closing brace on the last property line, and a comment running over lines', () => {
    assert.equal(insert('{\n  "a": 1 }', [], [['b', 'c']], TWO), '{\n  "a": 1,\n  "b": "c" }');
    assert.equal(
      insert('{\n  "a": 1 /* x\n y */\n}', [], [['b', 'c']], TWO),
      '{\n  "a": 1,\n  "b": "c" /* x\n y */\n}',
    );
  });

  test('several properties at once, and CRLF', () => {
    assert.equal(
      insert(
        '{\r\n  "a": 1\r\n}',
        [],
        [
          ['b', 'c'],
          ['d', 'e'],
        ],
        { unit: '  ', eol: '\r\n' },
      ),
      '{\r\n  "a": 1,\r\n  "b": "c",\r\n  "d": "e"\r\n}',
    );
  });

  test('malformed objects give no edits', () => {
    const text = '{"a": ';
    const root = parseTree(text)!;
    assert.equal(insertProperties(text, new LineIndex(text), root, [['b', 'c']], TWO), undefined);
  });
});

describe('replaceValue', () => {
  test('strings, and an object value on several lines', () => {
    const text = '{\n  "env": null\n}';
    const node = propertyValue(parseTree(text), 'env')!;
    const lines = new LineIndex(text);
    assert.equal(applyEdits(text, [replaceValue(text, lines, node, 'x', TWO)]), '{\n  "env": "x"\n}');
    assert.equal(
      applyEdits(text, [replaceValue(text, lines, node, { A: 'b' }, TWO, true)]),
      '{\n  "env": {\n    "A": "b"\n  }\n}',
    );
  });
});
