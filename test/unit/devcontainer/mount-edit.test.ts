import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDevcontainerModel } from '../../../server/src/core/devcontainer/model';
import { detectFormat } from '../../../server/src/core/devcontainer/json-edit';
import { removeMountField, renameMountKey, setMountValue } from '../../../server/src/core/devcontainer/mount-edit';
import { setEnvEdits } from '../../../server/src/core/devcontainer/env-edit';
import { checkedJsonFix } from '../../../server/src/core/devcontainer/fix-check';
import { mountCovering, mountField } from '../../../server/src/core/devcontainer/mount-query';
import { applyEdits, replace } from '../../../server/src/core/fix';
import { jsoncErrors } from './dc-rule-tester';

const URI = 'file:///w/.devcontainer/devcontainer.json';

function edit(
  text: string,
  f: (m: ReturnType<typeof buildDevcontainerModel>) => ReturnType<typeof setMountValue>,
): string | undefined {
  const model = buildDevcontainerModel(text, URI);
  const edits = f(model);
  if (!edits) return undefined;
  const out = applyEdits(text, edits);
  assert.ok(jsoncErrors(out) <= jsoncErrors(text), out);
  return out;
}

describe('setMountValue', () => {
  const fmt = detectFormat('', '\n');
  test('replaces a value in place, across a JSON escape earlier in the string', () => {
    const text = '{ "mounts": ["src=\\u0061,target=/x,type=bind"] }';
    assert.equal(
      edit(text, (m) => setMountValue(m, m.mounts[0]!, 'type', 'volume', fmt)),
      '{ "mounts": ["src=\\u0061,target=/x,type=volume"] }',
    );
    assert.equal(
      edit(text, (m) => setMountValue(m, m.mounts[0]!, 'source', 'v', fmt)),
      '{ "mounts": ["src=v,target=/x,type=bind"] }',
    );
  });
  test('a value that needs CSV quotes rewrites the field quoted and JSON-escaped', () => {
    const out = edit('{ "mounts": ["target=/x,type=bind"] }', (m) =>
      setMountValue(m, m.mounts[0]!, 'target', '/a,b', fmt),
    );
    assert.equal(out, '{ "mounts": ["\\"target=/a,b\\",type=bind"] }');
    const model = buildDevcontainerModel(out, URI);
    assert.equal(model.mounts[0]!.target, '/a,b');
  });
  test('a missing key is appended; the --mount= prefix stays', () => {
    assert.equal(
      edit('{ "runArgs": ["--mount=target=/x"] }', (m) => setMountValue(m, m.mounts[0]!, 'type', 'volume', fmt)),
      '{ "runArgs": ["--mount=target=/x,type=volume"] }',
    );
  });
  test('object form: replace and add properties', () => {
    assert.equal(
      edit('{ "mounts": [{ "type": "bind", "target": "/x" }] }', (m) =>
        setMountValue(m, m.mounts[0]!, 'source', 'v', fmt),
      ),
      '{ "mounts": [{ "type": "bind", "target": "/x", "source": "v" }] }',
    );
    assert.equal(
      edit('{ "mounts": [{ "type": "bind", "target": "/x" }] }', (m) =>
        setMountValue(m, m.mounts[0]!, 'target', '/y', fmt),
      ),
      '{ "mounts": [{ "type": "bind", "target": "/y" }] }',
    );
  });
  test('-v: replaces the part; refuses a value with ":"', () => {
    assert.equal(
      edit('{ "runArgs": ["-v", "a:/x"] }', (m) => setMountValue(m, m.mounts[0]!, 'target', '/y', fmt)),
      '{ "runArgs": ["-v", "a:/y"] }',
    );
    assert.equal(
      edit('{ "runArgs": ["-v", "a:/x"] }', (m) => setMountValue(m, m.mounts[0]!, 'target', 'c:/y', fmt)),
      undefined,
    );
  });
});

describe('renameMountKey and removeMountField', () => {
  test('renames the key only, keeping case elsewhere', () => {
    const text = '{ "mounts": ["Targt=/x,type=bind"] }';
    assert.equal(
      edit(text, (m) => renameMountKey(m, m.mounts[0]!, m.mounts[0]!.fields[0]!, 'target')),
      '{ "mounts": ["target=/x,type=bind"] }',
    );
  });
  test('a CSV-quoted field is left alone', () => {
    const text = '{ "mounts": ["\\"targt=/a,b\\",type=bind"] }';
    assert.equal(
      edit(text, (m) => renameMountKey(m, m.mounts[0]!, m.mounts[0]!.fields[0]!, 'target')),
      undefined,
    );
  });
  test('object key rename refuses to create a duplicate', () => {
    const text = '{ "mounts": [{ "dst": "/a", "target": "/b" }] }';
    assert.equal(
      edit(text, (m) => renameMountKey(m, m.mounts[0]!, m.mounts[0]!.fields[0]!, 'target')),
      undefined,
    );
  });
  test('removes a middle, first and trailing empty field', () => {
    assert.equal(
      edit('{ "mounts": ["a=1,,b=2"] }', (m) => removeMountField(m, m.mounts[0]!, m.mounts[0]!.fields[1]!)),
      '{ "mounts": ["a=1,b=2"] }',
    );
    assert.equal(
      edit('{ "mounts": [",a=1"] }', (m) => removeMountField(m, m.mounts[0]!, m.mounts[0]!.fields[0]!)),
      '{ "mounts": ["a=1"] }',
    );
    assert.equal(
      edit('{ "mounts": ["a=1,"] }', (m) => removeMountField(m, m.mounts[0]!, m.mounts[0]!.fields[1]!)),
      '{ "mounts": ["a=1"] }',
    );
  });
});

describe('setEnvEdits', () => {
  const text = '{\n  "containerEnv": {\n    "A": "1" // a\n  }\n}';
  test('appends after the last entry, keeping its comment', () => {
    const m = buildDevcontainerModel(text, URI);
    assert.equal(
      applyEdits(text, setEnvEdits(m, 'containerEnv', 'B', '2', detectFormat(text, '\n'))!),
      '{\n  "containerEnv": {\n    "A": "1", // a\n    "B": "2"\n  }\n}',
    );
  });
  test('replaces an existing value; nothing when equal', () => {
    const m = buildDevcontainerModel(text, URI);
    assert.equal(
      applyEdits(text, setEnvEdits(m, 'containerEnv', 'A', '9', detectFormat(text, '\n'))!),
      '{\n  "containerEnv": {\n    "A": "9" // a\n  }\n}',
    );
    assert.deepEqual(setEnvEdits(m, 'containerEnv', 'A', '1', detectFormat(text, '\n')), []);
  });
  test('creates remoteEnv; refuses a non-object section or a half-typed one', () => {
    const m = buildDevcontainerModel('{ "a": 1 }', URI);
    assert.equal(
      applyEdits('{ "a": 1 }', setEnvEdits(m, 'remoteEnv', 'X', 'y', detectFormat('', '\n'))!),
      '{ "a": 1, "remoteEnv": { "X": "y" } }',
    );
    assert.equal(
      setEnvEdits(
        buildDevcontainerModel('{ "containerEnv": 5 }', URI),
        'containerEnv',
        'X',
        'y',
        detectFormat('', '\n'),
      ),
      undefined,
    );
    assert.equal(
      setEnvEdits(buildDevcontainerModel('{ "containerEnv": }', URI), 'containerEnv', 'X', 'y', detectFormat('', '\n')),
      undefined,
    );
  });
});

describe('checkedJsonFix and mountCovering', () => {
  test('rejects edits that break the JSON, overlap, leave the scope or change nothing', () => {
    const text = '{ "mounts": ["a"] }';
    const m = buildDevcontainerModel(text, URI);
    assert.equal(checkedJsonFix(m, 't', [replace({ start: 13, end: 16 }, '"b')], { safety: 'safe' }), undefined);
    assert.equal(
      checkedJsonFix(m, 't', [replace({ start: 13, end: 16 }, '"b"'), replace({ start: 14, end: 15 }, 'c')], {
        safety: 'safe',
      }),
      undefined,
    );
    assert.equal(
      checkedJsonFix(m, 't', [replace({ start: 0, end: 1 }, '{')], { safety: 'safe', scope: { start: 13, end: 16 } }),
      undefined,
    );
    assert.equal(checkedJsonFix(m, 't', [replace({ start: 13, end: 16 }, '"a"')], { safety: 'safe' }), undefined);
    assert.deepEqual(
      checkedJsonFix(m, 't', [replace({ start: 13, end: 16 }, '"b"')], { safety: 'safe', preferred: true })?.preferred,
      true,
    );
  });
  test('bind, volume and cache mounts cover paths below their target; tmpfs does not', () => {
    const m = buildDevcontainerModel(
      '{ "mounts": ["type=bind,source=/h,target=/a", "type=tmpfs,target=/t", "type=cache,target=/c"], "workspaceMount": "source=${localWorkspaceFolder},dst=/ws,type=bind" }',
      URI,
    );
    assert.equal(mountCovering(m, '/a/b'), m.mounts[0]);
    assert.equal(mountCovering(m, '/t/x'), undefined);
    assert.equal(mountCovering(m, '/c'), m.mounts[2]);
    assert.equal(mountCovering(m, '/ws/.cache'), 'workspace');
    assert.equal(mountCovering(m, '/ab'), undefined);
    assert.equal(mountField(m.mounts[0]!, 'source')?.value, '/h');
  });
});
