// The documents the server analyses. No `scheme`: untitled and virtual (non-file) documents count too.
// Plain filters, assignable to both vscode's and the language client's DocumentSelector.
export const DOCUMENT_SELECTOR = [
  { language: 'dockerfile' },
  { language: 'jsonc', pattern: '**/.devcontainer/**/devcontainer.json' },
  // Any language id: the file may be open as json, jsonc or plain text.
  { pattern: '**/.devcontainer.json' },
  { pattern: '**/devcontainer.json' },
];
