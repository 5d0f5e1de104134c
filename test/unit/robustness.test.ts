// Bad input never throws: every input below goes through engine.analyze and engine.fixAll as both
// a Dockerfile and a devcontainer.json. No rule may fail (analysis.errors stays empty), every span
// stays inside the text, and fix-all settles.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, fixAll } from '../../server/src/core/engine';
import type { DocumentKind } from '../../server/src/core/types';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import { seeded } from '../helpers/seeded-random';

function randomBytes(seed: number, size: number): Buffer {
  const next = seeded(seed);
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = Math.floor(next() * 256);
  return bytes;
}

/** Random sequences of Dockerfile and JSON fragments: closer to real half-typed text than bytes. */
const FRAGMENTS = [
  'FROM ',
  'python:3.12',
  ' AS ',
  'build',
  'RUN ',
  '--mount=',
  'type=',
  'cache',
  'bind',
  ',',
  'target=',
  'id=',
  '/root/.cache/uv',
  '/home/app/.cache/pip',
  'uid=',
  '1000',
  'sharing=locked',
  ' uv sync',
  ' pip install --no-cache-dir x',
  ' && ',
  '\\\n',
  '\n',
  '\r\n',
  '<<EOF',
  '<<-"EOF"',
  'EOF',
  '${UV_CACHE_DIR}',
  '$HOME',
  '${',
  '}',
  '"',
  "'",
  'USER ',
  'app',
  'ENV ',
  'ARG ',
  'UV_LINK_MODE=',
  'WORKDIR ',
  'COPY . .',
  '# syntax=docker/dockerfile:1\n',
  '# escape=`\n',
  '`',
  '# cache-mounts-ignore CM001\n',
  '{',
  '}',
  '[',
  ']',
  ':',
  '"mounts"',
  '"type=cache,target=/x"',
  '"runArgs"',
  '"--mount"',
  '// c\n',
  '/* c',
  '*/',
  'null',
  ' ',
  '\t',
];

function fragmentSoup(seed: number, count: number): string {
  const next = seeded(seed);
  let out = '';
  for (let i = 0; i < count; i++) out += FRAGMENTS[Math.floor(next() * FRAGMENTS.length)];
  return out;
}

const INPUTS: [string, string][] = [
  ['empty file', ''],
  ['only whitespace and line ends', ' \n\t\r\n\r\r\n  '],
  ['half-typed RUN --mount=type=', 'FROM python:3.12\nRUN --mount=type='],
  ['half-typed RUN --mount=', 'FROM python:3.12\nRUN --mount='],
  ['RUN --mount without a value', 'FROM python:3.12\nRUN --mount uv sync\n'],
  ['half-typed target', 'FROM python:3.12\nRUN --mount=type=cache,target= uv sync\n'],
  ['half-typed variable in a mount', 'FROM python:3.12\nRUN --mount=type=cache,target=${UV_CACHE_DIR uv sync\n'],
  ['mount with empty fields and quotes', 'FROM python:3.12\nRUN --mount=type=cache,,"target=/a,b",=,id= uv sync\n'],
  ['RUN before any FROM', 'RUN --mount=type=cache,target=/root/.cache/uv uv sync\n'],
  [
    'unclosed heredoc',
    'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/uv <<EOF\nuv sync\npip install --no-cache-dir x\n',
  ],
  ['heredoc without a delimiter', 'FROM python:3.12\nRUN <<\n'],
  ['trailing line continuation', 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/uv \\\n'],
  [
    'escape directive with backtick continuation at EOF',
    '# escape=`\nFROM python:3.12\nRUN --mount=type=cache,target=C:\\cache `',
  ],
  ['FROM without an image', 'FROM\nFROM  AS\nUSER\nENV\nARG =\nWORKDIR\n'],
  ['NUL bytes and a lone surrogate', 'FROM python:3.12\u0000\nRUN --mount=type=cache,target=/root/\ud800 uv sync\n'],
  ['exec-form RUN with a broken JSON array', 'FROM python:3.12\nRUN --mount=type=cache,target=/c ["uv", "sync"\n'],
  ['JSON with a syntax error', '{\n  "mounts": ["type=cache,target=/home/vscode/.cache/uv",, ]\n  "image": \n'],
  [
    'JSON with comments and trailing commas',
    '// top\n{\n  /* block */ "image": "x", // end\n  "mounts": [\n    "type=cache,target=/home/vscode/.cache/uv", // c\n  ],\n  "containerEnv": { "UV_LINK_MODE": "copy", },\n}\n',
  ],
  [
    'JSON of the wrong shapes',
    '{"mounts": "type=cache", "runArgs": {"a": 1}, "containerEnv": ["x"], "remoteUser": 7, "build": "x"}',
  ],
  [
    'JSON mounts of the wrong element types',
    '{"mounts": [null, 1, true, [], {}, {"type": 5, "target": null}, {"type": "cache"}], "runArgs": ["--mount", 3, "--mount"]}',
  ],
  ['JSON that is not an object', '[1, 2, 3]'],
  ['JSON scalar', '"type=cache,target=/x"'],
  ['unclosed JSON', '{"mounts": ["type=cache,target='],
  ['deeply nested JSON', '['.repeat(500) + ']'.repeat(500)],
];
for (const size of [1, 17, 256, 4096, 65536]) {
  INPUTS.push([`random bytes as UTF-8 (seed ${size}, ${size} bytes)`, randomBytes(size, size).toString('utf8')]);
  INPUTS.push([
    `random bytes as Latin-1 (seed ${size + 1}, ${size} bytes)`,
    randomBytes(size + 1, size).toString('latin1'),
  ]);
}
for (const seed of [1, 2, 3, 4, 5, 6, 7, 8])
  INPUTS.push([`fragment soup (seed ${seed})`, fragmentSoup(seed, 40 + seed * 60)]);

function assertSpansInside(text: string, kind: DocumentKind): void {
  const analysis = analyze(
    text,
    `file:///robust/${kind === 'dockerfile' ? 'Dockerfile' : 'devcontainer.json'}`,
    kind,
    DEFAULT_SETTINGS,
  );
  assert.deepEqual(analysis.errors, []);
  for (const f of analysis.findings) {
    assert.ok(
      f.span.start >= 0 && f.span.start <= f.span.end && f.span.end <= text.length,
      `${f.code} span inside the text`,
    );
    for (const fix of f.fixes) {
      for (const e of fix.edits)
        assert.ok(
          e.span.start >= 0 && e.span.start <= e.span.end && e.span.end <= text.length,
          `${f.code} edit inside the text`,
        );
    }
  }
}

describe('bad input never throws', () => {
  for (const kind of ['dockerfile', 'devcontainer'] as const) {
    for (const [name, text] of INPUTS) {
      test(`${kind}: ${name}`, () => {
        assertSpansInside(text, kind);
        const uri = `file:///robust/${kind === 'dockerfile' ? 'Dockerfile' : 'devcontainer.json'}`;
        const fixed = fixAll(text, uri, kind, DEFAULT_SETTINGS);
        assert.equal(fixed.converged, true, 'fix-all settles');
        assertSpansInside(fixed.text, kind);
      });
    }
  }
});

/** A realistic multi-stage Dockerfile repeated up to `size` characters. */
function bigDockerfile(size: number): string {
  const parts = ['# syntax=docker/dockerfile:1\nARG PY=3.12\n'];
  let length = parts[0]!.length;
  for (let i = 0; length < size; i++) {
    const stage = [
      `FROM python:\${PY}-slim AS s${i}`,
      `ENV UV_LINK_MODE=copy`,
      i % 3 === 0 ? 'USER 1000' : 'USER root',
      `WORKDIR /app/${i}`,
      `RUN --mount=type=cache,target=/root/.cache/uv \\`,
      `    --mount=type=bind,source=uv.lock,target=uv.lock \\`,
      `    # a comment inside the continuation`,
      `    uv sync --locked --no-install-project && echo ${i}`,
      `RUN --mount=type=cache,id=pip-cache,target=/root/.cache/pip pip install --no-cache-dir pkg${i}`,
      `RUN <<EOF`,
      `uv pip install --system pkg${i}`,
      `EOF`,
      `COPY . .`,
      '',
    ].join('\n');
    parts.push(stage);
    length += stage.length;
  }
  return parts.join('');
}

test('a 5 MB Dockerfile is analysed without errors', { timeout: 10 * 60_000 }, () => {
  const text = bigDockerfile(5 * 1024 * 1024);
  assert.ok(text.length >= 5 * 1024 * 1024);
  const analysis = analyze(text, 'file:///robust/big/Dockerfile', 'dockerfile', DEFAULT_SETTINGS);
  assert.deepEqual(analysis.errors, []);
  assert.ok(analysis.findings.length > 0, 'the repeated problems are found');
  assert.ok(analysis.findings.every((f) => f.span.end <= text.length));
});
