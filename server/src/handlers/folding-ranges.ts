// Folding of a Dockerfile (comment blocks, multi-line instructions) from dockerfile-language-service
// (general support only).
import type { FoldingRange, FoldingRangeParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DockerfileLanguageService } from 'dockerfile-language-service';

export function foldingRanges(
  _params: FoldingRangeParams,
  doc: TextDocument,
  service: DockerfileLanguageService | undefined,
): FoldingRange[] | null {
  return service ? service.computeFoldingRanges(doc.getText()) : null;
}
