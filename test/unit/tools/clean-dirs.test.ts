// Tool cache dirs are cleaned where they are set (flags.ts absoluteDir for flags and env vars,
// tool-uses.ts for dirs a tool builds from HOME), like BuildKit cleans mount targets, so every rule
// that compares them with a target (servedTool, mountCovers, CM004...) sees `/cache//uv/` as `/cache/uv`.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDockerfileModel } from '../../../server/src/core/dockerfile/model';
import { absoluteDir } from '../../../server/src/core/tools/flags';
import { servedTool } from '../../../server/src/core/rules/dockerfile/mount-helpers';
import { known } from '../../../server/src/core/value';
import { dir, modelDir, resolve } from './helpers';

describe('tool cache dirs are cleaned at the source', () => {
  test('absoluteDir cleans absolute dirs; relative ones stay unknown', () => {
    assert.equal(dir(absoluteDir(known('/cache//uv/'))), '/cache/uv');
    assert.equal(dir(absoluteDir(known('/a/./b/../c'))), '/a/c');
    assert.equal(dir(absoluteDir(known('/'))), '/');
    assert.equal(dir(absoluteDir(known('cache//uv'))), 'unknown');
  });

  test('flags and env vars', () => {
    assert.equal(resolve('uv', 'uv sync', { UV_CACHE_DIR: '/cache//uv/' }), '/cache/uv');
    assert.equal(resolve('uv', 'uv sync --cache-dir /cache/./uv'), '/cache/uv');
    assert.equal(resolve('pip', 'pip install --cache-dir /root//.cache/pip/ flask'), '/root/.cache/pip');
    assert.equal(resolve('npm', 'npm ci', { npm_config_cache: '/npm//cache/' }), '/npm/cache');
    assert.equal(resolve('go-build', 'go build ./...', { GOCACHE: '/go//cache' }), '/go/cache');
  });

  test('a dir built from HOME with a trailing slash', () => {
    assert.equal(modelDir('FROM python:3.12-slim\nENV HOME=/root/\nRUN uv sync\n', 'uv'), '/root/.cache/uv');
    assert.equal(modelDir('FROM python:3.12-slim\nRUN HOME=/home/app/ uv sync\n', 'uv'), '/home/app/.cache/uv');
  });

  test('servedTool sees the uv command under the cleaned target (not only a path that looks like uv)', () => {
    const text =
      'FROM python:3.12-slim\nENV UV_CACHE_DIR=/cache//uv/\nRUN --mount=type=cache,target=/cache/uv uv sync\n';
    const model = buildDockerfileModel(text, 'file:///t/Dockerfile');
    const run = model.runs[0]!;
    assert.equal(run.toolUses[0]!.cacheDir.known && run.toolUses[0]!.cacheDir.value, '/cache/uv');
    const served = servedTool(run.mounts[0]!, run);
    assert.equal(served?.tool.id, 'uv');
    assert.equal(served?.via, 'use');
  });
});
