// Reading a file named by a user or found by a walk, safely: open it without blocking (a FIFO would
// block forever on a plain open), then decide by the descriptor's own fstat, so a file swapped for a
// FIFO or device between a check and the read cannot slip through. Only regular files up to `maxBytes`
// are read; a file that grows past the cap while being read is reported, not cut.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { describeFsError } from './walk';

export type ReadResult = { bytes: Buffer } | { error: string };

function megabytes(n: number): string {
  return n >= 1024 * 1024 ? `${n / (1024 * 1024)} MB` : `${n / 1024} KB`;
}

export function readRegularFile(path: string, maxBytes: number): ReadResult {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    return { error: `cannot read: ${describeFsError(err)}` };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { error: 'not a regular file (a device, FIFO or socket): not read' };
    if (stat.size > maxBytes) return { error: `${stat.size} bytes, over the ${megabytes(maxBytes)} limit: not read` };
    // Room for one byte more than fstat said: a file that grew since is read on (buffer grown) up to the cap.
    let buffer = Buffer.alloc(stat.size + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length > maxBytes) return { error: `grew over the ${megabytes(maxBytes)} limit while being read: not read` };
      if (length === buffer.length)
        buffer = Buffer.concat([buffer, Buffer.alloc(Math.min(buffer.length, maxBytes + 1 - buffer.length))]);
    }
    return { bytes: buffer.subarray(0, length) };
  } catch (err) {
    return { error: `cannot read: ${describeFsError(err)}` };
  } finally {
    closeSync(fd);
  }
}
