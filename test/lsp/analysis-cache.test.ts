// The server's analysis cache keeps only the most recently used analyses and re-analyses on demand.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache } from '../../server/src/analysis-cache';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import type { Logger } from '../../server/src/log';

const quiet = { debug() {}, info() {}, warn() {}, error() {} } as unknown as Logger;
const doc = (n: number, version = 1): TextDocument =>
  TextDocument.create(
    `file:///w/${n}/Dockerfile`,
    'dockerfile',
    version,
    'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n',
  );

describe('AnalysisCache', () => {
  test('keeps at most its bound, evicting the least recently used', () => {
    const cache = new AnalysisCache(quiet, undefined, 3);
    const docs = [0, 1, 2].map((n) => doc(n));
    const first = docs.map((d) => cache.get(d, DEFAULT_SETTINGS));
    assert.ok(first.every((a) => a !== undefined && a.findings.length > 0));
    assert.equal(
      cache.get(docs[0]!, DEFAULT_SETTINGS),
      first[0],
      'a hit returns the same analysis (and makes it recent)',
    );
    cache.get(doc(3), DEFAULT_SETTINGS);
    assert.equal(cache.size, 3);
    assert.equal(cache.get(docs[0]!, DEFAULT_SETTINGS), first[0], 'the recently used one stayed');
    const again = cache.get(docs[1]!, DEFAULT_SETTINGS);
    assert.notEqual(again, first[1], 'the least recently used one was evicted and is analysed again');
    assert.deepEqual(
      again?.findings.map((f) => [f.code, f.span]),
      first[1]?.findings.map((f) => [f.code, f.span]),
    );
  });

  test('inputs change with the version, the settings and clear()', () => {
    const cache = new AnalysisCache(quiet);
    const d = doc(0);
    const inputs = cache.inputsOf(d, DEFAULT_SETTINGS);
    assert.ok(AnalysisCache.sameInputs(inputs, cache.inputsOf(d, DEFAULT_SETTINGS)));
    assert.ok(!AnalysisCache.sameInputs(inputs, cache.inputsOf(doc(0, 2), DEFAULT_SETTINGS)));
    assert.ok(!AnalysisCache.sameInputs(inputs, cache.inputsOf(d, { ...DEFAULT_SETTINGS })));
    cache.clear();
    assert.ok(!AnalysisCache.sameInputs(inputs, cache.inputsOf(d, DEFAULT_SETTINGS)));
  });
});
