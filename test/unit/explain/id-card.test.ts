import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hoverDockerfile } from './helpers';

const TEXT = [
  'FROM scratch',
  'RUN --mount=type=cache,id=uv-cache,target=/root/.cache/uv uv sync',
  'RUN --mount=type=cache,id=uv-cache,target=/cache/uv,uid=1000 uv sync',
  'RUN --mount=type=cache,target=uv-cache ls',
  'RUN --mount=type=cache,id=other,target=/o ls',
  '',
].join('\n');

describe('id card', () => {
  test('lists every place in the file using that id, with whether it is the same cache', () => {
    const h = hoverDockerfile(TEXT, 'id=uv-cache', 4);
    assert.equal(TEXT.slice(h.span.start, h.span.end), 'id=uv-cache');
    assert.match(h.markdown, /Every place in this file using that id/);
    assert.match(h.markdown, /line 2\b.*this mount/);
    assert.match(h.markdown, /line 3\b.*\*\*separate cache\*\*.*`uid` differs/);
    assert.match(h.markdown, /line 4\b.*implicit id from target `uv-cache`.*same cache/);
    assert.doesNotMatch(h.markdown, /line 5\b/);
  });

  test('hovering the rest of the flag gives the key card, not the id card', () => {
    const h = hoverDockerfile(TEXT, 'target=/root', 2);
    assert.match(h.markdown, /Cache id: `uv-cache` \(explicit/);
  });
});
