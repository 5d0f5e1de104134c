// What the model makes of a known base image: the user and HOME of a RUN, the image's ENV in scope,
// FROM <stage> inheriting it, ARG-driven references; and the rules that follow from it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, buildModel } from '../../../server/src/core/engine';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../../server/src/core/settings';
import type { DockerfileModel } from '../../../server/src/core/dockerfile/types';
import { hoverAt } from '../../../server/src/core/explain';

const settings = normalizeSettings({
  images: {
    'myorg/devbase': {
      user: 'root',
      env: { PATH: '/usr/bin:/bin' },
      packageManager: 'apt',
      distro: 'debian',
      dockerClean: true,
      source: 'https://example.invalid/devbase',
    },
    'myorg/notebook:*': {
      user: 'jovyan',
      uid: 1000,
      gid: 100,
      home: '/home/jovyan',
      env: { HOME: '/home/jovyan', PIP_NO_CACHE_DIR: 'off' },
    },
    'myorg/uvbase': { user: 'root', env: { UV_CACHE_DIR: '/opt/uv-cache', UV_LINK_MODE: 'copy' } },
  },
}).settings;

function model(text: string, s = settings): DockerfileModel {
  const m = buildModel(text, 'file:///w/Dockerfile', 'dockerfile', s);
  assert.equal(m.kind, 'dockerfile');
  return m;
}

function codes(text: string, s = settings): string[] {
  return analyze(text, 'file:///w/Dockerfile', 'dockerfile', s)
    .findings.filter((f) => f.severity !== 'hint')
    .map((f) => f.code);
}

describe('the model on a known image', () => {
  test('no USER: the image user and HOME, with where they come from', () => {
    const run = model('FROM myorg/devbase:1\nRUN uv sync\n').runs[0]!;
    assert.deepEqual(run.user.name, { known: true, value: 'root' });
    assert.deepEqual(run.home, { known: true, value: '/root' });
    assert.match(run.homeSource, /myorg\/devbase:1 sets no USER, so RUN runs as root.*images setting "myorg\/devbase"/);
  });

  test('the image USER and its passwd entry; ENV HOME of the image', () => {
    const run = model('FROM myorg/notebook:2024\nRUN pip install x\n').runs[0]!;
    assert.deepEqual(run.user.uid, { known: true, value: 1000 });
    assert.deepEqual(run.user.gid, { known: true, value: 100 });
    assert.deepEqual(run.home, { known: true, value: '/home/jovyan' });
  });

  test('USER root on it, and a named user the image has', () => {
    const m = model('FROM myorg/notebook:1\nUSER root\nRUN a\nUSER jovyan\nRUN b\n');
    assert.deepEqual(
      m.runs[0]!.home,
      { known: true, value: '/home/jovyan' },
      'the image ENV HOME wins over passwd, as runc does',
    );
    assert.deepEqual(m.runs[1]!.user.uid, { known: true, value: 1000 });
  });

  test('an unknown image stays unknown; FROM <stage> inherits the image; an ARG default is followed', () => {
    assert.equal(model('FROM myorg/other:1\nRUN a\n').runs[0]!.home.known, false);
    const m = model('ARG BASE=myorg/devbase:1\nFROM ${BASE} AS base\nFROM base\nRUN a\n');
    assert.deepEqual(m.runs[0]!.home, { known: true, value: '/root' });
    assert.equal(m.stages[1]!.baseImage?.reference, 'myorg/devbase:1');
  });

  test('the image ENV is in scope: a name it does not set is unset, not unknown', () => {
    const m = model('FROM myorg/uvbase\nRUN --mount=type=cache,target=$UV_CACHE_DIR uv sync\n');
    const scope = m.runs[0]!.scope;
    const def = scope.lookup('UV_CACHE_DIR');
    assert.ok(typeof def === 'object' && def.value === '/opt/uv-cache' && def.image !== undefined);
    assert.equal(scope.lookup('NOT_SET_ANYWHERE'), 'unset');
    assert.deepEqual(m.mounts[0]!.targetPath, { known: true, value: '/opt/uv-cache' });
  });
});

describe('rules on known images', () => {
  test('a mount under /home/vscode while the build runs as root (the image sets no USER): CM004', () => {
    const text =
      'FROM myorg/devbase:1\nENV UV_LINK_MODE=copy\nRUN --mount=type=cache,target=/home/vscode/.cache/uv uv sync\n';
    assert.deepEqual(codes(text), ['CM004']);
    assert.deepEqual(codes(text, DEFAULT_SETTINGS), [], 'silent while the image is unknown');
  });

  test('the image ENV moves the cache: CM004 names it; the image ENV is never edited by a fix', () => {
    const text = 'FROM myorg/uvbase\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n';
    const findings = analyze(text, 'file:///w/Dockerfile', 'dockerfile', settings).findings.filter(
      (f) => f.code === 'CM004',
    );
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.messageId, 'mismatch');
    assert.deepEqual(findings[0]!.data, { tool: 'uv', line: 2, cacheDir: '/opt/uv-cache', target: '/root/.cache/uv' });
    assert.match(
      findings[0]!.detail,
      /caches in '\/opt\/uv-cache' \(UV_CACHE_DIR \(set by the base image myorg\/uvbase:latest/,
    );
    for (const fix of findings[0]!.fixes)
      for (const e of fix.edits) assert.ok(e.span.start > text.indexOf('\n'), 'no edit on the FROM line');
  });

  test('the image user is not root: CM006 with its uid and gid; PIP_NO_CACHE_DIR=off from the image: CM005 at the command', () => {
    const text = 'FROM myorg/notebook:1\nRUN --mount=type=cache,target=/home/jovyan/.cache/pip pip install x\n';
    const findings = analyze(text, 'file:///w/Dockerfile', 'dockerfile', settings).findings;
    const cm006 = findings.find((f) => f.code === 'CM006');
    assert.ok(cm006);
    assert.equal(cm006.messageId, 'notWritable');
    assert.deepEqual(cm006.data, { target: '/home/jovyan/.cache/pip', user: 'jovyan' });
    assert.match(cm006.detail, /Add uid=1000,gid=100/);
    const cm005 = findings.find((f) => f.code === 'CM005');
    assert.ok(cm005, JSON.stringify(findings.map((f) => f.code)));
    assert.equal(text.slice(cm005.span.start, cm005.span.end), 'pip');
    assert.equal(cm005.messageId, 'disabledHere');
    assert.match(cm005.detail, /set by the base image myorg\/notebook:1/);
  });

  test('UV_LINK_MODE set by the image: no CM009', () => {
    assert.ok(!codes('FROM myorg/uvbase\nRUN --mount=type=cache,target=/opt/uv-cache uv sync\n').includes('CM009'));
  });

  test('a mount CM010 rejects gets no other finding', () => {
    assert.deepEqual(codes('FROM myorg/devbase:1\nRUN --mount=type=cache,tagret=/home/vscode/.cache/uv uv sync\n'), [
      'CM010',
    ]);
  });

  test('the FROM hover says what the image gives and where it comes from; unknown images say how to teach them', () => {
    const text = 'FROM myorg/notebook:1\nRUN x\n';
    const h = hoverAt(model(text), 7);
    assert.ok(h);
    assert.match(h.markdown, /### Base image `myorg\/notebook:1`/);
    assert.match(h.markdown, /runs as `jovyan` \(the image's USER\), HOME `\/home\/jovyan` \(its ENV HOME\)/);
    assert.match(h.markdown, /PIP_NO_CACHE_DIR=off/);
    const unknown = hoverAt(model('FROM myorg/other:1\nRUN x\n'), 7);
    assert.match(unknown?.markdown ?? '', /Unknown: myorg\/other:1 is not in the image catalog.*images/s);
  });
});

describe('image-based dev containers (CM102)', () => {
  const dc = normalizeSettings({
    images: { 'myorg/devimage': { user: 'root', remoteUser: 'vscode', env: {} } },
  }).settings;
  const uri = 'file:///w/.devcontainer/devcontainer.json';
  test('no remoteUser: the image metadata remoteUser is the user, so a mount in /root is CM102', () => {
    const text = '{ "image": "myorg/devimage:1", "mounts": ["source=uvc,target=/root/.cache/uv,type=volume"] }';
    const found = analyze(text, uri, 'devcontainer', dc).findings.filter((f) => f.code === 'CM102');
    assert.equal(found.length, 1);
    assert.equal(found[0]!.messageId, 'otherUsersHome');
    assert.deepEqual(found[0]!.data, { where: 'mounts[0]', target: '/root/.cache/uv', owner: 'root', user: 'vscode' });
    assert.match(
      found[0]!.detail,
      /the user of the image myorg\/devimage:1 \(its devcontainer\.metadata remoteUser; this file sets no remoteUser\) is "vscode"/,
    );
    assert.equal(
      analyze(text, uri, 'devcontainer', DEFAULT_SETTINGS).findings.filter((f) => f.code === 'CM102').length,
      0,
      'unknown image: silent',
    );
    const own = '{ "image": "myorg/devimage:1", "mounts": ["source=uvc,target=/home/vscode/.cache/uv,type=volume"] }';
    assert.equal(analyze(own, uri, 'devcontainer', dc).findings.filter((f) => f.code === 'CM102').length, 0);
  });
});
