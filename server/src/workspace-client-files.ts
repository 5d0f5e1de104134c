// The workspace index's files where the server cannot read the disk (the browser's web worker): the client
// lists them (vscode.workspace.findFiles) and reads them (vscode.workspace.fs) when asked through two
// requests. Reads asked for within one slice go out as one request.
import type { Connection } from 'vscode-languageserver';
import { kindOfFoundFile } from './core/documents';
import { uriKey } from './core/workspace/uri';
import { withError, type Logger } from './log';
import {
  isSkipped,
  MAX_FILE_BYTES,
  WATCH_PATTERN,
  type FileTask,
  type Folder,
  type IndexSource,
  type Listing,
} from './workspace-indexer';

/** Server -> client: `{ folderUri, include, exclude, maxResults }` -> the matching files' URIs. */
const FIND_FILES_REQUEST = 'dockerCacheMounts/findFiles';
/** Server -> client: `{ uris, maxBytes }` -> each file's text, or null (missing, unreadable, over maxBytes). */
const READ_FILES_REQUEST = 'dockerCacheMounts/readFiles';
/** Files listed per folder at most (findFiles needs a bound; the walk under Node has none). */
const MAX_LISTED_FILES = 20_000;

interface PendingRead {
  uri: string;
  resolve: (text: string | undefined) => void;
}

export class ClientFiles implements IndexSource {
  private batch: PendingRead[] = [];

  constructor(
    private readonly connection: Connection,
    private readonly log: Logger,
  ) {}

  root(folderUri: string): string {
    return folderUri;
  }

  async list(_dir: string, folder: Folder): Promise<Listing> {
    const uris = await this.connection.sendRequest<unknown>(FIND_FILES_REQUEST, {
      folderUri: folder.uri,
      include: WATCH_PATTERN,
      // Not walked at all; files.exclude is applied here (isSkipped), as under Node.
      exclude: '**/{node_modules,.git}/**',
      maxResults: MAX_LISTED_FILES,
    });
    const list = Array.isArray(uris) ? uris.filter((u): u is string => typeof u === 'string') : [];
    if (list.length >= MAX_LISTED_FILES) this.log.warn(`workspace index: only the first ${MAX_LISTED_FILES} files`);
    const files = list.sort().flatMap((uri) => this.locate(uri, [folder]) ?? []);
    return { dirs: [], files };
  }

  locate(uri: string, folders: readonly Folder[]): FileTask | undefined {
    const key = uriKey(uri).split(/[?#]/)[0]!;
    for (const folder of folders) {
      const root = uriKey(folder.uri).replace(/\/$/, '');
      if (!key.startsWith(`${root}/`)) continue;
      const parts = key.slice(root.length + 1).split('/');
      const kind = kindOfFoundFile(parts[parts.length - 1] ?? '');
      if (!kind || isSkipped(parts, folder)) return undefined;
      return { file: uri, uri, kind, folder };
    }
    return undefined;
  }

  read(task: FileTask): Promise<string | undefined> {
    return new Promise((resolve) => {
      this.batch.push({ uri: task.uri, resolve });
      if (this.batch.length === 1) setTimeout(() => this.flush(), 0);
    });
  }

  private flush(): void {
    const batch = this.batch;
    this.batch = [];
    this.connection
      .sendRequest<unknown>(READ_FILES_REQUEST, { uris: batch.map((b) => b.uri), maxBytes: MAX_FILE_BYTES })
      .then(
        (texts) => batch.forEach((b, i) => b.resolve(Array.isArray(texts) ? textAt(texts, i) : undefined)),
        (err: unknown) => {
          this.log.warn(withError(`workspace index: the editor could not read ${batch.length} file(s)`, err));
          for (const b of batch) b.resolve(undefined);
        },
      );
  }
}

function textAt(texts: unknown[], i: number): string | undefined {
  const text = texts[i];
  return typeof text === 'string' ? text : undefined;
}
