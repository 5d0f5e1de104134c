// Stage.copies: where COPY/ADD put files (read by CM014 and CM015).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDockerfileModel } from '../../../server/src/core/dockerfile/model';

const build = (text: string) => buildDockerfileModel(text, 'file:///x/Dockerfile');

test('COPY sources, destination, --from and the destination resolved against WORKDIR', () => {
  const m = build('FROM scratch\nWORKDIR /app\nCOPY --from=build --chown=1:1 a b ./lib/\nADD . /srv/\n');
  const [copy, add] = m.stages[0]!.copies;
  assert.ok(copy && add);
  assert.equal(copy.keyword, 'COPY');
  assert.equal(copy.from, 'build');
  assert.deepEqual(
    copy.sources.map((s) => s.value),
    ['a', 'b'],
  );
  assert.equal(copy.dest?.value, './lib/');
  assert.deepEqual(copy.destPath, { known: true, value: '/app/lib' });
  assert.equal(copy.line, 2);
  assert.equal(add.keyword, 'ADD');
  assert.equal(add.from, undefined);
  assert.deepEqual(add.destPath, { known: true, value: '/srv' });
});

test('a relative destination under an unknown WORKDIR, a variable, JSON form, and no destination', () => {
  const m = build('FROM python:3.12\nCOPY . .\nENV D=/data\nCOPY x ${D}/x\nCOPY ["a b", "/c/"]\nCOPY onlyone\n');
  const copies = m.stages[0]!.copies;
  assert.equal(copies.length, 4);
  assert.equal(copies[0]!.destPath.known, false);
  assert.deepEqual(copies[1]!.destPath, { known: true, value: '/data/x' });
  assert.deepEqual(
    copies[2]!.sources.map((s) => s.value),
    ['a b'],
  );
  assert.deepEqual(copies[2]!.destPath, { known: true, value: '/c' });
  assert.equal(copies[3]!.dest, undefined);
  assert.equal(copies[3]!.destPath.known, false);
});

test('a heredoc COPY records its destination; COPY before FROM is ignored', () => {
  const m = build('COPY a /a\nFROM scratch\nCOPY <<EOF /etc/conf\nx=1\nEOF\n');
  assert.equal(m.stages[0]!.copies.length, 1);
  assert.deepEqual(m.stages[0]!.copies[0]!.destPath, { known: true, value: '/etc/conf' });
});
