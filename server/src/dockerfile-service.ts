// General Dockerfile support (instructions, flags, symbols, folding, formatting, semantic tokens,
// dockerfile-utils' validation) from dockerfile-language-service, for an editor with no other Dockerfile
// server. Off unless the client says `dockerfileSupport: "on"`: the VS Code client resolves `auto` (on
// when no Docker DX, Container Tools or legacy Docker extension is installed); a standalone client
// (Neovim...) opts in, since the server cannot see which other servers the editor runs.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ClientCapabilities } from 'vscode-languageserver';
import { DockerfileLanguageServiceFactory, type DockerfileLanguageService } from 'dockerfile-language-service';
import { AnalysisCache } from './analysis-cache';
import type { Logger } from './log';

export class DockerfileService {
  private enabled = false;
  private readonly service: DockerfileLanguageService = DockerfileLanguageServiceFactory.createLanguageService();

  constructor(log: Logger) {
    this.service.setLogger({ log: (message) => log.debug(`dockerfile-language-service: ${message}`) });
  }

  /** What the client can show: snippet completions, markdown hovers, line-only folding. */
  setClientCapabilities(capabilities: ClientCapabilities): void {
    const text = capabilities.textDocument;
    this.service.setCapabilities({
      ...(text?.completion ? { completion: text.completion } : {}),
      ...(text?.hover?.contentFormat ? { hover: { contentFormat: text.hover.contentFormat } } : {}),
      ...(text?.foldingRange ? { foldingRange: text.foldingRange } : {}),
    });
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
    return this.service;
  }
}
