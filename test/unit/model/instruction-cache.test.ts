// The instruction cache (server/src/core/dockerfile/instruction-cache.ts) must not change any model:
// a build that reuses the previous build's instructions equals a build from scratch, for edits
// before, inside and after instructions (offsets shifted), escape changes and heredocs.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildDockerfileModel } from '../../../server/src/core/dockerfile/model';
import { clearInstructionCache } from '../../../server/src/core/dockerfile/instruction-cache';
import type { DockerfileModel } from '../../../server/src/core/dockerfile/types';

const URI = 'file:///cache-test/Dockerfile';

/** The model as data: functions (Mount.option, Scope.lookup) dropped, scopes as what they resolve. */
function snapshot(m: DockerfileModel): string {
  return JSON.stringify(m, (key, value: unknown) => {
    if ((key === 'scope' || key === 'endScope') && value && typeof value === 'object' && 'all' in value)
      return (value as { all(): unknown[] }).all();
    if (key === 'lines') return undefined;
    return value;
  });
}

function fresh(text: string): string {
  clearInstructionCache();
  return snapshot(buildDockerfileModel(text, URI));
}

/** Builds `before`, then `after` with the same URI (so `after` reuses `before`'s instructions). */
function incremental(before: string, after: string): string {
  clearInstructionCache();
  buildDockerfileModel(before, URI); // the first build of a document keeps nothing
  buildDockerfileModel(before, URI);
  return snapshot(buildDockerfileModel(after, URI));
}

function examples(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...examples(path));
    else if (name === 'Dockerfile') out.push(readFileSync(path, 'utf8'));
  }
  return out;
}

const HEREDOC =
  'FROM python:3.12\nRUN <<EOF\nuv pip install x\nexport UV_CACHE_DIR=/c\nEOF\nRUN --mount=type=cache,target=/root/.cache/uv \\\n    uv sync && \\\n    A=1 pip install y\n';

describe('instruction cache', () => {
  const texts = [...examples(join(__dirname, '../../../../examples')), HEREDOC];

  test('the examples exist', () => assert.ok(texts.length >= 5));

  test('a typed character anywhere gives the same model as a build from scratch', () => {
    for (const text of texts) {
      // Every 7th offset: before, inside and after instructions, on continuations and in heredocs.
      for (let at = 0; at <= text.length; at += 7) {
        for (const typed of ['x', ' ', '\n', '\\', '$', '"']) {
          const after = text.slice(0, at) + typed + text.slice(at);
          assert.equal(incremental(text, after), fresh(after), `typing ${JSON.stringify(typed)} at ${at}`);
        }
      }
    }
  });

  test('deleting text and changing the escape directive give the same model as a build from scratch', () => {
    for (const text of texts) {
      for (let at = 0; at < text.length; at += 11) {
        const after = text.slice(0, at) + text.slice(at + 3);
        assert.equal(incremental(text, after), fresh(after), `deleting at ${at}`);
      }
      const escaped = `# escape=\`\n${text}`;
      assert.equal(incremental(text, escaped), fresh(escaped));
      assert.equal(incremental(escaped, text), fresh(text));
    }
  });

  test('a model changed after its build does not change the next build', () => {
    clearInstructionCache();
    const first = buildDockerfileModel(HEREDOC, URI);
    const expected = fresh(HEREDOC);
    clearInstructionCache();
    buildDockerfileModel(HEREDOC, URI);
    const again = buildDockerfileModel(HEREDOC, URI);
    for (const run of again.runs) for (const command of run.script.commands) command.words.length = 0;
    assert.notEqual(snapshot(again), snapshot(first));
    assert.equal(snapshot(buildDockerfileModel(HEREDOC, URI)), expected);
  });
});
