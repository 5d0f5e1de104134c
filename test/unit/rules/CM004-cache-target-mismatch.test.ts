import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cacheTargetMismatch } from '../../../server/src/core/rules/dockerfile/cache-target-mismatch';
import { applyFixByTitle, runRuleTests } from '../../helpers/rule-tester';
import {
  DOCKER_INIT_PYTHON,
  UV_DOCKER_EXAMPLE,
  UV_DOCKER_EXAMPLE_MULTISTAGE,
} from '../../helpers/research-dockerfiles';

const NON_ROOT = [
  'FROM python:3.12-slim',
  'RUN useradd --create-home --uid 1000 app',
  'USER app',
  'RUN --mount=type=cache,target=/root/.cache/uv,uid=1000 uv sync --locked',
  '',
].join('\n');

const UV_CACHE_DIR_ELSEWHERE = [
  'FROM python:3.12-slim',
  'ENV UV_CACHE_DIR=/opt/uv-cache',
  'RUN --mount=type=cache,target=/root/.cache/uv uv sync',
  '',
].join('\n');

runRuleTests(cacheTargetMismatch, {
  valid: [
    // apt update under /var/cache/apt: apt also rebuilds its package caches there; not another program's dir.
    'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked apt update\n',
    '',
    UV_DOCKER_EXAMPLE,
    UV_DOCKER_EXAMPLE_MULTISTAGE,
    DOCKER_INIT_PYTHON,
    // The user comes only from an unknown base image: its HOME is unknown, so no mismatch is claimed.
    'FROM example.com/some/image:1\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n',
    // A numeric uid on an image base may have a passwd entry there: HOME unknown, so silent.
    'FROM python:3.12-slim\nUSER 10001\nRUN --mount=type=cache,target=/root/.cache/uv,uid=10001 uv sync\n',
    'FROM python:3.12-slim\nRUN useradd --create-home --uid 1000 app\nUSER app\nRUN --mount=type=cache,target=/home/app/.cache/uv,uid=1000 uv sync\n',
    '# syntax=docker/dockerfile:1\nFROM python:3.12-slim\nENV UV_CACHE_DIR=/cache/uv\nUSER 1000\nRUN --mount=type=cache,target=${UV_CACHE_DIR},uid=1000 uv sync\n',
    // A parent directory covers the cache.
    'FROM python:3.12-slim\nUSER root\nRUN --mount=type=cache,target=/root/.cache uv sync\n',
    // Disabled caches are CM005's business.
    'FROM python:3.12-slim\nENV UV_CACHE_DIR=/opt/uv\nRUN --mount=type=cache,target=/root/.cache/uv uv sync --no-cache\n',
    // No cache mount at all.
    'FROM python:3.12-slim\nUSER nobody\nRUN uv sync\n',
    // The mount serves another invocation of the same tool: retargeting it would break that one.
    'FROM python:3.12-slim\nENV UV_CACHE_DIR=/opt/uv\nRUN --mount=type=cache,target=/opt/uv uv sync && uv pip install --cache-dir /tmp/x flask\n',
    // The pip mount is used by pip itself; uv pip in the same RUN does not make it wrong.
    'FROM python:3.12-slim\nUSER root\nRUN --mount=type=cache,target=/root/.cache/pip pip install wheel && uv pip install --system flask\n',
    // The same with the user unknown (no USER): pip may be what the mount is for.
    'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install wheel && uv pip install --system flask\n',
    // uv pip with UV_CACHE_DIR pointing into the pip-looking mount: it is uv's cache now.
    'FROM python:3.12-slim\nENV UV_CACHE_DIR=/root/.cache/pip\nRUN --mount=type=cache,target=/root/.cache/pip uv pip install --system flask\n',
    // A parent directory of both caches, with the user unknown.
    'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache uv pip install --system flask\n',
    // A relative HOME (fuzz regression): the retarget fix wrote `target=copy/.cache/uv`, relative to WORKDIR. Unknown: silent.
    'FROM python:3.12-slim\nUSER root\nENV HOME copy\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n',
    'FROM python:3.12-slim\nUSER root\nRUN --mount=type=cache,target=/root/.cache/uv HOME=copy uv sync\n',
    'FROM python:3.12-slim\nUSER root\nRUN --mount=type=cache,target=/root/.cache/pip export HOME=x && pip install flask\n',
    // `/cache//uv` is the same directory as the cleaned target `/cache/uv` (fuzz regression).
    '# syntax=docker/dockerfile:1\nFROM python:3.12-slim\nENV UV_CACHE_DIR=/cache//uv\nRUN --mount=type=cache,id=uv-cache,target=${UV_CACHE_DIR} uv sync\n',
    'FROM python:3.12-slim\nENV UV_CACHE_DIR=/cache/uv/\nRUN --mount=type=cache,target=/cache/uv uv sync\n',
    // A relative --cache is resolved against the working directory, which is not tracked (corpus: npm-relative-target).
    'FROM node:20\nUSER root\nWORKDIR /app\nRUN --mount=type=cache,target=/app/.npm npm ci --cache .npm\n',
  ],
  invalid: [
    {
      name: "the tool's default location while the image moves it (rust: CARGO_HOME=/usr/local/cargo; exec form)",
      code: 'FROM rust:1.80\nRUN --mount=type=cache,target=/root/.cargo ["cargo", "build", "--release"]\n',
      errors: [
        {
          text: 'target=/root/.cargo',
          messageId: 'mismatch',
          data: { tool: 'cargo', line: 2, cacheDir: '/usr/local/cargo/registry', target: '/root/.cargo' },
          detail:
            /cargo on line 2 caches in '\/usr\/local\/cargo\/registry' \(\$CARGO_HOME\/registry \(CARGO_HOME \(set by the base image rust:1\.80/,
        },
      ],
      output:
        'FROM rust:1.80\nRUN --mount=type=cache,target=/usr/local/cargo/registry ["cargo", "build", "--release"]\n',
    },
    {
      name: "go mod download under a go-build mount: go's module cache is elsewhere",
      code: 'FROM golang:1.23\nRUN --mount=type=cache,target=/root/.cache/go-build go mod download\n',
      errors: [
        {
          text: 'target=/root/.cache/go-build',
          messageId: 'mismatch',
          data: { tool: 'go', line: 2, cacheDir: '/go/pkg/mod', target: '/root/.cache/go-build' },
        },
      ],
      output: 'FROM golang:1.23\nRUN --mount=type=cache,target=/go/pkg/mod go mod download\n',
    },
    {
      name: 'a misspelt sibling of the tool cache dir (~/.cache/poetry for ~/.cache/pypoetry)',
      code: 'FROM python:3.12-slim\nUSER root\nRUN --mount=type=cache,target=/root/.cache/poetry poetry install\n',
      errors: [
        {
          text: 'target=/root/.cache/poetry',
          messageId: 'mismatch',
          data: { tool: 'poetry', line: 3, cacheDir: '/root/.cache/pypoetry', target: '/root/.cache/poetry' },
        },
      ],
      output: 'FROM python:3.12-slim\nUSER root\nRUN --mount=type=cache,target=/root/.cache/pypoetry poetry install\n',
    },
    {
      name: 'a mount on part of the tool cache dir',
      code: 'FROM python:3.12-slim\nUSER root\nRUN --mount=type=cache,target=/root/.cache/pypoetry/cache poetry install\n',
      errors: [
        {
          text: 'target=/root/.cache/pypoetry/cache',
          messageId: 'partOfCacheDir',
          data: { tool: 'poetry', line: 3, cacheDir: '/root/.cache/pypoetry', target: '/root/.cache/pypoetry/cache' },
          detail:
            /is only a part of it: whatever poetry keeps elsewhere in '\/root\/\.cache\/pypoetry' goes into the image layer/,
        },
      ],
      output: 'FROM python:3.12-slim\nUSER root\nRUN --mount=type=cache,target=/root/.cache/pypoetry poetry install\n',
    },
    {
      name: "another user's ~/.cache while go runs as app: retarget to app's ~/.cache",
      code: 'FROM golang:1.23\nRUN useradd -m -u 1001 app\nUSER app\nRUN --mount=type=cache,target=/root/.cache,uid=1001 go build ./...\n',
      errors: [
        {
          text: 'target=/root/.cache',
          messageId: 'mismatch',
          data: { tool: 'go', line: 4, cacheDir: '/home/app/.cache/go-build', target: '/root/.cache' },
        },
      ],
      output:
        'FROM golang:1.23\nRUN useradd -m -u 1001 app\nUSER app\nRUN --mount=type=cache,target=/home/app/.cache,uid=1001 go build ./...\n',
    },
    {
      name: "an empty ENV HOME: runc takes HOME from passwd (research §3.1), so the user's home decides",
      code: NON_ROOT.replace('USER app\n', 'USER app\nENV HOME=""\n'),
      errors: [
        {
          text: 'target=/root/.cache/uv',
          line: 5,
          messageId: 'mismatch',
          data: { tool: 'uv', line: 5, cacheDir: '/home/app/.cache/uv', target: '/root/.cache/uv' },
        },
      ],
      output: NON_ROOT.replace('USER app\n', 'USER app\nENV HOME=""\n').replace(
        'target=/root/.cache/uv',
        'target=/home/app/.cache/uv',
      ),
    },
    {
      name: 'non-root USER with a /root/.cache/uv mount',
      code: NON_ROOT,
      errors: [
        {
          code: 'CM004',
          text: 'target=/root/.cache/uv',
          line: 4,
          severity: 'warning',
          messageId: 'mismatch',
          data: { tool: 'uv', line: 4, cacheDir: '/home/app/.cache/uv', target: '/root/.cache/uv' },
          detail:
            /^uv on line 4 caches in '\/home\/app\/\.cache\/uv' \(.+\), but this cache mount's target is '\/root\/\.cache\/uv': the mount stays empty and the cache goes into the image layer\.$/,
        },
      ],
      output: NON_ROOT.replace('target=/root/.cache/uv', 'target=/home/app/.cache/uv'),
    },
    {
      name: 'UV_CACHE_DIR set elsewhere',
      code: UV_CACHE_DIR_ELSEWHERE,
      errors: [
        {
          text: 'target=/root/.cache/uv',
          messageId: 'mismatch',
          data: { tool: 'uv', line: 3, cacheDir: '/opt/uv-cache', target: '/root/.cache/uv' },
          detail: /caches in '\/opt\/uv-cache' \(.*UV_CACHE_DIR.*\)/,
        },
      ],
      output: UV_CACHE_DIR_ELSEWHERE.replace('target=/root/.cache/uv', 'target=/opt/uv-cache'),
    },
    {
      name: '--cache-dir flag',
      code: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv uv sync --cache-dir /tmp/uvc\n',
      errors: [
        {
          text: 'target=/root/.cache/uv',
          messageId: 'mismatch',
          data: { tool: 'uv', line: 2, cacheDir: '/tmp/uvc', target: '/root/.cache/uv' },
        },
      ],
      output: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/tmp/uvc uv sync --cache-dir /tmp/uvc\n',
    },
    {
      name: 'uv pip install under a pip mount',
      code: 'FROM python:3.12-slim\nUSER root\nRUN --mount=type=cache,target=/root/.cache/pip uv pip install --system flask\n',
      errors: [
        {
          text: 'target=/root/.cache/pip',
          messageId: 'mismatch',
          data: { tool: 'uv', line: 3, cacheDir: '/root/.cache/uv', target: '/root/.cache/pip' },
          detail:
            /caches in '\/root\/\.cache\/uv' \(.*\) \('uv pip' uses uv's cache, not pip's\), but this cache mount's target is '\/root\/\.cache\/pip'/,
        },
      ],
      output:
        'FROM python:3.12-slim\nUSER root\nRUN --mount=type=cache,target=/root/.cache/uv uv pip install --system flask\n',
    },
    {
      name: "uv pip install under a pip mount while the user (so HOME) is unknown: uv never caches in pip's dir",
      code: 'FROM myorg/base:1\nRUN --mount=type=cache,id=pip-cache,target=/root/.cache/pip uv pip install --system flask\n',
      errors: [
        {
          text: 'target=/root/.cache/pip',
          severity: 'warning',
          messageId: 'uvPipUnderPipMount',
          data: { line: 2, cacheDir: '$HOME/.cache/uv', target: '/root/.cache/pip' },
          detail:
            /^uv on line 2 caches in '\$HOME\/\.cache\/uv' \('uv pip' uses uv's cache, not pip's; HOME is unknown: the user comes from the base image \(no USER in this Dockerfile\)\), but this cache mount's target is '\/root\/\.cache\/pip', pip's cache directory/,
        },
      ],
      output:
        'FROM myorg/base:1\nRUN --mount=type=cache,id=pip-cache,target=/root/.cache/uv uv pip install --system flask\n',
    },
    {
      name: 'PIP_CACHE_DIR moves pip away from its mount',
      code: 'FROM python:3.12-slim\nENV PIP_CACHE_DIR=/pip-cache\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\n',
      errors: [
        {
          text: 'target=/root/.cache/pip',
          messageId: 'mismatch',
          data: { tool: 'pip', line: 3, cacheDir: '/pip-cache', target: '/root/.cache/pip' },
        },
      ],
      output:
        'FROM python:3.12-slim\nENV PIP_CACHE_DIR=/pip-cache\nRUN --mount=type=cache,target=/pip-cache pip install -r requirements.txt\n',
    },
    {
      // uid:gid: a bare `USER 10001` fails the RUN when the stage has no /etc/passwd (verified: no-passwd-file-user).
      name: 'numeric uid:gid without passwd entry: HOME is /',
      code: 'FROM scratch\nUSER 10001:10001\nRUN --mount=type=cache,target=/root/.cache/uv,uid=10001 uv sync\n',
      errors: [
        {
          text: 'target=/root/.cache/uv',
          messageId: 'mismatch',
          data: { tool: 'uv', line: 3, cacheDir: '/.cache/uv', target: '/root/.cache/uv' },
        },
      ],
      output: 'FROM scratch\nUSER 10001:10001\nRUN --mount=type=cache,target=/.cache/uv,uid=10001 uv sync\n',
    },
  ],
});

test('CM004 alternative fix sets the env var for the command only', () => {
  const out = applyFixByTitle(cacheTargetMismatch, NON_ROOT, 'Set UV_CACHE_DIR=/root/.cache/uv for this command');
  assert.equal(out, NON_ROOT.replace(' uv sync', ' UV_CACHE_DIR=/root/.cache/uv uv sync'));
});

test('CM004 offers no env-var fix when a --cache-dir flag would win', () => {
  assert.throws(
    () =>
      applyFixByTitle(
        cacheTargetMismatch,
        'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv uv sync --cache-dir /tmp/uvc\n',
        /^Set UV_CACHE_DIR/,
      ),
    /no fix titled/,
  );
});
