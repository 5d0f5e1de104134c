// The hover cards read the tool registry: the new tools appear in the mount and env cards.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hoverDockerfile } from '../explain/helpers';
import { isCacheEnvVar } from '../../../server/src/core/explain/env-card';

describe('hover cards know every tool', () => {
  test("the env card explains the tools' cache variables, and only documented ones", () => {
    for (const name of [
      'GOCACHE',
      'GOMODCACHE',
      'CARGO_HOME',
      'npm_config_cache',
      'PNPM_HOME',
      'YARN_CACHE_FOLDER',
      'POETRY_CACHE_DIR',
      'CCACHE_DIR',
      'COMPOSER_HOME',
      'GRADLE_USER_HOME',
      'BUN_INSTALL_CACHE_DIR',
    ]) {
      assert.ok(isCacheEnvVar(name), name);
    }
    for (const name of ['MAVEN_CONFIG', 'NPM_CONFIG_CACHE', 'GEM_HOME', 'PATH']) assert.ok(!isCacheEnvVar(name), name);
  });
  test('ENV GOCACHE: the go build cache and the RUN that uses it', () => {
    const text = 'FROM golang:1.22\nENV GOCACHE=/gocache\nRUN --mount=type=cache,target=/gocache go build .\n';
    const h = hoverDockerfile(text, 'GOCACHE', 1);
    assert.match(h.markdown, /Moves the cache of `go build`/);
    assert.match(h.markdown, /`go build` caches in `\/gocache`/);
  });
  test('a cache mount card lists each cache of the RUN: apt packages and lists', () => {
    const text =
      'FROM debian:bookworm\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked apt-get update && apt-get install -y gcc\n';
    const h = hoverDockerfile(text, 'type=cache', 1);
    assert.match(h.markdown, /`apt lists` caches in `\/var\/lib\/apt\/lists`.*\*\*not covered\*\* by this mount/);
    assert.match(h.markdown, /`apt package` caches in `\/var\/cache\/apt\/archives`.*\*\*covered\*\* by this mount/);
  });
  test('the XDG_CACHE_HOME card names the other XDG tools', () => {
    const h = hoverDockerfile('FROM scratch\nENV XDG_CACHE_HOME=/xdg\nRUN poetry install\n', 'XDG_CACHE_HOME', 1);
    assert.match(h.markdown, /poetry \(`pypoetry`\)/);
    assert.match(h.markdown, /`poetry` caches in `\/xdg\/pypoetry`/);
  });
});
