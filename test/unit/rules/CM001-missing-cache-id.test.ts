import { missingCacheId } from '../../../server/src/core/rules/dockerfile/missing-cache-id';
import { runRuleTests } from '../../helpers/rule-tester';

const UV_INFO =
  "Cache mount has no id, so its cache key is its target '/root/.cache/uv': only mounts with exactly this target share it. " +
  'Add id=uv-cache to share the uv cache across users, stages and images.';

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
  ],
  invalid: [
    {
      code: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv uv sync --locked\n',
      errors: [{ code: 'CM001', text: 'type=cache', line: 2, severity: 'info', message: UV_INFO }],
      output: 'FROM python:3.12-slim\nRUN --mount=type=cache,id=uv-cache,target=/root/.cache/uv uv sync --locked\n',
    },
    {
      name: 'a uv-looking mount with pip in the RUN is still a uv mount',
      code: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv pip install -r requirements.txt\n',
      errors: [{ text: 'type=cache', message: UV_INFO }],
      output: 'FROM python:3.12-slim\nRUN --mount=type=cache,id=uv-cache,target=/root/.cache/uv pip install -r requirements.txt\n',
    },
    {
      name: 'pip gets the pip id',
      code: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\n',
      errors: [{ text: 'type=cache', severity: 'info', message: /its target '\/root\/\.cache\/pip'.*Add id=pip-cache to share the pip cache/ }],
      output: 'FROM python:3.12-slim\nRUN --mount=type=cache,id=pip-cache,target=/root/.cache/pip pip install -r requirements.txt\n',
    },
    {
      name: 'uvCacheId setting',
      code: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n',
      settings: { uvCacheId: 'shared-uv' },
      errors: [{ text: 'type=cache', message: /Add id=shared-uv / }],
      output: 'FROM python:3.12-slim\nRUN --mount=type=cache,id=shared-uv,target=/root/.cache/uv uv sync\n',
    },
    {
      name: 'cacheIds setting wins for its tool',
      code: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\n',
      settings: { cacheIds: { pip: 'pypi-wheels' } },
      errors: [{ text: 'type=cache', message: /Add id=pypi-wheels / }],
      output: 'FROM python:3.12-slim\nRUN --mount=type=cache,id=pypi-wheels,target=/root/.cache/pip pip install flask\n',
    },
    {
      name: 'type after target: the id goes right after type=cache',
      code: 'FROM python:3.12-slim\nRUN --mount=target=/root/.cache/uv/,type=cache uv sync\n',
      errors: [{ text: 'type=cache', message: /its target '\/root\/\.cache\/uv'/ }],
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
        { line: 2, severity: 'warning', message: /also mounted under another key on line 5 \(implicit id '\/opt\/uv' from the target\)\.$/ },
        { line: 5, severity: 'warning', message: /its target '\/opt\/uv'.*also mounted under another key on line 2 \(implicit id '\/root\/\.cache\/uv' from the target\)\.$/ },
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
      name: 'same target twice: same key, so info only',
      code: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\nRUN --mount=type=cache,target=/root/.cache/uv uv pip list\n',
      errors: [{ line: 2, severity: 'info' }, { line: 3, severity: 'info' }],
      output: 'FROM python:3.12-slim\nRUN --mount=type=cache,id=uv-cache,target=/root/.cache/uv uv sync\nRUN --mount=type=cache,id=uv-cache,target=/root/.cache/uv uv pip list\n',
    },
    {
      name: 'CRLF and a continuation line',
      code: 'FROM python:3.12-slim\r\nRUN --mount=type=cache,target=/root/.cache/uv \\\r\n    uv sync\r\n',
      errors: [{ text: 'type=cache', line: 2 }],
      output: 'FROM python:3.12-slim\r\nRUN --mount=type=cache,id=uv-cache,target=/root/.cache/uv \\\r\n    uv sync\r\n',
    },
  ],
});
