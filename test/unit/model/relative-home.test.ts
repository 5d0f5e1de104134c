// HOME that is empty or relative (fuzz regression: `ENV HOME copy` made CM004 retarget a mount to a
// relative path). Empty: runc falls back to passwd (docs/semantics.md#home-and-user). Relative: unknown, rules silent.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDockerfileModel } from '../../../server/src/core/dockerfile/model';
import type { RunInstruction } from '../../../server/src/core/dockerfile/types';

function lastRun(text: string): RunInstruction {
  const runs = buildDockerfileModel(text, 'file:///Dockerfile').runs;
  const run = runs[runs.length - 1];
  assert.ok(run, 'the Dockerfile has a RUN');
  return run;
}

const uvDir = (text: string): string => {
  const use = lastRun(text).toolUses.find((u) => u.tool === 'uv');
  assert.ok(use, 'uv runs');
  return use.cacheDir.known ? use.cacheDir.value : 'unknown';
};

describe('HOME from ENV/ARG that is not an absolute path', () => {
  test('a relative ENV HOME: HOME and the cache dir are unknown, the reason says why', () => {
    for (const env of ['ENV HOME copy', 'ENV HOME=copy', 'ENV HOME=./x', 'ENV HOME=~', 'ARG HOME=rel']) {
      const run = lastRun(`FROM python:3.12-slim\nUSER root\n${env}\nRUN uv sync\n`);
      assert.equal(run.home.known, false, env);
      assert.match(
        run.home.known ? '' : run.home.reason,
        /^HOME '[^']*' \((ENV|ARG) HOME \(line 3\)\) is relative/,
        env,
      );
      assert.equal(uvDir(`FROM python:3.12-slim\nUSER root\n${env}\nRUN uv sync\n`), 'unknown', env);
    }
  });
  test('an absolute ENV HOME still wins over the user', () => {
    assert.equal(uvDir('FROM python:3.12-slim\nUSER root\nENV HOME=/srv\nRUN uv sync\n'), '/srv/.cache/uv');
  });
  test('an empty ENV HOME: runc takes HOME from passwd, so the user decides', () => {
    const run = lastRun('FROM python:3.12-slim\nUSER root\nENV HOME=""\nRUN uv sync\n');
    assert.deepEqual(run.home, { known: true, value: '/root' });
    assert.match(run.homeSource, /root user/);
    // No USER on an image the catalog does not know: unknown, as without the ENV.
    assert.equal(lastRun('FROM myorg/base:1\nENV HOME=\nRUN uv sync\n').home.known, false);
    // On a known image (python: root, /root), the empty ENV HOME leaves the passwd home.
    assert.deepEqual(lastRun('FROM python:3.12-slim\nENV HOME=\nRUN uv sync\n').home, { known: true, value: '/root' });
  });
  test('HOME set relative or empty inside the RUN: the cache dir is unknown', () => {
    assert.equal(uvDir('FROM python:3.12-slim\nUSER root\nRUN HOME=rel uv sync\n'), 'unknown');
    assert.equal(uvDir('FROM python:3.12-slim\nUSER root\nRUN export HOME=rel && uv sync\n'), 'unknown');
    assert.equal(uvDir('FROM python:3.12-slim\nUSER root\nRUN HOME= uv sync\n'), 'unknown');
    assert.equal(uvDir('FROM python:3.12-slim\nUSER root\nRUN HOME=/abs uv sync\n'), '/abs/.cache/uv');
  });
});
