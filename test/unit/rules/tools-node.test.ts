// CM001/CM002/CM004/CM005/CM006 for npm, pnpm, yarn and bun (research §5.2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { missingCacheId } from '../../../server/src/core/rules/dockerfile/missing-cache-id';
import { fragmentedCache } from '../../../server/src/core/rules/dockerfile/fragmented-cache';
import { cacheTargetMismatch } from '../../../server/src/core/rules/dockerfile/cache-target-mismatch';
import { cacheDisabled } from '../../../server/src/core/rules/dockerfile/cache-disabled';
import { cachePermission } from '../../../server/src/core/rules/dockerfile/cache-permission';
import { applyFixByTitle, runRuleTests } from '../../helpers/rule-tester';

const NODE_APP = 'FROM node:20\nRUN useradd --create-home --uid 1001 app\nUSER app\n';
const NPM_AS_APP = `${NODE_APP}RUN --mount=type=cache,target=/root/.npm npm ci\n`;
/** pnpm's Docker guide (pnpm/pnpm.io docs/docker.md). */
const PNPM_GUIDE =
  'FROM node:20-slim\nENV PNPM_HOME="/pnpm"\nENV PATH="$PNPM_HOME:$PATH"\nRUN --mount=type=cache,id=pnpm,target=/pnpm/store pnpm install --prod --frozen-lockfile\n';

runRuleTests(missingCacheId, {
  valid: [PNPM_GUIDE, 'FROM node:20\nRUN --mount=type=cache,id=npm-cache,target=/root/.npm npm ci\n'],
  invalid: [
    {
      name: 'npm: Docker docs mount /root/.npm',
      code: 'FROM node:20\nRUN --mount=type=cache,target=/root/.npm npm install\n',
      errors: [
        {
          text: 'type=cache',
          severity: 'hint',
          messageId: 'noId',
          data: { tool: 'npm', target: '/root/.npm' },
          detail: /id=npm-cache would name the cache/,
        },
      ],
      output: 'FROM node:20\nRUN --mount=type=cache,id=npm-cache,target=/root/.npm npm install\n',
    },
    {
      name: 'pnpm store',
      code: PNPM_GUIDE.replace('id=pnpm,', ''),
      errors: [
        {
          messageId: 'noId',
          data: { tool: 'pnpm', target: '/pnpm/store' },
          detail: /id=pnpm-store would name the cache/,
        },
      ],
      output: PNPM_GUIDE.replace('id=pnpm,', 'id=pnpm-store,'),
    },
    {
      name: 'yarn, whatever its version, by path',
      code: 'FROM node:20\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install --frozen-lockfile\n',
      errors: [{ messageId: 'noId', detail: /id=yarn-cache would name the cache/ }],
      output:
        'FROM node:20\nRUN --mount=type=cache,id=yarn-cache,target=/usr/local/share/.cache/yarn yarn install --frozen-lockfile\n',
    },
  ],
});

runRuleTests(fragmentedCache, {
  valid: [PNPM_GUIDE],
  invalid: [
    {
      name: 'pnpm store under two ids',
      code: `${PNPM_GUIDE}RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store pnpm fetch\n`,
      errors: [
        {
          text: 'id=pnpm',
          messageId: 'split',
          data: { tool: 'pnpm', line: 5 },
          detail: /^The pnpm cache is split: this mount uses id 'pnpm', while line 5 uses id 'pnpm-store'\./,
        },
        { text: 'id=pnpm-store' },
      ],
      output: `${PNPM_GUIDE.replace('id=pnpm,', 'id=pnpm-store,')}RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store pnpm fetch\n`,
    },
  ],
});

runRuleTests(cacheTargetMismatch, {
  valid: [
    PNPM_GUIDE,
    // No USER: the base image's user (and HOME) are unknown.
    'FROM node:20\nRUN --mount=type=cache,target=/root/.npm npm ci\n',
    // The yarn version is unknown without evidence (v1 and Berry cache in different places): silent.
    'FROM node:20\nUSER root\nRUN --mount=type=cache,target=/root/.cache/yarn yarn install --frozen-lockfile\n',
    // Berry with its global cache mounted.
    'FROM node:20\nUSER root\nRUN --mount=type=cache,target=/root/.yarn/berry/cache yarn install --immutable\n',
    // UNVERIFIED (§5.2): the oven/bun image's BUN_INSTALL* variables; silent on an external base.
    'FROM oven/bun:1\nUSER root\nRUN --mount=type=cache,target=/cache/bun bun install\n',
    // npm config set cache earlier in the RUN: the dir is not known any more.
    'FROM node:20\nUSER root\nRUN --mount=type=cache,target=/root/.npm npm config set cache /elsewhere && npm ci\n',
  ],
  invalid: [
    {
      name: 'npm as a non-root user with a /root/.npm mount',
      code: NPM_AS_APP,
      errors: [
        {
          code: 'CM004',
          text: 'target=/root/.npm',
          line: 4,
          severity: 'warning',
          messageId: 'mismatch',
          data: { tool: 'npm', line: 4, cacheDir: '/home/app/.npm', target: '/root/.npm' },
          detail:
            /\(\$HOME\/\.npm \(npm_config_cache not set in this Dockerfile\); HOME is '\/home\/app': passwd entry from useradd \(app, line 2\)\)/,
        },
      ],
      output: NPM_AS_APP.replace('target=/root/.npm', 'target=/home/app/.npm'),
    },
    {
      name: 'npm_config_cache set elsewhere',
      code: 'FROM node:20\nUSER root\nENV npm_config_cache=/cache/npm\nRUN --mount=type=cache,target=/root/.npm npm ci\n',
      errors: [
        {
          text: 'target=/root/.npm',
          messageId: 'mismatch',
          data: { tool: 'npm', line: 4, cacheDir: '/cache/npm', target: '/root/.npm' },
          detail: /\(npm_config_cache \(ENV, line 3\)\)/,
        },
      ],
      output:
        'FROM node:20\nUSER root\nENV npm_config_cache=/cache/npm\nRUN --mount=type=cache,target=/cache/npm npm ci\n',
    },
    {
      name: 'pnpm without PNPM_HOME uses ~/.local/share/pnpm/store, not /pnpm/store',
      code: 'FROM node:20-slim\nUSER root\nRUN --mount=type=cache,target=/pnpm/store pnpm install --frozen-lockfile\n',
      errors: [
        {
          text: 'target=/pnpm/store',
          messageId: 'mismatch',
          data: { tool: 'pnpm', line: 3, cacheDir: '/root/.local/share/pnpm/store', target: '/pnpm/store' },
          detail: /\(\$HOME\/\.local\/share\/pnpm\/store \(PNPM_HOME not set in this Dockerfile\)/,
        },
      ],
      output:
        'FROM node:20-slim\nUSER root\nRUN --mount=type=cache,target=/root/.local/share/pnpm/store pnpm install --frozen-lockfile\n',
    },
    {
      name: 'yarn Berry (--immutable) ignores ~/.cache/yarn',
      code: 'FROM node:20\nUSER root\nRUN --mount=type=cache,target=/root/.cache/yarn yarn install --immutable\n',
      errors: [
        {
          text: 'target=/root/.cache/yarn',
          messageId: 'mismatch',
          data: { tool: 'yarn', line: 3, cacheDir: '/root/.yarn/berry/cache', target: '/root/.cache/yarn' },
          detail: /\(\$HOME\/\.yarn\/berry\/cache \(yarn Berry global cache\)/,
        },
      ],
      output:
        'FROM node:20\nUSER root\nRUN --mount=type=cache,target=/root/.yarn/berry/cache yarn install --immutable\n',
    },
    {
      name: 'bun: BUN_INSTALL_CACHE_DIR moves the cache away from ~/.bun/install/cache',
      code: 'FROM scratch\nENV BUN_INSTALL_CACHE_DIR=/cache/bun\nRUN --mount=type=cache,target=/root/.bun/install/cache bun install\n',
      errors: [
        {
          messageId: 'mismatch',
          data: { tool: 'bun', line: 3, cacheDir: '/cache/bun', target: '/root/.bun/install/cache' },
          detail: /\(BUN_INSTALL_CACHE_DIR \(ENV, line 2\)\)/,
        },
      ],
      output:
        'FROM scratch\nENV BUN_INSTALL_CACHE_DIR=/cache/bun\nRUN --mount=type=cache,target=/cache/bun bun install\n',
    },
  ],
});

test('CM004 npm alternative fix sets npm_config_cache for the command', () => {
  const out = applyFixByTitle(cacheTargetMismatch, NPM_AS_APP, 'Set npm_config_cache=/root/.npm for this command');
  assert.equal(out, NPM_AS_APP.replace(' npm ci', ' npm_config_cache=/root/.npm npm ci'));
});

test('CM004 offers no env fix when a flag would win over the variable (npm --cache)', () => {
  const code = 'FROM node:20\nUSER root\nRUN --mount=type=cache,target=/root/.npm npm ci --cache /tmp/npm\n';
  assert.throws(() => applyFixByTitle(cacheTargetMismatch, code, /^Set npm_config_cache/), /no fix titled/);
});

runRuleTests(cacheDisabled, {
  valid: [
    PNPM_GUIDE,
    // npm refuses `cache clean` without --force (the build fails), so nothing is emptied.
    'FROM node:20\nRUN --mount=type=cache,target=/root/.npm npm ci && npm cache verify\n',
    // The cache is not mounted: cleaning keeps the layer small, as intended.
    'FROM node:20\nRUN npm ci && npm cache clean --force\n',
  ],
  invalid: [
    {
      name: 'npm cache clean --force under an npm cache mount',
      code: 'FROM node:20\nRUN --mount=type=cache,target=/root/.npm npm ci && npm cache clean --force\n',
      errors: [
        {
          text: 'npm cache clean --force',
          messageId: 'wiped',
          data: { command: 'npm cache clean --force', tool: 'npm', targets: "'/root/.npm'" },
        },
      ],
      output: 'FROM node:20\nRUN --mount=type=cache,target=/root/.npm npm ci\n',
    },
  ],
});

runRuleTests(cachePermission, {
  valid: [`${NODE_APP}RUN --mount=type=cache,target=/home/app/.npm,uid=1001 npm ci\n`],
  invalid: [
    {
      name: 'npm as a non-root user: warning, the user cannot write',
      code: `${NODE_APP}RUN --mount=type=cache,target=/home/app/.npm npm ci\n`,
      errors: [
        {
          text: 'type=cache',
          severity: 'warning',
          messageId: 'notWritable',
          data: { target: '/home/app/.npm', user: 'app' },
          detail:
            /^Cache mount '\/home\/app\/\.npm' is created root:root 0755, but this RUN runs as user 'app' \(uid 1001, USER line 3\): the user cannot write into it\./,
        },
      ],
      output: `${NODE_APP}RUN --mount=type=cache,uid=1001,target=/home/app/.npm npm ci\n`,
    },
  ],
});
