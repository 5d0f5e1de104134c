// devcontainer.json: a type=cache mount (Docker rejects it at run time) is CM101, and the bind fix rewrites the
// mount and containerEnv in place, keeping the comments.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { applyQuickFix, codeOf, diagnosticsWhere, hasCode, lacksCode, open, ours, withCode } from './helpers';

suite('devcontainer.json', () => {
  test('the CM101 bind fix rewrites the mount and sets UV_CACHE_DIR', async () => {
    const editor = await open('.devcontainer/devcontainer.json');
    const uri = editor.document.uri;
    const ds = ours(await diagnosticsWhere(uri, hasCode('CM101')));
    assert.deepEqual(ds.map(codeOf), ['CM101']);
    const d = withCode(ds, 'CM101');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(editor.document.getText(d.range), 'type=cache');
    assert.equal(d.range.start.line, 5);

    await applyQuickFix(uri, d.range, 'Replace with a bind mount of the host uv cache (UV_CACHE_DIR=/uvcache)');
    assert.equal(
      editor.document.getText(),
      [
        '{',
        '  // A BuildKit cache mount does not exist for `docker run`: this one fails.',
        '  "name": "extension-host fixture",',
        '  "image": "python:3.12-slim",',
        '  "mounts": [',
        '    "source=${localEnv:UV_CACHE_DIR},target=/uvcache,type=bind,consistency=cached" /* the cache to keep */',
        '  ],',
        '  "containerEnv": {',
        '    "UV_CACHE_DIR": "/uvcache"',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    // What the fix leaves, as the CLI reports it too: the host variable may be unset (CM103) and UV_LINK_MODE
    // is not set (CM105), both info.
    const after = ours(await diagnosticsWhere(uri, lacksCode('CM101')));
    assert.deepEqual(after.map(codeOf).sort(), ['CM103', 'CM105']);
  });
});
