import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { aptCacheSharing } from '../../../server/src/core/rules/dockerfile/apt-cache-sharing';
import { runRuleTests } from '../../helpers/rule-tester';
import {
  DOCKER_INIT_PYTHON,
  UV_DOCKER_EXAMPLE,
  UV_DOCKER_EXAMPLE_MULTISTAGE,
} from '../../helpers/research-dockerfiles';

const GOOD_EXAMPLE = readFileSync(resolve(__dirname, '../../../../examples/good/Dockerfile'), 'utf8');

runRuleTests(aptCacheSharing, {
  valid: [
    '',
    UV_DOCKER_EXAMPLE,
    UV_DOCKER_EXAMPLE_MULTISTAGE,
    DOCKER_INIT_PYTHON,
    GOOD_EXAMPLE,
    // Docker's reference example (research §5.3).
    [
      '# syntax=docker/dockerfile:1',
      'FROM ubuntu',
      'RUN rm -f /etc/apt/apt.conf.d/docker-clean; echo \'Binary::apt::APT::Keep-Downloaded-Packages "true";\' > /etc/apt/apt.conf.d/keep-cache',
      'RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\',
      '  --mount=type=cache,target=/var/lib/apt,sharing=locked \\',
      '  apt-get update && apt-get --no-install-recommends install -y gcc',
      '',
    ].join('\n'),
    // private is Docker's documented alternative to locked.
    'FROM debian\nRUN --mount=type=cache,target=/var/cache/apt,sharing=private apt-get install -y gcc\n',
    // Upper-case value and key: BuildKit lowercases both.
    'FROM debian\nRUN --mount=type=cache,target=/var/lib/apt/lists,SHARING=LOCKED apt-get update\n',
    // Not apt's directories.
    'FROM debian\nRUN --mount=type=cache,target=/var/cache/apk apk add gcc\n',
    'FROM debian\nRUN --mount=type=cache,target=/var/cache/aptitude apt-get update\n',
    // Not a cache mount (default type is bind) and tmpfs.
    'FROM debian\nRUN --mount=target=/var/cache/apt apt-get install -y gcc\n',
    'FROM debian\nRUN --mount=type=tmpfs,target=/var/lib/apt/lists apt-get update\n',
    // Unknown target or sharing value: silent (an invalid value is CM010's).
    'FROM debian\nRUN --mount=type=cache,target=${APT_DIR} apt-get update\n',
    'FROM debian\nRUN --mount=type=cache,target=/var/cache/apt,sharing=${MODE} apt-get update\n',
    'FROM debian\nRUN --mount=type=cache,target=/var/cache/apt,sharing=lockd apt-get update\n',
  ],
  invalid: [
    {
      name: "Docker's optimize page without sharing: both mounts, fixed after type=",
      code: [
        'FROM debian:bookworm',
        'RUN --mount=type=cache,target=/var/cache/apt \\',
        '    --mount=type=cache,target=/var/lib/apt \\',
        '    apt-get update && apt-get install -y gcc',
        '',
      ].join('\n'),
      errors: [
        {
          code: 'CM007',
          text: 'target=/var/cache/apt',
          line: 2,
          severity: 'warning',
          messageId: 'noSharing',
          data: { target: '/var/cache/apt' },
          detail:
            /^The apt cache mount '\/var\/cache\/apt' \(line 2\) has no sharing option, so it is 'shared' \(the default\).*Add sharing=locked/,
        },
        {
          code: 'CM007',
          text: 'target=/var/lib/apt',
          line: 3,
          severity: 'warning',
          messageId: 'noSharing',
          data: { target: '/var/lib/apt' },
        },
      ],
      output: [
        'FROM debian:bookworm',
        'RUN --mount=type=cache,sharing=locked,target=/var/cache/apt \\',
        '    --mount=type=cache,sharing=locked,target=/var/lib/apt \\',
        '    apt-get update && apt-get install -y gcc',
        '',
      ].join('\n'),
    },
    {
      name: 'explicit sharing=shared is replaced',
      code: 'FROM debian\nRUN --mount=type=cache,target=/var/lib/apt/lists,sharing=shared apt-get update\n',
      errors: [
        {
          text: 'sharing=shared',
          line: 2,
          messageId: 'sharingShared',
          data: { target: '/var/lib/apt/lists' },
          detail: /exclusive access to its data/,
        },
      ],
      output: 'FROM debian\nRUN --mount=type=cache,target=/var/lib/apt/lists,sharing=locked apt-get update\n',
    },
    {
      name: 'a directory below /var/cache/apt, a trailing slash, and a relative target under WORKDIR /var',
      code: [
        'FROM ubuntu:24.04',
        'WORKDIR /var',
        'RUN --mount=type=cache,target=/var/cache/apt/archives/ --mount=type=cache,target=lib/apt apt-get install -y make',
        '',
      ].join('\n'),
      errors: [
        {
          text: 'target=/var/cache/apt/archives/',
          messageId: 'noSharing',
          data: { target: '/var/cache/apt/archives' },
        },
        { text: 'target=lib/apt', messageId: 'noSharing', data: { target: '/var/lib/apt' } },
      ],
      output: [
        'FROM ubuntu:24.04',
        'WORKDIR /var',
        'RUN --mount=type=cache,sharing=locked,target=/var/cache/apt/archives/ --mount=type=cache,sharing=locked,target=lib/apt apt-get install -y make',
        '',
      ].join('\n'),
    },
    {
      name: 'target from ENV, mount without type first (type later)',
      code: 'FROM debian\nENV APT_CACHE=/var/cache/apt\nRUN --mount=target=${APT_CACHE},type=cache apt-get install -y gcc\n',
      errors: [{ text: 'target=${APT_CACHE}', messageId: 'noSharing', data: { target: '/var/cache/apt' } }],
      output:
        'FROM debian\nENV APT_CACHE=/var/cache/apt\nRUN --mount=target=${APT_CACHE},type=cache,sharing=locked apt-get install -y gcc\n',
    },
    {
      name: 'CRLF and the mount without any apt command',
      code: 'FROM debian\r\nRUN --mount=type=cache,id=apt,target=/var/cache/apt true\r\n',
      errors: [{ text: 'target=/var/cache/apt', line: 2 }],
      output: 'FROM debian\r\nRUN --mount=type=cache,sharing=locked,id=apt,target=/var/cache/apt true\r\n',
    },
  ],
});
