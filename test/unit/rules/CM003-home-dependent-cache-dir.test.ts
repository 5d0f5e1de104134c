import { homeDependentCacheDir } from '../../../server/src/core/rules/dockerfile/home-dependent-cache-dir';
import { runRuleTests } from '../../helpers/rule-tester';

runRuleTests(homeDependentCacheDir, {
  valid: [
    '',
    '# syntax=docker/dockerfile:1\nFROM python:3.12-slim\nENV UV_CACHE_DIR=/cache/uv\nRUN --mount=type=cache,id=uv-cache,target=${UV_CACHE_DIR} uv sync\n',
    'FROM python:3.12-slim\nRUN --mount=type=cache,target=/opt/uv-cache uv sync\n',
    // pip mounts are not this rule's business.
    'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\n',
    // A bind mount of the same path is no cache.
    'FROM python:3.12-slim\nRUN --mount=target=/root/.cache/uv uv sync\n',
  ],
  invalid: [
    {
      name: 'targetBuilder docker-20.10: the literal directory (that builder does not expand variables in --mount), no directive',
      code: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n',
      settings: { targetBuilder: 'docker-20.10' },
      errors: [{ text: 'target=/root/.cache/uv' }],
      output:
        'FROM python:3.12-slim\nENV UV_CACHE_DIR=/cache/uv\nRUN --mount=type=cache,id=uv-cache,target=/cache/uv uv sync\n',
    },
    {
      name: 'targetBuilder docker-20.10 with syntaxDirective: the directive, then ${UV_CACHE_DIR}',
      code: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n',
      settings: { targetBuilder: 'docker-20.10', syntaxDirective: true },
      errors: [{ text: 'target=/root/.cache/uv' }],
      output:
        '# syntax=docker/dockerfile:1\nFROM python:3.12-slim\nENV UV_CACHE_DIR=/cache/uv\nRUN --mount=type=cache,id=uv-cache,target=${UV_CACHE_DIR} uv sync\n',
    },
    {
      code: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv uv sync --locked\n',
      errors: [
        {
          code: 'CM003',
          text: 'target=/root/.cache/uv',
          line: 2,
          severity: 'hint',
          messageId: 'underHome',
          data: { target: '/root/.cache/uv', home: '/root' },
          detail:
            /^uv cache mount target '\/root\/\.cache\/uv' is under a home directory.* Set ENV UV_CACHE_DIR=\/cache\/uv and mount target=\$\{UV_CACHE_DIR\} so every user shares one location\.$/,
        },
      ],
      output:
        'FROM python:3.12-slim\nENV UV_CACHE_DIR=/cache/uv\nRUN --mount=type=cache,id=uv-cache,target=${UV_CACHE_DIR} uv sync --locked\n',
    },
    {
      name: 'existing syntax directive, existing id, custom uvCacheDir',
      code: '# syntax=docker/dockerfile:1.7\nFROM python:3.12-slim\nRUN --mount=type=cache,id=uv,target=/root/.cache/uv uv sync\n',
      settings: { uvCacheDir: '/var/cache/uv' },
      errors: [{ text: 'target=/root/.cache/uv', detail: /Set ENV UV_CACHE_DIR=\/var\/cache\/uv / }],
      output:
        '# syntax=docker/dockerfile:1.7\nFROM python:3.12-slim\nENV UV_CACHE_DIR=/var/cache/uv\nRUN --mount=type=cache,id=uv,target=${UV_CACHE_DIR} uv sync\n',
    },
    {
      name: 'uv run as two users: warning; the ENV goes to the earliest ancestor stage, once',
      code: [
        'FROM python:3.12-slim AS base',
        'USER root',
        'RUN useradd --create-home --uid 1000 app',
        'RUN --mount=type=cache,target=/root/.cache/uv uv sync',
        'FROM base AS dev',
        'USER app',
        'RUN --mount=type=cache,target=/home/app/.cache/uv,uid=1000 uv sync',
        '',
      ].join('\n'),
      errors: [
        {
          line: 4,
          severity: 'warning',
          text: 'target=/root/.cache/uv',
          messageId: 'underHomeManyUsers',
          data: { users: 2, target: '/root/.cache/uv', home: '/root' },
          detail: /This file runs uv as 2 different users\./,
        },
        {
          line: 7,
          severity: 'warning',
          text: 'target=/home/app/.cache/uv',
          messageId: 'underHomeManyUsers',
          data: { users: 2, target: '/home/app/.cache/uv', home: '/home/app' },
        },
      ],
      output: [
        'FROM python:3.12-slim AS base',
        'ENV UV_CACHE_DIR=/cache/uv',
        'USER root',
        'RUN useradd --create-home --uid 1000 app',
        'RUN --mount=type=cache,id=uv-cache,target=${UV_CACHE_DIR} uv sync',
        'FROM base AS dev',
        'USER app',
        'RUN --mount=type=cache,id=uv-cache,target=${UV_CACHE_DIR},uid=1000 uv sync',
        '',
      ].join('\n'),
    },
    {
      name: 'two RUNs in one stage converge to one ENV line; CRLF kept',
      code: 'FROM python:3.12-slim\r\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\r\nRUN --mount=type=cache,target=/root/.cache/uv uv run pytest\r\n',
      errors: [{ line: 2 }, { line: 3 }],
      output: [
        'FROM python:3.12-slim\r\nENV UV_CACHE_DIR=/cache/uv\r\nRUN --mount=type=cache,id=uv-cache,target=${UV_CACHE_DIR} uv sync\r\nRUN --mount=type=cache,target=/root/.cache/uv uv run pytest\r\n',
        'FROM python:3.12-slim\r\nENV UV_CACHE_DIR=/cache/uv\r\nRUN --mount=type=cache,id=uv-cache,target=${UV_CACHE_DIR} uv sync\r\nRUN --mount=type=cache,id=uv-cache,target=${UV_CACHE_DIR} uv run pytest\r\n',
      ],
    },
    {
      name: 'UV_CACHE_DIR already defined with a fixed path: only the target and id change',
      code: '# syntax=docker/dockerfile:1\nFROM python:3.12-slim\nENV UV_CACHE_DIR=/opt/uv\nRUN --mount=type=cache,target=/root/.cache/uv pip install x\n',
      errors: [{ text: 'target=/root/.cache/uv' }],
      output:
        '# syntax=docker/dockerfile:1\nFROM python:3.12-slim\nENV UV_CACHE_DIR=/opt/uv\nRUN --mount=type=cache,id=uv-cache,target=${UV_CACHE_DIR} pip install x\n',
    },
    {
      name: 'UV_CACHE_DIR defined under a home: no automatic fix',
      code: 'FROM python:3.12-slim\nENV UV_CACHE_DIR=/root/.cache/uv\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n',
      errors: [{ text: 'target=/root/.cache/uv' }],
      output: null,
    },
    {
      name: 'FROM on the last line without newline is handled',
      code: 'FROM python:3.12-slim AS a\nRUN --mount=type=cache,target=/root/.cache/uv uv sync',
      errors: [{ line: 2 }],
      output:
        'FROM python:3.12-slim AS a\nENV UV_CACHE_DIR=/cache/uv\nRUN --mount=type=cache,id=uv-cache,target=${UV_CACHE_DIR} uv sync',
    },
  ],
});
