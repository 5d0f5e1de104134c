// The language server in a browser's web worker (vscode.dev, github.dev, Codespaces in the browser): the
// same wiring as under Node (language-server.ts) over the worker's messages. The workspace's files come
// from the client (workspace-client-files.ts); `.cache-mounts.json` files and docker (resolveImages) are
// not read here.
import {
  BrowserMessageReader,
  BrowserMessageWriter,
  createConnection,
  ProposedFeatures,
} from 'vscode-languageserver/browser';
import { startServer, type ImageResolver } from '../language-server';
import { Logger } from '../log';
import { ClientFiles } from '../workspace-client-files';

declare const self: DedicatedWorkerGlobalScope;

const connection = createConnection(
  ProposedFeatures.all,
  new BrowserMessageReader(self),
  new BrowserMessageWriter(self),
);
const log = new Logger(connection);

// A rejected promise must not go unnoticed: logged, as under Node.
self.addEventListener('unhandledrejection', (e) => log.error('unhandled rejection', e.reason));

const noImages: ImageResolver = {
  active: false,
  configure: (resolveImages) => {
    if (resolveImages) log.warn('dockerCacheMounts.resolveImages needs docker: not available in the browser');
  },
  setTrusted: () => undefined,
  settingsFor: (_uri, base) => base,
  analysed: () => undefined,
  forget: () => undefined,
  dispose: () => undefined,
};

startServer(connection, log, {
  files: new ClientFiles(connection, log),
  configFiles: {
    setFolders: () => undefined,
    updateFolders: () => undefined,
    changed: () => false,
    forDocument: () => Promise.resolve(undefined),
  },
  images: () => noImages,
  readText: () => undefined,
  fileExists: () => false,
  defer: (next) => setTimeout(next, 0),
});
