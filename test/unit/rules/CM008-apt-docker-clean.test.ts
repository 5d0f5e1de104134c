import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { aptDockerClean, KEEP_CACHE_RUN } from '../../../server/src/core/rules/dockerfile/apt-docker-clean';
import { runRuleTests } from '../../helpers/rule-tester';
import {
  DOCKER_INIT_PYTHON,
  UV_DOCKER_EXAMPLE,
  UV_DOCKER_EXAMPLE_MULTISTAGE,
} from '../../helpers/research-dockerfiles';

const GOOD_EXAMPLE = readFileSync(resolve(__dirname, '../../../../examples/good/Dockerfile'), 'utf8');

/** The detail names the base image and, for a catalog image, the source of the docker-clean fact (a URL at a commit). */
const knownDetail = (image: string, line: number) =>
  new RegExp(
    `the stage builds on '${image}', which ships /etc/apt/apt\\.conf\\.d/docker-clean \\(source: https://github\\.com/[^ ]+\\); ` +
      `that file makes apt delete the downloaded \\.deb files after every install and update\\. Nothing before line ${line} removes it`,
  );

const APT_RUN = [
  'RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\',
  '    --mount=type=cache,target=/var/lib/apt,sharing=locked \\',
  '    apt-get update && apt-get install -y gcc',
];

runRuleTests(aptDockerClean, {
  valid: [
    // A base that stays a variable (or is no image name): nothing is known of it.
    'ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked apt-get update && apt-get install -y gcc\n',
    'ARG BASE_IMAGE=MUST_PROVIDE_BASE_IMAGE\nFROM ${BASE_IMAGE}\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked apt-get update && apt-get install -y gcc\n',
    '',
    UV_DOCKER_EXAMPLE,
    UV_DOCKER_EXAMPLE_MULTISTAGE,
    DOCKER_INIT_PYTHON,
    GOOD_EXAMPLE,
    // Docker's reference example (research §5.3).
    ['FROM ubuntu', KEEP_CACHE_RUN, ...APT_RUN, ''].join('\n'),
    // Removed in the same RUN before apt (the buildkit-cache-dance README way).
    'FROM debian\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked rm -f /etc/apt/apt.conf.d/docker-clean && apt-get install -y gcc\n',
    // Removed in the stage this one builds on.
    ['FROM debian:bookworm AS base', 'RUN rm -f /etc/apt/apt.conf.d/docker-clean', 'FROM base', ...APT_RUN, ''].join(
      '\n',
    ),
    // Emptied with a wildcard, or overridden by a bind mount over the file.
    'FROM debian\nRUN rm -rf /etc/apt/apt.conf.d/*\nRUN --mount=type=cache,target=/var/cache/apt apt-get install -y gcc\n',
    'FROM debian\nRUN --mount=type=bind,source=empty,target=/etc/apt/apt.conf.d/docker-clean --mount=type=cache,target=/var/cache/apt apt-get install -y gcc\n',
    // Only the lists are cached: docker-clean does not touch /var/lib/apt.
    'FROM debian\nRUN --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update\n',
    // Distributions without apt, and scratch.
    'FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apt apt-get install -y gcc\n',
    'FROM python:3.12-alpine\nRUN --mount=type=cache,target=/var/cache/apt apt-get install -y gcc\n',
    'FROM registry.access.redhat.com/ubi9/ubi\nRUN --mount=type=cache,target=/var/cache/apt apt-get install -y gcc\n',
    'FROM scratch\nRUN --mount=type=cache,target=/var/cache/apt apt-get install -y gcc\n',
    // A cache mount with no apt command in the RUN.
    'FROM debian\nRUN --mount=type=cache,target=/var/cache/apt ls /var/cache/apt\n',
    // The stage that runs apt has no apt cache mount.
    'FROM debian AS a\nRUN rm -f /etc/apt/apt.conf.d/docker-clean\nFROM debian AS b\nRUN apt-get install -y gcc\n',
  ],
  invalid: [
    {
      name: "Docker's optimize page: no removal; the line goes before the RUN and above its comment",
      code: ['FROM debian:bookworm', '# compilers', ...APT_RUN, ''].join('\n'),
      errors: [
        {
          code: 'CM008',
          text: 'target=/var/cache/apt',
          line: 3,
          severity: 'warning',
          messageId: 'dockerClean',
          data: { target: '/var/cache/apt' },
          detail: knownDetail('debian:bookworm', 5),
        },
      ],
      output: ['FROM debian:bookworm', KEEP_CACHE_RUN, '# compilers', ...APT_RUN, ''].join('\n'),
    },
    {
      name: 'an unknown base that runs apt is assumed Debian-like',
      code: 'FROM myorg/base:3.12\nRUN --mount=type=cache,target=/var/cache/apt apt install -y gcc\n',
      errors: [
        {
          text: 'target=/var/cache/apt',
          messageId: 'dockerClean',
          data: { target: '/var/cache/apt' },
          detail:
            /the stage builds on 'myorg\/base:3\.12', assumed Debian\/Ubuntu-based because it runs apt, and Debian and Ubuntu images ship \/etc\/apt\/apt\.conf\.d\/docker-clean.*Nothing before line 2 removes it/,
        },
      ],
      output: `FROM myorg/base:3.12\n${KEEP_CACHE_RUN}\nRUN --mount=type=cache,target=/var/cache/apt apt install -y gcc\n`,
    },
    {
      name: 'removal after the apt RUN does not count',
      code: 'FROM ubuntu:24.04\nRUN --mount=type=cache,target=/var/cache/apt/archives sudo -E apt-get install -y gcc\nRUN rm -f /etc/apt/apt.conf.d/docker-clean\n',
      errors: [
        {
          text: 'target=/var/cache/apt/archives',
          messageId: 'dockerClean',
          data: { target: '/var/cache/apt/archives' },
          detail: knownDetail('ubuntu:24.04', 2),
        },
      ],
      output: `FROM ubuntu:24.04\n${KEEP_CACHE_RUN}\nRUN --mount=type=cache,target=/var/cache/apt/archives sudo -E apt-get install -y gcc\nRUN rm -f /etc/apt/apt.conf.d/docker-clean\n`,
    },
    {
      name: 'a parent stage and its child: one insertion before the first apt RUN of the chain fixes both',
      code: [
        'FROM debian:bookworm-slim AS base',
        'RUN --mount=type=cache,target=/var/cache/apt apt-get update',
        'FROM base AS build',
        'RUN --mount=type=cache,target=/var/cache/apt apt-get install -y gcc',
        '',
      ].join('\n'),
      errors: [
        {
          line: 2,
          messageId: 'dockerClean',
          data: { target: '/var/cache/apt' },
          detail: knownDetail('debian:bookworm-slim', 2),
        },
        {
          line: 4,
          messageId: 'dockerClean',
          data: { target: '/var/cache/apt' },
          detail: knownDetail('debian:bookworm-slim', 4),
        },
      ],
      output: [
        [
          'FROM debian:bookworm-slim AS base',
          KEEP_CACHE_RUN,
          'RUN --mount=type=cache,target=/var/cache/apt apt-get update',
          'FROM base AS build',
          'RUN --mount=type=cache,target=/var/cache/apt apt-get install -y gcc',
          '',
        ].join('\n'),
      ],
    },
    {
      name: 'sibling stages each get their own line; a removal in a sibling does not count',
      code: [
        'FROM debian AS a',
        'RUN rm -f /etc/apt/apt.conf.d/docker-clean',
        'RUN --mount=type=cache,target=/var/cache/apt apt-get install -y gcc',
        'FROM debian AS b',
        'RUN --mount=type=cache,target=/var/cache/apt apt-get install -y make',
        '',
      ].join('\n'),
      errors: [
        { line: 5, messageId: 'dockerClean', data: { target: '/var/cache/apt' }, detail: knownDetail('debian', 5) },
      ],
      output: [
        'FROM debian AS a',
        'RUN rm -f /etc/apt/apt.conf.d/docker-clean',
        'RUN --mount=type=cache,target=/var/cache/apt apt-get install -y gcc',
        'FROM debian AS b',
        KEEP_CACHE_RUN,
        'RUN --mount=type=cache,target=/var/cache/apt apt-get install -y make',
        '',
      ].join('\n'),
    },
    {
      name: 'CRLF, and a heredoc RUN',
      code: 'FROM ubuntu\r\nRUN --mount=type=cache,target=/var/cache/apt <<EOF\r\napt-get install -y gcc\r\nEOF\r\n',
      errors: [{ text: 'target=/var/cache/apt', line: 2 }],
      output: `FROM ubuntu\r\n${KEEP_CACHE_RUN}\r\nRUN --mount=type=cache,target=/var/cache/apt <<EOF\r\napt-get install -y gcc\r\nEOF\r\n`,
    },
  ],
});
