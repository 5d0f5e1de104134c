// The language server's wiring, the same under Node (server.ts) and in a browser's web worker
// (browser-server.ts): what differs between the two comes in as a Platform.
import { ClampedTextDocument } from './document-sync';
import {
  CodeActionRequest,
  CompletionRequest,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentFormattingRequest,
  DocumentLinkRequest,
  DocumentRangeFormattingRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  InlayHintRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  SemanticTokensRequest,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
  type ProtocolRequestType,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DockerfileLanguageService } from 'dockerfile-language-service';
import { AnalysisCache } from './analysis-cache';
import { AnalysisPriority } from './analysis-priority';
import { CONFIG_FILE_NAME } from './core/config';
import type { AnyModel } from './core/model';
import type { Settings } from './core/settings';
import { CODE_ACTION_KINDS, codeActions } from './handlers/code-actions';
import { SettingsStore, type ConfigFileLookup } from './handlers/configuration';
import { DiagnosticsPublisher, generalDiagnostics } from './handlers/diagnostics';
import { generalHover, hover, mergeHovers } from './handlers/hover';
import { completion, COMPLETION_TRIGGERS, generalCompletions, mergeCompletions } from './handlers/completion';
import { DOCKERFILE_SUPPORT_NOTIFICATION, DockerfileSupport } from './handlers/dockerfile-support';
import { documentSymbols } from './handlers/document-symbols';
import { foldingRanges } from './handlers/folding-ranges';
import { formatDocument, formatRange } from './handlers/formatting';
import { semanticTokens } from './handlers/semantic-tokens';
import type { DockerfileService } from './dockerfile-service';
import { documentLinks, type FileExists } from './handlers/document-links';
import { InlayHintSettings, inlayHints } from './handlers/inlay-hints';
import { references } from './handlers/references';
import { prepareRename, rename, type ReadText } from './handlers/rename';
import { WATCH_PATTERN, WorkspaceIndexer, type IndexSource } from './workspace-indexer';
import { withError, type Logger } from './log';
import {
  anyParams,
  hasPosition,
  hasRange,
  hasTextDocument,
  isCodeActionParams,
  isRenameParams,
  RequestGate,
  type Check,
} from './request-gate';

/** The browser client's heartbeat (client/src/worker-client.ts): any answer shows the worker is alive. */
const PING_REQUEST = 'dockerCacheMounts/ping';

/** Sent by the VS Code client when the user trusts the workspace: `{ trusted: true }`. */
const WORKSPACE_TRUST_NOTIFICATION = 'dockerCacheMounts/didChangeWorkspaceTrust';

/** `dockerCacheMounts.resolveImages` (local-images.ts under Node). */
export interface ImageResolver {
  readonly active: boolean;
  configure(resolveImages: boolean): void;
  setTrusted(trusted: boolean): void;
  settingsFor(uri: string, base: Settings): Settings;
  analysed(uri: string, model: AnyModel | undefined): void;
  forget(uri: string): void;
  dispose(): void;
}

/** What the server reads and runs where it is: the disk and docker under Node, the editor in the browser. */
export interface Platform {
  /** The workspace index's files. */
  files: IndexSource;
  configFiles: ConfigFileLookup;
  images(hooks: { log: Logger; onResolved(uris: string[]): void }): ImageResolver;
  /** A file that is not open, for rename. */
  readText: ReadText;
  /** A file outside the index, for document links. */
  fileExists: FileExists;
  /** Runs the next slice of indexing after a yield to the event loop. */
  defer(next: () => void): void;
  /**
   * General Dockerfile support (dockerfile-language-service), under Node only: the library asks Docker Hub
   * for image tags through Node's https (which the server never lets it do, see handlers/completion.ts).
   */
  dockerfileService?(log: Logger): DockerfileService;
}

export function startServer(connection: Connection, log: Logger, platform: Platform): void {
  const documents = new TextDocuments(ClampedTextDocument);
  const priority = new AnalysisPriority((next) => platform.defer(next));
  // The workspace index (cross-file results, references, rename): filled in the background.
  const indexer = new WorkspaceIndexer(connection, documents, log, platform.files, {
    defer: (next) => priority.defer(next),
    readExclude: (scopeUri) =>
      settings.supportsPull
        ? connection.workspace.getConfiguration({ scopeUri, section: 'files.exclude' })
        : Promise.resolve(undefined),
    onChanged: () => void diagnostics.validateAll(),
  });
  const cache = new AnalysisCache(log, {
    view: indexer.index,
    generationFor: (uri) => indexer.index.generationFor(uri),
  });
  const inlaySettings = new InlayHintSettings(connection);
  let workspaceFolderUris: string[] = [];
  let documentChangesSupported = false;
  const settings = new SettingsStore(connection, log, platform.configFiles);
  // `dockerCacheMounts.resolveImages`: what docker says of the FROM images present locally, put before
  // each document's own `images` rules. Every analysis reads its settings through analysisSettings.
  const localImages = platform.images({
    log,
    onResolved: (uris) => {
      for (const uri of uris) void diagnostics.validate(uri);
    },
  });
  const analysisSettings = {
    get: async (uri: string) => localImages.settingsFor(uri, await settings.get(uri)),
  };
  // General Dockerfile support (dockerfile-language-service), when the platform has it and the client turns it on.
  const dockerfile = platform.dockerfileService?.(log);
  const diagnostics = new DiagnosticsPublisher(
    connection,
    documents,
    cache,
    analysisSettings,
    log,
    (uri, analysis) => localImages.analysed(uri, analysis?.model),
    (doc) => {
      try {
        return generalDiagnostics(doc, dockerfile?.for(doc));
      } catch (err) {
        log.error(`dockerfile-utils' validation of ${doc.uri} failed`, err);
        return [];
      }
    },
  );
  const dockerfileSupport = dockerfile
    ? new DockerfileSupport(connection, dockerfile, log, () => void diagnostics.republishAll())
    : undefined;
  let registerConfigurationChange = false;
  let registerFileWatcher = false;
  let watchFolders = false;

  const gate = new RequestGate();

  /** Registers a request handler behind the gate (request-gate.ts). */
  function serve<P, R, PR, RO>(
    type: ProtocolRequestType<P, R, PR, void, RO>,
    check: Check,
    handler: (params: P) => Promise<R>,
  ): void {
    connection.onRequest(type, gate.guard(type.method, check, handler));
  }

  connection.onInitialize((params): InitializeResult => {
    gate.open();
    const capabilities = params.capabilities ?? {};
    settings.initialize(capabilities, params.initializationOptions, params.workspaceFolders, params.rootUri);
    localImages.setTrusted(workspaceTrusted(params.initializationOptions));
    registerConfigurationChange = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    registerFileWatcher = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    watchFolders = capabilities.workspace?.workspaceFolders === true;
    workspaceFolderUris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    documentChangesSupported = capabilities.workspace?.workspaceEdit?.documentChanges === true;
    inlaySettings.initialize(capabilities.workspace?.configuration === true, params.initializationOptions);
    indexer.reportProgress(capabilities.window?.workDoneProgress === true);
    const general = dockerfileSupport?.initialize(capabilities, params.initializationOptions) ?? {};
    return {
      capabilities: {
        ...general,
        ...(watchFolders ? { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } } : {}),
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS, resolveProvider: false },
        hoverProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        completionProvider: { triggerCharacters: COMPLETION_TRIGGERS, resolveProvider: false },
        inlayHintProvider: { resolveProvider: false },
        documentLinkProvider: { resolveProvider: false },
      },
      serverInfo: { name: 'docker-cache-mounts' },
    };
  });

  connection.onInitialized(() => {
    dockerfileSupport?.initialized();
    if (registerConfigurationChange) {
      connection.client
        .register(DidChangeConfigurationNotification.type, undefined)
        .catch((err) => log.warn(withError('registering for configuration changes failed', err)));
    }
    if (registerFileWatcher) {
      // `.cache-mounts.json` edits change results live (the client watches, the server re-reads).
      connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/${CONFIG_FILE_NAME}` }] })
        .catch((err) => log.warn(withError(`watching ${CONFIG_FILE_NAME} failed`, err)));
      // Dockerfiles and devcontainer.json files keep the workspace index current.
      connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: WATCH_PATTERN }] })
        .catch((err) => log.warn(withError('watching Dockerfiles failed', err)));
    }
    if (watchFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        settings.files.updateFolders(
          e.added.map((f) => f.uri),
          e.removed.map((f) => f.uri),
        );
        reanalyseAfterConfigFileChange();
        for (const f of e.removed) indexer.removeFolder(f.uri);
        for (const f of e.added) void indexer.addFolder(f.uri);
      });
    }
    // Never awaited: indexing runs in slices between requests.
    indexer.setFolders(workspaceFolderUris).catch((err) => log.error('indexing the workspace failed', err));
    settings
      .refreshGlobal()
      .then(() => {
        log.info(
          `docker-cache-mounts server ready (log level ${log.getLevel()}, settings ${settings.supportsPull ? 'pulled' : 'pushed'})`,
        );
        localImages.configure(settings.resolveImages);
      })
      .catch((err) => log.error('reading settings failed', err));
  });

  /** The client's `initializationOptions.workspaceTrusted`; a client that does not say (no trust concept) is trusted. */
  function workspaceTrusted(initializationOptions: unknown): boolean {
    const value =
      typeof initializationOptions === 'object' && initializationOptions !== null
        ? (initializationOptions as Record<string, unknown>).workspaceTrusted
        : undefined;
    return value !== false;
  }

  connection.onNotification(WORKSPACE_TRUST_NOTIFICATION, (params: unknown) => {
    const trusted =
      typeof params === 'object' && params !== null ? (params as Record<string, unknown>).trusted : undefined;
    if (typeof trusted !== 'boolean') return;
    const wasActive = localImages.active;
    localImages.setTrusted(trusted);
    // Losing trust drops the image rules at once; gaining it re-publishes once docker has answered.
    if (wasActive && !localImages.active)
      diagnostics.validateAll().catch((err) => log.error('re-analysing after a workspace trust change failed', err));
  });

  connection.onNotification(DOCKERFILE_SUPPORT_NOTIFICATION, (params: unknown) => dockerfileSupport?.changed(params));

  connection.onRequest(PING_REQUEST, () => true);

  connection.onShutdown(() => gate.refuse('shutdown', undefined, anyParams) ?? localImages.dispose());

  connection.onDidChangeConfiguration((params) => {
    settings.changed(params);
    inlaySettings.changed(params?.settings);
    indexer.reloadExcludes().catch((err) => log.error('re-reading files.exclude failed', err));
    cache.clear();
    settings
      .refreshGlobal()
      .then(() => {
        localImages.configure(settings.resolveImages);
        return diagnostics.validateAll();
      })
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
    indexer.filesChanged(params?.changes ?? []);
  });

  // Fires for didOpen as well as didChange.
  documents.onDidChangeContent((e) => {
    priority.track(diagnostics.validate(e.document.uri));
    indexer.documentChanged(e.document);
  });
  documents.onDidClose((e) => {
    indexer.documentClosed(e.document.uri);
    cache.delete(e.document.uri);
    settings.forget(e.document.uri);
    localImages.forget(e.document.uri);
    diagnostics.clear(e.document.uri);
  });

  // Handlers are registered with onRequest: the onHover-style helpers read the params before the gate could check them.
  serve(CodeActionRequest.type, isCodeActionParams, async (params) => {
    try {
      const doc = documents.get(params.textDocument.uri);
      if (!doc || !AnalysisCache.analysable(doc)) return [];
      const current = await analysisSettings.get(doc.uri);
      const latest = documents.get(doc.uri);
      return latest ? codeActions(params, latest, current, { cache, log, workspace: indexer.index }) : [];
    } catch (err) {
      log.error(`code actions for ${params.textDocument.uri} failed`, err);
      return [];
    }
  });

  serve(HoverRequest.type, hasPosition, async (params) => {
    try {
      const doc = documents.get(params.textDocument.uri);
      if (!doc || !AnalysisCache.analysable(doc)) return null;
      const current = await analysisSettings.get(doc.uri);
      const latest = documents.get(doc.uri);
      if (!latest) return null;
      return mergeHovers(
        hover(params, latest, current, cache, log, indexer.index),
        generalHover(params, latest, dockerfile?.for(latest)),
      );
    } catch (err) {
      log.error(`hover for ${params.textDocument.uri} failed`, err);
      return null;
    }
  });

  /** The open document (latest version), its settings and its analysis model; undefined for other files and oversized ones. */
  async function openModel(uri: string) {
    const doc = documents.get(uri);
    if (!doc || !AnalysisCache.analysable(doc)) return undefined;
    const current = await analysisSettings.get(uri);
    const latest = documents.get(uri);
    return latest ? { doc: latest, settings: current, model: cache.get(latest, current)?.model } : undefined;
  }

  /** Open documents the index follows (Dockerfiles and devcontainer.json under the size cap). */
  function openDocuments() {
    return documents.all().filter((d) => AnalysisCache.analysable(d) !== undefined);
  }

  serve(ReferencesRequest.type, hasPosition, async (params) => {
    try {
      const open = await openModel(params.textDocument.uri);
      return open ? references(params, open.doc, open.model, indexer, openDocuments()) : [];
    } catch (err) {
      log.error(`references in ${params.textDocument.uri} failed`, err);
      return [];
    }
  });

  // Rename errors are ResponseErrors with a message the editor shows; they are not logged as failures.
  serve(PrepareRenameRequest.type, hasPosition, async (params) => {
    const open = await openModel(params.textDocument.uri);
    return open ? prepareRename(params, open.doc, open.model, indexer, openDocuments()) : null;
  });

  serve(RenameRequest.type, isRenameParams, async (params) => {
    const open = await openModel(params.textDocument.uri);
    return open
      ? rename(params, open.doc, open.model, indexer, openDocuments(), documentChangesSupported, platform.readText)
      : null;
  });

  serve(CompletionRequest.type, hasPosition, async (params) => {
    try {
      const open = await openModel(params.textDocument.uri);
      if (!open) return [];
      const ours = completion(params, open.doc, open.model, open.settings, indexer.index);
      return mergeCompletions(ours, await generalCompletions(params, open.doc, dockerfile?.for(open.doc)));
    } catch (err) {
      log.error(`completion in ${params.textDocument.uri} failed`, err);
      return [];
    }
  });

  serve(InlayHintRequest.type, hasRange, async (params) => {
    try {
      if (!(await inlaySettings.implicitIdEnabled(params.textDocument.uri))) return [];
      const open = await openModel(params.textDocument.uri);
      return open ? inlayHints(params, open.doc, open.model) : [];
    } catch (err) {
      log.error(`inlay hints in ${params.textDocument.uri} failed`, err);
      return [];
    }
  });

  serve(DocumentLinkRequest.type, hasTextDocument, async (params) => {
    try {
      const open = await openModel(params.textDocument.uri);
      return open
        ? documentLinks(
            params,
            open.doc,
            open.model,
            indexer.index,
            (uri) => indexer.contains(uri),
            (uri) => indexer.index.has(uri) || platform.fileExists(uri),
          )
        : [];
    } catch (err) {
      log.error(`document links in ${params.textDocument.uri} failed`, err);
      return [];
    }
  });

  /** A request of general Dockerfile support only: null while it is off or for other files. */
  function serveGeneral<P extends { textDocument: { uri: string } }, R, PR, RO>(
    type: ProtocolRequestType<P, R | null, PR, void, RO>,
    check: Check,
    handler: (params: P, doc: TextDocument, service: DockerfileLanguageService | undefined) => R | null,
  ): void {
    serve(type, check, (params) => {
      const doc = documents.get(params.textDocument.uri);
      try {
        return Promise.resolve(doc ? handler(params, doc, dockerfile?.for(doc)) : null);
      } catch (err) {
        log.error(`${type.method} for ${params.textDocument.uri} failed`, err);
        return Promise.resolve(null);
      }
    });
  }

  serveGeneral(DocumentSymbolRequest.type, hasTextDocument, documentSymbols);
  serveGeneral(FoldingRangeRequest.type, hasTextDocument, foldingRanges);
  serveGeneral(DocumentFormattingRequest.type, hasTextDocument, formatDocument);
  serveGeneral(DocumentRangeFormattingRequest.type, hasRange, formatRange);
  serveGeneral(SemanticTokensRequest.type, hasTextDocument, semanticTokens);

  documents.listen(connection);
  connection.listen();
}
