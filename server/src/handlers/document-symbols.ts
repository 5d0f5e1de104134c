// The outline of a Dockerfile (stages, instructions) from dockerfile-language-service (general support only).
import type { DocumentSymbolParams, SymbolInformation } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DockerfileLanguageService } from 'dockerfile-language-service';

export function documentSymbols(
  params: DocumentSymbolParams,
  doc: TextDocument,
  service: DockerfileLanguageService | undefined,
): SymbolInformation[] | null {
  return service ? service.computeSymbols(params.textDocument, doc.getText()) : null;
}
