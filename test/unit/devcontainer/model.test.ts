import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDevcontainerModel } from '../../../server/src/core/devcontainer/model';
import type { DevcontainerModel } from '../../../server/src/core/devcontainer/types';
import { DC_URI, slice, spanOf } from '../../helpers/devcontainer-helpers';

const build = (text: string): DevcontainerModel => buildDevcontainerModel(text, DC_URI);

describe('devcontainer model: mounts (string form)', () => {
  const text = [
    '{',
    '  "mounts": [',
    '    "type=cache,target=/root/.cache/uv,id=uv",',
    '    "Source=${localEnv:HOME}/.aws,dst=/home/vscode/.aws,TYPE=Bind,readonly"',
    '  ]',
    '}',
  ].join('\n');
  const model = build(text);

  test('reads every field with exact spans of key=value and value', () => {
    assert.equal(model.mounts.length, 2);
    const [cache] = model.mounts;
    assert.equal(cache!.origin, 'mounts-string');
    assert.equal(cache!.arrayIndex, 0);
    assert.deepEqual(cache!.span, spanOf(text, '"type=cache,target=/root/.cache/uv,id=uv"'));
    assert.deepEqual(
      cache!.fields.map((f) => [f.key, f.value, slice(text, f.span), slice(text, f.valueSpan)]),
      [
        ['type', 'cache', 'type=cache', 'cache'],
        ['target', '/root/.cache/uv', 'target=/root/.cache/uv', '/root/.cache/uv'],
        ['id', 'uv', 'id=uv', 'uv'],
      ],
    );
    assert.deepEqual(cache!.fields[1]!.span, spanOf(text, 'target=/root/.cache/uv'));
    assert.equal(cache!.type, 'cache');
    assert.equal(cache!.effectiveType, 'cache');
    assert.equal(cache!.target, '/root/.cache/uv');
    assert.equal(cache!.source, undefined);
    assert.equal(cache!.text, 'type=cache,target=/root/.cache/uv,id=uv');
    assert.equal(cache!.prefix, '');
    assert.deepEqual(cache!.problems, []);
  });

  test('lowercases keys and the type, resolves src/dst aliases, keeps bare words', () => {
    const bind = model.mounts[1]!;
    assert.deepEqual(
      bind.fields.map((f) => [f.key, f.value]),
      [
        ['source', '${localEnv:HOME}/.aws'],
        ['dst', '/home/vscode/.aws'],
        ['type', 'Bind'],
        ['readonly', null],
      ],
    );
    assert.equal(bind.type, 'bind');
    assert.equal(bind.source, '${localEnv:HOME}/.aws');
    assert.equal(bind.target, '/home/vscode/.aws');
    assert.equal(slice(text, bind.fields[3]!.span), 'readonly');
    assert.equal(bind.fields[3]!.valueSpan, undefined);
  });

  test('records variables with document spans and the CLI default rules', () => {
    const source = model.mounts[1]!.fields[0]!;
    assert.deepEqual(source.variables, [
      { raw: '${localEnv:HOME}', kind: 'localEnv', name: 'HOME', span: spanOf(text, '${localEnv:HOME}') },
    ]);
    const withDefault = build('{"mounts": ["source=${localEnv:UV_CACHE_DIR:C:\\\\cache},target=/c,type=bind"]}');
    const v = withDefault.mounts[0]!.fields[0]!.variables![0]!;
    assert.equal(v.name, 'UV_CACHE_DIR');
    assert.equal(v.defaultValue, 'C', 'the CLI cuts the default at its first colon');
    assert.equal(v.droppedDefaultText, '\\cache');
  });

  test('a mount without type has effective type volume (the docker run --mount default)', () => {
    const m = build('{"mounts": ["target=/x"]}').mounts[0]!;
    assert.equal(m.type, undefined);
    assert.equal(m.effectiveType, 'volume');
  });
});

describe('devcontainer model: JSON escapes inside mount strings', () => {
  test('spans map decoded offsets back to the document across \\" \\\\ \\/ and \\u escapes', () => {
    const text = '{"mounts": ["type=c\\u0061che,\\"target=/a,b\\",source=x\\\\y\\/z"]}';
    const m = build(text).mounts[0]!;
    assert.equal(m.text, 'type=cache,"target=/a,b",source=x\\y/z');
    assert.deepEqual(
      m.fields.map((f) => [f.key, f.value, slice(text, f.span), slice(text, f.valueSpan)]),
      [
        ['type', 'cache', 'type=c\\u0061che', 'c\\u0061che'],
        ['target', '/a,b', '\\"target=/a,b\\"', '/a,b'],
        ['source', 'x\\y/z', 'source=x\\\\y\\/z', 'x\\\\y\\/z'],
      ],
    );
    assert.equal(m.type, 'cache');
    assert.equal(m.target, '/a,b', 'a CSV-quoted field may contain commas');
  });

  test('CSV problems are reported, and the fields read so far are kept', () => {
    const text = '{"mounts": ["type=bind,sou\\"rce=/x,target=/y"]}';
    const m = build(text).mounts[0]!;
    assert.equal(m.target, '/y');
    assert.equal(m.problems.length, 1);
    assert.match(m.problems[0]!.message, /bare "/);
    assert.equal(slice(text, m.problems[0]!.span), '\\"');
  });
});

describe('devcontainer model: mounts (object form)', () => {
  const text = [
    '{',
    '  "mounts": [',
    '    { "type": "Cache", "source": "uv", "target": "/root/.cache/uv" },',
    '    { "target": "/x", "type": "volume", "type": "bind" }',
    '  ]',
    '}',
  ].join('\n');
  const model = build(text);

  test('fields are properties with property and value spans', () => {
    const m = model.mounts[0]!;
    assert.equal(m.origin, 'mounts-object');
    assert.deepEqual(m.span, spanOf(text, '{ "type": "Cache", "source": "uv", "target": "/root/.cache/uv" }'));
    assert.deepEqual(
      m.fields.map((f) => [f.key, f.value, slice(text, f.span), slice(text, f.valueSpan)]),
      [
        ['type', 'Cache', '"type": "Cache"', '"Cache"'],
        ['source', 'uv', '"source": "uv"', '"uv"'],
        ['target', '/root/.cache/uv', '"target": "/root/.cache/uv"', '"/root/.cache/uv"'],
      ],
    );
    assert.equal(m.type, 'cache');
    assert.equal(m.source, 'uv');
    assert.equal(m.text, 'type=Cache,src=uv,dst=/root/.cache/uv', 'what the CLI passes to docker run');
  });

  test('a duplicate key resolves to the last one, as JSON.parse reads it', () => {
    assert.equal(model.mounts[1]!.type, 'bind');
    assert.equal(model.mounts[1]!.arrayIndex, 1);
  });
});

describe('devcontainer model: runArgs', () => {
  const text = [
    '{',
    '  "runArgs": [',
    '    "--init",',
    '    "--mount", "type=cache,target=/a",',
    '    "--mount=type=cache,target=/b",',
    '    "-v", "/host:/c:ro",',
    '    "--volume=named:/d",',
    '    "-v/e:/f",',
    '    "--volume", "${localEnv:HOME}/.ssh:/g",',
    '    "--mount"',
    '  ]',
    '}',
  ].join('\n');
  const mounts = build(text).mounts;

  test('--mount X and --mount=X parse as --mount values with exact spans', () => {
    const [a, b] = mounts;
    assert.equal(a!.origin, 'runArgs-mount');
    assert.equal(a!.arrayIndex, 2);
    assert.deepEqual(a!.span, spanOf(text, '"type=cache,target=/a"'));
    assert.equal(a!.prefix, '');
    assert.deepEqual(a!.fields[0]!.span, spanOf(text, 'type=cache', 0));
    assert.equal(b!.arrayIndex, 3);
    assert.equal(b!.prefix, '--mount=');
    assert.equal(b!.text, 'type=cache,target=/b');
    assert.deepEqual(b!.span, spanOf(text, '"--mount=type=cache,target=/b"'));
    assert.deepEqual(b!.fields[1]!.span, spanOf(text, 'target=/b'));
    assert.equal(b!.type, 'cache');
  });

  test('-v / --volume parse src:dst[:opts]; a path source is a bind, a name a volume', () => {
    const vols = mounts.filter((m) => m.origin === 'runArgs-volume');
    assert.deepEqual(
      vols.map((m) => [m.prefix, m.source, m.target, m.effectiveType, m.arrayIndex]),
      [
        ['', '/host', '/c', 'bind', 5],
        ['--volume=', 'named', '/d', 'volume', 6],
        ['-v', '/e', '/f', 'bind', 7],
        ['', '${localEnv:HOME}/.ssh', '/g', 'bind', 9],
      ],
    );
    assert.deepEqual(
      vols[0]!.fields.map((f) => [f.key, slice(text, f.span)]),
      [
        ['source', '/host'],
        ['target', '/c'],
        ['options', 'ro'],
      ],
    );
    assert.deepEqual(vols[0]!.fields[1]!.span, spanOf(text, '/c'));
  });

  test('a trailing --mount without a value and unrelated flags yield nothing', () => {
    assert.equal(mounts.length, 6);
  });
});

describe('devcontainer model: env, users, build link, compose', () => {
  const text = [
    '{',
    '  "build": { "dockerfile": "../Dockerfile", "context": ".." },',
    '  "remoteUser": "vscode",',
    '  "containerUser": "root",',
    '  "containerEnv": { "UV_CACHE_DIR": "/uvcache", "N": 1 },',
    '  "remoteEnv": { "PATH": "${containerEnv:PATH}:/x", "GONE": null, },',
    '}',
  ].join('\n');
  const model = build(text);

  test('containerEnv and remoteEnv entries with spans; non-string values are null', () => {
    assert.deepEqual(
      model.containerEnv.map((e) => [
        e.name,
        e.value,
        slice(text, e.span),
        slice(text, e.nameSpan),
        slice(text, e.valueSpan),
      ]),
      [
        ['UV_CACHE_DIR', '/uvcache', '"UV_CACHE_DIR": "/uvcache"', '"UV_CACHE_DIR"', '"/uvcache"'],
        ['N', null, '"N": 1', '"N"', '1'],
      ],
    );
    assert.equal(slice(text, model.containerEnvSpan), '{ "UV_CACHE_DIR": "/uvcache", "N": 1 }');
    assert.deepEqual(
      model.remoteEnv.map((e) => [e.name, e.value]),
      [
        ['PATH', '${containerEnv:PATH}:/x'],
        ['GONE', null],
      ],
    );
  });

  test('users and build.dockerfile / build.context with spans', () => {
    assert.equal(model.remoteUser, 'vscode');
    assert.equal(model.containerUser, 'root');
    assert.equal(slice(text, model.remoteUserSpan), '"vscode"');
    assert.deepEqual(model.dockerfile, { path: '../Dockerfile', span: spanOf(text, '"../Dockerfile"') });
    assert.deepEqual(model.buildContext, { path: '..', span: spanOf(text, '".."') });
    assert.deepEqual(model.parseErrors, [], 'trailing commas are allowed');
  });

  test('legacy top-level dockerFile; build.dockerfile wins when both are present', () => {
    assert.equal(build('{"dockerFile": "Dockerfile.dev"}').dockerfile?.path, 'Dockerfile.dev');
    assert.equal(build('{"dockerFile": "old", "build": {"dockerfile": "new"}}').dockerfile?.path, 'new');
  });

  test('dockerComposeFile as a string or an array', () => {
    assert.deepEqual(build('{"dockerComposeFile": "compose.yml"}').dockerComposeFile?.paths, ['compose.yml']);
    assert.deepEqual(build('{"dockerComposeFile": ["a.yml", "b.yml"]}').dockerComposeFile?.paths, ['a.yml', 'b.yml']);
  });
});

describe('devcontainer model: comments', () => {
  test('line and block comments with spans and 0-based lines, CRLF detected', () => {
    const text = '{\r\n  // cache-mounts-ignore CM101\r\n  "mounts": [] /* done */\r\n}\r\n';
    const model = build(text);
    assert.equal(model.eol, '\r\n');
    assert.deepEqual(model.comments, [
      { text: 'cache-mounts-ignore CM101', span: spanOf(text, '// cache-mounts-ignore CM101'), line: 1 },
      { text: 'done', span: spanOf(text, '/* done */'), line: 2 },
    ]);
  });

  test('comment markers inside strings are not comments', () => {
    assert.deepEqual(build('{"a": "http://x /* y */"}').comments, []);
  });
});

describe('devcontainer model: bad input never throws', () => {
  test('empty file', () => {
    const model = build('');
    assert.equal(model.root, undefined);
    assert.deepEqual(model.mounts, []);
    assert.ok(model.parseErrors.length > 0);
  });

  test('a syntax error mid-file still yields the mounts before it', () => {
    const text =
      '{\n  "mounts": [\n    "type=cache,target=/root/.cache/uv",\n    "type=bind,source=/a,target=/b"\n    "type=\n';
    const model = build(text);
    assert.ok(model.parseErrors.length > 0);
    assert.deepEqual(
      model.mounts.slice(0, 2).map((m) => m.target),
      ['/root/.cache/uv', '/b'],
    );
    assert.deepEqual(model.mounts[0]!.fields[0]!.span, spanOf(text, 'type=cache'));
    for (const e of model.parseErrors) assert.ok(e.span.start >= 0 && e.span.end <= text.length);
  });

  test('a half-typed object mount and env property', () => {
    const model = build('{"mounts": [{"type": "cache", "target": }], "containerEnv": {"A": }');
    assert.equal(model.mounts[0]?.type, 'cache');
    assert.equal(model.mounts[0]?.target, undefined);
    assert.deepEqual(model.containerEnv, []);
  });

  test('random bytes', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let n = 0; n < 50; n++) {
      let text = '';
      const len = Math.floor(rand() * 400);
      for (let i = 0; i < len; i++) text += String.fromCharCode(Math.floor(rand() * 0x10000));
      assert.doesNotThrow(() => build(text));
      assert.doesNotThrow(() => build(`{"mounts": ["${text}"], "runArgs": ["--mount=${text}", "-v", "${text}"]}`));
    }
  });

  test('a root that is not an object', () => {
    for (const text of ['[]', '"mounts"', '42', 'null', '[{"mounts": ["type=cache,target=/x"]}]']) {
      const model = build(text);
      assert.equal(model.root, undefined, text);
      assert.deepEqual(model.mounts, [], text);
    }
  });

  test('mounts and runArgs of the wrong type are ignored', () => {
    const model = build('{"mounts": "type=cache,target=/x", "runArgs": {"--mount": "type=cache"}, "containerEnv": []}');
    assert.deepEqual(model.mounts, []);
    assert.deepEqual(model.containerEnv, []);
  });
});
