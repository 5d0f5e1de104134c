// The compact index entry (server/src/core/workspace/mount-entry.ts) keeps offsets and a file's line starts
// instead of range objects: every span, range, position and description it gives must be the one the model
// gives (LineIndex, describeKey), on the real corpus files (CRLF ones included) and the examples.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildModel } from '../../../server/src/core/engine';
import { summarize } from '../../../server/src/core/summarize';
import type { DockerfileModel, MountOption } from '../../../server/src/core/dockerfile/types';
import { describeKey } from '../../../server/src/core/rules/dockerfile/mount-helpers';
import { LineStarts } from '../../../server/src/core/workspace/line-starts';
import type { OptionRef } from '../../../server/src/core/workspace/mount-entry';
import type { Span } from '../../../server/src/core/text';

function dockerfiles(dir: string): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...dockerfiles(path));
    else if (name === 'Dockerfile') out.push({ name: path, text: readFileSync(path, 'utf8') });
  }
  return out;
}

const ROOT = join(__dirname, '../../../..');
const FILES = [...dockerfiles(join(ROOT, 'test/corpus/real')), ...dockerfiles(join(ROOT, 'examples'))];

/** The model's own answer for an option, as the index entry's option must give it. */
function expectedOption(model: DockerfileModel, option: MountOption | undefined) {
  if (!option || option.value === null) return undefined;
  const located = (span: Span) => ({ span: { start: span.start, end: span.end }, range: model.lines.rangeOf(span) });
  return {
    value: option.value,
    plain: option.plain === true,
    ...located(option.span),
    valueSpan: option.valueSpan ? located(option.valueSpan) : undefined,
  };
}

function optionOf(ref: OptionRef | undefined) {
  if (!ref) return undefined;
  return { value: ref.value, plain: ref.plain, span: ref.span, range: ref.range, valueSpan: ref.valueSpan };
}

describe('compact mount entries', () => {
  test('the corpus has cache mounts, CRLF files among them', () => {
    assert.ok(FILES.length > 100);
    assert.ok(FILES.some((f) => f.text.includes('\r\n')));
  });

  test('line starts give the positions LineIndex gives, for every offset (and past the end)', () => {
    for (const { name, text } of FILES) {
      const model = buildModel(text, 'file:///corpus/Dockerfile', 'dockerfile') as DockerfileModel;
      const starts = new LineStarts(model.lines, text.length);
      for (let offset = -1; offset <= text.length + 1; offset++)
        assert.deepEqual(starts.positionAt(offset), model.lines.positionAt(offset), `${name} @${offset}`);
    }
  });

  test('each entry gives the spans, ranges, values and description the model gives', () => {
    let mounts = 0;
    for (const { name, text } of FILES) {
      const uri = `file:///corpus/${mounts}/Dockerfile`;
      const model = buildModel(text, uri, 'dockerfile') as DockerfileModel;
      for (const entry of summarize(model).mounts) {
        mounts++;
        const mount = model.mounts[entry.index]!;
        const where = `${name} mount ${entry.index}`;
        assert.equal(entry.uri, uri);
        assert.equal(entry.line, model.lines.positionAt(mount.flagSpan.start).line + 1, where);
        assert.deepEqual(entry.flag, { span: mount.flagSpan, range: model.lines.rangeOf(mount.flagSpan) }, where);
        const keyOption = (mount.cacheKey?.explicit ? mount.option('id') : undefined) ?? mount.target;
        const keySpan = keyOption?.span ?? mount.flagSpan;
        assert.deepEqual(entry.keyAt, { span: keySpan, range: model.lines.rangeOf(keySpan) }, where);
        assert.deepEqual(entry.key, mount.cacheKey, where);
        assert.deepEqual(optionOf(entry.id), expectedOption(model, mount.option('id')), where);
        assert.deepEqual(optionOf(entry.target), expectedOption(model, mount.target), where);
        assert.deepEqual(entry.insertIdPosition, model.lines.positionAt(entry.insertIdAt), where);
        assert.equal(entry.describedKey, describeKey(mount), where);
        assert.equal(entry.targetPath, mount.targetPath.known ? mount.targetPath.value : undefined, where);
        assert.equal(entry.sharing, mount.sharing, where);
      }
    }
    assert.ok(mounts > 300, `${mounts} cache mounts checked`);
  });

  test('an empty id= and a quoted target keep the spans the model gives (the rename edits them)', () => {
    const text = 'FROM x\r\nRUN --mount=type=cache,id=,target="/root/.cache/uv" uv sync\r\n';
    const model = buildModel(text, 'file:///q/Dockerfile', 'dockerfile') as DockerfileModel;
    const [entry] = summarize(model).mounts;
    const mount = model.mounts[0]!;
    assert.deepEqual(optionOf(entry!.id), expectedOption(model, mount.option('id')));
    assert.deepEqual(entry!.id!.valueSpan!.range, {
      start: { line: 1, character: 26 },
      end: { line: 1, character: 26 },
    });
    assert.deepEqual(optionOf(entry!.target), expectedOption(model, mount.target));
    assert.equal(entry!.target!.value, '/root/.cache/uv');
    assert.equal(entry!.target!.plain, false);
  });
});
