// Extension entry point on desktop and remote (Node): activate and deactivate only.
import type { ExtensionContext } from 'vscode';
import { activateWith, deactivateClient } from './activate';
import { createClient } from './client';
import { registerInspect } from './inspect/register';

export function activate(context: ExtensionContext): Promise<void> {
  return activateWith(
    context,
    (output) => createClient(context, output),
    (_client, output) => registerInspect(context, output),
  );
}

export function deactivate(): Promise<void> {
  return deactivateClient();
}
