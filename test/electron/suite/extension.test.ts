// The e2e scenarios through the VS Code API, inside a real extension host: diagnostics, hovers, code actions.
// The workspace is a copy of test/e2e/fixtures/workspace (run-test.ts opens it).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const TIMEOUT = 30_000;

function workspaceFile(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the fixture folder is open');
  return vscode.Uri.joinPath(folder.uri, relative);
}

/** Resolves with the diagnostics of `uri` once `accept` holds for them (checks on every change). */
function diagnosticsWhere(
  uri: vscode.Uri,
  accept: (d: readonly vscode.Diagnostic[]) => boolean,
): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const d = vscode.languages.getDiagnostics(uri);
      if (!accept(d)) return false;
      sub.dispose();
      clearTimeout(timer);
      resolve(d);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(
        new Error(
          `diagnostics of ${uri.fsPath} never matched; now: ${JSON.stringify(vscode.languages.getDiagnostics(uri))}`,
        ),
      );
    }, TIMEOUT);
    check();
  });
}

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
const hasCode = (code: string) => (ds: readonly vscode.Diagnostic[]) => ds.some((d) => codeOf(d) === code);
const lacksCode = (code: string) => (ds: readonly vscode.Diagnostic[]) => !ds.some((d) => codeOf(d) === code);

async function open(relative: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(relative));
  return vscode.window.showTextDocument(doc);
}

async function applyQuickFix(uri: vscode.Uri, range: vscode.Range, title: string): Promise<void> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    uri,
    range,
  );
  const action = actions.find((a) => a.title === title);
  assert.ok(action, `no code action "${title}"; offered: ${actions.map((a) => a.title).join(' | ')}`);
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), 'the edit applies');
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

suite('Docker Cache Mounts in the extension host', () => {
  test('an id-less uv cache mount is reported as CM001 at the mount', async () => {
    const editor = await open('Dockerfile');
    const ds = await diagnosticsWhere(editor.document.uri, hasCode('CM001'));
    const d = ds.find((x) => codeOf(x) === 'CM001')!;
    assert.equal(d.severity, vscode.DiagnosticSeverity.Information);
    assert.equal(d.range.start.line, 4);
    assert.match(d.message, /^No id\b/);
  });

  test('the hover on the mount is the cache key card', async () => {
    const editor = await open('Dockerfile');
    const line = editor.document.lineAt(4).text;
    const position = new vscode.Position(4, line.indexOf('type=cache') + 2);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      editor.document.uri,
      position,
    );
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /Cache mount — implicit `\/cache\/uv`/);
  });

  test('"Add id=uv-cache" edits the mount and CM001 goes away', async () => {
    const editor = await open('Dockerfile');
    const uri = editor.document.uri;
    const d = (await diagnosticsWhere(uri, hasCode('CM001'))).find((x) => codeOf(x) === 'CM001')!;
    await applyQuickFix(uri, d.range, 'Add id=uv-cache');
    assert.equal(editor.document.lineAt(4).text, 'RUN --mount=type=cache,id=uv-cache,target=/cache/uv uv sync');
    await diagnosticsWhere(uri, lacksCode('CM001'));
  });

  test('typing a new mount updates the diagnostics', async () => {
    const editor = await open('Dockerfile');
    const uri = editor.document.uri;
    await diagnosticsWhere(uri, lacksCode('CM001'));
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    await editor.edit((b) =>
      b.insert(end, 'RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\n'),
    );
    const ds = await diagnosticsWhere(uri, hasCode('CM001'));
    assert.match(ds.find((x) => codeOf(x) === 'CM001')!.message, /Add id=pip-cache/);
  });

  test('"Standardize UV_CACHE_DIR" adds the ENV and the ${UV_CACHE_DIR} target', async () => {
    const editor = await open('home.Dockerfile');
    const uri = editor.document.uri;
    const d = (await diagnosticsWhere(uri, hasCode('CM003'))).find((x) => codeOf(x) === 'CM003')!;
    await applyQuickFix(uri, d.range, 'Standardize UV_CACHE_DIR');
    const text = editor.document.getText();
    assert.match(text, /^ENV UV_CACHE_DIR=\/cache\/uv$/m);
    assert.match(text, /^RUN --mount=type=cache,id=uv-cache,target=\$\{UV_CACHE_DIR\} uv sync$/m);
  });

  test('the CM101 bind fix rewrites the devcontainer.json mount and keeps the comments', async () => {
    const editor = await open('.devcontainer/devcontainer.json');
    const uri = editor.document.uri;
    const d = (await diagnosticsWhere(uri, hasCode('CM101'))).find((x) => codeOf(x) === 'CM101')!;
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    await applyQuickFix(uri, d.range, 'Replace with a bind mount of the host uv cache (UV_CACHE_DIR=/uvcache)');
    const text = editor.document.getText();
    assert.match(text, /"source=\$\{localEnv:UV_CACHE_DIR\},target=\/uvcache,type=bind[^"]*"/);
    assert.match(text, /"UV_CACHE_DIR": "\/uvcache"/);
    assert.match(text, /\/\/ A BuildKit cache mount does not exist/);
    assert.match(text, /\/\* the cache to keep \*\//);
    await diagnosticsWhere(uri, lacksCode('CM101'));
  });
});
