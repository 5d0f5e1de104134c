// Writing a fixed file without ever losing data: never over a change we did not read (the bytes on disk
// must still be the ones the fixes were computed from), never in place (a temporary file in the same
// folder, flushed, then renamed over the real file, so a full disk or a kill leaves the old file whole),
// through a symbolic link to the file it names (the link stays a link), keeping the file's mode.
import {
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describeFsError } from './walk';

/** Writes `text` to `path` when the file still holds `expected`; returns why not, or undefined when written. */
export function writeFileSafely(path: string, expected: Buffer, text: string): string | undefined {
  let real: string;
  let mode: number;
  try {
    real = realpathSync(path);
    const stat = statSync(real);
    if (!stat.isFile()) return 'it is not a regular file';
    mode = stat.mode & 0o7777;
    if (!readFileSync(real).equals(expected))
      return 'it changed on disk after it was read (another edit would be lost)';
  } catch (err) {
    return `cannot read it again before writing: ${describeFsError(err)}`;
  }
  const tmp = join(dirname(real), `.${basename(real)}.dcm-${process.pid}-${Date.now()}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', mode);
    const data = Buffer.from(text, 'utf8');
    let written = 0;
    while (written < data.length) written += writeSync(fd, data, written, data.length - written);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, real);
    return undefined;
  } catch (err) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // already failing: the original file is untouched either way
      }
    }
    try {
      unlinkSync(tmp);
    } catch {
      // nothing was created
    }
    return `cannot write: ${describeFsError(err)}`;
  }
}
