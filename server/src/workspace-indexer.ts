// Keeps the workspace index current: walks the workspace folders in the background (the CLI's file
// name patterns, `files.exclude`, no node_modules/.git, no file over MAX_FILE_BYTES), follows watched
// file changes and the editor's open documents (whose text wins over the disk; one over the open-document
// size cap counts as no text). Work runs in slices of at most SLICE_MS between yields to the event loop, so
// no request ever waits for indexing to finish. Where files come from is an IndexSource: the disk under Node
// (workspace-disk.ts), the editor in the browser (workspace-client-files.ts), whose answers arrive later:
// at most MAX_PENDING of those are in flight at once.
// It only reads files: nothing from the workspace is executed.
import { FileChangeType, type Connection, type FileEvent, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { documentKind } from './core/documents';
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
/** Source answers in flight at most (the browser source asks for them in one batch per slice). */
const MAX_PENDING = 64;
const ALWAYS_SKIPPED = new Set(['node_modules', '.git']);
/** Open documents are re-indexed this long after the last keystroke (the analysis itself is not delayed). */
const OPEN_DEBOUNCE_MS = 150;
/** Index changes are announced at most this often (re-analysis of open documents). */
const CHANGED_DEBOUNCE_MS = 200;
/**
 * While the folders are first walked, changes are announced at most this often, and once more when the
 * walk ends: every announcement re-analyses every open document (500 open beside a 2,000-file walk took
 * 9-14 s to diagnose, re-analysed every 200 ms). An opened document's own diagnostics never wait for it.
 */
const WALK_CHANGED_DEBOUNCE_MS = 2000;

/** The glob the client watches for us: every file name the walk picks up. */
export const WATCH_PATTERN =
  '**/{Dockerfile,Containerfile,*.Dockerfile,*.dockerfile,Dockerfile.*,Containerfile.*,devcontainer.json,.devcontainer.json}';

export interface Folder {
  uri: string;
  /** Where the source lists it from (a filesystem path under Node, the URI in the browser). */
  path: string;
  exclude: Excluder;
  /** The `files.exclude` value the walk used, to see whether it changed. */
  excludeJson: string;
}

/** A file to read: `file` is where the source reads it from (a path, or the URI). */
export interface FileTask {
  file: string;
  uri: string;
  kind: DocumentKind;
  folder: Folder | undefined;
}

/** One directory's entries: directories to list next and files to read, in name order. */
export interface Listing {
  dirs: string[];
  files: FileTask[];
}

/** A directory to list, a file to read, or a file's text that arrived from the source. */
type Task = { dir: string; folder: Folder } | FileTask | (FileTask & { text: string });

/** Where the index reads files. A source may answer later (a Promise): the indexer bounds how many are pending. */
export interface IndexSource {
  /** Where to list a workspace folder from; throws when this source cannot read it. */
  root(folderUri: string): string;
  list(dir: string, folder: Folder): Listing | Promise<Listing>;
  /** The file behind a changed URI, when a walk would pick it up (inside a folder, not excluded). */
  locate(uri: string, folders: readonly Folder[]): FileTask | undefined;
  /** The text, or undefined when the file is gone, no regular file, or over MAX_FILE_BYTES. */
  read(file: FileTask): string | undefined | Promise<string | undefined>;
}

/** Skipped by every walk: node_modules and .git anywhere, and what `files.exclude` names (any prefix of the path). */
export function isSkipped(relParts: readonly string[], folder: Folder): boolean {
  if (relParts.some((p) => ALWAYS_SKIPPED.has(p))) return true;
  for (let i = 1; i <= relParts.length; i++) if (folder.exclude.excludes(relParts.slice(0, i).join('/'))) return true;
  return false;
}

export interface IndexerOptions {
  /** Reads `files.exclude` for a folder (undefined: nothing beyond node_modules and .git). */
  readExclude?: (folderUri: string) => Promise<unknown>;
  /** Called (debounced) after the index changed in a way other files' results depend on. */
  onChanged?: () => void;
  /** Progress reporting for the initial walk (workDoneProgress), when the client supports it. */
  progress?: boolean;
  /** Runs the next slice after a yield (setImmediate under Node; a zero timeout otherwise). */
  defer?: (next: () => void) => void;
}

export class WorkspaceIndexer {
  readonly index = new WorkspaceIndex();
  private folders: Folder[] = [];
  private readonly queue: Task[] = [];
  private pumping = false;
  private walkStarted = 0;
  /** Open documents by uriKey (documentChanged/documentClosed keep it), to find one spelled differently. */
  private readonly openByKey = new Map<string, string>();
  private indexedFiles = 0;
  private pending = 0;
  private readonly openTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private changedTimer: ReturnType<typeof setTimeout> | undefined;
  private idleWaiters: (() => void)[] = [];
  private progressDone: (() => void) | undefined;
  private progressReport: ((message: string) => void) | undefined;
  private disposed = false;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly log: Logger,
    private readonly source: IndexSource,
    private readonly options: IndexerOptions = {},
  ) {}

  /** Report the initial walk as work-done progress (the client announced window.workDoneProgress). */
  reportProgress(enabled: boolean): void {
    this.options.progress = enabled;
  }

  /** True while files are queued. */
  get busy(): boolean {
    return this.queue.length > 0 || this.pumping || this.pending > 0;
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

  /** Indexes these folders; folders no longer listed are forgotten. */
  async setFolders(uris: readonly string[]): Promise<void> {
    const wanted = uris.filter((u) => this.readable(u));
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

  /** Can the source read this folder? (Under Node: file: URIs only.) */
  private readable(uri: string): boolean {
    try {
      this.source.root(uri);
      return true;
    } catch {
      return false;
    }
  }

  private startFolder(uri: string, raw: unknown): void {
    let path: string;
    try {
      path = this.source.root(uri);
    } catch (err) {
      this.log.warn(withError(`workspace folder ${uri} cannot be read: not indexed`, err));
      return;
    }
    const folder: Folder = { uri, path, exclude: excluder(raw), excludeJson: JSON.stringify(raw ?? null) };
    this.folders.push(folder);
    if (!this.busy) {
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
    const key = uriKey(doc.uri);
    this.openByKey.set(key, doc.uri);
    const kind = documentKind(doc.uri, doc.languageId);
    if (!kind) return;
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
    const key = uriKey(uri);
    if (this.openByKey.get(key) === uri) this.openByKey.delete(key);
    clearTimeout(this.openTimers.get(key));
    this.openTimers.delete(key);
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

  /** The task that (re-)reads this URI, when it lies in a folder and is not excluded. */
  private taskForUri(uri: string): FileTask | undefined {
    try {
      return this.source.locate(uri, this.folders);
    } catch {
      return undefined;
    }
  }

  private enqueue(task: Task): void {
    this.queue.push(task);
    this.pump();
  }

  private pump(): void {
    if (this.pumping || this.disposed) return;
    this.pumping = true;
    this.defer(() => this.slice());
  }

  private defer(next: () => void): void {
    (this.options.defer ?? ((f) => setTimeout(f, 0)))(next);
  }

  /** One slice of work, then a yield to the event loop (requests and notifications run in between). */
  private slice(): void {
    const end = Date.now() + SLICE_MS;
    let changed = false;
    try {
      while (this.queue.length > 0 && Date.now() < end && !this.disposed && this.pending < MAX_PENDING) {
        const task = this.queue.shift()!;
        if ('dir' in task)
          this.settle(this.source.list(task.dir, task.folder), (l) => this.queueListing(l, task.folder));
        else if ('text' in task) changed = this.indexRead(task.uri, task.kind, task.text) || changed;
        else changed = this.indexFile(task) || changed;
      }
    } catch (err) {
      this.log.error('workspace indexing failed on one item', err);
    }
    if (changed) this.changed();
    if (this.queue.length > 0 && !this.disposed && this.pending < MAX_PENDING) {
      this.defer(() => this.slice());
      return;
    }
    this.pumping = false;
    // Work still pending pumps again when it is answered.
    if (this.queue.length === 0 && this.pending === 0) this.finished();
  }

  /** Uses a source's answer now, or when it arrives (then the queue runs again). */
  private settle<T>(answer: T | Promise<T>, use: (value: T) => void): void {
    if (!(answer instanceof Promise)) {
      use(answer);
      return;
    }
    this.pending++;
    answer
      .then(use, (err: unknown) => this.log.debug(withError('workspace index: reading the workspace failed', err)))
      .finally(() => {
        this.pending--;
        this.pump();
      });
  }

  private queueListing(listing: Listing, folder: Folder): void {
    for (const dir of listing.dirs) this.queue.push({ dir, folder });
    this.queue.push(...listing.files);
  }

  /** Reads and indexes one file; an open document is left to its text. Text that arrives later is queued. */
  private indexFile(task: FileTask): boolean {
    if (this.documents.get(task.uri) || this.openDocumentFor(task.uri)) return false;
    const answer = this.source.read(task);
    if (!(answer instanceof Promise))
      return answer === undefined ? this.index.delete(task.uri) : this.indexRead(task.uri, task.kind, answer);
    this.settle(answer, (text) => {
      if (text !== undefined) this.queue.push({ ...task, text });
      else if (this.index.delete(task.uri)) this.changed();
    });
    return false;
  }

  /** Indexes a file's text as read from the workspace, unless the document was opened meanwhile. */
  private indexRead(uri: string, kind: DocumentKind, text: string): boolean {
    if (this.documents.get(uri) || this.openDocumentFor(uri)) return false;
    try {
      this.indexedFiles++;
      this.progressReport?.(`${this.indexedFiles} files`);
      return this.index.set(summarize(buildModel(text, uri, kind)));
    } catch (err) {
      this.log.debug(withError(`workspace index: cannot index ${uri}`, err));
      return this.index.delete(uri);
    }
  }

  /** An open document whose URI is spelled differently (`%3A` vs `:`). */
  private openDocumentFor(uri: string): TextDocument | undefined {
    const open = this.openByKey.get(uriKey(uri));
    return open === undefined ? undefined : this.documents.get(open);
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
    this.changedTimer = setTimeout(
      () => this.announceChanges(),
      this.walkStarted ? WALK_CHANGED_DEBOUNCE_MS : CHANGED_DEBOUNCE_MS,
    );
  }

  private announceChanges(): void {
    clearTimeout(this.changedTimer);
    this.changedTimer = undefined;
    try {
      this.options.onChanged?.();
    } catch (err) {
      this.log.error('re-analysing after a workspace change failed', err);
    }
  }

  private finished(): void {
    if (this.walkStarted) {
      this.log.info(`workspace index ready: ${this.index.size} files in ${Date.now() - this.walkStarted} ms`);
      this.walkStarted = 0;
      // The changes the walk made are announced now, not after the walk's longer delay.
      if (this.changedTimer) this.announceChanges();
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
