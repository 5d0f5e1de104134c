// The workspace index: summaries of Dockerfiles and devcontainer.json, lookups by tool, id and
// target, the devcontainer -> Dockerfile links, and the per-file generation that tells a cached
// analysis whether other files changed.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel } from '../../../server/src/core/engine';
import { summarize } from '../../../server/src/core/summarize';
import { WorkspaceIndex } from '../../../server/src/core/workspace/workspace-index';
import { indexOf, UV_EXPLICIT, UV_IMPLICIT } from './helpers';

const A = 'file:///w/api/Dockerfile';
const B = 'file:///w/worker/Dockerfile';
const DC = 'file:///w/api/.devcontainer/devcontainer.json';

describe('workspace summary', () => {
  test('keeps each cache mount with its key, tool, ranges and where an id= goes', () => {
    const s = summarize(buildModel(UV_IMPLICIT, B, 'dockerfile'));
    assert.equal(s.mounts.length, 1);
    const m = s.mounts[0]!;
    assert.equal(m.tool, 'uv');
    assert.equal(m.line, 3);
    assert.equal(m.key.explicit, false);
    assert.deepEqual(m.key.id, { known: true, value: '/root/.cache/uv' });
    assert.equal(m.target?.value, '/root/.cache/uv');
    assert.deepEqual(m.target?.valueSpan?.range.start, {
      line: 2,
      character: UV_IMPLICIT.split('\n')[2]!.indexOf('/root'),
    });
    assert.equal(m.insertIdAfterType, true);
    assert.equal(UV_IMPLICIT.slice(0, m.insertIdAt).endsWith('type=cache'), true);
    assert.match(m.describedKey, /implicit id '\/root\/.cache\/uv'/);
  });

  test('bind mounts and other mounts are not indexed; garbage gives an empty summary', () => {
    const s = summarize(
      buildModel('FROM x\nRUN --mount=type=bind,target=/src --mount=target=/b make\n', A, 'dockerfile'),
    );
    assert.deepEqual(s.mounts, []);
    const junk = summarize(buildModel('\u0000\u0001RUN --mount=type=cache,,,"', A, 'dockerfile'));
    assert.ok(Array.isArray(junk.mounts));
  });

  test('a devcontainer.json links to build.dockerfile relative to its folder, and to its context', () => {
    const s = summarize(
      buildModel('{ "build": { "dockerfile": "../Dockerfile", "context": ".." } }', DC, 'devcontainer'),
    );
    assert.equal(s.dockerfile?.uri, A);
    assert.equal(s.dockerfile?.path, '../Dockerfile');
    assert.equal(s.contextUri, 'file:///w/api/');
    const legacy = summarize(buildModel('{ "dockerFile": "Dockerfile.dev" }', DC, 'devcontainer'));
    assert.equal(legacy.dockerfile?.uri, 'file:///w/api/.devcontainer/Dockerfile.dev');
    assert.equal(legacy.contextUri, 'file:///w/api/.devcontainer/');
    const variable = summarize(buildModel('{ "build": { "dockerfile": "${localEnv:DF}" } }', DC, 'devcontainer'));
    assert.equal(variable.dockerfile?.uri, undefined);
  });
});

describe('WorkspaceIndex', () => {
  test('mountsOfTool and mountsOfToolWhere answer from the current summaries, also after files change (sorts and answers are kept)', () => {
    const index = new WorkspaceIndex();
    const targets = ['/root/.cache/uv', '/home/app/.cache/uv', '/cache/uv'];
    const texts = (i: number): string =>
      [
        'FROM python:3.12-slim',
        `RUN --mount=type=cache,target=${targets[i % 3]} uv sync`,
        `RUN --mount=type=cache,id=uv-${i % 2},target=/root/.cache/uv${i % 4 === 0 ? ',uid=1000' : ''} uv sync`,
        '',
      ].join('\n');
    const uri = (i: number) => `file:///w/${i}/Dockerfile`;
    const other = (own: string) => (e: { key: { compareKey?: string } }) =>
      e.key.compareKey !== undefined && e.key.compareKey !== own;
    const check = () => {
      for (const own of ['/root/.cache/uv', 'uv-0', 'nothing']) {
        for (let asker = 0; asker < 12; asker += 5) {
          // From the summaries themselves, not through the index's kept sort: by URI, then line.
          const expected = [...index.all()]
            .filter((f) => f.uri !== uri(asker))
            .flatMap((f) => f.mounts.filter((m) => m.tool === 'uv'))
            .sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.line - b.line))
            .filter(other(own));
          assert.deepEqual(index.mountsOfTool('uv', uri(asker)).filter(other(own)), expected);
          const question = JSON.stringify(['other key', own]);
          for (let again = 0; again < 2; again++) {
            // The second time from the kept answer.
            const selection = index.mountsOfToolWhere('uv', uri(asker), question, other(own));
            assert.equal(selection.count, expected.length);
            assert.deepEqual(selection.first(Infinity), expected);
            assert.deepEqual(selection.first(2), expected.slice(0, 2));
          }
        }
      }
    };
    for (let i = 0; i < 12; i++) index.set(summarize(buildModel(texts(i), uri(i), 'dockerfile')));
    check();
    index.set(summarize(buildModel(texts(1), uri(0), 'dockerfile'))); // a file's mounts change
    check();
    index.delete(uri(5));
    check();
    index.set(summarize(buildModel('FROM x\n', uri(7), 'dockerfile'))); // a file loses its mounts
    check();
    assert.ok(
      index.mountsOfToolWhere('uv', uri(0), JSON.stringify(['other key', 'nothing']), other('nothing')).count > 10,
    );
  });

  test('lookups leave out the asking file and are ordered by URI then line', () => {
    const index = indexOf({ [B]: UV_IMPLICIT, [A]: UV_EXPLICIT });
    assert.deepEqual(
      index.mountsOfTool('uv', A).map((e) => e.uri),
      [B],
    );
    assert.deepEqual(
      index.mountsOfTool('uv', 'file:///other').map((e) => e.uri),
      [A, B],
    );
    assert.deepEqual(
      index.mountsWithId('uv-cache', B).map((e) => e.uri),
      [A],
    );
    assert.deepEqual(index.mountsWithId('uv-cache', A), []);
    assert.deepEqual(
      index.mountsWithTargetPath('/root/.cache/uv', '').map((e) => e.uri),
      [A, B],
    );
    assert.deepEqual(index.mountsOfTool('pip', ''), []);
  });

  test('URIs spelled with other percent-encoding are the same file', () => {
    const index = indexOf({ 'file:///c%3A/w/Dockerfile': UV_EXPLICIT });
    assert.ok(index.has('file:///C:/w/Dockerfile'));
    assert.deepEqual(index.mountsOfTool('uv', 'file:///c:/w/Dockerfile'), []);
  });

  test('replacing and deleting a file updates every lookup', () => {
    const index = indexOf({ [A]: UV_EXPLICIT, [B]: UV_IMPLICIT });
    index.set(
      summarize(
        buildModel('FROM x\nRUN --mount=type=cache,id=other,target=/root/.cache/uv uv sync\n', A, 'dockerfile'),
      ),
    );
    assert.deepEqual(index.mountsWithId('uv-cache', ''), []);
    assert.deepEqual(
      index.mountsWithId('other', '').map((e) => e.uri),
      [A],
    );
    assert.equal(index.delete(B), true);
    assert.equal(index.delete(B), false);
    assert.deepEqual(
      index.mountsOfTool('uv', '').map((e) => e.uri),
      [A],
    );
    assert.equal(index.deleteUnder('file:///w/api'), 1);
    assert.equal(index.size, 0);
  });

  test("generationFor moves for other files' relevant changes only", () => {
    const index = indexOf({ [A]: UV_EXPLICIT, [B]: UV_IMPLICIT });
    const a0 = index.generationFor(A);
    const b0 = index.generationFor(B);
    // A's own edit: A's generation stays, B's moves.
    assert.equal(index.set(summarize(buildModel(UV_EXPLICIT.replace('uv-cache', 'uv2'), A, 'dockerfile'))), true);
    assert.equal(index.generationFor(A), a0);
    assert.equal(index.generationFor(B), b0 + 1);
    // The same keys and places again (a comment edit at the end): nothing moves.
    assert.equal(
      index.set(summarize(buildModel(`${UV_EXPLICIT.replace('uv-cache', 'uv2')}# note\n`, A, 'dockerfile'))),
      false,
    );
    assert.equal(index.generationFor(B), b0 + 1);
    index.delete(A);
    assert.equal(index.generationFor(B), b0 + 2);
  });

  test('devcontainersOf follows build.dockerfile; knownIds lists explicit ids, most used first', () => {
    const index = indexOf({
      [A]: UV_EXPLICIT,
      [B]: 'FROM x\nRUN --mount=type=cache,id=uv-cache,target=/a uv sync\nRUN --mount=type=cache,id=pip-cache,target=/root/.cache/pip pip install x\n',
      [DC]: '{ "build": { "dockerfile": "../Dockerfile" } }',
    });
    assert.deepEqual(
      index.devcontainersOf(A).map((s) => s.uri),
      [DC],
    );
    assert.deepEqual(index.devcontainersOf(B), []);
    assert.deepEqual(index.knownIds(), ['uv-cache', 'pip-cache']);
    index.delete(DC);
    assert.deepEqual(index.devcontainersOf(A), []);
  });

  test('an empty index answers every lookup with nothing', () => {
    const index = new WorkspaceIndex();
    assert.deepEqual(index.mountsOfTool('uv', A), []);
    assert.equal(index.file(A), undefined);
    assert.equal(index.generationFor(A), 0);
  });
});
