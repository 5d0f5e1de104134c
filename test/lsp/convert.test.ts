// The server's pure helpers: offset -> LSP conversion, the fix-all diff, the `only` filter.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { minimalEdit, rangesTouch, toDiagnostic, toRange } from '../../server/src/convert';
import { wants } from '../../server/src/handlers/code-actions';
import type { Finding } from '../../server/src/core/rules/rule';
import { applyTextEdits } from '../helpers/lsp-client';

function doc(text: string, version = 4): TextDocument {
  return TextDocument.create('file:///w/Dockerfile', 'dockerfile', version, text);
}

function roundTrip(before: string, after: string): string {
  const edit = minimalEdit(doc(before), before, after);
  assert.ok(edit);
  assert.equal(applyTextEdits(before, [edit]), after);
  return edit.newText;
}

describe('minimalEdit', () => {
  test('returns nothing when the text did not change', () => {
    assert.equal(minimalEdit(doc('same'), 'same', 'same'), undefined);
  });

  test('replaces only the changed middle', () => {
    const before = 'FROM a\nRUN --mount=type=cache,target=/x b\n';
    const after = 'FROM a\nRUN --mount=type=cache,id=c,target=/x b\n';
    const edit = minimalEdit(doc(before), before, after)!;
    // The longest common prefix wins: ",id=c" after "type=cache" is found as "id=c," after "type=cache,".
    assert.deepEqual(edit, {
      range: { start: { line: 1, character: 23 }, end: { line: 1, character: 23 } },
      newText: 'id=c,',
    });
  });

  test('never splits a CRLF pair, so both ends are real positions', () => {
    assert.equal(roundTrip('a\r\nb', 'a\nb'), '\n'); // replaces the whole \r\n, not just the \r
    roundTrip('FROM a\r\nRUN b\r\n', 'FROM a\r\nENV X=1\r\nRUN b\r\n');
    roundTrip('x\r\n', 'x\n');
    roundTrip('x\n', 'x\r\n');
  });

  test('never splits a surrogate pair', () => {
    roundTrip('a\u{1F600}b', 'a\u{1F601}b');
    const edit = minimalEdit(doc('a\u{1F600}b'), 'a\u{1F600}b', 'a\u{1F601}b')!;
    assert.equal(edit.newText, '\u{1F601}');
  });

  test('handles insertions at either end and deleting everything', () => {
    roundTrip('RUN x\n', '# syntax=docker/dockerfile:1\nRUN x\n');
    roundTrip('RUN x', 'RUN x\n');
    roundTrip('RUN x\n', '');
    roundTrip('', 'FROM a\n');
  });
});

describe('toDiagnostic', () => {
  const text = 'FROM a\r\nRUN --mount=type=cache,target=/x b\r\n';
  const finding: Finding = {
    code: 'CM001',
    name: 'missing-cache-id',
    severity: 'hint',
    message: 'm',
    messageId: 'noId',
    data: {},
    detail: '',
    span: { start: 20, end: 30 },
    fixes: [
      {
        title: 'Add id=x',
        preferred: true,
        safety: 'safe',
        edits: [{ span: { start: 30, end: 30 }, newText: ',id=x' }],
      },
    ],
    related: [
      { span: { start: 0, end: 4 }, message: 'same file' },
      { span: { start: 0, end: 4 }, message: 'a file that is not open', uri: 'file:///elsewhere/Dockerfile' },
    ],
  };

  test('maps range (CRLF lines), hint severity, code, link, related information and the version in data', () => {
    const d = toDiagnostic(doc(text, 7), finding);
    assert.deepEqual(d.range, { start: { line: 1, character: 12 }, end: { line: 1, character: 22 } });
    assert.equal(d.severity, 4);
    assert.equal(d.code, 'CM001');
    assert.equal(d.source, 'docker-cache-mounts');
    assert.match(d.codeDescription!.href, /CM001\.md$/);
    assert.deepEqual(d.relatedInformation, [
      {
        location: {
          uri: 'file:///w/Dockerfile',
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } },
        },
        message: 'same file',
      },
    ]);
    // The version only: code actions build the fixes on the current text.
    assert.deepEqual(d.data, { version: 7 });
  });

  test('a lone CR counts as a line break, as editors count it', () => {
    assert.deepEqual(toRange(doc('a\rbc'), { start: 3, end: 4 }), {
      start: { line: 1, character: 1 },
      end: { line: 1, character: 2 },
    });
  });
});

describe('code action helpers', () => {
  test('`only` admits a kind and its sub-kinds', () => {
    assert.equal(wants(undefined, 'quickfix'), true);
    assert.equal(wants(['source'], 'source.fixAll.dockerCacheMounts'), true);
    assert.equal(wants(['source.fixAll'], 'source.fixAll.dockerCacheMounts'), true);
    assert.equal(wants(['source.fixAll'], 'quickfix'), false);
    assert.equal(wants(['source.fixAll.eslint'], 'source.fixAll.dockerCacheMounts'), false);
    assert.equal(wants(['quickfix'], 'source.fixAll.dockerCacheMounts'), false);
  });

  test('ranges touch when they overlap or meet', () => {
    const r = (a: number, b: number) => ({ start: { line: 0, character: a }, end: { line: 0, character: b } });
    assert.equal(rangesTouch(r(0, 5), r(5, 5)), true);
    assert.equal(rangesTouch(r(0, 5), r(3, 8)), true);
    assert.equal(rangesTouch(r(0, 5), r(6, 8)), false);
  });
});
