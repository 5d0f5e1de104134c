import { uvLinkMode } from '../../../server/src/core/rules/dockerfile/uv-link-mode';
import { runRuleTests } from '../../helpers/rule-tester';
import { UV_DOCKER_EXAMPLE, UV_DOCKER_EXAMPLE_MULTISTAGE } from '../../helpers/research-dockerfiles';

runRuleTests(uvLinkMode, {
  valid: [
    '',
    // Commands that link no package from the cache into an environment: link mode plays no part.
    'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv uv python install 3.12 && uv lock && uv --version\n',
    'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv uv --directory /src export --frozen -o req.txt\n',
    UV_DOCKER_EXAMPLE,
    UV_DOCKER_EXAMPLE_MULTISTAGE,
    'FROM python:3.12-slim\nRUN uv sync\n',
    'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv uv sync --link-mode=copy\n',
    'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv uv sync --link-mode copy\n',
    'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv UV_LINK_MODE=copy uv sync\n',
    'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv export UV_LINK_MODE=copy && uv sync\n',
    'FROM python:3.12-slim\nARG UV_LINK_MODE=copy\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n',
    // An explicit hardlink is the user's choice.
    'FROM python:3.12-slim\nENV UV_LINK_MODE=hardlink\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n',
    // ENV inherited through FROM <stage>.
    'FROM python:3.12-slim AS base\nENV UV_LINK_MODE=copy\nFROM base\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n',
    // A pip cache mount does not make uv link from a cache mount.
    'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask && uv --version\n',
    // The cache is disabled: nothing is linked from it (CM005 reports it).
    'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv uv sync --no-cache\n',
  ],
  invalid: [
    {
      code: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv uv sync --locked\n',
      errors: [
        {
          code: 'CM009',
          text: 'uv',
          line: 2,
          severity: 'info',
          messageId: 'unset',
          data: {},
          detail:
            /^UV_LINK_MODE is not set in this Dockerfile or its base image and uv runs with a cache mount: uv warns "Failed to hardlink files; falling back to full copy"/,
        },
      ],
      output:
        'FROM python:3.12-slim\nENV UV_LINK_MODE=copy\nRUN --mount=type=cache,target=/root/.cache/uv uv sync --locked\n',
    },
    {
      name: 'an image the catalog does not know may set it: the message hedges',
      code: 'FROM myorg/base:1\nRUN --mount=type=cache,target=/root/.cache/uv uv sync --locked\n',
      errors: [
        {
          text: 'uv',
          messageId: 'unsetBaseUnknown',
          data: {},
          detail: /^UV_LINK_MODE is not set in this Dockerfile \(unless the base image sets it\)/,
        },
      ],
      output:
        'FROM myorg/base:1\nENV UV_LINK_MODE=copy\nRUN --mount=type=cache,target=/root/.cache/uv uv sync --locked\n',
    },
    {
      name: 'several RUNs and stages: one ENV per stage, converging',
      code: [
        'FROM python:3.12-slim AS build',
        'RUN --mount=type=cache,target=/root/.cache/uv uv sync --no-install-project',
        'RUN --mount=type=cache,target=/root/.cache/uv uv sync',
        'FROM python:3.12-slim AS test',
        'RUN --mount=type=cache,target=/root/.cache/uv uv run pytest',
        '',
      ].join('\n'),
      errors: [{ line: 2 }, { line: 3 }, { line: 5 }],
      output: [
        [
          'FROM python:3.12-slim AS build',
          'ENV UV_LINK_MODE=copy',
          'RUN --mount=type=cache,target=/root/.cache/uv uv sync --no-install-project',
          'RUN --mount=type=cache,target=/root/.cache/uv uv sync',
          'FROM python:3.12-slim AS test',
          'ENV UV_LINK_MODE=copy',
          'RUN --mount=type=cache,target=/root/.cache/uv uv run pytest',
          '',
        ].join('\n'),
      ],
    },
    {
      name: 'ENV symlink: error, value replaced',
      code: 'FROM python:3.12-slim\nENV UV_LINK_MODE=symlink\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n',
      errors: [
        {
          text: 'UV_LINK_MODE=symlink',
          line: 2,
          severity: 'error',
          messageId: 'symlink',
          data: { where: 'ENV UV_LINK_MODE on line 2' },
          detail:
            /installed packages become links into the cache, which is not part of the image, so they dangle in the built image\. Use copy\.$/,
        },
      ],
      output: 'FROM python:3.12-slim\nENV UV_LINK_MODE=copy\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n',
    },
    {
      name: '--link-mode=symlink flag',
      code: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv uv sync --link-mode=symlink\n',
      errors: [
        {
          text: '--link-mode=symlink',
          severity: 'error',
          messageId: 'symlink',
          data: { where: '--link-mode on line 2' },
        },
      ],
      output: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv uv sync --link-mode=copy\n',
    },
    {
      name: '--link-mode symlink (separate word)',
      code: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv uv pip install --link-mode symlink flask\n',
      errors: [{ text: 'symlink', severity: 'error' }],
      output:
        'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv uv pip install --link-mode copy flask\n',
    },
    {
      name: 'CRLF: the ENV line uses the file line ending',
      code: 'FROM python:3.12-slim\r\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\r\n',
      errors: [{ text: 'uv', line: 2 }],
      output:
        'FROM python:3.12-slim\r\nENV UV_LINK_MODE=copy\r\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\r\n',
    },
  ],
});
