import { missingCacheId } from '../../../server/src/core/rules/dockerfile/missing-cache-id';
import { runRuleTests } from '../../helpers/rule-tester';

runRuleTests(missingCacheId, {
  valid: [
    '',
    'FROM python:3.12-slim\nRUN --mount=type=cache,id=uv-cache,target=/root/.cache/uv uv sync\n',
    // Without type= a mount is a bind mount, not a cache (research §1.1).
    'FROM python:3.12-slim\nRUN --mount=target=/root/.cache/uv uv sync\n',
    'FROM python:3.12-slim\nRUN --mount=type=tmpfs,target=/root/.cache/uv uv sync\n',
    // No recognised tool: nothing to name.
    'FROM debian:bookworm\nRUN --mount=type=cache,target=/var/cache/myapp make\n',
    'FROM debian:bookworm\nRUN --mount=type=\n',
    // An unclosed heredoc degrades, it does not throw.
    'FROM python:3.12-slim\nRUN --mount=type=cache,id=uv-cache,target=/root/.cache/uv <<EOF\nuv sync\n',
    '\u0000\u00ff\ufffd RUN --mount=type=cache \u0007\n\n',
    // A split made by uid only: an id would not join it, so CM001 says nothing there (CM002 explains it).
    'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\nRUN --mount=type=cache,id=/root/.cache/uv,uid=1000,target=/root/.cache/uv uv sync\n',
    // CM010 rejects the mount (`tagret`): no other finding on it.
    'FROM python:3.12-slim\nRUN --mount=type=cache,tagret=/root/.cache/uv uv sync\n',
  ],
  invalid: [
    {
      code: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv uv sync --locked\n',
      errors: [
        {
          code: 'CM001',
          text: 'type=cache',
          line: 2,
          severity: 'hint',
          messageId: 'noId',
          data: { tool: 'uv', target: '/root/.cache/uv' },
          detail:
            /which every uv cache mount of the file and workspace shares today\. id=uv-cache would name the cache/,
        },
      ],
      output: 'FROM python:3.12-slim\nRUN --mount=type=cache,id=uv-cache,target=/root/.cache/uv uv sync --locked\n',
    },
    {
      name: 'a uv-looking mount with pip in the RUN is still a uv mount (a lookalike: a plain hint, no sharing claim)',
      code: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv pip install -r requirements.txt\n',
      errors: [
        {
          text: 'type=cache',
          severity: 'hint',
          messageId: 'noId',
          data: { tool: 'uv', target: '/root/.cache/uv' },
          detail:
            /^No id: the cache key is the target '\/root\/\.cache\/uv'\. id=uv-cache would name the uv cache, so mounts with another target or user can share it\.$/,
        },
      ],
      output:
        'FROM python:3.12-slim\nRUN --mount=type=cache,id=uv-cache,target=/root/.cache/uv pip install -r requirements.txt\n',
    },
    {
      name: 'pip gets the pip id',
      code: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\n',
      errors: [
        {
          text: 'type=cache',
          severity: 'hint',
          messageId: 'noId',
          data: { tool: 'pip', target: '/root/.cache/pip' },
          detail: /which every pip cache mount .* id=pip-cache would name the cache/,
        },
      ],
      output:
        'FROM python:3.12-slim\nRUN --mount=type=cache,id=pip-cache,target=/root/.cache/pip pip install -r requirements.txt\n',
    },
    {
      name: 'uvCacheId setting',
      code: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n',
      settings: { uvCacheId: 'shared-uv' },
      errors: [{ text: 'type=cache', messageId: 'noId', detail: / id=shared-uv would name/ }],
      output: 'FROM python:3.12-slim\nRUN --mount=type=cache,id=shared-uv,target=/root/.cache/uv uv sync\n',
    },
    {
      name: 'cacheIds setting wins for its tool',
      code: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\n',
      settings: { cacheIds: { pip: 'pypi-wheels' } },
      errors: [{ text: 'type=cache', messageId: 'noId', detail: / id=pypi-wheels would name/ }],
      output:
        'FROM python:3.12-slim\nRUN --mount=type=cache,id=pypi-wheels,target=/root/.cache/pip pip install flask\n',
    },
    {
      name: 'type after target: the id goes right after type=cache',
      code: 'FROM python:3.12-slim\nRUN --mount=target=/root/.cache/uv/,type=cache uv sync\n',
      errors: [{ text: 'type=cache', messageId: 'noId', data: { tool: 'uv', target: '/root/.cache/uv' } }],
      output: 'FROM python:3.12-slim\nRUN --mount=target=/root/.cache/uv/,type=cache,id=uv-cache uv sync\n',
    },
    {
      name: 'the same tool under another key elsewhere: warning on both, naming the other line',
      code: [
        'FROM python:3.12-slim AS build',
        'RUN --mount=type=cache,target=/root/.cache/uv uv sync',
        'FROM python:3.12-slim AS test',
        'ENV UV_CACHE_DIR=/opt/uv',
        'RUN --mount=type=cache,target=/opt/uv uv sync',
        '',
      ].join('\n'),
      errors: [
        {
          line: 2,
          severity: 'warning',
          messageId: 'noIdSplit',
          data: { tool: 'uv', line: 5 },
          detail:
            /Add id=uv-cache here and there to share one cache\. In this file: line 5 \(implicit id '\/opt\/uv' from the target\)\.$/,
        },
        {
          line: 5,
          severity: 'warning',
          messageId: 'noIdSplit',
          data: { tool: 'uv', line: 2 },
          detail:
            /its target '\/opt\/uv'.* In this file: line 2 \(implicit id '\/root\/\.cache\/uv' from the target\)\.$/,
        },
      ],
      output: [
        'FROM python:3.12-slim AS build',
        'RUN --mount=type=cache,id=uv-cache,target=/root/.cache/uv uv sync',
        'FROM python:3.12-slim AS test',
        'ENV UV_CACHE_DIR=/opt/uv',
        'RUN --mount=type=cache,id=uv-cache,target=/opt/uv uv sync',
        '',
      ].join('\n'),
    },
    {
      name: 'same target twice: same key, so a hint only',
      code: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\nRUN --mount=type=cache,target=/root/.cache/uv uv pip list\n',
      errors: [
        { line: 2, severity: 'hint' },
        { line: 3, severity: 'hint' },
      ],
      output:
        'FROM python:3.12-slim\nRUN --mount=type=cache,id=uv-cache,target=/root/.cache/uv uv sync\nRUN --mount=type=cache,id=uv-cache,target=/root/.cache/uv uv pip list\n',
    },
    {
      name: 'a joinable split and a uid split: warning naming only the joinable mount',
      code: [
        'FROM python:3.12-slim',
        'RUN --mount=type=cache,target=/root/.cache/uv uv sync',
        'RUN --mount=type=cache,target=/root/.cache/uv,uid=1000 uv sync',
        'RUN --mount=type=cache,target=/tmp/uv UV_CACHE_DIR=/tmp/uv uv sync',
        '',
      ].join('\n'),
      errors: [
        {
          line: 2,
          severity: 'warning',
          messageId: 'noIdSplit',
          data: { tool: 'uv', line: 4 },
          detail: /In this file: line 4 \(implicit id '\/tmp\/uv' from the target\)\.$/,
        },
        {
          line: 4,
          severity: 'warning',
          messageId: 'noIdSplit',
          data: { tool: 'uv', line: 2 },
          detail: /In this file: line 2 \(implicit id '\/root\/\.cache\/uv' from the target\)\.$/,
        },
      ],
      output: [
        'FROM python:3.12-slim',
        'RUN --mount=type=cache,id=uv-cache,target=/root/.cache/uv uv sync',
        'RUN --mount=type=cache,target=/root/.cache/uv,uid=1000 uv sync',
        'RUN --mount=type=cache,id=uv-cache,target=/tmp/uv UV_CACHE_DIR=/tmp/uv uv sync',
        '',
      ].join('\n'),
    },
    {
      name: 'CRLF and a continuation line',
      code: 'FROM python:3.12-slim\r\nRUN --mount=type=cache,target=/root/.cache/uv \\\r\n    uv sync\r\n',
      errors: [{ text: 'type=cache', line: 2 }],
      output:
        'FROM python:3.12-slim\r\nRUN --mount=type=cache,id=uv-cache,target=/root/.cache/uv \\\r\n    uv sync\r\n',
    },
  ],
});
