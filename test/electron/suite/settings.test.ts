// A settings change re-lints the open file: dockerCacheMounts.rules raises CM001 to an error, then turns it off.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, diagnosticsWhere, lacksCode, open, ours, setSetting, withCode } from './helpers';

const cm001Severity = (severity: vscode.DiagnosticSeverity) => (ds: readonly vscode.Diagnostic[]) =>
  ours(ds).some((d) => codeOf(d) === 'CM001' && d.severity === severity);

suite('Settings', () => {
  teardown(() => setSetting('dockerCacheMounts', 'rules', undefined));

  test('dockerCacheMounts.rules changes the severity of an open file, then turns the rule off', async () => {
    const editor = await open('settings.Dockerfile');
    const uri = editor.document.uri;
    const hint = withCode(await diagnosticsWhere(uri, cm001Severity(vscode.DiagnosticSeverity.Hint)), 'CM001');
    assert.equal(hint.message, "No id: the pip cache is keyed by the target '/root/.cache/pip'.");

    await setSetting('dockerCacheMounts', 'rules', { CM001: 'error' });
    const error = withCode(await diagnosticsWhere(uri, cm001Severity(vscode.DiagnosticSeverity.Error)), 'CM001');
    assert.deepEqual(error.range, hint.range);

    await setSetting('dockerCacheMounts', 'rules', { 'missing-cache-id': 'off' });
    assert.deepEqual(ours(await diagnosticsWhere(uri, lacksCode('CM001'))), []);
  });
});
