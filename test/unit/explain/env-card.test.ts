import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hoverAt } from '../../../server/src/core/explain';
import { dockerfile, hoverDockerfile, offsetOf, section } from './helpers';

const TEXT = [
  'FROM python:3.12',
  'ENV UV_CACHE_DIR=/cache/uv UV_LINK_MODE=copy',
  'RUN --mount=type=cache,target=${UV_CACHE_DIR} uv sync',
  'RUN uv pip install x',
  'ENV PIP_NO_CACHE_DIR=off',
  'RUN --mount=type=cache,target=/root/.cache/pip pip install y',
  'ENV GREETING=hi',
  '',
].join('\n');

describe('ENV card', () => {
  test('UV_CACHE_DIR: what it does, and the RUNs and mounts that depend on it', () => {
    const h = hoverDockerfile(TEXT, 'UV_CACHE_DIR=', 2);
    assert.match(h.markdown, /ENV `UV_CACHE_DIR`/);
    assert.match(h.markdown, /Equivalent to the `--cache-dir` command-line argument/);
    const runs = section(h.markdown, '**RUNs that depend on it**');
    assert.match(runs, /line 3\b.*`uv` caches in `\/cache\/uv`/);
    assert.match(runs, /line 4\b/);
    const mounts = section(h.markdown, '**Mounts that expand it**');
    assert.match(mounts, /line 3\b.*target `\$\{UV_CACHE_DIR\}` → `\/cache\/uv`/);
  });

  test('the hovered span is the NAME=value pair', () => {
    const h = hoverDockerfile(TEXT, '/cache/uv UV_LINK', 1);
    assert.equal(TEXT.slice(h.span.start, h.span.end), 'UV_CACHE_DIR=/cache/uv');
  });

  test('UV_LINK_MODE lists the uv RUNs', () => {
    const h = hoverDockerfile(TEXT, 'UV_LINK_MODE', 2);
    assert.match(h.markdown, /separate file systems/);
    assert.match(section(h.markdown, '**RUNs that depend on it**'), /line 3\b/);
  });

  test('PIP_NO_CACHE_DIR=off still disables pip, and the RUN is listed', () => {
    const h = hoverDockerfile(TEXT, 'PIP_NO_CACHE_DIR', 2);
    assert.match(h.markdown, /`0`, `false` and `off` disable it too/);
    assert.match(h.markdown, /Value `off`: pip's cache is disabled/);
    assert.match(section(h.markdown, '**RUNs that depend on it**'), /line 6\b.*\*\*disabled\*\*/);
  });

  test('an unrelated variable has no card', () => {
    const model = dockerfile(TEXT);
    assert.equal(hoverAt(model, offsetOf(TEXT, 'GREETING', 2)), undefined);
  });

  test('a variable no RUN uses says so', () => {
    const text = 'FROM scratch\nENV XDG_CACHE_HOME=/xdg\n';
    const h = hoverDockerfile(text, 'XDG_CACHE_HOME', 1);
    assert.match(h.markdown, /\$XDG_CACHE_HOME\/uv/);
    assert.match(h.markdown, /No RUN or mount of this file depends on this definition/);
  });
});
