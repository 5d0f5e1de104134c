// Settings from the client, section `dockerCacheMounts`. Pulled per document with
// workspace/configuration when the client supports it, else taken from the didChangeConfiguration
// payload (or initializationOptions). Bad values are logged naming the key, and fall back.
import type { ClientCapabilities, Connection, DidChangeConfigurationParams } from 'vscode-languageserver/node';
import { normalizeSettings, type Settings } from '../core/settings';
import { DEFAULT_LOG_LEVEL, parseLogLevel, withError, type Logger } from '../log';

export const SECTION = 'dockerCacheMounts';

export class SettingsStore {
  private canPull = false;
  /** The last settings the client pushed (or sent at initialize): used when pulling is not possible. */
  private pushed: unknown;
  private pushedSettings: Settings | undefined;
  private readonly perDocument = new Map<string, Promise<Settings>>();
  /** Problems already logged since the last configuration change, so each is logged once. */
  private readonly reported = new Set<string>();

  constructor(private readonly connection: Connection, private readonly log: Logger) {}

  initialize(capabilities: ClientCapabilities, initializationOptions: unknown): void {
    this.canPull = capabilities.workspace?.configuration === true;
    const fromInit = sectionOf(initializationOptions);
    if (fromInit !== undefined) this.pushed = fromInit;
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

  /** Reads the window-wide part (the log level) right away, without waiting for a document. */
  async refreshGlobal(): Promise<void> {
    const raw = this.canPull ? await this.pull(undefined) : this.pushed;
    this.applyLogLevel(raw);
  }

  private async load(uri: string): Promise<Settings> {
    if (!this.canPull) {
      this.pushedSettings ??= this.normalize(this.pushed);
      return this.pushedSettings;
    }
    return this.normalize(await this.pull(uri));
  }

  private async pull(scopeUri: string | undefined): Promise<unknown> {
    try {
      return await this.connection.workspace.getConfiguration(scopeUri === undefined ? { section: SECTION } : { scopeUri, section: SECTION });
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

  private applyLogLevel(raw: unknown): void {
    const server = isObject(raw) ? raw.server : undefined;
    const value = isObject(server) ? server.logLevel : undefined;
    if (value === undefined) return this.log.setLevel(DEFAULT_LOG_LEVEL);
    const level = parseLogLevel(value);
    if (level) this.log.setLevel(level);
    else this.connection.console.warn(`${SECTION}.server.logLevel: must be one of error, warn, info, debug (got ${JSON.stringify(value)})`);
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
  const { server: _server, trace: _trace, ...rest } = raw;
  return rest;
}
