// Stage re-use (server/src/core/dockerfile/stage-reuse.ts): a build resumes the previous build of the
// same document at the last FROM before the edit. The stages before it are the previous model's
// objects; everything else equals a build from scratch, and the previous model is never changed.
// (test/unit/model/instruction-cache.test.ts compares incremental and fresh builds for edits everywhere.)
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDockerfileModel } from '../../../server/src/core/dockerfile/model';
import { clearInstructionCache } from '../../../server/src/core/dockerfile/instruction-cache';
import { freshSnapshot, modelSnapshot } from '../../helpers/model-snapshot';

const URI = 'file:///stage-reuse/Dockerfile';

const TEXT = [
  'ARG PY=3.12',
  'FROM python:${PY}-slim AS base',
  'ENV UV_CACHE_DIR=/cache/uv',
  'RUN --mount=type=cache,id=uv-cache,target=${UV_CACHE_DIR} uv pip install --system httpx',
  'FROM base AS build',
  'RUN useradd -m app',
  'USER app',
  'RUN --mount=type=cache,target=/home/app/.cache/pip pip install rich',
  'FROM base AS final',
  'COPY --from=build /home/app /home/app',
  'RUN --mount=type=cache,target=/root/.cache/pip pip install typer',
  '',
].join('\n');

const snapshot = modelSnapshot;
const fresh = (text: string): string => freshSnapshot(text, URI);

describe('stage re-use', () => {
  test('a document built once keeps nothing: its second build starts afresh (the CLI and the walk build each file once)', () => {
    clearInstructionCache();
    const once = buildDockerfileModel(TEXT, URI);
    const second = buildDockerfileModel(TEXT, URI);
    assert.notEqual(second.stages[0], once.stages[0]);
    assert.equal(buildDockerfileModel(TEXT, URI).stages[0], second.stages[0]);
  });

  test('an edit in the last stage keeps the earlier stages as objects and equals a fresh build', () => {
    clearInstructionCache();
    buildDockerfileModel(TEXT, URI); // a document's first build is not kept
    const first = buildDockerfileModel(TEXT, URI);
    const firstSnapshot = snapshot(first);
    const edited = TEXT.replace('pip install typer', 'pip install typer rich');
    const second = buildDockerfileModel(edited, URI);
    assert.equal(second.stages[0], first.stages[0]);
    assert.equal(second.stages[1], first.stages[1]);
    assert.equal(second.runs[1], first.runs[1]);
    assert.notEqual(second.stages[2], first.stages[2]);
    assert.equal(snapshot(second), fresh(edited));
    assert.equal(snapshot(first), firstSnapshot, 'the previous model is unchanged');
  });

  test('an edit in the first stage rebuilds every stage', () => {
    clearInstructionCache();
    buildDockerfileModel(TEXT, URI);
    const first = buildDockerfileModel(TEXT, URI);
    const edited = TEXT.replace('httpx', 'httpx rich');
    const second = buildDockerfileModel(edited, URI);
    assert.notEqual(second.stages[0], first.stages[0]);
    assert.notEqual(second.stages[2], first.stages[2]);
    assert.equal(snapshot(second), fresh(edited));
  });

  test('a FROM edited into another instruction resumes one stage earlier, never extending a kept stage', () => {
    clearInstructionCache();
    buildDockerfileModel(TEXT, URI);
    const first = buildDockerfileModel(TEXT, URI);
    const firstSnapshot = snapshot(first);
    for (const edited of [
      TEXT.replace('FROM base AS final', 'RUN --mount=type=cache,target=/x true'),
      TEXT.replace('FROM base AS final', 'FRO base AS final'),
      TEXT.replace('FROM base AS final\n', ''),
      TEXT.slice(0, TEXT.indexOf('FROM base AS final')),
    ]) {
      buildDockerfileModel(TEXT, URI);
      const second = buildDockerfileModel(edited, URI);
      assert.equal(snapshot(second), fresh(edited));
    }
    assert.equal(snapshot(first), firstSnapshot, 'the previous model is unchanged');
  });

  test('other image settings or another escape character rebuild everything', () => {
    clearInstructionCache();
    buildDockerfileModel(TEXT, URI);
    const first = buildDockerfileModel(TEXT, URI);
    assert.equal(buildDockerfileModel(TEXT, URI).stages[0], first.stages[0]); // the same settings: kept
    const withImages = buildDockerfileModel(TEXT, URI, {
      images: [
        {
          pattern: 'python:*',
          origin: 'settings',
          facts: {
            user: 'app',
            home: '/home/app',
            users: [{ name: 'app', uid: 1000, gid: 1000, home: '/home/app' }],
            env: {},
            packageManager: 'apt',
            distro: 'debian',
            source: 'test',
          },
        },
      ],
    });
    assert.notEqual(withImages.stages[0], first.stages[0]);
    const escaped = `# escape=\`\n${TEXT}`;
    buildDockerfileModel(TEXT, URI);
    const again = buildDockerfileModel(escaped, URI);
    assert.notEqual(again.stages[0], first.stages[0]);
    assert.equal(snapshot(again), fresh(escaped));
  });

  test('typing a whole stage character by character equals fresh builds at every step', () => {
    clearInstructionCache();
    const added = 'FROM final AS test\nUSER app\nRUN --mount=type=cache,target=/home/app/.cache/uv uv sync\n';
    let text = TEXT;
    for (const ch of added) {
      text += ch;
      const incremental = snapshot(buildDockerfileModel(text, URI));
      assert.equal(incremental, fresh(text), `after typing up to ${JSON.stringify(text.slice(-12))}`);
      buildDockerfileModel(text, URI); // fresh() forgot the history: build twice, the next step resumes this one
      buildDockerfileModel(text, URI);
    }
  });
});
