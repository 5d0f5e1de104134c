// The language server: wiring only. Also the standalone bin `docker-cache-mounts-server`
// (transport from the command line: --stdio, --node-ipc, --socket=N; stdio when none is given).
import {
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache } from './analysis-cache';
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

// A notification handler that rejects must never end the process.
process.on('unhandledRejection', (reason) => log.error('unhandled rejection', reason));
process.on('uncaughtException', (err) => log.error('uncaught exception', err));

connection.onInitialize((params): InitializeResult => {
  const capabilities = params.capabilities ?? {};
  settings.initialize(capabilities, params.initializationOptions);
  registerConfigurationChange = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
  return {
    capabilities: {
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
