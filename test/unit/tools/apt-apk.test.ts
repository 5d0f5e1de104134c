import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { APP_HOME, cmd, env, matches, modelDir, resolve, tool, usesOf } from './helpers';

describe('apt (downloaded packages) and apt-lists', () => {
  test('apt-get/apt install-like commands use /var/cache/apt/archives; update uses the lists', () => {
    for (const t of [
      'apt-get install -y curl',
      'apt-get -y --no-install-recommends install gcc',
      'apt install -y git',
      'apt-get -o Debug::pkgProblemResolver=yes dist-upgrade',
      'apt-get build-dep -y foo',
    ]) {
      assert.ok(matches('apt', t), t);
      assert.equal(resolve('apt', t), '/var/cache/apt/archives', t);
      assert.ok(!matches('apt-lists', t), t);
    }
    assert.ok(matches('apt-lists', 'apt-get update'));
    assert.ok(matches('apt-lists', 'apt -qq update'));
    assert.equal(resolve('apt-lists', 'apt-get update'), '/var/lib/apt/lists');
    for (const t of ['apt-get clean', 'apt-cache policy', 'apt-get update', 'aptly publish'])
      assert.ok(!matches('apt', t), t);
  });
  test('the dirs do not depend on HOME or the user', () => {
    assert.equal(resolve('apt', 'apt-get install -y curl', {}, APP_HOME), '/var/cache/apt/archives');
  });
  test('-o Dir::..., -c and APT_CONFIG move the dirs: unknown', () => {
    assert.equal(resolve('apt', 'apt-get -o Dir::Cache=/x install -y curl'), 'unknown');
    assert.equal(resolve('apt', 'apt-get -oDir::Cache::archives=/x install curl'), 'unknown');
    assert.equal(resolve('apt-lists', 'apt-get -o Dir::State::Lists=/l update'), 'unknown');
    assert.equal(resolve('apt', 'apt-get -c /etc/my.conf install curl'), 'unknown');
    assert.equal(resolve('apt', 'apt-get install curl', { APT_CONFIG: '/etc/apt/other.conf' }), 'unknown');
  });
  test('apt-get clean and apt clean wipe the package cache; autoclean and install do not', () => {
    const apt = tool('apt');
    assert.ok(apt.wipes?.(cmd('apt-get clean')));
    assert.ok(apt.wipes?.(cmd('apt clean')));
    assert.ok(!apt.wipes?.(cmd('apt-get autoclean')));
    assert.ok(!apt.wipes?.(cmd('apt-get install -y clean')));
  });
  test('usual paths and sharing=locked', () => {
    assert.ok(tool('apt').looksLikeCacheDir('/var/cache/apt'));
    assert.ok(tool('apt').looksLikeCacheDir('/var/cache/apt/archives/'));
    assert.ok(tool('apt-lists').looksLikeCacheDir('/var/lib/apt'));
    assert.ok(tool('apt-lists').looksLikeCacheDir('/var/lib/apt/lists'));
    assert.ok(!tool('apt').looksLikeCacheDir('/var/lib/apt'));
    assert.ok(!tool('apt').looksLikeCacheDir('/var/cache/apt-other'));
    assert.equal(tool('apt').sharing, 'locked');
  });
  test('the model sees both in one RUN', () => {
    const df = 'FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends gcc\n';
    assert.equal(modelDir(df, 'apt-lists'), '/var/lib/apt/lists');
    assert.equal(modelDir(df, 'apt'), '/var/cache/apt/archives');
  });
});

describe('apk', () => {
  test('apk add/update/upgrade use /var/cache/apk', () => {
    for (const t of [
      'apk add curl',
      'apk add --virtual .build-deps gcc',
      'apk update',
      'apk -U upgrade',
      'apk --repository http://x add foo',
    ]) {
      assert.ok(matches('apk', t), t);
      assert.equal(resolve('apk', t), '/var/cache/apk', t);
    }
    for (const t of ['apk info', 'apk del curl', 'apkg add']) assert.ok(!matches('apk', t), t);
  });
  test('--no-cache disables; without --update the fix replaces it with --update', () => {
    const text = 'apk add --no-cache curl';
    const d = tool('apk').disabled(cmd(text), env())!;
    assert.equal(text.slice(d.span.start, d.span.end), '--no-cache');
    assert.equal(d.replaceWith, '--update');
    assert.equal(d.removal, undefined);
    const withUpdate = 'apk add --update --no-cache curl';
    const d2 = tool('apk').disabled(cmd(withUpdate), env())!;
    assert.equal(withUpdate.slice(d2.removal!.start, d2.removal!.end), ' --no-cache');
    assert.equal(d2.replaceWith, undefined);
    assert.equal(resolve('apk', text), 'unknown');
  });
  test('UNVERIFIED: --cache-dir (version-dependent) and --root make the dir unknown', () => {
    assert.equal(resolve('apk', 'apk add --cache-dir /c curl'), 'unknown');
    assert.equal(resolve('apk', 'apk --root /mnt add curl'), 'unknown');
  });
  test('usual paths', () => {
    assert.ok(tool('apk').looksLikeCacheDir('/var/cache/apk'));
    assert.ok(tool('apk').looksLikeCacheDir('/etc/apk/cache'));
    assert.ok(!tool('apk').looksLikeCacheDir('/var/cache/apt'));
  });
  test('model: apk in a RUN', () => {
    assert.equal(
      usesOf('FROM alpine:3.20\nRUN ln -s /var/cache/apk /etc/apk/cache && apk update && apk add gcc\n', 'apk').length,
      2,
    );
  });
});
