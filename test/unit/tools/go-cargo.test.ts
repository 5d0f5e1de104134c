import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { APP_HOME, cmd, matches, modelDir, resolve, tool } from './helpers';

describe('go build cache (go-build)', () => {
  test('go build/test/install/run match; go mod download does not use the build cache', () => {
    for (const t of [
      'go build -o /bin/app ./cmd/app',
      'go test ./...',
      'go install ./...',
      'go run .',
      'CGO_ENABLED=0 go build .',
    ])
      assert.ok(matches('go-build', t), t);
    for (const t of ['go mod download', 'go version', 'gofmt -l .']) assert.ok(!matches('go-build', t), t);
  });
  test('GOCACHE, else $XDG_CACHE_HOME/go-build, else $HOME/.cache/go-build', () => {
    assert.equal(resolve('go-build', 'go build .'), '/root/.cache/go-build');
    assert.equal(resolve('go-build', 'go build .', {}, APP_HOME), '/home/app/.cache/go-build');
    assert.equal(resolve('go-build', 'go build .', { XDG_CACHE_HOME: '/x' }), '/x/go-build');
    assert.equal(resolve('go-build', 'go build .', { GOCACHE: '/gocache', XDG_CACHE_HOME: '/x' }), '/gocache');
  });
  test('GOCACHE=off (fatal since Go 1.12) is not a cache dir', () => {
    assert.equal(resolve('go-build', 'go build .', { GOCACHE: 'off' }), 'unknown');
  });
  test('go env -w GOCACHE= reconfigures', () => {
    assert.ok(tool('go-build').reconfiguredBy?.(cmd('go env -w GOCACHE=/c')));
    assert.ok(!tool('go-build').reconfiguredBy?.(cmd('go env GOCACHE')));
  });
  test('usual path: /root/.cache/go-build', () => {
    assert.ok(tool('go-build').looksLikeCacheDir('/root/.cache/go-build'));
    assert.ok(!tool('go-build').looksLikeCacheDir('/go/pkg/mod'));
  });
});

describe('go module cache (go-mod)', () => {
  test('go mod download, go build, go get match', () => {
    for (const t of ['go mod download', 'go build ./...', 'go get example.com/x@v1'])
      assert.ok(matches('go-mod', t), t);
    assert.ok(!matches('go-mod', 'go version'));
  });
  test("GOMODCACHE, else $GOPATH[0]/pkg/mod; GOPATH unset: unknown (Go's own default is not cited)", () => {
    assert.equal(resolve('go-mod', 'go mod download', { GOMODCACHE: '/m' }), '/m');
    assert.equal(resolve('go-mod', 'go mod download', { GOPATH: '/go' }), '/go/pkg/mod');
    assert.equal(resolve('go-mod', 'go mod download', { GOPATH: '/a:/b' }), '/a/pkg/mod');
    assert.equal(resolve('go-mod', 'go mod download'), 'unknown');
  });
  test('model: the golang image sets GOPATH=/go (catalog); on an image the catalog does not know GOPATH is unknown, not unset', () => {
    assert.equal(modelDir('FROM golang:1.22\nUSER root\nRUN go mod download\n', 'go-mod'), '/go/pkg/mod');
    assert.equal(modelDir('FROM myorg/go:1.22\nUSER root\nRUN go mod download\n', 'go-mod'), 'unknown');
    assert.equal(modelDir('FROM golang:1.22\nENV GOPATH=/go\nRUN go mod download\n', 'go-mod'), '/go/pkg/mod');
    assert.equal(modelDir('FROM golang:1.22\nUSER root\nRUN go build .\n', 'go-build'), '/root/.cache/go-build');
  });
  test('usual path: /go/pkg/mod', () => {
    assert.ok(tool('go-mod').looksLikeCacheDir('/go/pkg/mod'));
    assert.ok(tool('go-mod').looksLikeCacheDir('/root/go/pkg/mod/'));
  });
});

describe('cargo (registry, git, target)', () => {
  test('cargo build --release and friends match all three; cargo fetch only the registry/git', () => {
    for (const t of ['cargo build --release', 'cargo +nightly build', 'cargo test --locked', 'cargo check']) {
      for (const id of ['cargo-registry', 'cargo-git', 'cargo-target']) assert.ok(matches(id, t), `${id}: ${t}`);
    }
    assert.ok(matches('cargo-registry', 'cargo fetch'));
    assert.ok(!matches('cargo-target', 'cargo fetch'));
    assert.ok(!matches('cargo-registry', 'cargo --version'));
  });
  test('registry and git under $CARGO_HOME, default $HOME/.cargo', () => {
    assert.equal(resolve('cargo-registry', 'cargo build --release'), '/root/.cargo/registry');
    assert.equal(resolve('cargo-git', 'cargo build --release', {}, APP_HOME), '/home/app/.cargo/git');
    assert.equal(
      resolve('cargo-registry', 'cargo build', { CARGO_HOME: '/usr/local/cargo' }),
      '/usr/local/cargo/registry',
    );
  });
  test('the rust image sets CARGO_HOME=/usr/local/cargo (catalog); an image the catalog does not know leaves it unknown', () => {
    assert.equal(
      modelDir('FROM rust:1.80\nUSER root\nRUN cargo build --release\n', 'cargo-registry'),
      '/usr/local/cargo/registry',
    );
    assert.equal(modelDir('FROM myorg/rust:1.80\nUSER root\nRUN cargo build --release\n', 'cargo-registry'), 'unknown');
    assert.equal(
      modelDir('FROM rust:1.80\nENV CARGO_HOME=/usr/local/cargo\nRUN cargo build --release\n', 'cargo-git'),
      '/usr/local/cargo/git',
    );
  });
  test('target: --target-dir / CARGO_TARGET_DIR; the default <workspace>/target stays unknown', () => {
    assert.equal(resolve('cargo-target', 'cargo build --release --target-dir /t'), '/t');
    assert.equal(resolve('cargo-target', 'cargo build', { CARGO_TARGET_DIR: '/ct' }), '/ct');
    assert.equal(resolve('cargo-target', 'cargo build --release'), 'unknown');
    assert.equal(resolve('cargo-target', 'cargo build --target-dir rel'), 'unknown');
    assert.equal(resolve('cargo-target', 'cargo build', { CARGO_BUILD_TARGET_DIR: '/b' }), 'unknown');
  });
  test('usual paths; a bare target/ is not recognised by path (maven uses it too)', () => {
    assert.ok(tool('cargo-registry').looksLikeCacheDir('/usr/local/cargo/registry/'));
    assert.ok(tool('cargo-registry').looksLikeCacheDir('/root/.cargo/registry/index'));
    assert.ok(tool('cargo-git').looksLikeCacheDir('/usr/local/cargo/git/db'));
    assert.ok(!tool('cargo-git').looksLikeCacheDir('/usr/local/cargo/registry'));
    assert.ok(!tool('cargo-target').looksLikeCacheDir('/app/target'));
  });
});
