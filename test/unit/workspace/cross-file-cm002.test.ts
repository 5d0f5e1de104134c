// CM002 across files: one tool's cache under one key here and other keys in other Dockerfiles.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/engine';
import { applyFixes } from '../../../server/src/core/fix';
import { MESSAGE_MAX_LENGTH } from '../../../server/src/core/rules/rule';
import { DEFAULT_SETTINGS } from '../../../server/src/core/settings';
import { indexOf, UV_EXPLICIT, UV_IMPLICIT } from './helpers';

const A = 'file:///w/api/Dockerfile';
const B = 'file:///w/worker/Dockerfile';

function cm002(text: string, uri: string, files: Record<string, string>) {
  const index = indexOf(files);
  return analyze(text, uri, 'dockerfile', DEFAULT_SETTINGS, index).findings.filter((f) => f.code === 'CM002');
}

describe('CM002 across the workspace', () => {
  test('reported on the implicit-id mount, with related information pointing into the other file', () => {
    const [finding, ...rest] = cm002(UV_IMPLICIT, B, { [A]: UV_EXPLICIT, [B]: UV_IMPLICIT });
    assert.ok(finding);
    assert.deepEqual(rest, []);
    assert.equal(finding.severity, 'warning');
    assert.equal(finding.messageId, 'splitAcrossFiles');
    assert.deepEqual(finding.data, { tool: 'uv', file: '../api/Dockerfile', line: 2 });
    assert.match(
      finding.detail,
      /split across the workspace: this mount uses implicit id '\/root\/.cache\/uv' from the target, while \.\.\/api\/Dockerfile line 2 uses id 'uv-cache'/,
    );
    assert.match(finding.detail, /Give them all id=uv-cache\./);
    assert.equal(UV_IMPLICIT.slice(finding.span.start, finding.span.end), 'target=/root/.cache/uv');
    assert.equal(finding.related.length, 1);
    const related = finding.related[0]!;
    assert.equal(related.uri, A);
    assert.deepEqual(related.range, { start: { line: 1, character: 23 }, end: { line: 1, character: 34 } });
    assert.equal(UV_EXPLICIT.split('\n')[1]!.slice(23, 34), 'id=uv-cache');
    const fixed = applyFixes(UV_IMPLICIT, [finding.fixes[0]!]).text;
    assert.match(fixed, /--mount=type=cache,id=uv-cache,target=\/root\/.cache\/uv/);
    assert.deepEqual(cm002(fixed, B, { [A]: UV_EXPLICIT, [B]: fixed }), []);
  });

  test('two mounts of the group in this file: one fix sets the id on both, so the file is not split by it', () => {
    const two = [
      'FROM python:3.12-slim',
      'ENV UV_LINK_MODE=copy',
      'RUN --mount=type=cache,target=/root/.cache/uv uv pip install --system flask',
      'RUN --mount=type=cache,target=/root/.cache/uv uv pip install --system pytest',
      '',
    ].join('\n');
    const findings = cm002(two, B, { [A]: UV_EXPLICIT, [B]: two });
    assert.equal(findings.length, 2);
    for (const f of findings) {
      assert.equal(f.fixes.length, 1);
      assert.equal(
        f.fixes[0]!.title,
        'Set id=uv-cache on all 2 uv cache mounts of this file (share one uv cache across the workspace)',
      );
      assert.equal(f.fixes[0]!.edits.length, 2);
    }
    const fixed = applyFixes(two, [findings[0]!.fixes[0]!]).text;
    assert.equal(fixed.match(/--mount=type=cache,id=uv-cache,target=\/root\/.cache\/uv/g)?.length, 2);
    // Neither the cross-file finding nor an in-file split is left.
    assert.deepEqual(cm002(fixed, B, { [A]: UV_EXPLICIT, [B]: fixed }), []);
  });

  test('the file that already uses the standard id is told too, without a fix to apply', () => {
    const [finding] = cm002(UV_EXPLICIT, A, { [A]: UV_EXPLICIT, [B]: UV_IMPLICIT });
    assert.ok(finding);
    assert.equal(finding.fixes.length, 0);
    assert.equal(finding.related[0]!.uri, B);
  });

  test('silent when the other files use the same key, use another tool, or there is no workspace', () => {
    assert.deepEqual(cm002(UV_EXPLICIT, A, { [A]: UV_EXPLICIT, [B]: UV_EXPLICIT }), []);
    assert.deepEqual(
      cm002(UV_EXPLICIT, A, { [B]: 'FROM x\nRUN --mount=type=cache,target=/root/.cache/pip pip install x\n' }),
      [],
    );
    assert.deepEqual(
      analyze(UV_IMPLICIT, B, 'dockerfile', DEFAULT_SETTINGS).findings.filter((f) => f.code === 'CM002'),
      [],
    );
    // Its own (stale) index entry never counts against the file itself.
    assert.deepEqual(cm002(UV_IMPLICIT, B, { [B]: UV_EXPLICIT }), []);
  });

  test('uid/gid split: no id fix, the message and detail say why', () => {
    const other = 'FROM x\nRUN --mount=type=cache,id=uv-cache,uid=1000,target=/home/app/.cache/uv uv sync\n';
    const [finding] = cm002(UV_EXPLICIT, A, { [B]: other });
    assert.ok(finding);
    assert.equal(finding.fixes.length, 0);
    assert.equal(finding.messageId, 'splitAcrossFilesByOptions');
    assert.deepEqual(finding.data, { tool: 'uv', file: '../worker/Dockerfile', line: 2 });
    assert.match(finding.detail, /uid\/gid\/mode\/from give a mount a separate cache/);
  });

  test('a file split inside itself keeps the single-file report only', () => {
    const split =
      'FROM x\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\nENV UV_CACHE_DIR=/opt/uv\nRUN --mount=type=cache,target=/opt/uv uv sync\n';
    const findings = cm002(split, B, { [A]: UV_EXPLICIT });
    assert.equal(findings.length, 2);
    for (const f of findings) assert.equal(f.messageId, 'split');
  });

  test('many other files: the message and related list stay short', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`file:///w/p${i}/Dockerfile`] = UV_EXPLICIT.replace('uv-cache', `uv-${i}`);
    const [finding] = cm002(UV_IMPLICIT, B, files);
    assert.ok(finding);
    assert.equal(finding.related.length, 5);
    assert.match(finding.detail, /and 35 more/);
    assert.ok(finding.message.length <= MESSAGE_MAX_LENGTH);
  });
});
