// The `.cache-mounts.json` of a document: the nearest one from the document's own folder up to its workspace
// folder (common/config-lookup.ts, the search the CLI does up to the repository root). Each is read from disk (file:
// folders only) once per change, its problems logged naming the key and shown once in a warning message.
// Documents outside every workspace folder get no file.
import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { configSearchDirs } from '../common/config-lookup';
import { fileURLToPath } from 'node:url';
import { MessageType, ShowMessageNotification, type Connection } from 'vscode-languageserver';
import { CONFIG_FILE_NAME, parseConfigFile, type ConfigFile } from '../core/config';
import type { ConfigFileLookup } from './configuration';
import { withError, type Logger } from '../log';

function trimSlash(uri: string): string {
  return uri.endsWith('/') ? uri.slice(0, -1) : uri;
}

function isConfigFileUri(uri: string): boolean {
  return trimSlash(uri).endsWith(`/${CONFIG_FILE_NAME}`);
}

export class ConfigFiles implements ConfigFileLookup {
  /** Folder URIs without a trailing slash, longest first (nested folders win). */
  private folders: string[] = [];
  /** By directory (a filesystem path): its file, or undefined when it has none. */
  private readonly byFolder = new Map<string, Promise<ConfigFile | undefined>>();
  /** Problems already shown in a warning message, until the file changes. */
  private readonly shown = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly log: Logger,
  ) {}

  setFolders(uris: readonly string[]): void {
    this.folders = [...new Set(uris.map(trimSlash))].sort((a, b) => b.length - a.length);
    this.byFolder.clear();
  }

  updateFolders(added: readonly string[], removed: readonly string[]): void {
    const gone = new Set(removed.map(trimSlash));
    this.setFolders([...this.folders.filter((f) => !gone.has(f)), ...added]);
  }

  /** Forgets what was read; true when one of the URIs is a configuration file. */
  changed(uris: readonly string[]): boolean {
    if (!uris.some(isConfigFileUri)) return false;
    this.byFolder.clear();
    this.shown.clear();
    return true;
  }

  folderOf(uri: string): string | undefined {
    return this.folders.find((f) => uri === f || uri.startsWith(`${f}/`));
  }

  /** The file that applies to a document (the nearest up to its workspace folder), if any. Never rejects. */
  async forDocument(uri: string): Promise<ConfigFile | undefined> {
    const folder = this.folderOf(uri);
    if (!folder || !folder.startsWith('file:') || !uri.startsWith('file:')) return undefined;
    let dirs: string[];
    try {
      dirs = configSearchDirs(dirname(fileURLToPath(uri)), fileURLToPath(folder));
    } catch {
      return undefined;
    }
    for (const dir of dirs) {
      let file = this.byFolder.get(dir);
      if (!file) {
        file = this.read(dir);
        this.byFolder.set(dir, file);
      }
      const found = await file;
      if (found) return found;
    }
    return undefined;
  }

  /** The `.cache-mounts.json` in one directory (a filesystem path), or undefined when there is none. */
  private async read(dir: string): Promise<ConfigFile | undefined> {
    let path: string;
    let text: string;
    try {
      path = join(dir, CONFIG_FILE_NAME);
      // A link to /dev/zero or a FIFO would never finish reading: only a regular file of sane size is read.
      const info = await stat(path);
      if (!info.isFile() || info.size > 1024 * 1024) {
        this.log.warn(`${path} is not a regular file of at most 1 MB; using the editor settings`);
        return undefined;
      }
      text = await readFile(path, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException | undefined)?.code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR')
        this.log.warn(withError(`reading ${CONFIG_FILE_NAME} in ${dir} failed; using the editor settings`, err));
      return undefined;
    }
    const file = parseConfigFile(text);
    this.log.info(`read ${path}${file.problems.length ? ` (${file.problems.length} problem(s))` : ''}`);
    const lines = file.problems.map(
      (p) => `${path}: ${p.key}: ${p.message}${p.key === '(file)' ? '' : '; using the default'}`,
    );
    for (const line of lines) this.log.warn(line);
    const fresh = lines.filter((l) => !this.shown.has(l));
    if (fresh.length > 0) {
      for (const l of fresh) this.shown.add(l);
      const more = fresh.length > 1 ? ` (and ${fresh.length - 1} more problem(s); see the output)` : '';
      // A notification, not window/showMessageRequest: nothing waits for the user.
      this.connection
        .sendNotification(ShowMessageNotification.type, {
          type: MessageType.Warning,
          message: `Docker Cache Mounts: ${fresh[0]}${more}`,
        })
        .catch((err) => this.log.warn(withError('showing the configuration warning failed', err)));
    }
    return file;
  }
}
