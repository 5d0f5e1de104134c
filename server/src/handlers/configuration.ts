// Settings from the client, section `dockerCacheMounts`. Pulled per document with
// workspace/configuration when the client supports it, else taken from the didChangeConfiguration
// payload (or initializationOptions). Bad values are logged naming the key, and fall back.
// On top: `.cache-mounts.json` at the root of the document's workspace folder (its keys win; see
// core/config.ts), re-read when the client reports the file changed.
import type {
  ClientCapabilities,
  Connection,
  DidChangeConfigurationParams,
  WorkspaceFolder,
} from 'vscode-languageserver';
import { mergeSettings, type ConfigFile } from '../core/config';
import { normalizeSettings, type Settings } from '../core/settings';
import { DEFAULT_LOG_LEVEL, parseLogLevel, withError, type Logger } from '../log';

const SECTION = 'dockerCacheMounts';

/** The `.cache-mounts.json` files of the workspace folders (config-files.ts under Node; none in the browser). */
export interface ConfigFileLookup {
  setFolders(uris: readonly string[]): void;
  updateFolders(added: readonly string[], removed: readonly string[]): void;
  /** Forgets what was read; true when one of the URIs is a configuration file. */
  changed(uris: readonly string[]): boolean;
  /** The file that applies to a document, if any. Never rejects. */
  forDocument(uri: string): Promise<ConfigFile | undefined>;
}

export class SettingsStore {
  private canPull = false;
  /** The last settings the client pushed (or sent at initialize): used when pulling is not possible. */
  private pushed: unknown;
  private pushedSettings: Settings | undefined;
  private readonly perDocument = new Map<string, Promise<Settings>>();
  /** Problems already logged since the last configuration change, so each is logged once. */
  private readonly reported = new Set<string>();
  private resolveImagesSetting = false;

  constructor(
    private readonly connection: Connection,
    private readonly log: Logger,
    readonly files: ConfigFileLookup,
  ) {}

  initialize(
    capabilities: ClientCapabilities,
    initializationOptions: unknown,
    folders?: readonly WorkspaceFolder[] | null,
    rootUri?: string | null,
  ): void {
    this.canPull = capabilities.workspace?.configuration === true;
    const fromInit = sectionOf(initializationOptions);
    if (fromInit !== undefined) this.pushed = fromInit;
    this.files.setFolders(folders?.map((f) => f.uri) ?? (rootUri ? [rootUri] : []));
  }

  /** A `.cache-mounts.json` (or the workspace folders) changed: every document's settings are re-read. */
  configFilesChanged(): void {
    this.pushedSettings = undefined;
    this.perDocument.clear();
  }

  get supportsPull(): boolean {
    return this.canPull;
  }

  /** Settings for one document. Never rejects. */
  get(uri: string): Promise<Settings> {
    let settings = this.perDocument.get(uri);
    if (!settings) {
      settings = this.load(uri);
      this.perDocument.set(uri, settings);
    }
    return settings;
  }

  forget(uri: string): void {
    this.perDocument.delete(uri);
  }

  /** Call on workspace/didChangeConfiguration; afterwards every document's settings are re-read. */
  changed(params: DidChangeConfigurationParams): void {
    const pushed = sectionOf(params?.settings);
    if (pushed !== undefined) this.pushed = pushed;
    this.pushedSettings = undefined;
    this.perDocument.clear();
    this.reported.clear();
  }

  /** Reads the window-wide part (the log level, resolveImages) right away, without waiting for a document. */
  async refreshGlobal(): Promise<void> {
    const raw = this.canPull ? await this.pull(undefined) : this.pushed;
    this.applyLogLevel(raw);
    this.applyResolveImages(raw);
  }

  /** `dockerCacheMounts.resolveImages` (window scope, editor only) as of the last refreshGlobal. */
  get resolveImages(): boolean {
    return this.resolveImagesSetting;
  }

  private async load(uri: string): Promise<Settings> {
    const file: ConfigFile | undefined = await this.files.forDocument(uri);
    if (!this.canPull) {
      this.pushedSettings ??= this.normalize(this.pushed);
      return mergeSettings(this.pushedSettings, file);
    }
    return mergeSettings(this.normalize(await this.pull(uri)), file);
  }

  private async pull(scopeUri: string | undefined): Promise<unknown> {
    try {
      return await this.connection.workspace.getConfiguration(
        scopeUri === undefined ? { section: SECTION } : { scopeUri, section: SECTION },
      );
    } catch (err) {
      this.log.warn(withError('workspace/configuration failed; using the last pushed settings', err));
      return this.pushed;
    }
  }

  private normalize(raw: unknown): Settings {
    this.applyLogLevel(raw);
    const { settings, problems } = normalizeSettings(analysisPart(raw));
    for (const p of problems) {
      const line = `${SECTION}.${p.key}: ${p.message}; using the default`;
      if (this.reported.has(line)) continue;
      this.reported.add(line);
      this.connection.console.warn(line);
    }
    return settings;
  }

  private applyResolveImages(raw: unknown): void {
    const value = isObject(raw) ? raw.resolveImages : undefined;
    if (value === undefined || value === null) this.resolveImagesSetting = false;
    else if (typeof value === 'boolean') this.resolveImagesSetting = value;
    else {
      this.resolveImagesSetting = false;
      this.connection.console.warn(
        `${SECTION}.resolveImages: must be true or false (got ${JSON.stringify(value)}); using the default`,
      );
    }
  }

  private applyLogLevel(raw: unknown): void {
    const server = isObject(raw) ? raw.server : undefined;
    const value = isObject(server) ? server.logLevel : undefined;
    if (value === undefined) return this.log.setLevel(DEFAULT_LOG_LEVEL);
    const level = parseLogLevel(value);
    if (level) this.log.setLevel(level);
    else
      this.connection.console.warn(
        `${SECTION}.server.logLevel: must be one of error, warn, info, debug (got ${JSON.stringify(value)})`,
      );
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{ dockerCacheMounts: {...} }` -> its content; anything else -> undefined. */
function sectionOf(payload: unknown): unknown {
  return isObject(payload) && SECTION in payload ? payload[SECTION] : undefined;
}

/** The raw section without the client/server-process keys that are not analysis settings. */
function analysisPart(raw: unknown): unknown {
  if (!isObject(raw)) return raw;
  const {
    server: _server,
    trace: _trace,
    resolveImages: _resolveImages,
    dockerfileSupport: _dockerfileSupport,
    ...rest
  } = raw;
  return rest;
}
