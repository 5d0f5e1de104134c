// What the server publishes: each version of a document gets its diagnostics; a re-analysis of the same
// version (the workspace index changed) is sent only when its diagnostics differ from the last ones sent.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Connection, PublishDiagnosticsParams, TextDocuments } from 'vscode-languageserver';
import { AnalysisCache } from '../../server/src/analysis-cache';
import { DiagnosticsPublisher } from '../../server/src/handlers/diagnostics';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import { WorkspaceIndex } from '../../server/src/core/workspace/workspace-index';
import { summarize } from '../../server/src/core/summarize';
import { buildModel } from '../../server/src/core/engine';
import { textFingerprint } from '../../server/src/text-fingerprint';
import type { Logger } from '../../server/src/log';

const quiet = { debug() {}, info() {}, warn() {}, error() {} } as unknown as Logger;
const URI = 'file:///w/api/Dockerfile';
const OTHER = 'file:///w/worker/Dockerfile';
const TEXT = 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n';

/** `written`: when the send of a publication completes (default: at once). */
function setUp(written: () => Promise<void> = () => Promise.resolve()) {
  const sent: PublishDiagnosticsParams[] = [];
  const connection = {
    sendDiagnostics: (p: PublishDiagnosticsParams) => {
      sent.push(p);
      return written();
    },
  } as unknown as Connection;
  let doc = TextDocument.create(URI, 'dockerfile', 1, TEXT);
  const documents = { get: (uri: string) => (uri === URI ? doc : undefined), all: () => [doc] };
  const index = new WorkspaceIndex();
  let generation = 0;
  const cache = new AnalysisCache(quiet, { view: index, generationFor: () => generation });
  const publisher = new DiagnosticsPublisher(
    connection,
    documents as unknown as TextDocuments<TextDocument>,
    cache,
    { get: () => Promise.resolve(DEFAULT_SETTINGS) },
    quiet,
  );
  return {
    sent,
    publisher,
    /** Another file joins the index: this document's results may depend on it, so it is analysed again. */
    index(uri: string, text: string) {
      index.set(summarize(buildModel(text, uri, 'dockerfile')));
      generation++;
    },
    edit(text: string) {
      doc = TextDocument.update(doc, [{ text }], doc.version + 1);
    },
  };
}

describe('DiagnosticsPublisher', () => {
  test('an index change that leaves the findings as they were sends nothing; one that changes them sends', async () => {
    const s = setUp();
    await s.publisher.validate(URI);
    assert.equal(s.sent.length, 1);
    // A file with no uv cache mount: the uv findings of this document stay the same.
    s.index('file:///w/web/Dockerfile', 'FROM nginx\nRUN echo hi\n');
    await s.publisher.validate(URI);
    assert.equal(s.sent.length, 1, 'same version, same diagnostics: not sent again');
    // Another file caches uv under another key: this document's uv cache is now split across files (CM002).
    s.index(OTHER, 'FROM python:3.12\nRUN --mount=type=cache,id=other,target=/root/.cache/uv uv sync\n');
    await s.publisher.validate(URI);
    assert.equal(s.sent.length, 2, 'the findings changed: sent');
    assert.notDeepEqual(s.sent[1]!.diagnostics, s.sent[0]!.diagnostics);
  });

  test('every version gets its diagnostics, even when they equal the last ones', async () => {
    const s = setUp();
    await s.publisher.validate(URI);
    s.edit(TEXT + '\n');
    await s.publisher.validate(URI);
    assert.deepEqual(
      s.sent.map((p) => p.version),
      [1, 2],
    );
  });

  test('a document closed while its diagnostics were being sent gets them again when reopened', async () => {
    // Each send completes when the test says so; `started` resolves when the first one begins.
    const pending: (() => void)[] = [];
    let started = (): void => undefined;
    const firstSend = new Promise<void>((resolve) => (started = resolve));
    const s = setUp(
      () =>
        new Promise<void>((resolve) => {
          pending.push(resolve);
          started();
        }),
    );
    const sending = s.publisher.validate(URI);
    await firstSend;
    s.publisher.clear(URI); // closed while the send waits
    pending.forEach((resolve) => resolve());
    await sending;
    // Reopened with the same text and version 1: its diagnostics must reach the client again.
    const again = s.publisher.validate(URI);
    for (let turn = 0; turn < 100 && s.sent.filter((p) => p.diagnostics.length > 0).length < 2; turn++)
      await new Promise((resolve) => setImmediate(resolve));
    pending.forEach((resolve) => resolve());
    await again;
    assert.equal(s.sent.filter((p) => p.diagnostics.length > 0).length, 2);
  });

  test('republishAll sends again what was sent (general Dockerfile support was switched)', async () => {
    const s = setUp();
    await s.publisher.validate(URI);
    await s.publisher.republishAll();
    assert.equal(s.sent.length, 2);
  });
});

describe('textFingerprint', () => {
  test('equal for equal text, different for texts differing in one character or in length', () => {
    const text = JSON.stringify({ range: { start: { line: 3, character: 4 } }, message: 'The uv cache is split' });
    assert.equal(textFingerprint(text), textFingerprint(`${text}`));
    assert.notEqual(textFingerprint(text), textFingerprint(text.replace('3', '4')));
    assert.notEqual(textFingerprint(text), textFingerprint(`${text} `));
    assert.notEqual(textFingerprint(''), textFingerprint('\0'));
    assert.ok(Number.isSafeInteger(textFingerprint(text)));
  });
});
