import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cacheDisabled } from '../../../server/src/core/rules/dockerfile/cache-disabled';
import { applyFixByTitle, runRuleTests } from '../../helpers/rule-tester';
import { DOCKER_INIT_PYTHON, UV_DOCKER_EXAMPLE } from '../../helpers/research-dockerfiles';

const PIP =
  'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install --no-cache-dir -r requirements.txt\n';

runRuleTests(cacheDisabled, {
  valid: [
    '',
    UV_DOCKER_EXAMPLE,
    DOCKER_INIT_PYTHON,
    // No cache mount: --no-cache-dir keeps the image small, as intended.
    'FROM python:3.12-slim\nRUN pip install --no-cache-dir -r requirements.txt\n',
    // UV_NO_CACHE=0 means "cache enabled" (clap BoolishValueParser, research §4.1).
    'FROM python:3.12-slim\nENV UV_NO_CACHE=0\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n',
    // The disabled tool is not the one the mount serves.
    'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv uv sync && pip install --no-cache-dir flask\n',
    // rm outside the mount, and non-recursive rm.
    'FROM debian:bookworm\nRUN --mount=type=cache,target=/var/cache/myapp make && rm -rf /tmp/build\n',
    'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask && rm -f /root/.cache/pip/log.txt\n',
    // uv cache prune keeps what it should.
    'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv uv sync && uv cache prune --ci\n',
    // `~` and $HOME: the user (so HOME) is unknown without USER; a quoted `~` is not expanded by the shell;
    // HOME set in the RUN is not followed.
    'FROM myorg/base:1\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask && rm -rf ~/.cache/pip\n',
    'FROM python:3.12-slim\nUSER root\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask && rm -rf "~/.cache/pip"\n',
    'FROM python:3.12-slim\nUSER root\nRUN --mount=type=cache,target=/root/.cache/pip export HOME=/tmp && pip install flask && rm -rf ~/.cache/pip\n',
    // The home of another user than the mount's.
    'FROM python:3.12-slim\nRUN useradd -m app\nUSER app\nRUN --mount=type=cache,target=/root/.cache/pip,mode=0777 pip install flask; rm -rf ~/.cache/pip\n',
  ],
  invalid: [
    {
      name: 'pip --no-cache-dir under a pip cache mount',
      code: PIP,
      errors: [
        {
          code: 'CM005',
          text: '--no-cache-dir',
          line: 2,
          severity: 'warning',
          messageId: 'disabledHere',
          data: { what: '--no-cache-dir', tool: 'pip', targets: "'/root/.cache/pip'" },
          detail: /^pip --no-cache-dir disables pip's cache.*remove '--no-cache-dir', or remove the mount\.$/,
        },
      ],
      output: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\n',
    },
    {
      name: 'uv --no-cache',
      code: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv uv sync --no-cache --locked\n',
      errors: [
        {
          text: '--no-cache',
          messageId: 'disabledHere',
          data: { what: '--no-cache', tool: 'uv', targets: "'/root/.cache/uv'" },
          detail: /^uv --no-cache uses a temporary cache instead of the mounted one/,
        },
      ],
      output: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv uv sync --locked\n',
    },
    {
      name: 'uv -n',
      code: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv uv pip install -n flask\n',
      errors: [{ text: '-n' }],
      output: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv uv pip install flask\n',
    },
    {
      name: 'inline PIP_NO_CACHE_DIR=off still disables the cache (research §5.1)',
      code: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip PIP_NO_CACHE_DIR=off pip install flask\n',
      errors: [{ text: 'PIP_NO_CACHE_DIR=off' }],
      output: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\n',
    },
    {
      name: 'ENV PIP_NO_CACHE_DIR=0: reported on the mount, no preferred fix',
      code: 'FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=0\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\n',
      errors: [
        {
          text: '--mount=type=cache,target=/root/.cache/pip',
          line: 3,
          messageId: 'disabledByVariable',
          data: { what: 'PIP_NO_CACHE_DIR=0', line: 2, tool: 'pip' },
          detail: /pip disables its cache for any valid boolean, even a false one/,
        },
      ],
      output: null,
    },
    {
      name: 'ENV UV_NO_CACHE=1',
      code: 'FROM python:3.12-slim\nENV UV_NO_CACHE=1\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n',
      errors: [
        {
          text: '--mount=type=cache,target=/root/.cache/uv',
          messageId: 'disabledByVariable',
          data: { what: 'UV_NO_CACHE=1', line: 2, tool: 'uv' },
        },
      ],
      output: null,
    },
    {
      name: 'uv cache clean at the end',
      code: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv uv sync --locked && uv cache clean\n',
      errors: [
        {
          text: 'uv cache clean',
          messageId: 'wiped',
          data: { command: 'uv cache clean', tool: 'uv', targets: "'/root/.cache/uv'" },
        },
      ],
      output: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv uv sync --locked\n',
    },
    {
      name: 'pip cache purge first, over a continuation line',
      code: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip cache purge && \\\n    pip install flask\n',
      errors: [{ text: 'pip cache purge' }],
      output: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\n',
    },
    {
      name: 'rm -rf of the mount contents',
      code: 'FROM debian:bookworm\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
      errors: [
        {
          text: '/var/lib/apt/lists/*',
          messageId: 'removed',
          data: { path: '/var/lib/apt/lists/*', targets: "'/var/lib/apt/lists'" },
        },
      ],
      output:
        'FROM debian:bookworm\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y curl\n',
    },
    {
      name: 'rm of a variable that names the mount target',
      code: '# syntax=docker/dockerfile:1\nFROM python:3.12-slim\nENV UV_CACHE_DIR=/cache/uv\nRUN --mount=type=cache,target=${UV_CACHE_DIR} uv sync && rm -rf "$UV_CACHE_DIR"\n',
      errors: [
        {
          text: '"$UV_CACHE_DIR"',
          line: 4,
          messageId: 'removed',
          data: { path: '$UV_CACHE_DIR', targets: "'/cache/uv'" },
        },
      ],
      output:
        '# syntax=docker/dockerfile:1\nFROM python:3.12-slim\nENV UV_CACHE_DIR=/cache/uv\nRUN --mount=type=cache,target=${UV_CACHE_DIR} uv sync\n',
    },
    {
      name: 'rm -rf ~/... as root: the shell expands ~ to HOME=/root',
      code: 'FROM python:3.12-slim\nUSER root\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask && rm -rf ~/.cache/pip\n',
      errors: [
        {
          text: '~/.cache/pip',
          line: 3,
          messageId: 'removed',
          data: { path: '~/.cache/pip', targets: "'/root/.cache/pip'" },
        },
      ],
      output: 'FROM python:3.12-slim\nUSER root\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\n',
    },
    {
      name: 'rm -rf $HOME/... for a user created in this file',
      code: 'FROM python:3.12-slim\nRUN useradd -m -u 1000 app\nUSER app\nRUN --mount=type=cache,target=/home/app/.cache/pip,uid=1000 pip install flask && rm -rf $HOME/.cache/pip/*\n',
      errors: [{ text: '$HOME/.cache/pip/*', line: 4 }],
      output:
        'FROM python:3.12-slim\nRUN useradd -m -u 1000 app\nUSER app\nRUN --mount=type=cache,target=/home/app/.cache/pip,uid=1000 pip install flask\n',
    },
    {
      name: 'rm with another path keeps that path',
      code: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask; rm -rf /tmp/x /root/.cache/pip\n',
      errors: [{ text: '/root/.cache/pip', line: 2 }],
      output:
        'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask; rm -rf /tmp/x\n',
    },
    {
      name: 'a lone disabling command has no removal: only the mount can go',
      code: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv uv cache clean\n',
      errors: [{ text: 'uv cache clean' }],
      output: null,
    },
  ],
});

test('CM005 alternative fix removes the mount', () => {
  const out = applyFixByTitle(cacheDisabled, PIP, 'Remove the cache mount /root/.cache/pip');
  assert.equal(out, 'FROM python:3.12-slim\nRUN pip install --no-cache-dir -r requirements.txt\n');
});

test('CM005 removing a mount on its own continuation line keeps the instruction shape', () => {
  const code =
    'FROM python:3.12-slim\nENV UV_NO_CACHE=true\nRUN --mount=type=bind,source=uv.lock,target=uv.lock \\\n    --mount=type=cache,target=/root/.cache/uv \\\n    uv sync\n';
  const out = applyFixByTitle(cacheDisabled, code, /^Remove the cache mount/);
  assert.equal(
    out,
    'FROM python:3.12-slim\nENV UV_NO_CACHE=true\nRUN --mount=type=bind,source=uv.lock,target=uv.lock \\\n    uv sync\n',
  );
});
