// --fix never loses data: a file changed on disk after it was read is not overwritten; the write goes through a
// temporary file and a rename (the real file is whole at every moment, its mode kept); a symbolic link stays a
// link and its target gets the fix; a BOM stays first when a line is inserted at the top.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileSafely } from '../../server/src/cli/safe-write';
import { parseDirectives } from '../../server/src/core/dockerfile/directives';
import { captureIO, makeTempDir, removeDir, writeTree } from './cli-helpers';
import { runCli } from '../../server/src/cli/run';

describe('writing fixed files safely', () => {
  let dir = '';
  before(() => {
    dir = makeTempDir('safe-write');
  });
  after(() => removeDir(dir));

  test('a file changed after it was read is not overwritten', () => {
    const file = join(dir, 'changed');
    writeFileSync(file, 'old');
    const read = readFileSync(file);
    writeFileSync(file, 'edited in the editor meanwhile');
    assert.match(writeFileSafely(file, read, 'fixed') ?? '', /changed on disk after it was read/);
    assert.equal(readFileSync(file, 'utf8'), 'edited in the editor meanwhile');
  });

  test('written through a temporary file: mode kept, no temporary file left', () => {
    const file = join(dir, 'mode');
    writeFileSync(file, 'old');
    chmodSync(file, 0o640);
    assert.equal(writeFileSafely(file, readFileSync(file), 'new'), undefined);
    assert.equal(readFileSync(file, 'utf8'), 'new');
    assert.equal(statSync(file).mode & 0o777, 0o640);
    assert.deepEqual(
      readdirSync(dir).filter((n) => n.includes('.tmp')),
      [],
    );
  });

  test('a symbolic link stays a link; the file it names gets the text', () => {
    const real = join(dir, 'real');
    const link = join(dir, 'link');
    writeFileSync(real, 'old');
    symlinkSync(real, link);
    assert.equal(writeFileSafely(link, readFileSync(link), 'new'), undefined);
    assert.ok(lstatSync(link).isSymbolicLink());
    assert.equal(readFileSync(real, 'utf8'), 'new');
  });

  test('a folder that cannot be written: a reason, the file untouched', () => {
    const sub = join(dir, 'ro');
    writeTree(sub, { f: 'old' });
    const file = join(sub, 'f');
    chmodSync(sub, 0o500);
    try {
      // root may write anyway: then the write must simply succeed whole
      const why = writeFileSafely(file, readFileSync(file), 'new');
      if (why !== undefined) {
        assert.match(why, /cannot write/);
        assert.equal(readFileSync(file, 'utf8'), 'old');
      } else assert.equal(readFileSync(file, 'utf8'), 'new');
    } finally {
      chmodSync(sub, 0o700);
    }
  });

  test('a BOM stays first: the top insertion point is after it', () => {
    assert.equal(parseDirectives('\ufeffFROM scratch\n').insertOffset, 1);
    assert.equal(
      parseDirectives('\ufeff# syntax=docker/dockerfile:1\nFROM scratch\n').insertOffset,
      '\ufeff# syntax=docker/dockerfile:1\n'.length,
    );
    assert.equal(parseDirectives('FROM scratch\n').insertOffset, 0);
  });

  test('check --fix on a file with a BOM keeps the BOM first and the file parses', () => {
    const file = join(dir, 'bom/Dockerfile');
    writeTree(dir, {
      'bom/Dockerfile': '\ufeffFROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n',
    });
    runCli(['check', '--fix', '--unsafe-fixes', '--fail-level', 'none', file], captureIO());
    const text = readFileSync(file, 'utf8');
    assert.equal(text.charCodeAt(0), 0xfeff);
    assert.equal(text.indexOf('\ufeff', 1), -1, 'no BOM in the middle');
    assert.match(text, /id=uv-cache/);
  });
});
