// The workspace features never throw on half-typed or junk text, at any cursor offset.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel } from '../../../server/src/core/engine';
import type { DockerfileModel } from '../../../server/src/core/dockerfile/types';
import { DEFAULT_SETTINGS } from '../../../server/src/core/settings';
import { cacheIdAt } from '../../../server/src/core/editor/cache-ids';
import { implicitIdHints } from '../../../server/src/core/editor/implicit-id-hints';
import { mountCompletions } from '../../../server/src/core/editor/mount-completion';
import { summarize } from '../../../server/src/core/summarize';

const TEXTS = [
  'FROM x\nRUN --mount=',
  'FROM x\nRUN --mount=type=cache,target="/a b,id=\\\n  x uv sync',
  'RUN --mount=type=cache,target=/a',
  'FROM x\nRUN --mount=type=cache,,,id=,target=,sharing=,=,\u0000 uv',
  'FROM x\nRUN --mount type=cache --mount=type=cache,target=${A:-/x} \\\n  --mount=id=$B,type=cache',
  '\uD800\uDC00FROM\r\nRUN\r\n--mount=type=cache,target=/c\r',
];

test('cache ids, completion, hints and summaries at every offset of broken text', () => {
  for (const text of TEXTS) {
    const model = buildModel(text, 'file:///w/Dockerfile', 'dockerfile') as DockerfileModel;
    assert.ok(Array.isArray(summarize(model).mounts));
    assert.ok(Array.isArray(implicitIdHints(model, { start: 0, end: text.length })));
    for (let offset = 0; offset <= text.length; offset++) {
      cacheIdAt(model, offset);
      for (const item of mountCompletions(model, offset, { settings: DEFAULT_SETTINGS, knownIds: ['a'] })) {
        assert.ok(item.replace.start <= item.replace.end && item.replace.end <= text.length, JSON.stringify(item));
      }
    }
  }
});
