// CM001/CM002/CM004/CM005 for apt (two caches: packages and lists) and apk (research §5.2, §5.3).
import { missingCacheId } from '../../../server/src/core/rules/dockerfile/missing-cache-id';
import { fragmentedCache } from '../../../server/src/core/rules/dockerfile/fragmented-cache';
import { cacheTargetMismatch } from '../../../server/src/core/rules/dockerfile/cache-target-mismatch';
import { cacheDisabled } from '../../../server/src/core/rules/dockerfile/cache-disabled';
import { runRuleTests } from '../../helpers/rule-tester';

/** Docker's reference example "cache apt packages" (research §5.3), ids added. */
const APT_REFERENCE = [
  '# syntax=docker/dockerfile:1',
  'FROM ubuntu',
  'RUN rm -f /etc/apt/apt.conf.d/docker-clean; echo \'Binary::apt::APT::Keep-Downloaded-Packages "true";\' > /etc/apt/apt.conf.d/keep-cache',
  'RUN --mount=type=cache,id=apt-cache,target=/var/cache/apt,sharing=locked \\',
  '  --mount=type=cache,id=apt-lists,target=/var/lib/apt,sharing=locked \\',
  '  apt-get update && apt-get --no-install-recommends install -y gcc',
  '',
].join('\n');

const APT_NO_IDS = APT_REFERENCE.replace(',id=apt-cache', '').replace(',id=apt-lists', '');

runRuleTests(missingCacheId, {
  valid: [APT_REFERENCE, 'FROM alpine:3.20\nRUN --mount=type=cache,id=apk-cache,target=/var/cache/apk apk add curl\n'],
  invalid: [
    {
      name: 'apt: packages get apt-cache, lists get apt-lists',
      code: APT_NO_IDS,
      errors: [
        {
          text: 'type=cache',
          line: 4,
          severity: 'hint',
          messageId: 'noId',
          data: { tool: 'apt package', target: '/var/cache/apt' },
          detail: /id=apt-cache would name the cache/,
        },
        {
          text: 'type=cache',
          line: 5,
          severity: 'hint',
          messageId: 'noId',
          data: { tool: 'apt lists', target: '/var/lib/apt' },
          detail: /id=apt-lists would name the cache/,
        },
      ],
      output: APT_REFERENCE,
    },
    {
      name: 'apk, recognised by its path and its command',
      code: 'FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk ln -sf /var/cache/apk /etc/apk/cache && apk add curl\n',
      errors: [
        {
          text: 'type=cache',
          messageId: 'noId',
          data: { tool: 'apk', target: '/var/cache/apk' },
          detail: /id=apk-cache would name the cache/,
        },
      ],
      output:
        'FROM alpine:3.20\nRUN --mount=type=cache,id=apk-cache,target=/var/cache/apk ln -sf /var/cache/apk /etc/apk/cache && apk add curl\n',
    },
    {
      name: 'cacheIds setting for apt',
      code: 'FROM debian:bookworm\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked apt-get install -y curl\n',
      settings: { cacheIds: { apt: 'debian-debs' } },
      errors: [{ messageId: 'noId', detail: / id=debian-debs would name/ }],
      output:
        'FROM debian:bookworm\nRUN --mount=type=cache,id=debian-debs,target=/var/cache/apt,sharing=locked apt-get install -y curl\n',
    },
  ],
});

runRuleTests(fragmentedCache, {
  valid: [
    // Packages and lists are two different caches: different keys are right.
    APT_NO_IDS,
  ],
  invalid: [
    {
      name: 'apt lists mounted at /var/lib/apt and at /var/lib/apt/lists',
      code: 'FROM debian:bookworm\nRUN --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update\nRUN --mount=type=cache,target=/var/lib/apt/lists,sharing=locked apt-get update\n',
      errors: [
        {
          text: 'target=/var/lib/apt',
          messageId: 'split',
          data: { tool: 'apt lists', line: 3 },
          detail:
            /^The apt lists cache is split: this mount uses implicit id '\/var\/lib\/apt' from the target, while line 3 uses implicit id '\/var\/lib\/apt\/lists' from the target\..*Give them all id=apt-lists; the fix sets it on all 2 mounts at once\.$/,
        },
        { text: 'target=/var/lib/apt/lists' },
      ],
      output:
        'FROM debian:bookworm\nRUN --mount=type=cache,id=apt-lists,target=/var/lib/apt,sharing=locked apt-get update\nRUN --mount=type=cache,id=apt-lists,target=/var/lib/apt/lists,sharing=locked apt-get update\n',
    },
  ],
});

runRuleTests(cacheTargetMismatch, {
  valid: [
    APT_REFERENCE,
    // apt's dirs do not follow the user.
    'FROM debian:bookworm\nUSER 1000\nRUN --mount=type=cache,target=/var/cache/apt,uid=1000 apt-get install -y curl\n',
    // -o Dir::Cache moves apt's cache somewhere this analyzer does not compute: silent.
    'FROM debian:bookworm\nRUN --mount=type=cache,target=/var/cache/apt apt-get -o Dir::Cache=/elsewhere install -y curl\n',
    // UNVERIFIED (§5.2): apk --cache-dir exists only in some versions; no claim about where apk caches.
    'FROM alpine:3.20\nUSER root\nRUN --mount=type=cache,target=/var/cache/apk apk add --cache-dir /other curl\n',
  ],
  invalid: [],
});

runRuleTests(cacheDisabled, {
  valid: [
    APT_REFERENCE,
    // apt-get clean without an apt package mount (only lists are mounted): nothing of the mount is emptied.
    'FROM debian:bookworm\nRUN --mount=type=cache,target=/var/lib/apt/lists,sharing=locked apt-get update && apt-get install -y curl && apt-get clean\n',
    // No cache mount: --no-cache keeps the image small, as intended.
    'FROM alpine:3.20\nRUN apk add --no-cache curl\n',
    'FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk ln -sf /var/cache/apk /etc/apk/cache && apk add curl\n',
  ],
  invalid: [
    {
      name: 'apt-get clean inside an apt-mounted RUN',
      code: 'FROM debian:bookworm\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked apt-get update && apt-get install -y curl && apt-get clean\n',
      errors: [
        {
          code: 'CM005',
          text: 'apt-get clean',
          line: 2,
          severity: 'warning',
          messageId: 'wiped',
          data: { command: 'apt-get clean', tool: 'apt package', targets: "'/var/cache/apt'" },
        },
      ],
      output:
        'FROM debian:bookworm\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked apt-get update && apt-get install -y curl\n',
    },
    {
      name: 'apt clean (the apt binary) too',
      code: 'FROM ubuntu\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked apt clean; apt install -y git\n',
      errors: [{ text: 'apt clean' }],
      output: 'FROM ubuntu\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked apt install -y git\n',
    },
    {
      name: 'apk add --no-cache: replaced with --update, which fetches the index as --no-cache did',
      code: 'FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk ln -sf /var/cache/apk /etc/apk/cache && apk add --no-cache curl\n',
      errors: [
        {
          text: '--no-cache',
          messageId: 'disabledHere',
          data: { what: '--no-cache', tool: 'apk', targets: "'/var/cache/apk'" },
          detail:
            /apk keeps packages only when \/etc\/apk\/cache exists.*replace '--no-cache' with '--update', or remove the mount\.$/,
        },
      ],
      output:
        'FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk ln -sf /var/cache/apk /etc/apk/cache && apk add --update curl\n',
    },
    {
      name: 'apk --update --no-cache: the flag is just removed',
      code: 'FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk ln -sf /var/cache/apk /etc/apk/cache && apk --update --no-cache add curl\n',
      errors: [
        { text: '--no-cache', messageId: 'disabledHere', detail: /remove '--no-cache', or remove the mount\.$/ },
      ],
      output:
        'FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk ln -sf /var/cache/apk /etc/apk/cache && apk --update add curl\n',
    },
  ],
});
