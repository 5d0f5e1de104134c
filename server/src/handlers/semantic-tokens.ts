// Semantic tokens of a Dockerfile from dockerfile-language-service (general support only).
import type { SemanticTokens, SemanticTokensLegend, SemanticTokensParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DockerfileLanguageService } from 'dockerfile-language-service';

/**
 * The token types and modifiers in the order dockerfile-language-service numbers them (its TokensLegend
 * keeps them private; test/lsp/dockerfile-support.test.ts checks the numbers against its output).
 */
export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = {
  tokenTypes: [
    'keyword',
    'comment',
    'parameter',
    'property',
    'namespace',
    'class',
    'macro',
    'string',
    'variable',
    'operator',
    'modifier',
  ],
  tokenModifiers: ['declaration', 'definition', 'deprecated'],
};

export function semanticTokens(
  _params: SemanticTokensParams,
  doc: TextDocument,
  service: DockerfileLanguageService | undefined,
): SemanticTokens | null {
  return service ? service.computeSemanticTokens(doc.getText()) : null;
}
