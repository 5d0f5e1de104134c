// General Dockerfile support (instructions, flags, symbols, folding, formatting, semantic tokens,
// dockerfile-utils' validation) from dockerfile-language-service, for an editor with no other Dockerfile
// server. Off unless the client says `dockerfileSupport: "on"`: the VS Code client resolves `auto` (on
// when no Docker DX, Container Tools or legacy Docker extension is installed); a standalone client
// (Neovim...) opts in, since the server cannot see which other servers the editor runs.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ClientCapabilities } from 'vscode-languageserver';
import type { DockerfileLanguageService } from 'dockerfile-language-service';
import type * as Library from 'dockerfile-language-service';

/** What the server uses of the library's module. */
export type DockerfileLibrary = Pick<typeof Library, 'DockerfileLanguageServiceFactory'>;
import { AnalysisCache } from './analysis-cache';
import type { Logger } from './log';

export class DockerfileService {
  private enabled = false;
  private service: DockerfileLanguageService | undefined;
  private capabilities: ClientCapabilities | undefined;

  /** `load` gives the library (the Node entry requires it on first use; server.ts). */
  constructor(
    private readonly log: Logger,
    private readonly load: () => DockerfileLibrary,
  ) {}

  /** What the client can show: snippet completions, markdown hovers, line-only folding. */
  setClientCapabilities(capabilities: ClientCapabilities): void {
    this.capabilities = capabilities;
    if (this.service) applyCapabilities(this.service, capabilities);
  }

  /**
   * The library, loaded on first use: its bundled code (~0.7 MB with dockerfile-utils) costs start-up time
   * and memory that a server with general support off (the standalone default, or beside a Docker extension)
   * never needs.
   */
  private languageService(): DockerfileLanguageService {
    if (!this.service) {
      const service = this.load().DockerfileLanguageServiceFactory.createLanguageService();
      service.setLogger({ log: (message) => this.log.debug(`dockerfile-language-service: ${message}`) });
      if (this.capabilities) applyCapabilities(service, this.capabilities);
      this.service = service;
    }
    return this.service;
  }

  get on(): boolean {
    return this.enabled;
  }

  set on(value: boolean) {
    this.enabled = value;
  }

  /**
   * The language service for this document: a Dockerfile under the size cap while support is on;
   * undefined otherwise (devcontainer.json, other files, oversized documents, support off).
   */
  for(doc: TextDocument | undefined): DockerfileLanguageService | undefined {
    if (!this.enabled || !doc || AnalysisCache.analysable(doc) !== 'dockerfile') return undefined;
    return this.languageService();
  }
}

function applyCapabilities(service: DockerfileLanguageService, capabilities: ClientCapabilities): void {
  const text = capabilities.textDocument;
  service.setCapabilities({
    ...(text?.completion ? { completion: text.completion } : {}),
    ...(text?.hover?.contentFormat ? { hover: { contentFormat: text.hover.contentFormat } } : {}),
    ...(text?.foldingRange ? { foldingRange: text.foldingRange } : {}),
  });
}
