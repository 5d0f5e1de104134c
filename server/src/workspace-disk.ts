// The workspace index's files under Node: the walk of the disk, one directory per task, and reads with
// a size check first. Symlinked folders are not followed, linked files not indexed (see list()).
import { lstatSync, readdirSync, readFileSync, type Dirent } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { kindOfFoundFile } from './core/documents';
import { withError, type Logger } from './log';
import {
  isSkipped,
  MAX_FILE_BYTES,
  type FileTask,
  type Folder,
  type IndexSource,
  type Listing,
} from './workspace-indexer';

const ALWAYS_SKIPPED = new Set(['node_modules', '.git']);

export class DiskSource implements IndexSource {
  constructor(private readonly log: Logger) {}

  root(folderUri: string): string {
    return fileURLToPath(folderUri);
  }

  list(dir: string, folder: Folder): Listing {
    const listing: Listing = { dirs: [], files: [] };
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      this.log.debug(withError(`workspace index: cannot read ${dir}`, err));
      return listing;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      const rel = path.slice(folder.path.length).replace(/\\/g, '/').replace(/^\/+/, '');
      if (entry.isDirectory()) {
        // Symlinked folders are not followed (isDirectory() is false for a symlink): no loops.
        if (!ALWAYS_SKIPPED.has(entry.name) && !folder.exclude.excludes(rel)) listing.dirs.push(path);
        continue;
      }
      const kind = kindOfFoundFile(entry.name);
      // Linked files are not indexed: the file they name is indexed where it lies, and one outside the
      // workspace folders must never receive a rename's edits through a link.
      if (!kind || !entry.isFile() || folder.exclude.excludes(rel)) continue;
      listing.files.push({ file: path, uri: pathToFileURL(path).href, kind, folder });
    }
    return listing;
  }

  locate(uri: string, folders: readonly Folder[]): FileTask | undefined {
    if (!uri.startsWith('file:')) return undefined;
    const path = fileURLToPath(uri);
    const kind = kindOfFoundFile(path.split(/[\\/]/).pop() ?? '');
    if (!kind) return undefined;
    const inside = (f: Folder) => {
      const r = relative(f.path, path);
      return r !== '' && !r.startsWith('..') && !isAbsolute(r);
    };
    const folder = folders.find(inside);
    if (!folder || isSkipped(relative(folder.path, path).replace(/\\/g, '/').split('/'), folder)) return undefined;
    return { file: path, uri, kind, folder };
  }

  read(task: FileTask): string | undefined {
    try {
      const stat = lstatSync(task.file);
      if (!stat.isFile()) return undefined; // links too (see list())
      if (stat.size > MAX_FILE_BYTES) {
        this.log.debug(`workspace index: ${task.file} is over ${MAX_FILE_BYTES} bytes, skipped`);
        return undefined;
      }
      return readFileSync(task.file, 'utf8');
    } catch (err) {
      this.log.debug(withError(`workspace index: cannot read ${task.file}`, err));
      return undefined;
    }
  }
}
