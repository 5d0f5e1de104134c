// Formatting a Dockerfile, whole or a range, with dockerfile-utils' formatter (general support only).
import type {
  DocumentFormattingParams,
  DocumentRangeFormattingParams,
  FormattingOptions,
  TextEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DockerfileLanguageService } from 'dockerfile-language-service';

/** The editor's indentation; a client that sends no options gets four spaces. */
function settingsOf(options: FormattingOptions | undefined) {
  return {
    tabSize: typeof options?.tabSize === 'number' ? options.tabSize : 4,
    insertSpaces: options?.insertSpaces !== false,
    ignoreMultilineInstructions: false,
  };
}

export function formatDocument(
  params: DocumentFormattingParams,
  doc: TextDocument,
  service: DockerfileLanguageService | undefined,
): TextEdit[] | null {
  return service ? service.format(doc.getText(), settingsOf(params.options)) : null;
}

export function formatRange(
  params: DocumentRangeFormattingParams,
  doc: TextDocument,
  service: DockerfileLanguageService | undefined,
): TextEdit[] | null {
  return service ? service.formatRange(doc.getText(), params.range, settingsOf(params.options)) : null;
}
