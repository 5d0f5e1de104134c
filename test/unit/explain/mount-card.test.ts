import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hoverAt } from '../../../server/src/core/explain';
import { dockerfile, hoverDockerfile, offsetOf, section } from './helpers';

const SHARING = [
  'FROM python:3.12',
  'RUN --mount=type=cache,target=/root/.cache/uv uv sync',
  'RUN --mount=type=cache,target=/root/.cache/uv/ uv sync',
  'RUN --mount=type=cache,target=/cache/uv uv sync',
  'RUN --mount=type=cache,id=/root/.cache/uv,target=/x uv sync',
  'RUN --mount=type=cache,target=/root/.cache/uv,uid=1000 uv sync',
  '',
].join('\n');

describe('cache mount card: key and sharing', () => {
  test('implicit id from the cleaned target', () => {
    const h = hoverDockerfile(SHARING, '--mount', 3);
    assert.match(h.markdown, /implicit, from target: `\/root\/\.cache\/uv`/);
    assert.match(h.markdown, /before a relative target is joined to WORKDIR/);
  });

  test('the hovered span is the whole --mount flag', () => {
    const h = hoverDockerfile(SHARING, 'target=/root/.cache/uv uv', 2);
    const flag = '--mount=type=cache,target=/root/.cache/uv';
    assert.equal(SHARING.slice(h.span.start, h.span.end), flag);
  });

  test('shares with the same cleaned target and with an explicit id equal to it', () => {
    const h = hoverDockerfile(SHARING, '--mount', 3);
    const shares = section(h.markdown, '**Shares its cache with**');
    assert.match(shares, /line 3\b/);
    assert.match(shares, /line 5\b/);
    assert.doesNotMatch(shares, /line 4\b/);
  });

  test('does not share with a different target that has no id, nor with a uid split', () => {
    const h = hoverDockerfile(SHARING, '--mount', 3);
    const not = section(h.markdown, '**Does not share with**');
    assert.match(not, /line 4\b.*different target and no id/);
    assert.match(not, /line 6\b.*same id `\/root\/\.cache\/uv` but `uid` differs/);
  });

  test('uid splits the key, and the card explains why', () => {
    const h = hoverDockerfile(SHARING, '--mount', 3, 4);
    assert.match(h.markdown, /Key split by\*\* `uid=1000`/);
    assert.match(h.markdown, /different, separate cache/);
    assert.match(h.markdown, /same id with and without `uid=1000` are two caches/);
    assert.match(h.markdown, /Owner and mode: `1000:0 0755`/);
    const shares = section(h.markdown, '**Shares its cache with**');
    assert.doesNotMatch(shares, /line \d/);
  });

  test('explicit id, sharing mode in words, default owner, namespace note', () => {
    const text = 'FROM scratch\nRUN --mount=type=cache,id=uv-cache,target=/root/.cache/uv,sharing=locked uv sync\n';
    const h = hoverDockerfile(text, '--mount', 3);
    assert.match(h.markdown, /Cache id: `uv-cache` \(explicit `id=`\)/);
    assert.match(h.markdown, /`locked`: a second writer pauses/);
    assert.match(h.markdown, /`0:0 0755` \(default\)/);
    assert.match(h.markdown, /BUILDKIT_CACHE_MOUNT_NS/);
    assert.match(h.markdown, /never exported by `--cache-to`/);
    assert.match(h.markdown, /Other cache mounts in this file:\*\* none/);
  });

  test('uid/gid/mode are ignored when source is set', () => {
    const text = 'FROM scratch\nRUN --mount=type=cache,target=/c,source=sub,uid=1000 ls\n';
    const h = hoverDockerfile(text, '--mount', 3);
    assert.match(h.markdown, /\*\*ignored\*\* because `source` is set/);
  });

  test('a written mode gets the umask note (verified build: mode=0777 gave 0755); no mode, no note', () => {
    const text =
      'FROM scratch\nUSER 1000\nRUN --mount=type=cache,target=/c,mode=0777 ls\nRUN --mount=type=cache,target=/d,uid=1000 ls\n';
    const withMode = hoverDockerfile(text, '--mount', 3);
    assert.match(withMode.markdown, /Owner and mode: `0:0 0777`/);
    assert.match(
      withMode.markdown,
      /may mask `mode` with its umask.*`mode=0777` gave 0755, so a non-root user still could not write/,
    );
    const withoutMode = hoverDockerfile(text, '--mount', 3, 1);
    assert.match(withoutMode.markdown, /Owner and mode: `1000:0 0755`/);
    assert.doesNotMatch(withoutMode.markdown, /umask/);
  });
});

describe('cache mount card: user, HOME and tools', () => {
  test('a non-root user created in the file: tool dir under its home, not covered', () => {
    const text = [
      'FROM debian:bookworm',
      'RUN useradd -m -u 1000 app',
      'USER app',
      'RUN --mount=type=cache,target=/root/.cache/uv uv sync',
      '',
    ].join('\n');
    const h = hoverDockerfile(text, '--mount', 3);
    assert.match(h.markdown, /USER: `app`/);
    assert.match(h.markdown, /HOME: `\/home\/app`/);
    assert.match(h.markdown, /`uv` caches in `\/home\/app\/\.cache\/uv`.*\*\*not covered\*\*/);
    assert.match(h.markdown, /Permission denied/);
  });

  test("root in scratch (no /etc/passwd, HOME=/): the mount covers uv's default dir", () => {
    const text = 'FROM scratch\nRUN --mount=type=cache,target=/.cache/uv uv sync\n';
    const h = hoverDockerfile(text, '--mount', 3);
    assert.match(h.markdown, /HOME: `\/` \(root with no \/etc\/passwd/);
    assert.match(h.markdown, /`uv` caches in `\/\.cache\/uv`.*\*\*covered\*\* by this mount/);
  });

  test('an external base image the catalog does not know: USER and HOME are unknown', () => {
    const text = 'FROM myorg/base:3.12\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n';
    const h = hoverDockerfile(text, '--mount', 3);
    assert.match(h.markdown, /USER: unknown: set by the base image `myorg\/base:3\.12`/);
    assert.match(h.markdown, /HOME: unknown/);
  });

  test('a known base image: USER and HOME with where they come from', () => {
    const text = 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n';
    const h = hoverDockerfile(text, '--mount', 3);
    assert.match(
      h.markdown,
      /python:3\.12 sets no USER, so RUN runs as root, whose passwd home is \/root; source: https:\/\/github\.com\/docker-library\/python\/blob\/[0-9a-f]{40}\//,
    );
  });

  test('a disabled tool says so', () => {
    const text = 'FROM scratch\nRUN --mount=type=cache,target=/root/.cache/pip pip install --no-cache-dir x\n';
    const h = hoverDockerfile(text, '--mount', 3);
    assert.match(h.markdown, /cache \*\*disabled\*\*/);
  });
});

describe('cache mount card: variables in the target', () => {
  const base = 'FROM python:3.12\nENV UV_CACHE_DIR=/cache/uv\nRUN --mount=type=cache,target=${UV_CACHE_DIR} uv sync\n';

  test('each variable with its value and the line that defined it; no syntax directive', () => {
    const h = hoverDockerfile(base, '--mount', 3);
    assert.match(h.markdown, /expands to `\/cache\/uv`/);
    assert.match(h.markdown, /`UV_CACHE_DIR` = `\/cache\/uv` \(ENV, \[line 2\]/);
    assert.match(h.markdown, /\*\*no\*\* `# syntax=` directive/);
    assert.match(h.markdown, /literally named `\$\{UV_CACHE_DIR\}`/);
    assert.match(
      h.markdown,
      /BuildKit then pulls the Dockerfile frontend image before the build, so the builder needs registry access: \[the syntax directive\]\(https:\/\/github\.com\/docker-cache-mounts\/docker-cache-mounts\/blob\/main\/docs\/semantics\.md#syntax-directive\)\)/,
    );
  });

  test('a file with a syntax directive says so', () => {
    const h = hoverDockerfile(`# syntax=docker/dockerfile:1\n${base}`, '--mount', 3);
    assert.match(h.markdown, /This file has `# syntax=docker\/dockerfile:1`/);
  });

  test('a variable only the base image could set is unknown', () => {
    const text = 'FROM myorg/base:3.12\nRUN --mount=type=cache,target=${MYDIR}/uv uv sync\n';
    const h = hoverDockerfile(text, '--mount', 3);
    assert.match(h.markdown, /`MYDIR` = unknown: set by the base image `myorg\/base:3\.12`/);
  });
});

describe('non-cache mounts and misses', () => {
  test('a mount without type= is a bind mount', () => {
    const text = 'FROM scratch\nRUN --mount=target=/src,source=. ls\n';
    const h = hoverDockerfile(text, '--mount', 3);
    assert.match(h.markdown, /\*\*bind\*\* mount \(the default\)/);
    assert.doesNotMatch(h.markdown, /Cache id/);
  });

  test('a tmpfs mount: no key', () => {
    const h = hoverDockerfile('FROM scratch\nRUN --mount=type=tmpfs,target=/t ls\n', '--mount', 3);
    assert.match(h.markdown, /`tmpfs` mount/);
    assert.match(h.markdown, /no cache key/);
  });

  test('outside any mount: undefined (FROM has the image card)', () => {
    const model = dockerfile(SHARING);
    assert.match(hoverAt(model, offsetOf(SHARING, 'FROM', 2))?.markdown ?? '', /^### Base image /);
    assert.equal(hoverAt(model, offsetOf(SHARING, 'uv sync', 1)), undefined);
    assert.equal(hoverAt(model, -10), undefined);
    assert.equal(hoverAt(model, 10_000_000), undefined);
  });
});

describe('cache mount card: relative targets', () => {
  test('a relative target keeps its raw implicit id in every WORKDIR, so both share', () => {
    const text =
      'FROM scratch\nWORKDIR /w1\nRUN --mount=type=cache,target=nm ls\nWORKDIR /w2\nRUN --mount=type=cache,target=nm ls\n';
    const h = hoverDockerfile(text, '--mount', 3);
    assert.match(h.markdown, /implicit, from target: `nm`/);
    assert.match(h.markdown, /mounted at `\/w1\/nm`/);
    assert.match(section(h.markdown, '**Shares its cache with**'), /line 5\b.*same key: id `nm`/);
  });
});
