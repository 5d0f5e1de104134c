import { relativeCacheTarget } from '../../../server/src/core/rules/dockerfile/relative-cache-target';
import { runRuleTests } from '../../helpers/rule-tester';
import { bundledDockerfiles } from '../../helpers/bundled-dockerfiles';

const S = 'FROM scratch\n';

runRuleTests(relativeCacheTarget, {
  valid: [
    '',
    ...bundledDockerfiles(),
    `${S}RUN --mount=type=cache,target=/root/.cache/uv true\n`,
    // Relative bind targets are normal (uv's own guide).
    `${S}WORKDIR /app\nRUN --mount=type=bind,source=uv.lock,target=uv.lock true\n`,
    // A variable that expands to an absolute path.
    `${S}ENV C=/cache\nRUN --mount=type=cache,target=$C true\n`,
    // Unknown expansion: silent.
    'FROM python:3.12\nRUN --mount=type=cache,target=$CACHE true\n',
    // A missing target under WORKDIR / is CM010's error, not this rule's.
    `${S}RUN --mount=type=cache,id=x true\n`,
  ],
  invalid: [
    {
      name: 'relative target under a known WORKDIR',
      code: `${S}WORKDIR /w1\nRUN --mount=type=cache,target=node_modules true\n`,
      errors: [
        {
          code: 'CM012',
          text: 'target=node_modules',
          line: 3,
          severity: 'warning',
          messageId: 'relative',
          data: { path: '/w1/node_modules' },
          detail:
            /; its implicit id is the raw string 'node_modules', shared by every WORKDIR that mounts 'node_modules'\.$/,
        },
      ],
      output: `${S}WORKDIR /w1\nRUN --mount=type=cache,target=/w1/node_modules true\n`,
    },
    {
      // root with no /etc/passwd in the stage has HOME=/ (verified: no-passwd-file-user).
      name: "~ is never expanded: the fix uses root's HOME there (/)",
      code: `${S}WORKDIR /app\nRUN --mount=type=cache,id=uv,target=~/.cache/uv uv sync\n`,
      errors: [
        {
          text: 'target=~/.cache/uv',
          messageId: 'tilde',
          data: { target: '~/.cache/uv' },
          detail:
            /^'~' is never expanded in --mount: cache target '~\/\.cache\/uv' is relative: BuildKit mounts it at '\/app\/~\/\.cache\/uv'\.$/,
        },
      ],
      output: `${S}WORKDIR /app\nRUN --mount=type=cache,id=uv,target=/.cache/uv uv sync\n`,
    },
    {
      name: '~ for a user created in this file',
      code: 'FROM python:3.12\nRUN useradd -m app\nUSER app\nWORKDIR /srv\nRUN --mount=type=cache,dst=~/.cache/pip,mode=0777 pip install x\n',
      errors: [{ text: 'dst=~/.cache/pip', messageId: 'tilde', data: { target: '~/.cache/pip' } }],
      output:
        'FROM python:3.12\nRUN useradd -m app\nUSER app\nWORKDIR /srv\nRUN --mount=type=cache,dst=/home/app/.cache/pip,mode=0777 pip install x\n',
    },
    {
      name: 'unknown WORKDIR and unknown HOME: reported, no fix',
      code: 'FROM myorg/base:3.12\nRUN --mount=type=cache,target=.cache --mount=type=cache,target=~/.cache/uv uv sync\n',
      errors: [
        {
          text: 'target=.cache',
          messageId: 'relativeUnknownWorkdir',
          data: { target: '.cache' },
          detail: /mounts it at '\.cache' under the WORKDIR \(set by the base image: unknown here\)/,
        },
        { text: 'target=~/.cache/uv', messageId: 'tilde', data: { target: '~/.cache/uv' } },
      ],
      output: null,
    },
    {
      name: 'no target under a WORKDIR other than /',
      code: `${S}WORKDIR /app\nRUN --mount=type=cache true\n`,
      errors: [
        {
          text: 'type=cache',
          messageId: 'noTarget',
          data: {},
          detail:
            /^This cache mount has no target: BuildKit mounts it over the WORKDIR \/app, hiding its files during the RUN, with the implicit id '\.'\.$/,
        },
      ],
      output: null,
    },
  ],
});
