// Fix-all on save: with editor.codeActionsOnSave { "source.fixAll": "explicit" }, saving a Dockerfile applies
// every safe fix (source.fixAll.dockerCacheMounts) to the text that is written to disk.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticsWhere, hasCode, lacksCode, open, ours, setSetting } from './helpers';

suite('Fix all on save', () => {
  teardown(() => setSetting('editor', 'codeActionsOnSave', undefined));

  test('saving applies the apt fixes and the id, on screen and on disk', async () => {
    await setSetting('editor', 'codeActionsOnSave', { 'source.fixAll': 'explicit' });
    const editor = await open('save.Dockerfile');
    const doc = editor.document;
    const end = doc.lineAt(doc.lineCount - 1).range.end;
    const run = 'RUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y curl\n';
    assert.ok(await editor.edit((b) => b.insert(end, run)));
    await diagnosticsWhere(doc.uri, hasCode('CM007'));

    assert.ok(await doc.save(), 'the document is saved');
    const expected = [
      'FROM debian:bookworm',
      `RUN rm -f /etc/apt/apt.conf.d/docker-clean; echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' > /etc/apt/apt.conf.d/keep-cache`,
      'RUN --mount=type=cache,sharing=locked,id=apt-cache,target=/var/cache/apt apt-get update && apt-get install -y curl',
      '',
    ].join('\n');
    assert.equal(doc.getText(), expected);
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(doc.uri)), expected);
    assert.deepEqual(ours(await diagnosticsWhere(doc.uri, lacksCode('CM007'))), []);
  });
});
