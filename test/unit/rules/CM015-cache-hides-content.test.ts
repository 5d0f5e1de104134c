import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cacheHidesContent } from '../../../server/src/core/rules/dockerfile/cache-hides-content';
import { findingsOf, ruleSettings, runRuleTests } from '../../helpers/rule-tester';
import {
  DOCKER_INIT_PYTHON,
  UV_DOCKER_EXAMPLE,
  UV_DOCKER_EXAMPLE_MULTISTAGE,
} from '../../helpers/research-dockerfiles';

const example = (name: string) => readFileSync(resolve(__dirname, '../../../../examples', name, 'Dockerfile'), 'utf8');

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The detail lists the COPY/ADD lines that filled the target (at most three). */
const listing = (target: string, fills: string) =>
  new RegExp(
    `^This cache mount covers '${escape(target)}', which ${escape(fills)} filled: during this RUN the copied files are hidden`,
  );

runRuleTests(cacheHidesContent, {
  valid: [
    '',
    UV_DOCKER_EXAMPLE,
    UV_DOCKER_EXAMPLE_MULTISTAGE,
    DOCKER_INIT_PYTHON,
    example('good'),
    example('pip-no-cache'),
    example('uv-root-and-user'),
    // The copy lands above the target (whether the context holds node_modules is not evident).
    'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN --mount=type=cache,target=/app/node_modules npm ci\n',
    // A sibling directory with a common prefix.
    'FROM python:3.12-slim\nCOPY wheels /app/wheels-src\nRUN --mount=type=cache,target=/app/wheels pip install x\n',
    // The COPY comes after the RUN, or in a stage this one does not build on.
    'FROM python:3.12-slim\nRUN --mount=type=cache,target=/app/wheels pip install x\nCOPY wheels /app/wheels\n',
    'FROM python:3.12-slim AS a\nCOPY wheels /app/wheels\nFROM python:3.12-slim\nRUN --mount=type=cache,target=/app/wheels pip install x\n',
    // Unknown destination (relative to an unknown WORKDIR, or a variable) and unknown targets: silent.
    'FROM python:3.12-slim\nCOPY wheels wheels\nRUN --mount=type=cache,target=/wheels pip install x\n',
    'FROM python:3.12-slim\nCOPY wheels ${DEST}\nRUN --mount=type=cache,target=/wheels pip install x\n',
    'FROM python:3.12-slim\nCOPY wheels /wheels\nRUN --mount=type=cache,target=${CACHE} pip install x\n',
    // Bind and tmpfs mounts are not this rule's.
    'FROM python:3.12-slim\nCOPY wheels /wheels\nRUN --mount=type=tmpfs,target=/wheels pip install x\n',
  ],
  invalid: [
    {
      name: 'COPY into the target',
      code: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY vendor/wheels /app/wheels\nRUN --mount=type=cache,target=/app/wheels pip install --find-links /app/wheels flask\n',
      errors: [
        {
          code: 'CM015',
          text: 'target=/app/wheels',
          line: 4,
          severity: 'warning',
          messageId: 'hidesCopy',
          data: { target: '/app/wheels', line: 3 },
          detail: listing('/app/wheels', "'COPY vendor/wheels /app/wheels' (line 3)"),
        },
      ],
      output: null,
    },
    {
      name: 'COPY . . under a WORKDIR that a cache then covers; ADD of a file below it; both listed',
      code: [
        'FROM golang:1.23',
        'WORKDIR /go/src/app',
        'COPY . .',
        'ADD https://example.com/tool.tgz ./vendor/',
        'RUN --mount=type=cache,target=/go/src go build ./...',
        '',
      ].join('\n'),
      errors: [
        {
          text: 'target=/go/src',
          line: 5,
          messageId: 'hidesCopies',
          data: { target: '/go/src', count: 2 },
          detail: listing('/go/src', "'COPY . .' (line 3), 'ADD https://example.com/tool.tgz ./vendor/' (line 4)"),
        },
      ],
      output: null,
    },
    {
      name: 'filled in the stage this one builds on; relative target under WORKDIR',
      code: 'FROM rust:1 AS base\nCOPY registry /usr/local/cargo/registry\nFROM base\nWORKDIR /usr/local/cargo\nRUN --mount=type=cache,target=registry cargo build\n',
      errors: [
        {
          text: 'target=registry',
          line: 5,
          messageId: 'hidesCopy',
          data: { target: '/usr/local/cargo/registry', line: 2 },
        },
      ],
      output: null,
    },
    {
      name: 'a destination from ENV, the JSON form, and more than three fills',
      code: [
        'FROM debian',
        'ENV DATA=/data',
        'COPY a $DATA/a',
        'COPY ["b", "/data/b"]',
        'COPY c /data/',
        'COPY d /data/d',
        'RUN --mount=type=cache,target=/data true',
        '',
      ].join('\n'),
      errors: [
        {
          messageId: 'hidesCopies',
          data: { target: '/data', count: 4 },
          detail: listing(
            '/data',
            "'COPY a $DATA/a' (line 3), 'COPY [\"b\", \"/data/b\"]' (line 4), 'COPY c /data/' (line 5), and 1 more",
          ),
        },
      ],
      output: null,
    },
  ],
});

test('CM015 relates each finding to the COPY lines', () => {
  const code = 'FROM debian\nCOPY a /data/a\nRUN --mount=type=cache,target=/data true\n';
  const [finding] = findingsOf(cacheHidesContent, code, ruleSettings(cacheHidesContent));
  assert.ok(finding);
  assert.deepEqual(
    finding.related.map((r) => [code.slice(r.span.start, r.span.end), r.message]),
    [['COPY a /data/a', "fills '/data/a'"]],
  );
  assert.deepEqual(finding.fixes, []);
});
