// The language server: wiring only. Also the standalone bin `docker-cache-mounts-server`
// (transport from the command line: --stdio, --node-ipc, --socket=N; stdio when none is given).
import {
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache } from './analysis-cache';
import { CONFIG_FILE_NAME } from './core/config';
import { CODE_ACTION_KINDS, codeActions } from './handlers/codeActions';
import { SettingsStore } from './handlers/configuration';
import { DiagnosticsPublisher } from './handlers/diagnostics';
import { hover } from './handlers/hover';
import { Logger, withError } from './log';

const TRANSPORT_FLAGS = ['--stdio', '--node-ipc', '--socket', '--pipe'];
const hasTransportFlag = process.argv.some((a) => TRANSPORT_FLAGS.some((f) => a === f || a.startsWith(`${f}=`)));
const connection: Connection = hasTransportFlag
  ? createConnection(ProposedFeatures.all)
  : createConnection(ProposedFeatures.all, process.stdin, process.stdout);

const log = new Logger(connection);
const documents = new TextDocuments(TextDocument);
const cache = new AnalysisCache(log);
const settings = new SettingsStore(connection, log);
const diagnostics = new DiagnosticsPublisher(connection, documents, cache, settings, log);
let registerConfigurationChange = false;
let registerFileWatcher = false;
let watchFolders = false;

// A notification handler that rejects must never end the process.
process.on('unhandledRejection', (reason) => log.error('unhandled rejection', reason));
process.on('uncaughtException', (err) => log.error('uncaught exception', err));

connection.onInitialize((params): InitializeResult => {
  const capabilities = params.capabilities ?? {};
  settings.initialize(capabilities, params.initializationOptions, params.workspaceFolders, params.rootUri);
  registerConfigurationChange = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
  registerFileWatcher = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  watchFolders = capabilities.workspace?.workspaceFolders === true;
  return {
    capabilities: {
      ...(watchFolders ? { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } } : {}),
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS, resolveProvider: false },
      hoverProvider: true,
    },
    serverInfo: { name: 'docker-cache-mounts' },
  };
});

connection.onInitialized(() => {
  if (registerConfigurationChange) {
    connection.client.register(DidChangeConfigurationNotification.type, undefined)
      .catch((err) => log.warn(withError('registering for configuration changes failed', err)));
  }
  if (registerFileWatcher) {
    // `.cache-mounts.json` edits change results live (the client watches, the server re-reads).
    connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/${CONFIG_FILE_NAME}` }] })
      .catch((err) => log.warn(withError(`watching ${CONFIG_FILE_NAME} failed`, err)));
  }
  if (watchFolders) {
    connection.workspace.onDidChangeWorkspaceFolders((e) => {
      settings.files.updateFolders(e.added.map((f) => f.uri), e.removed.map((f) => f.uri));
      reanalyseAfterConfigFileChange();
    });
  }
  settings.refreshGlobal()
    .then(() => log.info(`docker-cache-mounts server ready (log level ${log.getLevel()}, settings ${settings.supportsPull ? 'pulled' : 'pushed'})`))
    .catch((err) => log.error('reading settings failed', err));
});

connection.onDidChangeConfiguration((params) => {
  settings.changed(params);
  cache.clear();
  settings.refreshGlobal()
    .then(() => diagnostics.validateAll())
    .catch((err) => log.error('re-analysing after a configuration change failed', err));
});

function reanalyseAfterConfigFileChange(): void {
  settings.configFilesChanged();
  cache.clear();
  diagnostics.validateAll().catch((err) => log.error(`re-analysing after a ${CONFIG_FILE_NAME} change failed`, err));
}

// Sent for the watcher registered above, or by clients that watch on their own.
connection.onDidChangeWatchedFiles((params) => {
  if (settings.files.changed((params?.changes ?? []).map((c) => c.uri))) reanalyseAfterConfigFileChange();
});

// Fires for didOpen as well as didChange.
documents.onDidChangeContent((e) => void diagnostics.validate(e.document.uri));
documents.onDidClose((e) => {
  cache.delete(e.document.uri);
  settings.forget(e.document.uri);
  diagnostics.clear(e.document.uri);
});

connection.onCodeAction(async (params) => {
  try {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !AnalysisCache.kindOf(doc)) return [];
    const current = await settings.get(doc.uri);
    const latest = documents.get(doc.uri);
    return latest ? codeActions(params, latest, current, { cache, log }) : [];
  } catch (err) {
    log.error(`code actions for ${params.textDocument.uri} failed`, err);
    return [];
  }
});

connection.onHover(async (params) => {
  try {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !AnalysisCache.kindOf(doc)) return null;
    const current = await settings.get(doc.uri);
    const latest = documents.get(doc.uri);
    return latest ? hover(params, latest, current, cache, log) : null;
  } catch (err) {
    log.error(`hover for ${params.textDocument.uri} failed`, err);
    return null;
  }
});

documents.listen(connection);
connection.listen();
