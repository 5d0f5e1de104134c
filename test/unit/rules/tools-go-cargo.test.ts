// CM001/CM002/CM004/CM006 for go (build and module caches) and cargo (registry, git, target), research §5.2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { missingCacheId } from '../../../server/src/core/rules/dockerfile/missing-cache-id';
import { fragmentedCache } from '../../../server/src/core/rules/dockerfile/fragmented-cache';
import { cacheTargetMismatch } from '../../../server/src/core/rules/dockerfile/cache-target-mismatch';
import { cachePermission } from '../../../server/src/core/rules/dockerfile/cache-permission';
import { applyFixByTitle, runRuleTests } from '../../helpers/rule-tester';

/** Docker docs Go tab (research §5.2), with ids. */
const GO_DOCS =
  'FROM golang:1.22\nWORKDIR /src\nRUN --mount=type=cache,id=go-mod,target=/go/pkg/mod --mount=type=cache,id=go-build,target=/root/.cache/go-build go build -o /bin/app .\n';
/** Docker docs Rust tab (research §5.2), with ids. */
const RUST_DOCS =
  'FROM rust:1.80\nWORKDIR /app\nRUN --mount=type=cache,target=/app/target/ --mount=type=cache,id=cargo-git,target=/usr/local/cargo/git/db --mount=type=cache,id=cargo-registry,target=/usr/local/cargo/registry/ cargo build --release && cp target/release/app /bin/app\n';

const GO_TWO_STAGES = [
  'FROM golang:1.22 AS build',
  'RUN --mount=type=cache,target=/root/.cache/go-build go build -o /app .',
  'FROM build AS test',
  'ENV GOCACHE=/cache/go',
  'RUN --mount=type=cache,target=/cache/go go test ./...',
  '',
].join('\n');

runRuleTests(missingCacheId, {
  valid: [GO_DOCS, RUST_DOCS],
  invalid: [
    {
      name: 'go: build cache and module cache get their own ids',
      code: GO_DOCS.replace('id=go-mod,', '').replace('id=go-build,', ''),
      errors: [
        {
          text: 'type=cache',
          messageId: 'noId',
          data: { tool: 'go module', target: '/go/pkg/mod' },
          detail: /id=go-mod would name the cache/,
        },
        {
          text: 'type=cache',
          messageId: 'noId',
          data: { tool: 'go build', target: '/root/.cache/go-build' },
          detail: /id=go-build would name the cache/,
        },
      ],
      output: GO_DOCS,
    },
    {
      name: 'cargo: registry and git; a target/ mount is not recognised by path',
      code: RUST_DOCS.replace('id=cargo-git,', '').replace('id=cargo-registry,', ''),
      errors: [
        {
          messageId: 'noId',
          data: { tool: 'cargo git', target: '/usr/local/cargo/git/db' },
          detail: /id=cargo-git would name the cache/,
        },
        {
          messageId: 'noId',
          data: { tool: 'cargo registry', target: '/usr/local/cargo/registry' },
          detail: /id=cargo-registry would name the cache/,
        },
      ],
      output: RUST_DOCS,
    },
    {
      name: 'go build cache mounted under two keys: warning naming the other line',
      code: GO_TWO_STAGES,
      errors: [
        {
          line: 2,
          severity: 'warning',
          messageId: 'noIdSplit',
          data: { tool: 'go build', line: 5 },
          detail: /In this file: line 5 \(implicit id '\/cache\/go' from the target\)\.$/,
        },
        { line: 5, severity: 'warning' },
      ],
      output: GO_TWO_STAGES.replace('type=cache,target=/root', 'type=cache,id=go-build,target=/root').replace(
        'type=cache,target=/cache',
        'type=cache,id=go-build,target=/cache',
      ),
    },
  ],
});

runRuleTests(fragmentedCache, {
  valid: [GO_DOCS, RUST_DOCS],
  invalid: [
    {
      name: 'GOCACHE moved in a later stage: two keys',
      code: GO_TWO_STAGES,
      errors: [
        {
          text: 'target=/root/.cache/go-build',
          messageId: 'split',
          data: { tool: 'go build', line: 5 },
          detail: /while line 5 uses implicit id '\/cache\/go' from the target\..* Give them all id=go-build;/,
        },
        { text: 'target=/cache/go' },
      ],
      output: GO_TWO_STAGES.replace('type=cache,target=/root', 'type=cache,id=go-build,target=/root').replace(
        'type=cache,target=/cache',
        'type=cache,id=go-build,target=/cache',
      ),
    },
  ],
});

const GOCACHE_ELSEWHERE =
  'FROM golang:1.22\nUSER root\nENV GOCACHE=/gocache\nRUN --mount=type=cache,target=/root/.cache/go-build go build -o /app .\n';

runRuleTests(cacheTargetMismatch, {
  valid: [
    GO_DOCS,
    RUST_DOCS,
    'FROM golang:1.22\nUSER root\nRUN --mount=type=cache,target=/root/.cache/go-build go build .\n',
    // The golang image sets GOPATH=/go: GOPATH from the base image is unknown, so /go/pkg/mod is not questioned.
    'FROM golang:1.22\nUSER root\nRUN --mount=type=cache,target=/go/pkg/mod go mod download\n',
    // UNVERIFIED (§5.2): the rust image's CARGO_HOME: silent even for a HOME-based path.
    'FROM rust:1.80\nUSER root\nRUN --mount=type=cache,target=/usr/local/cargo/registry cargo fetch\n',
    // cargo's default target dir depends on the workspace root: never questioned.
    'FROM rust:1.80\nWORKDIR /app/crates/x\nRUN --mount=type=cache,target=/app/target cargo build --release\n',
    // go env -w GOCACHE earlier in the RUN: unknown.
    'FROM golang:1.22\nUSER root\nRUN --mount=type=cache,target=/root/.cache/go-build go env -w GOCACHE=/x && go build .\n',
  ],
  invalid: [
    {
      name: 'GOCACHE set elsewhere',
      code: GOCACHE_ELSEWHERE,
      errors: [
        {
          code: 'CM004',
          text: 'target=/root/.cache/go-build',
          line: 4,
          messageId: 'mismatch',
          data: { tool: 'go', line: 4, cacheDir: '/gocache', target: '/root/.cache/go-build' },
          detail: /\(GOCACHE \(ENV, line 3\)\)/,
        },
      ],
      output: GOCACHE_ELSEWHERE.replace('target=/root/.cache/go-build', 'target=/gocache'),
    },
    {
      name: 'GOPATH set in the file: the module cache is $GOPATH/pkg/mod',
      code: 'FROM golang:1.22\nENV GOPATH=/gopath\nRUN --mount=type=cache,target=/go/pkg/mod go mod download\n',
      errors: [
        {
          messageId: 'mismatch',
          data: { tool: 'go', line: 3, cacheDir: '/gopath/pkg/mod', target: '/go/pkg/mod' },
          detail: /\(\$GOPATH\/pkg\/mod \(GOPATH \(ENV, line 2\)\)\)/,
        },
      ],
      output: 'FROM golang:1.22\nENV GOPATH=/gopath\nRUN --mount=type=cache,target=/gopath/pkg/mod go mod download\n',
    },
    {
      name: 'CARGO_HOME set in the file',
      code: 'FROM rust:1.80\nENV CARGO_HOME=/cargo\nRUN --mount=type=cache,target=/usr/local/cargo/registry cargo build --release\n',
      errors: [
        {
          messageId: 'mismatch',
          data: { tool: 'cargo', line: 3, cacheDir: '/cargo/registry', target: '/usr/local/cargo/registry' },
          detail: /\(\$CARGO_HOME\/registry \(CARGO_HOME \(ENV, line 2\)\)\)/,
        },
      ],
      output:
        'FROM rust:1.80\nENV CARGO_HOME=/cargo\nRUN --mount=type=cache,target=/cargo/registry cargo build --release\n',
    },
  ],
});

test('CM004 go alternative fix sets GOCACHE for the command', () => {
  const out = applyFixByTitle(
    cacheTargetMismatch,
    GOCACHE_ELSEWHERE,
    'Set GOCACHE=/root/.cache/go-build for this command',
  );
  assert.equal(out, GOCACHE_ELSEWHERE.replace(' go build', ' GOCACHE=/root/.cache/go-build go build'));
});

runRuleTests(cachePermission, {
  valid: [GO_DOCS],
  invalid: [
    {
      name: 'go as a non-root user',
      code: 'FROM golang:1.22\nUSER 1000:1000\nENV GOCACHE=/cache/go\nRUN --mount=type=cache,target=/cache/go go build .\n',
      errors: [
        {
          severity: 'warning',
          messageId: 'notWritable',
          data: { target: '/cache/go', user: '1000' },
          detail:
            /^Cache mount '\/cache\/go' is created root:root 0755, but this RUN runs as user '1000' \(uid 1000, USER line 2\): the user cannot write into it\. Add uid=1000,gid=1000 \(owner of the cache dir\)\./,
        },
      ],
      output:
        'FROM golang:1.22\nUSER 1000:1000\nENV GOCACHE=/cache/go\nRUN --mount=type=cache,uid=1000,gid=1000,target=/cache/go go build .\n',
    },
  ],
});
