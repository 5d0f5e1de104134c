// General Dockerfile support never asks the network: inside a FROM image's tag, where
// dockerfile-language-service would ask Docker Hub for the image's tags, it is not asked at all.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DockerfileLanguageService } from 'dockerfile-language-service';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { generalCompletions, inImageTag } from '../../server/src/handlers/completion';

const TEXT = 'FROM python:3.1 AS base\nRUN echo hi\nFROM --platform=linux/amd64 node:20\n';
const at = (line: number, character: number) => ({ line, character });

/** A service that records the positions it was asked about and offers one instruction. */
function recordingService(asked: unknown[]): DockerfileLanguageService {
  return {
    computeCompletionItems: (_text: string, position: unknown) => {
      asked.push(position);
      return Promise.resolve([{ label: 'WORKDIR' }]);
    },
    resolveCompletionItem: (item: unknown) => item,
  } as unknown as DockerfileLanguageService;
}

describe('general completion and the network', () => {
  test('the tag area of each FROM image, both ends included, and nowhere else', async () => {
    const inside = [at(0, 12), at(0, 14), at(0, 15), at(2, 33), at(2, 35)];
    const outside = [at(0, 3), at(0, 8), at(0, 19), at(1, 5), at(2, 20), at(2, 31)];
    for (const p of inside) assert.equal(await inImageTag(TEXT, p), true, JSON.stringify(p));
    for (const p of outside) assert.equal(await inImageTag(TEXT, p), false, JSON.stringify(p));
  });

  test('inside a tag the service is not asked (it would ask Docker Hub); elsewhere it is', async () => {
    const doc = TextDocument.create('file:///w/Dockerfile', 'dockerfile', 1, TEXT);
    const asked: unknown[] = [];
    const service = recordingService(asked);
    const inTag = await generalCompletions({ textDocument: { uri: doc.uri }, position: at(0, 14) }, doc, service);
    assert.deepEqual(inTag, []);
    assert.deepEqual(asked, []);
    const elsewhere = await generalCompletions({ textDocument: { uri: doc.uri }, position: at(1, 0) }, doc, service);
    assert.deepEqual(
      elsewhere.map((i) => i.label),
      ['WORKDIR'],
    );
    assert.deepEqual(asked, [at(1, 0)]);
  });
});
