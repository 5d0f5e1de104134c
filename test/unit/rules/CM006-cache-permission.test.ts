import { cachePermission } from '../../../server/src/core/rules/dockerfile/cache-permission';
import { runRuleTests } from '../../helpers/rule-tester';
import {
  DOCKER_INIT_PYTHON,
  UV_DOCKER_EXAMPLE,
  UV_DOCKER_EXAMPLE_MULTISTAGE,
} from '../../helpers/research-dockerfiles';

const APP = 'FROM python:3.12-slim\nRUN useradd --create-home --uid 1000 app\nUSER app\n';

runRuleTests(cachePermission, {
  valid: [
    '',
    // apt installs as root (through sudo as a non-root USER): the apt mounts' owner never matters.
    `${APP}RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked sudo apt-get update && sudo apt-get install -y curl\n`,
    // A pip lookalike in a RUN that only runs uv (which caches in its own, owned mount): nobody writes there.
    `${APP}RUN --mount=type=cache,target=/home/app/.cache/uv,uid=1000 --mount=type=cache,target=/home/app/.cache/pip uv sync\n`,
    UV_DOCKER_EXAMPLE,
    UV_DOCKER_EXAMPLE_MULTISTAGE,
    DOCKER_INIT_PYTHON,
    // Root (explicit, or unknown from the base image) needs nothing.
    'FROM python:3.12-slim\nUSER root\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n',
    'FROM example.com/unknown:1\nRUN --mount=type=cache,target=/home/app/.cache/uv uv sync\n',
    `${APP}RUN --mount=type=cache,target=/home/app/.cache/uv,uid=1000 uv sync\n`,
    // Non-cache mounts are not created by BuildKit as cache dirs.
    `${APP}RUN --mount=type=bind,source=uv.lock,target=uv.lock uv sync --locked --no-install-project\n`,
    // The mount is unused by uv (it caches in /home/app/.cache/uv): CM004 reports that, not this rule.
    `${APP}RUN --mount=type=cache,target=/root/.cache/uv uv sync\n`,
  ],
  invalid: [
    {
      name: 'uv as a non-root user: error',
      code: `${APP}RUN --mount=type=cache,target=/home/app/.cache/uv uv sync\n`,
      errors: [
        {
          code: 'CM006',
          text: 'type=cache',
          line: 4,
          severity: 'error',
          messageId: 'uvDenied',
          data: { target: '/home/app/.cache/uv', user: 'app' },
          detail:
            /^Cache mount '\/home\/app\/\.cache\/uv' is created root:root 0755, but this RUN runs as user 'app' \(uid 1000, USER line 3\): uv fails with "Permission denied" writing into it\. Add uid=1000.*\. Note: uid\/gid\/mode give the mount a separate cache key \(CM002\)\.$/,
        },
      ],
      output: `${APP}RUN --mount=type=cache,uid=1000,target=/home/app/.cache/uv uv sync\n`,
    },
    {
      name: 'pip: warning, the cache is silently disabled',
      code: `${APP}RUN --mount=type=cache,target=/home/app/.cache/pip pip install --user flask\n`,
      errors: [
        {
          severity: 'warning',
          messageId: 'pipDisabled',
          data: { target: '/home/app/.cache/pip', user: 'app' },
          detail: /pip prints "The cache has been disabled" and installs without a cache/,
        },
      ],
      output: `${APP}RUN --mount=type=cache,uid=1000,target=/home/app/.cache/pip pip install --user flask\n`,
    },
    {
      name: 'numeric USER uid:gid gives both',
      code: 'FROM python:3.12-slim\nUSER 1001:1002\nENV UV_CACHE_DIR=/cache/uv\nRUN --mount=type=cache,target=/cache/uv uv sync\n',
      errors: [
        {
          severity: 'error',
          text: 'type=cache',
          messageId: 'uvDenied',
          data: { target: '/cache/uv', user: '1001' },
          detail: /Add uid=1001,gid=1002 \(owner of the cache dir\)\./,
        },
      ],
      output:
        'FROM python:3.12-slim\nUSER 1001:1002\nENV UV_CACHE_DIR=/cache/uv\nRUN --mount=type=cache,uid=1001,gid=1002,target=/cache/uv uv sync\n',
    },
    {
      name: 'useradd with a group id from groupadd gives the gid',
      code: 'FROM python:3.12-slim\nRUN groupadd --gid 999 nonroot && useradd --gid 999 --uid 999 --create-home nonroot\nUSER nonroot\nRUN --mount=type=cache,target=/home/nonroot/.cache/uv uv sync\n',
      errors: [
        {
          messageId: 'uvDenied',
          data: { target: '/home/nonroot/.cache/uv', user: 'nonroot' },
          detail: /user 'nonroot' \(uid 999, USER line 3\).*Add uid=999,gid=999/,
        },
      ],
      output:
        'FROM python:3.12-slim\nRUN groupadd --gid 999 nonroot && useradd --gid 999 --uid 999 --create-home nonroot\nUSER nonroot\nRUN --mount=type=cache,uid=999,gid=999,target=/home/nonroot/.cache/uv uv sync\n',
    },
    {
      // No mode=0777 fallback: BuildKit masks it to 0755 (verified build fact cache-mode-umask).
      name: 'unknown uid: reported, no fix',
      code: 'FROM python:3.12-slim\nRUN useradd --create-home app\nUSER app\nRUN --mount=type=cache,target=/home/app/.cache/uv uv sync\n',
      errors: [
        {
          severity: 'error',
          messageId: 'uvDenied',
          data: { target: '/home/app/.cache/uv', user: 'app' },
          detail:
            /Add uid=<the numeric uid of the user> \(this file does not say which uid the user has; give it one with useradd --uid\)\./,
        },
      ],
      output: null,
    },
    {
      name: 'mode=0777 alone does not make it writable (umask 022); the uid fix is still offered',
      code: `${APP}RUN --mount=type=cache,target=/home/app/.cache/uv,mode=0777 uv sync\n`,
      errors: [
        {
          severity: 'error',
          messageId: 'uvDenied',
          data: { target: '/home/app/.cache/uv', user: 'app' },
          detail: /'mode=0777' does not help: BuildKit applies umask 022 \(mode=0777 gives 0755\)\. Add uid=1000/,
        },
      ],
      output: `${APP}RUN --mount=type=cache,uid=1000,target=/home/app/.cache/uv,mode=0777 uv sync\n`,
    },
    {
      name: 'gid alone does not make it writable either',
      code: `${APP}RUN --mount=type=cache,gid=1000,target=/home/app/.cache/uv uv sync\n`,
      errors: [{ severity: 'error', messageId: 'uvDenied', detail: /Add uid=1000/ }],
      output: `${APP}RUN --mount=type=cache,uid=1000,gid=1000,target=/home/app/.cache/uv uv sync\n`,
    },
    {
      name: 'an unrecognised cache: the user cannot write into it',
      code: `${APP}RUN --mount=type=cache,target=/home/app/.cache/myapp make\n`,
      errors: [
        {
          severity: 'warning',
          messageId: 'notWritable',
          data: { target: '/home/app/.cache/myapp', user: 'app' },
          detail: /: the user cannot write into it\./,
        },
      ],
      output: `${APP}RUN --mount=type=cache,uid=1000,target=/home/app/.cache/myapp make\n`,
    },
  ],
});
