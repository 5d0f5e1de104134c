import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { explainAt } from '../../../server/src/core/explain';
import { containsOffset } from '../../../server/src/core/text';
import { devcontainer, dockerfile } from './helpers';

function randomText(seed: number, length: number): string {
  let x = seed;
  let out = '';
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out += String.fromCharCode(x % 0xffff);
  }
  return out;
}

const DOCKERFILES = [
  '',
  randomText(7, 400),
  'FROM scratch\nRUN --mount=type=',
  'FROM scratch\nRUN --mount=type=cache,id=,target= ls',
  'FROM scratch\nRUN --mount=type=cache,target=/x <<EOF\nuv sync\n',
  'FROM scratch\nRUN --mount=type=cache,target=${A:-${B}} --mount=type=cache,uid=abc,mode=999 uv sync\n',
  'RUN --mount=type=cache,target=/x uv sync\nENV UV_CACHE_DIR\nARG UV_CACHE_DIR\nFROM a AS b\nFROM b\nUSER 10001\nRUN --mount=type=cache,target=~/.cache/uv,from=b uv sync\n',
  'FROM scratch\r\nENV UV_CACHE_DIR=/c\r\nRUN --mount=type=cache,target=$UV_CACHE_DIR \\\r\n  # comment\r\n  uv sync\r\n',
];

const JSONS = [
  '',
  '{',
  randomText(3, 300),
  '{"mounts": [1, null, "", {"type": 3}, "type=bind,source=${localEnv:}"]}',
  '{"runArgs": ["--mount", "type=cache,target=/x", "-v", ":/y"]}',
];

describe("cards never throw (explainAt, without hoverAt's safety net)", () => {
  test('every offset of odd Dockerfiles', () => {
    for (const text of DOCKERFILES) {
      const model = dockerfile(text);
      for (let off = -1; off <= text.length + 1; off++) {
        const h = explainAt(model, off);
        if (h) {
          assert.ok(containsOffset(h.span, off), `span must contain the offset (${off})`);
          assert.ok(h.markdown.length > 0);
        }
      }
    }
  });

  test('every offset of odd devcontainer.json files', () => {
    for (const text of JSONS) {
      const model = devcontainer(text);
      for (let off = -1; off <= text.length + 1; off++) {
        const h = explainAt(model, off);
        if (h) assert.ok(containsOffset(h.span, off));
      }
    }
  });
});

describe('huge files', () => {
  // 20,000 mounts (~1 MB): enough to prove the lists are capped. The 5 MB case belongs to the
  // model's own tests (building that model dominates the time, not the card).
  test('a Dockerfile with 20,000 cache mounts: the card lists a bounded number of other mounts', () => {
    const lines = ['FROM scratch'];
    for (let i = 0; i < 20_000; i++) lines.push(`RUN --mount=type=cache,target=/cache/${i % 500} uv sync`);
    const text = lines.join('\n');
    const model = dockerfile(text);
    const h = explainAt(model, text.indexOf('--mount') + 3);
    assert.ok(h);
    // /cache/0 is used by 40 mounts (39 others share it), the other 19,960 do not share it.
    assert.match(h.markdown, /… and 14 more/);
    assert.match(h.markdown, /… and 19935 more/);
    assert.ok(h.markdown.length < 20_000, `card too long: ${h.markdown.length}`);
  });
});
