import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatReference, parseImageReference } from '../../../server/src/core/images/reference';
import { resolveImage, ruleMatches } from '../../../server/src/core/images/resolve';
import { normalizeImages } from '../../../server/src/core/images/settings';

function ref(text: string): string {
  const r = parseImageReference(text);
  return 'error' in r ? `error: ${r.error}` : formatReference(r);
}

describe('image references', () => {
  const cases: [string, string][] = [
    ['python', 'python:latest'],
    ['python:3.12-slim', 'python:3.12-slim'],
    ['docker.io/library/python:3.12-slim', 'python:3.12-slim'],
    ['index.docker.io/library/python:3.12', 'python:3.12'],
    ['library/node:20-alpine', 'node:20-alpine'],
    ['jupyter/base-notebook', 'jupyter/base-notebook:latest'],
    [
      'mcr.microsoft.com/devcontainers/python:1-3.12-bookworm',
      'mcr.microsoft.com/devcontainers/python:1-3.12-bookworm',
    ],
    ['localhost:5000/team/base:1', 'localhost:5000/team/base:1'],
    ['ghcr.io/astral-sh/uv:0.5.11-python3.12-bookworm-slim', 'ghcr.io/astral-sh/uv:0.5.11-python3.12-bookworm-slim'],
    [`python@sha256:${'a'.repeat(64)}`, `python:latest@sha256:${'a'.repeat(64)}`],
    [`python:3.12@sha256:${'b'.repeat(64)}`, `python:3.12@sha256:${'b'.repeat(64)}`],
  ];
  for (const [input, expected] of cases) test(`${input} -> ${expected}`, () => assert.equal(ref(input), expected));

  test('bad references give a one-line reason, never throw', () => {
    for (const bad of [
      '',
      'Python:3.12',
      'python:3.12 slim',
      'python:${TAG}',
      'python@sha256:xyz',
      'a//b',
      ':tag',
      'python:-x',
    ]) {
      const r = parseImageReference(bad);
      assert.ok('error' in r, bad);
      assert.doesNotMatch(r.error, /\n/);
    }
  });
});

describe('image rules (the images setting)', () => {
  const parse = (text: string) => {
    const r = parseImageReference(text);
    if ('error' in r) throw new Error(r.error);
    return r;
  };
  test('a pattern without a tag matches every tag; * globs; Docker Hub prefixes are the same image', () => {
    assert.ok(ruleMatches('myorg/base', parse('myorg/base:1')));
    assert.ok(ruleMatches('myorg/base', parse('docker.io/myorg/base')));
    assert.ok(ruleMatches('ghcr.io/myorg/*', parse('ghcr.io/myorg/python-base:3.12')));
    assert.ok(ruleMatches('myorg/base:1.*', parse('myorg/base:1.4')));
    assert.ok(!ruleMatches('myorg/base:1.*', parse('myorg/base:2.0')));
    assert.ok(ruleMatches('docker.io/library/python:3.12', parse('python:3.12')));
    assert.ok(!ruleMatches('myorg/base', parse('myorg/base-dev:1')));
  });

  test('tags keep their case, repositories are lowercase', () => {
    assert.ok(ruleMatches('MyOrg/Base:V1', parse('myorg/base:V1')));
    assert.ok(!ruleMatches('myorg/base:v1', parse('myorg/base:V1')));
  });

  test('entries with wrong types are reported in one line each and skipped; good ones are kept', () => {
    const { rules, problems } = normalizeImages({
      'myorg/base:*': { user: 'app', uid: 1000, home: '/home/app', env: { UV_CACHE_DIR: '/opt/uv' } },
      'myorg/root': { user: 'root' },
      'myorg/nohome': { user: 'app' },
      'myorg/badenv': { user: 'root', env: { X: 1 } },
      'myorg/extra': { user: 'root', shell: 'bash' },
      'Bad Pattern': { user: 'root' },
      'myorg/uid': { user: 'app', home: '/home/app', uid: -1 },
    });
    assert.deepEqual(
      rules.map((r) => r.pattern),
      ['myorg/base:*', 'myorg/root'],
    );
    assert.deepEqual(rules[0]!.facts.users, [
      { name: 'root', uid: 0, gid: 0, home: '/root' },
      { name: 'app', uid: 1000, gid: 1000, home: '/home/app' },
    ]);
    assert.equal(rules[1]!.facts.home, '/root');
    assert.deepEqual(
      problems.map((p) => p.key),
      ['images.myorg/nohome', 'images.myorg/badenv', 'images.myorg/extra', 'images.Bad Pattern', 'images.myorg/uid'],
    );
    for (const p of problems) assert.match(p.message, /entry ignored$/);
    assert.equal(normalizeImages([]).problems.length, 1);
  });

  test('settings rules win over the catalog; an unknown image stays unknown with a reason', () => {
    const { rules } = normalizeImages({ 'python:3.12-slim': { user: 'app', home: '/home/app' } });
    const r = resolveImage('python:3.12-slim', rules);
    assert.ok('resolved' in r);
    assert.equal(r.resolved.facts.user, 'app');
    assert.match(r.resolved.origin, /images setting "python:3.12-slim"/);
    const unknown = resolveImage('myorg/never-heard-of:1');
    assert.ok('unknown' in unknown);
    assert.match(unknown.unknown, /not in the image catalog/);
    const bad = resolveImage('Not A Reference');
    assert.ok('unknown' in bad);
  });
});
