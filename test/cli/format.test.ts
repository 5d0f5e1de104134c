import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { FileResult } from '../../server/src/cli/check';
import { formatJson, toJsonReport } from '../../server/src/cli/format-json';
import { fixNotice, formatFindings, formatText, summaryLine } from '../../server/src/cli/format-text';
import type { Finding } from '../../server/src/core/rules/rule';

// CRLF line endings and a non-ASCII character before the finding, to pin 0-based UTF-16 positions.
const TEXT =
  'FROM python:3.12-slim\r\n# caf\u00e9 \u{1F600}\r\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\r\n';
const runLineStart = TEXT.indexOf('RUN');
const typeStart = TEXT.indexOf('type=cache');

function finding(partial: Partial<Finding> = {}): Finding {
  return {
    code: 'CM001',
    name: 'missing-cache-id',
    severity: 'info',
    message: 'The uv cache mount at /root/.cache/uv has no id.',
    messageId: 'noId',
    data: {},
    detail: '',
    span: { start: TEXT.indexOf('--mount'), end: TEXT.indexOf(' uv sync') },
    fixes: [
      {
        title: 'Add id=uv-cache',
        preferred: true,
        safety: 'safe',
        edits: [
          {
            span: { start: typeStart + 'type=cache'.length, end: typeStart + 'type=cache'.length },
            newText: ',id=uv-cache',
          },
        ],
      },
    ],
    related: [],
    ...partial,
  };
}

function result(findings: Finding[], path = 'app/Dockerfile'): FileResult {
  return { target: { path, kind: 'dockerfile' }, text: TEXT, findings, errors: [] };
}

describe('text format', () => {
  test('path:line:col: severity CODE message, 1-based', () => {
    const lines = formatFindings(result([finding()]));
    assert.deepEqual(lines, [`app/Dockerfile:3:5: info CM001 The uv cache mount at /root/.cache/uv has no id.`]);
    assert.equal(runLineStart + 4, TEXT.indexOf('--mount'));
  });

  test('a message with line breaks stays on one line', () => {
    const [line] = formatFindings(result([finding({ message: 'first\nsecond\r\n  third' })]));
    assert.match(line!, /CM001 first second third$/);
  });

  test('summary counts by severity and files', () => {
    const results = [
      result([finding(), finding({ code: 'CM005', severity: 'warning' }), finding({ severity: 'error' })]),
      result([], 'b/Dockerfile'),
      { ...result([], 'gone/Dockerfile'), text: '', readError: 'cannot read: no such file or directory' },
    ];
    assert.equal(
      summaryLine(results),
      '3 problems (1 error, 1 warning, 1 info, 0 hints) in 1 of 2 files checked; 1 file could not be read.',
    );
    assert.equal(summaryLine([result([])]), 'No problems found in 1 file checked.');
    const out = formatText(results);
    assert.equal(out.split('\n').length, 5); // 3 findings, summary, final newline
    assert.ok(out.endsWith('could not be read.\n'));
  });

  test('fix notices', () => {
    const base = result([]);
    assert.equal(fixNotice(base), undefined);
    assert.equal(
      fixNotice({ ...base, fix: { applied: 3, fixedCodes: { CM001: 2, CM009: 1 }, written: true } }),
      'app/Dockerfile: fixed 3 problems (CM001 x2, CM009)',
    );
    // Not written is trouble, reported on stderr by the run, never in the text output.
    assert.equal(
      fixNotice({
        ...base,
        fix: { applied: 1, fixedCodes: {}, written: false, notWritten: 'cannot write: permission denied' },
      }),
      undefined,
    );
  });
});

describe('json format', () => {
  test('exact shape with 0-based UTF-16 positions', () => {
    const report = JSON.parse(formatJson([result([finding()])]));
    const mountCol = TEXT.indexOf('--mount') - runLineStart;
    const insertCol = typeStart + 'type=cache'.length - runLineStart;
    assert.deepEqual(report, {
      version: 1,
      files: [
        {
          path: 'app/Dockerfile',
          diagnostics: [
            {
              code: 'CM001',
              name: 'missing-cache-id',
              severity: 'info',
              messageId: 'noId',
              data: {},
              message: 'The uv cache mount at /root/.cache/uv has no id.',
              detail: '',
              range: {
                start: { line: 2, character: mountCol },
                end: { line: 2, character: TEXT.indexOf(' uv sync') - runLineStart },
              },
              fixes: [
                {
                  title: 'Add id=uv-cache',
                  preferred: true,
                  edits: [
                    {
                      range: { start: { line: 2, character: insertCol }, end: { line: 2, character: insertCol } },
                      newText: ',id=uv-cache',
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
    });
  });

  test('characters count UTF-16 code units (an emoji is two)', () => {
    const emoji = TEXT.indexOf('\u{1F600}');
    const after = finding({ span: { start: emoji + 2, end: emoji + 2 } });
    const [diag] = toJsonReport([result([after])]).files[0]!.diagnostics;
    assert.deepEqual(diag!.range.start, { line: 1, character: '# caf\u00e9 '.length + 2 });
  });

  test('files that could not be read are listed with the reason; clean files with no diagnostics', () => {
    const results = [
      result([], 'clean/Dockerfile'),
      { ...result([], 'gone'), text: '', readError: 'cannot read: no such file or directory' },
    ];
    assert.equal(
      formatJson(results),
      '{"version":1,"files":[{"path":"clean/Dockerfile","diagnostics":[]},{"path":"gone","diagnostics":[],"error":"cannot read: no such file or directory"}]}\n',
    );
  });
});
