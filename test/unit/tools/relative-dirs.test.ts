// A directory a tool is given relative (`npm ci --cache .npm`, `PIP_CACHE_DIR=cache`) is resolved
// against the command's working directory, which the analyzer does not track: the dir is unknown, so
// no rule compares it with an absolute mount target (found by the corpus: npm-relative-target).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from './helpers';

describe('relative cache dirs are unknown', () => {
  test('flags', () => {
    assert.equal(resolve('npm', 'npm ci --cache .npm'), 'unknown');
    assert.equal(resolve('pip', 'pip install --cache-dir cache -r r.txt'), 'unknown');
    assert.equal(resolve('uv', 'uv sync --cache-dir .uv-cache'), 'unknown');
    assert.equal(resolve('pnpm', 'pnpm install --store-dir .pnpm-store'), 'unknown');
    assert.equal(resolve('maven', 'mvn -Dmaven.repo.local=.m2/repository package'), 'unknown');
    assert.equal(resolve('yarn', 'yarn install --cache-folder .yarn-cache'), 'unknown');
  });
  test('env vars', () => {
    assert.equal(resolve('npm', 'npm ci', { npm_config_cache: '.npm' }), 'unknown');
    assert.equal(resolve('pip', 'pip install flask', { PIP_CACHE_DIR: 'pip-cache' }), 'unknown');
    assert.equal(resolve('uv', 'uv sync', { UV_CACHE_DIR: '.cache/uv' }), 'unknown');
    assert.equal(resolve('go-build', 'go build ./...', { GOCACHE: 'gocache' }), 'unknown');
  });
  test('absolute ones still resolve, and $VAR in a flag expands first', () => {
    assert.equal(resolve('npm', 'npm ci --cache /tmp/npm'), '/tmp/npm');
    assert.equal(resolve('pip', 'pip install --cache-dir $D -r r.txt', { D: '/cache/pip' }), '/cache/pip');
    assert.equal(resolve('uv', 'uv sync', { UV_CACHE_DIR: '/cache/uv' }), '/cache/uv');
  });
  test('JVM option variables are read as text, not as directories', () => {
    assert.equal(resolve('maven', 'mvn package', { MAVEN_OPTS: '-Xmx1g' }), '/root/.m2/repository');
    assert.equal(resolve('maven', 'mvn package', { MAVEN_OPTS: '-Dmaven.repo.local=/m2' }), 'unknown');
    assert.equal(resolve('gradle', 'gradle build', { GRADLE_OPTS: '-Xmx2g' }), '/root/.gradle/caches');
    assert.equal(resolve('gradle', 'gradle build', { GRADLE_OPTS: '-Dgradle.user.home=/g' }), 'unknown');
  });
});
