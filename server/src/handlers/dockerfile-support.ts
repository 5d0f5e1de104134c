// Turns general Dockerfile support (dockerfile-service.ts) on and off for real. The features only it
// provides (symbols, folding, formatting, semantic tokens) are registered dynamically, for Dockerfiles
// only, while it is on, and unregistered when it goes off: an editor then has no second formatter to
// ask about, no empty outline and no empty semantic tokens hiding another extension's. A server that only
// answered empty would stay listed as a formatter, and VS Code takes the first semantic tokens answer.
// Clients without dynamic registration get the features statically when support is on at initialize,
// answered with null while it is off. Completion, hover and diagnostics are ours anyway: theirs are merged
// into ours while on (completion.ts, hover.ts, diagnostics.ts).
import {
  DocumentFormattingRequest,
  DocumentRangeFormattingRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  SemanticTokensRegistrationType,
  type ClientCapabilities,
  type Connection,
  type Disposable,
  type ServerCapabilities,
  type TextDocumentClientCapabilities,
} from 'vscode-languageserver';
import type { DockerfileService } from '../dockerfile-service';
import { withError, type Logger } from '../log';
import { SEMANTIC_TOKENS_LEGEND } from './semantic-tokens';

/** Client -> server when the resolved setting changes: `{ dockerfileSupport: "on" | "off" }`. */
export const DOCKERFILE_SUPPORT_NOTIFICATION = 'dockerCacheMounts/didChangeDockerfileSupport';

/** `{ dockerfileSupport: "on" }` (or `true`) turns it on; anything else, `auto` included, is off. */
function readDockerfileSupport(options: unknown): boolean {
  if (typeof options !== 'object' || options === null) return false;
  const value = (options as Record<string, unknown>).dockerfileSupport;
  return value === 'on' || value === true;
}

const DOCUMENT_SELECTOR = [{ language: 'dockerfile' }];

interface Feature {
  capability: keyof TextDocumentClientCapabilities;
  static: ServerCapabilities;
  register(connection: Connection): Promise<Disposable>;
}

const FEATURES: readonly Feature[] = [
  {
    capability: 'documentSymbol',
    static: { documentSymbolProvider: true },
    register: (c) => c.client.register(DocumentSymbolRequest.type, { documentSelector: DOCUMENT_SELECTOR }),
  },
  {
    capability: 'foldingRange',
    static: { foldingRangeProvider: true },
    register: (c) => c.client.register(FoldingRangeRequest.type, { documentSelector: DOCUMENT_SELECTOR }),
  },
  {
    capability: 'formatting',
    static: { documentFormattingProvider: true },
    register: (c) => c.client.register(DocumentFormattingRequest.type, { documentSelector: DOCUMENT_SELECTOR }),
  },
  {
    capability: 'rangeFormatting',
    static: { documentRangeFormattingProvider: true },
    register: (c) => c.client.register(DocumentRangeFormattingRequest.type, { documentSelector: DOCUMENT_SELECTOR }),
  },
  {
    capability: 'semanticTokens',
    static: { semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true } },
    register: (c) =>
      c.client.register(SemanticTokensRegistrationType.type, {
        documentSelector: DOCUMENT_SELECTOR,
        legend: SEMANTIC_TOKENS_LEGEND,
        full: true,
      }),
  },
];

export class DockerfileSupport {
  /** Features the client registers dynamically; the others were announced (or not) at initialize. */
  private readonly dynamic: Feature[] = [];
  private registrations: Promise<Disposable | undefined>[] = [];

  constructor(
    private readonly connection: Connection,
    private readonly service: DockerfileService,
    private readonly log: Logger,
    /** Called after a switch: diagnostics are published again with or without dockerfile-utils' findings. */
    private readonly onSwitched: () => void,
  ) {}

  /** At initialize: the capabilities to announce statically (for clients without dynamic registration). */
  initialize(capabilities: ClientCapabilities, initializationOptions: unknown): ServerCapabilities {
    this.service.setClientCapabilities(capabilities);
    this.service.on = readDockerfileSupport(initializationOptions);
    let announced: ServerCapabilities = {};
    for (const f of FEATURES) {
      const client = capabilities.textDocument?.[f.capability] as { dynamicRegistration?: boolean } | undefined;
      if (client?.dynamicRegistration === true) this.dynamic.push(f);
      else if (this.service.on) announced = { ...announced, ...f.static };
    }
    return announced;
  }

  /** After `initialized`: registers the dynamic features if support is on. */
  initialized(): void {
    if (this.service.on) this.registerAll();
    this.log.info(`general Dockerfile support (dockerfile-language-service) is ${this.service.on ? 'on' : 'off'}`);
  }

  /** The client's `dockerfileSupport` changed (the setting, or a Dockerfile extension installed or removed). */
  changed(params: unknown): void {
    const on = readDockerfileSupport(params);
    if (on === this.service.on) return;
    this.service.on = on;
    if (on) this.registerAll();
    else this.unregisterAll();
    this.log.info(`general Dockerfile support (dockerfile-language-service) turned ${on ? 'on' : 'off'}`);
    this.onSwitched();
  }

  private registerAll(): void {
    this.registrations = this.dynamic.map((f) =>
      f.register(this.connection).catch((err: unknown) => {
        this.log.warn(withError(`registering ${f.capability} failed`, err));
        return undefined;
      }),
    );
  }

  private unregisterAll(): void {
    const pending = this.registrations;
    this.registrations = [];
    for (const r of pending) {
      r.then((d) => d?.dispose()).catch((err: unknown) => this.log.warn(withError('unregistering failed', err)));
    }
  }
}
