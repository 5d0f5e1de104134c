// What the extension-host tests do through the vscode API: open fixture files, wait for diagnostics, apply
// code actions, change settings. Shared by every *.test.ts of this folder.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const TIMEOUT = 30_000;

function workspaceFile(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the fixture folder is open');
  return vscode.Uri.joinPath(folder.uri, relative);
}

export async function open(relative: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(relative));
  return vscode.window.showTextDocument(doc);
}

export const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
export const ours = (ds: readonly vscode.Diagnostic[]) => ds.filter((d) => d.source === 'docker-cache-mounts');
export const hasCode = (code: string) => (ds: readonly vscode.Diagnostic[]) => ds.some((d) => codeOf(d) === code);
export const lacksCode = (code: string) => (ds: readonly vscode.Diagnostic[]) => !ds.some((d) => codeOf(d) === code);

/** The first diagnostic with `code`; fails the test when there is none. */
export function withCode(ds: readonly vscode.Diagnostic[], code: string): vscode.Diagnostic {
  const d = ds.find((x) => codeOf(x) === code);
  assert.ok(d, `no ${code} among ${JSON.stringify(ds)}`);
  return d;
}

/** Resolves with the diagnostics of `uri` once `accept` holds for them (checked on every change). */
export function diagnosticsWhere(
  uri: vscode.Uri,
  accept: (d: readonly vscode.Diagnostic[]) => boolean,
): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const d = vscode.languages.getDiagnostics(uri);
      if (!accept(d)) return;
      sub.dispose();
      clearTimeout(timer);
      resolve(d);
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      sub.dispose();
      const now = JSON.stringify(vscode.languages.getDiagnostics(uri));
      reject(new Error(`diagnostics of ${uri.toString()} never matched; now: ${now}`));
    }, TIMEOUT);
    check();
  });
}

/**
 * Applies the code action titled `title` that the providers offer for `range`, as the light bulb would.
 * The request carries the diagnostics the workbench's marker service holds for the range, and those reach it
 * from this extension host a moment after getDiagnostics() shows them (the server answers a request without
 * diagnostics with no quick fix): so it asks again until the action is offered, no event tells when.
 */
export async function applyQuickFix(uri: vscode.Uri, range: vscode.Range, title: string): Promise<void> {
  const deadline = Date.now() + TIMEOUT;
  let titles: string[] = [];
  for (;;) {
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      range,
    );
    titles = actions.map((a) => a.title);
    const action = actions.find((a) => a.title === title);
    if (action) {
      if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), 'the edit applies');
      if (action.command) {
        await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
      }
      return;
    }
    assert.ok(Date.now() < deadline, `no code action "${title}"; offered: ${titles.join(' | ')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Sets a setting in the workspace folder's settings (undefined removes it). */
export async function setSetting(section: string, key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration(section).update(key, value, vscode.ConfigurationTarget.Workspace);
}
