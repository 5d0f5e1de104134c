import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hoverAt } from '../../../server/src/core/explain';
import { devcontainer, hoverDevcontainer, offsetOf } from './helpers';

describe('devcontainer mount card', () => {
  test('bind mount of an unset host variable: run-time, and the daemon/CLI rejection', () => {
    const text =
      '{\n  // cache\n  "mounts": ["source=${localEnv:UV_CACHE_DIR},target=/uvcache,type=bind"],\n  "containerEnv": {"UV_CACHE_DIR": "/uvcache"}\n}\n';
    const h = hoverDevcontainer(text, 'source=', 1);
    assert.equal(text.slice(h.span.start, h.span.end), '"source=${localEnv:UV_CACHE_DIR},target=/uvcache,type=bind"');
    assert.match(h.markdown, /Run-time, not build-time/);
    assert.match(h.markdown, /never shares\*\* with a Dockerfile/);
    assert.match(h.markdown, /If UV_CACHE_DIR is unset on the host, the source becomes \*\*empty\*\*/);
    assert.match(h.markdown, /field Source must not be empty/);
    assert.match(h.markdown, /invalid value for 'source': value is empty/);
    assert.match(h.markdown, /containerEnv `UV_CACHE_DIR` = `\/uvcache`/);
  });

  test('"Pointed here by" lists the variables at or under the target, with the target written with or without a trailing slash', () => {
    for (const target of ['/cache/uv', '/cache/uv/']) {
      const text = `{"mounts": ["source=uv,target=${target},type=volume"], "containerEnv": {"UV_CACHE_DIR": "/cache/uv", "PIP_CACHE_DIR": "/cache/uvx", "XDG_CACHE_HOME": "/cache/uv/x"}}`;
      const h = hoverDevcontainer(text, 'source=', 1);
      assert.match(h.markdown, /containerEnv `UV_CACHE_DIR` = `\/cache\/uv`/, target);
      assert.match(h.markdown, /containerEnv `XDG_CACHE_HOME` = `\/cache\/uv\/x`/, target);
      assert.doesNotMatch(h.markdown, /PIP_CACHE_DIR/, target);
    }
  });

  test('volume mount with an empty source: anonymous volume on older CLIs', () => {
    const text = '{"mounts": ["src=${localEnv:UV_CACHE_DIR},dst=/uvcache,type=volume"]}';
    const h = hoverDevcontainer(text, 'src=', 1);
    assert.match(h.markdown, /older than 29\.2\.1 silently creates an \*\*anonymous volume\*\*/);
    assert.match(h.markdown, /invalid value for 'src': value is empty/);
  });

  test('a default is split at every colon and used only when unset', () => {
    const text = '{"mounts": ["source=${localEnv:CACHE:/a:/b},target=/c,type=bind"]}';
    const h = hoverDevcontainer(text, 'source=', 1);
    assert.match(h.markdown, /only when unset, not when set to empty/);
    assert.match(h.markdown, /only `\/a` is used/);
    assert.match(h.markdown, /bind source path does not exist: \/a/);
  });

  test('type=cache: exists only in docker build; the daemon rejects it', () => {
    const text = '{"mounts": ["type=cache,target=/root/.cache/uv"]}';
    const h = hoverDevcontainer(text, 'type=cache', 1);
    assert.match(
      h.markdown,
      /expected with `invalid mount config for type "cache": mount type unknown` \(read from moby's code, not observed here\)/,
    );
    assert.match(h.markdown, /only exists in `RUN --mount` during `docker build`/);
    assert.match(h.markdown, /that cache lives in the builder and is mounted only into `RUN` steps of `docker build`/);
  });

  test('object form volume with a localEnv source', () => {
    const text = '{"mounts": [{"type": "volume", "source": "${localEnv:VOL}", "target": "/v"}]}';
    const h = hoverDevcontainer(text, '"type"', 1);
    assert.match(h.markdown, /empty `source` is dropped/);
  });

  test('no host variable: nothing depends on the host environment', () => {
    const text = '{"mounts": ["source=uv-cache,target=/uvcache,type=volume"]}';
    const h = hoverDevcontainer(text, 'source=', 1);
    assert.match(h.markdown, /nothing here depends on the host environment/);
    assert.match(h.markdown, /persists across container rebuilds/);
  });

  test('outside any mount: undefined', () => {
    const text = '{"name": "x", "mounts": ["source=a,target=/b,type=volume"]}';
    assert.equal(hoverAt(devcontainer(text), offsetOf(text, '"name"', 1)), undefined);
  });
});

describe('devcontainer mount card: compose and -v', () => {
  test('with dockerComposeFile the card warns that options are dropped', () => {
    const text =
      '{"dockerComposeFile": "compose.yml", "service": "app", "mounts": ["source=v,target=/v,type=volume,readonly"]}';
    const h = hoverDevcontainer(text, 'source=v', 1);
    assert.match(h.markdown, /Compose short syntax `source:target`, which drops `type`, `readonly`/);
  });

  test('runArgs -v with an unset host variable: the CLI rejects the empty section', () => {
    const text = '{"runArgs": ["-v", "${localEnv:X}:/y"]}';
    const h = hoverDevcontainer(text, '${localEnv:X}', 1);
    assert.match(h.markdown, /empty section between colons/);
    assert.match(h.markdown, /Run-time, not build-time/);
  });

  test('runArgs -v: how Docker picks the type is said to be unverified', () => {
    const bind = hoverDevcontainer('{"runArgs": ["-v", "/host/cache:/y"]}', '/host', 1);
    assert.match(
      bind.markdown,
      /`-v` has no type; how Docker picks it is not verified here, expected: a path as source, a bind mount/,
    );
    const named = hoverDevcontainer('{"runArgs": ["-v", "uvcache:/y"]}', 'uvcache', 1);
    assert.match(named.markdown, /not verified here, expected: a name as source, a named volume/);
  });
});
