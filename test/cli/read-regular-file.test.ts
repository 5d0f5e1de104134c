// Reading by descriptor (issue 12): regular files only, decided by fstat on the opened descriptor, so a
// FIFO does not block and a device is refused; the size cap holds even for a file that grows.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readRegularFile } from '../../server/src/cli/read-regular-file';
import { makeTempDir, removeDir } from './cli-helpers';

describe('readRegularFile', () => {
  let dir = '';
  before(() => {
    dir = makeTempDir('readreg');
  });
  after(() => removeDir(dir));

  test('a regular file is read whole up to the cap, and refused over it', () => {
    writeFileSync(join(dir, 'a'), 'FROM x\n');
    assert.deepEqual(readRegularFile(join(dir, 'a'), 7), { bytes: Buffer.from('FROM x\n') });
    assert.match(
      (readRegularFile(join(dir, 'a'), 6) as { error: string }).error,
      /^7 bytes, over the .* limit: not read$/,
    );
  });

  test('a FIFO is refused at once, not read (a plain open would block)', () => {
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    assert.deepEqual(readRegularFile(fifo, 1024), { error: 'not a regular file (a device, FIFO or socket): not read' });
    assert.ok(Date.now() - started < 1000);
  });

  test('a link to a device is refused; a missing file says why', () => {
    symlinkSync('/dev/zero', join(dir, 'zero'));
    assert.deepEqual(readRegularFile(join(dir, 'zero'), 1024), {
      error: 'not a regular file (a device, FIFO or socket): not read',
    });
    assert.match(
      (readRegularFile(join(dir, 'missing'), 1024) as { error: string }).error,
      /^cannot read: no such file/,
    );
  });
});
