import { fragmentedCache } from '../../../server/src/core/rules/dockerfile/fragmented-cache';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits } from '../../../server/src/core/fix';
import { findingsOf, ruleSettings, runRuleTests } from '../../helpers/rule-tester';

const TWO_TARGETS = [
  'FROM python:3.12-slim AS deps',
  'RUN --mount=type=cache,target=/root/.cache/uv uv pip install --system -r requirements.txt',
  'FROM deps AS test',
  'ENV UV_CACHE_DIR=/opt/uv-cache',
  'RUN --mount=type=cache,target=/opt/uv-cache uv pip install --system pytest',
  '',
].join('\n');

runRuleTests(fragmentedCache, {
  valid: [
    '',
    // Distinct explicit ids for apt per stage (different base images, different releases): deliberate.
    'FROM ubuntu:22.04 AS a\nRUN --mount=type=cache,id=apt-jammy,target=/var/cache/apt,sharing=locked apt-get update\nFROM debian:12 AS b\nRUN --mount=type=cache,id=apt-bookworm,target=/var/cache/apt,sharing=locked apt-get update\n',
    // The first mount is a lookalike in a RUN that only installs uv (no uv command): no copy of uv's cache.
    'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv curl -LsSf https://astral.sh/uv/install.sh | sh\nRUN --mount=type=cache,id=uv-cache,target=/root/.cache/uv uv sync\n',
    'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n',
    // Same implicit key: path.Clean makes the trailing slash irrelevant (research §1.3).
    'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\nRUN --mount=type=cache,target=/root/.cache/uv/ uv sync\n',
    // Same id, different targets, different sharing: one cache (VERIFIED).
    [
      'FROM python:3.12-slim',
      'RUN --mount=type=cache,id=uv-cache,target=/root/.cache/uv uv sync',
      'ENV UV_CACHE_DIR=/cache/uv',
      'RUN --mount=type=cache,id=uv-cache,target=/cache/uv,sharing=locked uv sync',
      '',
    ].join('\n'),
    // Different tools may have different keys.
    'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\n',
    // An id from a base-image variable is unknown: stay quiet.
    'FROM myorg/base:1\nRUN --mount=type=cache,id=$CACHE_ID,target=/root/.cache/uv uv sync\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n',
  ],
  invalid: [
    {
      code: TWO_TARGETS,
      errors: [
        {
          code: 'CM002',
          text: 'target=/root/.cache/uv',
          line: 2,
          severity: 'warning',
          messageId: 'split',
          data: { tool: 'uv', line: 5 },
          detail:
            /^The uv cache is split: this mount uses implicit id '\/root\/\.cache\/uv' from the target, while line 5 uses implicit id '\/opt\/uv-cache' from the target\..* Give them all id=uv-cache; the fix sets it on all 2 mounts at once\.$/,
        },
        {
          text: 'target=/opt/uv-cache',
          line: 5,
          messageId: 'split',
          data: { tool: 'uv', line: 2 },
          detail:
            /this mount uses implicit id '\/opt\/uv-cache' from the target, while line 2 uses implicit id '\/root\/\.cache\/uv' from the target\./,
        },
      ],
      // One pass: the fix of either finding sets the id on both mounts.
      output: [
        TWO_TARGETS.replace('type=cache,target=/root', 'type=cache,id=uv-cache,target=/root').replace(
          'type=cache,target=/opt',
          'type=cache,id=uv-cache,target=/opt',
        ),
      ],
    },
    {
      name: 'different explicit ids: the values are replaced with the tool id',
      code: 'FROM python:3.12-slim\nRUN --mount=type=cache,id=uv-a,target=/root/.cache/uv uv sync\nRUN --mount=type=cache,id=uv-b,target=/root/.cache/uv uv sync\n',
      errors: [
        {
          text: 'id=uv-a',
          messageId: 'split',
          data: { tool: 'uv', line: 3 },
          detail: /this mount uses id 'uv-a', while line 3 uses id 'uv-b'\./,
        },
        {
          text: 'id=uv-b',
          messageId: 'split',
          data: { tool: 'uv', line: 2 },
          detail: /this mount uses id 'uv-b', while line 2 uses id 'uv-a'\./,
        },
      ],
      output:
        'FROM python:3.12-slim\nRUN --mount=type=cache,id=uv-cache,target=/root/.cache/uv uv sync\nRUN --mount=type=cache,id=uv-cache,target=/root/.cache/uv uv sync\n',
    },
    {
      name: 'a mount that already has the tool id: its fix edits only the other mount',
      code: 'FROM python:3.12-slim\nRUN --mount=type=cache,id=uv-cache,target=/root/.cache/uv uv sync\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n',
      errors: [
        { text: 'id=uv-cache', line: 2 },
        { text: 'target=/root/.cache/uv', line: 3 },
      ],
      output: [
        'FROM python:3.12-slim\nRUN --mount=type=cache,id=uv-cache,target=/root/.cache/uv uv sync\nRUN --mount=type=cache,id=uv-cache,target=/root/.cache/uv uv sync\n',
      ],
    },
    {
      name: 'same id but uid splits the key: no automatic fix',
      code: [
        'FROM python:3.12-slim',
        'RUN --mount=type=cache,id=uv-cache,target=/root/.cache/uv uv sync',
        'RUN --mount=type=cache,id=uv-cache,target=/root/.cache/uv,uid=1000 uv sync',
        '',
      ].join('\n'),
      errors: [
        {
          text: 'id=uv-cache',
          line: 2,
          messageId: 'splitByOptions',
          data: { tool: 'uv', line: 3 },
          detail:
            /while line 3 uses id 'uv-cache' \+ uid=1000\..*uid\/gid\/mode\/from give a mount a separate cache even under the same id/,
        },
        {
          text: 'id=uv-cache',
          line: 3,
          messageId: 'splitByOptions',
          data: { tool: 'uv', line: 2 },
          detail: /this mount uses id 'uv-cache' \+ uid=1000, while line 2 uses id 'uv-cache'\./,
        },
      ],
      output: null,
    },
    {
      name: 'an id split and a uid split: the message names a mount with other uid/gid/mode/from',
      code: [
        'FROM python:3.12-slim',
        'RUN --mount=type=cache,id=uv-cache,target=/root/.cache/uv uv sync',
        'RUN --mount=type=cache,id=uv-b,target=/root/.cache/uv uv sync',
        'RUN --mount=type=cache,id=uv-cache,uid=1000,target=/root/.cache/uv uv sync',
        '',
      ].join('\n'),
      errors: [
        {
          line: 2,
          messageId: 'splitByOptions',
          data: { tool: 'uv', line: 4 },
          detail: /while line 3 uses id 'uv-b'; line 4 uses id 'uv-cache' \+ uid=1000\./,
        },
        { line: 3, messageId: 'splitByOptions', data: { tool: 'uv', line: 4 } },
        { line: 4, messageId: 'splitByOptions', data: { tool: 'uv', line: 2 } },
      ],
      output: null,
    },
    {
      name: 'three pip mounts, two keys: fix-all converges to one id',
      code: [
        'FROM python:3.12-slim',
        'RUN --mount=type=cache,target=/root/.cache/pip pip install a',
        'RUN --mount=type=cache,target=/root/.cache/pip pip install b',
        'ENV PIP_CACHE_DIR=/pipcache',
        'RUN --mount=type=cache,target=/pipcache pip install c',
        '',
      ].join('\n'),
      errors: [
        {
          line: 2,
          messageId: 'split',
          data: { tool: 'pip', line: 5 },
          detail: /while line 5 uses implicit id '\/pipcache' from the target\./,
        },
        { line: 3, messageId: 'split', data: { tool: 'pip', line: 5 } },
        {
          line: 5,
          messageId: 'split',
          data: { tool: 'pip', line: 2 },
          detail:
            /while line 2 uses implicit id '\/root\/\.cache\/pip' from the target; line 3 uses implicit id '\/root\/\.cache\/pip' from the target\./,
        },
      ],
      output: [
        [
          'FROM python:3.12-slim',
          'RUN --mount=type=cache,id=pip-cache,target=/root/.cache/pip pip install a',
          'RUN --mount=type=cache,id=pip-cache,target=/root/.cache/pip pip install b',
          'ENV PIP_CACHE_DIR=/pipcache',
          'RUN --mount=type=cache,id=pip-cache,target=/pipcache pip install c',
          '',
        ].join('\n'),
      ],
    },
  ],
});

const UNRELATED_FIRST = [
  'FROM python:3.12-slim',
  'RUN --mount=type=cache,id=x,target=/root/.cache/uv uv sync',
  'RUN --mount=type=cache,target=/root/.cache/uv uv sync',
  '',
].join('\n');

describe('CM002: one preferred fix ends the split (fuzz regression)', () => {
  const settings = ruleSettings(fragmentedCache);
  test("either finding's fix leaves no CM002 in the file", () => {
    const findings = findingsOf(fragmentedCache, UNRELATED_FIRST, settings);
    assert.equal(findings.length, 2);
    for (const finding of findings) {
      const fix = finding.fixes.find((f) => f.preferred);
      assert.ok(fix);
      assert.equal(fix.title, 'Set id=uv-cache on all 2 uv cache mounts (share one cache)');
      assert.equal(fix.edits.length, 2);
      const fixed = applyEdits(UNRELATED_FIRST, fix.edits);
      assert.equal(
        fixed,
        'FROM python:3.12-slim\nRUN --mount=type=cache,id=uv-cache,target=/root/.cache/uv uv sync\nRUN --mount=type=cache,id=uv-cache,target=/root/.cache/uv uv sync\n',
      );
      assert.deepEqual(findingsOf(fragmentedCache, fixed, settings), []);
    }
  });
  test('uid differences keep no fix, and the detail does not promise one', () => {
    const code =
      'FROM python:3.12-slim\nRUN --mount=type=cache,id=uv-cache,target=/root/.cache/uv uv sync\nRUN --mount=type=cache,target=/root/.cache/uv,uid=1000 uv sync\n';
    for (const f of findingsOf(fragmentedCache, code, settings)) {
      assert.deepEqual(f.fixes, []);
      assert.equal(f.messageId, 'splitByOptions');
      assert.doesNotMatch(f.detail, /the fix sets/);
    }
  });
});
