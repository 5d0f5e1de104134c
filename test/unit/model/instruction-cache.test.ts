// The instruction cache (server/src/core/dockerfile/instruction-cache.ts) must not change any model:
// a build that reuses the previous build's instructions equals a build from scratch, for edits
// before, inside and after instructions (offsets shifted), escape changes and heredocs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildDockerfileModel } from '../../../server/src/core/dockerfile/model';
import { clearInstructionCache, freezeSharedParses } from '../../../server/src/core/dockerfile/instruction-cache';
import { analyze } from '../../../server/src/core/engine';
import { DEFAULT_SETTINGS } from '../../../server/src/core/settings';
import { freshSnapshot, modelSnapshot } from '../../helpers/model-snapshot';

const URI = 'file:///cache-test/Dockerfile';

const snapshot = modelSnapshot;
const fresh = (text: string): string => freshSnapshot(text, URI);

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

/** Findings as data, and whether any rule threw or any instruction failed to build. */
function analysed(text: string): string {
  const a = analyze(text, URI, 'dockerfile', DEFAULT_SETTINGS);
  assert.deepEqual(a.errors, [], 'a rule threw');
  assert.equal(a.model.kind === 'dockerfile' && a.model.notes.find((n) => /TypeError/.test(n)), undefined);
  return JSON.stringify(a.findings);
}

describe('instruction cache', () => {
  const texts = [...examples(join(__dirname, '../../../../examples')), HEREDOC];
  const realFiles = examples(join(__dirname, '../../../../test/corpus/real'));
  // Builds share parses: frozen here, so any code that changes one throws.
  before(() => freezeSharedParses(true));
  after(() => freezeSharedParses(false));

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

  test('a model cannot change the parses the next build reuses: they are frozen', () => {
    const expected = fresh(HEREDOC);
    clearInstructionCache();
    buildDockerfileModel(HEREDOC, URI);
    const again = buildDockerfileModel(HEREDOC, URI);
    const command = again.runs[1]!.script.commands[0]!;
    assert.throws(() => {
      command.words.length = 0;
    }, TypeError);
    assert.throws(() => {
      command.words[0]!.span.start = 0;
    }, TypeError);
    assert.equal(snapshot(buildDockerfileModel(HEREDOC, URI)), expected);
    // Moved instructions (a copy with shifted offsets) are frozen too.
    const moved = buildDockerfileModel(`# a comment\n${HEREDOC}`, URI);
    assert.ok(Object.isFrozen(moved.runs[1]!.script.commands[0]!.words[0]!.span));
  });

  test('no model step or rule changes a shared parse: re-analysing and editing real files gives the fresh findings', () => {
    assert.ok(realFiles.length >= 100);
    for (const text of [...texts, ...realFiles]) {
      const edited = text.replace(/^RUN /m, 'RUN  ');
      clearInstructionCache();
      const fresh1 = analysed(text);
      const fresh2 = analysed(edited);
      clearInstructionCache();
      analysed(text);
      assert.equal(analysed(text), fresh1); // every instruction reused in place
      assert.equal(analysed(`# moved\n${text}`).length > 0, true); // every instruction moved (frozen copies)
      assert.equal(analysed(edited), fresh2);
      assert.equal(analysed(text), fresh1);
    }
  });

  test('an instruction that did not move is the same parse; one that moved is a new one', () => {
    clearInstructionCache();
    buildDockerfileModel(HEREDOC, URI);
    const before = buildDockerfileModel(HEREDOC, URI);
    const appended = buildDockerfileModel(`${HEREDOC}RUN echo more\n`, URI);
    assert.equal(appended.runs[1]!.script, before.runs[1]!.script);
    const moved = buildDockerfileModel(`# a comment\n${HEREDOC}`, URI);
    assert.notEqual(moved.runs[1]!.script, before.runs[1]!.script);
    assert.equal(moved.runs[1]!.script.commands[0]!.span.start, before.runs[1]!.script.commands[0]!.span.start + 12);
  });
});
