// Cache ids under the cursor, rename edits, completion inside `--mount=`, implicit-id inlay hints.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel } from '../../../server/src/core/engine';
import type { DockerfileModel } from '../../../server/src/core/dockerfile/types';
import { DEFAULT_SETTINGS } from '../../../server/src/core/settings';
import { LineIndex } from '../../../server/src/core/text';
import { cacheIdAt, idEdit, invalidIdReason, mountsUsingId } from '../../../server/src/core/editor/cache-ids';
import { implicitIdHints } from '../../../server/src/core/editor/implicit-id-hints';
import { mountCompletions } from '../../../server/src/core/editor/mount-completion';

const URI = 'file:///w/Dockerfile';

function model(text: string): DockerfileModel {
  const m = buildModel(text, URI, 'dockerfile');
  assert.equal(m.kind, 'dockerfile');
  return m;
}

/** Applies one range edit to text. */
function apply(text: string, edit: ReturnType<typeof idEdit>): string {
  assert.ok(!('error' in edit), JSON.stringify(edit));
  const lines = new LineIndex(text);
  return text.slice(0, lines.offsetAt(edit.range.start)) + edit.newText + text.slice(lines.offsetAt(edit.range.end));
}

describe('cache id under the cursor', () => {
  const text = [
    'FROM x',
    'RUN --mount=type=cache,id=uv-cache,target=/root/.cache/uv uv sync',
    'RUN --mount=type=cache,target=/root/.cache/pip/ pip install x',
    'RUN --mount=type=bind,target=/src make',
    'ARG ID',
    'RUN --mount=type=cache,id=$ID,target=/c make',
    '',
  ].join('\n');
  const m = model(text);

  test('on an id= value: the explicit id', () => {
    const at = cacheIdAt(m, text.indexOf('uv-cache') + 2);
    assert.equal(at?.id, 'uv-cache');
    assert.equal(at?.via, 'id');
    assert.equal(text.slice(at.span.start, at.span.end), 'uv-cache');
  });

  test('on the target of a mount without id=: the implicit id (path.Clean of the target)', () => {
    const at = cacheIdAt(m, text.indexOf('/root/.cache/pip') + 3);
    assert.equal(at?.id, '/root/.cache/pip');
    assert.equal(at?.via, 'target');
  });

  test('nothing on a target that is not the id, a bind mount, an unknown id, or outside mounts', () => {
    assert.equal(cacheIdAt(m, text.indexOf('/root/.cache/uv') + 2), undefined);
    assert.equal(cacheIdAt(m, text.indexOf('/src') + 1), undefined);
    assert.equal(cacheIdAt(m, text.indexOf('$ID') + 1), undefined);
    assert.equal(cacheIdAt(m, text.indexOf('uv sync') + 1), undefined);
  });
});

describe('rename edits', () => {
  test('explicit id: the value is replaced', () => {
    const text = 'FROM x\nRUN --mount=type=cache,id=uv-cache,target=/root/.cache/uv uv sync\n';
    const [e] = mountsUsingId(model(text), 'uv-cache');
    assert.equal(apply(text, idEdit(e!, 'uv-shared', 'here')), text.replace('id=uv-cache', 'id=uv-shared'));
  });

  test('implicit id: id= is inserted right after type=cache wherever it is; the target stays', () => {
    const text =
      'FROM x\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\nRUN --mount=target=/root/.cache/uv,type=cache uv sync\n';
    const [first, second] = mountsUsingId(model(text), '/root/.cache/uv');
    let out = apply(text, idEdit(second!, 'uv', 'here'));
    out = apply(out, idEdit(first!, 'uv', 'here'));
    assert.equal(
      out,
      'FROM x\nRUN --mount=type=cache,id=uv,target=/root/.cache/uv uv sync\nRUN --mount=target=/root/.cache/uv,type=cache,id=uv uv sync\n',
    );
    const after = model(out);
    assert.deepEqual(
      after.mounts.map((x) => x.cacheKey?.id),
      [
        { known: true, value: 'uv' },
        { known: true, value: 'uv' },
      ],
    );
    assert.deepEqual(
      after.mounts.map((x) => x.target?.value),
      ['/root/.cache/uv', '/root/.cache/uv'],
    );
  });

  test('an empty id= is replaced, not duplicated', () => {
    const text = 'FROM x\nRUN --mount=type=cache,id=,target=/c make\n';
    const [e] = mountsUsingId(model(text), '/c');
    assert.equal(apply(text, idEdit(e!, 'c', 'here')), 'FROM x\nRUN --mount=type=cache,id=c,target=/c make\n');
  });

  test('an id written with a variable or an escape is refused; one inside quotes is edited inside them', () => {
    for (const written of ['id=${ID}', 'id=uv\\-cache']) {
      const text = `FROM x\nARG ID=uv-cache\nRUN --mount=type=cache,${written},target=/c make\n`;
      const [e] = mountsUsingId(model(text), 'uv-cache');
      assert.ok(e, written);
      const edit = idEdit(e, 'x', 'Dockerfile line 3');
      assert.ok('error' in edit, written);
      assert.match(edit.error, /Dockerfile line 3 is written with quotes, escapes or variables/);
    }
    const quoted = 'FROM x\nRUN --mount=type=cache,"id=uv-cache",target=/c make\n';
    const [q] = mountsUsingId(model(quoted), 'uv-cache');
    assert.equal(apply(quoted, idEdit(q!, 'uv2', 'here')), quoted.replace('"id=uv-cache"', '"id=uv2"'));
  });

  test('invalid new ids', () => {
    assert.equal(invalidIdReason('uv-cache'), undefined);
    assert.equal(invalidIdReason('/root/.cache/uv'), undefined);
    for (const bad of ['', 'a b', 'a,b', 'a=b', 'a"b', "a'b", '$X', 'a\\b', 'a`b'])
      assert.ok(invalidIdReason(bad), bad);
  });
});

describe('completion inside --mount=', () => {
  const ctx = { settings: DEFAULT_SETTINGS, knownIds: ['pip-cache', 'uv-cache'] };
  const at = (text: string, marker = '|') => {
    const offset = text.indexOf(marker);
    const clean = text.replace(marker, '');
    return mountCompletions(model(clean), offset, ctx);
  };

  test("keys: all of them before the type is known, then only the type's keys, never one already written", () => {
    const none = at('FROM x\nRUN --mount=| make\n').map((c) => c.label);
    assert.ok(none.includes('type') && none.includes('size') && none.includes('sharing'));
    const cache = at('FROM x\nRUN --mount=type=cache,| make\n');
    const labels = cache.map((c) => c.label);
    assert.ok(
      labels.includes('id') && labels.includes('target') && labels.includes('sharing') && labels.includes('uid'),
    );
    assert.ok(!labels.includes('type') && !labels.includes('size') && !labels.includes('required'));
    assert.equal(cache.find((c) => c.label === 'target')?.insertText, 'target=');
    assert.equal(cache.find((c) => c.label === 'ro')?.insertText, 'ro');
    const withTarget = at('FROM x\nRUN --mount=type=cache,dst=/x,| make\n').map((c) => c.label);
    assert.ok(!withTarget.includes('target'));
  });

  test('type and sharing values replace what is typed after =', () => {
    const text = 'FROM x\nRUN --mount=type=ca| make\n';
    const types = at(text);
    assert.deepEqual(
      types.map((c) => c.label),
      ['bind', 'cache', 'tmpfs', 'secret', 'ssh'],
    );
    const clean = text.replace('|', '');
    assert.equal(clean.slice(types[0]!.replace.start, types[0]!.replace.end), 'ca');
    assert.deepEqual(
      at('FROM x\nRUN --mount=type=cache,sharing=| apt-get update\n').map((c) => c.label),
      ['shared', 'private', 'locked'],
    );
  });

  test("id values: the tool's id first, then the workspace's ids", () => {
    const ids = at('FROM x\nRUN --mount=type=cache,id=| uv sync\n');
    assert.deepEqual(
      ids.map((c) => c.label),
      ['uv-cache', 'pip-cache'],
    );
    assert.match(ids[0]!.detail ?? '', /uv cache id/);
  });

  test("target value: where the RUN's tool really caches", () => {
    const targets = at('FROM x\nENV UV_CACHE_DIR=/opt/uv\nRUN --mount=type=cache,target=| uv sync\n');
    assert.deepEqual(
      targets.map((c) => c.label),
      ['/opt/uv'],
    );
    assert.match(targets[0]!.documentation ?? '', /UV_CACHE_DIR/);
  });

  test('nothing outside a --mount= flag or outside RUN', () => {
    assert.deepEqual(at('FROM x\nRUN uv sync |\n'), []);
    assert.deepEqual(at('FROM x\nENV A=|\n'), []);
    assert.deepEqual(at('FROM x --mount=|\n'), []);
  });
});

describe('implicit id inlay hints', () => {
  test('one hint per cache mount without id=, after the mount value', () => {
    const text =
      'FROM x\nRUN --mount=type=cache,target=/root/.cache/uv/ --mount=type=cache,id=a,target=/a --mount=type=bind,target=/b uv sync\n';
    const hints = implicitIdHints(model(text), { start: 0, end: text.length });
    assert.equal(hints.length, 1);
    assert.equal(hints[0]!.label, 'id=/root/.cache/uv');
    assert.equal(text.slice(0, hints[0]!.offset).endsWith('target=/root/.cache/uv/'), true);
    assert.match(hints[0]!.tooltip, /path\.Clean of the target/);
    assert.match(hints[0]!.tooltip, /Mounts with the same id \(and the same uid\/gid\/mode\/from\) share the cache\./);
  });

  test('only within the requested span; none for unknown ids or broken mounts', () => {
    const text =
      'FROM x\nRUN --mount=type=cache,target=/a make\nRUN --mount=type=cache,target=$NOPE make\nRUN --mount=type=cache,target="/b make\n';
    const m = model(text);
    assert.equal(implicitIdHints(m, { start: 0, end: 5 }).length, 0);
    assert.deepEqual(
      implicitIdHints(m, { start: 0, end: text.length }).map((h) => h.label),
      ['id=/a'],
    );
  });
});
