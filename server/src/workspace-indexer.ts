// Keeps the workspace index current: walks the workspace folders in the background (the CLI's file
// name patterns, `files.exclude`, no node_modules/.git, no file over MAX_FILE_BYTES), follows watched
// file changes and the editor's open documents (whose text wins over the disk; one over the open-document
// size cap counts as no text). Work runs in slices of at most SLICE_MS between setImmediate yields, so no
// request ever waits for indexing to finish.
// It only reads files: nothing from the workspace is executed.
import { lstatSync, readdirSync, readFileSync, type Dirent } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FileChangeType, type Connection, type FileEvent, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { documentKind, kindOfFoundFile } from './core/documents';
import { isTooLarge } from './document-size';
import { buildModel } from './core/engine';
import type { DocumentKind } from './core/types';
import { excluder, type Excluder } from './core/workspace/glob';
import { summarize } from './core/summarize';
import { uriKey } from './core/workspace/uri';
import { WorkspaceIndex } from './core/workspace/workspace-index';
import { withError, type Logger } from './log';

/** @public read by scripts/reliability-doc.mjs (through out/) */
export const MAX_FILE_BYTES = 1024 * 1024;
const SLICE_MS = 8;
const ALWAYS_SKIPPED = new Set(['node_modules', '.git']);
/** Open documents are re-indexed this long after the last keystroke (the analysis itself is not delayed). */
const OPEN_DEBOUNCE_MS = 150;
/** Index changes are announced at most this often (re-analysis of open documents). */
const CHANGED_DEBOUNCE_MS = 200;

/** The glob the client watches for us: every file name the walk picks up. */
export const WATCH_PATTERN =
  '**/{Dockerfile,Containerfile,*.Dockerfile,*.dockerfile,Dockerfile.*,Containerfile.*,devcontainer.json,.devcontainer.json}';

interface Folder {
  uri: string;
  path: string;
  exclude: Excluder;
  /** The `files.exclude` value the walk used, to see whether it changed. */
  excludeJson: string;
}

type Task =
  { dir: string; folder: Folder } | { file: string; uri: string; kind: DocumentKind; folder: Folder | undefined };

export interface IndexerOptions {
  /** Reads `files.exclude` for a folder (undefined: nothing beyond node_modules and .git). */
  readExclude?: (folderUri: string) => Promise<unknown>;
  /** Called (debounced) after the index changed in a way other files' results depend on. */
  onChanged?: () => void;
  /** Progress reporting for the initial walk (workDoneProgress), when the client supports it. */
  progress?: boolean;
}

export class WorkspaceIndexer {
  readonly index = new WorkspaceIndex();
  private folders: Folder[] = [];
  private readonly queue: Task[] = [];
  private pumping = false;
  private walkStarted = 0;
  private indexedFiles = 0;
  private readonly openTimers = new Map<string, NodeJS.Timeout>();
  private changedTimer: NodeJS.Timeout | undefined;
  private idleWaiters: (() => void)[] = [];
  private progressDone: (() => void) | undefined;
  private progressReport: ((message: string) => void) | undefined;
  private disposed = false;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly log: Logger,
    private readonly options: IndexerOptions = {},
  ) {}

  /** Report the initial walk as work-done progress (the client announced window.workDoneProgress). */
  reportProgress(enabled: boolean): void {
    this.options.progress = enabled;
  }

  /** True while files are queued. */
  get busy(): boolean {
    return this.queue.length > 0 || this.pumping;
  }

  /** Resolves when the queue is empty (tests and logs; requests never wait for it). */
  idle(): Promise<void> {
    return this.busy ? new Promise((resolve) => this.idleWaiters.push(resolve)) : Promise.resolve();
  }

  /** Is the URI inside one of the workspace folders? (Links never point out of them.) */
  contains(uri: string): boolean {
    const key = uriKey(uri);
    return this.folders.some((f) => {
      const root = uriKey(f.uri).replace(/\/$/, '');
      return key === root || key.startsWith(`${root}/`);
    });
  }

  /** Indexes these folders (file: URIs); folders no longer listed are forgotten. */
  async setFolders(uris: readonly string[]): Promise<void> {
    const wanted = uris.filter((u) => u.startsWith('file:'));
    for (const old of this.folders) {
      if (!wanted.some((u) => uriKey(u) === uriKey(old.uri))) this.removeFolder(old.uri);
    }
    const added = wanted.filter((u) => !this.folders.some((f) => uriKey(f.uri) === uriKey(u)));
    // Every folder's excludes first, so the walk of all folders is one indexing run.
    const excludes = await Promise.all(added.map((uri) => this.readExclude(uri)));
    added.forEach((uri, i) => this.startFolder(uri, excludes[i]));
  }

  async addFolder(uri: string): Promise<void> {
    this.startFolder(uri, await this.readExclude(uri));
  }

  private startFolder(uri: string, raw: unknown): void {
    let path: string;
    try {
      path = fileURLToPath(uri);
    } catch (err) {
      this.log.warn(withError(`workspace folder ${uri} is not a local path: not indexed`, err));
      return;
    }
    const folder: Folder = { uri, path, exclude: excluder(raw), excludeJson: JSON.stringify(raw ?? null) };
    this.folders.push(folder);
    if (this.queue.length === 0 && !this.pumping) {
      this.walkStarted = Date.now();
      this.indexedFiles = 0;
      this.beginProgress();
    }
    this.queue.push({ dir: path, folder });
    this.pump();
  }

  removeFolder(uri: string): void {
    this.folders = this.folders.filter((f) => uriKey(f.uri) !== uriKey(uri));
    for (let i = this.queue.length - 1; i >= 0; i--)
      if (uriKey(this.queue[i]!.folder?.uri ?? '') === uriKey(uri)) this.queue.splice(i, 1);
    if (this.index.deleteUnder(uri) > 0) this.changed();
  }

  /** The configuration changed: folders whose `files.exclude` differs are walked again. */
  async reloadExcludes(): Promise<void> {
    for (const folder of [...this.folders]) {
      const raw = await this.readExclude(folder.uri);
      if (JSON.stringify(raw ?? null) === folder.excludeJson) continue;
      this.removeFolder(folder.uri);
      this.startFolder(folder.uri, raw);
    }
  }

  /** An open document's text changed (or it was opened): re-index it from the text, debounced. */
  documentChanged(doc: TextDocument): void {
    const kind = documentKind(doc.uri, doc.languageId);
    if (!kind) return;
    const key = uriKey(doc.uri);
    clearTimeout(this.openTimers.get(key));
    if (isTooLarge(doc)) {
      // Not analysed, so not indexed either: its older text must not stand in for it.
      this.openTimers.delete(key);
      if (this.index.delete(doc.uri)) this.changed();
      return;
    }
    this.openTimers.set(
      key,
      setTimeout(() => {
        this.openTimers.delete(key);
        const latest = this.documents.get(doc.uri);
        if (latest) this.indexText(latest.uri, latest.getText(), kind, latest.version);
      }, OPEN_DEBOUNCE_MS),
    );
  }

  /** Indexes an open document's text right away (a request needs it now). */
  indexOpenNow(doc: TextDocument): void {
    const kind = documentKind(doc.uri, doc.languageId);
    if (!kind || isTooLarge(doc)) return;
    const current = this.index.file(doc.uri);
    if (current?.version === doc.version) return;
    clearTimeout(this.openTimers.get(uriKey(doc.uri)));
    this.openTimers.delete(uriKey(doc.uri));
    this.indexText(doc.uri, doc.getText(), kind, doc.version);
  }

  /** An open document was closed: the disk version counts again (or nothing, outside the folders). */
  documentClosed(uri: string): void {
    clearTimeout(this.openTimers.get(uriKey(uri)));
    this.openTimers.delete(uriKey(uri));
    const task = this.taskForUri(uri);
    if (task) this.enqueue(task);
    else if (this.index.delete(uri)) this.changed();
  }

  /** workspace/didChangeWatchedFiles. */
  filesChanged(changes: readonly FileEvent[]): void {
    for (const change of changes) {
      if (this.documents.get(change.uri)) continue; // the editor's text wins
      if (change.type === FileChangeType.Deleted) {
        if (this.index.delete(change.uri) || this.index.deleteUnder(change.uri) > 0) this.changed();
        continue;
      }
      const task = this.taskForUri(change.uri);
      if (task) this.enqueue(task);
    }
  }

  dispose(): void {
    this.disposed = true;
    this.queue.length = 0;
    for (const t of this.openTimers.values()) clearTimeout(t);
    clearTimeout(this.changedTimer);
  }

  private async readExclude(uri: string): Promise<unknown> {
    if (!this.options.readExclude) return undefined;
    try {
      return await this.options.readExclude(uri);
    } catch (err) {
      this.log.warn(withError(`reading files.exclude for ${uri} failed; indexing without it`, err));
      return undefined;
    }
  }

  /** The task that (re-)reads this URI from disk, when it lies in a folder and is not excluded. */
  private taskForUri(uri: string): Task | undefined {
    if (!uri.startsWith('file:')) return undefined;
    let path: string;
    try {
      path = fileURLToPath(uri);
    } catch {
      return undefined;
    }
    const name = path.split(/[\\/]/).pop() ?? '';
    const kind = kindOfFoundFile(name);
    if (!kind) return undefined;
    const inside = (f: Folder) => {
      const r = relative(f.path, path);
      return r !== '' && !r.startsWith('..') && !isAbsolute(r);
    };
    const folder = this.folders.find(inside);
    if (!folder) return undefined;
    const rel = relative(folder.path, path).replace(/\\/g, '/');
    const parts = rel.split('/');
    if (parts.some((p) => ALWAYS_SKIPPED.has(p))) return undefined;
    for (let i = 1; i <= parts.length; i++) if (folder.exclude.excludes(parts.slice(0, i).join('/'))) return undefined;
    return { file: path, uri, kind, folder };
  }

  private enqueue(task: Task): void {
    this.queue.push(task);
    this.pump();
  }

  private pump(): void {
    if (this.pumping || this.disposed) return;
    this.pumping = true;
    setImmediate(() => this.slice());
  }

  /** One slice of work, then a yield to the event loop (requests and notifications run in between). */
  private slice(): void {
    const end = Date.now() + SLICE_MS;
    let changed = false;
    try {
      while (this.queue.length > 0 && Date.now() < end && !this.disposed) {
        const task = this.queue.shift()!;
        if ('dir' in task) this.walk(task.dir, task.folder);
        else changed = this.indexFile(task) || changed;
      }
    } catch (err) {
      this.log.error('workspace indexing failed on one item', err);
    }
    if (changed) this.changed();
    if (this.queue.length > 0 && !this.disposed) {
      setImmediate(() => this.slice());
      return;
    }
    this.pumping = false;
    this.finished();
  }

  private walk(dir: string, folder: Folder): void {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      this.log.debug(withError(`workspace index: cannot read ${dir}`, err));
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      const rel = path.slice(folder.path.length).replace(/\\/g, '/').replace(/^\/+/, '');
      if (entry.isDirectory()) {
        // Symlinked folders are not followed (isDirectory() is false for a symlink): no loops.
        if (!ALWAYS_SKIPPED.has(entry.name) && !folder.exclude.excludes(rel)) this.queue.push({ dir: path, folder });
        continue;
      }
      const kind = kindOfFoundFile(entry.name);
      // Linked files are not indexed: the file they name is indexed where it lies, and one outside the
      // workspace folders must never receive a rename's edits through a link.
      if (!kind || !entry.isFile() || folder.exclude.excludes(rel)) continue;
      this.queue.push({ file: path, uri: pathToFileURL(path).href, kind, folder });
    }
  }

  /** Reads and indexes one file from disk; an open document is left to its text. */
  private indexFile(task: Extract<Task, { file: string }>): boolean {
    if (this.documents.get(task.uri) || this.openDocumentFor(task.uri)) return false;
    try {
      const stat = lstatSync(task.file);
      if (!stat.isFile()) return this.index.delete(task.uri); // links too (see the walk)
      if (stat.size > MAX_FILE_BYTES) {
        this.log.debug(`workspace index: ${task.file} is over ${MAX_FILE_BYTES} bytes, skipped`);
        return this.index.delete(task.uri);
      }
      const text = readFileSync(task.file, 'utf8');
      this.indexedFiles++;
      this.progressReport?.(`${this.indexedFiles} files`);
      return this.index.set(summarize(buildModel(text, task.uri, task.kind)));
    } catch (err) {
      this.log.debug(withError(`workspace index: cannot read ${task.file}`, err));
      return this.index.delete(task.uri);
    }
  }

  /** An open document whose URI is spelled differently (`%3A` vs `:`). */
  private openDocumentFor(uri: string): TextDocument | undefined {
    const key = uriKey(uri);
    return this.documents.all().find((d) => uriKey(d.uri) === key);
  }

  private indexText(uri: string, text: string, kind: DocumentKind, version: number): void {
    try {
      if (this.index.set(summarize(buildModel(text, uri, kind), version))) this.changed();
    } catch (err) {
      this.log.error(`indexing ${uri} failed`, err);
    }
  }

  private changed(): void {
    if (this.changedTimer || !this.options.onChanged) return;
    this.changedTimer = setTimeout(() => {
      this.changedTimer = undefined;
      try {
        this.options.onChanged?.();
      } catch (err) {
        this.log.error('re-analysing after a workspace change failed', err);
      }
    }, CHANGED_DEBOUNCE_MS);
  }

  private finished(): void {
    if (this.walkStarted) {
      this.log.info(`workspace index ready: ${this.index.size} files in ${Date.now() - this.walkStarted} ms`);
      this.walkStarted = 0;
      this.progressDone?.();
      this.progressDone = undefined;
      this.progressReport = undefined;
    }
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  private beginProgress(): void {
    if (!this.options.progress) return;
    let done = false;
    this.progressDone = () => {
      done = true;
    };
    this.connection.window
      .createWorkDoneProgress()
      .then((progress) => {
        progress.begin('Indexing Dockerfiles', undefined, 'workspace', false);
        if (done) {
          progress.done();
          return;
        }
        let last = 0;
        this.progressReport = (message) => {
          const now = Date.now();
          if (now - last < 250) return;
          last = now;
          progress.report(message);
        };
        this.progressDone = () => progress.done();
      })
      .catch((err) => this.log.debug(withError('progress reporting unavailable', err)));
  }
}
