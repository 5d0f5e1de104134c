// All cache-mount rules together: fix-all on a file with every problem converges, leaves no
// fixable finding, is idempotent, and bad input never makes a rule throw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, fixAll } from '../../../server/src/core/engine';
import { DEFAULT_SETTINGS } from '../../../server/src/core/settings';
import { UV_DOCKER_EXAMPLE } from '../../helpers/research-dockerfiles';

const URI = 'file:///work/Dockerfile';
const settings = { ...DEFAULT_SETTINGS, rules: {}, cacheIds: {} };

const EVERYTHING = [
  'FROM python:3.12-slim AS base',
  'RUN useradd --create-home --uid 1000 app',
  'RUN --mount=type=cache,target=/root/.cache/pip pip install --no-cache-dir -r requirements.txt',
  'USER app',
  'WORKDIR /app',
  'RUN --mount=type=cache,target=/root/.cache/uv uv sync --locked && uv cache clean',
  'FROM base AS test',
  'ENV UV_LINK_MODE=symlink',
  'RUN --mount=type=cache,target=/home/app/.cache/uv uv run pytest',
  '',
].join('\n');

const FIXED = [
  'FROM python:3.12-slim AS base',
  'ENV UV_LINK_MODE=copy',
  'ENV UV_CACHE_DIR=/cache/uv',
  'RUN useradd --create-home --uid 1000 app',
  'RUN --mount=type=cache,id=pip-cache,target=/root/.cache/pip pip install -r requirements.txt',
  'USER app',
  'WORKDIR /app',
  'RUN --mount=type=cache,uid=1000,id=uv-cache,target=${UV_CACHE_DIR} uv sync --locked',
  'FROM base AS test',
  'ENV UV_LINK_MODE=copy',
  'RUN --mount=type=cache,uid=1000,id=uv-cache,target=${UV_CACHE_DIR} uv run pytest',
  '',
].join('\n');

test('fix-all over every rule converges to a file none of them flags', () => {
  const codes = new Set(analyze(EVERYTHING, URI, 'dockerfile', settings).findings.map((f) => f.code));
  for (const code of ['CM001', 'CM003', 'CM004', 'CM005', 'CM006', 'CM009'])
    assert.ok(codes.has(code), `${code} fires`);
  // The /root/.cache/uv mount run as app is CM004's alone: it is not a second copy of the uv cache (no CM002).
  assert.ok(!codes.has('CM002'), 'no CM002 for a mismatched mount');
  const result = fixAll(EVERYTHING, URI, 'dockerfile', settings, { unsafe: true });
  assert.ok(result.converged);
  assert.ok(result.passes <= 5, `passes: ${result.passes}`);
  assert.equal(result.text, FIXED);
  const after = analyze(result.text, URI, 'dockerfile', settings);
  assert.deepEqual(after.errors, []);
  assert.deepEqual(
    after.findings.map((f) => `${f.code}: ${f.message}`),
    [],
  );
  assert.equal(fixAll(result.text, URI, 'dockerfile', settings, { unsafe: true }).applied, 0, 'idempotent');
});

test('the uv-docker-example Dockerfile gets only the CM001/CM003 hints (no warnings)', () => {
  const findings = analyze(UV_DOCKER_EXAMPLE, URI, 'dockerfile', settings).findings;
  assert.deepEqual([...new Set(findings.map((f) => `${f.code}:${f.severity}`))].sort(), ['CM001:hint', 'CM003:hint']);
});

test('bad input never makes a rule throw', () => {
  const inputs = [
    '',
    '\n\n\n',
    'RUN --mount=type=cache,target=/root/.cache/uv uv sync',
    'FROM python:3.12-slim\nRUN --mount=type=\n',
    'FROM python:3.12-slim\nRUN --mount=type=cache,target=\n',
    'FROM python:3.12-slim\nRUN --mount=type=cache, uv sync\n',
    'FROM python:3.12-slim\nRUN --mount type=cache,target=/root/.cache/uv uv sync\n',
    'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv <<EOF\nuv sync\n',
    'FROM python:3.12-slim\nUSER\nRUN --mount=type=cache,target=/root/.cache/uv,uid=abc uv sync --link-mode\n',
    'FROM a AS b\nFROM b AS a\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n',
    Array.from({ length: 4000 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join(''),
  ];
  for (const text of inputs) {
    const analysis = analyze(text, URI, 'dockerfile', settings);
    assert.deepEqual(analysis.errors, [], JSON.stringify(text.slice(0, 60)));
    const fixed = fixAll(text, URI, 'dockerfile', settings, { unsafe: true });
    assert.ok(fixed.converged, JSON.stringify(text.slice(0, 60)));
  }
});
