// CM001 with the workspace view: a mount without id is a warning when another Dockerfile mounts the same
// tool's cache under another key (caches belong to the builder, docs/semantics.md#cache-key and #cache-lifetime); info otherwise.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/engine';
import { applyFixes } from '../../../server/src/core/fix';
import { DEFAULT_SETTINGS } from '../../../server/src/core/settings';
import { indexOf, UV_EXPLICIT, UV_IMPLICIT } from './helpers';

const A = 'file:///w/api/Dockerfile';
const B = 'file:///w/worker/Dockerfile';

function cm001(text: string, uri: string, files?: Record<string, string>) {
  const index = files ? indexOf(files) : undefined;
  return analyze(text, uri, 'dockerfile', DEFAULT_SETTINGS, index).findings.filter((f) => f.code === 'CM001');
}

describe('CM001 across the workspace', () => {
  test('another Dockerfile uses id=uv-cache: warning, naming that file and line, related info into it', () => {
    const [finding, ...rest] = cm001(UV_IMPLICIT, B, { [A]: UV_EXPLICIT, [B]: UV_IMPLICIT });
    assert.ok(finding);
    assert.deepEqual(rest, []);
    assert.equal(finding.severity, 'warning');
    assert.equal(finding.messageId, 'noIdSplitAcrossFiles');
    assert.deepEqual(finding.data, { tool: 'uv', file: '../api/Dockerfile', line: 2 });
    assert.match(
      finding.detail,
      /Other Dockerfiles of the workspace: \.\.\/api\/Dockerfile line 2 \(id 'uv-cache'\)\.$/,
    );
    assert.equal(finding.related.length, 1);
    const related = finding.related[0]!;
    assert.equal(related.uri, A);
    assert.equal(related.range?.start.line, 1);
    assert.equal(
      UV_EXPLICIT.slice(related.span.start, related.span.end),
      '--mount=type=cache,id=uv-cache,target=/root/.cache/uv',
    );
    // The preferred fix gives it the same id: the finding is gone, in the workspace too.
    const fixed = applyFixes(UV_IMPLICIT, [finding.fixes[0]!]).text;
    assert.deepEqual(cm001(fixed, B, { [A]: UV_EXPLICIT, [B]: fixed }), []);
  });

  test('stays a hint without a workspace, with only the same key elsewhere, or with another tool elsewhere', () => {
    assert.equal(cm001(UV_IMPLICIT, B)[0]?.severity, 'hint');
    // Another file with the same implicit key (same target, no id): the same cache, no warning.
    const same = cm001(UV_IMPLICIT, B, {
      [A]: UV_IMPLICIT.replace('pip install --system flask', 'sync'),
      [B]: UV_IMPLICIT,
    });
    assert.equal(same.length, 1);
    assert.equal(same[0]!.severity, 'hint');
    assert.equal(same[0]!.messageId, 'noId');
    assert.doesNotMatch(same[0]!.detail, /Other Dockerfiles/);
    const pip = 'FROM x\nRUN --mount=type=cache,id=pip-cache,target=/root/.cache/pip pip install x\n';
    assert.equal(cm001(UV_IMPLICIT, B, { [A]: pip })[0]?.severity, 'hint');
    // The file's own (stale) index entry never counts.
    assert.equal(cm001(UV_IMPLICIT, B, { [B]: UV_EXPLICIT })[0]?.severity, 'hint');
  });

  test('an unknown key elsewhere does not count (it might be the same)', () => {
    const unknown = 'FROM myorg/base:1\nRUN --mount=type=cache,id=$CACHE_ID,target=/root/.cache/uv uv sync\n';
    assert.equal(cm001(UV_IMPLICIT, B, { [A]: unknown })[0]?.severity, 'hint');
  });

  test('file-local and workspace keys together: both named, related capped at 5', () => {
    const local = [
      'FROM python:3.12-slim AS build',
      'RUN --mount=type=cache,target=/root/.cache/uv uv sync',
      'FROM python:3.12-slim AS test',
      'ENV UV_CACHE_DIR=/opt/uv',
      'RUN --mount=type=cache,target=/opt/uv uv sync',
      '',
    ].join('\n');
    const files: Record<string, string> = {};
    for (let i = 0; i < 12; i++) files[`file:///w/p${i}/Dockerfile`] = UV_EXPLICIT.replace('uv-cache', `uv-${i}`);
    const [first] = cm001(local, B, files);
    assert.ok(first);
    assert.equal(first.severity, 'warning');
    // The message names this file's mount; the detail lists both places.
    assert.equal(first.messageId, 'noIdSplit');
    assert.deepEqual(first.data, { tool: 'uv', line: 5 });
    assert.match(first.detail, /In this file: line 5 \(implicit id '\/opt\/uv' from the target\)\./);
    assert.match(
      first.detail,
      /Other Dockerfiles of the workspace: \.\.\/p0\/Dockerfile line 2 \(id 'uv-0'\).*, and 7 more\.$/,
    );
    assert.equal(first.related.length, 5);
    assert.equal(first.related[0]!.uri, undefined, 'the same file first');
    assert.equal(first.related[1]!.uri, 'file:///w/p0/Dockerfile');
  });
});
