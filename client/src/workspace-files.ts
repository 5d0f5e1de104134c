// In the browser the server cannot read the disk: it asks the client to list the workspace's Dockerfiles
// (vscode.workspace.findFiles) and read them (vscode.workspace.fs), which works for every file system the
// editor has (vscode-vfs:// on github.dev, vscode-remote://, file://). The server says what to list and the
// size limit; a file that is missing, no regular file, too large or unreadable is answered with null.
import { FileType, RelativePattern, Uri, workspace, type Disposable } from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { FIND_FILES_REQUEST, READ_FILES_REQUEST } from './constants';

interface FindParams {
  folderUri: string;
  include: string;
  exclude: string;
  maxResults: number;
}

interface ReadParams {
  uris: string[];
  maxBytes: number;
}

function isFindParams(p: unknown): p is FindParams {
  const o = p as Partial<FindParams> | null;
  return (
    typeof o?.folderUri === 'string' &&
    typeof o.include === 'string' &&
    typeof o.exclude === 'string' &&
    typeof o.maxResults === 'number'
  );
}

function isReadParams(p: unknown): p is ReadParams {
  const o = p as Partial<ReadParams> | null;
  return Array.isArray(o?.uris) && o.uris.every((u) => typeof u === 'string') && typeof o.maxBytes === 'number';
}

async function findFiles(params: unknown): Promise<string[]> {
  if (!isFindParams(params)) return [];
  const pattern = new RelativePattern(Uri.parse(params.folderUri), params.include);
  const found = await workspace.findFiles(pattern, params.exclude, params.maxResults);
  return found.map((u) => u.toString());
}

const decoder = new TextDecoder('utf-8');

async function readOne(uri: string, maxBytes: number): Promise<string | null> {
  try {
    const target = Uri.parse(uri);
    const stat = await workspace.fs.stat(target);
    if (stat.type !== FileType.File || stat.size > maxBytes) return null;
    return decoder.decode(await workspace.fs.readFile(target));
  } catch {
    return null;
  }
}

async function readFiles(params: unknown): Promise<(string | null)[]> {
  if (!isReadParams(params)) return [];
  return Promise.all(params.uris.map((uri) => readOne(uri, params.maxBytes)));
}

export function serveWorkspaceFiles(client: BaseLanguageClient): Disposable[] {
  return [client.onRequest(FIND_FILES_REQUEST, findFiles), client.onRequest(READ_FILES_REQUEST, readFiles)];
}
