// A Dockerfile in the editor: the diagnostic on open, the hover card, a quick fix, live re-lint while typing.
// The tests are the steps of one editing session of `Dockerfile`, in order.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { applyQuickFix, codeOf, diagnosticsWhere, hasCode, lacksCode, open, ours, withCode } from './helpers';

suite('Dockerfile', () => {
  test('on open, the id-less uv cache mount is CM001, a hint on `type=cache`', async () => {
    const editor = await open('Dockerfile');
    const ds = ours(await diagnosticsWhere(editor.document.uri, hasCode('CM001')));
    assert.deepEqual(ds.map(codeOf), ['CM001']);
    const d = withCode(ds, 'CM001');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Hint);
    assert.deepEqual(
      [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
      [4, 12, 4, 22],
    );
    assert.equal(editor.document.getText(d.range), 'type=cache');
    assert.equal(d.message, "No id: the uv cache is keyed by the target '/cache/uv'.");
  });

  test('the hover on the mount is the cache key card in markdown', async () => {
    const editor = await open('Dockerfile');
    const position = new vscode.Position(4, editor.document.lineAt(4).text.indexOf('type=cache') + 2);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      editor.document.uri,
      position,
    );
    const markdown = hovers.flatMap((h) => h.contents).filter((c) => c instanceof vscode.MarkdownString);
    const text = markdown.map((m) => m.value).join('\n');
    assert.match(text, /^### Cache mount — implicit `\/cache\/uv`$/m);
    assert.match(text, /^\*\*Other cache mounts in this file:\*\* none\.$/m);
  });

  test('the quick fix "Add id=uv-cache" edits the mount, and CM001 goes away', async () => {
    const editor = await open('Dockerfile');
    const uri = editor.document.uri;
    const d = withCode(await diagnosticsWhere(uri, hasCode('CM001')), 'CM001');
    await applyQuickFix(uri, d.range, 'Add id=uv-cache');
    assert.equal(
      editor.document.getText(),
      [
        '# syntax=docker/dockerfile:1',
        'FROM python:3.12-slim',
        'ENV UV_LINK_MODE=copy UV_CACHE_DIR=/cache/uv',
        'WORKDIR /app',
        'RUN --mount=type=cache,id=uv-cache,target=/cache/uv uv sync',
        '',
      ].join('\n'),
    );
    const after = await diagnosticsWhere(uri, lacksCode('CM001'));
    assert.deepEqual(ours(after), []);
  });

  test('typing a second uv mount without the id is reported while typing', async () => {
    const editor = await open('Dockerfile');
    const uri = editor.document.uri;
    await diagnosticsWhere(uri, (ds) => ours(ds).length === 0);
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    assert.ok(await editor.edit((b) => b.insert(end, 'RUN --mount=type=cache,target=/cache/uv uv pip install ruff\n')));
    const ds = ours(await diagnosticsWhere(uri, hasCode('CM001')));
    const d = withCode(ds, 'CM001');
    assert.equal(d.range.start.line, 5);
    assert.equal(editor.document.getText(d.range), 'type=cache');
  });
});
